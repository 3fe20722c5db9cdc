"""The alignment and metric functions of bench/quality.py, on tiny hand-made texts.

A wrong metric would mislead every later rule decision, so each figure is checked here on a
case worked out by hand: a boundary matched, missed and false; a heading found, missed and a
false division; a wrong join and a wrong keep; furniture of each kind. Nothing here reads the
dev corpus.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from measure import align as align_module  # noqa: E402
from measure.align import align  # noqa: E402
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

