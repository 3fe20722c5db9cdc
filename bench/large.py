"""Build scans made by repeating real pages, up to 60 MB, and print time and peak memory.

    python bench/large.py [--sizes 6,15,30,60] [SOURCE]

Each size is built in a fresh `edition build` process from SOURCE
(raw/krivitsky-1940.txt by default) repeated whole, its pages separated as
in the original. Printed per size: wall time, throughput (MB/s), peak
resident memory, and memory per byte of source: flat figures across the sizes
mean time and memory are proportional to the input.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(source: Path, outdir: Path) -> tuple[float, int]:
    """Wall seconds and peak resident bytes of one build process."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "edition", "build", "-q", str(source),
                             "-o", str(outdir), "--max-mb", "1024"], cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {source} failed")
    return time.perf_counter() - start, usage.ru_maxrss * 1024


def main() -> None:
    """Make each size, build it, print a row."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=ROOT / "raw" / "krivitsky-1940.txt")
    parser.add_argument("--sizes", default="6,15,30,60", help="sizes in MB, comma-separated")
    args = parser.parse_args()
    page = args.source.read_bytes().rstrip(b"\n") + b"\n\n\n\n"
    print(f"{'size':>8} {'pages':>7} {'seconds':>8} {'MB/s':>6} {'peak MB':>8} {'peak/size':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in (float(s) for s in args.sizes.split(",")):
            copies = max(1, round(mb * 2**20 / len(page)))
            path = Path(tmp) / f"large-{mb:g}mb.txt"
            path.write_bytes(page * copies)
            size = path.stat().st_size
            wall, peak = build(path, Path(tmp) / "out")
            pages = (Path(tmp) / "out" / f"{path.stem}.xml").read_bytes().count(b"<pb ")
            print(f"{size / 2**20:>7.1f}M {pages:>7} {wall:>8.2f} {size / 2**20 / wall:>6.2f} "
                  f"{peak / 2**20:>8.0f} {peak / size:>9.1f}")
            path.unlink()


if __name__ == "__main__":
    main()
