"""The table of figures (one row per figure, one column per book), and its comparison with a
saved run."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Fmt = Callable[[Any], str]


def _int(x: Any) -> str:
    return f"{x:,}" if isinstance(x, int) and not isinstance(x, bool) else str(x)


def _yes(x: Any) -> str:
    return "yes" if x else "NO"


def _refused(x: Any) -> str:
    return "REFUSED" if x else "no"


def _f4(x: Any) -> str:
    return f"{x:.4f}"


def _f3(x: Any) -> str:
    return f"{x:.3f}"


def _f2(x: Any) -> str:
    return f"{x:.2f}"


def _pct(x: Any) -> str:
    return f"{100 * x:.1f}%"


#: (label, path in a book's figures, format, how the "all" column sums it up: "sum", "mean"
#: over books, "ratio:A/B" of two summed figures, or "" for none).
ROWS: list[tuple[str, str, Fmt, str]] = [
    ("scan pages", "pages", _int, "sum"),
    ("1 accounting complete", "accounting.complete", _yes, ""),
    ("  raw spans unaccounted", "accounting.unaccounted", _int, "sum"),
    ("  edition blocks added", "accounting.added", _int, "sum"),
    ("  build refused (exit 1)", "accounting.build_refused", _refused, ""),
    ("2 pages numbered by inference", "pagination.inferred", _int, "sum"),
    ("  of them uncertain", "pagination.uncertain", _int, "sum"),
    ("  pages with no number", "pagination.unnumbered", _int, "sum"),
    ("  pb type=unscanned", "pagination.unscanned", _int, "sum"),
    ("  folios read on raw pages", "pagination.folios.checked", _int, "sum"),
    ("  ... equal to pb/@n", "pagination.folios.agree", _int, "sum"),
    ("  folio agreement", "pagination.folios.share", _pct,
     "ratio:pagination.folios.agree/pagination.folios.checked"),
    ("3 page numbers in body text", "furniture.page_numbers.count", _int, "sum"),
    ("  signature marks", "furniture.signatures.count", _int, "sum"),
    ("  catchwords", "furniture.catchwords.count", _int, "sum"),
    ("  running heads", "furniture.running_heads.count", _int, "sum"),
    ("4 warnings", "warnings.total", _int, "sum"),
    ("  per 100 pages", "warnings.per_100_pages", _f2, "mean"),
    ("5 CER reading text", "cer.toolkit", _f4, "mean"),
    ("  CER do-nothing baseline", "cer.baseline", _f4, "mean"),
    ("  CER HTRC (re-implemented)", "cer.htrc", _f4, "mean"),
    ("6 hyphen decisions", "hyphens.decisions", _int, "sum"),
    ("  joined", "hyphens.joined", _int, "sum"),
    ("  kept", "hyphens.kept", _int, "sum"),
    ("  wrong joins", "hyphens.wrong_join", _int, "sum"),
    ("  wrong keeps", "hyphens.wrong_keep", _int, "sum"),
    ("  undecidable", "hyphens.undecidable", _int, "sum"),
    ("  split words, no hyphen", "split_words.without_hyphen", _int, "sum"),
    ("  split words, hyphen + space", "split_words.with_hyphen", _int, "sum"),
    ("7 paragraph precision", "paragraphs.precision", _f3, "mean"),
    ("  paragraph recall", "paragraphs.recall", _f3, "mean"),
    ("  paragraph F1", "paragraphs.f1", _f3, "mean"),
    ("  boundaries counted: edition", "paragraphs.edition", _int, "sum"),
    ("  boundaries counted: truth", "paragraphs.truth", _int, "sum"),
    ("  edition's at verse/list lines", "paragraphs.edition_at_set_lines", _int, "sum"),
    ("  transcription paragraphs", "truth.paragraphs", _int, "sum"),
    ("  F1, whole reading text", "paragraphs_all.f1", _f3, "mean"),
    ("8 headings in transcription", "divisions.headings", _int, "sum"),
    ("  visible in the OCR", "divisions.visible", _int, "sum"),
    ("  found as divisions", "divisions.found", _int, "sum"),
    ("  missed", "divisions.missed", _int, "sum"),
    ("  body divisions", "divisions.divs", _int, "sum"),
    ("  false divisions", "divisions.false", _int, "sum"),
    ("  divisions not aligned", "divisions.unplaced", _int, "sum"),
    ("9 notes in body", "structure.notes", _int, "sum"),
    ("  verse lines <l>", "structure.verse_lines", _int, "sum"),
    ("  transcription verse lines", "truth.verse_lines", _int, "sum"),
    ("10 long s read as f", "long_s.errors", _int, "sum"),
    ("  per word with s", "long_s.rate", _f4, "mean"),
    ("seconds: build + diff", "seconds.build_diff", _f2, "sum"),
    ("seconds: measure", "seconds.measure", _f2, "sum"),
]
#: Rows whose change between runs is noise, not a result (timings).
NO_DELTA = ("seconds.",)


def get(figures: dict[str, Any] | None, path: str) -> Any:
    """A figure by its dotted path, None when absent."""
    node: Any = figures
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def _warning_rows(runs: list[dict[str, Any]]) -> list[tuple[str, str, Fmt, str]]:
    kinds: dict[str, int] = {}
    names: dict[str, str] = {}
    for run in runs:
        for figures in run.values():
            for kind, v in (get(figures, "warnings.kinds") or {}).items():
                kinds[kind] = kinds.get(kind, 0) + v["count"]
                if "name" in v:
                    names[kind] = v["name"]
    return [(f"  {kind} {names.get(kind, '')}".rstrip(), f"warnings.kinds.{kind}.count", _int,
             "sum") for kind in sorted(kinds, key=lambda k: (-kinds[k], k))]


def _aggregate(values: list[Any], how: str, books: list[dict[str, Any] | None]) -> Any:
    if how.startswith("ratio:"):
        top, bottom = (sum(v for b in books if isinstance(v := get(b, path), int | float))
                       for path in how.removeprefix("ratio:").split("/"))
        return top / bottom if bottom else None
    nums = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    if not how or not nums:
        return None
    if how == "sum":
        return sum(nums)
    return sum(nums) / len(nums)


def _cell(value: Any, fmt: Fmt, old: Any = None, compare: bool = False, delta: bool = True) -> str:
    if value is None:
        text = "–"
    else:
        text = fmt(value)
    if not compare or not delta:
        return text
    if old is None and value is None:
        return text
    if old is None:
        return f"{text} (new)"
    if value is None:
        return f"– (was {fmt(old)})"
    if old == value:
        return text
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"{text} (was {fmt(old)})"
    d = value - old
    shown = f"{100 * d:.2f}" if fmt is _pct else fmt(d)
    return f"{text} ({'+' if d > 0 else ''}{shown})"


def short_name(book: str) -> str:
    """A column heading: the book's directory name up to its first hyphen."""
    return book.split("-")[0]


def table(books: dict[str, dict[str, Any]], saved: dict[str, dict[str, Any]] | None = None) -> str:
    """The figures of `books` as a text table; with `saved` (the books of an earlier run),
    each cell also shows the change since it."""
    names = sorted(books)
    compare = saved is not None
    rows = list(ROWS)
    at = next(k for k, r in enumerate(rows) if r[1] == "warnings.per_100_pages") + 1
    rows[at:at] = _warning_rows([books, saved or {}])
    for figures in books.values():
        if "seconds" in figures:
            s = figures["seconds"]
            s["build_diff"] = round(s.get("build", 0) + s.get("diff", 0), 2)
    grid: list[list[str]] = [["", *map(short_name, names), "all"]]
    for label, path, fmt, how in rows:
        delta = not path.startswith(NO_DELTA)
        values = [get(books[n], path) for n in names]
        if all(v is None for v in values) and not any(
                get((saved or {}).get(n), path) is not None for n in names):
            continue
        cells = [_cell(v, fmt, get((saved or {}).get(n), path), compare, delta)
                 for n, v in zip(names, values, strict=True)]
        olds = [get((saved or {}).get(n), path) for n in names]
        total = _aggregate(values, how, [books[n] for n in names])
        old_total = _aggregate(olds, how, [(saved or {}).get(n) for n in names]) \
            if compare else None
        cells.append(_cell(total, fmt, old_total, compare and old_total is not None, delta))
        grid.append([label, *cells])
    widths = [max(len(row[k]) for row in grid) for k in range(len(grid[0]))]
    lines = []
    for row in grid:
        lines.append(row[0].ljust(widths[0]) + "".join(
            "  " + cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True)))
    return "\n".join(lines)
