"""`edition review`: the decisions a build flagged uncertain, to accept or override."""

from __future__ import annotations

import argparse
import sys

from edition.commands import EXIT_FAILED, EXIT_OK, add_command, add_scan_arguments, say
from edition.errors import SourceError

EXAMPLES = """\
  edition review raw/book.txt                         # every uncertain decision, as TSV
  edition review raw/book.txt --accept hyphen-join@15080 --accept page@15
  edition review raw/book.txt --accept all            # confirm every one
  edition review raw/book.txt --override hyphen-join@15080     # decide the other way
  edition review raw/book.txt --override page@15 --replace v   # a page number
  edition review raw/book.txt --override mixed-script@5120 --replace Koutiepov

An id is RULE@OFFSET (the rule and the raw offset of its edit, as 'edition build
--list-edits' shows them) or page@N (the printed number of scan page N). An accepted decision
stays the rule's, no longer flagged; an overridden one is the editor's. Then rebuild.
"""
#: The columns of the listing: an id, then the columns of `edition build --list-edits`.
COLUMNS = ("id", "scan_page", "rule", "start", "end", "before", "after", "evidence")


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `review` command and its options."""
    review = add_command(commands, "review", "list the decisions a build of a scan flagged "
                         "uncertain, with their evidence; accept or override them as corrections",
                         EXAMPLES)
    add_scan_arguments(review)
    review.add_argument("--accept", action="append", default=[], metavar="ID",
                        help="confirm a decision (repeatable; 'all' for every one listed)")
    review.add_argument("--override", action="append", default=[], metavar="ID",
                        help="decide otherwise: a hyphen kept or joined the other way, text a "
                             "rule removed restored, or --replace's reading (repeatable)")
    review.add_argument("--replace", default=None, metavar="TEXT",
                        help="the reading of one --override that needs one (a page number, a word)")


def run(args: argparse.Namespace) -> int:
    """List the uncertain decisions, or turn those named into corrections and write them."""
    from edition.collection.batch import tsv_field
    from edition.corrections.decisions import DecisionError, correction, uncertain
    from edition.corrections.model import editor_name, now
    from edition.corrections.session import check, counted, describe, open_session, write

    session = open_session(args.scan, args.pages, args.encoding)
    edition = session.edition
    decisions = uncertain(edition)
    if not args.accept and not args.override:
        print("\t".join(COLUMNS))
        for d in decisions:
            print("\t".join([d.id, str(d.page + 1), d.rule, str(d.start), str(d.end),
                             tsv_field(d.before), tsv_field(d.after), tsv_field(d.evidence)]))
        for w in edition.warnings:
            if w.code in ("W601", "W602"):
                say(args, f"edition: {w}")
        say(args, f"{len(decisions)} uncertain decision{'s' if len(decisions) != 1 else ''}", 2)
        return EXIT_OK
    if args.replace is not None and len(args.override) != 1:
        raise SourceError("--replace gives the reading of one --override")
    by_id = {d.id: d for d in decisions}
    accept = [d.id for d in decisions] if "all" in args.accept else args.accept
    unknown = [i for i in [*accept, *args.override] if i not in by_id]
    if unknown:
        raise SourceError(f"{unknown[0]}: no such uncertain decision in this build (edition "
                          f"review {args.scan} lists them)")
    by, when = editor_name(args.by), now()
    new = []
    try:
        for ident in accept:
            new.append(correction(edition, by_id[ident], True, None, by, when, args.note))
        for ident in args.override:
            new.append(correction(edition, by_id[ident], False, args.replace, by, when, args.note))
    except DecisionError as err:
        raise SourceError(str(err)) from None
    keep = list(session.records)
    good, bad = check(session, keep, new)
    for c, outcome in bad:
        print(f"edition: {c.kind} at scan page {c.page} would not apply: {outcome.reason}",
              file=sys.stderr)
    if bad:
        return EXIT_FAILED
    write(session, [*keep, *good])
    for c in good:
        print(describe(c))
    say(args, f"wrote {session.path} ({counted(len(keep) + len(good))}); rebuild to apply: "
              f"edition build {args.scan}")
    return EXIT_OK
