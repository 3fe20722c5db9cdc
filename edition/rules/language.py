"""The language of a book, and of a passage in another language inside it.

Detection is CLD3, Google's Compact Language Detector v3 (the `cld3-py`
bindings, Apache-2.0): a small neural network over character n-grams, 107
languages, no download at run time, the same answer for the same text every
time. It was chosen over lingua, langid/py3langid, langdetect, fastText and
CLD2 for its start-up: about 2 ms and 14 MiB, where all but CLD2 need 0.16 to
24 seconds and 36 to 900 MiB to load their models, more than a whole build
takes; and it is clearly more accurate than CLD2 on short, noisy text, and
close to the best on passages of 100 letters and more.

`book_language(text)` reads a few evenly spaced windows of the text (a
300-page book is not read whole) and lets them vote. `passage_language(text,
main)` names another language only for a passage long enough to be detected
reliably (`PASSAGE_MIN_LETTERS`). The `code` of a result is what the word list
takes (`edition.rules.lexicon.zipf(word, lang)`); its `tag` is for `xml:lang`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

#: Windows of the text a book's language is voted on (evenly spaced over the whole text).
SAMPLE_WINDOWS = 12
#: Characters in a window (cut at a space): about a page, enough for CLD3 to be sure of a
#: language (its accuracy on noisy text stops rising at about 200 letters; see below).
WINDOW_CHARS = 1200
#: Bytes CLD3 reads of a text (it ignores the rest); a window in a non-Latin script takes up
#: to 3 bytes a character.
MAX_BYTES = 4 * WINDOW_CHARS
#: Fewest letters a passage needs before its language is told apart from the book's. Chosen
#: by measurement: 10,000 passages of each length cut from four English OCR scans (Persuasion,
#: Emerson's Representative Men, Reid's The Vee-Boers, Finley's Mildred Keith) and 1,400 of
#: translated text in 14 languages with 3% simulated OCR errors. At 100 letters no English
#: passage was called another language (the only hits were genuine Latin quotations), and
#: 96.7% of the foreign ones were found; at 80 letters one English passage in 10,000 was
#: called German, at 50 letters 0.2% were called something else.
PASSAGE_MIN_LETTERS = 100
#: Probability CLD3 must give a passage's language (its own "reliable" is 0.7; at 0.9 the false
#: alarms above halve, in the same measurement, for 1 point less found).
PASSAGE_MIN_PROBABILITY = 0.9
#: Share of a text's visible characters that must be letters for it to be detected at all:
#: OCR of engravings, rules and tables ("., ' : .i •") is otherwise taken for some language.
MIN_LETTER_SHARE = 0.75
#: Language subtags CLD3 still gives in their withdrawn ISO 639 form, and the current one.
LEGACY = {"iw": "he", "ji": "yi", "in": "id", "jw": "jv"}
#: Characters of a long passage read first: when they are in the book's language the passage
#: is taken to be too, and the rest is not read (CLD3 costs about 0.3 µs a byte, and a
#: 300-page book is 0.5 to 0.8 MB of text; the probe keeps the check under 0.1 s a book).
PROBE_CHARS = 300
#: English names of the languages CLD3 detects (ISO 639 reference names), for `langUsage`.
NAMES = {
    "af": "Afrikaans", "am": "Amharic", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali",
    "bs": "Bosnian", "ca": "Catalan", "ceb": "Cebuano", "co": "Corsican", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "fi": "Finnish", "fil": "Filipino", "fr": "French", "fy": "Western Frisian", "ga": "Irish",
    "gd": "Scottish Gaelic", "gl": "Galician", "gu": "Gujarati", "ha": "Hausa",
    "haw": "Hawaiian", "he": "Hebrew", "hi": "Hindi", "hmn": "Hmong", "hr": "Croatian",
    "ht": "Haitian Creole", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian",
    "ig": "Igbo", "is": "Icelandic", "it": "Italian", "ja": "Japanese", "jv": "Javanese",
    "ka": "Georgian", "kk": "Kazakh", "km": "Khmer", "kn": "Kannada", "ko": "Korean",
    "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin", "lb": "Luxembourgish", "lo": "Lao",
    "lt": "Lithuanian", "lv": "Latvian", "mg": "Malagasy", "mi": "Maori", "mk": "Macedonian",
    "ml": "Malayalam", "mn": "Mongolian", "mr": "Marathi", "ms": "Malay", "mt": "Maltese",
    "my": "Burmese", "ne": "Nepali", "nl": "Dutch", "no": "Norwegian", "ny": "Chichewa",
    "pa": "Punjabi", "pl": "Polish", "ps": "Pashto", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sd": "Sindhi", "si": "Sinhala", "sk": "Slovak", "sl": "Slovenian",
    "sm": "Samoan", "sn": "Shona", "so": "Somali", "sq": "Albanian", "sr": "Serbian",
    "st": "Southern Sotho", "su": "Sundanese", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil",
    "te": "Telugu", "tg": "Tajik", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian",
    "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese", "xh": "Xhosa", "yi": "Yiddish",
    "yo": "Yoruba", "zh": "Chinese", "zu": "Zulu",
}
#: A letter (combining marks belong to their letter and are not counted).
LETTER = regex.compile(r"\p{L}")


@dataclass(frozen=True, slots=True)
class Language:
    """A detected language.

    `code`: ISO 639-1 ("de"), or ISO 639-2/3 for a language without one ("fil"),
    as BCP 47 takes them; "und" when undetermined. `tag`: a BCP 47 tag for
    `xml:lang` ("de"; "ru-Latn" for Russian in Latin letters). `name`: the
    English name, for `langUsage/language`. `confidence`: 0.0 to 1.0, the share
    of the sampled text CLD3 gave this language, weighted by its probability.
    """

    code: str
    tag: str
    name: str
    confidence: float


UNDETERMINED = Language("und", "und", "Undetermined", 0.0)


@cache
def _identifier() -> Any:
    """The CLD3 network (loaded once per process, in about 2 ms)."""
    import gcld3

    return gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=MAX_BYTES)


def _letters(text: str) -> tuple[int, float]:
    """The number of letters in a text, and their share of its visible characters."""
    letters = len(LETTER.findall(text))
    visible = len("".join(text.split()))
    return letters, letters / visible if visible else 0.0


def _detect(text: str) -> tuple[str, float]:
    """CLD3's language tag for a text (legacy subtags made current) and its probability."""
    result = _identifier().FindLanguage(text=text)
    if result.language == "und":
        return "und", 0.0
    primary, _, script = result.language.partition("-")
    primary = LEGACY.get(primary, primary)
    return (f"{primary}-{script}" if script else primary), float(result.probability)


def _language(tag: str, confidence: float) -> Language:
    """The Language a tag names."""
    code = tag.partition("-")[0]
    name = NAMES.get(code, code)
    if tag != code:
        name = f"{name} (Latin script)" if tag.endswith("-Latn") else name
    return Language(code, tag, name, round(confidence, 3))


def _windows(text: str) -> list[str]:
    """Up to SAMPLE_WINDOWS windows of WINDOW_CHARS, evenly spaced, each cut at spaces."""
    if len(text) <= SAMPLE_WINDOWS * WINDOW_CHARS:
        starts = range(0, len(text), WINDOW_CHARS)
    else:
        step = (len(text) - WINDOW_CHARS) / (SAMPLE_WINDOWS - 1)
        starts = (int(k * step) for k in range(SAMPLE_WINDOWS))
    windows = []
    for start in starts:
        window = text[start:start + WINDOW_CHARS]
        if start and (space := window.find(" ")) >= 0:
            window = window[space + 1:]  # no word cut at the start
        if start + WINDOW_CHARS < len(text) and (space := window.rfind(" ")) > 0:
            window = window[:space]  # nor at the end
        windows.append(" ".join(window.split()))
    return windows


def book_language(text: str) -> Language:
    """The main language of a book's text (any length; a long one is sampled).

    Each window with enough letters (`MIN_LETTER_SHARE`) votes for CLD3's
    language with weight letters × probability; the language with the most
    weight wins, its confidence the share of all windows' letters it holds.
    UNDETERMINED when no window has letters enough to vote.
    """
    votes: dict[str, float] = {}
    total = 0
    for window in _windows(text):
        letters, share = _letters(window)
        if not letters or share < MIN_LETTER_SHARE:
            continue
        total += letters
        tag, probability = _detect(window)
        if tag != "und":
            votes[tag] = votes.get(tag, 0.0) + letters * probability
    if not votes:
        return UNDETERMINED
    tag = max(sorted(votes), key=votes.__getitem__)  # ties go to the first tag in order
    return _language(tag, votes[tag] / total)


def _same(tag: str, main: str) -> bool:
    """Whether a detected tag names the main language (a code or tag)."""
    main_code = main.replace("_", "-").partition("-")[0].lower()
    return tag.partition("-")[0] == LEGACY.get(main_code, main_code)


def _probe(flat: str) -> str:
    """The first PROBE_CHARS of a passage, cut at a space."""
    if len(flat) <= 2 * PROBE_CHARS:
        return ""
    cut = flat.rfind(" ", 0, PROBE_CHARS)
    return flat[:cut if cut > 0 else PROBE_CHARS]


#: Share of a passage's words among the book's COMMON_WORDS most frequent words, from which it
#: is taken to be in the book's language without asking CLD3 (an English paragraph has 40 to
#: 55 % of "the, of, and, to ..."; a Latin or Italian one quoted in an English book under 10 %).
COMMON_SHARE = 0.25
#: The most frequent words of the book that COMMON_SHARE counts, those of them at least
#: COMMON_ZIPF in the book's language by the word list (so that a book's own passages in
#: another language do not make their words common: French "de" and "la" are 5.2 and 5.1 in
#: English, "the" 7.7, "was" 6.8).
COMMON_WORDS = 100
COMMON_ZIPF = 5.5
#: A word, for COMMON_SHARE.
WORD = regex.compile(r"\p{L}+")
#: A byte table keeping ASCII letters and making every other byte a space: the words of an
#: ASCII text are those of its translation split at spaces.
_ASCII_LETTERS = bytes(c if chr(c).isalpha() and c < 128 else 32 for c in range(256))
#: The characters other than ASCII that most often keep an English passage from being ASCII
#: in the dev corpus's scans, none of them a letter: dashes, curly quotes, bullets, specks
#: ("■"), guillemets (the OCR's reading of specks), the pound sign.
_NON_LETTERS = "—’“”‘•■«»£"


def in_book_language(text: str, common: frozenset[str]) -> bool:
    """Whether a passage is evidently in the book's language: COMMON_SHARE of its words or
    more are among the book's most frequent (`common`, lower case)."""
    low = text.lower()
    if not low.isascii():  # a dash or a curly quote: no letter, as good as a space to WORD
        for mark in _NON_LETTERS:
            if mark in low:
                low = low.replace(mark, " ")
    if low.isascii():  # most passages: the same words as WORD finds, at half the cost
        words = low.encode().translate(_ASCII_LETTERS).decode().split()
    else:
        words = WORD.findall(low)
    return bool(words) and sum(map(common.__contains__, words)) >= COMMON_SHARE * len(words)


def passage_language(text: str, main: str) -> str | None:
    """The BCP 47 tag of a passage's language when it is not `main` (a code or tag) and the
    passage is long enough to say so reliably (at least PASSAGE_MIN_LETTERS letters, mostly
    letters, CLD3 probability at least PASSAGE_MIN_PROBABILITY); otherwise None. A passage
    longer than twice PROBE_CHARS whose first PROBE_CHARS read as `main` is `main`."""
    letters, share = _letters(text)
    if letters < PASSAGE_MIN_LETTERS or share < MIN_LETTER_SHARE:
        return None
    flat = " ".join(text.split())
    probe = _probe(flat)
    if probe and _same(_detect(probe)[0], main):
        return None
    tag, probability = _detect(flat)
    if tag == "und" or probability < PASSAGE_MIN_PROBABILITY or _same(tag, main):
        return None
    return tag
