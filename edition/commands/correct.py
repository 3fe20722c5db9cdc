"""`edition correct`: one correction of a scan's edition, kept beside the scan."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from edition.commands import EXIT_FAILED, EXIT_OK, add_command, add_scan_arguments, positive, say
from edition.errors import SourceError

if TYPE_CHECKING:
    from edition.corrections.model import Correction
    from edition.corrections.reading import Reading
    from edition.corrections.session import Session
    from edition.model import Scan

EXAMPLES = """\
  edition correct raw/book.txt --page 17 --find tlie --replace the
  edition correct raw/book.txt --page 17 --find "bv which" --replace "by which" --note "OCR"
  edition correct raw/book.txt --page 13 --kind page-number --replace iii
  edition correct raw/book.txt --page 20 --kind paragraph-break --find "Lady Russell loved"
  edition correct raw/book.txt --page 21 --kind paragraph-join --find "Elizabeth did not"
  edition correct raw/book.txt --page 24 --kind hyphen-join --find right-mindedness
  edition correct raw/book.txt --page 40 --kind furniture --find "The History and"
  edition correct raw/book.txt --page 30 --kind not-furniture --find "CHAPTER II"
  edition correct raw/book.txt --page 16 --kind heading --find "Chapter %"

--find is looked for in the reading text of scan page N (as 'edition text' shows it; for
not-furniture in the scan's text of the page), and must stand there once. Then rebuild:
edition build raw/book.txt
"""
#: The kinds `--kind` names (the kinds of `edition.corrections.model.KINDS`).
KIND_NAMES = ("text", "hyphen-keep", "hyphen-join", "paragraph-break", "paragraph-join",
              "page-number", "heading", "not-heading", "furniture", "not-furniture")


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `correct` command and its options."""
    correct = add_command(commands, "correct", "correct the edition of a scan at one place; the "
                          "correction is kept beside the scan and applied on every build",
                          EXAMPLES)
    add_scan_arguments(correct)
    correct.add_argument("--page", type=positive, required=True, metavar="N",
                         help="the scan page (1 is the file's first page)")
    correct.add_argument("--find", default=None, metavar="TEXT",
                         help="the text to correct, as the reading text has it on that page")
    correct.add_argument("--replace", default=None, metavar="TEXT",
                         help="what it should read (a text correction; a page number)")
    correct.add_argument("--kind", choices=KIND_NAMES, default="text",
                         help="what kind of correction (default: text; a change of nothing but "
                              "a line-end hyphen is made a hyphen decision)")


def run(args: argparse.Namespace) -> int:
    """Make one correction, check it applies, and write it to the corrections file."""
    from edition.corrections.model import editor_name, now
    from edition.corrections.session import check, counted, describe, open_session, write

    session = open_session(args.scan, args.pages, args.encoding)
    pages = len(session.scan.pages)
    if not 1 <= args.page <= pages:
        raise SourceError(f"--page {args.page}: {args.scan} has scan pages 1-{pages}")
    by, when = editor_name(args.by), now()
    new, removed = _corrections(args, session, by, when)
    if not new and not removed:
        say(args, "edition: nothing to correct: the edition reads so already")
        return EXIT_OK
    keep = [c for c in session.records if c.id not in removed]
    good, bad = check(session, keep, new)
    for _c, outcome in bad:
        print(f"edition: the correction would not apply: {outcome.reason}", file=sys.stderr)
    if bad:
        return EXIT_FAILED
    write(session, [*keep, *good])
    for c in good:
        print(describe(c))
    for ident in sorted(removed):
        say(args, f"edition: correction {ident} replaced")
    say(args, f"wrote {session.path} ({counted(len(keep) + len(good))}); rebuild to apply: "
              f"edition build {args.scan}")
    return EXIT_OK


def _occurrences(ours: Reading, find: str, page: int, scan: Scan) -> list[int]:
    """Where `find` stands in the reading text with its first letter from scan page `page`."""
    from edition.corrections.reading import TEXT

    out: list[int] = []
    for at in _all(ours.text, find):
        first = next((k for k in range(at, at + len(find)) if ours.code[k] == TEXT), -1)
        if first >= 0 and scan.page_of(ours.lo[first]) == page:
            out.append(at)
    return out


def _corrections(args: argparse.Namespace, session: Session, by: str, when: str
                 ) -> tuple[list[Correction], set[str]]:
    """The new corrections the arguments ask for, and the ids of those they replace."""
    from edition.corrections.absorb import absorb, text_at
    from edition.corrections.anchor import context
    from edition.corrections.model import PARAGRAPH, Correction
    from edition.corrections.reading import TEXT, reading

    scan, page = session.scan, args.page - 1
    raw = scan.raw
    note = args.note

    def make(kind: str, a: int, b: int, found: str, replacement: str) -> Correction:
        before, after = context(raw, a, b)
        return Correction("", scan.page_of(a) + 1, kind, found, replacement, note, by, when, a,
                          raw[a:b], before, after)

    if args.kind == "page-number":
        if args.replace is None:
            raise SourceError("--kind page-number needs the printed number: --replace N (an "
                              "empty one for none)")
        start = scan.pages[page].start
        found = session.edition.pagination.n(page) or ""
        return [make("page-number", start, start, found, args.replace.strip())], set()
    if not args.find:
        raise SourceError(f"--kind {args.kind} needs --find TEXT: the text to correct")
    if args.kind == "not-furniture":
        p = scan.pages[page]
        hits = []
        at = raw.find(args.find, p.start, p.end)
        while at >= 0:
            hits.append(at)
            at = raw.find(args.find, at + 1, p.end)
        if len(hits) != 1:
            raise SourceError(f"--find {args.find!r} stands {len(hits)} times in the scan's text "
                              f"of scan page {args.page}; give it exactly as the scan has it, "
                              "and enough of it to be found once")
        a = hits[0]
        return [make("not-furniture", a, a + len(args.find), "", args.find)], set()
    ours = reading(session.edition, False)
    hits = _occurrences(ours, args.find, page, scan)
    if len(hits) != 1:
        elsewhere = sorted({scan.page_of(ours.lo[k]) + 1 for k in _all(ours.text, args.find)
                            if ours.code[k] == TEXT})
        where = f" (it stands on scan pages {', '.join(map(str, elsewhere[:8]))})" if (
            elsewhere and not hits) else ""
        raise SourceError(f"--find {args.find!r} stands {len(hits)} times in the reading text of "
                          f"scan page {args.page}{where}; give enough of the text around it to "
                          "find it once")
    at = hits[0]
    span = ours.raw_span(at, at + len(args.find))
    assert span is not None
    a, b = span
    if args.kind == "text":
        if args.replace is None:
            raise SourceError("a text correction needs --replace TEXT")
        copy = ours.text[:at] + args.replace + ours.text[at + len(args.find):]
        result = absorb(scan, session.corrections, copy, by, when, False, session.edition)
        for refused in result.refused:
            raise SourceError(f"cannot make that a correction: {refused.reason}")
        return [_noted(c, note) for c in result.new], result.removed
    if args.kind in ("paragraph-break", "paragraph-join"):
        k = ours.next_text(at)
        point = ours.lo[k]
        if args.kind == "paragraph-join":
            return [make(args.kind, point, point, PARAGRAPH, " ")], set()
        found = " " if ours.text[at - 1 : at].isspace() else ""
        return [make(args.kind, point, point, found, PARAGRAPH)], set()
    if args.kind in ("hyphen-keep", "hyphen-join"):
        from edition.corrections.apply import line_end_hyphen

        found_h = [h for h in range(a, b + 1) if line_end_hyphen(raw, h)]
        if len(found_h) != 1:
            raise SourceError(f"--find {args.find!r}: {len(found_h)} hyphens at the end of a printed "
                              "line in it; name one word broken at a line end")
        h = found_h[0]
        joined = any(e.start == h and e.end == h + 1 and not e.replacement
                     for e in session.rules_edition().edits)
        found = "" if joined else raw[h]
        return [make(args.kind, h, h + 1, found, "" if args.kind == "hyphen-join" else "-")], set()
    rules = reading(session.rules_edition(), False)
    found = text_at(rules, a, b)
    if found is None:
        raise SourceError(f"--find {args.find!r}: the rules' reading text there is not one "
                          "stretch (it runs over a page break or a rule's edit)")
    return [make(args.kind, a, b, found, "" if args.kind == "furniture" else found)], set()


def _all(text: str, find: str) -> list[int]:
    """Every place `find` begins in `text`."""
    out, at = [], text.find(find)
    while at >= 0:
        out.append(at)
        at = text.find(find, at + 1)
    return out


def _noted(c: Correction, note: str) -> Correction:
    """A correction with the editor's note."""
    from dataclasses import replace

    return replace(c, note=note) if note else c
