"""The hyphen rule, on the words the Krivitsky scan splits across pages and on made-up evidence."""

from __future__ import annotations

import pytest

from edition.rules.hyphenation import decide, hyphen_style
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
    ("long", "term", False),  # "longterm" Zipf 2.8, far under "term"
    ("there", "of", True),  # "thereof" 3.7: under its halves, but a word that common joins
    ("ship", "wreck", True),  # Smollett, Marshall: "shipwreck" 3.1
    ("to", "me", False),  # Coleridge: "so new to-/me", not "tome" (3.2, far under "me")
    ("ex", "penses", True),  # Finley 1876: a word's first syllable, not the prefix ex-
    ("ex", "ertions", True),
    ("pro", "claim", True),  # Persuasion: "proclaim" 3.3
    ("ex", "president", False),  # the prefix before a word
    ("self", "respect", False),
])
def test_lexicon(left, right, join):
    assert decide(left, right, BookWords("")).join is join


def test_prefix_and_suffix_rules_and_uncertainty():
    assert not decide("self", "zqxjv", BookWords("")).join
    result = decide("qzv", "tion", BookWords(""))
    assert result.join and "suffix" in result.evidence
    unsure = decide("qzv", "wxq", BookWords(""))
    assert unsure.join and unsure.uncertain


# --- every line-end hyphen, every language (issue 14) ----------------------------------

def _reading(raw: str) -> str:
    from edition.pipeline import build
    from edition.read.text import read_text
    from edition.write.text import edition_text

    return " ".join(edition_text(build(read_text(raw, "t"))).split())


#: Lines of ordinary prose to set a measure around the lines under test.
PAD = "\n".join(["The school stood at the end of the lane beside the old churchyard."] * 6)


@pytest.mark.parametrize("mark", ["-", "\u2010", "\u00ad", "¬", "⸗"])
def test_every_line_end_hyphen_joins_a_broken_word(mark):
    text = _reading(f"{PAD}\nthe clothes were dried before the les{mark}\nsons began at nine.\n")
    assert "before the lessons began" in text and mark not in text


def test_equals_is_a_hyphen_only_in_a_book_that_uses_it_so():
    fraktur = "\n".join(f"die {word}=\nsammlung war groß." for word in ("Ver", "Be", "Zu"))
    assert hyphen_style(fraktur).broken("die Versamm=") == ("Versamm", "=")
    assert hyphen_style("a = b\nc = d\n").broken("x =") is None  # an equation, not a hyphen


def test_a_kept_compound_reads_with_a_hyphen_whatever_mark_the_ocr_wrote():
    # Tesseract's soft hyphen at the end of "self" / "respect" (field case 02)
    text = _reading(f"{PAD}\nand she was held in great respect, though her self\u00ad\n"
                    "respect never allowed her to beg.\n")
    assert "though her self-respect never allowed" in text and "\u00ad" not in text


def test_nfd_accents_and_a_broken_word():
    text = _reading(f"{PAD}\nLes phrases sont re\u0301pe\u0301\u00ad\ntées chaque jour ici.\n")
    assert "répétées" in text  # NFC, joined


@pytest.mark.parametrize("left,conjunction,rest,lang", [
    ("eighteenth", "and", "nineteenth-century chemists", "en"),
    ("pre", "and", "post-war factories", "en"),
    ("mid", "to", "long-term stability", "en"),
    ("Haupt", "und", "Nebenstraßen der Stadt", "de"),
    ("Vor", "oder", "Nachteile", "de"),
    ("micro", "et", "macro-économie", "fr"),
])
def test_a_suspended_compound_keeps_its_hyphen_and_its_space(left, conjunction, rest, lang):
    decision = decide(left, conjunction, BookWords(""), lang)
    assert not decision.join and decision.space
    # but a word broken before what looks like a conjunction is joined ("thous- / and")
    assert decide("thous", "and", BookWords(""), "en").join


def test_both_halves_words_the_joined_form_must_be_as_common():
    book = BookWords("")
    assert not decide("long", "term", book).join          # "longterm" is rare on the web
    assert not decide("dinner", "time", book).join
    assert not decide("seven", "eighths", book).join      # no word at all
    assert decide("every", "where", book).join
    assert decide("lame", "ness", book).join              # a suffix
    assert decide("im", "partially", book).join           # a prefix that never stands alone
    assert decide("be", "speak", book).join


def test_a_closed_up_dash_at_a_line_end_joins_without_a_space():
    text = _reading(f"{PAD}\nwhich could be heard at the other end of the village—\n"
                    "and even, it was said, in the next parish—the whole—of it.\n")
    assert "of the village—and even" in text
    spaced = _reading(f"{PAD}\nwhich could be heard at the other end of the village —\n"
                      "and even, it was said, in the next parish — the whole — of it.\n")
    assert "of the village — and even" in spaced


def test_a_short_item_still_joins_its_broken_words():
    # a one-page notice of a few lines: too little to measure paragraphs, not to join words
    text = _reading("NOTICE\n\nThe society thanks its sub-\nscribers for their kind sup-\n"
                    "port this year, and asks them to renew their sub-\nscriptions.\n")
    assert "its subscribers for their kind support" in text and "subscriptions" in text


def test_ligatures_become_letters_and_each_change_is_recorded():
    from edition.check.accounting import account
    from edition.pipeline import build
    from edition.read.text import read_text
    from edition.write.text import edition_text

    scan = read_text(f"{PAD}\nAn oﬃce worker ﬁnds the ﬂower beds suﬀer; the diﬃ-\nculty of "
                     "it, and the long s of Paſſau stays.\n", "t")
    edition = build(scan)
    text = edition_text(edition)
    assert "An office worker finds the flower beds suffer; the difficulty" in text
    assert "Paſſau" in text  # the long s is a letter as printed, not a ligature
    ligatures = [e for e in edition.edits if e.rule == "ligature"]
    assert [scan.raw[e.start:e.end] for e in ligatures] == ["ﬃ", "ﬁ", "ﬂ", "ﬀ", "ﬃ"]
    assert account(edition).complete


def test_the_ocr_engines_word_decides_after_the_book_and_is_named():
    from edition.rules.hyphenation import engine_verdict

    empty = BookWords("")
    # no evidence in the book: the engine's reading decides, before the lexicon and the default
    joined = decide("Stub", "ben", empty, engine="Stubben")
    assert joined.join and not joined.uncertain and "OCR engine" in joined.evidence
    kept = decide("Chur", "Fürst", empty, engine="Chur-Fürst")
    assert not kept.join and "OCR engine" in kept.evidence
    # the book's own spelling outvotes the engine, whose reading is still in the note
    book = BookWords("Chur-Fürst Chur-Fürst Chur-Fürst")
    ruled = decide("Chur", "fürst", book, engine="Churfürst")
    assert not ruled.join and "in this book" in ruled.evidence and "Churfürst" in ruled.evidence
    # punctuation the engine keeps with the word does not matter; another word is no verdict
    assert engine_verdict("bil", "den", "bilden,") is True
    assert engine_verdict("bil", "den", "Bilder") is None
    assert decide("bil", "den", empty) == decide("bil", "den", empty, engine="")


def test_fraktur_hyphens_end_a_broken_word():
    from edition.rules.hyphenation import HyphenStyle

    style = HyphenStyle(marks="-⸗¬=")  # a book that uses "=" as its hyphen
    for hyphen in "-⸗¬=":
        assert style.broken(f"Men{hyphen}") == ("Men", hyphen)
    assert style.broken("Men—") is None
