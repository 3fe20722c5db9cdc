"""Footnotes in plain OCR: a mark in the text, a note beginning with it at the page foot."""

from __future__ import annotations

import copy
from pathlib import Path

from edition.model import NoteRef
from edition.pipeline import build
from edition.read.text import read_scan
from edition.rules.footnotes import NOTE_START
from edition.write.tei import to_tei
from edition.write.text import tei_text

from .conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "corpus"
FIELD = ROOT / "tests" / "data" / "field" / "11-footnotes-across-pagebreak" / "raw.txt"
T = "{http://www.tei-c.org/ns/1.0}"


def _notes(path: Path):
    edition = build(read_scan(path))
    root = to_tei(edition)
    notes = [(n.get("n"), " ".join("".join(n.itertext()).split()))
             for n in root.iter(f"{T}note") if n.get("place") == "foot"]
    return edition, root, notes


def _body_paragraphs(root):
    """The text of each paragraph with its notes left out."""
    out = []
    for p in root.iter(f"{T}p"):
        p = copy.deepcopy(p)
        for note in list(p.iter(f"{T}note")):
            _drop(note)
        out.append(" ".join("".join(p.itertext()).split()))
    return out


def _drop(el):
    """Remove an element, keeping its tail text."""
    parent, prev, tail = el.getparent(), el.getprevious(), el.tail or ""
    if prev is not None:
        prev.tail = (prev.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)


def test_superscript_notes_between_the_halves_of_a_word_and_continued_overleaf():
    edition, root, notes = _notes(FIELD)
    assert [n for n, _ in notes] == ["1", "2", "3", "4"]
    assert notes[0][1] == "Quirinus, p. 778."
    # note 3 runs on at the foot of the next page, before note 4
    assert notes[2][1].endswith("differs in several places from the report which was sent "
                                "home by the correspondent of a German newspaper.")
    text = " ".join(tei_text(root, markers=False).split())
    assert "since it acknowledged that the witness" in text
    body = " ".join(p for p in _body_paragraphs(root))
    assert "¹" not in body and "Ollivier" not in body.replace(notes[1][1], "")
    rules = {e.rule for e in edition.edits if e.note.startswith("footnote")}
    assert rules == {"footnote"}


def test_symbol_notes_in_smaller_type_and_a_dagger_read_as_t():
    _, root, notes = _notes(CORPUS / "coleridge-1817-scan56-59.txt")
    assert [n for n, _ in notes] == ["*", "†", "*"]
    dagger = notes[1][1]
    assert dagger.startswith("This is effected either by giving to the one word a general")
    # continued overleaf, in the notes' type, above the next page's own notes
    assert dagger.endswith("all trace of the original likeness is worn away.")
    body = " ".join(_body_paragraphs(root))
    assert "likeness is worn away" not in body
    assert "desynonymise those words" in " ".join(tei_text(root, markers=False).split())


def test_a_note_set_apart_by_a_blank_line_continued_at_the_next_foot():
    _, root, notes = _notes(CORPUS / "reid-1879-scan14-15.txt")
    assert [n for n, _ in notes] == ["*"]
    assert notes[0][1].startswith('"Vee-boers" are distinguished from other Boers')
    assert notes[0][1].endswith("They have tents also, and sometimes erect rude huts.")
    paragraphs = _body_paragraphs(root)
    assert any(p.endswith("proclaim them to be Vee-Boers.") for p in paragraphs)


def test_asterisks_that_are_misread_quotes_and_letters_are_not_notes():
    edition, root, notes = _notes(CORPUS / "finley-1876-asterisk-quotes.txt")
    assert notes == []
    assert not any(isinstance(n, NoteRef) for b in edition.blocks() for n in b.children)
    text = " ".join(tei_text(root, markers=False).split())
    assert "Yas ;\" she said" in text and "And Fan touldn't too." in text


def test_note_marks_of_every_kind():
    assert NOTE_START.match("¹ Quirinus, p. 778.").group("sup") == "¹"
    assert NOTE_START.match("* The authority of Milton").group("sym") == "*"
    assert NOTE_START.match("*I seldom think").group("sym") == "*"
    assert NOTE_START.match("(2) See the preface.").group("par") == "2"
    assert NOTE_START.match('1 "Address to the Irish People."').group("num") == "1"
    assert NOTE_START.match("† Ibid.").group("sym") == "†"
    for text in ("*' Yas ;\" she said", "* this God is our God", "12 o'clock struck",
                 "1835.", "tis the season"):
        assert NOTE_START.match(text) is None, text
