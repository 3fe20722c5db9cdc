"""The hyphen rule, on the words the Krivitsky scan splits across pages and on made-up evidence."""

from __future__ import annotations

import pytest

from edition.rules.hyphenation import decide
from edition.rules.lexicon import BookWords

SPLITS = {  # left, right -> the reading the printed book intends
    ("bureau", "crats"): "bureaucrats", ("Polit", "bureau"): "Politbureau",
    ("compli", "cated"): "complicated", ("publi", "cation"): "publication",
    ("Ger", "man"): "German", ("Com", "munist"): "Communist", ("under", "stood"): "understood",
    ("organiz", "ing"): "organizing", ("regis", "tered"): "registered",
    ("con", "viction"): "conviction", ("counter", "revolutionary"): "counter-revolutionary",
    ("cigar", "ettes"): "cigarettes", ("rela", "tions"): "relations",
    ("acquaint", "ance"): "acquaintance", ("Spiegel", "glass"): "Spiegelglass",
    ("arrange", "ment"): "arrangement",
}


def test_every_word_split_across_a_krivitsky_page_is_read_right(edition):
    text = " ".join(b.text for b in edition.blocks())
    decisions = [e for e in edition.edits if e.rule == "hyphen-join"]
    assert len(decisions) == len(SPLITS)
    for word in SPLITS.values():
        assert word in text, word
    assert "bureau-crats" not in text and "bureau crats" not in text
    assert all(not e.uncertain and "in this book" in e.note for e in decisions)


def test_the_book_decides_first():
    book = BookWords("the bureaucrats and counter-revolutionary forces")
    assert decide("bureau", "crats", book).join
    assert not decide("counter", "revolutionary", book).join
    assert "in this book" in decide("bureau", "crats", book).evidence


def test_capital_after_hyphen_keeps_it():
    assert not decide("anti", "Soviet", BookWords("")).join


@pytest.mark.parametrize(("left", "right", "join"), [
    ("under", "stood", True),  # a common word
    ("dinner", "time", False),  # both halves are words, the joined form is not
])
def test_lexicon(left, right, join):
    assert decide(left, right, BookWords("")).join is join


def test_prefix_and_suffix_rules_and_uncertainty():
    assert not decide("self", "zqxjv", BookWords("")).join
    result = decide("qzv", "tion", BookWords(""))
    assert result.join and "suffix" in result.evidence
    unsure = decide("qzv", "wxq", BookWords(""))
    assert unsure.join and unsure.uncertain


def test_the_ocr_engines_word_decides_after_the_book_and_is_named():
    from edition.rules.hyphenation import engine_verdict

    empty = BookWords("")
    # no evidence in the book: the engine's reading decides, before the lexicon and the default
    joined = decide("Stub", "ben", empty, "Stubben")
    assert joined.join and not joined.uncertain and "OCR engine" in joined.evidence
    kept = decide("Chur", "Fürst", empty, "Chur-Fürst")
    assert not kept.join and "OCR engine" in kept.evidence
    # the book's own spelling outvotes the engine, whose reading is still in the note
    book = BookWords("Chur-Fürst Chur-Fürst Chur-Fürst")
    ruled = decide("Chur", "fürst", book, "Churfürst")
    assert not ruled.join and "in this book" in ruled.evidence and "Churfürst" in ruled.evidence
    # punctuation the engine keeps with the word does not matter; another word is no verdict
    assert engine_verdict("bil", "den", "bilden,") is True
    assert engine_verdict("bil", "den", "Bilder") is None
    assert decide("bil", "den", empty) == decide("bil", "den", empty, "")


def test_fraktur_hyphens_end_a_broken_word():
    from edition.rules.hyphenation import BROKEN

    for hyphen in "-⸗¬=":
        assert BROKEN.search(f"Men{hyphen}").group(1) == "Men"
    assert BROKEN.search("Men—") is None
