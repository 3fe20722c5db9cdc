"""The hyphen rule: rejoin a word hyphenated at a line or page end, or keep a true compound.

Evidence, in order, with the first that decides winning:

1. the book itself: how often the joined form ("bureaucrats") and the
   hyphenated form ("counter-revolutionary") occur elsewhere in the same scan;
2. a capital after the hyphen ("anti-/Soviet") marks a compound with a name;
3. the general lexicon: the joined form is a common word (Zipf ≥
   `LEXICON_WORD`); or it is a word while a half is none ("contemptu-/ously");
   or it is rare while both halves are common words ("dinner-/time" stays
   "dinner-time");
4. affixes: a prefix that takes a hyphen (`HYPHEN_PREFIXES`) keeps it; a
   right half that is a bare suffix (`SUFFIXES`) joins;
5. otherwise join, flagged uncertain: printers break words far more often
   than they break compounds at a line end.

Where the OCR engine says which word it read across the break (ALTO `SUBS_CONTENT`, kept by the
reader in `Scan.full_words`), that reading is one more piece of evidence, weighed after the
book's own spellings: the engine joins every word it sees hyphenated, so it cannot outvote the
book, but it decides before the lexicon. Whatever decides, the note names the engine's reading.
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
#: Hyphens a line may end with: the hyphen-minus, the Unicode hyphen, and the double oblique
#: hyphen, not sign and equals sign with which transcriptions of Fraktur print write it (OCR-D
#: ground truth writes "⸗", DTA-style transcriptions "¬" or "=").
HYPHENS = "-\u2010\u2e17\u00ac="
#: A word broken by a hyphen at the end of a line: its letters, then one of HYPHENS.
BROKEN = regex.compile(rf"(\p{{L}}+)[{regex.escape(HYPHENS)}]$")
#: The engine's whole word without the punctuation it may carry ("bilden," for "bil-|den,").
_ENGINE_WORD = regex.compile(r"^\W*(.*?)\W*$")


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether to join the halves, the evidence in words, and whether a person should check."""

    join: bool
    evidence: str
    uncertain: bool = False


def engine_verdict(left: str, right: str, engine: str) -> bool | None:
    """True when the engine's whole word is the joined form, False when it is the compound with
    a hyphen, None when it is neither (or there is none)."""
    word = (m.group(1) if (m := _ENGINE_WORD.match(engine)) else engine).lower()
    if not word:
        return None
    if word == (left + right).lower():
        return True
    if word in {f"{left}{h}{right}".lower() for h in HYPHENS}:
        return False
    return None


def decide(left: str, right: str, book: BookWords, engine: str = "") -> Decision:
    """Decide how `left-` at a break and `right` after it are to be read; `engine` is the whole
    word the OCR engine read there, when the source says (see the module's docstring)."""
    m = LETTERS.match(right)
    right = m.group(0) if m else right
    decision = _decide(left, right, book, engine_verdict(left, right, engine))
    if engine and "OCR engine" not in decision.evidence:
        return Decision(decision.join, f"{decision.evidence}; the OCR engine read '{engine}'",
                        decision.uncertain)
    return decision


def _decide(left: str, right: str, book: BookWords, engine: bool | None) -> Decision:
    """The evidence in order (see the module's docstring); `engine` the engine's verdict."""
    joined, compound = left + right, f"{left}-{right}"
    n_joined, n_compound = book[joined], book[compound]
    if n_joined or n_compound:
        if n_joined > n_compound:
            return Decision(True, f"'{joined.lower()}' {n_joined}× in this book")
        if n_compound > n_joined:
            return Decision(False, f"'{compound.lower()}' {n_compound}× in this book")
    if engine is not None:
        return Decision(engine, f"the OCR engine read '{joined if engine else compound}' "
                                "(SUBS_CONTENT)")
    if right[:1].isupper():
        return Decision(False, "capital after the hyphen: compound with a name")
    z_joined = zipf(joined.lower())
    z_left, z_right = zipf(left.lower()), zipf(right.lower())
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
