"""A shelf of books made from the real scans in this repository, for collection builds.

Each book is a run of consecutive scanned pages of one real scan (the
Krivitsky raw scan, the Persuasion and Cooper library-OCR excerpts), cut at
page boundaries, so every book is real OCR in its own page convention; books
differ in where they start and how long they are.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from edition.model import Scan
from edition.read.text import read_scan

ROOT = Path(__file__).resolve().parent.parent
SCANS = (
    ROOT / "raw" / "krivitsky-1940.txt",
    ROOT / "tests" / "data" / "corpus" / "persuasion-1901-p1-40.txt",
    ROOT / "tests" / "data" / "corpus" / "cooper-1835-lectures-1-2.txt",
)


@cache
def _scan(path: Path) -> Scan:
    return read_scan(path)


def book(k: int, pages: int) -> str:
    """Book number `k` of the shelf: `pages` consecutive pages of one real scan."""
    scan = _scan(SCANS[k % len(SCANS)])
    pages = min(pages, len(scan.pages))
    first = (k * 7) % (len(scan.pages) - pages + 1)
    return scan.raw[scan.pages[first].start : scan.pages[first + pages - 1].end] + "\n"


def make_shelf(dest: Path, books: int, pages: int = 8) -> list[Path]:
    """Write `books` books of about `pages` pages each into `dest`; their paths."""
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(books):
        path = dest / f"book-{k:04d}.txt"
        path.write_text(book(k, pages + k % 5), encoding="utf-8")
        paths.append(path)
    return paths
