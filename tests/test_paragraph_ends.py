"""Paragraph ends from the evidence a page gives, on real pages (tests/data/corpus/SOURCE.md)."""

from __future__ import annotations

import pytest

from edition.build import build_file
from edition.write.text import edition_text

from .conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "corpus"


@pytest.fixture(scope="module")
def persuasion(tmp_path_factory):
    return build_file(CORPUS / "persuasion-1901-p1-40.txt", tmp_path_factory.mktemp("p"))


def _paragraphs(built) -> list[str]:
    return edition_text(built.edition).split("\n\n")


def test_a_speech_after_a_line_ending_in_a_dash_is_a_paragraph(persuasion):
    # "... in this / finale:—" / "\"Heir presumptive, ..." (scan 18): the dash introduces the
    # quotation set as a paragraph of its own; "wit, and then added—" / "\"I presume ..."
    paragraphs = _paragraphs(persuasion)
    assert any(p.startswith('"Heir presumptive, William Walter Elliot') for p in paragraphs)
    assert any(p.endswith("wit, and then added—") for p in paragraphs)
    assert any(p.startswith("Here Anne spoke—") for p in paragraphs)
