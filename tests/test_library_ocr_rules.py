"""The rules for hard-wrapped library OCR, each on its own: lines, labels, folios, noise, marks."""

from __future__ import annotations

from edition.model import Block, Edit, Line, LineJoin, Text
from edition.read.text import read_text
from edition.rules.folios import FOLIO, read_number
from edition.rules.labels import garbled_label, is_label, number_labels
from edition.rules.lexicon import BookWords
from edition.rules.lines import measure, unwrap
from edition.rules.noise import LEADERS, find_noise, is_noise
from edition.rules.signatures import SIGNATURE, find_marks


def _block(lines: list[str]) -> Block:
    children: list = []
    pos = 0
    for k, text in enumerate(lines):
        if k:
            children.append(LineJoin(width=len(lines[k - 1]), line=Line(pos, pos + len(text), text)))
        children.append(Text(text, pos, pos + len(text)))
        pos += len(text) + 1
    return Block("p", children, 0, Line(0, len(lines[0]), lines[0]), last_width=len(lines[-1]))


def test_measure_tells_hard_wrapped_text(scan):
    assert measure(scan) is None  # Krivitsky: one paragraph a line
    wrapped = read_text("\n".join(["a line of about fifty characters of text here ok"] * 30), "w")
    assert 40 <= measure(wrapped) <= 60


def test_unwrap_splits_paragraphs_and_rejoins_words():
    lines = ["the limited remnant of the earliest patents; contem-",
             "plating the almost endless creations, and he",
             "always opened the book at that page.",
             "Precisely such had the paragraph originally stood",
             "until the dinner-", "time came."]
    edits: list[Edit] = []
    paragraphs = unwrap(_block(lines), 50, BookWords("contemplating"), edits)
    texts = [p.text for p in paragraphs]
    assert texts[0] == ("the limited remnant of the earliest patents; contemplating the almost "
                        "endless creations, and he always opened the book at that page.")
    assert texts[1] == "Precisely such had the paragraph originally stood until the dinner-time came."
    assert [e.rule for e in edits] == ["hyphen-join", "hyphen-join"]
    assert edits[1].note.startswith("kept dinner-time")


def test_split_word_needs_strong_evidence():
    lines = ["the abo", "lition of the trade and an in", "credible thing"]
    edits: list[Edit] = []
    text = unwrap(_block(lines), 60, BookWords("abolition abolition"), edits)[0].text
    assert "the abolition of" in text  # 'lition' is no word: rejoined
    assert "an in credible" in text  # both halves words, the book never spells 'incredible'
    assert [(e.rule, e.uncertain) for e in edits] == [("split-word", False)]
    edits = []
    book = BookWords("abolition abolition incredible incredible")
    assert "an in credible" in unwrap(_block(lines), 60, book, edits)[0].text
    # a book whose OCR drops hyphens ("abo" / "lition" at a line end) and spells "incredible"
    book = BookWords("the abo\nlition of it\nabolition incredible incredible")
    edits = []
    text = unwrap(_block(lines), 60, book, edits)[0].text
    assert "an incredible thing" in text  # the book's own spelling: joined, flagged
    assert [(e.rule, e.uncertain) for e in edits] == [("split-word", False), ("split-word", True)]
    edits = []
    book = BookWords("the abo\nlition of it\nabolition incredible incredible\nan in credible tale")
    assert "an in credible" in unwrap(_block(lines), 60, book, edits)[0].text  # a pair there


def test_garbled_chapter_labels():
    for text in ("Chapter %", "Chapter J%", "Chapter VJJ.", "Chapter", "LECTURE XVII.", "CHAPTER II"):
        assert is_label(text), text
    for text in ("Chapters X. and XI. as we now have them", "Chapter and verse", "Lecture notes"):
        assert not is_label(text), text
    assert garbled_label("Chapter $VJiJi%")
    assert number_labels(["I", None, "III", None]) == [
        ("I", False), ("II", True), ("III", False), ("IV", True)]


def test_folio_tokens_read_misread_digits():
    assert read_number("i6") == 16 and read_number("3©") == 30 and read_number("s") == 5
    assert read_number("12") == 12 and read_number("6 12") == 612
    assert read_number("Persuasion") is None
    for text in ("12", "— i-", "[12]", "2 ]", "6 12", "407 '"):  # Cooper 1835
        assert FOLIO.match(text), text
    assert not FOLIO.match(".9 1")  # Finley's due slip, not a page number
    assert not FOLIO.match("In the year 1835 he")


def test_noise_by_shape():
    assert is_noise("i i i v if i is i h")
    assert is_noise(".v. .-..> tt . t r")
    for text in ("He got up and moved away.", "I am a", "A surgeon !", "- 3 -"):
        assert not is_noise(text), text
    assert LEADERS.match("- - -") and LEADERS.match("....") and not LEADERS.match("- 3")


def test_signature_marks_and_catchwords():
    # the shapes printers used, as real books print them (Cooper 1835: "D D 2", "A a 2",
    # "H 2", "3 E 2", "3 A"; Smollett 1769: "Vol. II. B", "B 2"; others: "C3", "3 b 2", "11*")
    for text in ("B", "A 2", "11*", "F 76", "B 3", "D D 2", "A a 2", "Aa 2", "C3", "3 b 2",
                 "Vol. II. B", "H II 2", "3 E 2", "3 A"):
        assert SIGNATURE.match(text), text
    for text in ("Finis.", "the", "1835.", "The end"):
        assert not SIGNATURE.match(text), text
    body = "\n".join(["A long line of ordinary body text for this page."] * 3)
    scan = read_text(f"{body}\nB 2\n\n\n\n{body}\nwhich\n\n\n\nwhich was all", "s")
    edits, furniture = find_marks(scan, set(), {0: ["A"], 1: ["A"], 2: ["which was all"]})
    assert [(e.rule, scan.raw[e.start:e.end]) for e in edits] == [
        ("signature-mark", "B 2"), ("catchword", "which")]
    assert furniture[0][0].kind == "sig" and furniture[1][0].kind == "catch"


def test_a_signature_and_a_catchword_on_one_line_let_the_text_run_on():
    body = "\n".join(["A long line of ordinary body text for this page, and the inha-"] * 3)
    scan = read_text(f"{body}\nC                                        bitants\n\f"
                     f"bitants are civil.\n{body}\nC 2                   LET-\n\f"
                     "LETTER IV.\nTHE weather held.\n", "s")
    firsts = {1: ["bitants are civil."], 2: ["LETTER IV."]}
    edits, _ = find_marks(scan, set(), firsts)
    assert [(e.rule, scan.raw[e.start:e.end]) for e in edits] == [
        ("signature-mark", "C"), ("catchword", "bitants"),        # the word broken over the page
        ("signature-mark", "C 2"), ("catchword", "LET-")]         # the heading it announces
    assert not any(e.uncertain for e in edits)


def test_a_short_last_line_that_ends_a_sentence_is_text_not_a_catchword():
    body = "\n".join(["A long line of ordinary body text for this page goes on and on"] * 3)
    scan = read_text(f"{body}\nof it.\n\f{body}\n", "s")
    assert find_marks(scan, set(), {1: ["Of it the less said"]})[0] == []


def test_in_a_book_that_sets_catchwords_a_garbled_one_is_taken_and_flagged():
    pages = []
    for k in range(6):
        body = "\n".join([f"Ordinary text of page {k} of a hand-press book, set narrow"] * 3)
        pages.append(f"word{k} {body}\n{'word' + str(k + 1) if k != 3 else 'cinasp'}")
    scan = read_text("\f".join(pages), "s")
    firsts = {k: [f"word{k} Ordinary text"] for k in range(6)}
    edits, _ = find_marks(scan, set(), firsts)
    garbled = [e for e in edits if scan.raw[e.start:e.end] == "cinasp"]
    assert len(garbled) == 1 and garbled[0].uncertain and garbled[0].rule == "catchword"
    assert sum(not e.uncertain for e in edits) == 4  # the verified ones (page 6 has no next)


def test_label_words_set_with_a_long_s():
    from edition.rules.labels import read_label

    # as a 17th-century print has it (the VD-SBB durrgeda set's "Pſalm")
    assert read_label("Pſalm XII") == read_label("Psalm XII")
    assert read_label("Pſalm %").kind == "psalm"


def test_labels_of_every_kind_language_and_spacing():
    from edition.rules.labels import despace, read_label

    for text, kind, value in [
        ("CHAPTER II", "chapter", 2), ("CHAP. XI.", "chapter", 11), ("LETTER III.", "letter", 3),
        ("SERMON IV.", "sermon", 4), ("BOOK THE FIRST", "book", 1), ("Part 2", "part", 2),
        ("ESSAY VII.", "essay", 7), ("CANTO XII", "canto", 12), ("CHAPITRE V", "chapter", 5),
        ("LIVRE II", "book", 2), ("KAPITEL 3", "chapter", 3), ("Erstes Kapitel", "chapter", 1),
        ("C H A P T E R  I I", "chapter", 2), ("XIV.", "", 14),
    ]:
        label = read_label(text)
        assert label is not None and label.kind == kind and label.value == value, text
    assert read_label("Chapter J%").value is None and read_label("Chapter J%").kind == "chapter"
    for text in ("Part of it", "Letter to the editor", "The book was", "Chapters X. and XI."):
        assert read_label(text) is None, text
    assert despace("C H A P T E R  I I") == "CHAPTER II"
    assert despace("24 T H E  A N N A L S  O F  M A R L O W") == "24 THE ANNALS OF MARLOW"
    assert despace("THE FORD AND THE MILL 25") == "THE FORD AND THE MILL 25"
    assert read_label("BOOK II").rank < read_label("CHAPTER II").rank  # a book holds chapters


def test_page_footers_with_the_word_page_are_folios():
    for text, n in (("Page 9", "9"), ("PAGE 12", "12"), ("p. 43", "43"), ("Seite 7", "7")):
        assert FOLIO.match(text)["n"] == n, text
    for text in ("Pages", "Page", "page nine"):
        assert not FOLIO.match(text), text
    from edition.pipeline import build
    from edition.write.tei import to_tei
    from edition.write.text import tei_text

    prose = ("The debate upon the schema was opened on the following day and it was soon\n"
             "evident that the minority intended to resist the definition with all the\n"
             "means which the rules of the Council allowed them, and the speeches went on\n")
    pages = [f"{prose}Page {n}\n" for n in range(9, 14)]
    scan = read_text("\f".join(pages), "footers")
    root = to_tei(build(scan))
    ns = "{http://www.tei-c.org/ns/1.0}"
    assert [pb.get("n") for pb in root.iter(f"{ns}pb")] == ["9", "10", "11", "12", "13"]
    assert "Page" not in tei_text(root)


def test_garbled_lines_of_a_leaf_before_or_after_the_text():
    from edition.rules.noise import garbled

    book = BookWords("the library of the university the library " * 3)
    for text in ("^76'A1618aograph^arao,.B»g", "k 'X'&rfiii/y^.^", "^fe;*"):
        assert garbled(text, book), text
    # the OCR pipeline's italics, a contents entry with its note mark, an imprint: text
    for text in ("*by*", "Ox Irritatiox *", "in Pater-nofter Row^.", "THE LIBRARY / OF"):
        assert not garbled(text, book), text


def _removed(scan, edits) -> list[str]:
    return [scan.raw[e.start:e.end] for e in edits]


def test_a_plate_the_ocr_read_as_specks_is_noise_but_a_column_of_numbers_is_not():
    """Pages of The Vee-Boers (Reid 1879, Internet Archive OCR): a plate read as "I", "D",
    "O", "U" down the page; a plate read as a run of marks before a chapter's opening on the
    same page; a speck left beside a line of marks inside the text. And Cooper's contents
    page (1835), whose column of page numbers is text."""
    prose = "\n".join(["though never such a racket as now. Then fires had been kept"] * 6)
    plate = read_text("I\n\nD\nO\n\nU\n", "s")
    assert _removed(plate, find_noise(plate, set())) == ["I", "D", "O", "U"]
    facing = read_text("'#\n\ns^\n\nrW\n\n1\n\n^j^\n\n,\n\nf]\n\nf^\n\nl-\n\nW^'\n\n5^^^\n\n"
                       f"CHAPTER XVII.\n\n{prose}\n", "s")
    assert sorted(_removed(facing, find_noise(facing, set()))) == sorted([
        "'#", "s^", "rW", "1", "^j^", ",", "f]", "f^", "l-", "W^'", "5^^^"])
    beside = read_text(f"{prose}\n\n' )•'!.\n\n\nI\n\n\n{prose}\n", "s")
    assert _removed(beside, find_noise(beside, set())) == ["' )•'!.", "I"]
    # a pronoun alone in its line inside prose, with no noise beside it, is text
    alone = read_text(f"{prose}\n\nI\n\n{prose}\n", "s")
    assert find_noise(alone, set()) == []
    contents = read_text(f"{prose}\nLecture I.\n12\nib.\n14\n18\nLecture II.\n22\n{prose}\n",
                         "s")
    assert find_noise(contents, set()) == []


def test_a_catchword_with_the_stop_of_the_word_it_repeats():
    """Smollett's Atom (1769): the catchword copies the next page's first word with its stop
    ("make ?" over "make? Ovid, indeed"); a last line ending a sentence with another word
    stays text."""
    body = "\n".join(["praetor, because his great-great-grand-father had a nose of that"] * 3)
    scan = read_text(f"{body}\nmake ?\n\f{body}\nof it.\n\f{body}\n\nfummer.\n\f", "s")
    firsts = {1: ["make? Ovid, indeed, had a long"], 2: ["Of it the less said"],
              3: ["fummer, at the inactivity of this"]}  # the OCR read one stop amiss
    edits, _ = find_marks(scan, set(), firsts)
    assert [(e.rule, scan.raw[e.start:e.end]) for e in edits] == [("catchword", "make ?"),
                                                                   ("catchword", "fummer.")]


def test_a_signature_in_figures_run_into_the_last_line_of_text():
    """Emerson 1850, scan 27: the sheet's signature "2*" (the second half of sheet 2) read
    at the end of the page's last line, "...zeliuses and Davys? 2*"; removed, the line's text
    stays."""
    from edition.pipeline import build
    from edition.write.text import edition_text

    words = ("the search after the great is the dream of youth and the most serious "
             "occupation of manhood we travel into foreign parts to find his works").split()

    def body(k: int) -> str:
        return "\n".join(" ".join(words[(k * 7 + j * 3) % 12 :][:11]) for j in range(6))

    pages = [f"16\nREPRESENTATIVE MEN.\n{body(0)}\nof the Berzeliuses and Davys? 2*",
             f"17\nREPRESENTATIVE MEN.\nThus, we sit by the fire and take\n{body(1)}",
             f"18\nREPRESENTATIVE MEN.\n{body(2)}"]
    scan = read_text("\f".join(pages), "emerson")
    edition = build(scan)
    assert [scan.raw[e.start:e.end] for e in edition.edits if e.rule == "signature-mark"] == ["2*"]
    text = edition_text(edition)
    assert "Berzeliuses and Davys?" in text and "2*" not in text
    # a footnote's mark after a word inside the page is no signature
    edits, _ = find_marks(read_text(f"{body(0)}\nOr in the Lucy Gray 1*\n{body(1)}\n", "s"),
                          set(), {})
    assert edits == []


def test_a_letter_spaced_line_closes_up_into_its_words():
    """Smollett's title page (1769): "O F A N" is "OF AN" (a letter-spaced line keeps no wider
    gap between its words), "C H A P T E R" one word, a name as it stands."""
    from edition.model import Text
    from edition.rules.typography import normalise_inline

    raw = "O F A N\nC H A P T E R\nM I L D R E D"
    nodes = [Text(t, raw.index(t), raw.index(t) + len(t)) for t in raw.split("\n")]
    edits: list[Edit] = []
    normalise_inline(nodes, 0, raw, edits)
    assert [n.text for n in nodes] == ["OF AN", "CHAPTER", "MILDRED"]
