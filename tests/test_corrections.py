"""An editor's corrections: the file, anchors, applying them after the rules, stale and redundant
ones, absorbing an edited copy, confirming uncertain decisions.

The scan is the first 40 pages of HathiTrust's OCR of *Persuasion* (tests/data/corpus,
SOURCE.md there), whose slips ("bv", "a_family", "prize^of") an editor would correct.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import replace
from pathlib import Path

import pytest
import regex
from lxml import etree

from edition.build import build_file, render
from edition.check.diff import PairingError, account
from edition.check.validate import edition_problems
from edition.corrections.absorb import absorb
from edition.corrections.anchor import CONTEXT_CHARS, context, locate
from edition.corrections.apply import APPLIED, CONFIRMED, REDUNDANT, RULE, STALE
from edition.corrections.decisions import correction, uncertain
from edition.corrections.model import (
    COLUMNS,
    FIRST_LINE,
    Correction,
    Corrections,
    dumps,
    load,
    parse,
    save,
)
from edition.corrections.reading import MARK, TEXT, reading
from edition.errors import CorrectionsError
from edition.pipeline import build
from edition.read.text import read_scan
from edition.rules import hyphenation
from edition.write.tei import to_tei
from edition.write.text import edition_text, tei_text

from .conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "corpus"
PERSUASION = CORPUS / "persuasion-1901-p1-40.txt"
WHEN = "2024-05-01T10:22:03Z"
BY = "Jane Smith"


@pytest.fixture(scope="module")
def scan():
    return read_scan(PERSUASION)


@pytest.fixture(scope="module")
def plain(scan) -> str:
    """The reading text the rules make, with page marks, as `edition text --mark-pages`."""
    return tei_text(to_tei(build(scan)), pages=True)


def changed(text: str, edits: list[tuple[str, str]]) -> str:
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def saved(tmp_path: Path, records: list[Correction]) -> Corrections:
    """Corrections written to a file and read back (so each knows its line)."""
    path = tmp_path / "persuasion.corrections.tsv"
    save(path, records)
    return load(path)


# --- the file ----------------------------------------------------------------------------


def test_file_round_trip_keeps_every_character():
    c = Correction("c1", 3, "text", "a\tb\\c", "x\\y", "note\twith ünïcode", BY, WHEN, 10,
                   "a\tb\\c", "line\nbefore", "after\r")
    text = dumps([c])
    assert text.splitlines()[0] == FIRST_LINE and text.splitlines()[1] == "\t".join(COLUMNS)
    assert len(text.splitlines()) == 3  # one correction, one line, whatever it holds
    (back,) = parse(text.replace("\n", "\n# a comment\n\n", 1), "x.corrections.tsv")
    assert replace(back, line=0) == c and back.line == 5


HEADER = FIRST_LINE + "\n" + "\t".join(COLUMNS) + "\n"
GOOD = f"c1\t38\ttext\ta_family\ta family\t\t{BY}\t{WHEN}\t40061\ta_family\t\t"


@pytest.mark.parametrize("text, line, words", [
    ("id\tscan_page\n", 1, "not an edition corrections file"),
    ("# edition corrections, format 7\n", 1, "format 7"),
    (FIRST_LINE + "\nid\tpage\tkind\n", 2, "header row"),
    (HEADER + GOOD + "\n" + GOOD.replace("c1", "c2").replace("\ttext\t", "\ttypo\t"), 4,
     "kind 'typo'"),
    (HEADER + GOOD + "\n" + GOOD, 4, "id 'c1' is used twice (first on line 3)"),
    (HEADER + GOOD.replace("\t38\t", "\t0\t"), 3, "scan_page '0'"),
    (HEADER + GOOD.replace("\t40061\t", "\t-5\t"), 3, "offset '-5'"),
    (HEADER + GOOD.replace(WHEN, "yesterday"), 3, "when 'yesterday'"),
    (HEADER + GOOD.replace(f"\t{BY}\t", "\t \t"), 3, "by is empty"),
    (HEADER + GOOD.rsplit("\t", 1)[0], 3, "11 tab-separated fields"),
    (HEADER + GOOD.removesuffix("a_family\t\t") + "a_\\qfamily\t\t", 3, "unknown escape"),
    (HEADER + GOOD.replace("\ttext\t", "\tpage-number\t"), 3, "anchored at a point"),
])
def test_malformed_file_is_one_line_naming_the_line(tmp_path, text, line, words):
    path = tmp_path / "book.corrections.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorrectionsError) as err:
        load(path)
    message = str(err.value)
    assert message.startswith(f"book.corrections.tsv:{line}: ") and "\n" not in message
    assert words in message


def test_a_corrections_file_that_is_not_utf8_names_its_line(tmp_path):
    path = tmp_path / "book.corrections.tsv"
    path.write_bytes((HEADER + GOOD + "\n").encode() + "c2\tcafé".encode("latin-1"))
    with pytest.raises(CorrectionsError, match=r"^book\.corrections\.tsv:4: not UTF-8"):
        load(path)


# --- anchors -------------------------------------------------------------------------------


def anchored(raw: str, kind: str, a: int, b: int, found: str = "", replacement: str = "",
             page: int = 1) -> Correction:
    before, after = context(raw, a, b)
    return Correction("c1", page, kind, found, replacement, "", BY, WHEN, a, raw[a:b], before,
                      after)


def test_an_anchor_is_found_where_it_was_and_where_it_moved(scan):
    raw = scan.raw
    at = raw.index("a_family")
    c = anchored(raw, "text", at, at + 8)
    assert len(c.before) == len(c.after) == CONTEXT_CHARS
    found = locate(raw, c)
    assert (found.start, found.moved) == (at, False)
    leaf = "<page 41>\nA leaf scanned twice.\n\n"
    moved = locate(leaf + raw, c)
    assert (moved.start, moved.moved) == (at + len(leaf), True)
    # the scan re-read around it: a few characters of context differ, enough still agree
    reread = raw[: at - 3] + "XYZ" + raw[at:]
    assert locate(reread, c).start == at
    # gone, and doubled beyond telling apart: reasons, never a guess
    assert "no longer stands in the scan" in locate(raw.replace("a_family", "a family"), c)
    twice = raw[: at - 30] + raw[at - 30 : at + 40] * 2 + raw[at + 40 :]
    assert locate(twice, replace(c, offset=at + 35)).endswith("none nearer raw offset "
                                                              f"{at + 35} than the others")


# --- applying -----------------------------------------------------------------------------


def test_corrections_apply_after_the_rules_as_the_editors_edits(scan, plain, tmp_path):
    copy = changed(plain, [("Gloucester; bv which", "Gloucester; by which"),
                           ("greatest prize^of all", "greatest prize of all"),
                           ("[s13]", "[p. iii]")])
    found = absorb(scan, None, copy, BY, WHEN)
    assert [c.kind for c in found.new] == ["page-number", "text", "text"]
    assert not found.refused and not found.remaining
    edition = build(scan, saved(tmp_path, found.new))
    assert [o.status for o in edition.corrections.outcomes] == [APPLIED] * 3
    edits = [e for e in edition.edits if e.rule == RULE]
    raw = scan.raw
    assert [(raw[e.start:e.end], e.replacement) for e in edits if e.end > e.start] == [
        ("bv", "by"), ("prize^of", "prize of")]
    assert all(e.note.startswith(f"{BY} (c") for e in edits)
    assert tei_text(to_tei(edition), pages=True) == copy
    # every raw character is still in the text or in an edit: rendering checks it
    root = etree.fromstring(render(edition))
    assert edition_problems(etree.ElementTree(root), "x") == []
    tei = etree.tostring(root, encoding="unicode")
    assert '<choice><sic>bv</sic><corr resp="#ed-jane-smith">by</corr></choice>' in tei
    assert '<pb n="iii" xml:id="piii" facs="#f13" resp="#ed-jane-smith"/>' in tei
    assert '<change when="2024-05-01T10:22:03Z" who="#ed-jane-smith">' in tei


def test_a_rule_change_makes_two_corrections_stale_and_the_rest_apply(scan, tmp_path,
                                                                      monkeypatch):
    before = edition_text(build(scan))
    with monkeypatch.context() as m:  # a threshold of the hyphen rule moved
        m.setattr(hyphenation, "JOIN_MARGIN", 0.0)
        after = edition_text(build(scan))
    words = [(w.start(), w.end()) for w in regex.finditer(r"\S+", before)]
    ops = difflib.SequenceMatcher(None, [before[a:b] for a, b in words], after.split(),
                                  autojunk=False).get_opcodes()
    moved = [words[i1:i2] for op, i1, i2, _, _ in ops if op != "equal" and i2 > i1]
    assert len(moved) >= 2, "the threshold must change the text somewhere"
    copy = before
    for span in reversed(moved[:2]):  # the editor corrected two words the rule now reads anew
        a, b = span[0][0], span[-1][1]
        copy = copy[:a] + copy[a:b].upper() + copy[b:]
    copy = changed(copy, [("Gloucester; bv which", "Gloucester; by which"),
                          ("greatest prize^of all", "greatest prize of all"),
                          ("without a_family was", "without a family was")])
    corrections = saved(tmp_path, absorb(scan, None, copy, BY, WHEN).new)
    assert len(corrections.records) == 5
    assert [o.status for o in build(scan, corrections).corrections.outcomes] == [APPLIED] * 5
    with monkeypatch.context() as m:
        m.setattr(hyphenation, "JOIN_MARGIN", 0.0)
        edition = build(scan, corrections)
    outcomes = edition.corrections.outcomes
    stale = [o for o in outcomes if o.status == STALE]
    assert len(stale) == 2 and sum(o.status == APPLIED for o in outcomes) == 3
    assert {o.correction.found for o in stale} == {before[s[0][0]:s[-1][1]] for s in moved[:2]}
    for o in stale:
        assert o.reason.startswith("the rules now read") and o.correction.found in o.reason
    warnings = [str(w) for w in edition.warnings if w.code == "W601"]
    assert len(warnings) == 2
    assert all("persuasion.corrections.tsv:" in w and "not applied: the rules now read" in w
               for w in warnings)
    text = edition_text(edition)
    assert "by which" in text and "prize of all" in text and "a family was" in text


def test_a_correction_a_rule_now_makes_is_redundant(scan, tmp_path, monkeypatch):
    with monkeypatch.context() as m:  # corrected while the rule kept these hyphens
        m.setattr(hyphenation, "JOIN_MARGIN", 0.0)
        kept = build(scan)
        text = edition_text(kept)
        word = next(w for w in ("Dug-dale,", '"sup-posing') if w in text)
        found = absorb(scan, None, text.replace(word, word.replace("-", "")), BY, WHEN,
                       current=kept)
    assert [c.kind for c in found.new] == ["hyphen-join"]
    edition = build(scan, saved(tmp_path, found.new))  # the rule joins it again by itself
    (o,) = edition.corrections.outcomes
    assert o.status == REDUNDANT and "a rule now joins the word" in o.reason
    assert [w.code for w in edition.warnings if w.code.startswith("W6")] == ["W602"]


def test_a_page_inserted_into_the_scan_leaves_the_corrections_after_it_applying(
        scan, plain, tmp_path):
    copy = changed(plain, [("T^EXSUASIONvias one", "PERSUASION was one"), ("[s13]", "[p. iii]"),
                           ("contempt. As he turned", "contempt.\n\nAs he turned"),
                           ("such right-mindedness", "such rightmindedness"),
                           ("without a_family was", "without a family was")])
    corrections = saved(tmp_path, absorb(scan, None, copy, BY, WHEN).new)
    assert len(corrections.records) == 5
    # the library scans the book again, and a page comes twice (the sixth, before the seventh)
    raw = PERSUASION.read_text(encoding="utf-8")
    sixth = raw[raw.index("<page 6>"): raw.index("<page 7>")]
    rescanned = tmp_path / "persuasion.txt"
    rescanned.write_text(raw.replace("<page 7>", sixth + "<page 7>", 1), encoding="utf-8")
    again = read_scan(rescanned)
    assert len(again.pages) == len(scan.pages) + 1
    edition = build(again, corrections)
    outcomes = edition.corrections.outcomes
    assert [o.status for o in outcomes] == [APPLIED] * 5, [o.reason for o in outcomes]
    assert all(o.moved and o.start == o.correction.offset + len(sixth) for o in outcomes)
    text = tei_text(to_tei(edition), pages=True)
    assert "[p. iii] PERSUASION was one" in text and "[p. iv] This edition" in text
    assert 'contempt.\n\nAs he turned' in text and "rightmindedness" in text and "a family" in text
    assert not [w for w in edition.warnings if w.code.startswith("W6")]


def test_of_two_corrections_of_one_word_the_later_stands(scan, tmp_path):
    raw = scan.raw
    at = raw.index("a_family")
    first = anchored(raw, "text", at, at + 8, "a_family", "a family", 38)
    second = replace(first, id="c2", replacement="a famiiy")
    edition = build(scan, saved(tmp_path, [first, replace(second, replacement="a family")]))
    statuses = [o.status for o in edition.corrections.outcomes]
    assert statuses == [STALE, APPLIED]
    assert "c2 (persuasion.corrections.tsv:4) corrects the same text later" in (
        edition.corrections.outcomes[0].reason)


def test_accepting_an_uncertain_decision_confirms_it(scan, tmp_path):
    edition = build(scan)
    decisions = [d for d in uncertain(edition) if d.edit is not None]  # a rule's, not a page's
    assert decisions
    d = decisions[0]
    c = replace(correction(edition, d, True, None, BY, WHEN), id="c1")
    confirmed = build(scan, saved(tmp_path, [c]))
    assert confirmed.corrections.outcomes[0].status == CONFIRMED
    assert d.id not in {x.id for x in uncertain(confirmed)}
    w401 = lambda e: sum(int(w.message.split()[0]) for w in e.warnings if w.code == "W401")  # noqa: E731
    assert w401(confirmed) == w401(edition) - 1
    same = [e for e in confirmed.edits if (e.rule, e.start, e.end) == (d.rule, d.start, d.end)]
    assert same and not same[0].uncertain and f"confirmed by {BY}" in same[0].note
    # overriding it decides the other way, as the editor's edit
    o = replace(correction(edition, d, False, None, BY, WHEN), id="c1")
    overridden = build(scan, saved(tmp_path, [o]))
    assert overridden.corrections.outcomes[0].status == APPLIED
    assert any(e.rule == RULE for e in overridden.edits)


# --- the scan, the build, the diff -----------------------------------------------------


def test_building_with_corrections_never_writes_the_scan(tmp_path):
    raw = tmp_path / "persuasion.txt"
    raw.write_bytes(PERSUASION.read_bytes())
    digest = hashlib.sha256(raw.read_bytes()).hexdigest()
    at = raw.read_text(encoding="utf-8").index("a_family")
    text = raw.read_text(encoding="utf-8")
    save(tmp_path / "persuasion.corrections.tsv",
         [anchored(text, "text", at, at + 8, "a_family", "a family", 38)])
    stamp = (tmp_path / "persuasion.corrections.tsv").stat().st_mtime_ns
    built = build_file(raw, tmp_path / "tei")
    assert built.edition.corrections.count(APPLIED) == 1
    assert hashlib.sha256(raw.read_bytes()).hexdigest() == digest
    assert (tmp_path / "persuasion.corrections.tsv").stat().st_mtime_ns == stamp
    assert sorted(p.name for p in tmp_path.iterdir()) == ["persuasion.corrections.tsv",
                                                          "persuasion.txt", "tei"]
    # diff applies the corrections the edition records, and refuses a file changed since
    report = account(raw, built.path)
    assert report.complete and any(t.rule == RULE and t.chars == 8 for t in report.totals)
    save(tmp_path / "persuasion.corrections.tsv", [])
    with pytest.raises(PairingError, match=r"has changed since persuasion\.xml was built"):
        account(raw, built.path)
    plain = build_file(raw, tmp_path / "plain", corrections=False)
    (tmp_path / "persuasion.corrections.tsv").write_text("nonsense", encoding="utf-8")
    report = account(raw, plain.path)  # an edition without corrections: the file is left out
    assert report.complete and "does not apply persuasion.corrections.tsv" in report.warnings[0]


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")))
def test_reading_provenance_is_the_reading_text(name):
    edition = build(read_scan(CORPUS / name))
    root = to_tei(edition)
    raw = edition.scan.raw
    assert reading(edition, False).text == tei_text(root)  # the walk reads as the TEI does
    for pages in (False, True):
        walked = reading(edition, pages, root)  # checked against the TEI, aligned if need be
        assert walked.text == tei_text(root, pages=pages)
        starts = {e.start for e in edition.edits}
        for k, ch in enumerate(walked.text):  # a character from the scan is the scan's
            if walked.code[k] == TEXT and walked.hi[k] - walked.lo[k] == 1 and ch != " ":
                assert raw[walked.lo[k]] == ch or walked.lo[k] in starts, (k, ch)
        marks = [walked.lo[k] for k in range(len(walked.text)) if walked.code[k] == MARK]
        assert bool(marks) == pages
        assert marks == sorted(marks)  # each page's mark, in scan order


def test_a_copy_of_another_text_is_refused(scan):
    other = (CORPUS / "cooper-1835-p64.txt").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="not a copy of this edition's reading text"):
        absorb(scan, None, other, BY, WHEN)


def test_what_cannot_be_anchored_is_refused_not_dropped(scan, plain):
    copy = changed(plain, [("[p. 14]", "[page 14]"), ("bv which", "by which")])
    found = absorb(scan, None, copy, BY, WHEN)
    assert [c.replacement for c in found.new] == ["by"]
    assert len(found.refused) == 1 and "page mark" in found.refused[0].reason
    assert found.remaining  # and the edition still reads otherwise there
