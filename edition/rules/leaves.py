"""Where the book's text begins and ends: preliminary leaves, the pages of prose, final leaves.

A library copy's own marks (stamps, bookplates, shelf marks, due-date slips, barcodes) stand
on the leaves before the text and after it; a title page or a contents list is not prose
either. A line of prose is running text set to the measure: several words, mostly in lower
case, few of them capitalised, not ending in a number (a contents entry ends in its page
number, a title-page line is in capitals). A page of prose holds `PROSE_PAGE_WORDS` words in
such lines or more. The text runs from the first page of prose to the last.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from edition.model import Page, Scan

#: Words a line of prose holds at least (a hand-press book's narrow measure holds four).
PROSE_LINE_WORDS = 3
#: Share of its letters in lower case, at least, for a line of prose.
PROSE_LOWER = 0.7
#: Share of its words capitalised, at most, for a line of prose (contents entries and
#: title-page lines are set in title case or capitals).
PROSE_CAPITALISED = 0.4
#: Words in lines of prose a page holds at least to be a page of prose (about six lines of a
#: narrow measure; one paragraph where the OCR put a paragraph on one line).
PROSE_PAGE_WORDS = 40
#: A line that ends in a number: a contents entry or a table row, not prose.
ENDS_IN_NUMBER = regex.compile(r"(?r)\d[\W_]*$")
#: A word: letters, perhaps with inner apostrophes or hyphens.
WORD = regex.compile(r"\p{L}[\p{L}'’-]*")


def is_prose_line(text: str) -> bool:
    """True for a line of running text set to the measure (see the module's docstring)."""
    words = WORD.findall(text)
    if len(words) < PROSE_LINE_WORDS or ENDS_IN_NUMBER.search(text):
        return False
    letters = [c for c in text if c.isalpha()]
    lower = sum(c.islower() for c in letters)
    capitalised = sum(w[0].isupper() for w in words)
    return lower >= PROSE_LOWER * len(letters) and capitalised <= PROSE_CAPITALISED * len(words)


def is_prose_page(page: Page) -> bool:
    """True for a page holding PROSE_PAGE_WORDS words or more in lines of prose."""
    count = 0
    for line in page.lines:
        if is_prose_line(line.text):
            count += len(WORD.findall(line.text))
            if count >= PROSE_PAGE_WORDS:
                return True
    return False


@dataclass(frozen=True, slots=True)
class Leaves:
    """The scan's first and last pages of prose (indexes), or None for a scan with none.

    Pages before `first` are preliminary leaves, pages after `last` final leaves.
    """

    first: int | None
    last: int | None

    def preliminary(self, page: int) -> bool:
        """True for a page before the text (all pages, in a scan without prose)."""
        return self.first is None or page < self.first

    def final(self, page: int) -> bool:
        """True for a page after the text."""
        return self.last is not None and page > self.last


def find_leaves(scan: Scan) -> Leaves:
    """Where the text of the book begins and ends in the scan (only the pages before the first
    page of prose and after the last are read: the rest cannot change the answer)."""
    first = next((page.index for page in scan.pages if is_prose_page(page)), None)
    if first is None:
        return Leaves(None, None)
    last = next(page.index for page in reversed(scan.pages) if is_prose_page(page))
    return Leaves(first, last)
