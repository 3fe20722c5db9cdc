"""Time `edition build` on the project's raw scans and print the figures.

    python bench/bench.py [--runs N] [--quick] [SOURCE ...]

First the floor no build can go under: the wall time of `python -c pass` (the
interpreter) and of `python -c "import edition.pipeline"` (the toolkit's import).
Then for each source (default: the hard-wrapped Persuasion excerpt of
tests/data/corpus, whose line-end hyphens ask the word list, and raw/*.txt): the
median and best wall time of a fresh `edition build` process next to that floor,
so the share the toolkit controls is visible; its peak memory; the in-process
time of each stage (read, clean and structure, emit TEI, serialise), median of N;
the time a fresh process takes to first use the word list and to detect the
book's language (loading included);
then `edition validate` on the built edition next to jing on the same file; then
`edition diff --html` on the book and on the book ten times over (to show the
cost is linear), and with --dinglehopper, dinglehopper on the same pair. Last,
`edition validate tei/persons.xml` with a cold cache (no pruned grammar yet) and
a warm one. --quick leaves out stages, validate of the built book and diff.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: A hard-wrapped book whose line-end hyphens are decided with the word list.
HARD_WRAPPED = ROOT / "tests" / "data" / "corpus" / "persuasion-1901-p1-40.txt"


def fresh_process(source: Path, outdir: Path) -> tuple[float, int]:
    """Wall seconds and peak resident KiB of one `python -m edition build` process."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "edition", "build", "-q", str(source),
                             "-o", str(outdir)], cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {source} failed")
    return wall, usage.ru_maxrss


def timed(cmd: list[str], runs: int, cold_schema: str | None = None) -> list[float]:
    """Wall seconds of `runs` runs of a command (output discarded).

    With `cold_schema`, each run gets a new empty cache holding only that schema,
    so nothing derived from an earlier run can help it.
    """
    walls = []
    for _ in range(runs):
        env = dict(os.environ)
        with tempfile.TemporaryDirectory() as cache:
            if cold_schema:
                (Path(cache) / "edition").mkdir()
                shutil.copy(cold_schema, Path(cache) / "edition" / Path(cold_schema).name)
                env["XDG_CACHE_HOME"] = cache
            start = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=False, env=env)
            walls.append(time.perf_counter() - start)
    return walls


def bench_validate(edition: Path, runs: int) -> None:
    """`edition validate` against jing on the same edition, side by side."""
    from edition.check.schema import tei_all

    schema = str(tei_all())
    cmd = [sys.executable, "-m", "edition", "validate", str(edition)]
    cold = timed(cmd, runs, cold_schema=schema)
    ours = timed(cmd, runs)
    print(f"{edition.name}: edition validate (fresh process, cold cache) median "
          f"{statistics.median(cold):.3f} s, best {min(cold):.3f} s")
    print(f"{edition.name}: edition validate (fresh process, warm cache) median "
          f"{statistics.median(ours):.3f} s, best {min(ours):.3f} s")
    if shutil.which("jing"):
        theirs = timed(["jing", schema, str(edition)], runs)
        print(f"{edition.name}: jing tei_all (fresh process) median "
              f"{statistics.median(theirs):.3f} s, best {min(theirs):.3f} s; ratio cold "
              f"{statistics.median(cold) / statistics.median(theirs):.2f}, warm "
              f"{statistics.median(ours) / statistics.median(theirs):.2f}")
    else:
        print("  jing is not installed: no comparison")


def bench_diff(source: Path, edition: Path, runs: int, tmp: Path, dinglehopper: bool) -> None:
    """`edition diff --html` on the book, on the book ten times over, and dinglehopper."""
    cmd = [sys.executable, "-m", "edition", "diff", str(source), str(edition),
           "--html", str(tmp / "report.html")]
    one = statistics.median(timed(cmd, runs))
    print(f"{source.name}: edition diff + HTML report (fresh process) median {one:.3f} s")
    from edition.read.text import scan_name

    big = tmp / f"{scan_name(source)}-x10.txt"
    text = source.read_text(encoding="utf-8")
    big.write_text("\n\n\n\n".join([text.strip("\n")] * 10) + "\n", encoding="utf-8")
    fresh_process(big, tmp)
    big_cmd = [sys.executable, "-m", "edition", "diff", str(big),
               str(tmp / f"{scan_name(big)}.xml"), "--html", str(tmp / "report-x10.html")]
    ten = statistics.median(timed(big_cmd, max(1, runs // 2)))
    print(f"{big.name} ({big.stat().st_size:,} bytes): edition diff + HTML median {ten:.3f} s; "
          f"{ten / one:.1f}× the time for 10× the text")
    if not dinglehopper:
        return
    if not shutil.which("dinglehopper"):
        print("  dinglehopper is not installed (pip install dinglehopper)")
        return
    reading = tmp / f"{source.stem}.reading.txt"
    subprocess.run([sys.executable, "-m", "edition", "text", str(edition), "-o", str(reading)],
                   cwd=ROOT, check=True)
    start = time.perf_counter()
    _, status, usage = os.wait4(subprocess.Popen(
        ["dinglehopper", "--plain-encoding", "utf-8", str(source), str(reading),
         str(tmp / "dinglehopper")], cwd=tmp, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL).pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        print("  dinglehopper failed on the pair")
        return
    print(f"{source.name}: dinglehopper on the same pair {wall:.1f} s, peak memory "
          f"{usage.ru_maxrss / 1024:.0f} MiB; edition diff is {wall / one:.0f}× faster")


def floor(runs: int) -> tuple[float, float]:
    """Median wall seconds of `python -c pass` and of importing the pipeline, fresh processes."""
    bare = statistics.median(timed([sys.executable, "-c", "pass"], runs))
    imported = statistics.median(timed([sys.executable, "-c", "import edition.pipeline"], runs))
    print(f"python -c pass: median {bare:.3f} s; python -c 'import edition.pipeline': median "
          f"{imported:.3f} s (the import is {imported - bare:.3f} s)")
    return bare, imported


#: A fresh process that times, inside itself, loading the word list or the language detector
#: and its first use (the interpreter's start and the imports it shares with a build excluded).
FIRST_USE = """
import sys, time
import edition.pipeline
text = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter()
if sys.argv[2] == "lexicon":
    from edition.rules.lexicon import zipf
    for word in ("understood", "contemplating", "plating", "contem"):
        zipf(word, "en")
else:
    from edition.rules.language import book_language
    book_language(text)
print(time.perf_counter() - start)
"""


def first_use(source: Path, what: str, runs: int) -> float:
    """Median seconds, in fresh processes, of the first use of the word list or detector."""
    walls = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", FIRST_USE, str(source), what], cwd=ROOT,
                              capture_output=True, text=True, check=True)
        walls.append(float(done.stdout))
    return statistics.median(walls)


def stages(source: Path) -> dict[str, float]:
    """Seconds spent in each stage of one in-process build."""
    from edition.pipeline import build
    from edition.read.text import read_scan
    from edition.write.tei import serialize, to_tei

    t0 = time.perf_counter()
    scan = read_scan(source)
    t1 = time.perf_counter()
    edition = build(scan)
    t2 = time.perf_counter()
    root = to_tei(edition)
    t3 = time.perf_counter()
    serialize(root)
    t4 = time.perf_counter()
    return {"read": t1 - t0, "clean": t2 - t1, "emit": t3 - t2, "serialise": t4 - t3}


def main() -> None:
    """Run the benchmark and print one block of figures per source."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true",
                        help="only the floor, fresh-process builds and validate persons.xml")
    parser.add_argument("--dinglehopper", action="store_true",
                        help="also time dinglehopper on the same pair (takes about a minute)")
    args = parser.parse_args()
    sources = args.sources or [HARD_WRAPPED, *sorted((ROOT / "raw").glob("*.txt"))]
    sys.path.insert(0, str(ROOT))
    from edition.read.text import scan_name

    bare, imported = floor(args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        for source in sources:
            fresh_process(source, Path(tmp))  # warm the file cache (and the word list's)
            runs = [fresh_process(source, Path(tmp)) for _ in range(args.runs)]
            walls = [w for w, _ in runs]
            peak = max(m for _, m in runs)
            wall = statistics.median(walls)
            print(f"{source.name}: {source.stat().st_size:,} bytes")
            print(f"  edition build (fresh process): median {wall:.3f} s, best {min(walls):.3f} s "
                  f"over {args.runs} runs; peak memory {peak / 1024:.1f} MiB")
            print(f"    = python {bare:.3f} s + import {imported - bare:.3f} s + the rest "
                  f"{wall - imported:.3f} s (reading, the word list, building, writing)")
            print(f"  first use in a fresh process: word list (4 words) "
                  f"{first_use(source, 'lexicon', args.runs) * 1000:.1f} ms; book_language "
                  f"{first_use(source, 'language', args.runs) * 1000:.1f} ms (median)")
            if args.quick:
                continue
            timings = [stages(source) for _ in range(args.runs)]
            for stage in timings[0]:
                ms = statistics.median(t[stage] for t in timings) * 1000
                print(f"  {stage:>10}: {ms:7.1f} ms (median, in process)")
            built = Path(tmp) / f"{scan_name(source)}.xml"
            bench_validate(built, args.runs)
            bench_diff(source, built, args.runs, Path(tmp), args.dinglehopper)
    bench_validate(ROOT / "tei" / "persons.xml", args.runs)


if __name__ == "__main__":
    main()
