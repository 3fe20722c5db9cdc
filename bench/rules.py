"""Where an in-process build spends its time: each stage, and each rule the pipeline calls.

    python bench/rules.py [--runs N] [--top K] SOURCE [SOURCE ...]

For each source: the median over N in-process builds (after one warm-up build, so the word
list, the language detector and compiled patterns are loaded; the caches of answers about
words and lines emptied before each) of each stage of
`edition.build.build_file` (read, clean and structure, emit TEI, serialise, the build's own
checks of accounting and well-formedness, the self-check, the write), each including the
rules it runs; then of each function `edition.pipeline.build` calls (the rules and the
pipeline's own helpers) in exclusive time (a helper's time does not count again in the
function calling it), largest first. The stage and rule figures are CPU time (steadier than wall
time on a machine shared with other work), from wrapping those functions with a timer, which
adds a microsecond or two per call.
"""

from __future__ import annotations

import argparse
import inspect
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import edition.build as build_module  # noqa: E402
import edition.pipeline as pipeline  # noqa: E402
from edition.rules import lines, paragraph_ends  # noqa: E402
from edition.rules.labels import read_label  # noqa: E402
from edition.rules.lexicon import zipf  # noqa: E402

#: Process-wide caches of answers about the text of a book (emptied before each timed build).
PER_TEXT_CACHES = [zipf, read_label]

#: CPU seconds by name for the build being timed, exclusive of timed calls nested inside.
_spent: dict[str, float] = defaultdict(float)
#: CPU seconds by name for the build being timed, nested timed calls included.
_inclusive: dict[str, float] = defaultdict(float)
_stack: list[float] = []  # time spent in nested timed calls, one entry per open call


def _timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """`func` wrapped to add its exclusive CPU time to `_spent[name]`."""
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _stack.append(0.0)
        start = time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            total = time.process_time() - start
            nested = _stack.pop()
            _spent[name] += total - nested
            _inclusive[name] += total
            if _stack:
                _stack[-1] += total
    return wrapper


def _instrument(module: ModuleType, names: list[str], prefix: str = "") -> None:
    """Wrap `module`'s functions named `names` with `_timed`."""
    for name in names:
        setattr(module, name, _timed(prefix + name, getattr(module, name)))


def instrument() -> None:
    """Wrap the stages of `build_file` and every function `pipeline.build` calls by name."""
    _instrument(build_module, ["read_scan", "build", "to_tei_and_people", "serialize",
                               "check_well_formed", "check_accounting", "self_check",
                               "write_atomic"], "stage ")
    called = [name for name, value in vars(pipeline).items()
              if inspect.isfunction(value) and value.__module__.startswith("edition.")
              and name not in ("build", "dataclass", "field")]
    _instrument(pipeline, called)
    _instrument(lines, ["measure", "unwrap"], "lines.")
    _instrument(paragraph_ends, ["learn"], "paragraph_ends.")


def one_build(source: Path, outdir: Path) -> tuple[float, float, dict[str, float]]:
    """Wall and CPU seconds of one `build_file` and the seconds of each timed function: a stage's
    inclusive, a rule's exclusive. The caches of answers about words and lines are emptied
    first, so no build is helped by what an earlier one asked (the word list stays open)."""
    for cached in PER_TEXT_CACHES:
        cached.cache_clear()
    _spent.clear()
    _inclusive.clear()
    start, cpu = time.perf_counter(), time.process_time()
    build_module.build_file(source, outdir)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return wall, cpu, {n: _inclusive[n] if n.startswith("stage ") else t for n, t in _spent.items()}


def main() -> None:
    """Print the stage and rule times of each source."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--top", type=int, default=25, help="rules to print (largest first)")
    args = parser.parse_args()
    instrument()
    with tempfile.TemporaryDirectory() as tmp:
        for source in args.sources:
            one_build(source, Path(tmp))  # warm-up: word list, detector, patterns
            runs = [one_build(source, Path(tmp)) for _ in range(args.runs)]
            walls = [w for w, _, _ in runs]
            cpus = [c for _, c, _ in runs]
            names = {n for _, _, spent in runs for n in spent}
            median = {n: statistics.median(spent.get(n, 0.0) for _, _, spent in runs)
                      for n in names}
            print(f"{source}: in-process build_file median {statistics.median(walls):.3f} s, "
                  f"best {min(walls):.3f} s over {args.runs} runs (CPU median "
                  f"{statistics.median(cpus):.3f} s: on a busy machine the steadier figure)")
            stages = sorted((n for n in names if n.startswith("stage ")), key=lambda n: -median[n])
            for name in stages:
                print(f"  {name[6:]:<28} {median[name] * 1000:8.1f} ms")
            rules = sorted((n for n in names if not n.startswith("stage ")),
                           key=lambda n: -median[n])
            print(f"  rules inside build (exclusive, top {args.top}):")
            for name in rules[:args.top]:
                print(f"    {name:<32} {median[name] * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
