"""The long-s rule: on real pages of a 1769 book whose OCR read every long s as f, and on
modern pages that must be left alone."""

from __future__ import annotations

import pytest
from lxml import etree

from edition.build import build_file
from edition.check.accounting import account
from edition.check.validate import validate_file
from edition.rules import long_s
from edition.rules.lexicon import BookWords
from edition.write.text import diplomatic_text, edition_text, tei_text

from .conftest import ROOT, TEI_NS

CORPUS = ROOT / "tests" / "data" / "corpus"
SMOLLETT = CORPUS / "smollett-1769-scan29-33.txt"
FINLEY = CORPUS / "finley-1876-pp36-285.txt"
PERSUASION = CORPUS / "persuasion-1901-p1-40.txt"


@pytest.fixture(scope="module")
def smollett(tmp_path_factory):
    return build_file(SMOLLETT, tmp_path_factory.mktemp("smollett"))


def _signature(path):
    return long_s.signature(BookWords(path.read_text(encoding="utf-8")).forms().items())


def test_signature_on_for_the_long_s_book_off_for_modern_ones():
    old = _signature(SMOLLETT)
    assert old.on and old.ratio > 5 * long_s.SIGNATURE_MIN
    modern = _signature(PERSUASION)  # forty pages: enough tokens, and almost no evidence
    assert modern.tokens >= long_s.SIGNATURE_MIN_TOKENS and not modern.on
    assert modern.ratio < long_s.SIGNATURE_MIN / 10


def test_readings_never_put_a_long_s_at_a_word_end_or_for_a_capital():
    assert long_s.readings("himfelf") == ["himself"]  # the last f is no long s
    assert long_s.readings("of") == [] and long_s.readings("Fuch") == []
    assert set(long_s.readings("fafe")) == {"safe", "fase", "sase"}


def test_decide_restores_only_where_the_f_reading_is_no_word_or_far_rarer():
    book = BookWords("")
    assert long_s.decide("fuch", book).restored == "such"
    assert long_s.decide("Chinefe", book).restored == "Chinese"
    assert long_s.decide("fo", book).restored == "so"  # "fo" is listed, a hundredfold rarer
    assert long_s.decide("for", book) is None and long_s.decide("after", book) is None
    for ambiguous in ("fame", "fail", "fit"):
        reading = long_s.decide(ambiguous, book)
        assert reading is not None and reading.uncertain and reading.restored == ""
    assert long_s.decide("Japonefe", book) is None  # no reading is a word: a name, left


def test_the_books_own_s_spelling_makes_a_reading_a_word():
    name = "Yakftrot"
    assert long_s.decide(name, BookWords("")) is None
    assert long_s.decide(name, BookWords("Yakstrot came. Yakstrot went.")).restored == "Yakstrot"


def test_long_s_pages_are_restored_in_the_reading_text(smollett):
    text = edition_text(smollett.edition)
    assert "himself" in text and "himfelf" not in text
    assert "purpose of marriage" in text  # "pur-" / "pofe": restored across the broken line
    assert "dangeroufly" not in text and "dangerously" in text
    assert "Fox of four guineas" in text  # a capital F is never a long s
    assert account(smollett.edition).complete


def test_every_restoration_is_an_f_read_as_s_with_its_evidence(smollett):
    edits = [e for e in smollett.edition.edits if e.rule == long_s.RULE]
    raw = smollett.edition.scan.raw
    restored = [e for e in edits if not e.uncertain]
    assert len(restored) > 50
    for e in restored:
        before = raw[e.start:e.end]
        assert len(before) == len(e.replacement)
        changed = [(a, b) for a, b in zip(before, e.replacement, strict=True) if a != b]
        assert changed and all(pair == ("f", "s") for pair in changed)
        assert "Zipf" in e.note and "in this book" in e.note


def test_ambiguous_words_are_left_as_scanned_and_flagged(smollett):
    raw = smollett.edition.scan.raw
    flagged = [e for e in smollett.edition.edits if e.rule == long_s.RULE and e.uncertain]
    fame = [e for e in flagged if raw.startswith("fame", e.start)]
    assert fame and all(e.start == e.end for e in fame)
    assert "the fame manner" in edition_text(smollett.edition)
    assert any(w.code == "W401" and "long-s" in w.message for w in smollett.edition.warnings)


def test_tei_keeps_the_ocrs_f_in_orig_and_s_in_reg(smollett):
    assert validate_file(smollett.path) == []
    root = etree.parse(str(smollett.path)).getroot()
    pairs = {(c.findtext("t:orig", namespaces=TEI_NS), c.findtext("t:reg", namespaces=TEI_NS))
             for c in root.iterfind(".//t:choice", TEI_NS)}
    assert ("himfelf", "himself") in pairs
    assert "himself" in tei_text(root)
    diplomatic = diplomatic_text(root)
    assert "himfelf" in diplomatic and "himself" not in diplomatic
    header = root.find(".//t:editorialDecl/t:normalization/t:p", TEI_NS)
    assert header is not None and "long s as f" in "".join(header.itertext())


def test_modern_pages_are_left_alone(tmp_path):
    built = build_file(FINLEY, tmp_path)
    assert not built.edition.long_s.on
    assert not [e for e in built.edition.edits if e.rule == long_s.RULE]
    text = edition_text(built.edition)
    assert "earn fame and fortune" in text  # a word either way
    assert "return it foon." in text  # an OCR slip, not a typeface: no rule of this book
