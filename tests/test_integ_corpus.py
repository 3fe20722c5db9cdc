"""The guarantees, on every scan the repository holds: the trimmed copies of the dev corpus's
real library OCR (tests/data/corpus, see its SOURCE.md) and the first sources (raw/).

Each book is built as a user builds it, and then: its own `edition diff` finds every raw
character in the text or in a record; the copy record holds no line of the book's prose; no
page is marked unscanned whose printed number a page of the scan shows; no paragraph of the
body is a bare page number or signature mark; and the warnings stay few.
"""

from __future__ import annotations

import pytest
import regex
from lxml import etree

from edition.build import build_file
from edition.check.diff import account
from edition.rules.leaves import is_prose_line
from edition.rules.signatures import SIGNATURE, WORDS

from .conftest import ROOT

BOOKS = sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt")) + sorted(
    (ROOT / "raw").glob("*.txt"))
TEI = "{http://www.tei-c.org/ns/1.0}"
#: A paragraph that is only a page number ("12", "xiv.").
BARE_NUMBER = regex.compile(r"^(?:\d{1,4}|[ivxlc]{1,6})\.?$")
#: Warnings per 100 scanned pages over all these scans, at most, besides W202 (an excerpt's
#: cut end: every excerpt ends mid-sentence). Measured: about 4 (the full dev-corpus books,
#: bench/quality.py: about 1.5).
WARNINGS_PER_100_PAGES = 6


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    return {book.name: build_file(book, out) for book in BOOKS}


def test_the_repository_holds_the_dev_corpus_books():
    names = {book.name.split("-")[0] for book in BOOKS}
    assert {"coleridge", "cooper", "emerson", "finley", "marshall", "persuasion", "reid",
            "smollett", "krivitsky", "ali"} <= names


@pytest.mark.parametrize("book", BOOKS, ids=lambda p: p.stem)
def test_every_character_is_accounted_for(built, book):
    report = account(book, built[book.name].path)
    assert report.complete, report.unaccounted[:3]


@pytest.mark.parametrize("book", BOOKS, ids=lambda p: p.stem)
def test_the_copy_record_holds_no_prose(built, book):
    copy = built[book.name].edition.copy
    fields = [text for _, text in copy.stamps] + copy.institution + copy.repository
    assert not [text for text in fields if is_prose_line(text)]


@pytest.mark.parametrize("book", BOOKS, ids=lambda p: p.stem)
def test_no_page_marked_unscanned_is_in_the_scan(built, book):
    pagination = built[book.name].edition.pagination
    unscanned = {n for numbers in pagination.skipped.values() for n in numbers}
    read = {f.value for f in pagination.folios if f.how == "anchor"}
    assert not unscanned & read


@pytest.mark.parametrize("book", BOOKS, ids=lambda p: p.stem)
def test_no_bare_page_number_or_signature_mark_in_the_body(built, book):
    root = etree.parse(str(built[book.name].path)).getroot()
    body = root.find(f"{TEI}text/{TEI}body")
    paragraphs = [" ".join("".join(p.itertext()).split()) for p in body.iter(f"{TEI}p")]
    left = [p for p in paragraphs if BARE_NUMBER.match(p)
            or (SIGNATURE.match(p) and p not in WORDS)]
    assert not left


def test_warnings_are_few(built):
    pages = sum(len(b.edition.scan.pages) for b in built.values())
    warnings = sum(1 for b in built.values() for w in b.edition.warnings if w.code != "W202")
    assert 100 * warnings / pages <= WARNINGS_PER_100_PAGES
