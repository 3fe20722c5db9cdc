"""`edition validate`: TEI files against tei_all and the edition's own rules."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from edition.commands import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from edition.errors import SourceError


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `validate` command and its options."""
    validate = commands.add_parser("validate", help="check TEI files against tei_all and the "
                                                    "edition's own rules")
    validate.add_argument("files", nargs="+", type=Path, help="TEI files")
    validate.add_argument("--schema", type=Path, default=None,
                          help="a local tei_all.rng (default: $EDITION_TEI_SCHEMA, or fetched "
                               "once from PyPI and cached)")
    validate.add_argument("--ignore", action="append", default=[], metavar="CODE",
                          help="silence a problem code (repeatable)")


def run(args: argparse.Namespace) -> int:
    """Validate each file; one line per problem; exit 1 if any file is invalid."""
    from edition.check.validate import validate_file

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
