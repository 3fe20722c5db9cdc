"""Word evidence for the hyphen rule: the book's own spellings first, then a word list.

`BookWords` counts every word form in the raw scan, hyphenated compounds
included, so "bureau-/crats" can be decided by "bureaucrats" elsewhere in the
same book.

The general word list is wordfreq's (pinned: its author froze its data in 2021),
in the language the caller names. Importing wordfreq and loading one language's
list costs about 0.25 s per process, so the first use of a language copies that
list into a table in the user's cache, `~/.cache/edition/wordfreq-<version>/
<lang>.sqlite`: one row per word as wordfreq stores it, with its frequency in
centibels, and the few rules wordfreq applies to a word before it looks it up
(Unicode normal form, marks dropped in abjad scripts, case folding, elided
articles such as French "l'"). A later process opens the table in about 3 ms and
reads only the rows it asks for (a few µs each). The table is written to a
temporary name and renamed, so parallel builds that create it at once each see
a whole table; where the cache cannot be written, the list is read into memory
as wordfreq itself would.

`zipf(word, lang)` returns exactly `wordfreq.zipf_frequency(word, lang)`. Words
of letters, combining marks, apostrophes and hyphens are answered from the
table; anything else (digits, other punctuation, scripts written without
spaces) and the languages wordfreq tokenizes with a dictionary or
transliterates (Chinese, Japanese, Korean, Serbo-Croatian) are asked of
wordfreq itself. When wordfreq cannot be imported and no table exists, every
word is absent (Zipf 0.0), so the hyphen rule decides by the book's own
spellings and affixes, and `notice()` says so in one line.
"""

from __future__ import annotations

import math
import os
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import regex

from edition.rules.typography import normalise_text

if TYPE_CHECKING:
    import sqlite3

#: A word form as counted in the book: letters, with inner hyphens or apostrophes.
WORD = regex.compile(r"\p{L}+(?:['’-]\p{L}+)*")

#: Characters counted at a time (cut at a line end, so no word is cut).
COUNT_CHUNK = 1 << 20

#: The wordfreq release pinned in pyproject.toml; its tables live in a directory named after it.
WORDFREQ_VERSION = "3.1.1"
#: The layout of a table file; raise it when the layout or the rules stored in it change.
TABLE_FORMAT = 1
#: Zipf frequency of a word absent from the list (wordfreq's default minimum, 1e-9, is Zipf 0).
ABSENT = 0.0
#: wordfreq's frequency for an absent word: Zipf 0, once per 10^9 words.
_MINIMUM_FREQ = 10**ABSENT / 1e9
#: A language tag this module makes a file name of: ISO 639 code, optional BCP 47 subtags.
LANG_TAG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})*")
#: What a word must be, after wordfreq's normalisation, to be tokenized here rather than by
#: wordfreq: letters and combining marks, with apostrophes and hyphens.
PLAIN = r"[\p{L}\p{M}'’-]+"
#: Apostrophes a token may start or end with (they never belong to it).
_APOSTROPHES = "'’"


#: Punctuation a token may start or end with that no word form holds (`WORD`: letters, with
#: apostrophes and hyphens inside).
_NO_WORD_ENDS = ".,;:!?\"“”()[]"


def _word_forms(text: str) -> Counter[str]:
    """`Counter(WORD.findall(text))`, in the same order, at two thirds of the cost: a word form
    holds no white space, so the forms of the text are those of its white-space separated
    tokens, and a token that stands many times ("the", "said,") is read once. A token of
    ASCII letters only, with punctuation before or after them, is one form."""
    forms: Counter[str] = Counter()
    for token, n in Counter(text.split()).items():
        core = token.strip(_NO_WORD_ENDS)
        if core.isalpha() and core.isascii():
            forms[core] += n  # "said," and "(the": punctuation about ASCII letters
        else:
            for form in WORD.findall(token):
                forms[form] += n
    return forms


class BookWords:
    """How often each lower-cased word form occurs in a text (counted on first use)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._counts: Counter[str] | None = None
        self._pairs: Counter[tuple[str, str]] | None = None

    def __getitem__(self, word: str) -> int:
        return self.forms().get(word.lower(), 0)

    @property
    def text(self) -> str:
        """The text the words are counted in."""
        return self._text

    def forms(self) -> Counter[str]:
        """Every lower-cased word form of the text with its count (counted once, on first use)."""
        if self._counts is None:
            self._counts = Counter()
            text, pos = self._text, 0
            while pos < len(text):  # a chunk at a time, so a 60 MB scan is never copied whole
                end = text.find("\n", pos + COUNT_CHUNK)
                end = len(text) if end < 0 else end + 1
                self._counts.update(_word_forms(normalise_text(text[pos:end]).lower()))
                pos = end
        return self._counts

    def pair(self, left: str, right: str) -> int:
        """How often `left` and `right` stand next to each other on one line of the text (lower
        case). Counted once, on first use, for the pairs whose run-together form is itself a
        form of the text ("some thing" where "something" occurs): the only pairs the split-word
        rule asks about, so the count stays small in a book of millions of words."""
        if self._pairs is None:
            forms = self.forms()
            self._pairs = Counter()
            text, pos = self._text, 0
            while pos < len(text):
                end = text.find("\n", pos)
                end = len(text) if end < 0 else end
                found = WORD.findall(normalise_text(text[pos:end]).lower())
                self._pairs.update(p for p in pairwise(found) if p[0] + p[1] in forms)
                pos = end + 1
        return self._pairs.get((left.lower(), right.lower()), 0)


# --- the rules wordfreq applies to a word before looking it up ---------------------------


class Rules(NamedTuple):
    """How wordfreq turns a word of one language into the tokens it looks up.

    Read from wordfreq when a table is built and stored with it, so a lookup
    needs no wordfreq: `normal_form` "NFC" or "NFKC"; `marks` the pattern of
    marks dropped in abjad scripts (None elsewhere); `dotless_i` Turkish case
    folding; `diacritics_under` "commas" (Romanian) or "cedillas" (Turkish) or
    None; `vowels` the character class that follows an elided article ("l'arc"
    is "l" and "arc"); `spaceless` the character class of scripts written
    without spaces; `single_quotes` the pattern of curly quotes made straight.
    """

    normal_form: str
    marks: str | None
    dotless_i: bool
    diacritics_under: str | None
    vowels: str
    spaceless: str
    single_quotes: str


class _Patterns(NamedTuple):
    """A language's rules compiled (once per process, on first use)."""

    marks: regex.Pattern[str] | None
    elision: regex.Pattern[str]
    spaceless: regex.Pattern[str]
    quotes: regex.Pattern[str]
    plain: regex.Pattern[str]
    letter: regex.Pattern[str]
    #: wordfreq's word boundaries are Unicode's (UAX #29), as the regex module finds them
    boundary: regex.Pattern[str]


@lru_cache(maxsize=64)
def _compiled(rules: Rules) -> _Patterns:
    """The rules' patterns, compiled."""
    return _Patterns(
        regex.compile(rules.marks, regex.V1) if rules.marks else None,
        regex.compile(rf"(\w\w?)'(?={rules.vowels})", regex.V1 | regex.WORD),
        regex.compile(f"[{rules.spaceless}]", regex.V1),
        regex.compile(rules.single_quotes, regex.V1),
        regex.compile(PLAIN, regex.V1),
        regex.compile(r"\p{L}", regex.V1),
        regex.compile(r"\b", regex.V1 | regex.WORD),
    )


def tokens(word: str, rules: Rules) -> list[str] | None:
    """The tokens wordfreq looks up for `word`, or None when only wordfreq can say.

    As wordfreq: the language's normal form, abjad marks dropped, case folded,
    then split at word boundaries (UAX #29: a hyphen is one, an apostrophe
    between letters is not), an elided article of one or two letters before a
    vowel split off ("l'arc" -> "l", "arc"), apostrophes at a token's ends
    dropped, curly apostrophes made straight. Words with anything but letters,
    marks, apostrophes and hyphens, or with a letter of a script written
    without spaces, give None.
    """
    if word.isascii() and word.isalpha() and not rules.dotless_i:
        return [word.lower()]  # what every step below makes of ASCII letters: most words asked
    p = _compiled(rules)
    text = unicodedata.normalize(rules.normal_form, word)
    if p.marks is not None:
        text = p.marks.sub("", text)
    if rules.dotless_i:
        text = unicodedata.normalize("NFC", text).replace("İ", "i").replace("I", "ı").casefold()
    else:
        text = text.casefold()
    if rules.diacritics_under == "commas":
        text = text.replace("ş", "ș").replace("ţ", "ț")
    elif rules.diacritics_under == "cedillas":
        text = text.replace("ș", "ş").replace("ț", "ţ")
    text = unicodedata.normalize("NFC", text)
    if not text:
        return []
    if not p.plain.fullmatch(text) or p.spaceless.search(text):
        return None
    found: list[str] = []
    for piece in text.split("-"):
        piece = piece.strip(_APOSTROPHES)
        while m := p.elision.match(piece):
            found.append(m[1])
            piece = piece[m.end(1) + 1:]
        if not piece:
            continue
        if not p.letter.match(piece) or [
            b.start() for b in p.boundary.finditer(piece)
        ] != [0, len(piece)]:
            return None  # a break inside, or a doubled apostrophe: wordfreq's own tokenizer
        found.append(p.quotes.sub("'", piece.casefold()))
    return found


def frequency_zipf(centibels: list[int]) -> float:
    """The Zipf frequency wordfreq gives a word whose tokens have these frequencies (see
    `_frequency_zipf`; a word of one token, most words asked, is remembered by its bucket)."""
    if len(centibels) == 1:
        return _one_token_zipf(centibels[0])
    return _frequency_zipf(centibels)


@cache
def _one_token_zipf(centibels: int) -> float:
    """`_frequency_zipf` of one token (wordfreq's list has some 900 buckets)."""
    return _frequency_zipf([centibels])


def _frequency_zipf(centibels: list[int]) -> float:
    """The Zipf frequency wordfreq gives a word whose tokens have these frequencies.

    Each token occurs 10^(-cB/100) of the time; tokens combine as 1/f = Σ 1/f_i;
    the result is rounded to three significant digits, then to 0.01 Zipf
    (wordfreq's `word_frequency` and `zipf_frequency`, the same operations in
    the same order, so the float is the same).
    """
    if not centibels:
        return round(math.log(_MINIMUM_FREQ, 10) + 9, 2)
    one_over = 0.0
    for cb in centibels:
        one_over += 1.0 / (10 ** (-cb / 100))
    unrounded = max(1.0 / one_over, _MINIMUM_FREQ)
    freq = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


# --- tables ----------------------------------------------------------------------------


class Table:
    """One language's word list: the frequency (centibels below 1) of each token it holds.

    Backed by the SQLite file in the cache (`path`), or by a dict in memory
    when the cache cannot be written. `source` is the language of the wordfreq
    list it holds: the language asked for, or the one wordfreq takes as nearest
    when it has no list of that language ("la" is answered from "it", "cy" from
    "en", as `wordfreq.zipf_frequency` does).
    """

    def __init__(self, rules: Rules, source: str, path: Path | None = None,
                 words: dict[str, int] | None = None) -> None:
        self.rules = rules
        self.source = source
        self.path = path
        self._words = words
        #: connections by (process, thread): one is never shared across a fork or a thread
        self._db: dict[tuple[int, int], sqlite3.Connection] = {}

    def centibels(self, token: str) -> int | None:
        """The token's bucket in wordfreq's list (its frequency is 10^(-cB/100)), or None."""
        if self._words is not None:
            return self._words.get(token)
        key = (os.getpid(), threading.get_ident())
        db = self._db.get(key)
        if db is None:
            db = self._db[key] = _connect(self.path)
        row = db.execute("SELECT cb FROM words WHERE word = ?", (token,)).fetchone()
        return row[0] if row else None

    def zipf(self, word: str) -> float | None:
        """The word's Zipf frequency, or None when only wordfreq can say (see `tokens`)."""
        found = tokens(word, self.rules)
        if found is None:
            return None
        if not found:
            return frequency_zipf([])
        buckets = [self.centibels(token) for token in found]
        if any(b is None for b in buckets):
            return frequency_zipf([])
        return frequency_zipf(buckets)  # type: ignore[arg-type]


def _connect(path: Path | None) -> sqlite3.Connection:
    """A read-only connection to a table file (immutable: it is replaced, never changed)."""
    import sqlite3  # loaded on first use: most books never ask the word list

    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)


def table_path(lang: str) -> Path:
    """Where the table of a language is kept in the user's cache."""
    from edition.check.schema import cache_dir

    return cache_dir() / f"wordfreq-{WORDFREQ_VERSION}" / f"{lang}.sqlite"


def _open(path: Path) -> Table | None:
    """The table in `path`, or None when there is none (or it is not one of this format)."""
    import json
    import sqlite3

    if not path.is_file():
        return None
    try:
        db = _connect(path)
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("format") != str(TABLE_FORMAT):
            return None
        table = Table(Rules(**json.loads(meta["rules"])), meta["list"], path)
        table._db[(os.getpid(), threading.get_ident())] = db
        return table
    except (sqlite3.Error, KeyError, TypeError, ValueError):
        return None


def _from_wordfreq(lang: str) -> tuple[Rules, dict[str, int], str] | str:
    """wordfreq's rules and list for `lang`, or why there are none here ("delegate": only
    wordfreq can tokenize the language; "none": wordfreq has no list for it)."""
    import langcodes
    import wordfreq
    from ftfy.chardata import SINGLE_QUOTE_RE
    from wordfreq.language_info import get_language_info
    from wordfreq.preprocess import MARK_RE
    from wordfreq.tokens import INITIAL_VOWEL_EXPR, SPACELESS_EXPR

    available = wordfreq.available_languages("best")
    best, _ = langcodes.closest_match(lang, list(available), max_distance=60)
    if best == "und":
        return "none"
    info = get_language_info(lang)
    if info["tokenizer"] != "regex" or info["transliteration"] or info["lookup_transliteration"]:
        return "delegate"
    rules = Rules(info["normal_form"], MARK_RE.pattern if info["remove_marks"] else None,
                  bool(info["dotless_i"]), info["diacritics_under"], INITIAL_VOWEL_EXPR,
                  SPACELESS_EXPR, SINGLE_QUOTE_RE.pattern)
    words: dict[str, int] = {}
    for index, bucket in enumerate(wordfreq.read_cBpack(available[best])):
        for word in bucket:
            words[word] = index  # a word listed twice keeps its last bucket, as in wordfreq
    return rules, words, best


def _write(path: Path, rules: Rules, words: dict[str, int], source: str) -> None:
    """Write a table file under a temporary name, then rename it into place (atomic)."""
    import json
    import sqlite3

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID")
            db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, cb INTEGER NOT NULL) "
                       "WITHOUT ROWID")
            db.executemany("INSERT INTO meta VALUES (?, ?)", [
                ("format", str(TABLE_FORMAT)), ("wordfreq", WORDFREQ_VERSION), ("list", source),
                ("rules", json.dumps(rules._asdict()))])
            db.executemany("INSERT INTO words VALUES (?, ?)", sorted(words.items()))
            db.commit()
        finally:
            db.close()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


# --- the word list of a language ------------------------------------------------------------

#: Languages asked for whose word list could not be had, with the reason (for `notice`).
_missing: dict[str, str] = {}


def _tag(lang: str) -> str | None:
    """A language tag as a file name: lower case, hyphens; None for anything else."""
    tag = lang.strip().replace("_", "-").lower()
    return tag if LANG_TAG.fullmatch(tag) else None


@cache
def lexicon(lang: str) -> Table | str | None:
    """The word list of a language: a Table; "wordfreq" when only wordfreq itself can answer
    for this language; None when there is none (wordfreq has no list for the language, or
    cannot be imported and no table was cached: then every word is absent)."""
    tag = _tag(lang)
    if tag is None:
        return None
    path = table_path(tag)
    table = _open(path)
    if table is not None:
        return table
    try:
        made = _from_wordfreq(tag)
    except (ImportError, OSError, ValueError) as err:  # not installed, or its data unreadable
        _missing[tag] = f"wordfreq cannot be imported ({type(err).__name__}: {err})"
        return None
    if made == "none":
        return None
    if made == "delegate":
        return "wordfreq"
    import sqlite3

    rules, words, source = made
    try:
        _write(path, rules, words, source)
    except (OSError, sqlite3.Error):
        return Table(rules, source, words=words)  # a cache that cannot be written: this process
    return _open(path) or Table(rules, source, words=words)


def _ask_wordfreq(word: str, lang: str) -> float:
    """wordfreq's own answer, for what the table cannot tokenize; absent when it cannot."""
    try:
        from wordfreq import zipf_frequency

        return float(zipf_frequency(word, lang))
    except Exception as err:  # not importable, no list, or a tokenizer (MeCab, jieba) missing
        _missing.setdefault(lang, f"wordfreq cannot answer ({type(err).__name__}: {err})")
        return ABSENT


@lru_cache(maxsize=1 << 16)
def zipf(word: str, lang: str = "en") -> float:
    """The word's Zipf frequency in the language's word list: log10 of its occurrences per
    10^9 words, 0.0 for a word absent from it; exactly `wordfreq.zipf_frequency(word, lang)`.

    `lang` is an ISO 639-1 code or a BCP 47 tag ("en", "fr", "pt-BR"). Without a word list
    for the language (see `lexicon`) every word is absent.
    """
    table = lexicon(lang)
    if table is None:
        return ABSENT
    if table == "wordfreq":
        return _ask_wordfreq(word, lang)
    value = table.zipf(word)  # type: ignore[union-attr]
    return _ask_wordfreq(word, lang) if value is None else value


def available(lang: str = "en") -> bool:
    """True when words of this language can be looked up (a table, or wordfreq itself)."""
    return lexicon(lang) is not None


def notice(langs: Iterable[str] = ("en",)) -> str | None:
    """One line for the user when the word list was wanted and could not be had: for the
    languages asked in this process, or else for `langs` (wordfreq not installed and no
    table cached). None when there is nothing to say."""
    from importlib.util import find_spec

    missing = dict(_missing)
    if not missing and find_spec("wordfreq") is None:
        missing = {t: "wordfreq is not installed" for lang in langs
                   if (t := _tag(lang)) and not table_path(t).is_file()}
    if not missing:
        return None
    reason = sorted(set(missing.values()))[0]
    return (f"no word list for {', '.join(sorted(missing))}: {reason}; line-end hyphens are "
            f"decided by each book's own spellings and affixes only "
            f"(pip install 'wordfreq=={WORDFREQ_VERSION}')")
