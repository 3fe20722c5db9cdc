"""Signature marks and catchwords: the printer's marks at the foot of a page.

A signature mark tells the binder how to gather the sheets: a letter or two with the leaf's
number ("B", "B 2", "D D 2", "A a 2", "Aa 2", "C3", "3 b 2"), often after the volume
("Vol. II. B"), or a number with an asterisk ("11*"). A catchword repeats the first word of
the next page (in a hand-press book, on every page; before a division it may be the start of
its heading: "LET-" for "LETTER IV."). Both stand on the last line of a page, alone or
together ("C            bitants", "B 2 Dairo"), and are furniture, not text: removing them
lets the paragraph and the word broken across the page run on.

A catchword is verified against the next page's first word (the same letters, allowing an
OCR slip, or its start when the catchword breaks off with a hyphen). In a book that sets
catchwords (at least CATCHWORD_HABIT of its pages carry a verified one), a lone short word
on the last line that cannot be verified (the OCR garbled it) is taken for one too, and
flagged uncertain.
"""

from __future__ import annotations

import regex
from rapidfuzz.distance import Levenshtein

from edition.model import Edit, Furniture, Scan

RULE = "signature-mark"
CATCHWORD = "catchword"

#: A signature mark: the volume perhaps, then a letter (or two) with the leaf's number, or a
#: number with an asterisk; the forms printers used from the hand-press period on.
SIG = (r"(?:(?i:vol)\.?\s*[IVXLivxl1]{1,4}\.?\s*)?"
       r"(?:\p{Lu}(?:\s?\p{L}{1,2})?(?:\s?\d{1,2})?|\d{1,2}\s?\p{Ll}(?:\s?\d)?|\d{1,2}\s?\*)\*?")
#: A line that is only a signature mark.
SIGNATURE = regex.compile(rf"^{SIG}$", regex.V1)
#: A line holding a signature mark and a catchword (either may come first).
SIG_AND_CATCH = regex.compile(
    rf"^(?:(?P<sig>{SIG})\s+(?P<catch>\S+(?:\s\S+)?)|(?P<catch2>\S+)\s{{3,}}(?P<sig2>{SIG}))$",
    regex.V1)
#: The longest signature mark.
MAX_CHARS = 12
#: Words that are text even alone on a line (a signature is never a word).
WORDS = frozenset({"I", "A", "O", "a", "I.", "A.", "O."})
#: A number mark at the foot of a page whose folio is at its head ("1 1", "2"): the sheet's
#: signature in figures.
NUMBER_SIGNATURE = regex.compile(r"^\d{1,2}(?:\s\d{1,2})?\s*\*?$")
#: Similarity (1 - Levenshtein / longer length) at which a catchword is the next page's
#: first word read with an OCR slip.
CATCH_MATCH = 0.75
#: Share of the pages with text that carry a verified catchword for a book to set them.
CATCHWORD_HABIT = 0.3
#: The longest unverified catchword taken in such a book.
MAX_CATCH_CHARS = 15
#: A line ending a sentence: text, not a catchword (which repeats a word, without its stop).
SENTENCE_END = regex.compile(r"[.!?;:,]['\"”’)]*$")
#: A word as a catchword gives it: letters only, lower case.
LETTERS = regex.compile(r"[^\p{L}]+")


def _letters(text: str) -> str:
    return LETTERS.sub("", text).lower()


def catchword_matches(catch: str, following: str) -> bool:
    """True when `catch` repeats the start of `following` (the next page's first words):
    the same word, with an OCR slip at most, or its beginning where the catchword breaks off
    with a hyphen ("LET-" for "LETTER")."""
    word = _letters(catch)
    if not word:
        return False
    words = following.split()
    nxt = _letters(" ".join(words[: len(catch.split())]))
    if not nxt:
        return False
    if word == nxt:
        return True
    # a catchword broken off with a hyphen (which the OCR may misread as a mark: "admi*")
    if not catch.rstrip()[-1:].isalpha() and nxt.startswith(word) and len(word) >= 2:
        return True
    return len(word) >= 3 and Levenshtein.normalized_similarity(word, nxt) >= CATCH_MATCH


def _is_signature(text: str) -> bool:
    """True for a signature mark alone: short, of a signature's shape, never a word."""
    return (len(text) <= MAX_CHARS and text not in WORDS and bool(SIGNATURE.match(text))
            and not regex.fullmatch(r"\p{Lu}\p{Ll}{2,}", text))


def find_marks(scan: Scan, skip: set[int], first_words: dict[int, list[str]],
               folio_pages: set[int] | None = None,
               ) -> tuple[list[Edit], dict[int, list[Furniture]]]:
    """Signature marks and catchwords on the last line of each page with text.

    `first_words` gives the first words of each page's text (read in one or more ways), for
    catchwords;
    `folio_pages` the pages whose folio was already read elsewhere on the page.
    """
    foot: dict[int, tuple[int, int, str]] = {}  # page -> (start, end, text) of its last line
    for page in scan.pages:
        lines = [ln for ln in page.content_lines() if ln.start not in skip]
        if len(lines) < 3:
            continue
        last = lines[-1]
        text = last.text.strip()
        lead = len(last.text) - len(last.text.lstrip())
        foot[page.index] = (last.start + lead, last.start + lead + len(text), text)

    found: dict[int, list[tuple[str, str, int, int, str, bool]]] = {}
    verified = 0
    for index, (start, _end, text) in foot.items():
        marks: list[tuple[str, str, int, int, str, bool]] = []
        for following in first_words.get(index + 1, [""]):
            marks = marks or _read_foot(text, following, index in (folio_pages or set()))
        if marks:
            found[index] = [(kind, part, start + a, start + b, note, uncertain)
                            for kind, part, a, b, note, uncertain in marks]
            verified += any(kind == "catch" and not unc for kind, _, _, _, _, unc in marks)
    if foot and verified >= CATCHWORD_HABIT * len(foot):
        for index, (start, end, text) in foot.items():
            if index in found or index + 1 not in first_words:
                continue
            if (len(text) <= MAX_CATCH_CHARS and len(text.split()) <= 2
                    and not SENTENCE_END.search(text) and regex.search(r"\p{L}", text)):
                found[index] = [("catch", text, start, end,
                                 "the book sets catchwords; this one does not match the next "
                                 "page's first word (an OCR slip?)", True)]
    edits: list[Edit] = []
    furniture: dict[int, list[Furniture]] = {}
    for index in sorted(found):
        for kind, part, a, b, note, uncertain in found[index]:
            rule = RULE if kind == "sig" else CATCHWORD
            edits.append(Edit(rule, a, b, "", index, note, uncertain))
            furniture.setdefault(index, []).append(Furniture(kind, part, "bottom", a, b))
    return edits, furniture


def _read_foot(text: str, following: str, has_folio: bool
               ) -> list[tuple[str, str, int, int, str, bool]]:
    """What a page's last line holds: (kind "sig" or "catch", text, start, end in the line,
    note, uncertain) for each mark, or [] when it is text."""
    if _is_signature(text):
        return [("sig", text, 0, len(text), "signature mark at the foot", False)]
    if NUMBER_SIGNATURE.match(text) and has_folio:
        return [("sig", text, 0, len(text),
                 "number at the foot of a page whose folio is at its head", False)]
    if (len(text.split()) <= 2 and not SENTENCE_END.search(text)
            and catchword_matches(text, following)):
        return [("catch", text, 0, len(text), "repeats the first word of the next page", False)]
    m = SIG_AND_CATCH.match(text)
    if m:
        sig_group = "sig" if m["sig"] else "sig2"
        catch_group = "catch" if m["catch"] else "catch2"
        sig, catch = m[sig_group], m[catch_group]
        if _is_signature(sig) and catchword_matches(catch, following):
            return [("sig", sig, m.start(sig_group), m.end(sig_group),
                     "signature mark at the foot", False),
                    ("catch", catch, m.start(catch_group), m.end(catch_group),
                     "repeats the first word of the next page", False)]
    return []
