"""The book's title for the teiHeader, from the title page and the running heads."""

from __future__ import annotations

import pytest

from edition.structure.frontmatter import choose_title


@pytest.mark.parametrize(("title_page", "heads", "running", "title"), [
    # Emerson 1850: the title page's fuller title holds the running heads' short one
    ("REPRESENTATIVE MEN: SEVEN LECTURES.", "", "REPRESENTATIVE MEN",
     "REPRESENTATIVE MEN: SEVEN LECTURES."),
    # Marshall 1889: the OCR lost the title page's last title line (ornamental type)
    ("THE LIFE & LETTERS OF", "", "MARY WOLLSTONECRAFT SHELLEY",
     "THE LIFE & LETTERS OF MARY WOLLSTONECRAFT SHELLEY"),
    # Persuasion 1901: the page taken for the title page is the series page
    ("EDITED BY REGINALD BRIMLEY JOHNSON IN TEN VOLUMES", "", "PERSUASION", "PERSUASION"),
    # no running heads: the title page, else the front matter's first heading
    ("BIOGRAPHIA LITERARIA;", "", "", "BIOGRAPHIA LITERARIA;"),
    ("", "MILDRED KEITH", "", "MILDRED KEITH"),
])
def test_the_title_page_is_the_title_where_it_is_whole(title_page, heads, running, title):
    assert choose_title(title_page, heads, running) == title


@pytest.mark.parametrize(("line", "name"), [
    ("PUBLISHED BYLEAVITT, LORD & CO.", "LEAVITT, LORD & CO"),  # Coleridge 1834, New York
    ("Printed for T. Cadell, in the Strand.", "T. Cadell, in the Strand"),
    ("RICHARD BENTLEY & SON", "RICHARD BENTLEY & SON"),
    ("PUBLISHERS' UNION", "PUBLISHERS' UNION"),
])
def test_the_publisher_is_the_firm_without_the_formula_before_it(line, name):
    from edition.structure.frontmatter import firm

    assert firm(line) == name


def test_a_title_page_naming_no_author_has_its_place_above_the_firm():
    """Smollett's Atom (1769 printing, vol. II; Internet Archive OCR, letter-spacing closed):
    a title in one word a line, every one alone in capitals like a place; the place is the
    line the firm follows."""
    from edition.structure.frontmatter import Source, read_title_page

    page = ["THE", "HISTORY", "AND", "ADVENTURES", "OF AN", "ATOM.", "IN TWO VOLUMES.",
            "VOL. II.", "LONDON", "Printed for Robinson and Roberts, N°. 25,",
            "in Pater-noster Row.", "M DCC XLIX."]
    source = Source()
    title, at = read_title_page([["PERKINS LIBRARY"], page], source)
    assert (title, at) == ("THE HISTORY AND ADVENTURES OF AN ATOM.", 1)
    assert (source.place, source.year) == ("LONDON", "1749")
    assert source.publisher.startswith("Robinson and Roberts")


def test_a_narrow_measure_still_has_a_first_page_of_prose():
    """A duodecimo sets five or six words a line: the title page before its first page of
    prose is front matter, not body."""
    from edition.read.text import read_text
    from edition.rules.headers import first_prose_page

    title = "THE\n\nHISTORY\n\nAND\n\nADVENTURES\n\nLONDON\n\nPrinted for Robinson and Roberts,\n"
    prose = "\n".join(["when Fortune, which had long been", "inclined to favour the Chinese,",
                       "resolved to show herself at last"] * 8)
    scan = read_text(f"{title}\f{prose}\n", "atom")
    assert first_prose_page(scan, []) == 1


def test_a_list_of_illustrations_has_an_entry_for_each_plate():
    """Persuasion (1901): "LIST OF ILLUSTRATIONS." then one line a plate, each ending where the
    plate stands ("Frontispiece", "page 47", a ditto mark and "88")."""
    from edition.pipeline import build
    from edition.read.text import read_scan
    from edition.write.tei import to_tei

    from .conftest import ROOT

    root = to_tei(build(read_scan(ROOT / "tests" / "data" / "corpus"
                                  / "persuasion-1901-p1-40.txt")))
    t = "{http://www.tei-c.org/ns/1.0}"
    div = next(d for d in root.iter(f"{t}div") if d.get("type") == "illustrations")
    items = [" ".join("".join(i.itertext()).split()) for i in div.iter(f"{t}item")]
    assert len(items) == 6
    assert items[0].endswith("Frontispiece") and items[1] == '"Well Done, Miss Anne!" . . page 47'
