"""End-to-end: an editor's corrections made at the command line survive the rebuild.

The scan is the first 40 pages of HathiTrust's OCR of *Persuasion* (tests/data/corpus, see its
SOURCE.md): real OCR slips ("bv", "a_family", "prize^of"), a hyphen kept that should not be
("right-mindedness"), a heading run into the paragraph before it, a preface page without its printed
number. An excerpt of *The History and Adventures of an Atom* (1769) gives a running head the
rules miss.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import sys
from pathlib import Path

import pytest

from edition.cli import main

from .conftest import ROOT

PERSUASION = ROOT / "tests" / "data" / "corpus" / "persuasion-1901-p1-40.txt"

#: What an editor changes in the reading text (with page marks): twenty places, each standing
#: once in it. Typos of the OCR, a line-end hyphen the rule kept, a paragraph the heading was run
#: into, the printed number of the preface page.
EDITS = [
    ("JANE austen:s novels", "JANE AUSTEN'S NOVELS"),
    ("T^EXSUASIONvias one", "PERSUASION was one"),
    ("July 18, ] 816,", "July 18, 1816,"),
    ("from The I, Memoir,", "from The Memoir,"),
    ("completed j in July", "completed in July"),
    ("the re-engage-Si ment of", "the re-engagement of"),
    ("[Vols. L and II.,", "[Vols. I. and II.,"),
    ("[s13]", "[p. iii]"),  # a page number
    ("born March i, 1760", "born March 1, 1760"),
    ("contempt. As he turned", "contempt.\n\nAs he turned"),  # a paragraph
    ("Gloucester; bv which", "Gloucester; by which"),
    ("born June I, 1785", "born June 1, 1785"),
    ("and 1 hope we may", "and I hope we may"),
    ("what 1 would take", "what I would take"),
    ("said | Mr Shepherd", "said Mr Shepherd"),
    ("greatest prize^of all", "greatest prize of all"),
    ("old fellow ?' said", "old fellow?' said"),
    ("his age to be i' 'Sixty,", "his age to be?' 'Sixty,"),
    ("without a_family was", "without a family was"),
    ("such right-mindedness", "such rightmindedness"),  # a hyphen
]
EDITOR = "Jane Smith"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def book(tmp_path, monkeypatch):
    """A copy of the scan in raw/ of a working directory, as a project keeps it."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(PERSUASION, raw / "persuasion.txt")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EDITION_EDITOR", EDITOR)
    return raw / "persuasion.txt"


def edited(text: str) -> str:
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def test_round_trip_twenty_corrections(book, capsys, monkeypatch):
    before = sha(book)
    assert main(["build", str(book), "-o", "tei", "-q"]) == 0
    assert main(["text", "tei/persuasion.xml", "--mark-pages", "-o", "reading.txt"]) == 0
    copy = Path("corrected.txt")
    copy.write_text(edited(Path("reading.txt").read_text(encoding="utf-8")), encoding="utf-8")
    capsys.readouterr()

    # not a terminal, no --yes: the corrections are shown, nothing is written
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["absorb", str(book), str(copy)]) == 2
    shown = capsys.readouterr()
    assert shown.out.count("\n") == len(EDITS) and "--yes" in shown.err
    assert not Path("raw/persuasion.corrections.tsv").exists()

    assert main(["absorb", str(book), str(copy), "--yes"]) == 0
    corrections = Path("raw/persuasion.corrections.tsv")
    rows = corrections.read_text(encoding="utf-8").splitlines()[2:]
    assert len(rows) == len(EDITS)
    kinds = [row.split("\t")[2] for row in rows]
    assert {"text", "hyphen-join", "paragraph-break", "page-number"} <= set(kinds)
    assert all(row.split("\t")[6] == EDITOR for row in rows)

    assert main(["build", str(book), "-o", "tei", "-q"]) == 0
    assert main(["text", "tei/persuasion.xml", "--mark-pages", "-o", "again.txt"]) == 0
    assert Path("again.txt").read_text(encoding="utf-8") == copy.read_text(encoding="utf-8")

    capsys.readouterr()
    assert main(["diff", str(book), "tei/persuasion.xml", "--changes"]) == 0
    changes = [line.split("\t") for line in capsys.readouterr().out.splitlines()[1:]]
    by_editor = [c for c in changes if c[1] == "editor"]
    assert len(by_editor) == len(EDITS)
    assert all(EDITOR in c[6] for c in by_editor)
    assert {c[4] for c in by_editor} >= {"bv", "a_family", "prize^of"}  # the scan's text...
    assert {c[5] for c in by_editor} >= {"by", "a family", "prize of"}  # ...and the editor's

    assert main(["validate", "tei/persuasion.xml"]) == 0
    assert sha(book) == before  # the scan is never written
    assert sorted(p.name for p in book.parent.iterdir()) == ["persuasion.corrections.tsv",
                                                             "persuasion.txt"]

    # the diplomatic text is the scan's, the TEI names the editor
    assert main(["text", "tei/persuasion.xml", "--diplomatic", "-o", "dipl.txt"]) == 0
    diplomatic = Path("dipl.txt").read_text(encoding="utf-8")
    assert "a_family" in diplomatic and "bv" in diplomatic and "a family" not in diplomatic
    tei = Path("tei/persuasion.xml").read_text(encoding="utf-8")
    assert '<name xml:id="ed-jane-smith">Jane Smith</name>' in tei
    assert '<choice><sic>bv</sic><corr resp="#ed-jane-smith">by</corr></choice>' in tei
    assert 'who="#ed-jane-smith"' in tei and 'n="iii"' in tei


def test_absorbing_the_same_copy_again_changes_nothing(book, capsys):
    assert main(["build", str(book), "-o", "tei", "-q"]) == 0
    assert main(["text", "tei/persuasion.xml", "-o", "reading.txt"]) == 0
    text = Path("reading.txt").read_text(encoding="utf-8")
    Path("corrected.txt").write_text(text.replace("Gloucester; bv which", "Gloucester; by which"),
                                     encoding="utf-8")
    assert main(["absorb", str(book), "corrected.txt", "--yes"]) == 0
    first = Path("raw/persuasion.corrections.tsv").read_bytes()
    assert main(["build", str(book), "-o", "tei", "-q"]) == 0
    capsys.readouterr()
    assert main(["absorb", str(book), "corrected.txt", "--yes"]) == 0
    assert "no corrections" in capsys.readouterr().err
    assert Path("raw/persuasion.corrections.tsv").read_bytes() == first
    # taking the correction back: the copy reads as the rules make it again
    Path("back.txt").write_text(text, encoding="utf-8")
    assert main(["absorb", str(book), "back.txt", "--yes"]) == 0
    assert Path("raw/persuasion.corrections.tsv").read_text(encoding="utf-8").count("\n") == 2


def test_absorb_a_corrected_tei(book, capsys):
    assert main(["build", str(book), "-o", "tei", "-q"]) == 0
    tei = Path("tei/persuasion.xml")
    tei.write_text(tei.read_text(encoding="utf-8").replace("a_family", "a family"), encoding="utf-8")
    assert main(["absorb", str(book), str(tei), "--yes"]) == 0
    rows = Path("raw/persuasion.corrections.tsv").read_text(encoding="utf-8").splitlines()[2:]
    assert [row.split("\t")[3:5] for row in rows] == [["a_family", "a family"]]
    # a TEI built without the corrections the file now holds would take them back: refused
    tei.write_text(tei.read_text(encoding="utf-8").replace("bv which", "by which"), encoding="utf-8")
    assert main(["absorb", str(book), str(tei), "--yes"]) == 2
    assert "built with other corrections" in capsys.readouterr().err
    assert len(Path("raw/persuasion.corrections.tsv").read_text(encoding="utf-8").splitlines()) == 3


def test_correct_one_place_and_the_collection_rebuilds_the_book(book, capsys):
    assert main(["build", "-q"]) == 0  # the collection: raw/ into tei/, with a manifest
    assert main(["build", "-q"]) == 0
    manifest = Path("tei/manifest.jsonl").read_text(encoding="utf-8")
    assert '"status": "skipped"' in manifest

    assert main(["correct", str(book), "--page", "38", "--find", "a_family", "--replace",
                 "a family", "--note", "underscore for a space"]) == 0
    assert "a_family" in capsys.readouterr().out
    assert main(["build", "-q"]) == 0
    manifest = Path("tei/manifest.jsonl").read_text(encoding="utf-8")
    assert '"status": "built"' in manifest and '"corrections_sha256": "' in manifest
    assert "<corr resp=\"#ed-jane-smith\">a family</corr>" in Path(
        "tei/persuasion.xml").read_text(encoding="utf-8")
    assert main(["build", "-q"]) == 0
    assert '"status": "skipped"' in Path("tei/manifest.jsonl").read_text(encoding="utf-8")


def test_correct_refuses_what_it_cannot_find_once(book, capsys):
    assert main(["correct", str(book), "--page", "38", "--find", "the", "--replace", "a"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "times in the reading text of scan page 38" in err
    assert main(["correct", str(book), "--page", "5", "--find", "a_family", "--replace", "x"]) == 2
    assert "scan pages 38" in capsys.readouterr().err  # where it does stand
    assert main(["correct", str(book), "--page", "99", "--find", "x", "--replace", "y"]) == 2
    assert not Path("raw/persuasion.corrections.tsv").exists()


def test_kinds_made_with_correct(book, capsys):
    before = sha(book)
    for argv in (["--page", "13", "--kind", "page-number", "--replace", "iii"],
                 ["--page", "20", "--kind", "paragraph-break", "--find", "Lady Russell loved"],
                 ["--page", "21", "--kind", "paragraph-join", "--find", "Elizabeth did not"],
                 ["--page", "24", "--kind", "hyphen-join", "--find", "right-mindedness"],
                 ["--page", "17", "--kind", "not-furniture", "--find", "PERSUASION."],
                 ["--page", "17", "--kind", "paragraph-break", "--find", "As he turned over"],
                 ["--page", "17", "--kind", "heading", "--find", '"ELLIOT OF KELLYNCH']):
        assert main(["correct", str(book), *argv]) == 0, argv
    capsys.readouterr()  # a heading is a whole block: the text must begin one
    assert main(["correct", str(book), "--page", "17", "--kind", "heading", "--find",
                 "the Baronetage; there"]) == 1
    assert "does not begin its paragraph" in capsys.readouterr().err
    assert main(["build", str(book), "-o", "tei", "-q"]) == 0
    assert main(["validate", "tei/persuasion.xml"]) == 0
    capsys.readouterr()
    assert main(["text", "tei/persuasion.xml", "--mark-pages"]) == 0
    text = capsys.readouterr().out
    assert "[p. iii] T^EXSUASIONvias one" in text  # the number given
    assert "[p. iv] This edition" in text  # the rules' own reading of the next page stands
    assert "friend.\n\nLady Russell loved" in text and "to him. Elizabeth did not" in text
    assert "rightmindedness" in text and "[p. 1] PERSUASION. Chapter %" in text
    tei = Path("tei/persuasion.xml").read_text(encoding="utf-8")
    assert '<pb n="iii" xml:id="piii" facs="#f13" resp="#ed-jane-smith"/>' in tei
    assert '<p rend="heading">"ELLIOT OF KELLYNCH HALL.</p>' in tei
    assert main(["diff", str(book), "tei/persuasion.xml", "-q"]) == 0
    assert sha(book) == before


def test_furniture_the_rules_missed(tmp_path, monkeypatch, capsys):
    """A verso's running head on a two-page spread ("22 The Hiftory and" / "Adventures of an
    Atom, 23") that stands on too few pages of the excerpt to recur: the editor marks it."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(ROOT / "tests" / "data" / "corpus" / "smollett-1769-scan29-33.txt",
                raw / "atom.txt")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EDITION_EDITOR", EDITOR)
    book = raw / "atom.txt"
    assert main(["build", str(book), "-o", "tei", "-q"]) == 0
    # the rules leave it in the text (its long s read as s)
    assert "[p. 22] The History and" in _reading()
    assert main(["correct", str(book), "--page", "4", "--kind", "furniture", "--find",
                 "The History and"]) == 0
    assert main(["build", str(book), "-o", "tei", "-q"]) == 0
    assert main(["validate", "tei/atom.xml"]) == 0
    assert "The History and" not in _reading()
    tei = Path("tei/atom.xml").read_text(encoding="utf-8")
    assert '<fw type="header" place="top" resp="#ed-jane-smith">The Hiftory and</fw>' in tei
    capsys.readouterr()
    assert main(["diff", str(book), "tei/atom.xml", "-q"]) == 0


def _reading() -> str:
    """The reading text of tei/atom.xml, with page marks."""
    assert main(["text", "tei/atom.xml", "--mark-pages", "-o", "reading.txt"]) == 0
    return Path("reading.txt").read_text(encoding="utf-8")


def test_review_lists_uncertain_decisions_and_accepts_them(book, capsys):
    assert main(["review", str(book)]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].split("\t")[:3] == ["id", "scan_page", "rule"]
    decisions = [row.split("\t") for row in listing[1:]]
    assert decisions, "the scan has decisions flagged uncertain"
    ident = decisions[0][0]
    assert main(["review", str(book), "--accept", ident]) == 0
    capsys.readouterr()
    assert main(["review", str(book)]) == 0
    assert ident not in capsys.readouterr().out  # accepted: no longer uncertain
    assert main(["review", str(book), "--accept", "nothing@1"]) == 2


def test_malformed_corrections_file_is_one_line_naming_the_line(book, capsys):
    path = book.parent / "persuasion.corrections.tsv"
    path.write_text("# edition corrections, format 1\n"
                    "id\tscan_page\tkind\tfound\treplacement\tnote\tby\twhen\toffset\toriginal\t"
                    "before\tafter\n"
                    "c1\t38\ttext\ta_family\ta family\t\tJane\t2024-05-01T10:00:00Z\t40061\t"
                    "a_family\t\t\n"
                    "c2\tthirty\ttext\tbv\tby\t\tJane\t2024-05-01T10:00:00Z\t2877\tbv\t\t\n",
                    encoding="utf-8")
    for argv in (["build", str(book), "-o", "tei"], ["review", str(book)],
                 ["correct", str(book), "--page", "1", "--kind", "page-number", "--replace", "i"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "persuasion.corrections.tsv:4:" in err, err
        assert "scan_page 'thirty'" in err and "Traceback" not in err
    assert not Path("tei/persuasion.xml").exists()
