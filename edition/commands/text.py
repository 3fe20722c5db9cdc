"""`edition text`: the reading, paged or diplomatic text of an edition, from the TEI alone."""

from __future__ import annotations

import argparse
from pathlib import Path

from edition.commands import EXIT_OK, add_command, write_or_print

EXAMPLES = """\
  edition text tei/krivitsky-1940.xml > krivitsky.txt
  edition text tei/krivitsky-1940.xml --mark-pages -o krivitsky-paged.txt   # [p. 43] inline
  edition text tei/krivitsky-1940.xml --diplomatic | less                    # page by page
"""


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `text` command and its options."""
    text = add_command(commands, "text", "the clean reading text of an edition, from the TEI "
                       "alone", EXAMPLES)
    text.add_argument("edition", type=Path, help="a TEI edition written by `edition build`")
    text.add_argument("-o", "--output", type=Path, default=None, metavar="FILE",
                      help="write to FILE (default, or -: standard output)")
    mode = text.add_mutually_exclusive_group()
    mode.add_argument("--mark-pages", "--pages", dest="pages", action="store_true",
                      help="mark printed page boundaries inline, as [p. 43]")
    mode.add_argument("--diplomatic", action="store_true",
                      help="rebuild each scanned page: running heads, page numbers, stamps and "
                           "footnotes where the scan has them")


def run(args: argparse.Namespace) -> int:
    """Print or write the reading text (or diplomatic text) of an edition."""
    from edition.check.validate import load_tei
    from edition.write.text import diplomatic_text, tei_text

    root = load_tei(args.edition)
    text = diplomatic_text(root) if args.diplomatic else tei_text(root, pages=args.pages)
    write_or_print(text, args.output)
    return EXIT_OK
