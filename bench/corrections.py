"""What an editor's corrections cost: absorbing an edited copy, and building with N corrections.

    python bench/corrections.py [--runs N] [--counts 0,50,200] [SCAN]

On the 300-page Krivitsky scan (raw/krivitsky-1940.txt) by default. For each count N, an
edited copy of the reading text is made by changing N words spread evenly through the book
(each word of six letters or more at an even stride made upper case), and the script prints:
the in-process seconds `absorb` takes to turn the copy into N corrections (it builds the
edition twice and checks the corrections by building once more), the median seconds of a
build (`pipeline.build` and the TEI, as `edition build` does) without and with the N
corrections, and the same build after a page is inserted at the front of the scan, where every
anchor has moved and is found again by its context.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import regex  # noqa: E402

from edition.build import render  # noqa: E402
from edition.corrections.absorb import absorb  # noqa: E402
from edition.corrections.model import load, save  # noqa: E402
from edition.pipeline import build  # noqa: E402
from edition.read.text import read_scan  # noqa: E402
from edition.write.tei import to_tei  # noqa: E402
from edition.write.text import tei_text  # noqa: E402


def median_seconds(fn: object, runs: int) -> float:
    """The median of `runs` timed calls, after one warm-up call."""
    fn()  # type: ignore[operator]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def edited_copy(text: str, count: int) -> str:
    """The reading text with `count` long words, spread evenly, made upper case."""
    words = [m for m in regex.finditer(r"(?<=\s)\p{Ll}{6,}(?=[\s,.;])", text)]
    if count == 0:
        return text
    stride = max(1, len(words) // count)
    chosen = words[::stride][:count]
    out, pos = [], 0
    for m in chosen:
        out.extend([text[pos : m.start()], m.group(0).upper()])
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scan", nargs="?", type=Path, default=ROOT / "raw" / "krivitsky-1940.txt")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--counts", default="0,50,200")
    args = parser.parse_args()
    scan = read_scan(args.scan)
    text = tei_text(to_tei(build(scan)))
    first_page = scan.raw[: scan.pages[1].start]
    print(f"{args.scan.name}: {len(scan.pages)} scanned pages, {len(scan.raw):,} characters; "
          f"median of {args.runs} runs")
    print(f"{'corrections':>11} {'absorb s':>9} {'build s':>8} {'with them':>10} "
          f"{'page inserted':>14} {'applied':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for count in (int(c) for c in args.counts.split(",")):
            copy = edited_copy(text, count)
            start = time.perf_counter()
            result = absorb(scan, None, copy, "Bench", "2024-01-01T00:00:00Z")
            absorbed = time.perf_counter() - start
            path = Path(tmp) / f"{count}.corrections.tsv"
            save(path, result.new)
            corrections = load(path)
            plain = median_seconds(lambda: render(build(scan)), args.runs)
            corrected = median_seconds(lambda c=corrections: render(build(scan, c)), args.runs)
            shifted_path = Path(tmp) / "shifted.txt"
            shifted_path.write_text(first_page + scan.raw, encoding="utf-8")
            shifted = read_scan(shifted_path, scan.convention)
            again = median_seconds(lambda c=corrections, s=shifted: render(build(s, c)), args.runs)
            edition = build(shifted, corrections)
            applied = edition.corrections.count("applied") if edition.corrections else 0
            print(f"{len(result.new):>11} {absorbed:>9.2f} {plain:>8.2f} {corrected:>10.2f} "
                  f"{again:>14.2f} {applied:>8}")


if __name__ == "__main__":
    main()
