"""Time `edition html` and `edition epub` on the 300-page Krivitsky edition and print the figures.

    python bench/outputs.py [--runs N] [EDITION.xml]

For each output: the median and best wall time of a fresh `edition html` / `edition epub`
process (interpreter start and imports included, bytecode caches allowed), the in-process
time of the work itself (median of N), and the size of what it wrote. Then the measurement
behind one page per book rather than one per division: the whole book's page against a page
of its longest division alone (the same template and styles), their sizes, and the time
headless Chromium takes to open each at a cited page (`#p43`: the book's page resolves it by
itself, no script or redirect), where Chromium is installed. Targets: HTML under 0.5 s, EPUB
under 1 s.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def fresh(cmd: list[str], runs: int) -> list[float]:
    """Wall seconds of `runs` fresh processes of an `edition` command, after one warm-up run.

    Python's bytecode caches are allowed (PYTHONDONTWRITEBYTECODE is dropped), as on an
    installed toolkit: without them every process compiles every module it imports again,
    which costs about 0.1 s here and measures the interpreter, not the command.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    walls = []
    for k in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "edition", *cmd], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        if k:
            walls.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"edition {' '.join(cmd)} failed: {done.stderr.decode()[-300:]}")
    return walls


def in_process(fn: object, runs: int) -> list[float]:
    """Seconds of `runs` calls of a function, after one warm-up call."""
    fn()  # type: ignore[operator]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times


def line(label: str, walls: list[float], target: float | None = None) -> None:
    """One figure: median and best, and the target it should meet."""
    med = statistics.median(walls)
    verdict = "" if target is None else f" (target < {target} s: {'met' if med < target else 'MISSED'})"
    print(f"  {label:46} median {med:.3f} s, best {min(walls):.3f} s{verdict}")


def browser_open(url: str, runs: int, profile: Path) -> list[float]:
    """Seconds for headless Chromium to load a page and scroll to its fragment."""
    from tests.chromium import Browser

    times = []
    with Browser(profile) as browser:
        for _ in range(runs + 1):
            browser.open("about:blank")
            start = time.perf_counter()
            browser.open(url)
            times.append(time.perf_counter() - start)
    return times[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edition", nargs="?", type=Path, default=ROOT / "tei" / "krivitsky-1940.xml")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from edition.write.epub import render_epub
    from edition.write.html import fragment, load_tei, render_html

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        print(f"{args.edition.name} ({args.edition.stat().st_size / 1e6:.2f} MB of TEI), "
              f"{args.runs} runs each:")
        line("edition html (fresh process)",
             fresh(["html", str(args.edition), "-o", str(out), "-q"], args.runs), 0.5)
        line("  of which the work (read, convert, render)", in_process(
            lambda: render_html(load_tei(args.edition), "book"), args.runs))
        line("edition epub (fresh process)",
             fresh(["epub", str(args.edition), "-o", str(out / "book.epub"), "-q"], args.runs), 1.0)
        line("  of which the work (read, convert, zip)", in_process(
            lambda: render_epub(load_tei(args.edition)), args.runs))
        page = out / f"{args.edition.stem}.html"
        raw = page.read_bytes()
        about = (out / f"{args.edition.stem}-about.html").stat().st_size
        print(f"  HTML page {len(raw) / 1e6:.2f} MB ({len(gzip.compress(raw)) / 1e6:.2f} MB "
              f"gzipped), about page {about / 1e3:.0f} kB, "
              f"EPUB {(out / 'book.epub').stat().st_size / 1e6:.2f} MB")

        # one page per book against one page per division
        main_html, _, book = render_html(load_tei(args.edition), args.edition.stem)
        longest = max(book.parts, key=lambda p: len(fragment(p.element)))
        chapter = fragment(longest.element)
        start, end = main_html.index("<main"), main_html.index("</main>")
        single = main_html[: main_html.index(">", start) + 1] + chapter + main_html[end:]
        (out / "division.html").write_text(single, encoding="utf-8")
        print(f"  one page per book: {len(raw) / 1e3:.0f} kB; per division the longest "
              f"('{longest.title[:40]}') would be {len(single.encode()) / 1e3:.0f} kB")
        anchor = next((p.anchor for p in book.pages if p.n == "43"), book.pages[-1].anchor)
        ids = [el.get("id") for el in longest.element.iter() if el.get("id")]
        try:
            from tests.chromium import available
        except ImportError:
            available = None  # type: ignore[assignment]
        if available is not None and available():
            whole = browser_open(page.as_uri() + f"#{anchor}", args.runs, out / "p1")
            line(f"Chromium opens the book at #{anchor}", whole)
            part = browser_open((out / "division.html").as_uri() + f"#{ids[0] if ids else ''}",
                                 args.runs, out / "p2")
            line("Chromium opens the longest division alone", part)
        else:
            print("  chromium is not installed: no load times")


if __name__ == "__main__":
    main()
