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

from edition.model import Line, Scan
from edition.rules import labels
from edition.rules.contents import Contents
from edition.rules.markup import strip_markup

#: How many lines at the top of a page are searched for a division heading.
HEAD_ZONE = 3
#: Normalised similarity at or above which a heading line matches a contents title.
TITLE_MATCH = 0.8
#: A heading line is at most this long; longer lines are text and are not compared.
MAX_HEAD_CHARS = 200
#: A label line is at most this long.
MAX_LABEL_CHARS = 30
#: Most words in a division title line under its label.
TITLE_WORDS = 12
#: Share of a title line's letters in capitals.
TITLE_CAPS = 0.8


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
    return labels.label_of(strip_markup(text))


def _is_speck(text: str) -> bool:
    """True for a line of at most three characters with no digit (a speck between lines)."""
    text = text.strip()
    return len(text) <= 3 and not any(c.isdigit() for c in text)


def _is_title(text: str) -> bool:
    """True for a short line in capitals under a label: the division's title."""
    text = strip_markup(text)
    letters = [c for c in text if c.isalpha()]
    return (bool(letters) and len(text.split()) <= TITLE_WORDS and not text.rstrip().endswith(",")
            and sum(c.isupper() for c in letters) >= TITLE_CAPS * len(letters))


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


#: Share of contents entries that must be found for the contents to define the divisions.
CONTENTS_FOUND = 0.5


def find_openings(scan: Scan, contents: Contents | None) -> list[Opening]:
    """The division openings of the scan, in order.

    The contents page decides when most of its entries are found in the scan;
    otherwise (a contents page the OCR garbled, or one that lists sections
    rather than chapters) the chapter labels do, if they find more.
    """
    if contents is not None:
        listed = _from_contents(scan, contents)
        if len(listed) >= CONTENTS_FOUND * len(contents.entries):
            return listed
        labelled = _from_labels(scan)
        return labelled if len(labelled) > len(listed) else listed
    return _from_labels(scan)


def _from_contents(scan: Scan, contents: Contents) -> list[Opening]:
    """Each contents entry found in order on the pages after the contents page."""
    openings: list[Opening] = []
    start = contents.page + 1
    # the normalised top lines of every page, computed once: entries are many, pages more
    tops = [[normalise(ln.text) for ln in page.content_lines()[:HEAD_ZONE]
             if len(ln.text) <= MAX_HEAD_CHARS] for page in scan.pages]
    for entry in contents.entries:
        key = normalise(entry.title)
        for page in scan.pages[start:]:
            if not any(Levenshtein.normalized_similarity(key, top, score_cutoff=TITLE_MATCH)
                       for top in tops[page.index]):
                continue
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
    """Openings marked by label lines: a bare number among the first lines of a page, or a
    label word ("Chapter", "LECTURE"), garbled or not, anywhere on a page; numbered by their
    sequence."""
    found: list[tuple[int, Line, str | None, Line | None]] = []
    for page in scan.pages:
        lines = page.content_lines()
        for k, line in enumerate(lines):
            text = strip_markup(line.text)
            if len(text) > MAX_LABEL_CHARS:
                continue
            clean = labels.label_of(text)
            worded = labels.GARBLED.match(text) is not None and labels.is_label(text)
            if k + 1 >= len(lines) or not (worded or (clean is not None and k < HEAD_ZONE)):
                continue
            after = [ln for ln in lines[k + 1 : k + 3] if not _is_speck(ln.text)]
            title = after[0] if after and _is_title(after[0].text) else None
            # a bare number is a label only as a Roman numeral over a title near the top:
            # Arabic numbers there are page numbers
            bare = clean is not None and k < HEAD_ZONE and text.rstrip(".").isupper() and title
            if not (worded or bare):
                continue
            found.append((page.index, line, clean, title))
            if not worded:
                break
    numbers = labels.number_labels([n for _, _, n, _ in found])
    return [
        Opening(page, number, strip_markup(title.text) if title else "", line, title, None)
        for (page, line, _, title), (number, _) in zip(found, numbers, strict=True)
    ]
