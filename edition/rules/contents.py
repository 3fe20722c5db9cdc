"""The printed contents page: each entry's label, title and first page.

The contents page is the book's own statement of where its divisions begin;
the page-number rule calibrates the printed numbering from it and the division
rule finds each listed chapter in the scan.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from edition.model import Line, Scan
from edition.numbering import roman_to_int
from edition.rules.markup import strip_markup

#: The heading of a contents page.
CONTENTS_HEAD = regex.compile(r"^\s*(?:table\s+of\s+)?contents\.?\s*$", regex.I)
#: A contents row: optional label (I., II., CHAPTER III.), title, leader or tab, page number.
ROW = regex.compile(
    r"^\s*(?:(?P<label>(?:chapter\s+)?[IVXLC]+|\d{1,3})\.\s+)?"
    r"(?P<title>\S.*?)\s*(?:\t+|\s*\.{2,}\s*|\s{2,})\s*(?P<page>\d{1,4}|[ivxlc]+)\s*$",
    regex.I,
)
#: A labelled contents row whose page number follows its title after one space (the OCR
#: closed the leader up): "I. — Uses op Great Men 9", "II. — Plato; or, the Philosopher, 43".
LABELLED_ROW = regex.compile(
    r"^\s*(?P<label>(?:chapter\s+)?[IVXLC]+|\d{1,3})\.\s*(?:[—–-]+\s*)?"
    r"(?P<title>\S.*?)[,.]?\s+(?P<page>\d{1,4})\s*$",
    regex.I,
)
#: The column heading "PAGE" above the page numbers.
PAGE_COLUMN = regex.compile(r"^\s*page\s*$", regex.I)


@dataclass(frozen=True, slots=True)
class Entry:
    """One contents entry: label ("I", or "" for an unnumbered part), title, printed page."""

    label: str
    title: str
    page: int
    line: Line


@dataclass(frozen=True, slots=True)
class Contents:
    """The contents page: its scan page, heading line and entries."""

    page: int
    head: Line
    entries: tuple[Entry, ...]


def _page_number(text: str) -> int | None:
    """A printed page number in Arabic or Roman figures."""
    if text.isdigit():
        return int(text)
    return roman_to_int(text)


def find_contents(scan: Scan) -> Contents | None:
    """The first page headed "Contents" that lists at least two entries with page numbers."""
    for page in scan.pages:
        lines = page.content_lines()
        if not lines or not CONTENTS_HEAD.match(strip_markup(lines[0].text)):
            continue
        entries: list[Entry] = []
        for line in lines[1:]:
            text = strip_markup(line.text) if "\t" not in line.text else line.text
            if PAGE_COLUMN.match(text):
                continue
            m = ROW.match(text) or LABELLED_ROW.match(text)
            number = _page_number(m["page"]) if m else None
            if m and number is not None:
                label = (m["label"] or "").upper().removeprefix("CHAPTER").strip()
                title = strip_markup(m["title"]).lstrip("—–- ")
                entries.append(Entry(label, title, number, line))
        if len(entries) >= 2:
            return Contents(page.index, lines[0], tuple(entries))
    return None
