"""`edition build`: raw scans into TEI editions, one book or a whole collection."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from edition.commands import EXIT_OK, positive
from edition.errors import SourceError
from edition.read.text import CONVENTIONS


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `build` command and its options."""
    build = commands.add_parser("build", help="build TEI editions from raw scans")
    build.add_argument("sources", nargs="*", type=Path,
                       help="raw scans: files, directories of page files, directories of books, "
                            "or quoted glob patterns (default: every file in raw/)")
    build.add_argument("-o", "--outdir", type=Path, default=Path("tei"),
                       help="where to write <stem>.xml (default: tei/)")
    build.add_argument("--pages", choices=["auto", *CONVENTIONS], default="auto",
                       help="page convention of the sources (default: detected)")
    build.add_argument("--encoding", default=None, metavar="CODEC",
                       help="read the sources in this encoding (default: detected from the "
                            "bytes: UTF-8, UTF-16/32 by byte-order mark, Windows-1252, Latin-1)")
    build.add_argument("--replace-undecodable", action="store_true",
                       help="read bytes that are not valid UTF-8 as U+FFFD (recorded in the "
                            "teiHeader) instead of refusing the file")
    build.add_argument("--max-mb", type=float, default=256, metavar="MB",
                       help="refuse sources larger than this (default 256; a build needs about "
                            "15 bytes of memory per byte of source)")
    build.add_argument("--list-edits", action="store_true",
                       help="print every recorded edit as tab-separated lines")
    build.add_argument("-q", "--quiet", action="store_true", help="print errors only")
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
    build.add_argument("--scheduler", default=None, metavar="ADDRESS",
                       help="the Dask scheduler (default: start a local cluster of -j workers); "
                            "sources and OUTDIR must be paths its workers can reach")


def default_sources() -> list[Path]:
    """Every regular file in raw/, in name order."""
    raw = Path("raw")
    if not raw.is_dir():
        raise SourceError("no SOURCE given and no raw/ directory here")
    files = sorted(p for p in raw.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        raise SourceError("no SOURCE given and raw/ is empty")
    return files


def run(args: argparse.Namespace) -> int:
    """Build each source (in parallel, skipping unchanged ones); report each failure in one
    line and go on with the others; summarise a collection; write the manifest."""
    import time

    from edition.collection import batch, engines
    from edition.collection.progress import BarReporter, LogReporter, Totals

    collection = not args.sources
    sources = default_sources() if collection else batch.expand([str(s) for s in args.sources])
    if not sources:
        raise SourceError("no sources found")
    options = batch.Options(args.pages, args.encoding, args.replace_undecodable,
                            int(args.max_mb * 2**20))
    # a collection keeps a manifest, and skips what it records as unchanged; one named file is
    # simply built
    single = not collection and len(args.sources) == 1 and sources == args.sources
    manifest_path = args.manifest or (None if single else args.outdir / batch.MANIFEST)
    previous = batch.read_manifest(manifest_path) if manifest_path else {}
    plan = batch.plan(sources, args.outdir, options, args.force, args.list_edits, previous)
    records = list(plan.done)
    started = time.perf_counter()
    bar = (args.progress == "bar" or (args.progress == "auto" and sys.stderr.isatty()
                                      and len(sources) > 1)) and not args.list_edits
    reporter = BarReporter(args.quiet) if bar else LogReporter(args.quiet)
    try:
        with reporter:
            reporter.start(len(sources))
            for record in plan.done:
                reporter.done(record)

            def done(record: batch.Record) -> None:
                records.append(record)
                reporter.done(record)

            if args.engine == "dask":
                engines.run_dask(plan.jobs, args.scheduler, args.jobs, done)
            else:
                engines.run_local(plan.jobs, args.jobs, done)
    finally:  # an interrupted run keeps the record of what it finished
        if manifest_path:
            try:
                batch.update_manifest(manifest_path, previous, records)
            except OSError as err:
                print(f"edition: cannot write the manifest {manifest_path}: "
                      f"{err.strerror or err}", file=sys.stderr)
    elapsed = time.perf_counter() - started
    from edition.rules import lexicon

    if (missing := lexicon.notice()) is not None:  # once per run, after the progress bar
        print(f"edition: {missing}", file=sys.stderr)
    failed = [r for r in records if r.status == "failed"]
    if collection and not failed:
        from edition.build import write_atomic
        from edition.read.text import scan_name
        from edition.structure.persons import authority

        people = {scan_name(Path(r.source)): r.people for r in records}
        write_atomic(args.outdir / "persons.xml", authority(people))
        if not args.quiet:
            print(f"wrote {args.outdir / 'persons.xml'} (people named in {len(people)} editions)")
    if len(sources) > 1:
        reporter.summary(Totals.of(records, elapsed))
    if failed:
        if len(sources) > 1:
            print(f"edition: {len(failed)} of {len(sources)} builds failed: "
                  + ", ".join(r.source for r in sorted(failed, key=lambda r: r.source)),
                  file=sys.stderr)
        return max(r.exit_code for r in failed)
    return EXIT_OK
