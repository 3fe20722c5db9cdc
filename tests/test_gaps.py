"""The text-lost rule: only where a sentence cannot go on, never at verse, headings or specks."""

from __future__ import annotations

from edition.model import Block, Line, Text
from edition.rules.gaps import mark_gaps, sentence_breaks_off

PROSE = ("Zhukov told Bezymensky that in early June 1941 it was obvious to most of the high "
         "command that the Germans were preparing to invade, with the maps ")


def _block(text: str, page: int = 0) -> Block:
    return Block("p", [Text(text, 0, len(text))], page, Line(0, len(text), text))


def test_a_sentence_ending_in_a_word_that_never_ends_one_is_text_lost():
    # the shapes of the three losses in the LRB repost (tei/ali-lrb-2019.xml)
    for before in (PROSE + "entered on", PROSE + "letter to", PROSE + "and would"):
        assert sentence_breaks_off(before, "A few days passed and Stalin called for me.")
    assert sentence_breaks_off(PROSE + "and would", "Arming the people in Moscow and Leningrad")
    blocks = [_block(PROSE + "entered on"), _block("A few days passed " * 5, 1)]
    warnings = mark_gaps(blocks)
    assert [w.code for w in warnings] == ["W201"] and warnings[0].page == 1


def test_no_text_lost_at_a_possible_sentence_end_a_heading_verse_or_a_speck():
    # a content word can end a sentence whose stop the OCR lost
    assert not sentence_breaks_off(PROSE + "the result", "Mr. Travers has written on it.")
    # a run-in heading (Cooper, 1835): the sentence goes on in the heading
    assert not sentence_breaks_off("I shall next speak of the",
                                   "LOCAL TREATMENT OF INFLAMMATION.")
    # a speck at the top of a page before the sentence's next words
    assert not sentence_breaks_off(PROSE + "which takes the", "J course of the spermatic cord")
    # after an article or a preposition, an emphasised noun or a name may go on (Cooper's
    # "... Now then, as to the / Treatment . — Your first", Smollett's "... to / Yan-oni")
    assert not sentence_breaks_off(PROSE + "as to the", "Treatment is as follows: in the")
    assert not sentence_breaks_off(PROSE + "another battle to", "Yan-oni, Yan-oni, and divers")
    # a run-in side heading in title case
    assert not sentence_breaks_off(PROSE + "communicated by", "The Bite of the Viper not unfre")
    # a page number the OCR garbled at the end: the last word is not "a"
    assert not sentence_breaks_off(PROSE + "talking of them. i8a", "The Admiral came in.")
    # verse: lines of a stanza are short blocks, each beginning with a capital
    stanza = ["The fields are bare, the year is old,", "The swallows all are flown;",
              "and the lad that went across the sea", "Comes home to find his own.",
              "But hearts still beat as high with love", "As once they used to do—"]
    assert mark_gaps([_block(line) for line in stanza]) == []


def test_the_rule_speaks_the_book_language():
    assert sentence_breaks_off(PROSE + "und", "Die Stadt war groß.", "de")
    assert not sentence_breaks_off(PROSE + "und", "Die Stadt war groß.", "fr")
    assert sentence_breaks_off(PROSE + "dans", "La ville était grande.", "fr")


def test_no_text_lost_before_a_quotation_the_paragraph_introduces():
    # Coleridge (1834), printed page 51: a verse quotation set apart after "that"
    before = "had written a long and argumentative essay to persuade them, that"
    assert not sentence_breaks_off(PROSE + before, '"Fair is foul, and foul is fair;"')
    assert not sentence_breaks_off(PROSE + "liberal education, and not",
                                   '"With academic laurels unbestowed;"')


def test_an_auxiliary_can_end_a_sentence_whose_stop_the_ocr_lost():
    # Finley 1876, scan 66: "...our story has little or nothing to do" (the book prints "do.")
    assert not sentence_breaks_off(PROSE + "has little or nothing to do",
                                   "The two captains, the wife of the one and the son")
    assert not sentence_breaks_off(PROSE + "weil er krank ist", "Der Arzt kam am Abend.", "de")
    assert sentence_breaks_off(PROSE + "a profusion of thanks and", "Mildred was glad to find")


def test_a_passive_ends_with_its_preposition():
    # Reid 1879, p. 48: "...with rivalry of another sort presently to be spoken of" (the
    # book prints "of."), then a new paragraph
    assert not sentence_breaks_off(PROSE + "presently to be spoken of",
                                   "Their horses being of lighter hoof than the heavy bovines")
    assert not sentence_breaks_off(PROSE + "and the doctor was sent for", "The night was long.")
    assert sentence_breaks_off(PROSE + "the rivalry of", "Their horses being of lighter hoof")
