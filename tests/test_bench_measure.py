"""The alignment and metric functions of bench/quality.py, on tiny hand-made texts.

A wrong metric would mislead every later rule decision, so each figure is checked here on a
case worked out by hand: a boundary matched, missed and false; a heading found, missed and a
false division; a wrong join and a wrong keep; furniture of each kind. Nothing here reads the
dev corpus.
"""

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from measure import align as align_module  # noqa: E402
from measure import metrics  # noqa: E402
from measure.adapter import parse_hyphen_note  # noqa: E402
from measure.align import align  # noqa: E402
from measure.report import table  # noqa: E402
from measure.tei import PB, parse, read_tei  # noqa: E402
from measure.truth import read_transcription, split_paragraphs  # noqa: E402
from measure.words import cer_normalise, tokens, words  # noqa: E402


def spans(*paragraphs: str) -> tuple[list[str], set[int]]:
    """Words of paragraphs and the boundaries (last word of each)."""
    out: list[str] = []
    ends: set[int] = set()
    for p in paragraphs:
        out += words(p)
        ends.add(len(out) - 1)
    return out, ends


# --- words ---------------------------------------------------------------------------------


def test_tokens_join_hyphens_and_apostrophes_split_dashes_and_flag_a_hyphen_left_open():
    w = tokens("Dinner-time, don't—no--sub- scribers; ſuch ﬁne 1835.")
    assert w.words == ["dinnertime", "dont", "no", "sub", "scribers", "such", "fine", "1835"]
    assert w.hyphen_end == [False, False, False, True, False, False, False, False]


def test_cer_normalisation_keeps_letters_only():
    assert cer_normalise("It's 12 o'clock—Sir!") == "it s o clock sir"


# --- alignment -----------------------------------------------------------------------------


def test_align_maps_equal_and_substituted_words_one_to_one():
    al = align("the cat sat on tlie mat".split(), "the cat sat on the mat".split())
    assert al.a_to_b == [0, 1, 2, 3, 4, 5]
    assert ("replace", 4, 5, 4, 5) in al.blocks


def test_align_maps_a_substitution_only_between_alike_words():
    al = align("he said chapter four".split(), "he said vley four".split())
    assert al.a_to_b == [0, 1, -1, 3]


def test_align_leaves_inserted_words_unmapped():
    al = align("a b x y c d".split(), "a b c d".split())
    assert al.a_to_b == [0, 1, -1, -1, 2, 3]
    assert al.b_to_a == [0, 1, 4, 5]


def test_align_cuts_long_texts_at_unique_anchors(monkeypatch):
    # with a tiny cell budget the pieces must be found through anchors, and come out the same
    monkeypatch.setattr(align_module, "DIRECT_CELLS", 16)
    a = [f"w{k}" for k in range(60)]
    b = [*a[:20], "extra", "words", *a[20:40], *a[41:]]  # two inserted, one deleted
    al = align(a, b)
    assert al.a_to_b[:20] == list(range(20))
    assert al.a_to_b[40] == -1
    assert al.a_to_b[41] == 42 and al.a_to_b[59] == 60  # after the two inserted words
    assert al.b_to_a[20] == al.b_to_a[21] == -1


def test_align_drops_an_anchor_that_moved():
    # "note" text stands at the end on one side and in the middle on the other: the longest
    # chain keeps the running text, the moved passage is left unmapped on one side
    body = [f"w{k}" for k in range(30)]
    note = ["fn1", "fn2", "fn3"]
    al = align(body[:10] + note + body[10:], body + note)
    assert all(al.a_to_b[k] == k for k in range(10))
    assert al.a_to_b[13] == 10


def test_project_gap_through_unmapped_words():
    al = align("a b c x d e".split(), "a b c d e".split())
    assert al.project_gap(2) == (2, 2)  # the gap after "c" falls after "c"
    assert al.project_gap(3) == (2, 2)  # so does the gap after the stray "x"
    assert al.project_gap(5) is None  # the last gap has nothing after it


def test_project_gap_refuses_a_stretch_that_one_side_lacks():
    long_insert = "a b c p q r s t u d e".split()
    al = align(long_insert, "a b c d e".split())
    assert al.project_gap(2, from_a=True) is None  # six unmapped words after "c"
    assert al.project_gap(2, from_a=False) is None


# --- character error rate ------------------------------------------------------------------


def test_cer_equals_the_whole_text_distance_on_a_small_text():
    text = "Tlie cat sat on the mat. Persuasion 45 She went home."
    truth = "The cat sat on the mat. She went home."
    a, b = cer_normalise(text), cer_normalise(truth)
    assert metrics.cer(text, truth) == pytest.approx(Levenshtein.distance(a, b) / len(b))


def test_cer_by_pieces_matches_the_whole_distance_when_text_is_in_order(monkeypatch):
    monkeypatch.setattr(metrics, "PIECE_CHARS", 10)  # a cut at every equal run
    truth = " ".join(f"word{k} common text here" for k in range(40))
    text = truth.replace("word7 ", "wrod7 ").replace("word30 ", "")
    a, b = cer_normalise(text), cer_normalise(truth)
    exact = Levenshtein.distance(a, b) / len(b)
    assert metrics.cer(text, truth) == pytest.approx(exact)


def test_baseline_removes_page_markers_and_joins_line_end_hyphens():
    assert metrics.baseline("a con-\nsulted man\n<page 3>\nnext") == "a consulted man\n\nnext"


# --- paragraphs ----------------------------------------------------------------------------


def test_boundary_matched_missed_and_false():
    truth, theirs = spans("One two three four.", "Five six seven eight.", "Nine ten eleven.")
    # the edition runs paragraphs 1 and 2 together (a missed boundary) and splits paragraph 3
    # after "ten" (a false one)
    ed, ours = spans("One two three four. Five six seven eight.", "Nine ten", "eleven.")
    s = metrics.boundary_scores(align(ed, truth), ours, theirs)
    # counted: ours after "eight" (matched) and after "ten" (false); the last gap has no
    # word after it on either side and is not counted
    assert (s.ours, s.ours_matched) == (2, 1)
    assert (s.theirs, s.theirs_matched) == (2, 1)  # after "four" missed, after "eight" found
    assert s.precision == 0.5 and s.recall == 0.5 and s.f1 == 0.5


def test_boundary_matches_across_a_stray_word_the_ocr_added():
    truth, theirs = spans("One two three four.", "Five six seven eight.", "Nine.")
    ed, ours = spans("One two three four. I", "Five six seven eight.", "Nine.")
    s = metrics.boundary_scores(align(ed, truth), ours, theirs)
    assert s.precision == 1.0 and s.recall == 1.0


def test_boundaries_outside_aligned_stretches_are_not_counted():
    # the transcription's front matter is not in the edition: its boundaries are not counted
    truth, theirs = spans("Produced by a volunteer team of proofreaders here.",
                          "One two three four.", "Five six seven eight.", "Nine ten.")
    ed, ours = spans("One two three four.", "Five six seven eight.", "Nine ten.")
    s = metrics.boundary_scores(align(ed, truth), ours, theirs)
    assert (s.theirs, s.theirs_matched) == (2, 2)
    assert (s.ours, s.ours_matched) == (2, 2)


#: A list set line by line inside a Project Gutenberg text (marshall-shelley-letters/truth.txt,
#: the reading list of 1815, abridged): the reader takes the indented block as one paragraph.
LISTED = """Those marked * Shelley read also.

    Posthumous Works. 3 vols.
    Sorrows of Werter.
    Don Roderick. By Southey.
    *Lara.

The lists of the books read in the years that follow are as long as this one and longer.
"""


def test_an_edition_break_at_a_list_item_or_verse_line_is_not_a_false_paragraph_end():
    tr = read_transcription(LISTED)
    # the edition sets each item as a paragraph of its own (as the print sets it), and also
    # breaks the prose after it in the middle of a sentence
    ed, ours = spans("Those marked * Shelley read also.", "Posthumous Works. 3 vols.",
                     "Sorrows of Werter.", "Don Roderick. By Southey.", "*Lara.",
                     "The lists of the books read in the years", "that follow are as long as "
                     "this one and longer.")
    s = metrics.boundary_scores(align(ed, tr.words), ours, tr.boundaries(), None, tr.line_ends)
    # after "also" and "lara" matched; after "vols", "werter", "southey" at list lines, not
    # counted; after "years" false
    assert (s.ours, s.ours_matched, s.ours_at_lines) == (3, 2, 3)
    assert (s.theirs, s.theirs_matched) == (2, 2)
    # without the list's lines, the same edition has three more false boundaries
    plain = metrics.boundary_scores(align(ed, tr.words), ours, tr.boundaries())
    assert (plain.ours, plain.ours_matched) == (6, 2)


def test_boundary_scope_limits_the_edition_side_to_the_body():
    truth, theirs = spans("Title here.", "One two three.", "Four five six.")
    ed, ours = spans("Title here.", "One two three.", "Four five six.")
    scope = [False, False] + [True] * (len(ed) - 2)  # the title is front matter
    s = metrics.boundary_scores(align(ed, truth), ours, theirs, scope)
    assert (s.ours, s.theirs) == (1, 1)  # only the gap after "three"


# --- transcriptions ------------------------------------------------------------------------


def test_unwrapped_transcription_continues_a_paragraph_after_a_page_break():
    # one line per paragraph, opening with a space; a line after a blank (a page break of the
    # print) that does not open with a space runs on from the paragraph before
    text = " " + "x " * 120 + "the\n \nnext page.\n " + "y " * 120 + "\n"
    paragraphs, wrapped = split_paragraphs(text)
    assert not wrapped
    assert len(paragraphs) == 2
    assert paragraphs[0].text.endswith("x the next page.")
    assert paragraphs[1].text.startswith("y y")


def test_wrapped_transcription_paragraphs_are_separated_by_blank_lines():
    paragraphs, wrapped = split_paragraphs("One line\nand its next.\n\n\n    Indented verse,\n"
                                           "    two lines.\nNot indented.\n")
    assert wrapped
    assert [p.text for p in paragraphs] == ["One line and its next.",
                                            "Indented verse, two lines. Not indented."]
    assert [p.blank_before for p in paragraphs] == [0, 2]
    assert not paragraphs[1].indented  # not every line of it is indented


PROSE = ("It was a fine morning in the country and the house stood quiet under the trees "
         "while everyone slept on.")
TRUTH = f"""TITLE OF THE BOOK

BY

AN AUTHOR




CHAPTER I.

THE BEGINNING.

{PROSE}

    "Quoted verse line one,
     And quoted verse line two,
     A third line of the verse."

{PROSE}




CHAPTER II.

{PROSE}

LETTER III

To a friend.

LONDON.

{PROSE}




CHAPTER IV.

    GODWIN TO BAXTER.

    My dear friend, your letter came this morning and I write at once to tell
    you that all is well with us here.

{PROSE}
"""


def test_headings_of_a_transcription():
    tr = read_transcription(TRUTH)
    texts = [h.text for h in tr.headings]
    assert texts == ["CHAPTER I. / THE BEGINNING.", "CHAPTER II.", "LETTER III", "CHAPTER IV."]
    # a title page is no heading; "LONDON." after a single blank line is a dateline; a
    # chapter may open with a quoted (indented) letter, whose heading is none
    assert tr.verse_lines == 3


def test_heading_found_missed_and_a_false_division():
    tr = read_transcription(TRUTH)
    h1, h4 = tr.headings[0], tr.headings[3]
    # the edition's divisions: chapter I at its heading, chapter IV at the words after its
    # heading, one inside the prose before chapter IV; none for chapter II and the letter
    text = tr.words
    ours = list(text)
    al = align(ours, text)
    false_at = h4.start - 8  # inside the prose before chapter IV
    divs = [(h1.start, "CHAPTER I.", "body"), (false_at, "", "body"), (h4.end, "IV.", "body")]
    raw = list(text)  # every heading is printed in the scan
    d = metrics.division_scores(tr.headings, [words(h.text) for h in tr.headings], al, divs,
                                align(text, raw), raw)
    assert (d.visible, d.found, len(d.missed), len(d.false)) == (4, 2, 2, 1)
    assert d.missed == ["CHAPTER II.", "LETTER III"]


def test_the_one_untitled_division_of_a_text_without_divisions_is_not_false():
    tr = read_transcription(TRUTH)
    text = tr.words
    al = align(list(text), text)
    whole = [(0, "", "body")]  # Smollett's Atom: <div type="text"> with no head
    d = metrics.division_scores(tr.headings, [words(h.text) for h in tr.headings], al, whole,
                                align(text, list(text)), list(text))
    assert (d.divs, len(d.false)) == (0, 0)
    untitled = [(0, "", "body"), (tr.headings[3].end, "IV.", "body")]
    d = metrics.division_scores(tr.headings, [words(h.text) for h in tr.headings], al, untitled,
                                align(text, list(text)), list(text))
    assert d.divs == 2


def test_a_heading_not_printed_in_the_scan_is_not_visible():
    tr = read_transcription(TRUTH)
    raw = [w for k, w in enumerate(tr.words)
           if not tr.headings[1].start <= k < tr.headings[1].end]  # chapter II not printed
    al = align(tr.words, raw)
    seen = [metrics.visible(h, al, raw, words(h.text)) for h in tr.headings]
    assert seen == [True, False, True, True]


def test_a_garbled_heading_is_still_visible():
    tr = read_transcription(TRUTH)
    raw = words(TRUTH.replace("CHAPTER II.", "Cl)»t>ter 3331."))
    al = align(tr.words, raw)
    assert metrics.visible(tr.headings[1], al, raw, words(tr.headings[1].text))


# --- hyphens, split words, long s ----------------------------------------------------------


def test_hyphen_decisions_wrong_join_wrong_keep_right_and_undecidable():
    hyph, solid = metrics.truth_spellings(
        "He came to-morrow, a well-known man, impartially; the dinner-time and dinnertime.")
    decisions = [
        (True, "to", "morrow"),  # joined, the transcription has to-morrow: wrong join
        (False, "im", "partially"),  # kept, it has impartially: wrong keep
        (False, "well", "known"),  # kept, it has well-known: right
        (True, "dinner", "time"),  # it has both: undecidable
        (True, "un", "heard"),  # it has neither: undecidable
    ]
    h = metrics.hyphen_scores(decisions, hyph, solid)
    assert h.wrong_join == ["tomorrow"] and h.wrong_keep == ["im-partially"]
    assert (h.decisions, h.right, h.undecidable, h.joined, h.kept) == (5, 1, 2, 3, 2)


def test_transcription_line_end_hyphen_is_a_compound():
    hyph, _ = metrics.truth_spellings("a well-\nknown man")
    assert "well-known" in hyph


def test_a_refused_build_is_measured_all_the_same(tmp_path, monkeypatch):
    from measure import adapter

    from edition.errors import BuildError

    def refuse(edition):
        raise BuildError("accounting incomplete: scan page 1 ...")

    (tmp_path / "book").mkdir()
    raw = tmp_path / "book" / "raw.txt"
    raw.write_text("A first paragraph of the book.\n\nA second paragraph here.\n",
                   encoding="utf-8")
    monkeypatch.setattr(adapter, "render", refuse)
    built = adapter.build_book(raw, tmp_path)
    assert built.refused.startswith("accounting incomplete")
    assert "second paragraph" in adapter.reading_text(parse(built.tei_path.read_bytes()))
    assert adapter.accounting(built).complete


def test_hyphen_note_shapes():
    assert parse_hyphen_note("con-|sulted: 'consulted' 3× in this book") == (
        True, "con", "sulted", "'consulted' 3× in this book")
    assert parse_hyphen_note("kept dinner-time: both halves are words") == (
        False, "dinner", "time", "both halves are words")
    assert parse_hyphen_note("paragraph runs on from scan page 3") is None


def test_split_words_with_and_without_a_hyphen():
    ed = tokens("he con sulted the sub- scribers at once")
    tr = words("he consulted the subscribers at once")
    s = metrics.split_words(align(ed.words, tr), ed.words, ed.hyphen_end, tr)
    assert (s["without_hyphen"], s["with_hyphen"]) == (1, 1)
    assert s["examples"] == ["con|sulted"]


def test_split_words_only_where_a_line_ended_in_the_scan():
    ed = tokens("every thing he con sulted")
    tr = words("everything he consulted")
    pages = [["every thing he con", "sulted"]]  # "every thing" is the print's own spelling
    s = metrics.split_words(align(ed.words, tr), ed.words, ed.hyphen_end, tr,
                            metrics.line_end_pairs(pages))
    assert s["examples"] == ["con|sulted"]


def test_long_s_read_as_f():
    ed, tr = words("fuch a firft fine day of fame"), words("such a first fine day of fame")
    ls = metrics.long_s(align(ed, tr), ed, tr)
    assert ls["errors"] == 2  # "fine" and "fame" are right; "such", "first" have an s
    assert ls["words_with_s"] == 2


# --- furniture -----------------------------------------------------------------------------


def test_furniture_of_each_kind():
    heads = {("on", "hernia"): True, ("persuasion",): False}
    blocks = [
        ("p", "45", []),  # a page number as a paragraph
        ("p", f"the brain D D 2 {PB}examining it", ["120"]),  # a signature before a break
        ("p", f"the wound was 121 {PB} cleaned", ["122"]),  # the page's number in the text
        ("p", f"he said that {PB} that was all", ["123"]),  # a doubled word: catchword
        ("p", f"and then {PB} Persuasion she went", ["124"]),  # a running head after a break
        ("p", "the patient ON HERNIA was bled", []),  # a head in capitals inside a paragraph
        ("head", "B 2", []),  # headings are not counted
        ("p", "I", []),  # a word, not a signature
        ("p", "Aa", []),  # a signature mark
    ]
    f = metrics.furniture(blocks, heads)
    assert sorted(f["page_numbers"]["examples"]) == ["121", "45"]
    assert sorted(f["signatures"]["examples"]) == ["Aa", "D D 2"]
    assert f["catchwords"]["examples"] == ["that"]
    assert sorted(f["running_heads"]["examples"]) == ["ON HERNIA", "persuasion"]


def test_catchword_across_a_paragraph_break_only_when_printed_alike():
    blocks = [("p", "a nose of that make", []), ("p", f"{PB}make Ovid had", ["9"]),
              ("p", "it was he.", []), ("p", f"{PB}He said", ["10"])]
    f = metrics.furniture(blocks, {})
    assert f["catchwords"]["examples"] == ["make"]


def test_running_heads_of_a_raw_scan():
    pages = [["PERSUASION 12", "text"], ["13", "Persuasion", "more"], ["Persuasion 14", "x"],
             ["CHAPTER I", "y"]]
    assert metrics.running_heads(pages) == {("persuasion",): False}


# --- folios --------------------------------------------------------------------------------


def test_folio_agreement_reads_clean_numbers_that_fit_their_neighbours():
    pages = [[str(10 + k), "text line"] for k in range(8)]
    pages[3] = ["Persuasion 13", "text"]  # a number at the end of a running head
    pages[5] = ["i5", "text"]  # garbled: skipped
    pages[6] = ["CHAPTER", "3", "text"]  # a chapter number, not a folio: skipped
    printed = [str(10 + k) for k in range(8)]
    printed[4] = "15"  # the edition is wrong on scan page 5
    f = metrics.folio_agreement(pages, printed)
    assert (f["checked"], f["agree"]) == (6, 5)
    assert f["disagreements"] == ["scan 5: printed 14, pb/@n 15"]


def test_folio_candidates_lower_case_roman_alone():
    assert metrics.folio_candidates(["xii", "PREFACE"]) == [(12, True, "xii")]


# --- warnings ------------------------------------------------------------------------------


def test_warning_kind_prefers_a_code_then_reads_the_shape():
    assert metrics.warning_kind(SimpleNamespace(code="ED201")) == "ED201"
    assert metrics.warning_kind('text lost after "...x" (before "y...")') == "text-lost"
    assert metrics.warning_kind("scan page 14: hyphen-join: a-|b: no evidence either way") \
        == "uncertain:hyphen-join"
    assert metrics.warning_kind("printed page(s) 36 not in the scan (before scan page 67)") \
        == "pages-not-scanned"
    assert metrics.warning_kind("Something new happened on page 3") == "something-new-happened"


def test_warning_counts_per_hundred_pages():
    counts = metrics.warning_counts(['text lost after "a"', 'text lost after "b"'], 200)
    assert counts == {"text-lost": {"count": 2, "per_100_pages": 1.0}}
    coded = metrics.warning_counts([SimpleNamespace(code="W201", kind="text-lost")], 50)
    assert coded == {"W201": {"count": 1, "per_100_pages": 2.0, "name": "text-lost"}}


# --- TEI -----------------------------------------------------------------------------------


def test_tei_blocks_divisions_notes_and_page_breaks():
    xml = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text>
      <front><titlePage><titlePart>A Book</titlePart></titlePage></front>
      <body><pb n="1"/><div><head>CHAPTER I</head>
        <p>con<pb n="2" break="no"/>sulted<note place="foot" n="1">A note.</note> the
        <fw type="header">RUNNING HEAD</fw>man</p>
        <lg><l>One line,</l><l>another.</l></lg></div></body></text></TEI>"""
    doc = read_tei(parse(xml))
    assert [(b.part, b.tag, " ".join(b.text.split())) for b in doc.blocks] == [
        ("front", "titlePart", "A Book"), ("body", "head", "CHAPTER I"),
        ("body", "p", "consulted the man"), ("body", "note", "A note."),
        ("body", "lg", "One line, another.")]
    assert doc.blocks[1].marked.startswith(PB)  # the page break before the heading
    assert [m.n for m in doc.pages] == ["1", "2"]
    assert doc.notes == {"body": 1} and doc.verse_lines == {"body": 2}
    assert [(d.part, d.head, d.first_block) for d in doc.divs] == [("body", "CHAPTER I", 1)]


# --- the report and the command ------------------------------------------------------------


def test_table_shows_changes_since_a_saved_run():
    now = {"book-a": {"pages": 10, "cer": {"toolkit": 0.0125}}}
    saved = {"book-a": {"pages": 10, "cer": {"toolkit": 0.0138}}}
    out = table(now, saved)
    assert "0.0125 (-0.0013)" in out
    assert "scan pages" in out and "(+" not in out.splitlines()[1]


def test_quality_without_a_corpus_says_so_in_one_line(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "quality.py"), "--corpus",
                           str(tmp_path / "nowhere")], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "no corpus directory" in proc.stderr


def test_quality_refuses_a_compare_file_that_is_not_a_saved_run(tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "raw.txt").write_text("x", encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "quality.py"), "--corpus",
                           str(tmp_path), "--compare", str(bad)], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2 and "not a saved run" in proc.stderr
    assert "Traceback" not in proc.stderr
