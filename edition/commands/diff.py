"""`edition diff`: account for every character of a raw scan in its edition."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from edition.commands import EXIT_FAILED, EXIT_OK, EXIT_USAGE, add_command, say, write_or_print

EXAMPLES = """\
  edition diff raw/krivitsky-1940.txt tei/krivitsky-1940.xml           # the accounting
  edition diff raw/krivitsky-1940.txt tei/krivitsky-1940.xml --changes # every change, as TSV
  edition diff raw/krivitsky-1940.txt tei/krivitsky-1940.xml --html report.html
"""


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `diff` command and its options."""
    diff = add_command(commands, "diff", "account for every character of a raw scan in its "
                       "edition: in the reading text, or removed or changed by a named rule",
                       EXAMPLES)
    diff.add_argument("raw", type=Path, help="the raw scan the edition was built from")
    diff.add_argument("edition", type=Path, help="the TEI edition built from it")
    output = diff.add_mutually_exclusive_group()
    output.add_argument("--changes", action="store_true",
                        help="list every change as tab-separated lines: page, rule, raw span, "
                             "before, after, evidence")
    output.add_argument("--unified", action="store_true",
                        help="a unified diff of the raw scan against the reading text")
    output.add_argument("--json", action="store_true",
                        help="the whole accounting as JSON, for tools")
    diff.add_argument("--html", type=Path, default=None, metavar="FILE",
                      help="also write a side-by-side HTML report (- for standard output)")


def _tsv(value: str) -> str:
    """A field for tab-separated output: backslash, tab and line ends escaped."""
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def run(args: argparse.Namespace) -> int:
    """Account for the raw scan in the edition; exit 1 when anything is unaccounted for."""
    from edition.check.diff import PairingError, account, unified

    try:
        report = account(args.raw, args.edition)
    except PairingError as err:
        print(f"edition: {err}", file=sys.stderr)
        return EXIT_USAGE
    for warning in report.warnings:
        say(args, f"edition: {warning}")
    if args.html is not None:
        from edition.write.report import render

        write_or_print(render(report), args.html)
    status = EXIT_OK if report.complete else EXIT_FAILED
    if args.json:
        print(json.dumps(as_json(report), ensure_ascii=False, indent=1))
        return status
    if args.unified:
        sys.stdout.write(unified(report))
    if args.changes:
        print("page\trule\tstart\tend\tbefore\tafter\tevidence")
        for c in report.changes:
            print("\t".join([c.page, c.rule, str(c.start), str(c.end), _tsv(c.before),
                             _tsv(c.after), _tsv(c.note)]))
    if args.verbosity or not report.complete:
        print_summary(report, sys.stderr if (args.changes or args.unified) else sys.stdout)
    return status


def as_json(report) -> dict[str, object]:  # noqa: ANN001 - a check.diff.Report
    """The accounting as JSON data."""
    return {
        "raw": report.raw_name, "edition": report.edition_name,
        "complete": report.complete, "raw_chars": report.raw_chars,
        "kept_chars": report.kept_chars, "whitespace_chars": report.whitespace_chars,
        "unaccounted_chars": report.unaccounted_chars,
        "rules": [{"rule": t.rule, "occurrences": t.occurrences, "chars": t.chars,
                   "pages": t.pages} for t in report.totals],
        "reading": [{"rule": t.rule, "occurrences": t.occurrences, "chars": t.chars,
                     "pages": t.pages} for t in report.reading],
        "unaccounted": [{"start": s, "end": e, "page": p, "text": report.edition.scan.raw[s:e]}
                        for s, e, p in report.unaccounted],
        "added": report.added,
        "changes": [{"page": c.page, "rule": c.rule, "start": c.start, "end": c.end,
                     "before": c.before, "after": c.after, "note": c.note}
                    for c in report.changes],
    }


def print_summary(report, out=sys.stdout) -> None:  # noqa: ANN001
    """The accounting as a table whose character counts add up to the raw text's length."""
    w = 30

    def row(label: str, chars: int, occurrences: str = "", pages: str = "") -> None:
        print(f"  {label:<{w}}{chars:>11,}{occurrences:>13}{pages:>7}", file=out)

    print(f"{report.raw_name} -> {report.edition_name}: {report.raw_chars:,} characters of raw "
          "text, each counted once:", file=out)
    print(f"  {'':<{w}}{'characters':>11}{'occurrences':>13}{'pages':>7}", file=out)
    row("kept in the reading text", report.kept_chars)
    row("whitespace (line ends, spaces)", report.whitespace_chars)
    for t in report.totals:
        row(f"rule {t.rule}", t.chars, f"{t.occurrences:,}", f"{t.pages:,}")
    row("unaccounted for", report.unaccounted_chars)
    row("total", report.kept_chars + report.whitespace_chars
        + sum(t.chars for t in report.totals) + report.unaccounted_chars)
    print("  (characters: of the raw text, in that category; occurrences: recorded edits; "
          "pages: scan pages they touch)", file=out)
    if report.reading:
        print("  while reading the file, before any rule (not in the total above):", file=out)
        for t in report.reading:
            row(f"  {t.rule}", t.chars, f"{t.occurrences:,}", f"{t.pages:,}")
    if report.complete:
        print("  complete: every raw character is in the reading text or in a recorded edit",
              file=out)
        return
    for start, end, page in report.unaccounted[:20]:
        text = report.edition.scan.raw[start:end].strip()
        print(f"  UNACCOUNTED {page} raw {start}-{end}: {text[:70]!r}", file=out)
    for block in report.added[:20]:
        print(f"  NOT IN THE SCAN: {block[:70]!r}", file=out)
    print(f"  INCOMPLETE: {len(report.unaccounted)} raw spans unaccounted for, "
          f"{len(report.added)} edition blocks not from the scan", file=out)
