"""Properties of the whole pipeline over generated scans (hypothesis).

Pages are generated from the words of the project's own raw scan, in the
shapes scans take (paragraphs, blank-run or form-feed page breaks, running
heads, page numbers), and then damaged with arbitrary characters. Whatever
comes in, building either succeeds, with the lossless accounting holding (the
characters normalised on reading restore the input exactly; every character
of the normalised text is kept or removed by a named rule) and the same bytes
every time, or raises one of the documented errors.

The runs are derandomised (the same examples in every CI run) and bounded by
`max_examples`; set HYPOTHESIS_PROFILE=explore to search afresh.
"""

from __future__ import annotations

import os

import regex
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from edition.build import render
from edition.check.accounting import account
from edition.errors import EditionError
from edition.pipeline import build
from edition.read.characters import restore
from edition.read.decoding import decode_bytes
from edition.read.text import read_text
from edition.write.text import tei_text
from tests.conftest import KRIVITSKY

settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: Lower-case words of the real scan: the vocabulary of generated prose.
VOCABULARY = sorted({
    w for w in regex.findall(r"\b\p{Ll}{2,12}\b", KRIVITSKY.read_text(encoding="utf-8"))
})[:3000]

words = st.sampled_from(VOCABULARY)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """A sentence of real words: capitalised, ending in a full stop or a question mark."""
    body = draw(st.lists(words, min_size=4, max_size=14))
    body[0] = body[0].capitalize()
    return " ".join(body) + draw(st.sampled_from([".", ".", ".", "?", "!"]))


paragraphs = st.lists(sentences(), min_size=1, max_size=5).map(" ".join)
clean_pages = st.lists(paragraphs, min_size=1, max_size=4).map("\n\n".join)


@st.composite
def clean_scans(draw: st.DrawFn) -> str:
    """Already clean text: pages of paragraphs, each page ending its last paragraph; no two
    paragraphs alike (a line that opens every page is a running head by any measure)."""
    pages = draw(st.lists(clean_pages, min_size=1, max_size=6))
    paras = [p for page in pages for p in page.split("\n\n")]
    assume(len({p.split()[0] + p.split()[1] for p in paras}) == len(paras))
    return draw(st.sampled_from(["\n\n\n\n", "\f"])).join(pages) + "\n"


@st.composite
def book_scans(draw: st.DrawFn) -> str:
    """A scan with page furniture: a running head and a page number on some pages, paragraphs
    that run on over page breaks, words hyphenated at page ends."""
    title = draw(st.lists(words, min_size=1, max_size=3)).__iter__()
    head = " ".join(w.upper() for w in title)
    first = draw(st.integers(min_value=1, max_value=300))
    pages = []
    for k, page in enumerate(draw(st.lists(clean_pages, min_size=2, max_size=8))):
        lines = []
        if draw(st.booleans()):
            lines.append(f"{head}  {first + k}" if k % 2 else f"{first + k}  {head}")
        lines.append(page)
        if draw(st.booleans()):
            lines[-1] = lines[-1].rstrip(".?!") + " " + draw(words)[:3] + "-"
        if draw(st.booleans()):
            lines.append(str(first + k))
        pages.append("\n\n".join(lines))
    return "\n\n\n\n".join(pages) + "\n"


#: Characters a damaged file may hold anywhere: any code point but surrogates.
any_char = st.characters(exclude_categories=("Cs",))


@st.composite
def damaged(draw: st.DrawFn, scans: st.SearchStrategy[str]) -> str:
    """A scan with arbitrary characters put in at arbitrary places."""
    text = draw(scans)
    for _ in range(draw(st.integers(min_value=0, max_value=12))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:at] + draw(st.text(any_char, min_size=1, max_size=4)) + text[at:]
    return text


def _build(text: str) -> bytes | None:
    """The edition's bytes, or None when the documented errors refuse the text."""
    try:
        edition = build(read_text(text, "generated"))
        data = render(edition)
    except EditionError:
        return None
    accounting = account(edition)
    assert accounting.complete, (accounting.unaccounted[:3], accounting.mismatched[:3])
    decoding = edition.scan.decoding  # and the characters normalised on reading come back
    assert restore(edition.scan.raw, decoding.newline, decoding.fixes) == text
    return data


@given(damaged(st.one_of(clean_scans(), book_scans())))
@example("1  ABACK\n\nAback aback aback.\n\n\n\nAback aback aback.\n")  # fused folio lost its line
def test_build_raises_only_documented_errors_and_accounts_for_every_character(text):
    _build(text)


@given(st.text(any_char, max_size=400))
@example("\x0c")  # a lone form feed once broke the form-feed page splitter
def test_arbitrary_text_is_built_or_refused_with_a_documented_error(text):
    _build(text)


@given(st.binary(max_size=600))
def test_arbitrary_bytes_are_decoded_or_refused_with_a_documented_error(data):
    try:
        decoded = decode_bytes(data, "generated")
    except EditionError:
        return
    assert isinstance(decoded.text, str)


@given(damaged(book_scans()))
def test_building_is_deterministic(text):
    assert _build(text) == _build(text)


@given(clean_scans())
def test_the_reading_text_of_clean_text_loses_nothing(text):
    data = _build(text)
    assert data is not None
    reading = tei_text(etree.fromstring(data))
    assert reading.split() == text.split()
