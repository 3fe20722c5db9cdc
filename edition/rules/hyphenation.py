"""The hyphen rule: rejoin a word hyphenated at a line or page end, or keep a true compound.

**What a line-end hyphen is.** One notion for every rule that joins across lines and pages
(`HyphenStyle`): the hyphen-minus, U+2010 HYPHEN, U+00AD SOFT HYPHEN (as Tesseract writes
it), "¬" (the Internet Archive's and ABBYY's line-end mark), "⸗" (Fraktur's double oblique
hyphen), and "=" where the book uses it so (Fraktur OCR; decided per book: `EQUALS_MIN` line
ends or more where "=" follows a letter and the next line goes on in lower case). The word
before it may carry combining accents (NFD text: "répé-" / "tées").

**Join, keep, or keep with its space.** Evidence, in order, with the first that decides
winning:

1. a suspended compound: the word after the break is a conjunction or preposition that
   completes it ("eighteenth- / and nineteenth-century", "Haupt- / und Nebenstraßen"):
   the hyphen and the space stay (`SUSPENSION`, per language), unless the joined form is
   a word ("thous- / and", "un- / to");
2. the book itself: how often the joined form ("bureaucrats") and the hyphenated form
   ("counter-revolutionary", mid-line: strong evidence for keeping) occur elsewhere in it;
   then, where the source says which word the OCR engine read across the break (ALTO
   `SUBS_CONTENT`, kept by the reader in `Scan.full_words`), that reading: the engine joins
   every word it sees hyphenated, so it cannot outvote the book, but it decides before the
   word list, and whatever decides, the note names it;
3. a capital after the hyphen ("anti-/Soviet") marks a compound with a name;
4. affixes: a right half that is a bare suffix (`SUFFIXES`: "lame-/ness") joins; a prefix
   that takes a hyphen (`HYPHEN_PREFIXES`: "self-", "non-") keeps it; a bound prefix that
   never stands alone (`BOUND_PREFIXES`: "be-", "im-") joins;
5. the word list of the book's language (wordfreq, Zipf frequencies): where both halves are
   words (Zipf ≥ `LEXICON_PART`), the joined form must be nearly as common as the rarer half
   (within `JOIN_MARGIN`) to join ("every-/where" joins, "long-/term" and "dinner-/time"
   keep), and a joined form that is no word at all keeps the hyphen ("seven-/eighths");
   otherwise a joined form that is a word (Zipf ≥ `LEXICON_WORD`), or a word while a half is
   none, joins;
6. otherwise join, flagged uncertain: printers break words far more often than they break
   compounds at a line end.

Dashes at a line end (em, en, "--") join without a space unless the book's own mid-line
dashes are spaced (`HyphenStyle.spaced_dashes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from edition.model import Edit, Text
from edition.rules.lexicon import BookWords, zipf

#: Zipf frequency from which a joined form counts as a word of the language.
LEXICON_WORD = 2.5
#: Zipf frequency under which a fragment is not a word of its own.
NOT_A_WORD = 1.5
#: Zipf frequency from which each half of a compound counts as a word.
LEXICON_PART = 3.0
#: How much rarer than its rarer half a joined form may be and still be the word the printer
#: broke (Zipf: 1.5 is a factor of about 30). Measured on the dev corpus against its
#: transcriptions: "everywhere" is 1.1 under "every", "longterm" 2.5 under "term".
JOIN_MARGIN = 1.5
#: Zipf frequency from which a joined form of two words is the word the printer broke, however
#: common its halves ("there-/of": "thereof" 3.7; "ship-/wreck": 3.1), where the book says
#: nothing: compounds the printer hyphenated ("long-term" 2.8, "dinner-time" 2.4) are rarer
#: joined. Measured on the dev corpus (bench/quality.py): wrong keeps 90 to 43, wrong joins 25 to 26.
JOIN_ALWAYS = 3.0
#: ... and not far rarer still than its rarer half: two of the commonest words ("to-/me":
#: "tome" 3.2 under "me" 6.5, Coleridge 1817) are two words the OCR left a mark between.
WIDE_MARGIN = 3.0
#: Prefixes conventionally kept with a hyphen in English.
HYPHEN_PREFIXES = frozenset(
    {"self", "non", "ex", "quasi", "pseudo", "semi", "counter", "anti", "pro", "well", "half",
     "vice", "all", "great", "post", "pre", "ultra", "neo"}
)
#: Prefixes that never stand alone in English: a left half equal to one of them joins.
BOUND_PREFIXES = frozenset({"be", "im", "in", "un", "dis", "re", "con", "com", "de", "en",
                            "em", "mis", "ir", "il", "sub", "inter", "trans", "per"})
#: Word endings that never stand alone: a right half equal to one of them joins.
SUFFIXES = frozenset(
    {"tion", "tions", "sion", "sions", "ment", "ments", "ness", "ing", "ings", "ed", "ly", "ity",
     "ities", "ance", "ances", "ence", "ences", "able", "ible", "ous", "ive", "ist", "ists",
     "ism", "ical", "ally", "ation", "ations", "ture", "tures", "cy", "ent", "ant", "er", "ers",
     "ish", "less", "ful", "fully", "nesses", "ship", "ships", "dom", "ward", "wards"}
)
#: Words that complete a suspended compound, per language (ISO 639-1).
SUSPENSION: dict[str, frozenset[str]] = {
    "en": frozenset({"and", "or", "nor", "to", "than", "as"}),
    "de": frozenset({"und", "oder", "bis", "sowie", "noch", "bzw", "als"}),
    "fr": frozenset({"et", "ou", "à"}),
    "es": frozenset({"y", "e", "o", "u", "a"}),
    "it": frozenset({"e", "ed", "o", "a"}),
    "nl": frozenset({"en", "of", "tot"}),
}
#: The letters of a fragment (trailing punctuation stripped).
LETTERS = regex.compile(r"^[\p{L}\p{M}\p{Co}]+")

#: Line-end hyphens every book may use.
HYPHENS = "-\u2010\u00ad¬⸗"
#: Lines ending "letter=" and going on in lower case, at least, for "=" to be a hyphen.
EQUALS_MIN = 3
#: Dashes that end a line between two words.
DASHES = ("—", "–", "--")
#: A dash in the middle of a line, closed up ("word—word") or spaced ("word — word").
CLOSED_DASH = regex.compile(r"\p{L}[—–]\p{L}|\p{L}--\p{L}")
SPACED_DASH = regex.compile(r"\p{L} [—–] \p{L}|\p{L} -- \p{L}")
#: "letter=" at a line end, then a line starting in lower case.
EQUALS_BREAK = regex.compile(r"\p{L}=[ \t]*\n[ \t]*\p{Ll}")


@dataclass(frozen=True, slots=True)
class HyphenStyle:
    """How a book marks a word broken at a line end, and how it sets its dashes.

    `marks` holds the line-end hyphen characters; `spaced_dashes` says the book sets spaces
    around its dashes mid-line (then a dash at a line end keeps its space)."""

    marks: str = HYPHENS
    spaced_dashes: bool = False

    def broken(self, text: str) -> tuple[str, str] | None:
        """The word fragment before a line-end hyphen and the hyphen, for `text` ending in
        one ("répé-" gives ("répé", "-"), accents composed or not); None otherwise."""
        text = text.rstrip()
        if not text or text[-1] not in self.marks:
            return None
        m = BROKEN_BEFORE.search(text, 0, len(text) - 1)
        return (m[1], text[-1]) if m and m.end() == len(text) - 1 else None


#: The letters (combining marks, and the private-use characters of MUFI transcriptions of old
#: prints) before a line-end hyphen.
BROKEN_BEFORE = regex.compile(r"(?r)([\p{L}\p{M}\p{Co}]+)$")


def hyphen_style(raw: str) -> HyphenStyle:
    """A book's hyphen style, read from its text (see the module's docstring)."""
    marks = HYPHENS + ("=" if _count(EQUALS_BREAK, raw, "=", 1) >= EQUALS_MIN else "")
    spaced = _count(SPACED_DASH, raw, "—–-", 2) > _count(CLOSED_DASH, raw, "—–-", 1)
    return HyphenStyle(marks, spaced)


def _count(pattern: regex.Pattern[str], text: str, marks: str, before: int) -> int:
    """How many times `pattern` occurs in `text`, counted as `findall` counts (each match
    after the end of the one before), where each match has one of `marks` `before`
    characters after its start: only those places are tried, not every character of a
    book."""
    count = end = 0
    for found in re.finditer(f"[{re.escape(marks)}]", text):
        at = found.start() - before
        if at >= end and (m := pattern.match(text, at)):
            count, end = count + 1, m.end()
    return count


def ends_with_dash(text: str) -> bool:
    """True for a line that ends in a dash after a word: it runs on into the next line."""
    text = text.rstrip()
    return text.endswith(DASHES) and len(text) > 2 and not text[:-2].endswith(" ")


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether to join the halves, the evidence in words, whether a person should check,
    and, for a kept hyphen, whether the space after it stays (a suspended compound)."""

    join: bool
    evidence: str
    uncertain: bool = False
    space: bool = False


def _z(word: str, lang: str) -> float:
    """The word's Zipf frequency, read as the word list spells (long s as s)."""
    return zipf(word.lower().replace("ſ", "s"), lang)


#: The engine's whole word without the punctuation it may carry ("bilden," for "bil-|den,").
_ENGINE_WORD = regex.compile(r"^\W*(.*?)\W*$")


def engine_verdict(left: str, right: str, engine: str) -> bool | None:
    """True when the engine's whole word is the joined form, False when it is the compound
    with a hyphen, None when it is neither (or there is none)."""
    word = (m.group(1) if (m := _ENGINE_WORD.match(engine)) else engine).lower()
    if not word:
        return None
    if word == (left + right).lower():
        return True
    if word in {f"{left}{h}{right}".lower() for h in HYPHENS + "="}:
        return False
    return None


def decide(left: str, right: str, book: BookWords, lang: str = "en",
           engine: str = "") -> Decision:
    """Decide how `left-` at a break and `right` after it are to be read; `engine` is the
    whole word the OCR engine read there, when the source says."""
    m = LETTERS.match(right)
    right = m.group(0) if m else right
    decision = _decide(left, right, book, lang, engine_verdict(left, right, engine))
    if engine and "OCR engine" not in decision.evidence:
        return Decision(decision.join, f"{decision.evidence}; the OCR engine read '{engine}'",
                        decision.uncertain, decision.space)
    return decision


def _decide(left: str, right: str, book: BookWords, lang: str, engine: bool | None) -> Decision:
    """The evidence in order (see the module's docstring); `engine` the engine's verdict."""
    joined, compound = left + right, f"{left}-{right}"
    if right.lower() in SUSPENSION.get(lang, SUSPENSION["en"]) and not book[joined] and (
            _z(joined, lang) < LEXICON_WORD):
        return Decision(False, f"suspended compound: '{left}-' completed after '{right}'",
                        space=True)
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
    low_left, low_right = left.lower(), right.lower()
    english = lang == "en"
    if english and low_right in SUFFIXES:
        return Decision(True, f"'-{low_right}' is a suffix")
    z_joined, z_left, z_right = _z(joined, lang), _z(left, lang), _z(right, lang)
    # a prefix that takes a hyphen ("ex-/president", "self-/respect"), not a word's first
    # syllable ("ex-/penses", "ex-/ertions": no word after it; "pro-/claim": the joined form
    # is a word, JOIN_ALWAYS common or within JOIN_MARGIN of the word after the prefix)
    if english and low_left in HYPHEN_PREFIXES and (z_joined == 0 or (z_right >= NOT_A_WORD and (
            z_joined < LEXICON_WORD or z_joined < min(JOIN_ALWAYS, z_right - JOIN_MARGIN)))):
        return Decision(False, f"prefix '{low_left}-' keeps its hyphen")
    if english and low_left in BOUND_PREFIXES:
        return Decision(True, f"'{low_left}-' is a prefix that never stands alone")
    if min(z_left, z_right) >= LEXICON_PART:
        if z_joined >= min(z_left, z_right) - JOIN_MARGIN or (
                z_joined >= JOIN_ALWAYS and z_joined >= min(z_left, z_right) - WIDE_MARGIN):
            return Decision(True, f"'{joined.lower()}' is a word (Zipf {z_joined:.1f}) as common "
                                  "as its halves")
        return Decision(False, f"'{joined.lower()}' rare (Zipf {z_joined:.1f}), both halves are "
                               "words")
    if z_joined == 0 and z_left >= LEXICON_PART and z_right >= NOT_A_WORD:
        return Decision(False, f"'{joined.lower()}' is no word; '{left}' and '{right}' are",
                        uncertain=True)
    if z_joined >= LEXICON_WORD:
        return Decision(True, f"'{joined.lower()}' is a word (Zipf {z_joined:.1f})")
    if z_joined > 0 and min(z_left, z_right) < NOT_A_WORD:
        half = left if z_left < z_right else right
        return Decision(True, f"'{joined.lower()}' is a word (Zipf {z_joined:.1f}), '{half}' is not")
    return Decision(True, "no evidence either way; joined as a printer's break", uncertain=True)


#: The rule name of a hyphen decision, recorded as an edit.
RULE = "hyphen-join"
#: Names of the line-end hyphen characters, for the evidence.
MARK_NAMES = {"\u00ad": "soft hyphen", "\u2010": "hyphen", "¬": "not sign", "⸗": "double hyphen",
              "=": "equals sign"}
#: Line-end marks that are no printed hyphen: where the compound is kept, the reading text has
#: a hyphen in their place ("self\u00ad / respect" reads "self-respect"). The printed hyphens
#: (hyphen-minus, U+2010, Fraktur's "⸗") stay as printed.
READ_AS_HYPHEN = frozenset({"\u00ad", "¬", "="})
#: The first word of the text after a break.
FIRST_WORD = regex.compile(r"^[\p{L}\p{M}\p{Co}]+")


def apply(last: Text, after: str, style: HyphenStyle, book: BookWords, page: int,
          edits: list[Edit], lang: str = "en",
          engine_words: dict[int, str] | None = None) -> Decision | None:
    """Decide a word broken at the end of `last` (a text node ending in a line-end hyphen)
    before `after` (the text that follows the break), apply it to `last` and record it.

    `engine_words` maps the raw offset of a printed hyphen to the word the OCR engine read
    across it (`Scan.full_words`). Returns the decision, or None when `last` ends in no
    hyphen or `after` begins no word.
    A join removes the hyphen (an edit of its one raw character); a keep records a
    zero-width edit with the evidence. The note reads "left-|right: evidence" for a join
    and "kept left-right: evidence" for a keep.
    """
    broken = style.broken(last.text)
    head = FIRST_WORD.match(after)
    if broken is None or head is None:
        return None
    left, mark = broken
    engine = engine_words.get(last.end - 1, "") if engine_words else ""
    decision = decide(left, head[0], book, lang, engine)
    how = f" ({MARK_NAMES[mark]})" if mark in MARK_NAMES else ""
    if decision.join:  # the hyphen is the node's last raw character (lines are trimmed)
        last.text = last.text[:-1]
        edits.append(Edit(RULE, last.end - 1, last.end, "", page,
                          f"{left}-|{head[0]}: {decision.evidence}{how}", decision.uncertain))
    elif mark in READ_AS_HYPHEN:  # a kept compound reads with a hyphen, not the OCR's mark
        last.text = last.text[:-1] + "-"
        edits.append(Edit(RULE, last.end - 1, last.end, "-", page,
                          f"kept {left}-{head[0]}: {decision.evidence}{how}", decision.uncertain))
    else:
        edits.append(Edit(RULE, last.end, last.end, "", page,
                          f"kept {left}-{head[0]}: {decision.evidence}{how}", decision.uncertain))
    return decision
