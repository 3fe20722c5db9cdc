"""`edition lines`: what each printed line of a scan is, and which rule said so."""

from __future__ import annotations

import argparse
from pathlib import Path

from edition.commands import EXIT_OK, add_command, positive, write_or_print
from edition.errors import SourceError

EXAMPLES = """\
  edition lines raw/krivitsky-1940.txt | less                 # every line: role, rule, evidence
  edition lines raw/krivitsky-1940.txt --role running-head    # the running heads only
  edition lines scan.txt --page 43 -o page43.tsv              # scan page 43
"""

#: The columns of the listing, one raw line a row.
COLUMNS = ("book", "scan_page", "line", "role", "rule", "evidence", "text")


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `lines` command and its options."""
    lines = add_command(commands, "lines", "what each printed line of a scan is (text, running "
                        "head, folio, signature, stamp, note, verse ...) and which rule said so, "
                        "as a TSV table", EXAMPLES)
    lines.add_argument("source", type=Path, help="a raw scan, as `edition build` takes it")
    lines.add_argument("-o", "--output", type=Path, default=None, metavar="FILE",
                       help="write to FILE (default, or -: standard output)")
    lines.add_argument("--role", action="append", default=None, metavar="ROLE",
                       help="list only lines of this role (repeatable); roles: %(choices)s",
                       choices=sorted(_roles()))
    lines.add_argument("--page", type=positive, action="append", default=None, metavar="N",
                       help="list only scan page N (1-based; repeatable)")
    lines.add_argument("--page-convention", "--pages", dest="convention", default="auto",
                       help="how the file marks its pages (as for `edition build`)")


def _roles() -> frozenset[str]:
    from edition.roles import ROLES

    return ROLES


def run(args: argparse.Namespace) -> int:
    """Build the scan in memory and print the role of each of its lines."""
    from edition.collection.batch import tsv_field
    from edition.pipeline import build
    from edition.read.text import read_scan
    from edition.roles import line_roles

    edition = build(read_scan(args.source, args.convention))
    pages = {p - 1 for p in args.page} if args.page else None
    if pages is not None and max(pages) >= len(edition.scan.pages):
        raise SourceError(f"--page {max(pages) + 1}: {args.source} has scan pages "
                          f"1-{len(edition.scan.pages)}")
    roles = set(args.role) if args.role else None
    rows = ["\t".join(COLUMNS)]
    for r in line_roles(edition):
        if (pages is not None and r.page not in pages) or (roles is not None and
                                                            r.role not in roles):
            continue
        rows.append("\t".join([tsv_field(edition.scan.name), str(r.page + 1), str(r.number),
                               r.role, r.rule, tsv_field(r.evidence), tsv_field(r.text)]))
    write_or_print("\n".join(rows) + "\n", args.output)
    return EXIT_OK
