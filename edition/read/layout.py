"""Structured OCR (hOCR, ALTO, PAGE) into the page model: the raw text made of the source's words.

Each structured reader walks its format and hands this builder pages, text regions and lines
with their words and geometry. The builder writes the synthetic raw text every rule reads: a
line's words joined by single spaces, lines by a line feed, text regions by a blank line (so
that a region reads as a block, as a paragraph does in plain text), pages by a form feed. Each
`Line` keeps its raw span and its `Zone`, each `Page` its `Surface`.

Words are taken as the source gives them, with three recorded exceptions (`CharFix`, as for
plain text, at their offsets in the raw text): whitespace inside a word splits it (words are
joined by single spaces anyway); control and zero-width characters are removed
(`control-character`, `zero-width`, as `edition.read.characters` does for text); a soft hyphen
(U+00AD) is removed inside a line and read as the printed hyphen "-" at a line end, where an
engine writes it for the hyphen it saw (`soft-hyphen`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from edition.model import CharFix, Decoding, Line, Page, Scan, Surface, Zone
from edition.read.characters import _ANY_CHAR, _CHARS, _RULES

SOFT_HYPHEN = "\u00ad"
FORM_FEED = "\f"
#: Rule names of the word-level normalisations, as `CharFix.rule`.
SOFT_HYPHEN_RULE = "soft-hyphen"


def _clean(word: str, at: int, line_end: bool, fixes: list[CharFix]) -> str:
    """A word without control or zero-width characters, its soft hyphens removed (or read as
    "-" when it ends a line); each change recorded at raw offset `at` + its place in the word."""
    if not _ANY_CHAR.search(word) and SOFT_HYPHEN not in word:
        return word
    out: list[str] = []
    for k, ch in enumerate(word):
        if ch == SOFT_HYPHEN:
            if line_end and k == len(word) - 1:
                fixes.append(CharFix(SOFT_HYPHEN_RULE, at + len("".join(out)), ch, "-"))
                out.append("-")
            else:
                fixes.append(CharFix(SOFT_HYPHEN_RULE, at + len("".join(out)), ch, ""))
            continue
        m = _CHARS.fullmatch(ch)
        if m is not None and m.lastgroup != "space":
            fixes.append(CharFix(_RULES[m.lastgroup or "control"], at + len("".join(out)), ch, ""))
            continue
        out.append(ch)
    return "".join(out)


@dataclass(slots=True)
class ScanBuilder:
    """Builds a `Scan` page by page, region by region, line by line.

    Call `page()` for each page (in reading order), `region()` before each text region, and
    `line()` for each line; then `scan()`.
    """

    parts: list[str] = field(default_factory=list)
    pos: int = 0
    pages: list[Page] = field(default_factory=list)
    fixes: list[CharFix] = field(default_factory=list)
    full_words: dict[int, str] = field(default_factory=dict)
    _lines: list[Line] = field(default_factory=list)
    _surface: Surface | None = None
    _page_at: int = 0
    _new_region: bool = False
    _open: bool = False

    def _write(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def page(self, surface: Surface) -> None:
        """Begin a page (closing the one before it)."""
        self.end_page()
        if self.pages:
            self._write(FORM_FEED)
        self._surface = surface
        self._page_at = self.pos
        self._open = True
        self._new_region = False

    def region(self) -> None:
        """Begin a text region: its first line will stand after a blank line."""
        self._new_region = True

    def line(self, words: Iterable[str], zone: Zone | None, full_word: str = "") -> None:
        """Add a line of words (each may hold spaces: it is split at them); a line without
        words is left out. `full_word` is the engine's whole word for a hyphenated last word."""
        tokens = [w for word in words for w in word.split()]
        if not tokens:
            return
        if self._lines:
            if self._new_region:
                blank_at = self.pos + 1
                self._write("\n\n")
                self._lines.append(Line(blank_at, blank_at, ""))
            else:
                self._write("\n")
        self._new_region = False
        start = self.pos
        text = " ".join(tokens)
        if _ANY_CHAR.search(text) or SOFT_HYPHEN in text:  # else nothing to clean (most lines)
            cleaned: list[str] = []
            at = start
            for k, token in enumerate(tokens):
                if k:
                    at += 1
                word = _clean(token, at, k == len(tokens) - 1, self.fixes)
                cleaned.append(word)
                at += len(word)
            text = " ".join(w for w in cleaned if w)
        if not text:  # only invisible characters: the fixes recorded stand at this line's start
            return
        self._write(text)
        self._lines.append(Line(start, self.pos, text, zone))
        if full_word:
            self.full_words[self.pos - 1] = full_word

    def end_page(self) -> None:
        """Close the open page."""
        if not self._open:
            return
        lines = tuple(self._lines)
        index = len(self.pages)
        if lines:
            self.pages.append(Page(index, lines[0].start, lines[-1].end, lines, self._surface))
        else:
            self.pages.append(Page(index, self._page_at, self._page_at, (), self._surface))
        self._lines = []
        self._open = False

    def scan(self, name: str, convention: str, sha256: str, encoding: str, reason: str) -> Scan:
        """The finished scan. `reason` says how the source was read, for the teiHeader."""
        self.end_page()
        raw = "".join(self.parts)
        decoding = Decoding(encoding, False, reason, (), "", tuple(self.fixes))
        return Scan(name, raw, tuple(self.pages), convention, encoding, sha256, decoding,
                    self.full_words)


#: The largest coordinate taken from a source, in pixels (a page image 100,000 pixels wide is
#: more than any scanner makes; larger values, infinities and NaN are read as 0).
MAX_COORDINATE = 100_000.0


def number(value: str | None) -> float:
    """A coordinate or size from a source: 0 when absent, unreadable, not finite or beyond
    MAX_COORDINATE."""
    try:
        x = float(value) if value else 0.0
    except ValueError:
        return 0.0
    return x if -MAX_COORDINATE <= x <= MAX_COORDINATE else 0.0


def box_points(left: float, top: float, right: float, bottom: float) -> tuple[tuple[int, int], ...]:
    """The four corners of a box, clockwise from the top left, in whole pixels."""
    x0, y0, x1, y1 = round(left), round(top), round(right), round(bottom)
    return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))


def parse_points(text: str, scale: float = 1.0) -> tuple[tuple[int, int], ...]:
    """Polygon points from "x,y x,y ..." (PAGE) or "x y x y ..." (ALTO 2+ `POINTS`) text; an
    unreadable list gives no points."""
    numbers: list[float] = []
    for item in text.replace(",", " ").split():
        try:
            value = float(item)
        except ValueError:
            return ()
        if not -MAX_COORDINATE <= value <= MAX_COORDINATE:
            return ()
        numbers.append(value)
    if len(numbers) % 2 or len(numbers) < 6:
        return ()
    return tuple((round(numbers[k] * scale), round(numbers[k + 1] * scale))
                 for k in range(0, len(numbers), 2))


def digest_files(files: Iterable[tuple[str, bytes]]) -> str:
    """The sha256 of a source made of several files: of each file's name and digest, in the
    order given (a directory of page files, the page files of a METS file)."""
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()
