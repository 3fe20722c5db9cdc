"""Structured OCR: build speed against plain text, and furniture and hyphens against typed ground truth.

    python bench/formats.py [--formats DIR] [--pages 500] [--runs 3] [--skip-speed]

DIR is the shared sample collection (default ../shared/formats beside the repository, or
/work/shared/formats). Three measurements, printed:

(a) speed: a PAGES-page ALTO book (the pages of the 1801 Burgsdorf book in METS order, repeated)
    as a directory of page files, against the same pages' words as one plain-text file (pages
    split by form feeds, so the rules do the same work): median wall time of fresh `edition
    build` processes (interpreter start included) and peak resident memory, interleaved runs;
    then in-process reading time alone.
(b) furniture on the two typed PAGE sets (VD-SBB glauanno, durrgeda), built with every declared
    region type stripped: for each type (running head, page number, catchword, signature mark)
    the lines the toolkit removes as that furniture (its edits of the rule) against the lines
    the ground truth declares, as precision, recall and F1; and the printed page numbers the
    toolkit puts in pb/@n against the ground truth's page-number regions (pages whose region
    holds digits). The same furniture figures on the two Gallica incunables typed with
    SegmOnto zones (ALTO tags: RunningTitleZone, NumberingZone, QuireMarksZone), stripped
    the same way.
(c) hyphenation: the ground truth's own line-end hyphens (a line ending in one of the hyphen
    rule's HYPHENS): those in furniture lines (a catchword repeating half a word), and of those
    in the text how many the toolkit joined, kept as a compound, or left alone (no hyphen
    decision at that line end).
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
from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edition.model import Page, Scan  # noqa: E402
from edition.pipeline import Edition, build  # noqa: E402
from edition.read.mets import read_mets  # noqa: E402
from edition.read.sources import sniff_file  # noqa: E402
from edition.read.text import read_scan  # noqa: E402
from edition.rules.hyphenation import HYPHENS  # noqa: E402

#: Declared PAGE region types and the toolkit rule that removes that furniture.
FURNITURE = {"header": "running-header", "page-number": "page-number",
             "catch-word": "catchword", "signature-mark": "signature-mark"}
TYPED_SETS = ("page/vdsbb-glauanno", "page/vdsbb-durrgeda")
#: SegmOnto zone types (ALTO tags) and the PAGE type they answer to. The incunables' quire marks
#: are their signature marks ("a ii", "b.iiii"); their numbering zones are leaf numbers
#: ("fueillet .ii."), measured as page numbers but not as pb/@n (a leaf number is no page's).
SEGMONTO = {"RunningTitleZone": "header", "NumberingZone": "page-number",
            "QuireMarksZone": "signature-mark"}
SEGMONTO_SETS = ("alto/gallicorpora-incunables/bpt6k1057722q",
                 "alto/gallicorpora-incunables/bpt6k324358v")
#: A line ending in a hyphen (any of the hyphen rule's HYPHENS) after a character.
LINE_END_HYPHEN = regex.compile(rf"\S[{regex.escape(HYPHENS)}]$")
#: The same after a letter, as the hyphen rule reads a broken word.
AFTER_LETTER = regex.compile(rf"\p{{L}}[{regex.escape(HYPHENS)}]$")


def default_formats() -> Path:
    """The shared sample collection: beside the repository, or the workplace's."""
    for candidate in (ROOT.parent / "shared" / "formats", Path("/work/shared/formats")):
        if candidate.is_dir():
            return candidate
    raise SystemExit("no formats directory found: pass --formats DIR")


# --- (a) speed ----------------------------------------------------------------------------


def make_books(formats: Path, pages: int, tmp: Path) -> tuple[Path, Path]:
    """A PAGES-page ALTO book (a directory of page files) and the same words as plain text."""
    book = formats / "alto" / "slub-burgsdorf-1801"
    mets = next(book.glob("*mets*.xml"))
    order = [p.text for p in read_mets(mets.read_bytes(), mets, lambda p: sniff_file(p) == "alto")
             if p.text is not None]
    alto_dir = tmp / "burgsdorf-alto"
    alto_dir.mkdir()
    for k in range(pages):
        shutil.copyfile(order[k % len(order)], alto_dir / f"{k + 1:05d}.xml")
    text = tmp / "burgsdorf-text.txt"
    text.write_text(read_scan(alto_dir).raw + "\n", encoding="utf-8")
    return alto_dir, text


def build_process(source: Path, outdir: Path) -> tuple[float, int]:
    """Wall seconds and peak resident bytes of one fresh `edition build` process."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "edition", "build", "-q", str(source),
                             "-o", str(outdir), "--force"], cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {source} failed")
    return time.perf_counter() - start, usage.ru_maxrss * 1024


def bench_speed(formats: Path, pages: int, runs: int) -> None:
    """(a): fresh-process builds, interleaved, and in-process reading."""
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        alto_dir, text = make_books(formats, pages, tmp)
        alto_mb = sum(p.stat().st_size for p in alto_dir.iterdir()) / 2**20
        text_mb = text.stat().st_size / 2**20
        walls: dict[str, list[float]] = {"alto": [], "text": []}
        peaks: dict[str, list[int]] = {"alto": [], "text": []}
        for _ in range(runs):
            for kind, source in (("alto", alto_dir), ("text", text)):
                wall, peak = build_process(source, tmp / f"out-{kind}")
                walls[kind].append(wall)
                peaks[kind].append(peak)
        print(f"(a) speed: {pages} pages of the Burgsdorf book; ALTO {alto_mb:.1f} MB in "
              f"{pages} page files, the same words as plain text {text_mb:.2f} MB; "
              f"{runs} fresh `edition build` processes each, interleaved")
        for kind in ("alto", "text"):
            print(f"    {kind:5} median {statistics.median(walls[kind]):6.2f} s  best "
                  f"{min(walls[kind]):6.2f} s  peak memory {max(peaks[kind]) / 2**20:6.0f} MB")
        ratio = statistics.median(walls["alto"]) / statistics.median(walls["text"])
        print(f"    ALTO / plain text: {ratio:.2f}× the time (the issue's bound: at most 2×), "
              f"{max(peaks['alto']) / max(peaks['text']):.2f}× the peak memory")
        for kind, source in (("alto", alto_dir), ("text", text)):
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                read_scan(source)
                times.append(time.perf_counter() - start)
            print(f"    reading alone ({kind}): median {statistics.median(times):.3f} s")


# --- (b) furniture, (c) hyphens ---------------------------------------------------------


def strip_types(scan: Scan) -> Scan:
    """The scan with every declared role removed from its zones (the answer key hidden)."""
    pages = []
    for page in scan.pages:
        lines = tuple(replace(ln, zone=replace(ln.zone, declared="")) if ln.zone else ln
                      for ln in page.lines)
        surface = page.surface
        if surface is not None:
            surface = replace(surface, regions=tuple(replace(z, declared="")
                                                     for z in surface.regions))
        pages.append(Page(page.index, page.start, page.end, lines, surface))
    return replace(scan, pages=tuple(pages))


def line_index(scan: Scan) -> tuple[list[int], list[tuple[int, object]]]:
    """Every content line's start offset (sorted) and (page, line)."""
    starts, lines = [], []
    for page in scan.pages:
        for line in page.content_lines():
            starts.append(line.start)
            lines.append((page.index, line))
    return starts, lines


def declared_kind(line: object) -> str:
    """The PAGE furniture type a line's zone declares (a SegmOnto zone read as its PAGE
    type), or its declared role as it is."""
    zone = line.zone  # type: ignore[attr-defined]
    if zone is None:
        return ""
    return SEGMONTO.get(zone.declared.split("#")[0], zone.declared)


def furniture_figures(scan: Scan, edition: Edition) -> tuple[Counter[str], Counter[str],
                                                             Counter[str]]:
    """Per declared type: true positives, lines the toolkit called that type, lines declared."""
    starts, lines = line_index(scan)
    called: dict[int, set[str]] = {}
    rules = {rule: kind for kind, rule in FURNITURE.items()}
    for e in edition.edits:
        if e.rule in rules and e.end > e.start:
            k = bisect_right(starts, e.start) - 1
            if k >= 0 and e.start < lines[k][1].end:  # type: ignore[attr-defined]
                called.setdefault(k, set()).add(rules[e.rule])
    tp, calls, truth = Counter(), Counter(), Counter()
    for k, (_, line) in enumerate(lines):
        declared = declared_kind(line)
        if declared in FURNITURE:
            truth[declared] += 1
        for kind in called.get(k, ()):
            calls[kind] += 1
            tp[kind] += kind == declared
    return tp, calls, truth


def printed_numbers(scan: Scan, edition: Edition) -> tuple[int, int, list[str]]:
    """Pages whose pb/@n is the number the ground truth's page-number region prints, of the
    pages whose region holds digits; and the misses ("scan 7: 58 read 38")."""
    right = total = 0
    misses = []
    for page in scan.pages:
        texts = [ln.text for ln in page.content_lines()
                 if ln.zone and ln.zone.declared == "page-number"]
        digits = regex.sub(r"\D", "", " ".join(texts))
        if not digits:
            continue
        total += 1
        n = edition.pagination.n(page.index)
        if n == str(int(digits)):
            right += 1
        else:
            misses.append(f"scan {page.index + 1}: printed {' '.join(texts)!r}, pb n={n}")
    return right, total, misses


def hyphen_figures(scan: Scan, edition: Edition) -> Counter[str]:
    """The ground truth's line-end hyphens: in furniture lines, or in text lines joined, kept
    or left alone by the toolkit (and how many of those follow no letter)."""
    joined = {e.start for e in edition.edits if e.rule == "hyphen-join" and e.end > e.start}
    kept = {e.start for e in edition.edits if e.rule == "hyphen-join" and e.end == e.start}
    out: Counter[str] = Counter()
    for page in scan.pages:
        for line in page.content_lines():
            if not LINE_END_HYPHEN.search(line.text):
                continue
            out["line-end hyphens"] += 1
            if line.zone and line.zone.declared in FURNITURE:
                out["in furniture lines"] += 1
                continue
            if line.end - 1 in joined:
                out["joined"] += 1
            elif line.end in kept:
                out["kept as compounds"] += 1
            else:
                out["left alone"] += 1
                if not AFTER_LETTER.search(line.text):
                    out["left alone after no letter (a MUFI private-use character)"] += 1
    return out


def bench_segmonto(formats: Path) -> None:
    """(b) on the incunables typed with SegmOnto zones (ALTO tags), stripped the same way."""
    tp_all, calls_all, truth_all = Counter(), Counter(), Counter()
    for name in SEGMONTO_SETS:
        scan = read_scan(formats / name)
        edition = build(strip_types(scan))
        tp, calls, truth = furniture_figures(scan, edition)
        print(f"\n{name}: {len(scan.pages)} pages, SegmOnto zone types stripped")
        report_furniture(tp, calls, truth)
        tp_all += tp
        calls_all += calls
        truth_all += truth
    print("\nboth incunables:")
    report_furniture(tp_all, calls_all, truth_all)


def bench_typed(formats: Path) -> None:
    """(b) and (c) on each typed PAGE set."""
    tp_all, calls_all, truth_all, hyph_all = Counter(), Counter(), Counter(), Counter()
    right_all = total_all = 0
    for name in TYPED_SETS:
        scan = read_scan(formats / name)
        started = time.perf_counter()
        edition = build(strip_types(scan))
        seconds = time.perf_counter() - started
        tp, calls, truth = furniture_figures(scan, edition)
        right, total, misses = printed_numbers(scan, edition)
        hyph = hyphen_figures(scan, edition)
        print(f"\n{name}: {len(scan.pages)} pages, built with region types stripped in "
              f"{seconds:.2f} s")
        report_furniture(tp, calls, truth)
        print(f"    printed page numbers right: {right} of {total} numbered pages")
        for miss in misses[:8]:
            print(f"      {miss}")
        print("    " + ", ".join(f"{k}: {v}" for k, v in hyph.items()))
        tp_all += tp
        calls_all += calls
        truth_all += truth
        hyph_all += hyph
        right_all += right
        total_all += total
    print("\nboth sets:")
    report_furniture(tp_all, calls_all, truth_all)
    print(f"    printed page numbers right: {right_all} of {total_all} numbered pages "
          f"({right_all / max(1, total_all):.0%})")
    print("    " + ", ".join(f"{k}: {v}" for k, v in hyph_all.items()))


def report_furniture(tp: Counter[str], calls: Counter[str], truth: Counter[str]) -> None:
    """Precision, recall and F1 per furniture type."""
    print(f"    {'furniture':<16}{'declared':>9}{'called':>8}{'right':>7}{'precision':>11}"
          f"{'recall':>8}{'F1':>7}")
    for kind in FURNITURE:
        p = tp[kind] / calls[kind] if calls[kind] else 0.0
        r = tp[kind] / truth[kind] if truth[kind] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"    {kind:<16}{truth[kind]:>9}{calls[kind]:>8}{tp[kind]:>7}{p:>11.2f}{r:>8.2f}"
              f"{f1:>7.2f}")


def main() -> None:
    """Run the measurements the options ask for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", type=Path, default=None)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-typed", action="store_true")
    args = parser.parse_args()
    formats = args.formats or default_formats()
    if not args.skip_speed:
        bench_speed(formats, args.pages, args.runs)
    if not args.skip_typed:
        bench_typed(formats)
        bench_segmonto(formats)


if __name__ == "__main__":
    main()
