"""OCR slips: stray marks and mixed-script words."""

from __future__ import annotations

from edition.model import Edit, Text
from edition.rules.ocrfix import STRAY_MARK, fix_inline, fix_word


def test_krivitsky_slips_are_fixed_and_recorded(edition, scan):
    text = " ".join(b.text for b in edition.blocks())
    assert "✓" not in text
    assert "Koutiepov" in text and "Koutieпов" not in text
    rules = [e for e in edition.edits if e.rule in ("stray-mark", "mixed-script")]
    assert {scan.raw[e.start : e.end] for e in rules} >= {"✓", "Koutieпов"}
    assert "International Communist Dictatorship." in text


def test_fix_word():
    assert fix_word("Koutieпов") == ("Koutiepov", False)  # no look-alike for п: transliterated
    assert fix_word("Mоscow") == ("Moscow", False)  # Cyrillic о is a Latin o
    assert fix_word("Рeter") == ("Peter", True)  # Р reads P by shape, R by sound: flagged
    assert fix_word("Москва") is None  # a Russian word is not a slip
    assert fix_word("hello") is None


def test_stray_mark_pattern():
    assert STRAY_MARK.search("done.✓") and STRAY_MARK.search("☐ box")
    assert not STRAY_MARK.search("£5 — “quoted” café")


def test_fix_inline_records_each_change():
    node = Text("a tick ✓ and Mоscow", 100, 119)
    edits: list[Edit] = []
    fix_inline([node], 3, edits)
    assert node.text == "a tick and Moscow"
    assert [(e.rule, e.start, e.end, e.replacement) for e in edits] == [
        ("stray-mark", 107, 109, ""), ("mixed-script", 113, 119, "Moscow")
    ]
