"""Furniture from geometry on real typed pages, their declared types hidden from the rules.

The pages (tests/data/formats/furniture, alto/escriptorium-..._f19.xml; see SOURCE.md there)
declare each line's role (PAGE `@type`, SegmOnto zones). The rules are run on a copy with every
declared role removed, and what they call furniture is compared with what the page declares.
"""

from __future__ import annotations

from dataclasses import replace

from edition.model import Line, Page, Scan, Zone
from edition.pipeline import Edition, build
from edition.read.text import read_scan
from edition.rules import geometry
from edition.rules.folios import leaf_value
from edition.rules.noise import find_noise
from edition.rules.signatures import signature_shape

from .conftest import ROOT

DATA = ROOT / "tests" / "data" / "formats"
GLAUANNO = DATA / "furniture" / "glauanno-28-31"  # four pages of a 1650 print
DURRGEDA = DATA / "furniture" / "durrgeda-11-12"  # a page whose page number is read last
INCUNABLE = DATA / "alto" / "escriptorium-bpt6k1057722q_f19.xml"  # a recto of a c. 1494 Boethius

#: PAGE region types of furniture and the rule that removes each.
RULES = {"header": "running-header", "page-number": "page-number",
         "catch-word": "catchword", "signature-mark": "signature-mark"}


def _stripped(scan: Scan) -> Scan:
    """The scan with every declared role removed (the answer key hidden from the rules)."""
    pages = []
    for page in scan.pages:
        lines = tuple(replace(ln, zone=replace(ln.zone, declared="")) if ln.zone else ln
                      for ln in page.lines)
        pages.append(Page(page.index, page.start, page.end, lines, page.surface))
    return replace(scan, pages=tuple(pages))


def _rules_of(edition: Edition, line: Line) -> set[str]:
    """The furniture rules whose edits lie in a line."""
    return {e.rule for e in edition.edits
            if e.rule in RULES.values() and line.start <= e.start and e.end <= line.end
            and e.end > e.start}


def _line(scan: Scan, page: int, text: str) -> Line:
    return next(ln for ln in scan.pages[page].content_lines() if ln.text == text)


def test_head_line_and_direction_line_of_a_real_page():
    page = read_scan(GLAUANNO).pages[1]
    frame = geometry.page_frame(page)
    assert frame is not None
    by_type = {ln.zone.declared: ln for ln in page.content_lines()}
    # the running head and the page number beside it, whatever the source's order
    assert {ln.zone.declared for ln in frame.head} == {"header", "page-number"}
    assert {ln.zone.declared for ln in frame.foot} == {"catch-word", "signature-mark"}
    assert frame.align(by_type["catch-word"]) == "right"
    assert frame.align(by_type["signature-mark"]) == "centre"
    assert frame.place(by_type["header"]) == "top"
    assert frame.place(by_type["catch-word"]) == "bottom"
    # the text's first line is the one below the head line
    assert frame.below_head is not None and frame.below_head.zone.declared == "paragraph"
    # the section number "V." in the middle of the page stands on no furniture row
    assert frame.place(_line(read_scan(GLAUANNO), 1, "V.")) is None


def test_type_stripped_pages_give_the_declared_furniture_back():
    source = read_scan(GLAUANNO)
    edition = build(_stripped(source))
    for page in source.pages:
        for line in page.content_lines():
            want = {RULES[line.zone.declared]} if line.zone.declared in RULES else set()
            if page.index == 3 and line.zone.declared == "catch-word":
                want = set()  # the last page's catchword: no next page it can be checked on
            assert _rules_of(edition, line) == want, (page.index, line.text)
    # the catchwords are verified against the next page, not guessed
    catches = [e for e in edition.edits if e.rule == "catchword"]
    assert [e.page for e in catches] == [0, 1, 2]
    assert all("repeats the first word" in e.note and not e.uncertain for e in catches)
    assert [edition.pagination.n(k) for k in range(4)] == ["24", "25", "26", "27"]


def test_a_short_centred_line_in_the_middle_of_the_page_is_not_furniture():
    # "V." (a section's number) is the third line of the page's text once its head line is
    # read: by the text's order alone it stands at the top edge, and was taken for a speck
    scan = _stripped(read_scan(GLAUANNO))
    edition = build(scan)
    numeral = _line(scan, 1, "V.")
    assert not [e for e in edition.edits if numeral.start <= e.start < numeral.end
                and e.end > e.start]
    assert any(b.text.strip() == "V." for b in edition.blocks())
    # the noise rule's edges: the head line and the direction line, not the text's order
    frames = geometry.page_frames(scan)
    head = {ln.start for ln in frames[1].head}
    by_order = [e for e in find_noise(scan, head) if e.start == numeral.start]
    assert by_order and "edge" in by_order[0].note  # what the text's order alone would do
    assert not [e for e in find_noise(scan, head, 0, frames) if e.start == numeral.start]


def test_furniture_the_reading_order_lists_out_of_place():
    # the source's reading order puts the page number "(9)" after the page's last line, and
    # the catchword before the signature mark on the row below the text
    scan = read_scan(DURRGEDA)
    assert scan.pages[0].content_lines()[-3].text == "(9)"
    stripped = _stripped(scan)
    edition = build(stripped)
    for text, rule in (("(9)", "page-number"), ("C", "signature-mark"), ("der", "catchword")):
        assert _rules_of(edition, _line(stripped, 0, text)) == {rule}, text
    assert edition.pagination.n(0) == "9"
    catch = next(e for e in edition.edits if e.rule == "catchword" and e.page == 0)
    assert not catch.uncertain


def test_an_incunable_recto_leaf_number_running_title_and_quire_mark():
    scan = read_scan(INCUNABLE)
    edition = build(_stripped(scan))
    wanted = {"RunningTitleZone": {"running-header"}, "NumberingZone": {"page-number"},
              "QuireMarksZone": {"signature-mark"}}
    for line in scan.pages[0].content_lines():
        assert _rules_of(edition, line) == wanted.get(line.zone.declared, set()), line.text
    leaf = next(e for e in edition.edits if e.rule == "page-number")
    assert "leaf number 2" in leaf.note
    assert edition.pagination.n(0) is None  # a leaf number is no page's number


def test_declared_roles_are_hints_where_the_place_agrees():
    # one page alone: its catchword cannot be checked against a next page, but the source
    # declares it and it stands at the right of the direction line
    page = read_scan(GLAUANNO / "OCR-D-GT-PAGE_00000029.xml.gz")  # the page with "V."
    edition = build(page)
    catch = [e for e in edition.edits if e.rule == "catchword"]
    assert len(catch) == 1 and "declared" in catch[0].note
    assert page.raw[catch[0].start:catch[0].end] == "Se\ueec4"
    # a line declared a running head in the middle of the page is a heading, not furniture
    numeral = _line(page, 0, "V.")
    lines = tuple(replace(ln, zone=replace(ln.zone, declared="header"))
                  if ln.start == numeral.start else ln for ln in page.pages[0].lines)
    misdeclared = replace(page, pages=(replace(page.pages[0], lines=lines),))
    assert not [e for e in build(misdeclared).edits
                if numeral.start <= e.start < numeral.end and e.end > e.start]


def _boxed(box: tuple[int, int, int, int], text: str = "text", start: int = 0) -> Line:
    left, top, right, bottom = box
    return Line(start, start + len(text), text,
                Zone(f"l{start}", ((left, top), (right, top), (right, bottom), (left, bottom))))


def test_a_marginal_note_below_the_text_sets_no_row():
    body = [_boxed((200, 100 + 50 * k, 800, 140 + 50 * k), "a line of text", 100 * k)
            for k in range(20)]
    sig = _boxed((480, 1110, 520, 1145), "B", 3000)
    catch = _boxed((740, 1112, 800, 1146), "word", 3100)
    note = _boxed((820, 1135, 980, 1175), "Rom. V.", 3200)  # in the margin, reaching lower
    strip = _boxed((0, 0, 20, 1200), "Il", 3300)  # a shadow along the scan's edge
    frame = geometry.page_frame(Page(0, 0, 3400, (*body, sig, catch, note, strip)))
    assert frame is not None and frame.pitch == 50
    assert {ln.text for ln in frame.foot} >= {"B", "word"}
    assert frame.head == (body[0],)


def test_plain_text_has_no_frames():
    scan = read_scan(ROOT / "raw" / "krivitsky-1940.txt")
    assert geometry.page_frames(scan) == {}


def test_signature_forms_taken_only_in_the_direction_line():
    for text in ("A iij", "B i j", "a ii", "b.iiii", "f.i."):
        assert signature_shape(text, placed=True), text
        assert not signature_shape(text), text  # in plain text's last line: not by shape
    for text in ("in", "vi", "zu", "Die", "a"):
        assert not signature_shape(text, placed=True), text
    assert signature_shape("B 2") and signature_shape("C") and signature_shape("Aa 2")


def test_leaf_numbers_as_early_printers_set_them():
    assert [leaf_value(t) for t in ("ii", "iiii", "u", "uiii", "ix", "xxxuii", "12")] == [
        2, 4, 5, 8, 9, 37, 12]

