"""Printed page numbers: calibrated, inferred, and skipped pages placed."""

from __future__ import annotations

from edition.structure.pagination import Anchor, paginate


def test_krivitsky_chapter_openings_carry_their_printed_numbers(edition):
    folios = edition.pagination.folios
    for o in edition.openings:
        assert folios[o.page].n == str(o.printed)
    assert folios[-1].n == "297"
    assert edition.pagination.skipped == {15: [16]}  # the blank verso before chapter I


def test_preliminary_pages_carry_no_number_and_no_warning(edition):
    # a book's preliminary leaves are unnumbered as printed: nothing for a reader to act on
    folios = edition.pagination.folios
    assert [f.n for f in folios[:6]] == [None] * 6
    assert not [w for w in edition.warnings if w.page is not None and w.page < 6]


def test_numbers_are_a_strict_sequence(edition):
    values = [f.value for f in edition.pagination.folios if f.value is not None]
    assert values == sorted(set(values))


def test_gap_placement_uses_text_continuity():
    result = paginate(6, [Anchor(0, 1, "t"), Anchor(5, 7, "t")], {0, 1, 3, 4}, [])
    assert [f.n for f in result.folios] == ["1", "2", "3", "5", "6", "7"]
    assert result.skipped == {3: [4]}
    assert all(f.how != "uncertain" for f in result.folios)


def test_gap_placement_uses_verso_recto_parity():
    # No continuity evidence. A header on scan pages 1, 3 and 6 is a verso header (page 6 is
    # printed 8, even), so pages 1 and 3 must be even too: the gap comes after page 3.
    result = paginate(8, [Anchor(0, 1, "t"), Anchor(5, 7, "t")], set(), [[1, 3, 6]])
    assert [f.n for f in result.folios[:4]] == ["1", "2", "3", "4"]
    assert result.skipped == {5: [6]}
    assert result.folios[4].how == "uncertain"  # printed 5, or 6 with the gap one page earlier
    assert [f.how for f in result.folios[1:4]] == ["inferred"] * 3


def test_unresolved_gap_marks_pages_uncertain():
    result = paginate(4, [Anchor(0, 1, "t"), Anchor(3, 5, "t")], set(), [])
    assert result.skipped == {3: [4]}  # ties go to the end, before the next division
    assert [f.how for f in result.folios] == ["anchor", "uncertain", "uncertain", "anchor"]
    assert any(w.code == "W102" and "uncertain" in w.message for w in result.warnings)


def test_more_scan_pages_than_printed_are_reported():
    result = paginate(5, [Anchor(0, 1, "t"), Anchor(4, 3, "t")], set(), [])
    assert any(w.code == "W104" and "more pages" in w.message for w in result.warnings)


def test_krivitsky_numbers_agree_with_verso_and_recto_headers(edition):
    # Every page with a one-sided running header (book title on versos, chapter titles on
    # rectos) has a number of the right parity: the numbering is right all through.
    assert edition.pagination.parity_checked > 100
    assert not [w for w in edition.warnings if w.code == "W103"]


def test_a_header_on_the_wrong_side_is_reported():
    # a verso header on scan pages 1, 3, 5, 7 (printed 2, 4, 6, 8) and once on page 4 (printed 5)
    result = paginate(9, [Anchor(0, 1, "t")], set(), [[1, 3, 4, 5, 7]])
    # scan pages are named 1-based: index 4 is the fifth page of the scan
    assert any(w.code == "W103" and w.message.startswith("scan pages 5 carry a running header")
               and w.page == 4 for w in result.warnings)


def test_numbers_not_read_on_their_page_carry_their_certainty(edition):
    from lxml import etree

    from edition.write.tei import serialize, to_tei

    tei = etree.fromstring(serialize(to_tei(edition)))
    pbs = {pb.get("{http://www.w3.org/XML/1998/namespace}id"): pb
           for pb in tei.iter("{http://www.tei-c.org/ns/1.0}pb") if pb.get("type") != "unscanned"}
    for folio in edition.pagination.folios:
        if folio.n is None:
            continue
        pb = pbs[f"p{folio.n}"]
        expected = {"anchor": None, "inferred": "high", "uncertain": "low"}[folio.how]
        assert pb.get("cert") == expected, (folio, pb.attrib)


def test_a_skip_where_the_text_runs_on_is_a_lost_page_break_not_a_missing_page():
    # printed 10 on scan page 0, 14 on scan page 3: two numbers too many; the text runs on at
    # every break, and scan page 1 is twice as long as the others
    result = paginate(4, [Anchor(0, 10, "t"), Anchor(3, 14, "t")], {0, 1, 2}, [],
                      sizes=[40, 81, 40, 40])
    assert result.skipped == {}  # nothing is marked unscanned
    assert result.merged == {1: 12} and [f.value for f in result.folios] == [10, 11, 13, 14]
    assert [w.code for w in result.warnings] == ["W106"]


def test_repeated_printed_numbers_are_reported_and_inferred_ones_doubted():
    # a second part bound in numbers its pages from 1 again: read on both, kept and reported;
    # the numbers inferred after it repeat the first part's and are in doubt
    result = paginate(8, [Anchor(0, 1, "t"), Anchor(3, 4, "t"), Anchor(4, 1, "t")],
                      {0, 1, 2, 4, 5, 6}, [])
    assert [f.n for f in result.folios] == ["1", "2", "3", "4", "1", "2", "3", "4"]
    assert result.folios[4].how == "anchor"
    assert [f.how for f in result.folios[5:]] == ["uncertain"] * 3
    repeats = [w for w in result.warnings if w.code == "W107"]
    assert len(repeats) == 1 and repeats[0].page == 4


def test_folios_with_their_digits_spaced_apart_are_read():
    from edition.rules.folios import LEADING, TRAILING

    assert LEADING.match("1 1 4 The Vee- Doers.")["n"] == "1 1 4"
    assert TRAILING.search("A Camp full of Carcasses. 1 1 9")["n"] == "1 1 9"
    assert TRAILING.search("MARY WOLLSTONECRAFT SHELLEY 47")["n"] == "47"


def test_text_running_on_over_pages_of_usual_length_is_no_lost_page_break():
    # printed 70 on scan page 0, 74 on scan page 2: two numbers too many; the text runs on (no
    # sentence ends at the breaks) but no page is long enough to hold two printed pages: pages
    # are missing (Persuasion lost printed pages 72-73 so), not page breaks
    result = paginate(4, [Anchor(0, 70, "t"), Anchor(2, 74, "t"), Anchor(3, 75, "t")], {0, 1},
                      [], sizes=[38, 38, 38, 38])
    assert result.merged == {}
    assert sum(len(v) for v in result.skipped.values()) == 2
    assert [w.code for w in result.warnings if w.code in ("W101", "W106")] == ["W101"]


def test_a_running_head_inside_a_page_is_a_page_break_the_scan_lost():
    # printed 422 on scan page 0, 424 on scan page 2; scan page 1 has a running head in its
    # middle: it holds printed pages 423 and 424 is the next page, nothing is missing
    result = paginate(3, [Anchor(0, 421, "t"), Anchor(2, 424, "t")], set(), [],
                      sizes=[40, 44, 40], breaks_lost={1})
    assert result.skipped == {}
    assert result.merged == {1: 423} and [f.value for f in result.folios] == [421, 422, 424]
    assert [w.code for w in result.warnings] == ["W106"]
    assert "running head stands inside it" in result.warnings[0].message


def test_the_leaves_after_the_text_carry_no_printed_number():
    """Reid's Vee-Boers (1879), the last scans: after p. 216 a library's book card and due slip,
    their stamps taken out and specks of them left ("AO (", "'11 ,' '• • h"): no page 217,
    218 or 219 of the book."""
    from edition.pipeline import build
    from edition.read.text import read_text

    prose = "\n".join(["the waggons were inspanned and the Vee-Boers rode on towards the"
                       " river"] * 12)
    pages = [f"{n}\n{prose}" for n in range(212, 217)]
    pages += ["AO (\n\n'11 ,' '• • h", "DATE DUE\n\nUniversity Research Librar\\ ro\n\n.9 1"]
    edition = build(read_text("\f".join(pages), "vee-boers"))
    assert [f.n for f in edition.pagination.folios] == ["212", "213", "214", "215", "216",
                                                         None, None]


def test_an_opening_page_that_prints_no_number_continues_the_sequence_backwards():
    """Smollett's Atom (1769), vol. II: its first page of text prints a signature, not a
    number; the next page prints 2 and the text runs on between them: the first is page 1.
    A title page before it, whose text does not run on, keeps no number."""
    result = paginate(4, [Anchor(2, 2, "folio"), Anchor(3, 3, "folio")], {1, 2}, [])
    assert [(f.n, f.how) for f in result.folios] == [
        (None, "unnumbered"), ("1", "inferred"), ("2", "anchor"), ("3", "anchor")]
    assert [f.n for f in paginate(3, [Anchor(2, 2, "folio")], set(), []).folios] == [
        None, None, "2"]
