"""The library-stamp rule and the copy record it makes."""

from __future__ import annotations

from pathlib import Path

from edition.read.text import read_scan, read_text
from edition.rules.leaves import is_prose_page
from edition.rules.stamps import DATE, LABEL, find_stamps, is_institution, read_date


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


CORPUS = Path(__file__).parent / "data" / "corpus"


def test_a_sentence_end_in_prose_is_never_a_stamp():
    # Cooper p. 64: "... a child with scars and blotches on its neck would be secluded / from
    # society." ("society" names institutions, but this line ends a sentence of prose)
    scan = read_scan(CORPUS / "cooper-1835-p64.txt")
    edits, record = find_stamps(scan)
    assert edits == [] and not record
    assert not is_institution("from society.")
    assert is_institution("HARVARD COLLEGE LIBRARY") and is_institution("Duke University")
    assert not is_institution("PRINTED AT THE UNIVERSITY PRESS")  # the book's own imprint


def test_front_and_end_leaves_marks_go_to_the_copy_record():
    scan = read_scan(CORPUS / "finley-front-and-end-leaves.txt")
    edits, record = find_stamps(scan)
    stamps = [text for _, text in record.stamps]
    # the bookplate on the first leaf: the holder and the gift
    assert " ".join(record.repository + record.institution).upper().startswith(
        "LIBRARY UNIVERSITY OF CALIFORNIA")
    assert "GIFT OF" in stamps and "MABEL R. GILLIS" in stamps
    # the end leaves: the loan slip, the barcode and the shelf mark
    assert "DUE 2 WKS FROM DATE RECEIVED g^ <" in stamps and "NON-RENEWABLE ffi" in stamps
    assert "F5zm L 006 849 048 1" in stamps and "Illlillllllllilllllllllllllllll" in stamps
    # the slip's debris is noise, not text of the book
    from edition.pipeline import build
    from edition.write.text import edition_text

    assert ".9 1" not in edition_text(build(scan))
    # and the spine label's call number, one part a line ("PS" / "1678" / "F5zm")
    assert [t for t in stamps if t in ("PS", "1678", "F5zm")] == ["PS", "1678", "F5zm"]
    # marks stand before the text and after it, never on a page of prose
    assert edits and all(not is_prose_page(scan.pages[e.page]) for e in edits)


def test_google_watermarks_in_every_form_and_the_notice_page():
    pages = [
        "This is a digital copy of a book that was preserved for generations on library shelves\n"
        "before it was carcfully scannod by Google as part of a project to make the world's\n"
        "books discoverable online.\n\nUsage guidelines\n\nGoogle is proud to partner with "
        "libraries.\n\nAbout Google Book Search\n",
        *[f"{'Some words of the sermon go on here. ' * 4}\n" * 3 + f"\n{mark}\n"
          for mark in ("Digitized by Google", "Digitized by VjOOQIC", "byGoogle", "OOglC")],
    ]
    scan = read_text("\f".join(pages), "g")
    edits, record = find_stamps(scan)
    removed = {scan.raw[e.start:e.end] for e in edits if e.rule == "digitisation-notice"}
    assert {"Digitized by Google", "Digitized by VjOOQIC", "byGoogle", "OOglC",
            "Usage guidelines", "About Google Book Search"} <= removed
    assert all(e.page == 0 for e in edits if "scannod" in scan.raw[e.start:e.end])
    assert not record.stamps  # the digitiser's, not the library's


def test_a_catchword_shaped_like_google_is_not_a_watermark_alone():
    pages = [f"{'The text of the page goes on. ' * 4}\n" * 3 + "\nGoogle\n",
             f"{'And more of it on the next. ' * 4}\n" * 3]
    scan = read_text("\f".join(pages), "c")
    edits, _ = find_stamps(scan)
    assert edits == []  # one foot of that shape is no watermark: it needs to recur


def test_a_slips_specks_and_a_garbled_barcode_on_the_end_leaves_are_the_copys():
    from edition.pipeline import build

    edition = build(read_scan(CORPUS / "coleridge-1817-scan350-358-end.txt"))
    stamps = [text for _, text in edition.copy.stamps]
    for mark in ("DATE DUE", "all*", "fltto*", "CX 000 3?a flS4"):
        assert mark in stamps, mark
    text = " ".join(b.text for b in edition.blocks())
    assert "fltto" not in text and "CX 000" not in text
    assert "ERRATA" in text  # the errata leaf is the book's
    # the leaves after the last page of text carry no printed number
    last_text = max(b.page for b in edition.blocks())
    assert all(f.n is None for f in edition.pagination.folios[last_text + 1:])


def test_a_date_stamped_on_the_front_leaves_is_the_copys_receipt():
    from edition.pipeline import build
    from edition.write.tei import to_tei

    edition = build(read_scan(CORPUS / "marshall-1889-scan1-13-front.txt"))
    stamps = [text for _, text in edition.copy.stamps]
    assert {"RBCRIVBD", "OCT 8 1896", "WIS. HIST. SOCIETY."} <= set(stamps)
    date = edition.copy.accession_date
    assert date is not None and date.iso == "1896-10-08" and date.cert == "medium"
    t = "{http://www.tei-c.org/ns/1.0}"
    acquisition = to_tei(edition).find(f".//{t}msDesc//{t}acquisition")
    assert "most likely the day the library received" in "".join(acquisition.itertext())


def test_a_call_number_over_lines_only_beside_another_mark():
    from edition.rules.stamps import LC_CALL_NUMBER

    assert LC_CALL_NUMBER.match("PS 1678 F5zm") and LC_CALL_NUMBER.match("PR 4161 .B6")
    assert not LC_CALL_NUMBER.match("CHAPTER 12") and not LC_CALL_NUMBER.match("IN 1678 AD")
