"""Normalisation and tokenisation shared by every figure.

Words are compared normalised: Unicode NFKC (which also reads long s `ſ` as `s` and a
ligature `ﬁ` as `fi`), lower case, letters and digits only. A hyphen or an apostrophe inside
a word is dropped, so `dinner-time`, `dinnertime` and `don't` / `dont` compare equal: the
alignment does not depend on hyphen decisions, which are measured on their own
(`metrics.hyphen_decisions`). Dashes (em, en, `--`) separate words. A word whose
whitespace-separated chunk ended in a hyphen (`sub- scribers`, a line-end hyphen left with
its space) is flagged, so a split word can be told from one split without a hyphen.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache

import regex

#: Dashes that separate words: figure, en, em and horizontal-bar dashes, and two or more
#: hyphens (Project Gutenberg writes an em dash as "--").
DASHES = regex.compile(r"[\u2012-\u2015\u2E3A\u2E3B]|-{2,}")
#: A hyphen at the end of a whitespace-separated chunk ("sub- scribers"), marked before the
#: joiners are dropped.
HYPHEN_END = regex.compile(r"(?<=[\p{L}\p{N}])[\-\u2010\u2011\u00AD¬](?=\s|$)")
#: Characters dropped inside a word: hyphens, the soft hyphen, apostrophes.
JOINERS = regex.compile(r"[\-\u2010\u2011\u00AD¬'’ʼ]")
#: Marks a word whose chunk ended in a hyphen (a control character no text holds).
FLAG = "\x01"
WORD = regex.compile(r"[\p{L}\p{N}]+" + FLAG + "?")
NON_LETTERS = regex.compile(r"[^\p{L}]+")
LETTERS_DIGITS = regex.compile(r"[\p{L}\p{N}]+")


@dataclass(slots=True)
class Words:
    """A text's normalised words and, for each, whether its chunk ended in a hyphen."""

    words: list[str] = field(default_factory=list)
    hyphen_end: list[bool] = field(default_factory=list)


def tokens(text: str) -> Words:
    """The normalised words of `text` (see the module docstring), with their hyphen flags."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = DASHES.sub(" ", text)
    text = HYPHEN_END.sub(FLAG, text)
    text = JOINERS.sub("", text)
    out = Words()
    for m in WORD.finditer(text):
        word = m.group()
        if word.endswith(FLAG):
            out.words.append(word[:-1])
            out.hyphen_end.append(True)
        else:
            out.words.append(word)
            out.hyphen_end.append(False)
    return out


def words(text: str) -> list[str]:
    """The normalised words of `text`."""
    return tokens(text).words


@cache
def norm(word: str) -> str:
    """One word normalised (NFKC, lower case, letters and digits only: the words of `tokens`
    run together)."""
    return "".join(LETTERS_DIGITS.findall(unicodedata.normalize("NFKC", word).lower()))


def cer_normalise(text: str) -> str:
    """Lower case, letters and single spaces only: the normalisation of the character error
    rate, unchanged from the first version of bench/quality.py so that figures stay
    comparable (digits and punctuation are not counted)."""
    return " ".join(NON_LETTERS.sub(" ", text.lower()).split())
