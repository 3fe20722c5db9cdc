"""Roman numerals, as printed in chapter labels and front-matter page numbers."""

from __future__ import annotations

import regex

#: A well-formed Roman numeral from 1 to 3999 (case-insensitive).
ROMAN = regex.compile(
    r"^(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$", regex.I
)
_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_to_int(text: str) -> int | None:
    """The value of a well-formed Roman numeral, or None."""
    if not ROMAN.match(text):
        return None
    total = 0
    digits = [_VALUES[c] for c in text.upper()]
    for k, value in enumerate(digits):
        total += -value if k + 1 < len(digits) and digits[k + 1] > value else value
    return total


def int_to_roman(number: int) -> str:
    """The upper-case Roman numeral for 1..3999."""
    out = []
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)
