"""Where a line stands on its page: the geometry the furniture rules can weigh.

Structured OCR (hOCR, ALTO, PAGE) gives each line a box (`Line.zone`). Printed books set their
text in a print space; running heads and page numbers stand in a band above it, catchwords and
signature marks in a band below it, marginal notes in a column beside it, and a page number
often in an outer corner. These helpers answer those questions from the boxes alone, each with
a named threshold, so a rule can take geometry as evidence next to what the text says. Plain
text has no boxes: every helper then answers None or False, and a rule falls back on the text.

All boxes are (left, top, right, bottom) in pixels of the page image, y growing downwards.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import NamedTuple

from edition.model import Line, Page, Scan

#: A band at the top (or the foot) of the print space is this share of its height. In both
#: VD-SBB PAGE ground-truth sets (88 pages of two 17th-century prints) every running head and
#: page number ends within the top 4.2 % of the print space, and every catchword and signature
#: mark begins within its last 4.9 %; 6 % leaves room for a tilted scan. (The first and last
#: lines of the text stand in the bands too: a band is evidence, not a verdict.)
BAND_SHARE = 0.06
#: A corner is the outer share of the print space's width on either side: a page number set at
#: the outer edge of the head line stands there, a centred one does not.
CORNER_SHARE = 0.25
#: Lines at least this share of the widest line's width are full lines of the text column, from
#: which the column's edges are taken (short last lines of paragraphs and headings are not).
FULL_LINE_SHARE = 0.7
#: A line is in a margin column when it lies outside the text column by at least this share of
#: the column's width (a marginal note stands clear of the text, an indented line does not).
MARGIN_SHARE = 0.02


class Box(NamedTuple):
    """A rectangle in pixels."""

    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        """The box's width in pixels."""
        return self.right - self.left

    @property
    def height(self) -> int:
        """The box's height in pixels."""
        return self.bottom - self.top


def line_box(line: Line) -> Box | None:
    """A line's box, or None for a line without geometry."""
    if line.zone is None or not line.zone.points:
        return None
    return Box(*line.zone.box)


def _boxes(page: Page) -> list[Box]:
    """The boxes of a page's lines that have them."""
    return [box for line in page.content_lines() if (box := line_box(line)) is not None]


def print_space(page: Page) -> Box | None:
    """The print space of a page: the box round all its lines (None without line boxes)."""
    boxes = _boxes(page)
    if not boxes:
        return None
    return Box(min(b.left for b in boxes), min(b.top for b in boxes),
               max(b.right for b in boxes), max(b.bottom for b in boxes))


def text_column(page: Page) -> Box | None:
    """The page's main text column: the median left and right edges of its full lines (at least
    FULL_LINE_SHARE of the widest), from the print space's top to its bottom."""
    boxes = _boxes(page)
    space = print_space(page)
    if not boxes or space is None:
        return None
    widest = max(b.width for b in boxes)
    full = [b for b in boxes if b.width >= FULL_LINE_SHARE * widest]
    return Box(round(statistics.median(b.left for b in full)), space.top,
               round(statistics.median(b.right for b in full)), space.bottom)


def in_top_band(line: Line, space: Box | None) -> bool:
    """True when the line ends within the top BAND_SHARE of the print space's height."""
    box = line_box(line)
    if box is None or space is None or space.height <= 0:
        return False
    return box.bottom <= space.top + BAND_SHARE * space.height


def in_bottom_band(line: Line, space: Box | None) -> bool:
    """True when the line begins within the bottom BAND_SHARE of the print space's height."""
    box = line_box(line)
    if box is None or space is None or space.height <= 0:
        return False
    return box.top >= space.bottom - BAND_SHARE * space.height


def margin_side(line: Line, column: Box | None) -> str | None:
    """"left" or "right" when the line stands in a margin column beside the text column (clear
    of it by MARGIN_SHARE of its width), else None."""
    box = line_box(line)
    if box is None or column is None or column.width <= 0:
        return None
    gap = MARGIN_SHARE * column.width
    if box.right <= column.left - gap:
        return "left"
    if box.left >= column.right + gap:
        return "right"
    return None


def corner(line: Line, space: Box | None) -> str | None:
    """"top-left", "top-right", "bottom-left" or "bottom-right" when the line stands in a band
    of the print space and in its outer CORNER_SHARE on that side, else None."""
    box = line_box(line)
    if box is None or space is None or space.width <= 0:
        return None
    if in_top_band(line, space):
        vertical = "top"
    elif in_bottom_band(line, space):
        vertical = "bottom"
    else:
        return None
    if box.right <= space.left + CORNER_SHARE * space.width:
        return f"{vertical}-left"
    if box.left >= space.right - CORNER_SHARE * space.width:
        return f"{vertical}-right"
    return None


# --- the head line and the direction line of a page ---------------------------------------
#
# A hand-press or later book sets its furniture on two lines outside the text: the head line
# above it (running head, page number) and the direction line below it (signature mark,
# catchword; a page number in some books). Measured in the page's own line pitch, these are
# the page's top and bottom rows of text, whatever order the source lists its lines in.

#: Lines whose vertical centres lie within this many line pitches of the topmost (or the
#: lowest) line's centre stand on one row with it: a running head and the page number beside it,
#: a catchword and the signature mark beside it. In the VD-SBB PAGE sets a head and its page
#: number stand up to 0.39 pitches apart (a page number set a little lower than its head), a
#: catchword and its signature mark up to 0.45; the nearest line off the row stands 0.6 pitches
#: or more from it on every page of the six books of the sample formats with line boxes.
ROW_PITCHES = 0.5
#: A box taller than this many line pitches is no line of text (a shadow or a strip of noise
#: along the scan's edge, a picture read as text): it sets no row.
TALL_PITCHES = 3.0
#: Pages with fewer boxed lines than this get no frame (the text rules decide alone).
MIN_FRAME_LINES = 3
#: A token is at the left (right) of the text when its centre lies in the left (right) third of
#: the column's width, and centred between: a catchword stands at the right, a signature mark
#: at the centre or the right, a page number in a corner or the centre.
THIRD = 1 / 3
#: The column is the span of the full lines' left and right edges, leaving out this share at
#: each end (a marginal note run into a line, a line the OCR extended into a shadow).
EDGE_QUANTILE = 0.1


def line_pitch(boxes: list[Box]) -> float | None:
    """The page's line pitch in pixels: the median vertical distance between the centres of a
    line and the next line below it in the same column (the next box whose horizontal extent
    overlaps it by half the narrower's width); None with no such pair."""
    ordered = sorted(boxes, key=lambda b: b.top + b.bottom)
    gaps: list[float] = []
    for k, a in enumerate(ordered):
        for b in ordered[k + 1 :]:
            overlap = min(a.right, b.right) - max(a.left, b.left)
            if overlap >= 0.5 * min(a.width, b.width) and (b.top + b.bottom) > (a.top + a.bottom):
                gaps.append((b.top + b.bottom - a.top - a.bottom) / 2)
                break
    return statistics.median(gaps) if gaps else None


@dataclass(frozen=True, slots=True)
class Frame:
    """Where a page's furniture can stand, from its line boxes.

    `head` holds the lines of the page's top row (the head line), `foot` those of its bottom
    row (the direction line), each left to right; `column` is the text column (or the columns
    together); `pitch` the line pitch in pixels; `below_head` the leftmost line of the row
    under the head line (where the page's text begins, whatever the source's order). A line of
    the text can stand on either row (the first line of a page without a running head, the
    last lines of the columns beside a signature mark): a row is where furniture may stand,
    not a verdict.
    """

    head: tuple[Line, ...]
    foot: tuple[Line, ...]
    column: Box
    pitch: float
    below_head: Line | None = None

    def place(self, line: Line) -> str | None:
        """"top" for a line of the head line, "bottom" for one of the direction line, else
        None (the line stands among the text: never furniture by place)."""
        if any(ln.start == line.start for ln in self.head):
            return "top"
        if any(ln.start == line.start for ln in self.foot):
            return "bottom"
        return None

    def align(self, line: Line) -> str | None:
        """"left", "centre" or "right": where the line's centre lies across the column (see
        THIRD); None for a line without a box."""
        box = line_box(line)
        if box is None or self.column.width <= 0:
            return None
        share = ((box.left + box.right) / 2 - self.column.left) / self.column.width
        if share < THIRD:
            return "left"
        return "right" if share > 1 - THIRD else "centre"


def _middle(box: Box) -> float:
    """The vertical centre of a box."""
    return (box.top + box.bottom) / 2


def _row(boxed: list[tuple[Line, Box]], pitch: float, top: bool,
         column: Box | None = None) -> tuple[Line, ...]:
    """The lines on the top (or bottom) row of a page, left to right: those near the topmost
    (lowest) line with a letter or digit whose centre lies across the column (a marginal note
    reaching below the text, or a speck of punctuation, sets no row, though it may stand on
    one)."""
    edge = min if top else max
    inside = [b for ln, b in boxed if any(c.isalnum() for c in ln.text) and (
        column is None or column.left <= (b.left + b.right) / 2 <= column.right)]
    anchor = edge(_middle(b) for b in inside or [b for _, b in boxed])
    row = [(ln, b) for ln, b in boxed if abs(_middle(b) - anchor) <= ROW_PITCHES * pitch]
    return tuple(ln for ln, _ in sorted(row, key=lambda lb: lb[1].left))


def page_frame(page: Page) -> Frame | None:
    """The frame of one page (see `Frame`), or None for a page with fewer than
    MIN_FRAME_LINES boxed lines of text or no measurable pitch (a page of plain text has no
    boxes at all)."""
    boxed = [(ln, box) for ln in page.content_lines() if (box := line_box(ln)) is not None
             and box.height > 0 and box.width > 0]
    if len(boxed) < MIN_FRAME_LINES:
        return None
    pitch = line_pitch([b for _, b in boxed])
    if pitch is None or pitch <= 0:
        return None
    boxed = [(ln, b) for ln, b in boxed if b.height <= TALL_PITCHES * pitch]
    if len(boxed) < MIN_FRAME_LINES:
        return None
    widest = max(b.width for _, b in boxed)
    full = [b for _, b in boxed if b.width >= FULL_LINE_SHARE * widest]
    lefts = sorted(b.left for b in full)
    rights = sorted(b.right for b in full)
    cut = int(EDGE_QUANTILE * len(full))
    column = Box(lefts[cut], min(b.top for _, b in boxed), rights[-1 - cut],
                 max(b.bottom for _, b in boxed))
    head = _row(boxed, pitch, True, column)
    foot = _row(boxed, pitch, False, column)
    starts = {ln.start for ln in head}
    foot = tuple(ln for ln in foot if ln.start not in starts)
    rest = [(ln, b) for ln, b in boxed if ln.start not in starts]
    below = _row(rest, pitch, True, column) if rest else ()
    return Frame(head, foot, column, pitch, below[0] if below else None)


def page_frames(scan: Scan) -> dict[int, Frame]:
    """The frame of every page that has one, by page index (empty for plain text)."""
    if not scan.structured:
        return {}
    return {page.index: frame for page in scan.pages if (frame := page_frame(page)) is not None}


#: Declared roles (PAGE `@type` and Transkribus' structure types, SegmOnto zones, hOCR's line
#: class `ocr_header`) read as hints of furniture: "header", "sig", "catch" (TEI `fw/@type`), or
#: "mark" for SegmOnto's QuireMarksZone, which holds signature marks and catchwords. (A page
#: number needs no hint: it is a number that fits the book's sequence.)
DECLARED_ROLES = {
    "header": "header", "RunningTitleZone": "header", "ocr_header": "header",
    "catch-word": "catch", "signature-mark": "sig", "QuireMarksZone": "mark",
}


def declared_role(line: Line) -> str:
    """The furniture role a line's source declares (see DECLARED_ROLES; a SegmOnto subtype after
    ":" or "#" is left out), or "" when it declares none. A hint only: a declared header can be
    a chapter's title, so a rule takes it only where the line stands in the head line."""
    if line.zone is None or not line.zone.declared:
        return ""
    name = line.zone.declared.split(":")[0].split("#")[0]
    return DECLARED_ROLES.get(name, "")
