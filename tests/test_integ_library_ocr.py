"""End to end on real library OCR excerpts: Persuasion (HathiTrust) and Cooper (Internet Archive)."""

from __future__ import annotations

import pytest

from edition.build import build_file
from edition.check.validate import validate_file
from edition.write.text import edition_text

from .conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "corpus"


@pytest.fixture(scope="module")
def persuasion(tmp_path_factory):
    return build_file(CORPUS / "persuasion-1901-p1-40.txt", tmp_path_factory.mktemp("p"))


@pytest.fixture(scope="module")
def cooper(tmp_path_factory):
    return build_file(CORPUS / "cooper-1835-lectures-1-2.txt", tmp_path_factory.mktemp("c"))


def test_both_build_valid_editions_with_no_options(persuasion, cooper):
    assert validate_file(persuasion.path) == []
    assert validate_file(cooper.path) == []


def test_persuasion_furniture_leaves_the_text(persuasion):
    edition = persuasion.edition
    text = edition_text(edition)
    paragraphs = text.split("\n\n")
    assert "Persuasion" not in paragraphs and not any(p.strip().isdigit() for p in paragraphs)
    assert "Persuasion s" not in text and "(RECAP)" not in text
    assert "(RECAP)" in [t for _, t in edition.copy.stamps]  # the library's storage label
    headers = [h for h in edition.headers if h.text == "Persuasion"]
    assert len(headers) >= 20


def test_persuasion_page_numbers_from_the_furniture(persuasion):
    folios = persuasion.edition.pagination.folios
    # chapter 1 opens on scan page 16 (folio "— i-" at its foot), the next pages carry
    # "3", "3" (a misread 2), "4", "Persuasion s" (5), "6", "9" (a misread 7), ...
    assert [folios[k].n for k in range(16, 24)] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert folios[12].n is None  # the preface: no Arabic number
    # its second page prints "iv Preface" at its head: a Roman folio, although a stray "1"
    # stands alone on a leaf before it
    assert folios[13].n == "iv"
    assert "iv Preface" not in edition_text(persuasion.edition)
    # the word beside the Roman folio is the preface's running head, furniture like the number
    assert "\n\nThis edition is a reprint" in edition_text(persuasion.edition)
    assert ('<fw type="pageNum" place="top">iv</fw>\n      <fw type="header" place="top">Preface'
            '</fw>') in persuasion.path.read_text(encoding="utf-8")
    # a folio the OCR garbled beside the running head ("[6" for 16) is read as the sequence's
    assert folios[31].n == "16" and "[6" not in edition_text(persuasion.edition)


def test_persuasion_lines_become_paragraphs(persuasion):
    text = edition_text(persuasion.edition)
    assert "by contemplating the limited remnant of the earliest patents" in text
    assert "contem- plating" not in text and "contemplating" in text
    paragraphs = text.split("\n\n")
    starts = [p for p in paragraphs if p.startswith("Vanity was the beginning and end")]
    assert starts, "a paragraph begins after a short line that ends a sentence"
    opening = [d for d in persuasion.edition.divs if d.type == "chapter"]
    assert opening and opening[0].heads[0].text == "Chapter %"  # kept as printed (OCR)
    assert opening[0].n == "I"  # numbered by the sequence


def test_cooper_djvu_furniture_and_divisions(cooper):
    edition = cooper.edition
    text = edition_text(edition)
    assert text.count("INTRODUCTORY LECTURE.") == 1  # its heading; the running heads are gone
    for furniture in ("ON IRRITATION.", "Digitized by", "archive.org"):
        assert furniture not in text
    lectures = [d for d in edition.divs if d.n in ("I", "II")]
    # the titles as the OCR read them
    assert [d.heads[-1].text for d in lectures] == ["IRRITATION.", "TREATMENT Or IRRITATION."]
    numbers = [f.value for f in edition.pagination.folios if f.value]
    assert numbers == sorted(numbers) and 2 in numbers and 12 in numbers
    assert any("archive.org" in t for _, t in edition.copy.notices)


def test_an_excerpt_opening_mid_sentence_has_its_running_head_on_its_first_page(tmp_path):
    """Pages 35-44 of Persuasion: the first page's head "Persuasion" is furniture like the
    others' (a page whose prose opens in lower case opens no text, so no title stands there),
    and Emerson's "7-1" (74) at the head of a page beside the running head is its folio."""
    built = build_file(CORPUS / "persuasion-1901-p51-60.txt", tmp_path)
    assert [(e.rule, built.edition.scan.raw[e.start:e.end]) for e in built.edition.edits
            if e.page == 0 and e.rule in ("running-header", "page-number")] == [
        ("running-header", "Persuasion"), ("page-number", "35")]
    assert edition_text(built.edition).startswith("show themselves")
    emerson = build_file(CORPUS / "emerson-1850-pp43-88-plato.txt", tmp_path)
    assert emerson.edition.pagination.folios[31].n == "74"
    assert "7-1" not in edition_text(emerson.edition)
