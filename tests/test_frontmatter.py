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
