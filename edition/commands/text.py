"""`edition text`: the reading, paged or diplomatic text of an edition, from the TEI alone."""

from __future__ import annotations

import argparse
from pathlib import Path

from edition.commands import EXIT_OK, write_or_print
from edition.errors import SourceError


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `text` command and its options."""
    text = commands.add_parser("text", help="the clean reading text of an edition")
    text.add_argument("edition", type=Path, help="a TEI edition")
    text.add_argument("-o", "--output", type=Path, default=None, help="write to FILE")
    mode = text.add_mutually_exclusive_group()
    mode.add_argument("--pages", action="store_true",
                      help="mark printed page boundaries inline, as [p. 43]")
    mode.add_argument("--diplomatic", action="store_true",
                      help="rebuild the raw page text, furniture and stamps included")


def run(args: argparse.Namespace) -> int:
    """Print or write the reading text (or diplomatic text) of an edition."""
    from edition.check.validate import parse
    from edition.write.text import diplomatic_text, tei_text

    try:
        data = args.edition.read_bytes()
    except OSError as err:
        raise SourceError(f"{args.edition}: cannot read ({err.strerror or err})") from None
    tree, problems = parse(data, str(args.edition))
    if tree is None:
        raise SourceError(f"{args.edition}: {problems[0].message}")
    root = tree.getroot()
    text = diplomatic_text(root) if args.diplomatic else tei_text(root, pages=args.pages)
    write_or_print(text, args.output)
    return EXIT_OK
