"""The library-stamp rule and the copy record it makes."""

from __future__ import annotations

from edition.read.text import read_text
from edition.rules.stamps import DATE, LABEL, find_stamps, read_date


def test_krivitsky_copy_record(edition):
    copy = edition.copy
    assert copy.institution == ["AMARSINGH", "COLLEGE"]
    assert copy.repository == ["Library"]
    assert ("class", "947.01") in copy.idnos
    assert ("book", "K92I") in copy.idnos
    assert ("accession", "2782") in copy.idnos
    assert copy.accession_date is not None
    assert copy.accession_date.iso == "1947-02-09"
    assert copy.accession_date.cert == "medium"  # 9-2 could also be read month first


def test_stamp_lines_leave_the_text(edition, scan):
    removed = {scan.raw[e.start : e.end] for e in edition.edits if e.rule == "library-stamp"}
    assert {"AMARSINGH", "COLLEGE", "Library", "947.01", "K92I", "2782",
            "acc. no: 9-2-47."} <= removed
    body = " ".join(b.text for b in edition.blocks())
    for word in ("AMARSINGH", "K92I", "947.01", "acc. no"):
        assert word not in body


def test_label_pattern_matches_and_does_not():
    for text in ("Class No. 1981", "Book No.", "Acc. No.", "acc. no: 9-2-47.", "Call No 12"):
        assert LABEL.match(text), text
    for text in ("Classes are over", "No. 10 Downing Street", "Bookish"):
        assert not LABEL.match(text), text


def test_date_pattern_and_reading():
    assert DATE.match("9-2-47.") and DATE.match("09/02/1947")
    assert not DATE.match("947.01")
    assert read_date("25-12-47").iso == "1947-12-25"
    assert read_date("25-12-47").cert == "high"
    assert read_date("31-13-47") is None


def test_no_stamps_are_found_in_prose():
    body = "It was a long day. " * 20
    scan = read_text(f"Library\n\n\n\n{body}\n\nClass No. 5\n", "t")
    edits, record = find_stamps(scan)
    assert [scan.raw[e.start : e.end] for e in edits] == ["Library"]
    assert record.idnos == []  # the label after the first page of prose is text, not a stamp
