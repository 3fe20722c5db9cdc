"""List one book's missed and false paragraph boundaries with the raw lines around them.

    python bench/paragraph_misses.py BOOK [--corpus DIR] [--kind missed|false|both]
                                          [--limit N] [--shape END/OPEN] [--summary]

The boundaries are those of bench/quality.py's section 7 (`metrics.boundary_scores`: the
edition's body `<p>` ends against the transcription's paragraph ends, through the word
alignment). Each one is placed on the raw scan by a second alignment (edition words to the
scan's words) and printed with the scan lines around it, their lengths, the page, the blank
lines between, and the join's shape as `edition.rules.paragraph_ends` reads it, and the transcription's words
around it (its paragraph ends marked), so the
classes of misses and false breaks can be seen and counted (`--summary`: counts by class).

A class is read from the scan: "turn" (the two words stand on different scan pages), "same
line" (on one scan line: the OCR ran two printed lines together, or a quotation mid-line),
"blank" (a blank line between the two lines), else "line"; with the join's shape and whether
the line before is short (under `paragraph_ends.SHORT_LINE` of the median line of its page).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from measure import adapter  # noqa: E402
from measure.align import Alignment, align  # noqa: E402
from measure.tei import parse, read_tei  # noqa: E402
from measure.truth import read_transcription  # noqa: E402
from measure.words import tokens, words  # noqa: E402

from edition.rules import paragraph_ends  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
#: Words of context printed on each side of a boundary.
CONTEXT_WORDS = 8


@dataclass(frozen=True, slots=True)
class RawWord:
    """Where a word of the scan stands: scan page, index of its line in the page's lines."""

    page: int
    line: int


@dataclass(slots=True)
class Case:
    """One missed or false boundary: the edition words on each side of it, its class."""

    kind: str
    left: int  # edition word before the gap
    where: str = ""
    shape: tuple[str, str] = ("", "")
    short: bool = False
    text: str = ""


def raw_words(built: adapter.Built) -> tuple[list[str], list[RawWord]]:
    """The scan's words, each with its page and line."""
    out: list[str] = []
    at: list[RawWord] = []
    for page in built.edition.scan.pages:
        for n, line in enumerate(page.lines):
            ws = words(line.text)
            out += ws
            at += [RawWord(page.index, n)] * len(ws)
    return out, at


def _mapped(al: Alignment, k: int, step: int) -> int | None:
    """The scan word mapped to edition word k, or to the nearest one going by `step`."""
    for i in range(k, k + step * 6, step):
        if 0 <= i < len(al.a_to_b) and al.a_to_b[i] >= 0:
            return al.a_to_b[i]
    return None


def _page_median(lines: list[str]) -> float:
    widths = [len(t.strip()) for t in lines if len(t.split()) >= paragraph_ends.MEASURE_WORDS]
    return float(statistics.median(widths)) if widths else 0.0


def describe(case: Case, built: adapter.Built, to_raw: Alignment, at: list[RawWord],
             ours: list[str], truth_context: str) -> None:
    """Fill in the case's class and printable text from the scan."""
    a, b = _mapped(to_raw, case.left, -1), _mapped(to_raw, case.left + 1, 1)
    head = " ".join(ours[max(0, case.left - CONTEXT_WORDS + 1): case.left + 1])
    tail = " ".join(ours[case.left + 1: case.left + 1 + CONTEXT_WORDS])
    lines_out = [f"  edition: ...{head} | {tail}...",
                 f"  truth:   ...{truth_context}...  ('|': its paragraph ends)"]
    if a is None or b is None:
        case.where = "unplaced"
        case.text = "\n".join(lines_out)
        return
    pa, pb = at[a], at[b]
    pages = built.edition.scan.pages
    if pa.page != pb.page:
        case.where = "turn"
    elif pa.line == pb.line:
        case.where = "same line"
    else:
        between = pages[pa.page].lines[pa.line + 1: pb.line]
        case.where = "blank" if any(ln.blank for ln in between) else "line"
    first = pages[pa.page].lines[pa.line].text
    second = pages[pb.page].lines[pb.line].text
    case.shape = paragraph_ends.shape(first.strip(), second.strip())
    median = _page_median([ln.text for ln in pages[pa.page].lines])
    case.short = bool(median) and len(first.strip()) < paragraph_ends.SHORT_LINE * median
    shown: list[str] = []
    for page, lo, hi in ((pa.page, pa.line - 1, pa.line + 1),
                         *(((pb.page, pb.line - 1, pb.line + 2),) if pb.page != pa.page
                           else ((pa.page, pa.line + 1, pb.line + 2),))):
        lines = pages[page].lines
        for n in range(max(0, lo), min(len(lines), hi)):
            mark = ">" if (page, n) in ((pa.page, pa.line), (pb.page, pb.line)) else " "
            shown.append(f"  {mark} p{page + 1}:{n + 1:<3} [{len(lines[n].text.strip()):3}"
                         f"/{median:3.0f}] {lines[n].text.rstrip()}")
    case.text = "\n".join([*shown, *lines_out])


def cases(book: Path, workdir: Path) -> tuple[list[Case], adapter.Built, Alignment,
                                               list[RawWord], list[str], list[str], set[int]]:
    """The book's missed ("missed") and false ("false") boundaries, in reading order."""
    built = adapter.build_book(book / "raw.txt", workdir)
    doc = read_tei(parse(built.tei))
    tr = read_transcription((book / "truth.txt").read_text(encoding="utf-8"))
    ours: list[str] = []
    part: list[str] = []
    ends: set[int] = set()
    for block in doc.blocks:
        w = tokens(block.text).words
        ours += w
        part += [block.part] * len(w)
        if w and block.part == "body":
            ends.add(len(ours) - 1)
    al = align(ours, tr.words)
    theirs = tr.boundaries()
    scope = [p == "body" for p in part]

    def in_scope(i: int) -> bool:
        return 0 <= i < len(scope) and scope[i]

    out: list[Case] = []
    for k in sorted(ends):
        if not (in_scope(k) and in_scope(k + 1)):
            continue
        r = al.project_gap(k, True)
        if r is None or any(j in theirs for j in range(r[0], r[1] + 1)):
            continue
        # at a verse line's or list item's end, not counted ("lines"), or false
        at_line = any(j in tr.line_ends for j in range(r[0], r[1] + 1))
        out.append(Case("lines" if at_line else "false", k))
    for j in sorted(theirs):
        r = al.project_gap(j, False)
        if r is None or not (in_scope(r[0]) and in_scope(r[1] + 1)):
            continue
        if not any(i in ends for i in range(r[0], r[1] + 1)):
            out.append(Case("missed", r[0]))
    out.sort(key=lambda c: c.left)
    raw, at = raw_words(built)
    return out, built, align(ours, raw), at, ours, tr.words, theirs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("book", help="a book of the corpus (its directory name)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--kind", choices=("missed", "false", "both", "lines"), default="both",
                        help="'lines': the edition's boundaries at a verse line's or list "
                             "item's end in the transcription (not counted)")
    parser.add_argument("--limit", type=int, default=0, help="print at most N cases (0: all)")
    parser.add_argument("--where", help="only cases of this class (turn, same line, blank, line)")
    parser.add_argument("--shape", help="only joins of this shape, as END/OPEN ('stop/capital')")
    parser.add_argument("--summary", action="store_true", help="counts by class only")
    args = parser.parse_args(argv)
    book = args.corpus / args.book
    if not (book / "raw.txt").is_file() or not (book / "truth.txt").is_file():
        print(f"paragraph_misses.py: no raw.txt and truth.txt in {book}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="para-") as tmp:
        found, built, to_raw, at, ours, theirs, ends = cases(book, Path(tmp))
    tr_al = align(ours, theirs)
    shown = 0
    counts: Counter[tuple[str, str, str, bool]] = Counter()
    for case in found:
        if case.kind != args.kind and (args.kind != "both" or case.kind == "lines"):
            continue
        j = _mapped(tr_al, case.left, -1)
        context = "" if j is None else " ".join(
            w + (" |" if i in ends else "")
            for i, w in enumerate(theirs[max(0, j - CONTEXT_WORDS + 1): j + 1 + CONTEXT_WORDS],
                                  start=max(0, j - CONTEXT_WORDS + 1)))
        describe(case, built, to_raw, at, ours, context)
        if args.where and case.where != args.where:
            continue
        if args.shape and "/".join(case.shape) != args.shape:
            continue
        counts[(case.kind, case.where, "/".join(case.shape), case.short)] += 1
        if args.summary or (args.limit and shown >= args.limit):
            continue
        shown += 1
        print(f"{case.kind.upper()} [{case.where}; {'/'.join(case.shape)}; "
              f"{'short' if case.short else 'full'}]")
        print(case.text)
        print()
    for (kind, where, s, short), n in counts.most_common():
        print(f"{n:5}  {kind:6}  {where:9}  {s:24}  {'short' if short else 'full'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
