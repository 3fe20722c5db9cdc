"""OCR noise from plates, illustrations and blank pages: not text, recognised by its shape.

A plate or a blank leaf gives the OCR specks and shadows to read: runs of
isolated letters and symbols ("i i i v if i is i h", ".v. .-..> tt . t r"), or
a stray letter alone on a page. Such a line is removed and recorded.
"""

from __future__ import annotations

import regex

from edition.model import Edit, Line, Page, Scan, line_edit
from edition.rules.geometry import Frame
from edition.rules.leaves import find_leaves
from edition.rules.lexicon import BookWords
from edition.rules.markup import strip_markup

RULE = "ocr-noise"
LEADER = "leader-dots"

#: A line of only leader dots or dashes (between a contents entry and its page number).
LEADERS = regex.compile(r"^[-–—_.•·… ]{1,40}$")

#: Tokens a line of isolated letters has at least.
MIN_TOKENS = 5
#: Mean token length at most, for a run of isolated letters.
MAX_MEAN_TOKEN = 1.6
#: Share of one-character tokens at least, for a run of isolated letters.
SINGLE_SHARE = 0.6
#: A line of at least this many characters with under `MIN_WORD_SHARE` letters and digits is
#: noise (but not a decorated page number, digits and dashes only).
MIN_SYMBOL_LINE = 5
MIN_WORD_SHARE = 0.4
#: A page holding only lines this short (and at most `STRAY_LINES` of them) holds specks.
STRAY_CHARS = 3
STRAY_LINES = 2
#: A page of at least this many lines, every one of them at most STRAY_CHARS long, is the
#: OCR's reading of a plate or a blank leaf, whatever the specks look like ("I", "D", "O",
#: "U" down a plate of The Vee-Boers; "'#", "s^", "1", "f]" on another).
PLATE_SPECKS = 3
#: What a stray speck may look like: letters or symbols, never a number.
STRAY = regex.compile(r"^[^\d\s]{1,3}$")


#: A line of a leaf after the text with figures and stops but no letter and no year (".9 1", a
#: due-date slip's debris): no text of the book ends it.
SLIP_FIGURES = regex.compile(r"^(?!.*\d{4})[\d\s.,:;'\-|]{1,8}$")


#: Three words of four letters or more: text, never noise (a quick test before the shape).
WORDY = regex.compile(r"\p{L}{4}.*?\p{L}{4}.*?\p{L}{4}")


def is_noise(text: str) -> bool:
    """True for a line shaped like OCR noise rather than text."""
    text = text.strip()
    if WORDY.search(text):
        return False
    tokens = text.split()
    if len(tokens) >= MIN_TOKENS:
        mean = sum(len(t) for t in tokens) / len(tokens)
        singles = sum(1 for t in tokens if len(t) == 1) / len(tokens)
        if mean <= MAX_MEAN_TOKEN and singles >= SINGLE_SHARE:
            return True
    decorated_number = any(c.isdigit() for c in text) and not any(c.isalpha() for c in text)
    if len(text) >= MIN_SYMBOL_LINE and not decorated_number:
        words = sum(1 for c in text if c.isalnum())
        return words < MIN_WORD_SHARE * len(text.replace(" ", ""))
    return False


#: Lines at the top and at the foot of a page where specks are looked for.
EDGE_TOP, EDGE_BOTTOM = 3, 2
#: A speck at the edge of a page: one or two characters, or three with a symbol, no digit.
EDGE_SPECK = regex.compile(r"^(?:[^\d\s]{1,2}|(?=.*[^\w\s])[^\d]{3}|[^\d\s]\s[^\w\s])$")
#: A speck at the foot of a preliminary page (title page, dedication): one character, no
#: digit, alone in its paragraph; such a page's own text ("OF", "AND") is at least two.
FOOT_SPECK = regex.compile(r"^[^\d\s]$")


def _foot_speck(page: Page, lines: list[Line]) -> int | None:
    """The start of a preliminary page's last line when it is a lone one-character speck
    (a blank line before it, see FOOT_SPECK), else None."""
    if len(lines) < 2 or not FOOT_SPECK.match(lines[-1].text.strip()):
        return None
    at = next(k for k, ln in enumerate(page.lines) if ln.start == lines[-1].start)
    return lines[-1].start if at and page.lines[at - 1].blank else None


#: Times a word must occur in the book to count as one of its words (a garbled line's
#: fragments occur once).
BOOK_WORD_MIN = 3
#: Characters no word and no title page holds: the OCR's reading of a bookplate's ornament or
#: a library's label ("^76'A1618aograph^arao,.B»g", "k 'X'&rfiii/y^.^").
GARBLE_MARK = regex.compile(r"[\^»«*/\\|~<>{}@#%_=+]")
#: Letters of a word, for the book's own counts.
LETTERS = regex.compile(r"\p{L}{3,}")


#: Marks no text holds a garbled line has at least, or its letters' share of its characters
#: at most ("Ox Irritatiox *", a contents entry with its note mark, is text).
GARBLE_MARKS = 2
GARBLE_LETTERS = 0.5


def garbled(text: str, book: BookWords) -> bool:
    """A line of an unnumbered leaf that is the OCR's reading of an ornament or a label: marks
    no text holds (GARBLE_MARK: GARBLE_MARKS of them, or one where letters are under
    GARBLE_LETTERS of its characters) and no word the book uses BOOK_WORD_MIN times."""
    text = strip_markup(text)  # an OCR pipeline's markup ("*by*" in italics) is no mark
    marks = len(GARBLE_MARK.findall(text))
    if not marks:
        return False
    visible = "".join(text.split())
    letters = sum(map(str.isalpha, visible))
    if marks < GARBLE_MARKS and letters >= GARBLE_LETTERS * len(visible):
        return False
    return not any(book[w] >= BOOK_WORD_MIN for w in LETTERS.findall(text))


def find_noise(scan: Scan, skip: set[int], first_body: int = 0,
               frames: dict[int, Frame] | None = None,
               book: BookWords | None = None) -> list[Edit]:
    """Edits removing noise lines, specks alone on otherwise empty pages, and specks at the
    top or foot of a body page (where only furniture stands; a title page's "OF" is text).

    On a page with line boxes (`frames`, see `edition.rules.geometry.page_frames`) the top and
    the foot are its head line and direction line, wherever the source lists them: a section's
    number "V." in the middle of the page is no speck at an edge. With the book's words
    (`book`), a line of a leaf before or after the text that is `garbled` is noise too."""
    edits: list[Edit] = []
    leaves = find_leaves(scan) if book is not None else None
    for page in scan.pages:
        unnumbered = leaves is not None and (leaves.preliminary(page.index)
                                             or leaves.final(page.index))
        lines = [ln for ln in page.content_lines() if ln.start not in skip]
        stray = (0 < len(lines) <= STRAY_LINES and all(
            STRAY.match(ln.text.strip()) for ln in lines)) or (
            len(lines) >= PLATE_SPECKS and all(len(ln.text.strip()) <= STRAY_CHARS
                                               for ln in lines))
        frame = frames.get(page.index) if frames else None
        ends = lines[:EDGE_TOP] + lines[-EDGE_BOTTOM:] if frame is None else [*frame.head,
                                                                             *frame.foot]
        edges = {ln.start for ln in ends} if len(lines) > 5 and page.index >= first_body \
            else set()
        foot = _foot_speck(page, lines) if page.index < first_body else None
        for line in lines:
            if LEADERS.match(line.text.strip()):
                edits.append(line_edit(LEADER, line, page.index, "leader dots or dashes"))
            elif stray or is_noise(line.text):
                edits.append(line_edit(RULE, line, page.index, ("speck alone on a page"
                                       if len(lines) <= STRAY_LINES else "specks only on the "
                                       "page (a plate or a blank leaf)") if stray
                                       else "isolated letters and symbols"))
            elif line.start in edges and EDGE_SPECK.match(line.text.strip()):
                edits.append(line_edit(RULE, line, page.index, "speck at the edge of the page"))
            elif line.start == foot:
                edits.append(line_edit(RULE, line, page.index,
                                       "one character alone at the foot of a preliminary page"))
            elif unnumbered and book is not None and garbled(line.text, book):
                edits.append(line_edit(RULE, line, page.index, "marks no text holds and no "
                                       "word of the book, on a leaf before or after the text"))
            elif (leaves is not None and leaves.final(page.index)
                  and SLIP_FIGURES.match(line.text.strip())):
                edits.append(line_edit(RULE, line, page.index, "figures and specks without a "
                                       "letter on a leaf after the text (a slip's debris)"))
        edits += _speck_runs(page, lines, {e.start for e in edits})
        edits += _beside_noise(page, lines, {e.start for e in edits})
    return edits


#: The longest line in a run of specks (a plate the OCR read inside a page of text).
RUN_SPECK_CHARS = 4
#: A mark of a speck: neither letter, digit, space nor a stop (a column of "I." "II." is text).
SPECK_MARK = regex.compile(r"[^\p{L}\p{N}\s.]")


def _speck_runs(page: Page, lines: list[Line], noise: set[int]) -> list[Edit]:
    """Runs of PLATE_SPECKS or more consecutive short lines (RUN_SPECK_CHARS at most), most
    of them holding a SPECK_MARK and under half a figure: a plate's OCR standing on a page of
    text ("^j^", "f]", "5^^^" down the plate facing a chapter's opening). A line already taken
    as noise or leaders ends a run: a contents page's column of page numbers is no run."""
    out: list[Edit] = []
    run: list[Line] = []
    for line in [*lines, None]:
        if line is not None and 0 < len(line.text.strip()) <= RUN_SPECK_CHARS and (
                line.start + len(line.text) - len(line.text.lstrip()) not in noise):
            run.append(line)
            continue
        if len(run) >= PLATE_SPECKS:  # most lines end no run: nothing to count
            marked = sum(1 for ln in run if SPECK_MARK.search(ln.text))
            numbers = sum(1 for ln in run if any(c.isdigit() for c in ln.text))
            if 2 * marked > len(run) and 2 * numbers < len(run):
                out += [line_edit(RULE, ln, page.index, "a run of specks (a plate's OCR)")
                        for ln in run]
        run = []
    return out


#: A speck beside noise: a letter or two alone in its paragraph (blank lines around it).
BESIDE_SPECK = regex.compile(r"^[^\d\s]{1,2}$")


def _beside_noise(page: Page, lines: list[Line], noise: set[int]) -> list[Edit]:
    """Specks (BESIDE_SPECK) standing alone between blank lines next to a line already taken
    as noise: the rest of an illustration the OCR read inside a page of text."""
    def taken(line: Line) -> bool:
        return line.start + len(line.text) - len(line.text.lstrip()) in noise

    out: list[Edit] = []
    for k, line in enumerate(lines):
        if taken(line) or not BESIDE_SPECK.match(line.text.strip()):
            continue
        at = next(i for i, ln in enumerate(page.lines) if ln.start == line.start)
        apart = (at > 0 and page.lines[at - 1].blank and at + 1 < len(page.lines)
                 and page.lines[at + 1].blank)
        if apart and any(0 <= j < len(lines) and taken(lines[j]) for j in (k - 1, k + 1)):
            out.append(line_edit(RULE, line, page.index, "speck alone beside noise"))
    return out
