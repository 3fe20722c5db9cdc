"""Chapter labels: "I", "CHAPTER II", "LECTURE XVII.", and the garbled ones OCR makes.

A label line names a division and its number. OCR garbles the number of a
chapter heading far more often than the word ("Chapter %", "Chapter J%",
"Chapter VJJ."); such a line is still a label, its number left to the
sequence of labels in the book (`number_labels`).
"""

from __future__ import annotations

import regex

from edition.numbering import int_to_roman, roman_to_int

#: A clean label: a Roman or Arabic number, optionally after CHAPTER, LECTURE, BOOK, PART.
LABEL = regex.compile(
    r"^(?:(?:chapter|lecture|book|part)\s+)?(?P<n>[IVXLC]+|\d{1,3})\s*\.?$", regex.I
)
#: A label word followed by a garbled number: at most ten characters with no real word in them.
GARBLED = regex.compile(
    r"^(?P<word>chapter|lecture|book|part)\b\.?(?P<rest>(?:\s*[^\s\p{Ll}]{0,6}|\s*\S{1,6}){0,2})\s*$",
    regex.I,
)
#: A run of three lower-case letters: a word, so not a garbled number.
WORDLIKE = regex.compile(r"\p{Ll}{3}")


def label_of(text: str) -> str | None:
    """The number of a clean label line ("I", "XII", "3"), or None."""
    m = LABEL.match(text.strip())
    if not m:
        return None
    n = m["n"].upper()
    return n if n.isdigit() or roman_to_int(n) else None


def garbled_label(text: str) -> bool:
    """True for a label word with an unreadable number ("Chapter %", "Chapter", "CHAPTER J F,")."""
    m = GARBLED.match(text.strip())
    return bool(m) and not WORDLIKE.search(m["rest"]) and len(m["rest"].strip()) <= 10


def is_label(text: str) -> bool:
    """True for any label line, clean or garbled."""
    return label_of(text) is not None or garbled_label(text)


def value_of(label: str) -> int | None:
    """The numeric value of a clean label number."""
    return int(label) if label.isdigit() else roman_to_int(label)


def number_labels(found: list[str | None]) -> list[tuple[str, bool]]:
    """Each label's number from the sequence: (number, True if it was inferred, not read).

    A clean number that continues the sequence (or jumps ahead, when a heading
    was lost) is kept; an unreadable one, or one that would go backwards, is
    the previous number plus one. Numbers are written in the figures the book
    mostly uses.
    """
    values = [value_of(n) if n else None for n in found]
    roman = sum(1 for n in found if n and not n.isdigit()) >= sum(
        1 for n in found if n and n.isdigit())
    out: list[tuple[str, bool]] = []
    previous = 0
    for value in values:
        inferred = value is None or value <= previous or value > previous + 3
        number = previous + 1 if inferred else value
        assert number is not None
        previous = number
        out.append((int_to_roman(number) if roman else str(number), inferred))
    return out
