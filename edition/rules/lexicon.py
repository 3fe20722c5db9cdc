"""Word evidence for the hyphen rule: the book's own spellings first, then a lexicon.

`BookWords` counts every word form in the raw scan, hyphenated compounds
included, so "bureau-/crats" can be decided by "bureaucrats" elsewhere in the
same book. The general lexicon is wordfreq's English frequency list, loaded
only when the book itself has no evidence (it costs ~0.2 s to load).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from edition.rules.typography import normalise_text

#: A word form as counted in the book: letters, with inner hyphens or apostrophes.
WORD = regex.compile(r"\p{L}+(?:['’-]\p{L}+)*")

#: Characters counted at a time (cut at a line end, so no word is cut).
COUNT_CHUNK = 1 << 20


class BookWords:
    """How often each lower-cased word form occurs in a text (counted on first use)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._counts: Counter[str] | None = None

    def __getitem__(self, word: str) -> int:
        if self._counts is None:
            self._counts = Counter()
            text, pos = self._text, 0
            while pos < len(text):  # a chunk at a time, so a 60 MB scan is never copied whole
                end = text.find("\n", pos + COUNT_CHUNK)
                end = len(text) if end < 0 else end + 1
                self._counts.update(WORD.findall(normalise_text(text[pos:end]).lower()))
                pos = end
        return self._counts.get(word.lower(), 0)


@lru_cache(maxsize=4096)
def zipf(word: str, lang: str = "en") -> float:
    """The word's Zipf frequency in the general lexicon (0.0 for an unknown word)."""
    from wordfreq import zipf_frequency  # loaded lazily: most books never need it

    return float(zipf_frequency(word, lang))
