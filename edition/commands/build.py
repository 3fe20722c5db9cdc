"""`edition build`: raw scans into TEI editions, one book or a whole collection."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from edition.commands import EXIT_OK, STREAM, add_command, positive, positive_mb, say
from edition.errors import SourceError
from edition.read.text import CONVENTIONS

if TYPE_CHECKING:
    from edition.collection.batch import Record

EXAMPLES = """\
  edition build                                  # every file in raw/ -> tei/, and persons.xml
  edition build scan.txt -o out/                 # one book -> out/scan.xml
  edition build shelf/ 'more/**/*.txt' -j 8      # a collection, 8 processes, manifest.jsonl
  edition build shelf/ --html                    # and an HTML reading edition of each
  edition build scan.txt --list-edits > edits.tsv
  cat scan.txt | edition build - --name scan -o -    # standard input to standard output
"""
#: The warnings file of a collection build, beside its editions.
WARNINGS_FILE = "warnings.tsv"


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `build` command and its options."""
    build = add_command(commands, "build", "build TEI editions from raw scans", EXAMPLES)
    build.add_argument("sources", nargs="*", type=Path,
                       help="raw scans: files, directories of page files, directories of books, "
                            "quoted glob patterns, or - for standard input (default: every file "
                            "in raw/)")
    build.add_argument("-o", "--outdir", type=Path, default=Path("tei"), metavar="OUTDIR",
                       help="where to write NAME.xml (default: tei/); - writes the one edition "
                            "to standard output")
    build.add_argument("--name", default=None,
                       help="the edition's name when the source is standard input "
                            "(default: stdin; a file's edition takes the file's name)")
    build.add_argument("--page-convention", "--pages", dest="pages",
                       choices=["auto", *CONVENTIONS], default="auto",
                       help="how the scan separates its pages (default: detected; a named "
                            "convention the file does not follow is refused)")
    build.add_argument("--encoding", default=None, metavar="CODEC",
                       help="read the sources in this encoding (default: detected from the "
                            "bytes: UTF-8, UTF-16/32 by byte-order mark, Windows-1252, Latin-1)")
    build.add_argument("--replace-undecodable", action="store_true",
                       help="read bytes that are not valid UTF-8 as U+FFFD (recorded in the "
                            "teiHeader) instead of refusing the file")
    build.add_argument("--max-mb", type=positive_mb, default=256, metavar="MB",
                       help="refuse sources larger than this (default 256; a build needs about "
                            "15 bytes of memory per byte of source)")
    build.add_argument("--publisher", default=os.environ.get("EDITION_PUBLISHER", ""),
                       metavar="NAME",
                       help="who publishes the editions, for the teiHeader (default: "
                            "$EDITION_PUBLISHER; none named otherwise)")
    build.add_argument("--lines", action="store_true",
                       help="keep each printed line break as <lb facs=\"#zone\"/> pointing to the "
                            "line's zone (sources with geometry: hOCR, ALTO, PAGE); by default only "
                            "pages and blocks point to the facsimile")
    build.add_argument("--no-corrections", dest="corrections", action="store_false",
                       help="leave out the editor's corrections kept beside each source "
                            "(NAME.corrections.tsv): the edition the rules alone make")
    build.add_argument("--list-edits", action="store_true",
                       help="print every recorded edit as tab-separated lines on standard output "
                            "(book, scan page, rule, raw span, before, after, uncertain, evidence)")
    build.add_argument("-j", "--jobs", type=positive, default=os.cpu_count() or 1, metavar="N",
                       help="build N books at once in separate processes (default: all cores)")
    build.add_argument("--force", action="store_true",
                       help="rebuild books whose source, options and toolkit are unchanged")
    build.add_argument("--manifest", type=Path, default=None, metavar="FILE",
                       help="the JSON Lines record of every build (default: OUTDIR/manifest.jsonl)")
    build.add_argument("--progress", choices=["auto", "bar", "log"], default="auto",
                       help="a progress bar, or a line per book (default: a bar on a terminal)")
    build.add_argument("--engine", choices=["local", "dask"], default="local",
                       help="run on local processes, or on a Dask cluster (pip install "
                            "'edition[dask]')")
    build.add_argument("--html", action="store_true",
                       help="also write each edition's HTML reading edition beside it, and an "
                            "index.html of them (see 'edition html')")
    build.add_argument("--scheduler", default=None, metavar="ADDRESS",
                       help="the Dask scheduler (default: start a local cluster of -j workers); "
                            "sources and OUTDIR must be paths its workers can reach")


def default_sources() -> list[Path]:
    """Every regular file in raw/ that is a scan, in name order."""
    from edition.read.text import not_a_scan

    raw = Path("raw")
    if not raw.is_dir():
        raise SourceError("no SOURCE given and no raw/ directory here")
    files = sorted(p for p in raw.iterdir()
                   if p.is_file() and not p.name.startswith(".") and not not_a_scan(p))
    if not files:
        raise SourceError("no SOURCE given and raw/ is empty")
    return files


def _from_stdin(name: str, folder: Path) -> Path:
    """Standard input saved as `folder/NAME.txt`, so it is read like any file (and its sha256
    is of the bytes that came in)."""
    if "/" in name or name in ("", ".", ".."):
        raise SourceError(f"--name {name!r}: an edition name cannot be a path")
    path = folder / f"{name}.txt"
    path.write_bytes(sys.stdin.buffer.read())
    return path


def write_html_pages(records: list[Record], outdir: Path, quiet: bool) -> list[Record]:
    """The HTML reading edition beside each edition built or kept, and an index of them; a
    book whose HTML cannot be written is reported in one line and returned as failed."""
    from dataclasses import replace

    from edition.errors import EditionError
    from edition.write.html import write_html, write_index

    written, failed = [], []
    for record in sorted((r for r in records if r.status != "failed"), key=lambda r: r.output):
        try:
            written.append(write_html(Path(record.output), outdir))
        except EditionError as err:
            print(f"edition: {err}", file=sys.stderr)
            failed.append(replace(record, status="failed", error=str(err), exit_code=1))
    if written:
        index = write_index(outdir, written)
        if not quiet:
            print(f"wrote {len(written)} HTML editions and {index}", file=sys.stderr)
    return failed


def run(args: argparse.Namespace) -> int:
    """Build each source (in parallel, skipping unchanged ones); report each failure in one
    line and go on with the others; summarise a collection; write the manifest."""
    to_stdout = args.outdir == STREAM
    stdin = [s for s in args.sources if s == STREAM]
    if (to_stdout or stdin) and len(args.sources) != 1:
        raise SourceError("- (standard input or output) builds exactly one source")
    if args.name is not None and not stdin:
        raise SourceError("--name names an edition read from standard input (-) only; a file's "
                          "edition takes the file's name")
    if to_stdout or stdin:
        with tempfile.TemporaryDirectory(prefix="edition-") as tmp:
            source = _from_stdin(args.name or "stdin", Path(tmp)) if stdin else args.sources[0]
            outdir = Path(tmp) / "out" if to_stdout else args.outdir
            return _run(args, [source], outdir, single=True, to_stdout=to_stdout)
    collection = not args.sources
    ignored: list[Path] = []
    if collection:
        sources = default_sources()
    else:
        from edition.collection import batch

        sources = batch.expand([str(s) for s in args.sources], ignored)
    if ignored:
        shown = ", ".join(p.name for p in ignored[:6]) + (", ..." if len(ignored) > 6 else "")
        say(args, f"edition: skipped {len(ignored)} file{'s' if len(ignored) > 1 else ''} that "
                  f"are not scans: {shown}")
    if not sources:
        raise SourceError("no sources found")
    single = not collection and len(args.sources) == 1 and sources == args.sources
    return _run(args, sources, args.outdir, single=single, collection=collection)


def _run(args: argparse.Namespace, sources: list[Path], outdir: Path, single: bool,
         collection: bool = False, to_stdout: bool = False) -> int:
    """Build `sources` into `outdir`; a collection (not `single`) keeps a manifest, skips
    what it records as unchanged, and writes the warnings file."""
    import time

    from edition.collection import batch, engines
    from edition.collection.progress import BarReporter, LogReporter, Totals

    options = batch.Options(args.pages, args.encoding, args.replace_undecodable,
                            int(args.max_mb * 2**20), args.publisher, args.lines,
                            args.corrections)
    manifest_path = args.manifest or (None if single else outdir / batch.MANIFEST)
    previous = batch.read_manifest(manifest_path) if manifest_path else {}
    plan = batch.plan(sources, outdir, options, args.force, args.list_edits, previous)
    records = list(plan.done)
    started = time.perf_counter()
    bar = (args.progress == "bar" or (args.progress == "auto" and sys.stderr.isatty()
                                      and len(sources) > 1)) and args.verbosity > 0
    quiet = args.verbosity == 0 or to_stdout
    reporter = BarReporter(quiet) if bar else LogReporter(quiet, verbose=args.verbosity > 1
                                                          or single)
    if args.list_edits:
        print("\t".join(batch.EDIT_COLUMNS))
    try:
        with reporter:
            reporter.start(len(sources))
            for record in plan.done:
                reporter.done(record)

            def done(record: batch.Record) -> None:
                records.append(record)
                reporter.done(record)
                for line in record.edit_lines:
                    print(line)
                sys.stdout.flush()

            if args.engine == "dask":
                engines.run_dask(plan.jobs, args.scheduler, args.jobs, done)
            else:
                engines.run_local(plan.jobs, args.jobs, done)
    finally:  # an interrupted run keeps the record of what it finished
        if manifest_path and records:
            try:
                batch.update_manifest(manifest_path, previous, records)
            except OSError as err:
                print(f"edition: cannot write the manifest {manifest_path}: "
                      f"{err.strerror or err}", file=sys.stderr)
    elapsed = time.perf_counter() - started
    if args.list_edits:
        for record in records:
            if record.status == "skipped":
                print(f"edition: {Path(record.output).stem} is unchanged since its last build "
                      "and was not rebuilt; --force lists its edits too", file=sys.stderr)
    from edition.rules import lexicon

    if (missing := lexicon.notice()) is not None:  # once per run, after the progress bar
        print(f"edition: {missing}", file=sys.stderr)
    failed = [r for r in records if r.status == "failed"]
    if to_stdout and not failed:
        sys.stdout.buffer.write(Path(records[0].output).read_bytes())
        sys.stdout.flush()
    if not single:
        _write_warnings(args, outdir, records)
    if collection and not failed:
        from edition.files import write_atomic
        from edition.read.text import scan_name
        from edition.structure.persons import authority

        people = {scan_name(Path(r.source)): r.people for r in records}
        write_atomic(outdir / "persons.xml", authority(people))
        say(args, f"wrote {outdir / 'persons.xml'} (people named in {len(people)} editions)")
    if getattr(args, "html", False) and not to_stdout:
        failed += write_html_pages(records, outdir, args.verbosity == 0)
    if len(sources) > 1 and args.verbosity > 0:
        reporter.summary(Totals.of(records, elapsed))
    if failed:
        if len(sources) > 1:
            print(f"edition: {len(failed)} of {len(sources)} builds failed: "
                  + ", ".join(r.source for r in sorted(failed, key=lambda r: r.source)),
                  file=sys.stderr)
        return max(r.exit_code for r in failed)
    return EXIT_OK


def _write_warnings(args: argparse.Namespace, outdir: Path, records: list) -> None:
    """OUTDIR/warnings.tsv (book, scan page, code, kind, message) for every book of the
    collection, skipped ones included; then a count per kind and the file's path."""
    from edition.collection.batch import tsv_field
    from edition.files import write_atomic

    rows = ["book\tscan_page\tcode\tkind\tmessage"]
    kinds: Counter[str] = Counter()
    for record in sorted(records, key=lambda r: r.source):
        if record.status == "failed":
            continue
        book = Path(record.output).stem
        for w in record.warnings:
            kinds[f"{w['code']} {w['kind']}"] += 1
            page = "" if w.get("page") is None else str(w["page"])
            rows.append("\t".join([tsv_field(book), page, str(w["code"]), str(w["kind"]),
                                   tsv_field(str(w["message"]))]))
    if not kinds and not (outdir / WARNINGS_FILE).exists():
        return
    try:
        write_atomic(outdir / WARNINGS_FILE, ("\n".join(rows) + "\n").encode("utf-8"))
    except OSError as err:
        print(f"edition: cannot write {outdir / WARNINGS_FILE}: {err.strerror or err}",
              file=sys.stderr)
        return
    if kinds:
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
        say(args, f"warnings: {counts}; each listed in {outdir / WARNINGS_FILE}")
