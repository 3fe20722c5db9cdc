"""Signature marks and catchwords: the printer's marks at the foot of a page.

A signature mark ("B", "A 2", "11*", "F 76") tells the binder how to gather the
sheets; a catchword repeats the first word of the next page. Both stand alone
on the last line of a page and are furniture, not text.
"""

from __future__ import annotations

import regex

from edition.model import Edit, Furniture, Scan

RULE = "signature-mark"
CATCHWORD = "catchword"

#: A signature mark: one or two capitals with an optional gathering number, or a number
#: with an asterisk, alone on the last line.
SIGNATURE = regex.compile(r"^(?:[A-Z]{1,2}(?:\s?[\dA-Za-z]{1,3})?\*?|\d{1,2}\s?\*|[A-Z]\s?\d{1,2}\s?\*?)$")
#: The longest signature mark.
MAX_CHARS = 6


#: A number mark at the foot of a page whose folio stands at its head ("1 1", "2"): the
#: sheet's signature in figures.
NUMBER_SIGNATURE = regex.compile(r"^\d{1,2}(?:\s\d{1,2})?\s*\*?$")


def find_marks(scan: Scan, skip: set[int], first_words: dict[int, str],
               folio_pages: set[int] | None = None,
               ) -> tuple[list[Edit], dict[int, list[Furniture]]]:
    """Signature marks and catchwords on the last line of each page with text.

    `first_words` gives the first word of each page's text, for catchwords;
    `folio_pages` the pages whose folio was already read elsewhere on the page.
    """
    edits: list[Edit] = []
    furniture: dict[int, list[Furniture]] = {}
    for page in scan.pages:
        lines = [ln for ln in page.content_lines() if ln.start not in skip]
        if len(lines) < 3:
            continue
        last = lines[-1]
        text = last.text.strip()
        lead = len(last.text) - len(last.text.lstrip())
        start, end = last.start + lead, last.start + lead + len(text)
        if len(text) <= MAX_CHARS and SIGNATURE.match(text) and text not in ("I", "A"):
            kind, rule, note = "sig", RULE, "signature mark at the foot"
        elif NUMBER_SIGNATURE.match(text) and page.index in (folio_pages or set()):
            kind, rule, note = "sig", RULE, "number at the foot of a page whose folio is at its head"
        elif (" " not in text and text.isalpha() and len(text) > 1
              and first_words.get(page.index + 1, "").lower() == text.lower()):
            kind, rule, note = "catch", CATCHWORD, "repeats the first word of the next page"
        else:
            continue
        edits.append(Edit(rule, start, end, "", page.index, note))
        furniture.setdefault(page.index, []).append(Furniture(kind, text, "bottom", start, end))
    return edits, furniture
