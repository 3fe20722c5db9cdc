"""Plates and their captions: on real pages of an illustrated novel (Reid, The Vee-Boers),
and a caption between the halves of a hyphenated word."""

from __future__ import annotations

import pytest
from lxml import etree

from edition.build import build_file
from edition.check.accounting import account
from edition.check.validate import validate_file
from edition.rules import plates
from edition.write.text import diplomatic_text, edition_text, tei_text

from .conftest import ROOT, TEI_NS

CORPUS = ROOT / "tests" / "data" / "corpus"
CAPTION = "He discharged his roer at the nearest and foremost of the honden."


@pytest.fixture(scope="module")
def among_lines(tmp_path_factory):
    return build_file(CORPUS / "reid-vee-boers-scan98-103.txt", tmp_path_factory.mktemp("r"))


@pytest.fixture(scope="module")
def plate_page(tmp_path_factory):
    return build_file(CORPUS / "reid-vee-boers-scan43-47.txt", tmp_path_factory.mktemp("p"))


def _figures(path):
    root = etree.parse(str(path)).getroot()
    return root, root.findall(".//t:figure", TEI_NS)


def test_a_caption_among_text_lines_stands_inside_the_paragraph(among_lines):
    assert validate_file(among_lines.path) == []
    root, figures = _figures(among_lines.path)
    assert [f.findtext("t:head", namespaces=TEI_NS) for f in figures] == [CAPTION]
    p = figures[0].getparent()
    assert etree.QName(p).localname == "p"
    assert "".join(p.itertext()).count("equally slight seemed") == 1
    assert figures[0].tail.startswith("his chance of escape")
    blocks = tei_text(root).split("\n\n")
    assert f"[Illustration: {CAPTION}]" in blocks  # a block of its own, after the paragraph
    assert any("equally slight seemed his chance of escape" in b for b in blocks)
    assert not any(CAPTION in b and "seemed" in b for b in blocks)  # never inside a sentence
    assert tei_text(root) == edition_text(among_lines.edition)
    assert account(among_lines.edition).complete
    assert f"\n{CAPTION}\n" in diplomatic_text(root)  # on the page, on lines of its own
    edits = [e for e in among_lines.edition.edits if e.rule == plates.RULE]
    assert len(edits) == 1 and "the sentence runs on" in edits[0].note


def test_a_plate_page_is_an_unnumbered_figure_inside_the_running_paragraph(plate_page):
    assert validate_file(plate_page.path) == []
    root, figures = _figures(plate_page.path)
    assert [f.findtext("t:head", namespaces=TEI_NS) for f in figures] == [
        "I'NDEK THE MOWANA. — p. 32"]
    assert etree.QName(figures[0].getparent()).localname == "p"
    before = figures[0].getprevious()
    assert etree.QName(before).localname == "pb" and before.get("n") is None  # an unnumbered leaf
    assert "chosen, with an eye to the three chief requisites" in "".join(
        figures[0].getparent().itertext())
    assert "[Illustration: I'NDEK THE MOWANA. — p. 32]" in tei_text(root).split("\n\n")
    folios = plate_page.edition.pagination.folios
    assert folios[2].n is None and folios[4].n == "33"  # scan page 45, and the next text page


def _scan(tmp_path, pages: list[str]):
    source = tmp_path / "scan.txt"
    source.write_text("".join(f"{text}\n<page {k + 1}>\n" for k, text in enumerate(pages)),
                      encoding="utf-8")
    return source


PAGE = ("CHAPTER I.\n\nTHE HUNT.\n\nThe young hunter had been riding since dawn, and the\n"
        "horse under him was tired ; but the camp was still far\naway, beyond the river.\n")


def test_a_caption_between_the_halves_of_a_hyphenated_word(tmp_path):
    # lines of Reid's page 101, broken here at "seem-" / "ed" around its plate's caption
    text = (PAGE + "\nTo the young hunter it was a crisis, dangerous as when\n"
            "being charged by the buffalo, and equally slight seem-\n\n"
            f"{CAPTION}\n\ned his chance of escape. He had dropped back to\n"
            "the ground, and stood holding his horse in hand.\n")
    built = build_file(_scan(tmp_path, [PAGE, text]), tmp_path)
    root, figures = _figures(built.path)
    assert len(figures) == 1 and figures[0].tail.startswith("ed his chance")
    blocks = tei_text(root).strip().split("\n\n")
    assert any("equally slight seemed his chance of escape" in b for b in blocks)
    assert f"[Illustration: {CAPTION}]" in blocks
    assert [e.note.split(":")[0] for e in built.edition.edits if e.rule == "hyphen-join"] == [
        "seem-|ed"]
    assert account(built.edition).complete and validate_file(built.path) == []


def test_lines_that_go_on_with_the_sentence_are_no_caption(tmp_path):
    # Reid's page 64: a name after "a son of" continues the sentence; and a quotation's source
    # that cites a page (Coleridge: "Barclaii Argenis, p. 71.") is no plate's mark among text
    text = (PAGE + "\npursuers were Piet Van Dorn, the eldest son of\nJan ; Andries Blom, a "
            "nephew of Hans ; a son of\n\nKlass Rynwald ; all three nearly of an age. But\n\n"
            "between the two first there had long been rivalry.\n\n\"Sedulum esse, nihil "
            "temere loqui, assuescere labori.\"\n\nBarclaii Argenis, p. 71.\n\n\"As, "
            "therefore, physicians are many times forced to leave such\nmethods of curing.\"\n")
    built = build_file(_scan(tmp_path, [PAGE, text]), tmp_path)
    assert not [e for e in built.edition.edits if e.rule == plates.RULE]
    assert not _figures(built.path)[1]
