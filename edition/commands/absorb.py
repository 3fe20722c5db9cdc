"""`edition absorb`: an editor's corrected copy of the reading text (or TEI) into corrections."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from edition.commands import EXIT_FAILED, EXIT_OK, EXIT_USAGE, add_command, add_scan_arguments, say
from edition.errors import SourceError

if TYPE_CHECKING:
    from edition.corrections.session import Session

EXAMPLES = """\
  edition text tei/book.xml --mark-pages > book.txt      # correct book.txt in any editor, then
  edition absorb raw/book.txt book.txt                   # review the corrections, answer y
  edition absorb raw/book.txt book.txt --yes --by "Jane Smith"
  edition absorb raw/book.txt edited.xml                 # a corrected TEI (element content)
  edition build raw/book.txt                             # the edition with the corrections

Changed words become text corrections (a hyphen at a line end put in or taken out: a hyphen
decision), a blank line put in or taken out a paragraph break or join, a changed page mark
("[s14]" to "[p. iv]") a page number. Whitespace inside a paragraph is layout.
"""


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `absorb` command and its options."""
    absorb = add_command(commands, "absorb", "turn the changes in a corrected copy of an "
                         "edition's reading text (or TEI) into corrections kept beside the scan",
                         EXAMPLES)
    add_scan_arguments(absorb)
    absorb.add_argument("edited", type=Path, help="the corrected copy: the text 'edition text' "
                                                  "wrote (with or without --mark-pages), or a TEI")
    absorb.add_argument("--yes", "-y", action="store_true",
                        help="write the corrections without asking (needed when standard input "
                             "is not a terminal)")


def _copy(path: Path, session: Session) -> tuple[str, bool | None]:
    """The corrected copy's text and whether it has page marks (None: look): the reading text
    of a TEI (refused when built from another scan, or with other corrections than the file
    holds now: its differences would take them back), or a text file as it is."""
    from edition.check.validate import load_tei, looks_like_tei
    from edition.corrections.absorb import copy_of_tei

    if looks_like_tei(path):
        root = load_tei(path, "a TEI edition")
        tei = "{http://www.tei-c.org/ns/1.0}"
        sha = root.findtext(f".//{tei}sourceDesc/{tei}bibl[@type='scan']/{tei}idno[@type='sha256']")
        if sha and sha != session.scan.sha256:
            raise SourceError(f"{path} was built from another scan (sha256 {sha[:12]}…)")
        recorded = root.findtext(f".//{tei}sourceDesc/{tei}bibl[@type='corrections']/"
                                 f"{tei}idno[@type='sha256']") or ""
        current = session.corrections.sha256 if session.corrections else ""
        if recorded != current and (recorded or session.records):
            raise SourceError(f"{path} was built with other corrections than {session.path.name} "
                              f"holds now; rebuild it (edition build {session.source}) and "
                              "correct that")
        return copy_of_tei(root), True
    try:
        data = path.read_bytes()
    except OSError as err:
        raise SourceError(f"{path}: cannot read ({err.strerror or err})") from None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        raise SourceError(f"{path}: not UTF-8 text (byte {err.start}); save it as UTF-8") from None


def run(args: argparse.Namespace) -> int:
    """Show the corrections a copy gives, ask, and write them."""
    from edition.corrections.absorb import absorb
    from edition.corrections.model import editor_name, now
    from edition.corrections.session import counted, describe, open_session, write

    session = open_session(args.scan, args.pages, args.encoding)
    text, pages = _copy(args.edited, session)
    by, when = editor_name(args.by), now()
    try:
        result = absorb(session.scan, session.corrections, text, by, when, pages, session.edition)
    except ValueError as err:
        raise SourceError(f"{args.edited}: {err}") from None
    if args.note:
        from dataclasses import replace

        noted = {c.id: replace(c, note=args.note) for c in result.new}
        result.new = list(noted.values())
        result.records = [noted.get(c.id, c) for c in result.records]
    for c in result.new:
        print(describe(c))
    for ident in sorted(result.removed):
        print(f"{ident:<6} taken back (the copy reads as the rules make it, or corrects it anew)")
    if result.removed:
        print(f"edition: {len(result.removed)} earlier correction{'s' if len(result.removed) > 1 else ''} "
              "taken back: make sure the copy was made from the edition built with them",
              file=sys.stderr)
    for refused in result.refused:
        print(f"edition: not absorbed (scan page {refused.page or '?'}): "
              f"{_short(refused.ours)} -> {_short(refused.theirs)}: {refused.reason}",
              file=sys.stderr)
    for ours, theirs in result.remaining[:10]:
        print(f"edition: still different: {_short(ours)} / copy: {_short(theirs)}", file=sys.stderr)
    incomplete = bool(result.refused or result.remaining)
    if not result.new and not result.removed:
        say(args, "edition: no corrections: the copy reads as the edition"
                  + (" where it can be corrected" if incomplete else ""))
        return EXIT_FAILED if incomplete else EXIT_OK
    count = counted(len(result.new))
    if not args.yes:
        if not sys.stdin.isatty():
            print(f"edition: standard input is not a terminal: review the {count} above and run "
                  "again with --yes to write them", file=sys.stderr)
            return EXIT_USAGE
        answer = input(f"Write {count} to {session.path}"
                       + (f" (taking back {len(result.removed)})" if result.removed else "")
                       + "? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            say(args, "edition: nothing written")
            return EXIT_OK
    write(session, result.records)
    say(args, f"wrote {count} to {session.path} ({len(result.records)} in all); rebuild to apply: "
              f"edition build {args.scan}")
    return EXIT_FAILED if incomplete else EXIT_OK


def _short(text: str, width: int = 60) -> str:
    """Text for a message line."""
    text = text.replace("\n\n", " ¶ ")
    return repr(text if len(text) <= width else text[: width - 3] + "...")
