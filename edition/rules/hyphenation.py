"""The hyphen rule: rejoin a word hyphenated at a line or page end, or keep a true compound.

Evidence, in order, with the first that decides winning:

1. the book itself: how often the joined form ("bureaucrats") and the
   hyphenated form ("counter-revolutionary") occur elsewhere in the same scan;
2. a capital after the hyphen ("anti-/Soviet") marks a compound with a name;
3. the word list of the book's language (`lexicon.zipf`): the joined form is
   a common word (Zipf ≥ `LEXICON_WORD`); or it is a word while a half is none
   ("contemptu-/ously"); or it is rare while both halves are common words
   ("dinner-/time" stays "dinner-time");
4. affixes: a prefix that takes a hyphen (`HYPHEN_PREFIXES`) keeps it; a
   right half that is a bare suffix (`SUFFIXES`) joins;
5. otherwise join, flagged uncertain: printers break words far more often
   than they break compounds at a line end.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from edition.rules.lexicon import BookWords, zipf

#: Zipf frequency from which a joined form counts as a word of the language.
LEXICON_WORD = 2.5
#: Zipf frequency under which a fragment is not a word of its own.
NOT_A_WORD = 1.5
#: Zipf frequency from which each half of a compound counts as a word.
LEXICON_PART = 3.0
#: Prefixes conventionally kept with a hyphen in English.
HYPHEN_PREFIXES = frozenset(
    {"self", "non", "ex", "quasi", "pseudo", "semi", "counter", "anti", "pro", "well", "half",
     "vice", "all", "great", "post", "pre", "ultra", "neo"}
)
#: Word endings that never stand alone: a right half equal to one of them joins.
SUFFIXES = frozenset(
    {"tion", "tions", "sion", "sions", "ment", "ments", "ness", "ing", "ings", "ed", "ly", "ity",
     "ities", "ance", "ances", "ence", "ences", "able", "ible", "ous", "ive", "ist", "ists",
     "ism", "ical", "ally", "ation", "ations", "ture", "tures", "cy", "ent", "ant", "er", "ers"}
)
#: The letters of a fragment (trailing punctuation stripped).
LETTERS = regex.compile(r"^\p{L}+")


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether to join the halves, the evidence in words, and whether a person should check."""

    join: bool
    evidence: str
    uncertain: bool = False


def decide(left: str, right: str, book: BookWords, lang: str = "en") -> Decision:
    """Decide how `left-` at a break and `right` after it are to be read.

    `lang` (ISO 639-1 code or BCP 47 tag) names the word list of step 3; without a word
    list for it every word is absent there, and steps 1, 2, 4 and 5 decide.
    """
    m = LETTERS.match(right)
    right = m.group(0) if m else right
    joined, compound = left + right, f"{left}-{right}"
    n_joined, n_compound = book[joined], book[compound]
    if n_joined or n_compound:
        if n_joined > n_compound:
            return Decision(True, f"'{joined.lower()}' {n_joined}× in this book")
        if n_compound > n_joined:
            return Decision(False, f"'{compound.lower()}' {n_compound}× in this book")
    if right[:1].isupper():
        return Decision(False, "capital after the hyphen: compound with a name")
    z_joined = zipf(joined.lower(), lang)
    z_left, z_right = zipf(left.lower(), lang), zipf(right.lower(), lang)
    if z_joined >= LEXICON_WORD:
        return Decision(True, f"'{joined.lower()}' is a word (Zipf {z_joined:.1f})")
    if z_joined > 0 and min(z_left, z_right) < NOT_A_WORD:
        half = left if z_left < z_right else right
        return Decision(True, f"'{joined.lower()}' is a word (Zipf {z_joined:.1f}), '{half}' is not")
    if min(z_left, z_right) >= LEXICON_PART:
        return Decision(False, f"'{joined.lower()}' rare (Zipf {z_joined:.1f}), "
                               "both halves are words")
    if left.lower() in HYPHEN_PREFIXES:
        return Decision(False, f"prefix '{left.lower()}-' keeps its hyphen")
    if right.lower() in SUFFIXES:
        return Decision(True, f"'-{right.lower()}' is a suffix")
    return Decision(True, "no evidence either way; joined as a printer's break", uncertain=True)
