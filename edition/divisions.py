"""Division openings: where each chapter (and the Introduction) begins in the scan.

With a contents page, each entry is looked for, in order, on the pages after
the previous one: its title (and label, "I", "CHAPTER II") among the first
lines of a page. Without one, a chapter label line followed by a title line
opens a division. The heading lines found here are protected from the
running-header rule: a chapter title is never furniture on its own opening page.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from rapidfuzz.distance import Levenshtein

from edition.contents import Contents
from edition.markup import strip_markup
from edition.model import Line, Scan
from edition.numbering import roman_to_int

#: How many lines at the top of a page are searched for a division heading.
HEAD_ZONE = 3
#: Normalised similarity at or above which a heading line matches a contents title.
TITLE_MATCH = 0.8
#: A heading line is at most this long; longer lines are text and are not compared.
MAX_HEAD_CHARS = 200
#: A chapter label line: a Roman or Arabic number, optionally after CHAPTER, LECTURE, BOOK, PART.
LABEL = regex.compile(
    r"^(?:(?:chapter|lecture|book|part)\s+)?(?P<n>[IVXLC]+|\d{1,3})\s*\.?$", regex.I
)


@dataclass(frozen=True, slots=True)
class Opening:
    """A division opening: scan page, label and title lines, printed page and contents row if listed."""

    page: int
    label: str
    title: str
    label_line: Line | None
    title_line: Line | None
    printed: int | None
    entry: Line | None = None


#: What normalising removes: everything but letters.
NON_LETTERS = regex.compile(r"[^\p{L}]+")


def normalise(text: str) -> str:
    """Upper-case letters and single spaces only: the form headings are compared in."""
    return " ".join(NON_LETTERS.sub(" ", strip_markup(text)).upper().split())


def similarity(a: str, b: str) -> float:
    """1 − Levenshtein distance / longer length, on normalised text."""
    return Levenshtein.normalized_similarity(normalise(a), normalise(b))


def label_of(text: str) -> str | None:
    """The chapter number of a label line ("I", "XII", "3"), or None."""
    m = LABEL.match(strip_markup(text))
    if not m:
        return None
    n = m["n"].upper()
    return n if n.isdigit() or roman_to_int(n) else None


def _match_entry(lines: list[Line], label: str, title: str) -> Opening | None:
    """The opening on a page whose top lines carry `title` (after `label`, when given)."""
    for k, line in enumerate(lines[:HEAD_ZONE]):
        if len(line.text) > MAX_HEAD_CHARS or similarity(line.text, title) < TITLE_MATCH:
            continue
        before = lines[k - 1] if k else None
        found = label_of(before.text) if before else None
        if label and found != label:
            continue
        return Opening(0, label, strip_markup(line.text), before if found else None, line, None)
    return None


def find_openings(scan: Scan, contents: Contents | None) -> list[Opening]:
    """The division openings of the scan, in order."""
    if contents is not None:
        return _from_contents(scan, contents)
    return _from_labels(scan)


def _from_contents(scan: Scan, contents: Contents) -> list[Opening]:
    """Each contents entry found in order on the pages after the contents page."""
    openings: list[Opening] = []
    start = contents.page + 1
    for entry in contents.entries:
        for page in scan.pages[start:]:
            found = _match_entry(page.content_lines(), entry.label, entry.title)
            if found:
                openings.append(
                    Opening(page.index, entry.label, found.title, found.label_line,
                            found.title_line, entry.page, entry.line)
                )
                start = page.index + 1
                break
    return openings


def _from_labels(scan: Scan) -> list[Opening]:
    """Openings marked by a chapter label line among the first lines of a page."""
    openings: list[Opening] = []
    for page in scan.pages:
        lines = page.content_lines()
        for k, line in enumerate(lines[:HEAD_ZONE]):
            n = label_of(line.text)
            if n is None or k + 1 >= len(lines):
                continue
            title = lines[k + 1]
            if len(title.text.split()) > 12:
                title_line, title_text = None, ""
            else:
                title_line, title_text = title, strip_markup(title.text)
            openings.append(Opening(page.index, n, title_text, line, title_line, None))
            break
    return openings
