"""Collection throughput: pages per second with 1 and 2 processes, and per-book cost as the
shelf grows.

    python bench/throughput.py [--books 100] [--pages 120] [--grow 50,100,200] [--rounds 3] [--dask]

The shelf is made from the real scans in this repository (tests/shelf.py:
runs of consecutive pages of the Krivitsky scan and of the Persuasion and
Cooper library-OCR excerpts). Each figure is one fresh `edition build` of the
whole shelf into an empty directory (process start included), so it is what a
user waits for. Scaling efficiency is the speed-up divided by the number of
processes.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.shelf import make_shelf  # noqa: E402


def build(shelf: Path, out: Path, jobs: int, engine: str = "local") -> float:
    """Wall seconds of one build of the shelf."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "edition", "build", "-q", str(shelf), "-o", str(out),
                    "-j", str(jobs), "--engine", engine, "--force"], cwd=ROOT, check=True)
    return time.perf_counter() - start


def pages_of(out: Path) -> int:
    """Scanned pages in the built editions."""
    return sum(p.read_bytes().count(b"<pb ") for p in out.glob("*.xml"))


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--books", type=int, default=100)
    parser.add_argument("--pages", type=int, default=120, help="pages a book asks for (books "
                        "cut from the shorter excerpts are shorter)")
    parser.add_argument("--grow", default="50,100,200", help="shelf sizes for per-book cost")
    parser.add_argument("--dask", action="store_true", help="also the Dask engine (local cluster)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of each run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        shelf = Path(tmp) / "shelf"
        make_shelf(shelf, args.books, args.pages)
        size = sum(p.stat().st_size for p in shelf.iterdir()) / 2**20
        build(shelf, Path(tmp) / "warm", 1)  # page cache and .pyc warm for every run below
        pages = pages_of(Path(tmp) / "warm")
        print(f"shelf: {args.books} books, {pages:,} scanned pages, {size:.1f} MB")
        runs = [("local", 1), ("local", 2)] + ([("dask", 2)] if args.dask else [])
        # rounds interleave the configurations, so a slow spell of a shared machine falls on
        # all of them; the best round of each is the figure (as timeit takes the minimum)
        walls: dict[tuple[str, int], list[float]] = {run: [] for run in runs}
        for k in range(args.rounds):
            for engine, jobs in runs:
                walls[engine, jobs].append(build(shelf, Path(tmp) / f"{engine}{jobs}-{k}", jobs,
                                                 engine))
        print(f"{'engine':<8}{'procs':>6}{'best s':>8}{'median s':>10}{'pages/s':>9}"
              f"{'speed-up':>10}{'efficiency':>12}")
        base = min(walls["local", 1])
        for (engine, jobs), seen in walls.items():
            best = min(seen)
            print(f"{engine:<8}{jobs:>6}{best:>8.2f}{statistics.median(seen):>10.2f}"
                  f"{pages / best:>9.0f}{base / best:>9.2f}×{base / best / jobs:>12.2f}")
        print(f"\nper-book cost as the shelf grows (local, 2 processes, {args.pages}-page books)")
        print(f"{'books':>6}{'pages':>8}{'seconds':>9}{'ms/book':>9}{'ms/page':>9}")
        for n in (int(x) for x in args.grow.split(",")):
            grown = Path(tmp) / f"grow{n}"
            make_shelf(grown, n, args.pages)
            wall = build(grown, Path(tmp) / f"grow{n}-out", 2)
            grown_pages = pages_of(Path(tmp) / f"grow{n}-out")
            print(f"{n:>6}{grown_pages:>8,}{wall:>9.2f}{1000 * wall / n:>9.1f}"
                  f"{1000 * wall / grown_pages:>9.2f}")


if __name__ == "__main__":
    main()
