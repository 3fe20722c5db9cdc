"""One book of the corpus measured: every figure of bench/quality.py, as a JSON-ready dict."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import htrc
from lxml import etree

from measure import adapter
from measure.align import align
from measure.metrics import (
    MARKER,
    baseline,
    boundary_scores,
    cer,
    division_scores,
    folio_agreement,
    furniture,
    hyphen_scores,
    line_end_pairs,
    long_s,
    running_heads,
    split_words,
    truth_spellings,
    warning_counts,
)
from measure.tei import TeiDoc, parse, read_tei
from measure.truth import read_transcription
from measure.words import tokens, words


def _r(x: float | None, digits: int = 4) -> float | None:
    return None if x is None else round(x, digits)


def measure_book(book: Path, workdir: Path) -> dict[str, Any]:
    """All figures of one corpus book (a directory holding raw.txt and perhaps truth.txt);
    {"error": message} when the library refuses the book."""
    try:
        return _measure(book, workdir)
    except adapter.BookFailed as err:
        return {"error": str(err)}


def _measure(book: Path, workdir: Path) -> dict[str, Any]:
    timing: dict[str, float] = {}
    built = adapter.build_book(book / "raw.txt", workdir)
    timing["build"] = built.seconds
    start = time.perf_counter()
    acc = adapter.accounting(built)
    timing["diff"] = time.perf_counter() - start
    start = time.perf_counter()
    root = parse(built.tei)
    doc = read_tei(root)
    pages = adapter.scan_lines(built)
    n_pages = len(pages)
    out: dict[str, Any] = {"pages": n_pages}
    out["accounting"] = {"complete": acc.complete, "unaccounted": acc.unaccounted,
                         "added": acc.added, "build_refused": bool(built.refused),
                         "refusal": built.refused}
    out["pagination"] = _pagination(built, doc, pages)
    body = [(b.tag, b.marked, [m.n for m in b.pbs]) for b in doc.blocks if b.part == "body"]
    out["furniture"] = furniture(body, running_heads(pages))
    warns = adapter.warnings(built)
    out["warnings"] = {"total": len(warns),
                       "per_100_pages": round(100 * len(warns) / max(n_pages, 1), 2),
                       "kinds": warning_counts(warns, n_pages)}
    out["structure"] = {"divs": sum(d.part == "body" for d in doc.divs),
                        "notes": doc.notes.get("body", 0),
                        "verse_lines": doc.verse_lines.get("body", 0)}
    truth_path = book / "truth.txt"
    if truth_path.exists():
        out.update(_against_truth(built, root, doc, pages,
                                  truth_path.read_text(encoding="utf-8"), timing))
    timing["measure"] = time.perf_counter() - start
    out["seconds"] = {k: round(v, 2) for k, v in timing.items()}
    return out


def _pagination(built: adapter.Built, doc: TeiDoc, pages: list[list[str]]) -> dict[str, Any]:
    how = adapter.page_numbers(built)
    printed = [m.n for m in doc.pages if m.type != "unscanned"]
    folios: dict[str, Any]
    if len(printed) == len(pages):
        folios = folio_agreement(pages, printed)
    else:  # the TEI's page breaks no longer stand one per scan page: say so, do not guess
        folios = {"checked": None, "agree": None, "share": None,
                  "disagreements": [f"{len(printed)} scanned <pb> for {len(pages)} scan pages"]}
    return {"inferred": sum(1 for n, h in how if n is not None and h != "anchor"),
            "uncertain": sum(1 for _, h in how if h == "uncertain"),
            "unnumbered": sum(1 for n, _ in how if n is None),
            "unscanned": sum(1 for m in doc.pages if m.type == "unscanned"),
            "folios": folios}


def _against_truth(built: adapter.Built, root: etree._Element, doc: TeiDoc,
                   pages: list[list[str]], truth: str, timing: dict[str, float]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    start = time.perf_counter()
    reading = adapter.reading_text(root)
    raw = adapter.raw_text(built)
    out["cer"] = {"toolkit": _r(cer(reading, truth)), "baseline": _r(cer(baseline(raw), truth)),
                  "htrc": _r(cer(htrc.clean(adapter.all_lines(built)), truth))}
    timing["cer"] = time.perf_counter() - start

    start = time.perf_counter()
    tr = read_transcription(truth)
    ours: list[str] = []
    hyphen_end: list[bool] = []
    part: list[str] = []
    first_word: list[int] = []  # each block's first word, or -1
    ends: set[int] = set()  # body blocks' last words
    ends_all: set[int] = set()  # every block's last word
    for block in doc.blocks:
        w = tokens(block.text)
        first_word.append(len(ours) if w.words else -1)
        ours += w.words
        hyphen_end += w.hyphen_end
        part += [block.part] * len(w.words)
        if w.words:
            ends_all.add(len(ours) - 1)
            if block.part == "body":
                ends.add(len(ours) - 1)
    al = align(ours, tr.words)
    timing["align"] = time.perf_counter() - start
    scope = [p == "body" for p in part]
    out["paragraphs"] = boundary_scores(al, ends, tr.boundaries(), scope, tr.line_ends).as_dict()
    # the whole reading text too: a book whose chapters land in <front> is measured all the same
    out["paragraphs_all"] = boundary_scores(al, ends_all, tr.boundaries(), None,
                                            tr.line_ends).as_dict()

    starts: list[tuple[int, str, str]] = []
    for div in doc.divs:
        first = next((f for f in first_word[div.first_block :] if f >= 0), -1)
        starts.append((first, div.head, div.part))
    raw_words = words(MARKER.sub("", raw))
    to_raw = align(tr.words, raw_words)
    out["divisions"] = division_scores(tr.headings, [words(h.text) for h in tr.headings], al,
                                       starts, to_raw, raw_words).as_dict()

    decisions, unparsed = adapter.hyphen_decisions(built)
    hyph, solid = truth_spellings(truth)
    scores = hyphen_scores(((d.joined, d.left, d.right) for d in decisions), hyph, solid)
    scores.unparsed = unparsed
    out["hyphens"] = scores.as_dict()
    out["split_words"] = split_words(al, ours, hyphen_end, tr.words,
                                     line_end_pairs(pages))
    out["long_s"] = long_s(al, ours, tr.words)
    out["truth"] = {"words": len(tr.words), "paragraphs": len(tr.paragraphs),
                    "headings": len(tr.headings), "verse_lines": tr.verse_lines,
                    "wrapped": tr.wrapped}
    timing["structure"] = time.perf_counter() - start
    return out
