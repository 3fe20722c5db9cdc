"""Measure edition quality on real library OCR: character error rate against a transcription.

    python bench/quality.py [CORPUS_DIR]   (default: ../shared/corpus)

For each book with a `truth.txt`: the toolkit's reading text (no per-book
settings) and the "do nothing" baseline (the raw text with only page markers
removed and line-end hyphens joined) are normalised the same way (lower case,
letters and single spaces only) and compared with the truth: CER = Levenshtein
distance / truth length. For each book without one: the furniture left in the
reading text (paragraphs that are only a number; paragraphs equal to a running
header) is counted.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import regex
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import htrc  # noqa: E402

from edition.pipeline import Edition, build  # noqa: E402
from edition.read.text import read_scan  # noqa: E402
from edition.write.text import edition_text  # noqa: E402

#: Page marker lines that the baseline removes (HathiTrust collector, Distributed Proofreaders).
MARKER = regex.compile(r"^(?:<page \d+>|-----File: [^-]*-----)\s*$", regex.M)
NON_LETTERS = regex.compile(r"[^\p{L}]+")


def normalise(text: str) -> str:
    """Lower case, letters and single spaces only."""
    return " ".join(NON_LETTERS.sub(" ", text.lower()).split())


def baseline(raw: str) -> str:
    """The raw text with page markers removed and line-end hyphens joined."""
    text = MARKER.sub("", raw)
    return regex.sub(r"(\p{L})-\n\s*(\p{L})", r"\1\2", text)


def cer(text: str, truth: str) -> float:
    """Levenshtein distance over truth length, both normalised."""
    a, b = normalise(text), normalise(truth)
    return Levenshtein.distance(a, b) / len(b)


def raw_headers(edition: Edition) -> set[str]:
    """Short lines in capitals found 3+ times among the first three lines of raw pages."""
    raw_tops: dict[str, int] = {}
    for page in edition.scan.pages:
        for line in page.content_lines()[:3]:
            key = normalise(line.text)
            if key and len(line.text) < 60 and line.text.upper() == line.text:
                raw_tops[key] = raw_tops.get(key, 0) + 1
    return {k for k, n in raw_tops.items() if n >= 3}


def furniture_left(edition: Edition) -> tuple[list[str], list[str], int]:
    """Body paragraphs at the top or foot of a page (headings excluded) that are only a number,
    or a running header's text (a short line in capitals found 3+ times at the top of pages in
    the raw scan); and how many number-only paragraphs the front matter (title, contents)
    holds."""
    headers = raw_headers(edition)
    body = edition.openings[0].page if edition.openings else 0
    numbers, heads, front = [], [], 0
    for block in edition.blocks():
        text = block.text.strip()
        if block.kind != "p" or block.role in ("title", "label") or not text:
            continue
        lines = edition.scan.pages[block.page].content_lines()
        if block.line not in lines[:3] + lines[-2:]:
            continue  # furniture stands at the top or the foot of a page
        is_number = bool(regex.fullmatch(r"[\divxlcIVXLC]{1,5}\.?", text))
        if block.page < body:
            front += is_number
        elif is_number:
            numbers.append(text)
        elif normalise(text) in headers:
            heads.append(text)
    return numbers, heads, front


def headers_inside(edition: Edition) -> list[str]:
    """Running-header texts standing inside body paragraphs, between lower-case words."""
    from edition.check.validate import _left_inside

    texts = {h.text for h in edition.headers if len(h.text) >= 8 and h.text.isupper()}
    body = edition.openings[0].page if edition.openings else 0
    found = []
    for block in edition.blocks():
        if block.kind != "p" or block.page < body:
            continue
        text = " ".join(block.text.split())
        found += [h for h in texts if h in text and _left_inside(h, text)]
    return found


def main() -> None:
    """Print the figures for every book of the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    for book in sorted(p for p in args.corpus.iterdir() if (p / "raw.txt").exists()):
        raw_path = book / "raw.txt"
        start = time.perf_counter()
        edition = build(read_scan(raw_path))
        elapsed = time.perf_counter() - start
        text = edition_text(edition)
        print(f"{book.name}: {len(edition.scan.pages)} pages, built in {elapsed:.2f} s, "
              f"{len(edition.divs)} divisions, {len(edition.warnings)} warnings")
        truth_path = book / "truth.txt"
        if truth_path.exists():
            truth = truth_path.read_text(encoding="utf-8")
            raw = raw_path.read_text(encoding="utf-8")
            print(f"  CER toolkit  {cer(text, truth):.4f}")
            print(f"  CER baseline {cer(baseline(raw), truth):.4f}")
            pages = [[ln.text for ln in page.lines] for page in edition.scan.pages]
            print(f"  CER HTRC running-header remover (re-implemented) {cer(htrc.clean(pages), truth):.4f}")
        numbers, heads, front = furniture_left(edition)
        inside = headers_inside(edition)
        pages = [[ln.text for ln in page.lines] for page in edition.scan.pages]
        theirs = htrc.clean(pages).split("\n")
        tops = raw_headers(edition)
        h_numbers = sum(1 for ln in theirs if regex.fullmatch(r"[\divxlcIVXLC]{1,5}\.?", ln.strip()))
        h_heads = sum(1 for ln in theirs if normalise(ln) in tops)
        print(f"  HTRC (re-implemented) leaves {h_numbers} number-only lines and {h_heads} "
              "running-header lines")
        print(f"  furniture left in the body's reading text: {len(numbers)} number-only "
              f"paragraphs {numbers[:8]}, {len(heads)} running-header paragraphs {heads[:5]}")
        print(f"  running headers left inside paragraphs (a page break the scan lost): "
              f"{len(inside)} {inside[:4]}")
        print(f"  (front matter: {front} number-only paragraphs, contents page numbers included)")


if __name__ == "__main__":
    main()
