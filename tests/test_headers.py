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
