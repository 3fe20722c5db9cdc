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
from typing import NamedTuple

from edition.model import Line, Page

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
