"""Block quotations, speech, closers and the end-of-scan gap."""

from __future__ import annotations

from edition.model import Block, Gap, Line, PageBreak, Text
from edition.rules.divisions import Opening
from edition.structure.assemble import Div, mark_truncation
from edition.structure.closers import find_closer
from edition.structure.quotes import find_quotes


def _p(text: str, kind: str = "p") -> Block:
    return Block(kind, [Text(text, 0, len(text))], 0, Line(0, len(text), text))


def test_a_multi_paragraph_quotation_runs_until_a_paragraph_closes_it():
    items = [_p("this account appeared in the New York Times:"),
             _p('"FLOOD OF FAKE BILLS', "head"), _p('"The origin of the notes.'),
             PageBreak(3), _p('"The notes were made six years ago."'), _p("From this point on.")]
    assert find_quotes(items) == [(1, 5, "quote")]


def test_speech_after_a_verb_of_speaking_is_said():
    items = [_p("He looked up and asked:"), _p("“When did you serve last?”"), _p("I answered.")]
    assert find_quotes(items) == [(1, 2, "said")]


def test_no_quotation_without_an_introducing_colon():
    assert find_quotes([_p("He left."), _p('"Yes," she said.')]) == []


def test_krivitsky_newspaper_article_is_one_quotation(tei):
    from .conftest import TEI_NS

    quote = tei.find('.//t:p[@rend="heading"]', TEI_NS).getparent()
    assert quote.tag.endswith("quote")
    paras = quote.findall("t:p", TEI_NS)
    assert paras[0].text.startswith('"FLOOD OF FAKE BILLS')
    assert len(paras) == 4


def test_closer_needs_a_signature():
    items = [_p("A long paragraph of the body text ends here."), _p("W. G. KRIVITSKY."),
             _p("New York, October 1939.")]
    assert find_closer(items) == 1
    assert [b.role for b in items[1:]] == ["signed", "dateline"]
    assert find_closer([_p("Body text here."), _p("London, 1939.")]) is None


def test_a_scan_that_stops_mid_sentence_ends_with_a_gap():
    opening = Opening(0, "I", "T", None, None, None)
    div = Div("ch1", "chapter", "I", opening, items=[_p("It was now the theatre hour, with no cars par")])
    warnings = mark_truncation([div])
    assert isinstance(div.items[-1].children[-1], Gap) and "mid-sentence" in warnings[0].message
    assert warnings[0].code == "W202"
    whole = Div("ch1", "chapter", "I", opening, items=[_p("I got away safely once more.")])
    assert mark_truncation([whole]) == []


def test_a_paragraph_cut_mid_sentence_in_a_scanned_book_is_no_quotation():
    """Smollett's Atom (1769): "... It is reported" / "that Commodore North will be sent ...":
    in a scanned book the quotation marks are printed, so a paragraph that goes on in lower
    case is one the OCR or the paragraph rule cut. In an article reposted without its marks
    (the LRB review) such a paragraph completes the sentence before it as a quotation."""
    from edition.structure.assemble import assemble

    def items() -> list[Block | PageBreak]:
        return [_p("year. It is reported"), _p("that Commodore North will be sent with a squadron")]

    _, divs = assemble(items(), [], 0, "text")
    assert [getattr(i, "kind", None) for i in divs[0].items] == ["p", "p"]
    _, divs = assemble(items(), [], 0, "article")
    assert type(divs[0].items[1]).__name__ == "Group"
