"""Build scans made by repeating real pages, up to 60 MB, and print time and peak memory.

    python bench/large.py [--sizes 6,15,30,60] [--no-shapes] [SOURCE]

Each size is built in a fresh `edition build` process from SOURCE
(raw/krivitsky-1940.txt by default) repeated whole, its pages separated as
in the original. Printed per size: wall time, throughput (MB/s), peak
resident memory, and memory per byte of source: flat figures across the sizes
mean time and memory are proportional to the input.

Then hostile shapes, each at n and 4n: tens of thousands of one-word pages, of
one-letter lines, of blank lines, of page numbers alone. A ratio near 4 is
linear; these once took minutes (a paragraph rebuilt at every page it ran on
to, text concatenated onto one lxml element).
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
    parser.add_argument("--no-shapes", action="store_true", help="skip the hostile shapes")
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
        if not args.no_shapes:
            shapes(Path(tmp))


#: Hostile shapes: name -> text for a size n.
SHAPES = {
    "one-word pages": lambda n: "word\f" * n,
    "one-letter lines": lambda n: "\n".join("x" for _ in range(4 * n)),
    "blank lines": lambda n: "a\n" + "\n" * (40 * n) + "b\n",
    "page numbers alone": lambda n: "\n\n\n\n".join(str(k) for k in range(1, n)),
}


def shapes(tmp: Path, n: int = 12_500) -> None:
    """Each hostile shape at n and 4n; seconds and their ratio."""
    print(f"\n{'shape':<20}{'n':>8}{'seconds':>9}{'4n':>8}{'seconds':>9}{'ratio':>7}")
    for name, make in SHAPES.items():
        walls = []
        for size in (n, 4 * n):
            path = tmp / "shape.txt"
            path.write_text(make(size), encoding="utf-8")
            walls.append(build(path, tmp / "shape-out")[0])
        print(f"{name:<20}{n:>8}{walls[0]:>9.2f}{4 * n:>8}{walls[1]:>9.2f}{walls[1] / walls[0]:>7.1f}")


if __name__ == "__main__":
    main()
