"""Division openings the OCR garbled, and label lines that open no division, on real pages."""

from __future__ import annotations

import pytest

from edition.model import Line
from edition.pipeline import build
from edition.read.text import read_scan
from edition.rules import divisions
from edition.rules.labels import read_label

from .conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "corpus"


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("Chapter J F,", "chapter", None),  # Persuasion, chapter IV
    ("CHAPTER XXL", "chapter", None),  # Coleridge, chapter XXI
    ("CHAPTER XXI V>", "chapter", None),  # Coleridge, chapter XXIV
    ("CHAPTER XT.", "chapter", None),  # Reid, chapter XI
    ("LETTER II. (to a lady.)", "letter", 2),  # Coleridge, Satyrane's letters
])
def test_garbled_and_annotated_labels_are_read(text, kind, value):
    label = read_label(text)
    assert label is not None and label.kind == kind and label.value == value


@pytest.mark.parametrize("text", [
    "Part it.",  # Finley: a sentence's end ("... with no wish to / part it.")
    "poem.",  # Emerson: "... a lyric / poem."
    "PART OF",
])
def test_words_after_a_label_word_are_text(text):
    assert read_label(text) is None


def test_a_misread_label_word_opens_its_chapter():
    # Persuasion, scan 32: "Cl)»t>ter 3331." at the top of the page opening chapter III; the
    # book prints "Chapter" on its other label lines, garbled numbers and all
    edition = build(read_scan(CORPUS / "persuasion-1901-p1-40.txt"))
    opened = [(o.page + 1, o.label, o.label_line.text) for o in edition.openings if o.label_line]
    assert opened == [(17, "I", "Chapter %"), (25, "II", "Chapter J%"),
                      (32, "III", "Cl)»t>ter 3331."), (40, "IV", "Chapter J F,")]


def _found(page: int, text: str) -> divisions.Found:
    label = read_label(text)
    assert label is not None
    return page, Line(page * 1000, page * 1000 + len(text), text), label, []


def test_a_contents_list_of_labels_opens_no_division():
    # Marshall (wu.89091873059): the contents (scans 16-22) list CHAPTER I-XVI, one to three a
    # page, before the chapters open (scans 24, 36, 51, ...)
    contents = [(16, "CHAPTER I"), (16, "CHAPTER II"), (16, "CHAPTER III"), (17, "CHAPTER IV"),
                (17, "CHAPTER V"), (18, "CHAPTER VI"), (18, "CHAPTER VII")]
    body = [(24, "CHAPTER I"), (36, "CHAPTER II"), (51, "CHAPTER III"), (62, "CHAPTER IV")]
    found = [_found(p, t) for p, t in contents + body]
    assert divisions._listing(found) == found[: len(contents)]
    assert divisions._listing(found[len(contents):]) == []


def test_poems_quoted_in_a_book_of_chapters_open_no_division():
    # Coleridge (uva.x000372854): sonnets quoted inside chapters, numbered as their own books
    # number them, among the chapters' labels
    chapters = [(p, f"CHAPTER {n}.") for p, n in zip(
        (11, 26, 38, 50, 63, 70, 76, 82, 87, 99), "I II III IV V VI VII VIII IX X".split(),
        strict=True)]
    sonnets = [(24, "Sonnet II."), (25, "Sonnet III."), (28, "Sonnet 81st."), (186, "Sonnet 107."),
               (233, "Sonnet IX.")]
    found = sorted((_found(p, t) for p, t in chapters + sonnets), key=lambda f: f[0])
    assert {f[1].text for f in divisions._out_of_sequence(found)} == {t for _, t in sonnets}
    # a book of sonnets numbers them in order, and they are its divisions
    in_order = [_found(p, f"SONNET {n}.") for p, n in ((3, "I"), (4, "II"), (5, "III"))]
    assert divisions._out_of_sequence(in_order + found[:1]) == []


def test_labels_run_into_their_paragraphs_open_a_series_of_divisions():
    # Coleridge, printed pages 155-157: "Thesis I.—Truth is correlative to being." ... each
    # thesis a division, its label a heading of its own, its paragraph the text after the dash
    edition = build(read_scan(CORPUS / "coleridge-1834-pp155-157-theses.txt"))
    theses = [d for d in edition.divs if d.type == "thesis"]
    assert [(d.n, [h.text for h in d.heads]) for d in theses] == [
        ("I", ["Thesis I.—"]), ("II", ["Thesis II.—"]), ("III", ["Thesis III.—"]),
        ("IV", ["Thesis IV.—"])]
    first = next(i for i in theses[0].items if hasattr(i, "text"))
    assert first.text.startswith("Truth is correlative to being. Knowledge, without")
    # a single line opening so is a reference in prose, not a series
    assert read_label("Thesis I.—Truth is correlative to being.") is None


# --- divisions the running heads name ----------------------------------------------------------

EMERSON = CORPUS / "emerson-1850-pp43-88-plato.txt"


def test_a_title_repeated_as_the_running_head_is_still_the_heading():
    # Emerson, printed page 82: "PLATO: NEW READINGS." over the section's first page, no page
    # number beside it; the same line over the pages after, with their numbers ("83")
    edition = build(read_scan(EMERSON))
    assert [(d.type, [h.text for h in d.heads]) for d in edition.divs] == [
        ("chapter", ["II.", "PLATO; OR, THE PHILOSOPHER."]),
        ("section", ["PLATO: NEW READINGS."])]
    section = edition.divs[1]
    assert section.heads[0].page == 39 and section.opening.cert == ""
    first = next(i for i in section.items if hasattr(i, "text"))
    assert first.text.startswith("The publication, in Mr. Bonn's \"Serial Library,\"")
    heads = sorted(h.page for h in edition.headers if h.text == "PLATO: NEW READINGS.")
    assert heads and heads[0] > 39  # the later ones stay running heads (fw)


def test_where_no_heading_stands_the_running_heads_open_a_division_marked_inferred(
        monkeypatch, tmp_path):
    from edition import pipeline
    from edition.build import build_file
    from edition.check.validate import validate_file
    from edition.rules.contents import find_contents
    from edition.rules.headers import find_headers, inferred_openings

    scan = read_scan(EMERSON)
    openings = divisions.find_openings(scan, find_contents(scan))
    _, headers = find_headers(scan, openings, set())
    inferred = inferred_openings(scan, headers, openings)
    # the section's heading taken for a running head (as where its page number stands beside
    # it): the heads still name the division, on the page after the chapter's last head
    assert [(o.page, o.title, o.cert, o.lines) for o in inferred] == [
        (39, "PLATO: NEW READINGS", "low", [])]
    monkeypatch.setattr(pipeline, "division_headings", lambda *args: [])
    built = build_file(EMERSON, tmp_path)
    section = built.edition.divs[1]
    assert section.heads == [] and section.n == "PLATO: NEW READINGS"
    xml = built.path.read_text(encoding="utf-8")
    assert '<div type="section" n="PLATO: NEW READINGS" cert="low"' in xml
    assert validate_file(built.path) == []
    # the running head that names it stays on its page, as furniture
    assert any(h.page == 39 and h.text == "PLATO: NEW READINGS." for h in built.edition.headers)


def test_a_blackletter_label_the_ocr_misread_opens_a_chapter_with_its_number_unread():
    # Finley, printed page 112: "Cjjapte S" at the top of the page, over the epigraph; the book
    # has no label the OCR read, so its chapter word is compared, and the number stays unread
    edition = build(read_scan(CORPUS / "finley-1876-pp110-113-blackletter-chapter.txt"))
    assert [(d.type, d.n, [h.text for h in d.heads]) for d in edition.divs] == [
        ("chapter", "", ["Cjjapte S"])]
    first = next(i for i in edition.divs[0].items if hasattr(i, "text"))
    assert first.text.startswith('" \'Tis necessity, To which the gods must yield."')


@pytest.mark.parametrize(("token", "word", "misread"), [
    ("Cjjapttr", "chapter", True), ("Cjmpter", "chapter", True), ("Chapter", "chapter", True),
    ("Chapel", "chapter", False),  # like the word, but a word of its own
    ("chapter", "chapter", False),  # in lower case: a sentence's word
])
def test_a_misread_label_word(token, word, misread):
    assert divisions._misread(token, word) is misread


def test_labels_of_a_contents_list_are_no_running_head():
    # Marshall, scans 17-23: each contents page opens "CONTENTS" / "CHAPTER VI" ...; the
    # labels differ in their numbers, and stay text (the contents' running head is CONTENTS)
    from edition.rules.headers import _other_labels

    assert _other_labels("CHAPTER I", "CHAPTER VI") and _other_labels("CHAPTER XIII", "CHAPTER XVI")
    assert not _other_labels("CHAPTER XIII", "CHAPTER XIII")
    assert not _other_labels("BIOGRAPHIA LITERARIA", "BIOGRAPHIA LITEKARIA")


def test_a_number_inferred_across_missing_pages_is_in_doubt():
    """Persuasion (1901): the OCR garbled every "Chapter" label ("Chapter %"), so their numbers
    come from the sequence (certainty medium); the scan lacks pp. 72-73, where chapter IX
    opens, so from there on each inferred number may be one short (certainty low, W111)."""
    edition = build(read_scan(CORPUS / "persuasion-1901-p1-40.txt"))
    assert [o.number_cert for o in edition.openings if o.label] == ["medium"] * 4
    opened, warnings = divisions.doubtful_numbers(edition.openings, {35})
    assert [o.number_cert for o in opened if o.label] == ["medium"] * 3 + ["low"]
    assert [w.code for w in warnings] == ["W111"] and "chapter number IV is inferred" in warnings[0].message
    from edition.write.tei import to_tei

    tei = to_tei(edition)
    certainty = tei.find(".//{http://www.tei-c.org/ns/1.0}certainty")
    assert certainty is not None and certainty.get("match") == "@n"
    assert certainty.get("target") == "#" + certainty.getparent().get(
        "{http://www.w3.org/XML/1998/namespace}id")
