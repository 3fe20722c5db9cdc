"""`edition diff`: account for every character of a raw scan in its edition."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from edition.commands import EXIT_FAILED, EXIT_OK, EXIT_USAGE, write_or_print


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `diff` command and its options."""
    diff = commands.add_parser("diff", help="account for every character of a raw scan in its "
                                            "edition")
    diff.add_argument("raw", type=Path, help="the raw scan")
    diff.add_argument("edition", type=Path, help="the TEI edition built from it")
    diff.add_argument("--changes", action="store_true", help="list every change")
    diff.add_argument("--unified", action="store_true",
                      help="a unified diff of the raw scan against the reading text")
    diff.add_argument("--html", type=Path, default=None, metavar="FILE",
                      help="write a side-by-side HTML report")
    diff.add_argument("--json", action="store_true", help="print the accounting as JSON")


def run(args: argparse.Namespace) -> int:
    """Account for the raw scan in the edition; exit 1 when anything is unaccounted for."""
    import json

    from edition.check.diff import PairingError, account, unified

    try:
        report = account(args.raw, args.edition)
    except PairingError as err:
        print(f"edition: {err}", file=sys.stderr)
        return EXIT_USAGE
    for warning in report.warnings:
        print(f"edition: {warning}", file=sys.stderr)
    if args.html is not None:
        from edition.write.report import render

        write_or_print(render(report), args.html)
    if args.json:
        print(json.dumps({
            "raw": report.raw_name, "edition": report.edition_name,
            "complete": report.complete, "raw_chars": report.raw_chars,
            "kept_chars": report.kept_chars, "whitespace_chars": report.whitespace_chars,
            "rules": [{"rule": t.rule, "occurrences": t.occurrences, "chars": t.chars,
                       "pages": t.pages} for t in report.totals],
            "unaccounted": [{"start": s, "end": e, "page": p, "text": report.edition.scan.raw[s:e]}
                            for s, e, p in report.unaccounted],
            "added": report.added,
            "changes": [{"page": c.page, "rule": c.rule, "start": c.start, "end": c.end,
                         "before": c.before, "after": c.after, "note": c.note}
                        for c in report.changes],
        }, ensure_ascii=False, indent=1))
        return EXIT_OK if report.complete else EXIT_FAILED
    if args.unified:
        sys.stdout.write(unified(report))
    if args.changes:
        for c in report.changes:
            print(f"{c.page}\t{c.rule}\t{c.start}-{c.end}\t{c.before!r} -> {c.after!r}\t{c.note}")
    print_summary(report)
    return EXIT_OK if report.complete else EXIT_FAILED


def print_summary(report) -> None:  # noqa: ANN001
    """The per-rule accounting, and what is missing, as a table."""
    print(f"{report.raw_name} -> {report.edition_name}: {report.raw_chars:,} raw characters")
    print(f"  {'kept in the reading text':<28}{report.kept_chars:>10,}")
    print(f"  {'whitespace':<28}{report.whitespace_chars:>10,}")
    print(f"  {'rule':<28}{'chars':>10}{'occurrences':>13}{'pages':>7}")
    for t in report.totals:
        print(f"  {t.rule:<28}{t.chars:>10,}{t.occurrences:>13,}{t.pages:>7,}")
    if report.complete:
        print("  complete: every raw character is in the reading text or in a recorded edit")
        return
    for start, end, page in report.unaccounted[:20]:
        text = report.edition.scan.raw[start:end].strip()
        print(f"  UNACCOUNTED {page} raw {start}-{end}: {text[:70]!r}")
    for block in report.added[:20]:
        print(f"  NOT IN THE SCAN: {block[:70]!r}")
    print(f"  INCOMPLETE: {len(report.unaccounted)} raw spans unaccounted for, "
          f"{len(report.added)} edition blocks not from the scan")
