"""The running-header rule."""

from __future__ import annotations

from collections import Counter

from edition.read.text import read_text
from edition.rules.divisions import Opening
from edition.rules.headers import find_headers

BODY = "This is a line of ordinary text in the body of the page, long enough to be prose."


def _book(headers: list[str]) -> str:
    pages = [f"{h}\n\n{BODY} {k}" if h else f"{BODY} {k}" for k, h in enumerate(headers)]
    return "\n\n\n\n".join(pages)


def test_every_running_header_of_krivitsky_is_found(edition, scan):
    found = Counter(h.text for h in edition.headers)
    assert found["I WAS STALIN'S AGENT"] == 44  # verso: sparse, dropped on most pages by the OCR
    assert found["END OF THE COMMUNIST INTERNATIONAL"] == 20  # shortened chapter title
    assert found["INTRODUCTION"] == 8
    assert found["WHY STALIN SHOT HIS GENERALS"] == 4
    header_lines = {h.line.start for h in edition.headers}
    for page in scan.pages[6:]:
        top = page.content_lines()[0]
        if top.text.startswith("## ") and top.text[3:] in found and page.index not in {
            o.page for o in edition.openings
        }:
            assert top.start in header_lines, page.index


def test_chapter_headings_are_never_headers(edition):
    header_lines = {h.line.start for h in edition.headers}
    for o in edition.openings:
        assert o.title_line.start not in header_lines
        assert o.label_line is None or o.label_line.start not in header_lines


def test_a_heading_that_occurs_once_stays(edition):
    texts = [h.text for h in edition.headers]
    assert not any("FLOOD OF FAKE BILLS" in t for t in texts)
    body = [b.text for b in edition.blocks()]
    assert any(t.startswith('"FLOOD OF FAKE BILLS') for t in body)


def test_ocr_variants_cluster_within_the_window():
    heads = ["THE GREAT WAR", "THE GRFAT WAR", "THE GREAT WAB", "", "THE GREAT WAR"]
    scan = read_text(_book(heads), "t")
    edits, headers = find_headers(scan, [], set())
    assert sorted(h.page for h in headers) == [0, 1, 2, 4]
    assert all(e.rule == "running-header" for e in edits)


def test_two_occurrences_far_apart_are_not_headers():
    heads = ["A ONE-OFF LINE"] + [""] * 10 + ["A ONE-OFF LINE"]
    scan = read_text(_book(heads), "t")
    assert find_headers(scan, [], set())[1] == []


def test_a_short_chapters_single_header_matches_its_title():
    heads = ["", "SHORT CHAPTER", ""]
    text = _book(heads).replace(BODY + " 0", "THE SHORT CHAPTER\n\n" + BODY, 1)
    scan = read_text(text, "t")
    title_line = scan.pages[0].content_lines()[0]
    opening = Opening(0, "", "THE SHORT CHAPTER", None, title_line, None)
    _, headers = find_headers(scan, [opening], set())
    assert [h.page for h in headers] == [1]  # "SHORT CHAPTER": a shortened form of the title


def _coleridge(first_lines: list[str]) -> str:
    """Pages of the Biographia Literaria (1817, HathiTrust OCR): the running head and folio on
    most, and on the pages given, the OCR's first line of text as it stands in the scan."""
    words = ("which I appear to myself to find in those poems is the inconstancy of the style "
             "under this name I refer to the sudden and unprepared transitions from lines or "
             "sentences of peculiar felicity to a style not only unimpassioned but").split()
    pages = []
    for k in range(8):
        top = first_lines[k] if k < len(first_lines) and first_lines[k] else (
            f"BIOGRAPHIA LITERARIA. {231 + k}" if k % 2 else f"{231 + k} BIOGRAPHIA LITERARIA.")
        body = [" ".join(words[(k * 5 + j * 7) % 20 :] + words[: (k * 5 + j * 7) % 20][:-8])
                for j in range(3)]
        pages.append("\n".join([top, *body]))
    return "\f".join(pages)


def test_a_running_head_the_ocr_ran_into_the_first_line_of_text_is_furniture():
    from edition.pipeline import build
    from edition.write.text import edition_text

    scan = read_text(_coleridge(["", "", "BIOGRAPHIA LITERARIA. 233Angels and grace, eternal "
                                 "hopes and fears!", "", "", "236 BIOGRAPHIA UTERARIA.graph. Like "
                                 "a true vulture, Napoleon"]), "s")
    edition = build(scan)
    text = edition_text(edition)
    assert "BIOGRAPHIA" not in text and "233" not in text and "236" not in text
    assert " Angels and grace" in text and " graph. Like a true vulture" in text
    fused = [(e.rule, scan.raw[e.start:e.end]) for e in edition.edits if "ran into" in e.note]
    assert fused == [("running-header", "BIOGRAPHIA LITERARIA."), ("page-number", "233"),
                     ("page-number", "236"), ("running-header", "BIOGRAPHIA UTERARIA.")]
    # a line of text that only begins with the title, with no page number beside it, is text
    plain = read_text(_coleridge(["", "", "BIOGRAPHIA LITERARIA. The book was written in"]),
                      "s")
    assert "BIOGRAPHIA LITERARIA. The book" in edition_text(build(plain))


def test_a_running_head_garbled_past_recognition_beside_its_page_number_is_furniture():
    """The Vee-Boers (Reid 1879, Internet Archive OCR): "The Vee- Boers." heads the versos,
    and on some the OCR garbled it ("94 "^^^^ Vee-Boers.", "196 T]ie ]^cc-Boevs."); the page
    number beside it, at the head of the page, says what the line is. A first line of text
    that only begins with a number stays text."""
    from edition.pipeline import build
    from edition.write.text import edition_text

    words = ("the oxen were inspanned and the waggons rolled on across the veldt while the "
             "boys rode ahead to look for water and for game along the dry bed of the river"
             ).split()
    pages = []
    for k in range(8):
        n = 90 + 2 * k
        head = {2: f'{n} "^^^^ Vee-Boers.', 5: f"{n} T]ie ]^cc-Boevs."}.get(k,
                                                                          f"{n} The Vee- Boers.")
        body = [" ".join(words[(k * 3 + j * 5) % 25 :] + words[: (k * 3 + j * 5) % 25][:-9])
                for j in range(4)]
        pages.append("\n".join([head, *body]))
    pages.append("\n".join(["106 the oxen were inspanned at dawn", *body]))
    scan = read_text("\f\n\f".join(pages), "vee-boers")
    text = edition_text(build(scan))
    assert "Vee-Boers" not in text and "Boevs" not in text and "94" not in text
    assert "106 the oxen were inspanned at dawn" in text
