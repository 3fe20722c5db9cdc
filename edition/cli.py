"""The command line: a thin layer that turns library calls into messages and exit codes.

Exit codes: 0 ok; 1 a build failed or a check did not pass; 2 bad usage or
unreadable input. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from edition import __version__
from edition.errors import BuildError, EditionError, SchemaError, SourceError
from edition.reader import CONVENTIONS

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports bad usage in one line with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"edition: {message} (see 'edition --help')\n")
        raise SystemExit(EXIT_USAGE)


def parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    top = _Parser(prog="edition", description=__doc__.splitlines()[0])
    top.add_argument("--version", action="version", version=f"edition {__version__}")
    commands = top.add_subparsers(dest="command", required=True, parser_class=_Parser)
    build = commands.add_parser("build", help="build TEI editions from raw scans")
    build.add_argument("sources", nargs="*", type=Path,
                       help="raw scan files (default: every file in raw/)")
    build.add_argument("-o", "--outdir", type=Path, default=Path("tei"),
                       help="where to write <stem>.xml (default: tei/)")
    build.add_argument("--pages", choices=["auto", *CONVENTIONS], default="auto",
                       help="page convention of the sources (default: detected)")
    build.add_argument("--list-edits", action="store_true",
                       help="print every recorded edit as tab-separated lines")
    build.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    validate = commands.add_parser("validate", help="check TEI files against tei_all and the "
                                                    "edition's own rules")
    validate.add_argument("files", nargs="+", type=Path, help="TEI files")
    validate.add_argument("--schema", type=Path, default=None,
                          help="a local tei_all.rng (default: $EDITION_TEI_SCHEMA, or fetched "
                               "once from PyPI and cached)")
    validate.add_argument("--ignore", action="append", default=[], metavar="CODE",
                          help="silence a problem code (repeatable)")
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
    """Build each source; report each failure in one line and go on with the others."""
    from edition.build import build_file  # imported here so `--help` stays instant

    sources = args.sources or default_sources()
    failed: list[tuple[Path, int]] = []
    for source in sources:
        try:
            result = build_file(source, args.outdir, args.pages)
        except SourceError as err:
            print(f"edition: {err}", file=sys.stderr)
            failed.append((source, EXIT_USAGE))
            continue
        except BuildError as err:
            print(f"edition: {source}: {err}", file=sys.stderr)
            failed.append((source, EXIT_FAILED))
            continue
        if not args.quiet:
            print(f"wrote {result.path} ({result.summary})")
            for warning in result.edition.warnings:
                print(f"  {source.name}: {warning}", file=sys.stderr)
        if args.list_edits:
            raw = result.edition.scan.raw
            for e in result.edition.edits:
                print("\t".join([e.rule, str(e.page), f"{e.start}-{e.end}",
                                 repr(raw[e.start:e.end]), repr(e.replacement), e.note]))
    if failed:
        if len(sources) > 1:
            print(f"edition: {len(failed)} of {len(sources)} builds failed: "
                  + ", ".join(str(p) for p, _ in failed), file=sys.stderr)
        return max(code for _, code in failed)
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = parser().parse_args(argv)
    try:
        if args.command == "build":
            return run_build(args)
        if args.command == "validate":
            return run_validate(args)
    except SourceError as err:
        print(f"edition: {err}", file=sys.stderr)
        return EXIT_USAGE
    except SchemaError as err:
        print(f"edition: {err}", file=sys.stderr)
        return EXIT_USAGE
    except EditionError as err:
        print(f"edition: {err}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("edition: interrupted", file=sys.stderr)
        return 130
    return EXIT_USAGE
