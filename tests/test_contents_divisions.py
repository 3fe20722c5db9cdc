"""The contents page, and the division openings found from it."""

from __future__ import annotations

from edition.read.text import read_text
from edition.rules.contents import ROW, find_contents
from edition.rules.divisions import find_openings, label_of

EXPECTED = [("", "INTRODUCTION", 7), ("I", "STALIN APPEASES HITLER", 17),
            ("II", "THE END OF THE COMMUNIST INTERNATIONAL", 43),
            ("III", "STALIN'S HAND IN SPAIN", 93), ("IV", "WHEN STALIN COUNTERFEITED DOLLARS", 135),
            ("V", "THE OGPU", 159), ("VI", "WHY DID THEY CONFESS?", 202),
            ("VII", "WHY STALIN SHOT HIS GENERALS", 233), ("VIII", "MY BREAK WITH STALIN", 267)]


def test_contents_entries(scan):
    contents = find_contents(scan)
    assert contents is not None and contents.page == 5
    assert [(e.label, e.title, e.page) for e in contents.entries] == EXPECTED


def test_every_listed_division_is_found_in_order(scan):
    openings = find_openings(scan, find_contents(scan))
    assert [(o.label, o.printed) for o in openings] == [(e[0], e[2]) for e in EXPECTED]
    assert openings[1].title == "STALIN APPEASES HITLER"
    assert [o.page for o in openings] == sorted(o.page for o in openings)


def test_row_pattern():
    assert ROW.match("I. STALIN APPEASES HITLER\t17")["page"] == "17"
    assert ROW.match("Preface ........ vii")["page"] == "vii"
    assert ROW.match("THE OGPU") is None


def test_labels():
    assert label_of("# IV") == "IV"
    assert label_of("CHAPTER XII.") == "XII"
    assert label_of("LECTURE 3") == "3"
    assert label_of("I was there") is None
    assert label_of("IIII") is None


def test_openings_without_contents_come_from_labels():
    text = "CHAPTER I\n\nTHE START\n\nText.\n\n\n\nMore text.\n\n\n\nCHAPTER II\n\nNEXT\n\nText."
    openings = find_openings(read_text(text, "t"), None)
    assert [(o.page, o.label, o.title) for o in openings] == [(0, "I", "THE START"), (2, "II", "NEXT")]
