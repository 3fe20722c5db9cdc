"""`edition epub`: an EPUB 3 of a TEI edition (reading text, page-list, footnotes)."""

from __future__ import annotations

import argparse
from pathlib import Path

from edition.commands import EXIT_OK, add_command, say

EXAMPLES = """\
  edition epub tei/krivitsky-1940.xml                      # krivitsky-1940.epub here
  edition epub tei/krivitsky-1940.xml -o books/krivitsky.epub
"""


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `epub` command and its options."""
    epub = add_command(commands, "epub", "an EPUB 3 of a TEI edition, with the printed page "
                       "numbers as its page-list", EXAMPLES)
    epub.add_argument("edition", type=Path, help="a TEI edition (EDITION.xml)")
    epub.add_argument("-o", "--output", type=Path, default=None, metavar="BOOK.epub",
                      help="the EPUB to write (default: EDITION.epub in the current directory)")


def run(args: argparse.Namespace) -> int:
    """Write the EPUB of one edition."""
    from edition.write.epub import write_epub

    output = args.output or Path(args.edition.stem + ".epub")
    write_epub(args.edition, output)
    say(args, f"wrote {output}")
    return EXIT_OK
