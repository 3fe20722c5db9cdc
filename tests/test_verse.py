"""Verse: stanzas kept as lines, never reflowed into prose; epigraphs under headings."""

from __future__ import annotations

from edition.model import Block, Line, LineJoin, Text
from edition.pipeline import build
from edition.read.text import read_scan
from edition.rules.verse import split_verse, verse_like
from edition.write.tei import to_tei
from edition.write.text import tei_text

from .conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "corpus"
FIELD = ROOT / "tests" / "data" / "field" / "12-verse-emdash-pagebreak" / "raw.txt"
T = "{http://www.tei-c.org/ns/1.0}"


def _tei(path):
    return to_tei(build(read_scan(path)))


def _stanzas(root):
    return [[" ".join("".join(ln.itertext()).split()) for ln in lg.iter(f"{T}l")]
            for lg in root.iter(f"{T}lg")]


def _block(lines: list[str]) -> Block:
    """A block of raw lines, as the page reader makes one."""
    raw = "\n".join(lines)
    children, at, made = [], 0, []
    for k, text in enumerate(lines):
        line = Line(at, at + len(text), text)
        made.append(line)
        if k:
            children.append(LineJoin(width=len(lines[k - 1].strip()), line=line))
        lead = len(text) - len(text.lstrip())
        children.append(Text(text.strip(), at + lead, at + len(text.rstrip())))
        at += len(text) + 1
    assert raw
    return Block("p", children, 0, made[0])


def test_indented_stanzas_and_a_dash_at_the_page_foot():
    root = _tei(FIELD)
    stanzas = _stanzas(root)
    assert [len(s) for s in stanzas] == [4, 2, 4]
    assert stanzas[1][-1] == "As once they used to do—"  # never joined to the next page
    assert stanzas[2][2] == "for the lad is home, the corn is in,"  # lower case, still a line
    text = tei_text(root)
    assert "But hearts still beat as high with love\nAs once they used to do—\n\n" in text


def test_blank_verse_quoted_in_prose():
    stanzas = _stanzas(_tei(CORPUS / "coleridge-1817-scan133-verse.txt"))
    english = next(s for s in stanzas if s[0].startswith("Keen pangs of love"))
    assert english[1] == "Turbulent, with an outcry in the heart,"
    assert len(english) >= 10


def test_an_epigraph_as_wide_as_the_prose_opening_a_chapter():
    stanzas = _stanzas(_tei(CORPUS / "marshall-1889-scan24-epigraph.txt"))
    assert stanzas and stanzas[0][0] == "They say that thou wert lovely from thy birth,"
    assert len(stanzas[0]) >= 7


def test_an_epigraph_under_a_chapter_heading():
    root = _tei(CORPUS / "finley-1876-scan248-251-epigraph.txt")
    epigraph = root.find(f".//{T}div/{T}epigraph")
    assert epigraph is not None
    lines = [" ".join("".join(ln.itertext()).split()) for ln in epigraph.iter(f"{T}l")]
    assert lines == ['" Seldom shall she hear a tale', 'So sad, so tender, and so true."']
    first = epigraph.getnext()
    assert first.tag == f"{T}p" and "".join(first.itertext()).startswith("HORACE DINSMOKE")


def test_dialogue_and_prose_are_never_verse():
    assert not _stanzas(_tei(CORPUS / "persuasion-1901-p1-40.txt"))
    # dialogue set line by line: every line ends a speech
    lines = ['Frederick, is to marry James Benwick. You know', 'James Benwick?"',
             '"A little. I am a little acquainted with Captain', 'Benwick."']
    assert [b.kind for b in split_verse(_block(lines), 52, 0)] == ["p"]
    # prose lines that open with capitals but fill the measure and break words
    lines = ["Perhaps, too, she saw that home in a new light.",
             "After the well-ordered, cheerful family life of the",
             "Baxters, the somewhat Bohemianism of Skinner",
             "Street may have seemed a little strange. A"]
    assert [b.kind for b in split_verse(_block(lines), 51, 0)] == ["p"]


def test_a_stanza_inside_a_paragraph_is_cut_out_of_it():
    lines = ["which I took down afterwards as well as I could remember it, and",
             "which the shepherd sang to us in his cracked old voice that night:",
             "The fields are bare, the year is old,",
             "The swallows all are flown;",
             "And the lad that went across the sea",
             "Comes home to find his own.",
             "When the song was finished there was a great deal of applause."]
    parts = split_verse(_block(lines), 64, 0)
    assert [b.kind for b in parts] == ["p", "lg", "p"]
    assert parts[1].line.text == "The fields are bare, the year is old,"


def test_what_a_verse_line_is_not():
    assert verse_like("The swallows all are flown;", 60)
    assert not verse_like("CHAPTER THE FIRST", 60)  # capitals: a heading
    assert not verse_like("Acute and Chronic Inflammation 18", 60)  # a contents entry
    assert not verse_like("the consent of the bishops as the test of true doc-", 60)
    assert not verse_like("I.", 60)


def test_paragraphs_a_line_each_are_not_verse():
    # a text that is not hard-wrapped (no measure) sets a paragraph a line: long lines
    lines = ["There are conspiracies plotted by men lusty for power or vengeance, and there "
             "are conspiracies plotted by the course of events.",
             "It is a mystery which continues to baffle the mind of the world. Everywhere "
             "still people ask these questions:",
             "Why did Stalin behead the Red Army at a time when Hitler was generally believed "
             "to be feverishly preparing for war?",
             "It was on June 11, 1937, that the Kremlin announced the sudden discovery of a "
             "conspiracy by the great General Tukhachevsky and eight of the high"]
    assert [b.kind for b in split_verse(_block(lines), None, 0)] == ["p"]


def test_an_epigraphs_attribution_takes_in_no_prose_after_it():
    # Finley 1876, chapter I: "BBYAOT." (Bryant) under the epigraph, then the chapter's
    # first paragraph, blank lines between them as between the OCR's other lines
    root = _tei(CORPUS / "finley-1876-scan13-14-epigraph-prose.txt")
    epigraph = root.find(f".//{T}div/{T}epigraph")
    assert epigraph is not None
    assert ["".join(b.itertext()) for b in epigraph.iter(f"{T}bibl")] == ["BBYAOT."]
    first = epigraph.getnext()
    assert first.tag == f"{T}p" and "".join(first.itertext()).startswith("A SPRING morning")



def test_a_chapter_whose_heading_the_ocr_lost_opens_at_its_epigraph():
    """Finley's Mildred Keith (1876): the chapters open with an epigraph under a black-letter
    heading the OCR mostly lost. Where two headings were read ("Cjjapttr", "Cjjapte S") with an
    epigraph under each, a page opening with an epigraph and its garbled attribution ("BTBOH."
    for Byron) before the chapter's prose opens a chapter too (chapter V; cert low), the
    epigraph kept as one; the quotations inside the chapters open nothing."""
    edition = build(read_scan(CORPUS / "finley-1876-epigraph-openings.txt"))
    assert [(o.page, o.cert, o.epigraph) for o in edition.openings] == [
        (1, "", False), (3, "low", True), (5, "", False)]
    root = to_tei(edition)
    divs = list(root.iter(f"{T}div"))
    lost = next(d for d in divs if d.get("cert") == "low")
    epigraph = lost.find(f"{T}epigraph")
    assert epigraph is not None
    lines = [" ".join("".join(ln.itertext()).split()) for ln in epigraph.iter(f"{T}l")]
    assert lines[0] == '" Hark I to the hurried question of despair :'
    assert ["".join(b.itertext()) for b in epigraph.iter(f"{T}bibl")] == ["BTBOH."]
    assert "".join(epigraph.getnext().itertext()).startswith("' How did you learn")


def test_dialogue_at_a_page_head_is_no_epigraph():
    from edition.rules.verse import epigraph_at

    def lines(*texts: str) -> list[Line]:
        return [Line(k * 100, k * 100 + len(t), t) for k, t in enumerate(texts)]

    # Finley, scans 23 and 37: speech at the head of a page, and a quotation a character reads
    assert epigraph_at(lines('" It will be cool on the water."',
                             "\" Yes, that's true ; and I'll take youi ad-", 'rice."')) is None
    assert epigraph_at(lines('" Lessons so dear, so fraught with holy truth',
                             'Afl those her mother\'s faith shed oil her youth."',
                             '" Now," said Mildred, taking up her sewing')) is None
    # and an epigraph with its attribution over the chapter's first words in capitals
    assert epigraph_at(lines("'I feel my sinews slacken'd with the frigh,",
                             "And a cold sweat thrills down all o'er my limbs,",
                             'As if I were dissolving into water."', "DRYDEIT'S TKSCPESI-,",
                             "THE Lightcaps were at supper, the father, the")) == 4
