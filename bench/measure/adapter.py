"""Every call the measurement makes into the `edition` library, in one place.

A book is built in-process as `edition build` builds it (read the scan, run the pipeline,
render the TEI) and the TEI is written to a work directory so that `edition diff`'s own check
can read it back. When the build refuses the book (its accounting would be incomplete: the
CLI exits 1 and writes nothing), the TEI the emitter made is measured all the same, and the
refusal is reported. When the library's API changes, only this module changes.

What the measurement takes from the library, and nothing else:
- `build_book`: the Edition object, its TEI bytes and the TEI file, the build time, and the
  build's refusal if it refused;
- `accounting`: `edition.check.diff.account(raw, tei)` (the check `edition diff` makes);
- `reading_text`: `edition.write.text.tei_text` (what `edition text` prints);
- `scan_lines`: the scan's pages as the reader split them, their non-blank lines;
- `page_numbers`: how each scan page's printed number was found (`Pagination.folios[].how`);
- `warnings`: the build's warnings, objects as they are (strings today);
- `hyphen_decisions`: the `hyphen-join` edits, their notes parsed by `parse_hyphen_note`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex
from lxml import etree

from edition.build import render
from edition.check.diff import account
from edition.errors import BuildError, EditionError
from edition.pipeline import Edition, build
from edition.read.text import read_scan
from edition.write.tei import serialize, to_tei_and_people
from edition.write.text import tei_text

#: The rule name of the hyphen decisions (edition/rules/lines.py and paragraphs.py).
HYPHEN_RULE = "hyphen-join"
#: A join's note: "left-|right: evidence" (the hyphen between the halves removed).
JOIN_NOTE = regex.compile(r"^(?P<left>[^\s|]+)-\|(?P<right>[^\s:]+): (?P<evidence>.*)$", regex.S)
#: A keep's note: "kept left-right: evidence".
KEEP_NOTE = regex.compile(r"^kept (?P<left>\S+?)-(?P<right>[^\s:-]+): (?P<evidence>.*)$", regex.S)


class BookFailed(Exception):
    """The library refused the book (one of its EditionErrors): the message says why."""


@dataclass(slots=True)
class Built:
    """One book built: the edition, its TEI bytes and file, the build's time in seconds."""

    name: str
    raw_path: Path
    edition: Edition
    tei: bytes
    tei_path: Path
    seconds: float
    refused: str = ""  # the build's BuildError when it refused to write the edition


@dataclass(frozen=True, slots=True)
class Accounting:
    """`edition diff`'s verdict: complete, raw spans unaccounted for, edition blocks added."""

    complete: bool
    unaccounted: int
    added: int


@dataclass(frozen=True, slots=True)
class HyphenDecision:
    """A line-end hyphen decided by the build: joined or kept, its two halves, the evidence.

    Read from the edit's note; the fields relied on are the decision (the note opens with
    "kept " for a keep), the left half (before the hyphen) and the right half (the first word
    after it); the evidence is kept as text for listing only.
    """

    page: int
    joined: bool
    left: str
    right: str
    evidence: str


def build_book(raw_path: Path, workdir: Path) -> Built:
    """Build `raw_path` as `edition build` does (no per-book settings), write its TEI into
    `workdir`; BookFailed when the library refuses it."""
    start = time.perf_counter()
    refused = ""
    try:
        edition = build(read_scan(raw_path))
        try:
            data = render(edition)
        except BuildError as err:  # refused (accounting): measure what the emitter made
            refused = str(err)
            data = serialize(to_tei_and_people(edition)[0])
    except (EditionError, ValueError) as err:
        raise BookFailed(f"build failed: {err}") from None
    seconds = time.perf_counter() - start
    tei_path = workdir / f"{raw_path.parent.name}.xml"
    tei_path.write_bytes(data)
    return Built(raw_path.parent.name, raw_path, edition, data, tei_path, seconds, refused)


def accounting(built: Built) -> Accounting:
    """The accounting `edition diff RAW TEI` reports for the written edition."""
    try:
        report = account(built.raw_path, built.tei_path)
    except EditionError as err:
        raise BookFailed(f"edition diff failed: {err}") from None
    return Accounting(report.complete, len(report.unaccounted), len(report.added))


def reading_text(root: etree._Element) -> str:
    """The reading text `edition text` prints for a TEI edition."""
    return tei_text(root)


def raw_text(built: Built) -> str:
    """The scan's decoded text."""
    return built.edition.scan.raw


def scan_lines(built: Built) -> list[list[str]]:
    """The non-blank lines of each scan page, top to bottom, as the reader split the pages
    (page-marker lines excluded)."""
    return [[line.text for line in page.content_lines()] for page in built.edition.scan.pages]


def all_lines(built: Built) -> list[list[str]]:
    """Every line of each scan page (for the HTRC re-implementation, as before)."""
    return [[line.text for line in page.lines] for page in built.edition.scan.pages]


def page_numbers(built: Built) -> list[tuple[str | None, str]]:
    """Each scan page's printed number and how it was found: "anchor" (read on the page, or
    given by the contents page), "inferred" or "uncertain" (from the sequence), "unnumbered",
    "plate"."""
    return [(f.n, f.how) for f in built.edition.pagination.folios]


def warnings(built: Built) -> list[Any]:
    """The build's warnings (strings today; objects with a `code` later)."""
    return list(built.edition.warnings)


def parse_hyphen_note(note: str) -> tuple[bool, str, str, str] | None:
    """(joined, left, right, evidence) from a hyphen-join edit's note, None if it has neither
    shape ("left-|right: evidence" or "kept left-right: evidence")."""
    if m := KEEP_NOTE.match(note):
        return False, m["left"], m["right"], m["evidence"]
    if m := JOIN_NOTE.match(note):
        return True, m["left"], m["right"], m["evidence"]
    return None


def hyphen_decisions(built: Built) -> tuple[list[HyphenDecision], int]:
    """The build's hyphen decisions, and how many hyphen-join notes could not be parsed."""
    out: list[HyphenDecision] = []
    unparsed = 0
    for edit in built.edition.edits:
        if edit.rule != HYPHEN_RULE:
            continue
        parsed = parse_hyphen_note(edit.note)
        if parsed is None:
            unparsed += 1
            continue
        out.append(HyphenDecision(edit.page, *parsed))
    return out, unparsed
