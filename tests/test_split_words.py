"""Words split at a line end without a hyphen, on real pages of an OCR that drops hyphens
(Finley) and of one that keeps them (Persuasion)."""

from __future__ import annotations

from edition.build import build_file
from edition.check.accounting import account
from edition.rules import split_words
from edition.rules.lexicon import BookWords
from edition.write.text import edition_text

from .conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "corpus"
FINLEY = CORPUS / "finley-1876-scan137-141.txt"
PERSUASION = CORPUS / "persuasion-1901-p1-40.txt"


def _book(path):
    return BookWords(path.read_text(encoding="utf-8"))


def test_split_words_with_evidence_are_joined_without_it_left(tmp_path):
    built = build_file(FINLEY, tmp_path)
    text = edition_text(built.edition)
    assert "worthy to be the daughter of such a mother" in text  # 'daugh' is no word
    assert "good readers" in text  # '-ers' is a suffix, never a word of its own
    # both halves words, and the book spells 'afternoon' only once: no evidence, two words
    assert "in the after noon." in text
    joins = [e for e in built.edition.edits if e.rule == split_words.RULE]
    assert {e.note.split(":")[0] for e in joins} == {"daugh|ter", "read|ers"}
    assert all(not e.uncertain and e.start == e.end and "Zipf" in e.note for e in joins)
    assert account(built.edition).complete


def test_two_words_join_only_where_the_ocr_drops_hyphens_and_the_book_spells_them():
    finley, persuasion = _book(FINLEY), _book(PERSUASION)
    assert split_words.lost_hyphens(finley) >= split_words.LOST_HYPHEN_MIN
    assert split_words.lost_hyphens(persuasion) < split_words.LOST_HYPHEN_MIN
    joined = split_words.decide("her", "self", finley)  # 'herself' 3× in these pages
    assert joined is not None and joined.uncertain
    assert persuasion["herself"] >= 2  # spelled, but this OCR keeps its hyphens: two words
    assert split_words.decide("her", "self", persuasion) is None


def test_a_pair_the_book_sets_on_one_line_is_never_joined():
    book = BookWords("the abo\nlition of it\nsome thing or other\nsomething and something")
    assert split_words.decide("some", "thing", book) is None
    assert split_words.decide("abo", "lition", BookWords("abolition abolition")) is not None
    assert split_words.decide("a", "way", BookWords("away away")) is None  # one letter: no break
    assert split_words.decide("daugh", "Ter", BookWords("")) is None  # a capital begins a word
