"""The command line: a thin layer that turns library calls into messages and exit codes.

Exit codes: 0 ok; 1 a build failed or a check did not pass; 2 bad usage or
unreadable input. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from edition import __version__
from edition.errors import BuildError, EditionError, EngineError, SchemaError, SourceError
from edition.reader import CONVENTIONS

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports bad usage in one line with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"edition: {message} (see 'edition --help')\n")
        raise SystemExit(EXIT_USAGE)


def _positive(text: str) -> int:
    """A positive whole number, for -j."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive number, not {text!r}")
    return value


def parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    top = _Parser(prog="edition", description=__doc__.splitlines()[0])
    top.add_argument("--version", action="version", version=f"edition {__version__}")
    commands = top.add_subparsers(dest="command", required=True, parser_class=_Parser)
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
    build.add_argument("-j", "--jobs", type=_positive, default=os.cpu_count() or 1, metavar="N",
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
    validate = commands.add_parser("validate", help="check TEI files against tei_all and the "
                                                    "edition's own rules")
    validate.add_argument("files", nargs="+", type=Path, help="TEI files")
    validate.add_argument("--schema", type=Path, default=None,
                          help="a local tei_all.rng (default: $EDITION_TEI_SCHEMA, or fetched "
                               "once from PyPI and cached)")
    validate.add_argument("--ignore", action="append", default=[], metavar="CODE",
                          help="silence a problem code (repeatable)")
    text = commands.add_parser("text", help="the clean reading text of an edition")
    text.add_argument("edition", type=Path, help="a TEI edition")
    text.add_argument("-o", "--output", type=Path, default=None, help="write to FILE")
    mode = text.add_mutually_exclusive_group()
    mode.add_argument("--pages", action="store_true",
                      help="mark printed page boundaries inline, as [p. 43]")
    mode.add_argument("--diplomatic", action="store_true",
                      help="rebuild the raw page text, furniture and stamps included")
    diff = commands.add_parser("diff", help="account for every character of a raw scan in its "
                                            "edition")
    diff.add_argument("raw", type=Path, help="the raw scan")
    diff.add_argument("edition", type=Path, help="the TEI edition built from it")
    diff.add_argument("--changes", action="store_true", help="list every change")
    diff.add_argument("--unified", action="store_true",
                      help="a unified diff of the raw scan against the reading text")
    diff.add_argument("--html", type=Path, default=None, metavar="FILE",
                      help="write a side-by-side HTML report")
    diff.add_argument("--json", action="store_true", help="print the accounting as JSON")
    return top


def default_sources() -> list[Path]:
    """Every regular file in raw/, in name order."""
    raw = Path("raw")
    if not raw.is_dir():
        raise SourceError("no SOURCE given and no raw/ directory here")
    files = sorted(p for p in raw.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        raise SourceError("no SOURCE given and raw/ is empty")
    return files


def run_build(args: argparse.Namespace) -> int:
    """Build each source (in parallel, skipping unchanged ones); report each failure in one
    line and go on with the others; summarise a collection; write the manifest."""
    import time

    from edition import batch, engines
    from edition.progress import BarReporter, LogReporter, Totals

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
    failed = [r for r in records if r.status == "failed"]
    if collection and not failed:
        from edition.build import write_atomic
        from edition.persons import authority
        from edition.reader import scan_name

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


def run_validate(args: argparse.Namespace) -> int:
    """Validate each file; one line per problem; exit 1 if any file is invalid."""
    from edition.validate import validate_file

    invalid = 0
    unreadable = 0
    for path in args.files:
        try:
            problems = validate_file(path, args.schema, set(args.ignore))
        except SourceError as err:
            print(f"edition: {err}", file=sys.stderr)
            unreadable += 1
            continue
        for problem in problems:
            print(problem)
        invalid += bool(problems)
    if unreadable:
        return EXIT_USAGE
    return EXIT_FAILED if invalid else EXIT_OK


def _write_or_print(text: str, output: Path | None) -> None:
    """Print `text`, or write it atomically to `output`."""
    if output is None:
        sys.stdout.write(text)
        return
    from edition.build import write_atomic

    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as err:
        raise BuildError(f"cannot write {output}: {err.strerror or err}") from None


def run_text(args: argparse.Namespace) -> int:
    """Print or write the reading text (or diplomatic text) of an edition."""
    from edition.readingtext import diplomatic_text, tei_text
    from edition.validate import parse

    try:
        data = args.edition.read_bytes()
    except OSError as err:
        raise SourceError(f"{args.edition}: cannot read ({err.strerror or err})") from None
    tree, problems = parse(data, str(args.edition))
    if tree is None:
        raise SourceError(f"{args.edition}: {problems[0].message}")
    root = tree.getroot()
    text = diplomatic_text(root) if args.diplomatic else tei_text(root, pages=args.pages)
    _write_or_print(text, args.output)
    return EXIT_OK


def run_diff(args: argparse.Namespace) -> int:
    """Account for the raw scan in the edition; exit 1 when anything is unaccounted for."""
    import json

    from edition.diff import PairingError, account, unified

    try:
        report = account(args.raw, args.edition)
    except PairingError as err:
        print(f"edition: {err}", file=sys.stderr)
        return EXIT_USAGE
    for warning in report.warnings:
        print(f"edition: {warning}", file=sys.stderr)
    if args.html is not None:
        from edition.report import render

        _write_or_print(render(report), args.html)
    if args.json:
        print(json.dumps({
            "raw": report.raw_name, "edition": report.edition_name,
            "complete": report.complete, "raw_chars": report.raw_chars,
            "kept_chars": report.kept_chars, "whitespace_chars": report.whitespace_chars,
            "rules": [{"rule": t.rule, "occurrences": t.occurrences, "chars": t.chars,
                       "pages": t.pages} for t in report.totals],
            "unaccounted": [{"start": s, "end": e, "page": p, "text": report.edition.scan.raw[s:e]}
                            for s, e, p in report.unaccounted],
            "added": report.added,
            "changes": [{"page": c.page, "rule": c.rule, "start": c.start, "end": c.end,
                         "before": c.before, "after": c.after, "note": c.note}
                        for c in report.changes],
        }, ensure_ascii=False, indent=1))
        return EXIT_OK if report.complete else EXIT_FAILED
    if args.unified:
        sys.stdout.write(unified(report))
    if args.changes:
        for c in report.changes:
            print(f"{c.page}\t{c.rule}\t{c.start}-{c.end}\t{c.before!r} -> {c.after!r}\t{c.note}")
    _print_summary(report)
    return EXIT_OK if report.complete else EXIT_FAILED


def _print_summary(report) -> None:  # noqa: ANN001
    """The per-rule accounting, and what is missing, as a table."""
    print(f"{report.raw_name} -> {report.edition_name}: {report.raw_chars:,} raw characters")
    print(f"  {'kept in the reading text':<28}{report.kept_chars:>10,}")
    print(f"  {'whitespace':<28}{report.whitespace_chars:>10,}")
    print(f"  {'rule':<28}{'chars':>10}{'occurrences':>13}{'pages':>7}")
    for t in report.totals:
        print(f"  {t.rule:<28}{t.chars:>10,}{t.occurrences:>13,}{t.pages:>7,}")
    if report.complete:
        print("  complete: every raw character is in the reading text or in a recorded edit")
        return
    for start, end, page in report.unaccounted[:20]:
        text = report.edition.scan.raw[start:end].strip()
        print(f"  UNACCOUNTED {page} raw {start}-{end}: {text[:70]!r}")
    for block in report.added[:20]:
        print(f"  NOT IN THE SCAN: {block[:70]!r}")
    print(f"  INCOMPLETE: {len(report.unaccounted)} raw spans unaccounted for, "
          f"{len(report.added)} edition blocks not from the scan")


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM (a batch system stopping the job) unwinds like Ctrl-C: temporary files go."""
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    cli = parser()
    args = cli.parse_args(argv)
    if args.command == "build" and args.scheduler and args.engine != "dask":
        cli.error("--scheduler names a Dask scheduler: use it with --engine dask")
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
    try:
        if args.command == "build":
            return run_build(args)
        if args.command == "validate":
            return run_validate(args)
        if args.command == "text":
            return run_text(args)
        if args.command == "diff":
            return run_diff(args)
    except SourceError as err:
        print(f"edition: {err}", file=sys.stderr)
        return EXIT_USAGE
    except (SchemaError, EngineError) as err:
        print(f"edition: {err}", file=sys.stderr)
        return EXIT_USAGE
    except EditionError as err:
        print(f"edition: {err}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("edition: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of our output went away (`edition validate ... | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    return EXIT_USAGE
