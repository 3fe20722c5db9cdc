"""Paragraph ends from the evidence a page gives, on real pages (tests/data/corpus/SOURCE.md)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from edition.build import build_file
from edition.model import Block, PageBreak
from edition.rules import paragraph_ends
from edition.write.text import edition_text

from .conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "corpus"


@pytest.fixture(scope="module")
def persuasion(tmp_path_factory):
    return build_file(CORPUS / "persuasion-1901-p1-40.txt", tmp_path_factory.mktemp("p"))


def _paragraphs(built) -> list[str]:
    return edition_text(built.edition).split("\n\n")


def test_a_speech_after_a_line_ending_in_a_dash_is_a_paragraph(persuasion):
    # "... in this / finale:—" / "\"Heir presumptive, ..." (scan 18): the dash introduces the
    # quotation set as a paragraph of its own; "wit, and then added—" / "\"I presume ..."
    paragraphs = _paragraphs(persuasion)
    assert any(p.startswith('"Heir presumptive, William Walter Elliot') for p in paragraphs)
    assert any(p.endswith("wit, and then added—") for p in paragraphs)
    assert any(p.startswith("Here Anne spoke—") for p in paragraphs)


def _build(name: str, tmp_path_factory):
    return build_file(CORPUS / name, tmp_path_factory.mktemp("b"))


def _paragraph_with(built, passage: str) -> Block:
    found = [b for b in built.edition.blocks() if b.kind == "p" and passage in b.text]
    assert len(found) == 1, passage
    return found[0]


# --- shapes, on lines of the dev corpus --------------------------------------------------


@pytest.mark.parametrize(("line", "want"), [
    ('he has been stationed there, I believe, several years."', "quoted stop"),
    ("enough to begin to act in a rather more gentlemanly way ? \"", "quoted stop"),
    ("What a bnely old age for her without them !", "stop"),
    ("finale:—", "dash"),
    ("the concave sphere, and beheld his talent", "word"),
    ("Indians, Stuart ? \" asked Miss Stanhope", "word"),
    ("They thus addressed, needed no further cxplan-", "broken"),
    ("he had been in earnest \"", "quote"),
    ("\" Yes, auntie ; and you ; that's the worst of it'", "quote"),
    ("it was the closest of shaves. In that grove — for it", "word"),
    ("■", "mark"),  # Coleridge, scan 36: specks under the last line of a chapter
])
def test_how_a_line_ends(line, want):
    assert paragraph_ends.ending(line) == want


@pytest.mark.parametrize(("line", "want"), [
    ('"Then I take it for granted," observed Sir Walter,', "quote"),
    ("u Yes, mother, I beg your pai Jon. Y JDI-&", "garbled quote"),
    ("tl Tan't dey's all round and round in de", "garbled quote"),
    ("a \"Well, wife, I'll have to leave you for a lit", "garbled quote"),
    ("Vanity was the beginning and end of Sir Walter", "capital"),
    ("ation of a word which to the reader may be", "lower"),
    ("1807. Removes to Skinner Street, Holborn.", "digit"),
])
def test_how_a_line_opens(line, want):
    assert paragraph_ends.opening(line) == want


def test_a_paragraph_may_end_between_a_sentence_and_a_sentence_or_a_word_and_a_speech():
    # Finley, scans 29-30: "... asked Miss Stanhope" (the OCR lost the full stop) over a page
    # turn, then "\"None whatever; most of the tribes have"
    assert paragraph_ends.sentence_shape(paragraph_ends.shape(
        'Indians, Stuart ? " asked Miss Stanhope', '"None whatever; most of the tribes have'))
    assert not paragraph_ends.sentence_shape(paragraph_ends.shape(
        "the concave sphere, and beheld his talent", "Van Dorn it was now do or die."))
    assert not paragraph_ends.sentence_shape(paragraph_ends.shape(
        "all his thought has this ascension.", "and in Phaedrus"))
    # a speck before a stray quotation mark is no word before a speech
    assert not paragraph_ends.sentence_shape(paragraph_ends.shape("■", "'"))


def test_a_blank_line_is_weighed_against_what_runs_on_across_it():
    model = paragraph_ends.EndModel()
    # Reid, scan 37: a blank line inside a broken word is no paragraph end
    inside = paragraph_ends.Join("They thus addressed, needed no further cxplan-",
                                 "ation of a word which to the reader may be", 46, 42, 48, blank=1)
    assert model.ends(inside) == (False, "")
    # the LRB review (raw/ali-lrb-2019.txt): a quotation set apart after a short line opens in
    # lower case and is a block of its own
    quoted = paragraph_ends.Join("Sorge play a German Nazi, but, as he argued,",
                                 "a man always walks better in his own shoes. I’m also aware that the",
                                 44, 67, 69, blank=1)
    assert model.ends(quoted) == (True, "")
    # the same lower-case line after a full line, or inside a double-spaced stretch, runs on
    assert model.ends(replace(quoted, width=68)) == (False, "")
    assert model.ends(replace(quoted, double=True)) == (False, "")


# --- the book's own rates: dialogue -------------------------------------------------------


def test_the_book_learns_which_shapes_end_its_paragraphs_behind_full_lines(tmp_path_factory):
    # Persuasion, scan pages 51-60: Anne and Mary talking. A speech that ends in a closing
    # quotation mark before a line opening another ends its paragraph most times; "." and a
    # capital, as in narrative, seldom (the book's own counts behind its short last lines)
    built = _build("persuasion-1901-p51-60.txt", tmp_path_factory)
    for speech in ('"I can give you no account of them. I have not',
                   '"A great many things, I assure you. More than I',
                   '"I am very glad you were well enough, and 1 hope'):
        assert any(p.startswith(speech) for p in _paragraphs(built)), speech
    decided = [e for e in built.edition.edits if e.rule == paragraph_ends.RULE]
    assert decided and all("quoted stop / quote" in e.note for e in decided)
    assert all(built.edition.scan.raw[e.start - 1] == '"' for e in decided)


def test_rates_need_evidence_and_stay_below_certainty(tmp_path_factory):
    from edition.read.text import read_scan
    from edition.rules.lines import measure
    from edition.rules.markup import all_blocks

    scan = read_scan(CORPUS / "persuasion-1901-p51-60.txt")
    width = measure(scan)
    model = paragraph_ends.learn(all_blocks(scan.pages, set(), []), width)
    assert not model.blank_habit and 0.15 < model.full_share < 0.4
    assert model.rates[("quoted stop", "quote")] >= paragraph_ends.DECIDE
    assert model.rates.get(("stop", "capital"), 0) < paragraph_ends.DECIDE
    assert max(model.rates.values()) <= paragraph_ends.RATE_MAX
    assert paragraph_ends.learn([], None).rates == {}  # not hard-wrapped: nothing to learn


# --- lines the OCR ran together -------------------------------------------------------------


def test_a_merged_line_is_split_at_the_paragraph_end_inside_it(tmp_path_factory):
    # Emerson, printed page 32: "of the state depends on the see-saw. There is, however, a
    # speedy limit to the use" is a paragraph's short last line and the next one's first
    built = _build("emerson-1850-pp30-33-merged-line.txt", tmp_path_factory)
    ended = _paragraph_with(built, "depends on the see-saw")
    assert ended.text.endswith("the health of the state depends on the see-saw.")
    assert any(p.startswith("There is, however, a speedy limit to the use of heroes.")
               for p in _paragraphs(built))
    split = [e for e in built.edition.edits if e.rule == paragraph_ends.RULE]
    assert len(split) == 1 and split[0].start == split[0].end
    raw = built.edition.scan.raw
    assert raw[split[0].start - 8 : split[0].start + 6] == "see-saw. There"
    # accounting holds: build_file refuses an edition whose raw characters are not all kept
    # or recorded, and the space at the cut is whitespace between two paragraphs


def test_merged_splits_need_an_over_long_line_and_a_printed_line_after():
    line = "of the state depends on the see-saw. There is, however, a speedy limit to the use"
    cuts = paragraph_ends.merged_splits(line, 46)
    assert [line[c - 8 : c] for c in cuts] == ["see-saw."]
    assert paragraph_ends.merged_splits(line, 70) == []  # not over-long against this measure
    # a sentence end near the line's end leaves no printed line after it
    assert paragraph_ends.merged_splits("not first say to myself. Other men are lenses "
                                        "through which we read our own minds. Each", 47) == []


# --- blank lines and page turns ---------------------------------------------------------------


def test_a_double_spaced_stretch_is_not_a_stretch_of_one_line_paragraphs(tmp_path_factory):
    # Reid, printed page 108: chapter XIV opens on a page the OCR set a blank line after every
    # line; the paragraph runs on over them, and a full line ending a sentence ends no paragraph
    built = _build("reid-vee-boers-pp107-108-double-spaced.txt", tmp_path_factory)
    paragraph = _paragraph_with(built, "the direction to be taken")
    for passage in ("A S yet the alarmed emigrants had not decided on the direction to be taken. "
                    "Up stream was that which led to the district",
                    "determine the route. Hurried it was, and without unanimity of opinion. Jan"):
        assert passage in paragraph.text
    # the heading's lines, each set apart by its blank line, stay the division's heading
    assert [b.text for b in built.edition.divs[-1].heads] == ["CHAPTER XIV.", 'CROSSING A "DRIFT."']


def test_a_paragraph_runs_on_over_a_plate(tmp_path_factory):
    # Reid, scan pages 68-71: "... when he felt the horse sink beneath" / a plate (specks of
    # OCR only) / its blank back / "him, and himself going a \"cropper\" over neck and head."
    built = _build("reid-vee-boers-pp48-57-plate.txt", tmp_path_factory)
    paragraph = _paragraph_with(built, "sink beneath")
    assert "the horse sink beneath hiin, and himself going a" in paragraph.text
    breaks = [n.page for n in paragraph.children if isinstance(n, PageBreak)]
    assert breaks[-3:] == [5, 6, 7]  # the plate, its back, the page the text goes on on


# --- titles before a name -------------------------------------------------------------------


def test_a_title_before_a_name_ends_no_sentence():
    # Marshall, scan 41: "... and the numerous letters of Godwin and Mrs." / "Godwin when either
    # was absent from home" (43 and 39 of a measure of 46): the book's rates made a paragraph
    # end of the full stop after "Mrs."
    join = paragraph_ends.Join("and the numerous letters of Godwin and Mrs.",
                               "Godwin when either was absent from home", 43, 39, 46)
    assert join.shape == ("title", "capital")
    assert not paragraph_ends.sentence_shape(join.shape)
    # however often the book ends its paragraphs at a full stop before a capital
    model = paragraph_ends.EndModel(rates={("stop", "capital"): paragraph_ends.RATE_MAX})
    assert model.ends(join) == (False, "")
    stop = paragraph_ends.Join("No continuous record exists of the family life.",
                               "Godwin when either was absent from home", 43, 39, 46)
    assert model.ends(stop)[0]
    assert paragraph_ends.ending("with the wife of St.") == "title"
    assert paragraph_ends.ending("a word of the MSt.") == "stop"  # not a title: part of a word


def test_a_merged_line_is_not_split_after_a_title():
    # the two Marshall lines above, as the OCR would run them together
    line = "and the numerous letters of Godwin and Mrs. Godwin when either was absent from home"
    assert paragraph_ends.merged_splits(line, 46) == []
    assert paragraph_ends.merged_splits(line.replace("Mrs.", "Mrs"), 46) == []
    assert paragraph_ends.merged_splits(line.replace("and Mrs.", "died."), 46) != []
