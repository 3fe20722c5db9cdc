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


def _book(parts: list[str]):
    from edition.pipeline import build
    from edition.read.text import read_text

    return build(read_text("\f".join(parts), "book"))


PROSE = ("It was a cold morning when the travellers set out from the inn, and the road\n"
         "before them was long and hard, running over the moor towards the hills where\n"
         "the snow still lay in the hollows, and none of them spoke for an hour or more.\n")


def test_books_hold_their_chapters_as_nested_divisions():
    from edition.write.tei import to_tei

    pages = []
    for book, title, chapters in (("I", "THE ROAD", ("I", "II")), ("II", "THE CITY", ("I", "II"))):
        pages.append(f"BOOK {book}\n\n{title}\n\n\n{PROSE}")
        pages += [f"CHAPTER {ch}\n\n{PROSE}{PROSE}" for ch in chapters]
    root = to_tei(_book(pages))
    t = "{http://www.tei-c.org/ns/1.0}"
    books = root.findall(f"{t}text/{t}body/{t}div")
    assert [(d.get("type"), d.get("n")) for d in books] == [("book", "I"), ("book", "II")]
    for book in books:
        assert [(d.get("type"), d.get("n")) for d in book.findall(f"{t}div")] == [
            ("chapter", "I"), ("chapter", "II")]
        assert book.find(f"{t}p") is not None  # the book's own text before its chapters
    ids = [d.get("{http://www.w3.org/XML/1998/namespace}id") for d in root.iter(f"{t}div")]
    assert len(ids) == len(set(ids))


def test_a_skip_in_the_numbering_is_reported_not_renumbered():
    pages = [f"CHAPTER {ch}\n\n{PROSE}{PROSE}" for ch in ("I", "II", "V", "VI")]
    edition = _book(pages)
    assert [d.n for d in edition.divs] == ["I", "II", "V", "VI"]
    skipped = [w for w in edition.warnings if w.code == "W110"]
    assert len(skipped) == 1 and "from II to V: 2 headings" in skipped[0].message
    # a new book counts its chapters from one again: no skip
    pages = [f"BOOK I\n\n\n{PROSE}", f"CHAPTER I\n\n{PROSE}", f"CHAPTER II\n\n{PROSE}",
             f"BOOK II\n\n\n{PROSE}", f"CHAPTER I\n\n{PROSE}", f"CHAPTER II\n\n{PROSE}"]
    assert not [w for w in _book(pages).warnings if w.code == "W110"]


def test_a_contents_page_the_ocr_split_into_columns_joins_label_title_and_number():
    """The Vee-Boers (Reid 1879, Internet Archive OCR), contents: each chapter's label, title
    and page number on lines of their own, numbers garbled ("i6") or after leaders (". 32")."""
    from edition.pipeline import build
    from edition.write.tei import to_tei

    contents = ("CONTENTS.\n\nI.\n\nOn the Karoo\n\n11.\n\nA Weird Spectacle\n\n9\n\nIII.\n\n"
                "A Batiue of Lions\n\ni6\n\nV.\n\nUnder the IMowana\n\n. 32\n")
    prose = ("The Vee-Boers had outspanned on the Karoo, and the waggons stood in a ring about "
             "the fire while the oxen grazed. ") * 4
    body = "\f".join(f"CHAPTER {n}.\n\n{t}\n\n{prose}" for n, t in
                     [("I", "ON THE KAROO"), ("II", "A WEIRD SPECTACLE"),
                      ("III", "A BATTUE OF LIONS"), ("V", "UNDER THE MOWANA")])
    tei = to_tei(build(read_text(f"{contents}\f{body}", "vee-boers")))
    items = ["".join(i.itertext()).strip() for i in tei.iter("{http://www.tei-c.org/ns/1.0}item")]
    assert items == ["I. On the Karoo", "11. A Weird Spectacle 9", "III. A Batiue of Lions i6",
                     "V. Under the IMowana . 32"]


def test_a_first_lecture_printed_without_its_contents_label_opens_its_division():
    """Emerson's Representative Men (1850, HathiTrust OCR): the contents list "I. — Uses op
    Great Men 9" (one space before the number: the OCR closed the leader up), but the lecture
    prints its title alone, "USES OF GREAT MEN.", over its text; its half-title page holds the
    title alone and opens nothing."""
    from edition.rules.divisions import find_openings

    prose = "\n".join(["It is natural to believe in great men. If the companions of our"] * 8)
    pages = ["CONTENTS.\nI. — Uses op Great Men 9\nII. — Plato; or, the Philosopher, 43",
             "USES OF GREAT MEN.", f"USES OF GREAT MEN.\n{prose}",
             f"II.\nPLATO; OR, THE PHILOSOPHER.\n{prose}"]
    scan = read_text("\f".join(pages), "emerson")
    contents = find_contents(scan)
    assert contents is not None
    assert [(e.label, e.title, e.page) for e in contents.entries] == [
        ("I", "Uses op Great Men", 9), ("II", "Plato; or, the Philosopher", 43)]
    opened = find_openings(scan, contents)
    assert [(o.page, o.label, o.title) for o in opened] == [
        (2, "I", "USES OF GREAT MEN."), (3, "II", "PLATO; OR, THE PHILOSOPHER.")]
