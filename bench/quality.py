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

from edition.pipeline import build  # noqa: E402
from edition.reader import read_scan  # noqa: E402
from edition.readingtext import edition_text  # noqa: E402

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


def furniture_left(text: str, headers: set[str]) -> tuple[int, int]:
    """Paragraphs of the reading text that are only a number, and that equal a header."""
    blocks = [b.strip() for b in text.split("\n\n")]
    numbers = sum(1 for b in blocks if regex.fullmatch(r"[\divxlcIVXLC]{1,5}\.?", b))
    heads = sum(1 for b in blocks if normalise(b) in headers)
    return numbers, heads


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
        headers = {normalise(h.text) for h in edition.headers}
        numbers, heads = furniture_left(text, headers)
        print(f"  furniture left in the reading text: {numbers} number-only paragraphs, "
              f"{heads} running-header paragraphs")


if __name__ == "__main__":
    main()
