"""`edition validate`: TEI files against tei_all and the edition's own rules."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from edition.commands import EXIT_FAILED, EXIT_OK, EXIT_USAGE, add_command, say
from edition.errors import SourceError

EXAMPLES = """\
  edition validate tei/*.xml
  edition validate tei/krivitsky-1940.xml --ignore ED105       # silence one code
  edition validate my.xml --schema ~/tei/tei_all.rng           # a local copy of tei_all
"""


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `validate` command and its options."""
    validate = add_command(commands, "validate", "check TEI files against TEI P5 tei_all and "
                           "the edition's own rules; one line per problem, FILE:LINE: CODE",
                           EXAMPLES)
    validate.add_argument("files", nargs="+", type=Path, help="TEI files")
    validate.add_argument("--schema", type=Path, default=None,
                          help="a local tei_all.rng (default: $EDITION_TEI_SCHEMA, or fetched "
                               "once from PyPI and cached)")
    validate.add_argument("--ignore", action="append", default=[], metavar="CODE",
                          help="silence a problem code, e.g. ED105 (repeatable)")


def run(args: argparse.Namespace) -> int:
    """Validate each file; one line per problem; exit 1 if any file is invalid."""
    from edition.check.validate import CODES, validate_file

    unknown = [code for code in args.ignore if code not in CODES]
    if unknown:
        print(f"edition: --ignore {unknown[0]}: no such problem code (the codes: "
              f"{', '.join(CODES)}) (see 'edition validate --help')", file=sys.stderr)
        return EXIT_USAGE
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
        if not problems:
            say(args, f"{path}: valid", 2)
    if unreadable:
        return EXIT_USAGE
    return EXIT_FAILED if invalid else EXIT_OK
