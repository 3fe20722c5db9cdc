"""The page-geometry helpers on a real typed page and on boxes made for the case."""

from __future__ import annotations

from edition.model import Line, Page, Zone
from edition.read.text import read_scan
from edition.rules import geometry

from .conftest import ROOT

GLAUANNO = ROOT / "tests" / "data" / "formats" / "page" / "glauanno-OCR-D-GT-PAGE_00000009.xml.gz"


def _line(box: tuple[int, int, int, int], text: str = "text") -> Line:
    left, top, right, bottom = box
    return Line(0, len(text), text, Zone("l", ((left, top), (right, top), (right, bottom),
                                                (left, bottom))))


def test_declared_furniture_stands_where_the_helpers_say():
    page = read_scan(GLAUANNO).pages[0]
    space = geometry.print_space(page)
    assert space is not None
    by_type = {line.zone.declared: line for line in page.content_lines()}
    assert geometry.in_top_band(by_type["header"], space)
    assert geometry.in_top_band(by_type["page-number"], space)
    assert geometry.corner(by_type["page-number"], space) in ("top-left", "top-right")
    assert geometry.in_bottom_band(by_type["catch-word"], space)
    assert geometry.corner(by_type["catch-word"], space) == "bottom-right"
    assert geometry.in_bottom_band(by_type["signature-mark"], space)
    body = [ln for ln in page.content_lines() if ln.zone.declared == "paragraph"]
    inside = [ln for ln in body if not geometry.in_top_band(ln, space)
              and not geometry.in_bottom_band(ln, space)]
    assert len(inside) >= len(body) - 2  # only the text's first and last lines may touch a band


def test_print_space_is_the_box_round_the_lines():
    page = Page(0, 0, 0, (_line((100, 50, 900, 80)), _line((120, 100, 880, 130)),
                          _line((110, 900, 890, 930))))
    assert geometry.print_space(page) == geometry.Box(100, 50, 900, 930)


def test_margin_column_and_indented_lines():
    body = [_line((200, 100 + 40 * k, 800, 130 + 40 * k)) for k in range(10)]
    note = _line((20, 300, 180, 330))
    indented = _line((240, 500, 800, 530))
    page = Page(0, 0, 0, (*body, note, indented))
    column = geometry.text_column(page)
    assert column is not None and (column.left, column.right) == (200, 800)
    assert geometry.margin_side(note, column) == "left"
    assert geometry.margin_side(indented, column) is None
    assert geometry.margin_side(_line((830, 300, 990, 330)), column) == "right"


def test_a_centred_number_is_in_the_band_but_no_corner():
    body = [_line((100, 200 + 40 * k, 900, 230 + 40 * k)) for k in range(20)]
    centred = _line((480, 100, 520, 130), "(4)")
    outer = _line((860, 100, 900, 130), "17")
    page = Page(0, 0, 0, (centred, outer, *body))
    space = geometry.print_space(page)
    assert geometry.in_top_band(centred, space) and geometry.corner(centred, space) is None
    assert geometry.corner(outer, space) == "top-right"
    assert geometry.corner(body[10], space) is None


def test_plain_text_has_no_geometry():
    line = Line(0, 4, "text")
    page = Page(0, 0, 4, (line,))
    assert geometry.print_space(page) is None and geometry.text_column(page) is None
    assert not geometry.in_top_band(line, None) and geometry.corner(line, None) is None
    assert geometry.margin_side(line, None) is None
