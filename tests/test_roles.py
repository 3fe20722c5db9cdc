"""A line's role as data: every raw line's role, the rule that gave it, and its evidence."""

from __future__ import annotations

import subprocess
import sys

import pytest

from edition.pipeline import build
from edition.read.text import read_scan
from edition.roles import ROLES, line_roles

from .conftest import KRIVITSKY, ROOT

COOPER = ROOT / "tests" / "data" / "corpus" / "cooper-1835-lectures-1-2.txt"
CORPUS = ROOT / "tests" / "data" / "corpus"


def test_every_line_of_a_library_scan_has_a_role_and_its_rule():
    edition = build(read_scan(COOPER))
    roles = line_roles(edition)
    assert roles and all(r.role in ROLES for r in roles)
    assert not [r for r in roles if r.role == "unaccounted"]
    kinds = {r.role for r in roles}
    assert {"text", "running-head", "folio", "title-page", "contents"} <= kinds
    heads = [r for r in roles if r.role == "running-head"]
    assert all(r.rule == "running-header" and r.evidence for r in heads)
    # the roles agree with the edits: a folio line is one the page-number rule removed
    folio_edits = {e.start for e in edition.edits if e.rule == "page-number"}
    for r in (r for r in roles if r.role == "folio"):
        assert any(r.start <= s < r.end for s in folio_edits)
    # every non-blank line is listed once
    lines = [ln for page in edition.scan.pages for ln in page.lines if not ln.blank]
    assert [r.start for r in roles] == [ln.start for ln in lines]


def test_stamps_notes_and_verse_are_named():
    edition = build(read_scan(KRIVITSKY))
    roles = line_roles(edition)
    stamps = [r for r in roles if r.role == "stamp"]
    assert stamps and all(r.rule == "library-stamp" for r in stamps)
    assert any(r.role == "note" for r in roles)
    verse = line_roles(build(read_scan(CORPUS / "coleridge-1817-scan133-verse.txt")))
    assert any(r.role == "verse" and r.text.startswith("Keen pangs of love") for r in verse)


def test_the_lines_command_filters_by_role_and_page(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "edition", "lines", str(COOPER), "--role", "folio",
         "--page", "12"], capture_output=True, text=True, check=True)
    rows = [line.split("\t") for line in out.stdout.splitlines()]
    assert rows[0] == ["book", "scan_page", "line", "role", "rule", "evidence", "text"]
    assert rows[1:] and all(r[1] == "12" and r[3] == "folio" for r in rows[1:])
    bad = subprocess.run([sys.executable, "-m", "edition", "lines", str(COOPER),
                          "--role", "nonsense"], capture_output=True, text=True)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")))
def test_no_line_of_a_real_scan_is_without_a_role(name):
    edition = build(read_scan(CORPUS / name))
    roles = line_roles(edition)
    assert [r.text for r in roles if r.role == "unaccounted"] == []
    lines = [ln for page in edition.scan.pages for ln in page.lines if not ln.blank]
    assert len(roles) == len(lines)


def test_a_divisions_title_is_a_heading_not_a_title_page_part():
    from edition.pipeline import build
    from edition.read.text import read_scan
    from edition.roles import line_roles

    from .conftest import ROOT

    edition = build(read_scan(ROOT / "tests" / "data" / "corpus"
                              / "emerson-1850-pp43-88-plato.txt"))
    first = [(r.role, r.text) for r in line_roles(edition)][:2]
    assert first == [("head", "II."), ("head", "PLATO; OR, THE PHILOSOPHER.")]
