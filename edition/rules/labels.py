"""Division labels: "CHAPTER II", "CHAP. XI.", "LETTER III.", "SERMON IV.", "BOOK THE FIRST",
"KAPITEL 3", a Roman numeral alone, and the garbled and letter-spaced forms OCR makes of them.

A label line names a division's kind and its number. The kinds are words of many languages
(`LABEL_WORDS`), each with a rank (`RANK`: a BOOK or PART holds CHAPTERs). The number is a
Roman or Arabic numeral, or an ordinal word ("the First", "Zweites"). OCR garbles a label's
number far more often than its word ("Chapter %", "Chapter J%", "Chapter VJJ."): such a line
is still a label, its number left to the sequence of labels in the book (`number_labels`).
Letter-spaced lines ("C H A P T E R  I I") are read with their spacing closed up (`despace`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from edition.numbering import int_to_roman, roman_to_int

#: Label words, by language, with the division type TEI gets (`div/@type`).
LABEL_WORDS: dict[str, str] = {
    # English
    "chapter": "chapter", "chap": "chapter", "letter": "letter", "sermon": "sermon",
    "book": "book", "part": "part", "volume": "volume", "essay": "essay", "canto": "canto",
    "lecture": "lecture", "section": "section", "sect": "section", "act": "act",
    "scene": "scene", "discourse": "discourse", "homily": "homily", "epistle": "letter",
    "story": "story", "tale": "story", "dialogue": "dialogue", "article": "article",
    "psalm": "psalm", "hymn": "hymn", "ode": "poem", "stave": "chapter", "poem": "poem",
    "sonnet": "poem", "elegy": "poem", "epigram": "poem", "appendix": "appendix",
    "thesis": "thesis",
    # French
    "chapitre": "chapter", "livre": "book", "partie": "part", "lettre": "letter",
    "tome": "volume", "acte": "act", "scène": "scene", "chant": "canto",
    # German
    "kapitel": "chapter", "buch": "book", "teil": "part", "theil": "part", "brief": "letter",
    "abschnitt": "section", "band": "volume", "gesang": "canto", "predigt": "sermon",
    # Italian, Spanish, Portuguese, Dutch, Latin
    "capitolo": "chapter", "libro": "book", "parte": "part", "lettera": "letter",
    "capítulo": "chapter", "capitulo": "chapter", "carta": "letter", "hoofdstuk": "chapter",
    "boek": "book", "deel": "part", "caput": "chapter", "liber": "book", "epistola": "letter",
}
#: The nesting rank of each division type: a smaller rank holds the larger ones.
RANK: dict[str, int] = {"volume": 0, "part": 1, "book": 1}
#: The rank of every other labelled division (chapter, letter, sermon ...).
DEFAULT_RANK = 2
#: Ordinal words, as labels spell their number ("BOOK THE FIRST", "Zweites Kapitel").
ORDINALS: dict[str, int] = {
    w: k + 1 for k, words in enumerate([
        "first premier première erstes erster erste primo primero", "second deuxième seconde "
        "zweites zweiter zweite secondo segundo", "third troisième drittes dritter dritte terzo "
        "tercero", "fourth quatrième viertes vierter vierte quarto cuarto", "fifth cinquième "
        "fünftes fünfter fünfte quinto", "sixth sixième sechstes sechster sechste sesto sexto",
        "seventh septième siebentes siebtes siebenter settimo séptimo", "eighth huitième achtes "
        "achter ottavo octavo", "ninth neuvième neuntes neunter nono noveno", "tenth dixième "
        "zehntes zehnter decimo décimo", "eleventh", "twelfth", "thirteenth", "fourteenth",
        "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
    ]) for w in words.split()
} | {w: k + 1 for k, w in enumerate("one two three four five six seven eight nine ten eleven "
                                      "twelve thirteen fourteen fifteen sixteen seventeen "
                                      "eighteen nineteen twenty".split())}

_WORDS = "|".join(sorted(map(regex.escape, LABEL_WORDS), key=len, reverse=True))
#: A clean label: a label word and a number, or a number alone (Roman or Arabic).
LABEL = regex.compile(
    rf"^(?:(?P<word>{_WORDS})\.?\s+(?:the\s+)?)?"
    r"(?P<n>[IVXLCDM]+|[ivxlcdm]+|\d{1,3}|\p{L}+?)\s*[.:]?$", regex.I)
#: An ordinal before the label word: "Erstes Kapitel", "First Book".
ORDINAL_FIRST = regex.compile(rf"^(?P<n>\p{{L}}+)\s+(?P<word>{_WORDS})\.?$", regex.I)
#: A label word followed by a garbled number: at most two short tokens, none of them a word
#: (`garbled_number`; words are text: "Part of it", "Letter to him", "Part it.").
GARBLED = regex.compile(rf"^(?P<word>{_WORDS})\b\.?(?P<rest>(?:\s*\S{{1,6}}){{0,2}})\s*$", regex.I)
#: A token that is a word, not a garbled number: lower case after an optional capital, or two
#: capitals or more, before a full stop or comma at most ("it.", "The", "OF").
PLAIN_WORD = regex.compile(r"^(?:\p{Lu}?\p{Ll}+|\p{Lu}{2,})[.,:;]?$")
#: Letters OCR makes of Roman numerals ("VJJ", "XXL", "XT", "J F"): a token of them is no word.
ROMANISH = frozenset("IVXLCDMJT")
#: A remark in brackets after a label ("LETTER II. (to a lady.)"), read apart from it.
REMARK = regex.compile(r"\s*\([^()]{1,40}\)\.?$")


def garbled_number(rest: str) -> bool:
    """True when the tokens after a label word are a number the OCR garbled ("J%", "J F,",
    "XXI V>", "SSf."): none of them a word, unless made of the letters of Roman numerals."""
    return all(not PLAIN_WORD.match(token) or set(token.rstrip(".,:;")) <= ROMANISH
               for token in rest.split())


def _capital(word: str | None) -> bool:
    """True for a label word as printed, with a capital ("CHAPTER", "Chapter"; "poem." at a
    line's start is the end of a sentence)."""
    return not word or word[:1].isupper()
#: A run of three lower-case letters: a word, so not a garbled number.
WORDLIKE = regex.compile(r"\p{Ll}{3}")
#: A letter-spaced line: single characters separated by spaces, words by wider spaces.
SPACED = regex.compile(r"^\S(?: \S){2,}(?: {2,}\S(?: \S)*)*$")
#: A page number before or after a letter-spaced head, and the gaps between its words.
NUMBER_BEFORE = regex.compile(r"^(\d{1,4}\s+)(.*)$")
NUMBER_AFTER = regex.compile(r"^(.*?)(\s+\d{1,4})$")
WORD_GAP = regex.compile(r" {2,}")


def despace(text: str) -> str:
    """A letter-spaced line with its spacing closed up ("C H A P T E R  I I" is "CHAPTER II",
    "24 T H E  A N N A L S" is "24 THE ANNALS"); any other line as it is."""
    text = text.strip()
    head = tail = ""
    if text[:1].isdigit() and (m := NUMBER_BEFORE.match(text)):  # a page number before a head
        head, text = m[1], m[2]
    if text[-1:].isdigit() and (m := NUMBER_AFTER.match(text)):  # or after it
        tail, text = m[2], m[1]
    if text[1:2] != " ":  # spaced letters stand one space apart from the first on
        return head + text + tail
    if not SPACED.match(text):
        return head + text + tail
    return head + " ".join(group.replace(" ", "") for group in WORD_GAP.split(text)) + tail


@dataclass(frozen=True, slots=True)
class Label:
    """A label line read: its kind (the division type, "" for a bare number), its number
    as printed ("III", "3", "FIRST"; None when garbled), and the number's value."""

    kind: str
    number: str | None
    value: int | None

    @property
    def rank(self) -> int:
        """How deep the division sits (0 volume, 1 part or book, 2 anything else)."""
        return RANK.get(self.kind, DEFAULT_RANK)


def _value(token: str) -> int | None:
    """The value of a label's number: Roman, Arabic or an ordinal word."""
    token = token.strip(".:")
    if token.isdigit():
        return int(token)
    if value := roman_to_int(token.upper()):
        return value
    return ORDINALS.get(token.lower())


#: Lines whose label `read_label` remembers: the running-head, block and division rules ask
#: of the same lines (a 300-page novel asks 36,000 times of 10,000 lines).
LABEL_CACHE = 1 << 16


@lru_cache(maxsize=LABEL_CACHE)
def read_label(text: str) -> Label | None:
    """The label a line holds, clean or garbled, or None for any other line (a pure function
    of the text, remembered for the last LABEL_CACHE lines asked)."""
    text = despace(text).strip()
    if len(text) > 40:
        return None
    text = REMARK.sub("", text) or text
    m = LABEL.match(text)
    if m and _capital(m["word"]):
        word = (m["word"] or "").casefold()
        number = m["n"]
        value = _value(number)
        if value is not None and (word or number.isdigit() or roman_to_int(number.upper())):
            if word or (number.isupper() or number.isdigit()):
                return Label(LABEL_WORDS.get(word, ""), number.upper(), value)
    o = ORDINAL_FIRST.match(text)
    if o and o["n"].lower() in ORDINALS and _capital(o["n"]):
        return Label(LABEL_WORDS[o["word"].casefold()], o["n"].upper(), ORDINALS[o["n"].lower()])
    g = GARBLED.match(text)
    if (g and _capital(g["word"]) and not WORDLIKE.search(g["rest"])
            and len(g["rest"].strip()) <= 10 and garbled_number(g["rest"])):
        return Label(LABEL_WORDS[g["word"].casefold()], None, None)
    return None


#: A label run into its paragraph: the word (with a capital), a number read clean, a full stop,
#: and a dash or colon before the text ("Thesis I.—Truth is correlative to being.").
RUN_IN = regex.compile(
    rf"^(?P<word>{_WORDS})\.?\s+(?P<n>[IVXLCDM]+|\d{{1,3}})\.\s*(?:—|--|:)\s*(?=\S)", regex.I)


def run_in_label(text: str) -> tuple[Label, int] | None:
    """The label a paragraph opens with, run into its first line, and the length of the label
    with its dash (where the text begins); None for any other line."""
    m = RUN_IN.match(text)
    if m is None or not _capital(m["word"]):
        return None
    value = _value(m["n"])
    if value is None:
        return None
    return Label(LABEL_WORDS[m["word"].lower()], m["n"].upper(), value), m.end()


def label_of(text: str) -> str | None:
    """The number of a clean label line ("I", "XII", "3"), or None."""
    label = read_label(text)
    return label.number if label and label.value is not None else None


def garbled_label(text: str) -> bool:
    """True for a label word with an unreadable number ("Chapter %", "Chapter J F,")."""
    label = read_label(text)
    return label is not None and label.value is None


def is_label(text: str) -> bool:
    """True for any label line, clean or garbled."""
    return read_label(text) is not None


def worded(text: str) -> bool:
    """True for a label with its word ("CHAPTER II", "Chapter %"), not a bare number."""
    label = read_label(text)
    return label is not None and bool(label.kind)


def value_of(label: str) -> int | None:
    """The numeric value of a clean label number."""
    return _value(label)


#: Labels a book's sequence may skip (headings the OCR lost) before a number read clean is
#: taken for a misreading.
MAX_LEAP = 3


def number_labels(found: list[str | None]) -> list[tuple[str, bool]]:
    """Each label's number from the sequence: (number, True if it was inferred, not read).

    The first clean number is kept as printed; a clean number that continues the
    sequence (or jumps ahead by up to MAX_LEAP, when a heading was lost) is kept; an
    unreadable one, or one that would go backwards, is the previous number plus one.
    Numbers are written in the figures the book mostly uses.
    """
    values = [value_of(n) if n else None for n in found]
    roman = sum(1 for n in found if n and not n.isdigit()) >= sum(
        1 for n in found if n and n.isdigit())
    out: list[tuple[str, bool]] = []
    previous = 0
    for k, value in enumerate(values):
        # the first label read clean is taken as printed (an excerpt may begin at SERMON IV)
        inferred = value is None or value <= previous or (k > 0 and value > previous + MAX_LEAP)
        number = previous + 1 if inferred else value
        assert number is not None
        previous = number
        out.append((int_to_roman(number) if roman else str(number), inferred))
    return out
