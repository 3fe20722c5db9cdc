"""`edition html`: a static reading edition of a TEI edition (one page per book, and an
"about this edition" page), readable from file:// with nothing fetched."""

from __future__ import annotations

import argparse
from pathlib import Path

from edition.commands import EXIT_OK, add_command, say

EXAMPLES = """\
  edition html tei/krivitsky-1940.xml -o site/     # site/krivitsky-1940.html, -about.html
  # cite a printed page by URL: site/krivitsky-1940.html#p43
"""


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `html` command and its options."""
    html = add_command(commands, "html", "a static HTML reading edition of a TEI edition",
                       EXAMPLES)
    html.add_argument("edition", type=Path, help="a TEI edition (EDITION.xml)")
    html.add_argument("-o", "--outdir", type=Path, default=Path("."), metavar="DIR",
                      help="where to write EDITION.html and EDITION-about.html (default: .)")


def run(args: argparse.Namespace) -> int:
    """Write the HTML pages of one edition."""
    from edition.write.html import write_html

    written = write_html(args.edition, args.outdir)
    say(args, f"wrote {written.page} and {written.about}"
              + (f" ({len(written.images)} images)" if written.images else ""))
    return EXIT_OK
