"""Paragraphs across page breaks, and footnotes at their references."""

from __future__ import annotations

from edition.model import Block, Line, NoteRef, PageBreak, Text
from edition.rules.paragraphs import runs_on


def _p(text: str) -> Block:
    return Block("p", [Text(text, 0, len(text))], 0, Line(0, len(text), text))


def test_runs_on():
    assert runs_on(_p("the now privileged bureau-"), _p("crats with a stake"))
    assert runs_on(_p("Through the long years we had learned"), _p("to repeat"))
    assert runs_on(_p("It ended."), _p("and then more"))
    assert runs_on(_p("led by Captain Roehm,"), _p("Consisting of"))
    assert not runs_on(_p("It ended."), _p("A new paragraph."))
    assert not runs_on(_p('to the former German policy:'), _p('"Our relations'))
    assert not runs_on(_p('he said. "No."'), _p("Then he left."))


def test_every_page_spanning_paragraph_is_one_paragraph(edition):
    # A paragraph that begins in lower case would be the tail of one cut by a page break.
    body = edition.openings[0].page
    starts = [b.text[:60] for b in edition.blocks()
              if b.kind == "p" and b.page >= body and b.text[:1].islower()]
    assert starts == []
    paragraphs = [b.text for b in edition.blocks() if b.kind == "p"]
    for passage in ("we had learned to repeat to ourselves",
                    "led by Captain Roehm, consisting of Nazi radicals",
                    "the conqueror of the Caucasus. The palace",
                    "faith in representative government and peaceful evolution"):
        assert sum(passage in p for p in paragraphs) == 1, passage


def test_page_breaks_inside_paragraphs_are_milestones(edition):
    inside = [n for b in edition.blocks() for n in b.children if isinstance(n, PageBreak)]
    joins = [e for e in edition.edits if e.rule == "paragraph-join"]
    assert len(inside) == len(joins) > 200
    assert sum(1 for n in inside if n.inword) == 16


def test_the_stray_period_before_a_page_break_goes(edition):
    text = " ".join(b.text for b in edition.blocks())
    assert "Many must fall by the wayside." in text


def test_the_four_footnotes_are_at_their_references(edition):
    refs = []
    for block in edition.blocks():
        refs += [n for n in block.children if isinstance(n, NoteRef)]
    assert len(refs) == 4 and all(r.note is not None for r in refs)
    assert refs[1].note.text == "Otdel Mezhdunarodnoi Svyazi."
    assert refs[2].note.text == "Not to be confused with Ruth Fischer."
    assert not [w for w in edition.warnings if w.code in ("W301", "W302")]


def test_a_word_split_around_a_footnote_is_rejoined(edition):
    text = " ".join(b.text for b in edition.blocks())
    assert "in the immensely complicated work of subsidizing" in text


def test_the_ends_of_a_paragraph_are_read_without_rebuilding_it():
    from edition.model import Hi, LineJoin, Text, plain, plain_head, plain_tail

    nodes = []
    for k in range(300):
        nodes.append(Text(f"word{k}", 0, 1))
        nodes.append(LineJoin(hard=False, width=0, line=None) if k % 2 else Hi("italic", [
            Text(f"it{k}", 0, 1)]))
    whole = plain(nodes)
    tail, head = plain_tail(nodes, 40), plain_head(nodes, 40)
    assert whole.endswith(tail) and whole.startswith(head)
    assert 40 <= len(tail.replace(" ", "")) < 60 and 40 <= len(head.replace(" ", "")) < 60
    short = nodes[:3]
    assert plain_tail(short, 40) == plain(short) == plain_head(short, 40)
