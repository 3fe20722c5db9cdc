"""A transcription's paragraphs, chapter headings and verse lines.

Two shapes of transcription are read, told apart by their line length:

- hard-wrapped (Project Gutenberg: lines of about 70 characters): paragraphs are separated by
  blank lines; indentation marks block quotations, letters and verse;
- one line per paragraph (the ECCO-TCP text of the dev corpus, as its collector cleaned it:
  median line over `UNWRAPPED_LINE` characters): every line is a paragraph and opens with a
  space; a blank line is a page break of the print, and a line after it that does not open
  with a space continues the paragraph the page broke.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

import regex

from measure.words import words

#: Median length of non-blank lines above which a transcription has one line per paragraph
#: (Project Gutenberg wraps at 70-75 characters; the ECCO-TCP text's paragraphs are 500+).
UNWRAPPED_LINE = 200
#: Leading spaces from which a hard-wrapped line is indented (Project Gutenberg indents block
#: quotations, letters, verse and contents by 2 or more; body paragraphs and headings by none).
INDENT = 2
#: A heading is at most this many words and characters (the longest in the dev corpus:
#: "VI. NAPOLEON; OR, THE MAN OF THE WORLD." has 8 words).
HEADING_WORDS = 12
HEADING_CHARS = 80
#: Words that head a division ("CHAPTER I", "Chap. XI.", "LETTER II", "BOOK III").
LABELS = ("chapter", "chap", "letter", "book", "part", "essay", "sermon", "lecture", "canto",
          "section", "chapitre", "livre", "kapitel", "buch", "teil", "capitulo", "capitolo",
          "thesis", "act", "scene", "dialogue", "epistle", "stave")
#: Number words after a label ("CHAPTER TWENTY ONE.", "Chapter Twenty-first.").
NUMBER_WORDS = regex.compile(
    r"(?i)^(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)[\s-]*)?"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|first|second|"
    r"third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
    r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|"
    r"fortieth|fiftieth|last)?\.?$"
)
ROMAN = regex.compile(r"(?i)^(?=[ivxlcdm])m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})\.?$")
ARABIC = regex.compile(r"^\d{1,3}\.?$")
#: Closing lines that stand alone in capitals but open nothing.
CLOSING = regex.compile(r"(?i)^(?:the\s+)?end\b|^finis\b")
#: Prose that follows a heading: a paragraph not indented of this many words or more.
PROSE_WORDS = 15
#: Paragraphs after a heading searched for prose: the first, or the one after an epigraph
#: (a title page's imprint and repeated title put prose further off).
PROSE_WITHIN = 2
#: The same after a label word ("LETTER II" / "To a lady." / "RATZEBURG." / prose).
LABEL_PROSE_WITHIN = 4
#: Blank lines before a title in capitals with no label for it to be a heading: Project
#: Gutenberg sets headings apart by two or more ("PLATO: NEW READINGS", "PREFACE."); a caps
#: line after a single blank is a dateline or a salutation ("RATZEBURG.").
TITLE_SPACE = 2
#: A verse line of a hard-wrapped transcription: indented, in a block of indented lines whose
#: median length (stripped) is under VERSE_MEDIAN (Project Gutenberg wraps indented prose at
#: about 66 characters; verse lines are rarely over 50).
VERSE_MEDIAN = 50


@dataclass(slots=True)
class Paragraph:
    """A paragraph of the transcription: its lines, whether indented, its span of words."""

    lines: list[str]
    indented: bool
    blank_before: int = 0  # blank lines before it (hard-wrapped transcriptions)
    start: int = 0  # first word in the transcription's word sequence
    end: int = 0  # one past its last word

    @property
    def text(self) -> str:
        """The paragraph on one line, spaces collapsed."""
        return " ".join(" ".join(self.lines).split())


@dataclass(slots=True)
class Heading:
    """A division heading of the transcription: its paragraphs' text and span of words."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Transcription:
    """A transcription read into paragraphs, words, headings and a count of verse lines."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    verse_lines: int = 0
    wrapped: bool = True
    #: the gaps at the ends of set lines (`set_lines`) inside a paragraph, as the word the
    #: line ends with: a verse line's or a list item's end
    line_ends: set[int] = field(default_factory=set)

    def boundaries(self) -> set[int]:
        """Paragraph boundaries as the word each paragraph ends with (the gap after it)."""
        return {p.end - 1 for p in self.paragraphs if p.end > p.start}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def split_paragraphs(text: str) -> tuple[list[Paragraph], bool]:
    """The paragraphs of a transcription, and whether it is hard-wrapped (module docstring)."""
    lines = text.splitlines()
    lengths = [len(ln) for ln in lines if ln.strip()]
    wrapped = not lengths or statistics.median(lengths) <= UNWRAPPED_LINE
    out: list[Paragraph] = []
    if wrapped:
        block: list[str] = []
        blanks = before = 0
        for line in [*lines, ""]:
            if line.strip():
                if not block:
                    before = blanks
                block.append(line.rstrip())
                blanks = 0
            else:
                blanks += 1
                if block:
                    out.append(Paragraph(block, all(_indent(ln) >= INDENT for ln in block),
                                         before))
                    block = []
        return out, wrapped
    after_blank = False
    for line in lines:
        if not line.strip():
            after_blank = True
            continue
        if after_blank and out and not line[:1].isspace():
            out[-1].lines.append(line.strip())
        else:
            out.append(Paragraph([line.strip()], False))
        after_blank = False
    return out, wrapped


def _is_numeral(token: str) -> bool:
    return bool(ROMAN.match(token) or ARABIC.match(token) or NUMBER_WORDS.match(token))


def heading_kind(p: Paragraph) -> str:
    """"label word" for a paragraph that is a division heading by its label word ("CHAPTER I",
    "Chapter Twenty-first."), "label" by a number ("THESIS IV", "IV.", "I. USES OF GREAT
    MEN."), "title" for a short
    title in capitals ("ON THE KAROO."), "" otherwise. Indented paragraphs (quoted letters'
    headings, verse titles, contents) and paragraphs opening with a quotation mark are none."""
    text = p.text
    if (p.indented or len(p.lines) > 2 or not text or len(text) > HEADING_CHARS
            or len(text.split()) > HEADING_WORDS or text[0] in "\"“‘'[(" or CLOSING.match(text)):
        return ""
    tokens = text.replace("-", " ").split()
    first = tokens[0].strip(".:,").lower()
    rest = " ".join(tokens[1:])
    if first in LABELS and (not rest or _is_numeral(tokens[1].strip(".:,")) or rest.isupper()):
        return "label word"
    if len(tokens) == 2 and tokens[0][:1].isupper() and _is_numeral(tokens[1]):
        return "label"  # "THESIS IV", "Sonnet 2": a word and a number alone
    if ROMAN.match(tokens[0].strip(",:")) and tokens[0].isupper() and (not rest or rest.isupper()):
        return "label"  # "IV." or "I. USES OF GREAT MEN."
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters):
        return "title"
    return ""


def _is_prose(p: Paragraph, indented: bool) -> bool:
    """Prose after a heading: `PROSE_WORDS` words or more, not a heading; indented only when
    `indented` (a chapter may open with a quoted letter; a title page's list of books is
    indented too)."""
    return (indented or not p.indented) and p.end - p.start >= PROSE_WORDS \
        and not heading_kind(p)


def find_headings(paragraphs: list[Paragraph]) -> list[Heading]:
    """Division headings: a label paragraph with the title paragraphs around it ("MILDRED
    KEITH." / "Chapter First.", "CHAPTER ONE." / "ON THE KAROO."), or a title paragraph
    alone, set apart by `TITLE_SPACE` blank lines; two labels in a row ("BOOK I" /
    "CHAPTER I") are two headings. Each is followed by prose (`_is_prose`) within
    `LABEL_PROSE_WITHIN` paragraphs after a label word (a letter's address and dateline come
    first), within `PROSE_WITHIN` and not indented after any other heading; so title pages,
    contents and lists of books are not headings."""
    kinds = [heading_kind(p) for p in paragraphs]
    out: list[Heading] = []
    k = 0
    while k < len(paragraphs):
        if not kinds[k]:
            k += 1
            continue
        group = [k]
        apart = kinds[k].startswith("label") or k == 0 \
            or paragraphs[k].blank_before >= TITLE_SPACE
        if not apart:  # a title line not set apart (a byline, a dateline): no heading
            k += 1
            continue
        if kinds[k] == "title" and k + 1 < len(paragraphs) and kinds[k + 1].startswith("label"):
            group.append(k + 1)  # a title over a label: "SATYRANE'S LETTERS" / "LETTER I"
        if kinds[group[-1]].startswith("label") and group[-1] + 1 < len(paragraphs) \
                and kinds[group[-1] + 1] == "title":
            group.append(group[-1] + 1)  # a label and its title: "CHAPTER ONE." / "ON THE KAROO."
        labelled = any(kinds[g] == "label word" for g in group)
        within = LABEL_PROSE_WITHIN if labelled else PROSE_WITHIN
        after = paragraphs[group[-1] + 1 : group[-1] + 1 + within]
        first, last = paragraphs[group[0]], paragraphs[group[-1]]
        if any(_is_prose(p, labelled) for p in after) and last.end > first.start:
            out.append(Heading(" / ".join(paragraphs[g].text for g in group), first.start,
                               last.end))
        k = group[-1] + 1
    return out


def set_lines(p: Paragraph) -> bool:
    """True for a paragraph whose lines are set as lines, not wrapped prose: an indented block
    of two or more lines whose median length is under `VERSE_MEDIAN` (quoted verse, a list of
    books, an advertisement's list of titles). Each of its lines is a line of the print, so a
    break the edition makes at one of them is a verse line's or a list item's end, not a false
    paragraph end (the paragraph figure leaves it out: `metrics.boundary_scores`)."""
    if not p.indented or len(p.lines) < 2:
        return False
    return statistics.median(len(ln.strip()) for ln in p.lines) < VERSE_MEDIAN


def count_verse(paragraphs: list[Paragraph]) -> int:
    """Verse lines, roughly: lines of indented blocks of two or more lines whose median length
    is under `VERSE_MEDIAN` (quoted verse in Project Gutenberg text), contents lines (ending
    in a page number) and lines in capitals excepted."""
    n = 0
    for p in paragraphs:
        if not set_lines(p):
            continue
        stripped = [ln.strip() for ln in p.lines]
        n += sum(1 for s in stripped if not s[-1:].isdigit() and not s.isupper())
    return n


def read_transcription(text: str) -> Transcription:
    """A transcription's paragraphs with their word spans, its headings and verse lines."""
    paragraphs, wrapped = split_paragraphs(text)
    out = Transcription(wrapped=wrapped)
    for p in paragraphs:
        p.start = len(out.words)
        lined = set_lines(p)
        for line in p.lines:
            out.words.extend(words(line))
            if lined and len(out.words) > p.start:
                out.line_ends.add(len(out.words) - 1)
        p.end = len(out.words)
    out.paragraphs = [p for p in paragraphs if p.end > p.start]
    out.line_ends -= out.boundaries()
    out.headings = find_headings(out.paragraphs)
    out.verse_lines = count_verse(out.paragraphs) if wrapped else 0
    return out
