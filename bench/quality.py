"""Measure edition quality on the real books of the dev corpus, one column per book.

    python bench/quality.py [--corpus DIR] [--books NAME ...] [--json FILE] [--compare FILE]

Each book (a directory of the corpus holding `raw.txt`, and perhaps a transcription
`truth.txt`) is built in-process as `edition build` builds it, with no per-book settings, and
its TEI is written to a temporary directory. Printed per book (see bench/measure/ for every
definition and threshold):

 1. accounting: `edition diff`'s check on the written edition (complete or not; raw spans
    unaccounted for; edition blocks not from the scan);
 2. pagination: pages whose printed number is inferred rather than read, pages marked
    `pb type="unscanned"`, and the folios read on the raw pages that the edition's `pb/@n`
    agrees with;
 3. furniture left in the body's paragraphs: page numbers, signature marks, catchwords,
    running heads;
 4. warnings by kind, and per 100 scan pages;
 5. with a transcription: the character error rate of the reading text (`edition text`),
    next to the "do nothing" baseline and the HTRC running-header remover;
 6. hyphen decisions checked against the transcription's spellings; words left split;
 7. paragraph boundaries: precision, recall and F1 against the transcription's;
 8. the transcription's division headings visible in the OCR, found as divisions, missed;
    false divisions;
 9. notes and verse lines in the body (and the transcription's verse lines, roughly);
10. long s read as `f`.

`--json FILE` saves every figure (with the examples behind them); `--compare FILE` prints each
figure next to its change since a saved run. Books are measured in parallel (`--jobs`).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from measure.report import table  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad arguments or an unreadable corpus: one line on stderr, exit 2."""


def measure_one(book: Path) -> tuple[str, dict[str, Any]]:
    """Measure one book in a temporary directory (run in a worker process)."""
    from measure.book import measure_book

    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="quality-") as tmp:
        try:
            figures = measure_book(book, Path(tmp))
        except Exception as err:  # a crash in the library or here: report it, measure the rest
            figures = {"error": f"{type(err).__name__}: {err}"}
    figures.setdefault("seconds", {})["total"] = round(time.perf_counter() - start, 2)
    return book.name, figures


def find_books(corpus: Path, names: list[str] | None) -> list[Path]:
    """The corpus's books (directories holding raw.txt), or those named."""
    if not corpus.is_dir():
        raise UsageError(f"no corpus directory at {corpus} (give one with --corpus DIR)")
    books = sorted(p for p in corpus.iterdir() if (p / "raw.txt").is_file())
    if not books:
        raise UsageError(f"{corpus} holds no book (a directory with a raw.txt)")
    if names:
        known = {b.name: b for b in books}
        unknown = [n for n in names if n not in known]
        if unknown:
            raise UsageError(f"no book {', '.join(unknown)} in {corpus} "
                             f"(there are: {', '.join(known)})")
        books = [known[n] for n in names]
    return books


def load_saved(path: Path) -> dict[str, Any]:
    """A run saved with --json."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise UsageError(f"cannot read {path}: {err.strerror or err}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise UsageError(f"{path} is not a saved run (invalid JSON: {err})") from None
    if not isinstance(saved, dict) or not isinstance(saved.get("books"), dict):
        raise UsageError(f"{path} is not a saved run (no \"books\")")
    return saved


def _git(*args: str) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True,
                             timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip()


def meta(corpus: Path, extra: list[str]) -> dict[str, Any]:
    """What was measured: the code (commit, tree of edition/, uncommitted changes), when."""
    status = _git("status", "--porcelain", "--", "edition")
    info: dict[str, Any] = {
        "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": _git("rev-parse", "HEAD"),
        "edition_tree": _git("rev-parse", "HEAD:edition"),
        "edition_uncommitted_changes": None if status is None else bool(status),
        "python": platform.python_version(),
        "corpus": str(corpus),
    }
    for item in extra:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"--meta takes KEY=VALUE, not {item!r}")
        info[key] = value
    return info


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="example: python bench/quality.py --json after.json "
               "--compare bench/baseline-quality.json")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="the corpus directory (default: ../shared/corpus beside the repo)")
    parser.add_argument("--books", nargs="+", metavar="NAME", help="measure only these books")
    parser.add_argument("--json", type=Path, metavar="FILE", help="save every figure to FILE")
    parser.add_argument("--compare", type=Path, metavar="FILE",
                        help="show each figure's change since a run saved with --json")
    parser.add_argument("--jobs", "-j", type=int, default=min(2, os.cpu_count() or 1),
                        help="books measured at once (default: 2, or 1 on one core)")
    parser.add_argument("--meta", action="append", default=[], metavar="KEY=VALUE",
                        help="record KEY=VALUE in the saved run's meta (e.g. main_commit=...)")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be 1 or more")
    return args


def run(args: argparse.Namespace) -> int:
    books = find_books(args.corpus, args.books)
    saved = load_saved(args.compare)["books"] if args.compare else None
    info = meta(args.corpus, args.meta)
    start = time.perf_counter()
    results: dict[str, dict[str, Any]] = {}
    if args.jobs == 1 or len(books) == 1:
        results = dict(map(measure_one, books))
    else:
        # the largest scans first, so that the longest build does not start last
        by_size = sorted(books, key=lambda b: -(b / "raw.txt").stat().st_size)
        with ProcessPoolExecutor(max_workers=min(args.jobs, len(books))) as pool:
            try:
                results = dict(pool.map(measure_one, by_size))
            except KeyboardInterrupt:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    results = dict(sorted(results.items()))  # a saved run lists books by name, whatever ran first
    info["seconds"] = round(time.perf_counter() - start, 1)
    failed = {name: f["error"] for name, f in results.items() if "error" in f}
    print(table({n: f for n, f in results.items() if "error" not in f}, saved))
    for name, error in failed.items():
        print(f"{name}: {error}")
    print(f"\n{len(results)} books in {info['seconds']} s ({args.jobs} at once)"
          + (f"; compared with {args.compare}" if args.compare else ""))
    if args.json:
        try:
            args.json.write_text(json.dumps({"meta": info, "books": results}, indent=1,
                                            ensure_ascii=False) + "\n", encoding="utf-8")
        except OSError as err:
            raise UsageError(f"cannot write {args.json}: {err.strerror or err}") from None
    return 0


def main(argv: list[str] | None = None) -> int:
    """Measure the corpus; exit 2 with one line on stderr for a missing corpus or bad usage."""
    args = parse_args(argv)
    try:
        return run(args)
    except UsageError as err:
        print(f"quality.py: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("quality.py: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the table piped into `head`: stop quietly
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
