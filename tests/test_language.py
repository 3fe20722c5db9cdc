"""Language detection: a book's main language, and passages in another language inside it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from edition.rules import language
from edition.rules.language import (
    PASSAGE_MIN_LETTERS,
    UNDETERMINED,
    Language,
    book_language,
    passage_language,
)

from .conftest import KRIVITSKY, ROOT

DATA = ROOT / "tests" / "data" / "language"
PERSUASION = ROOT / "tests" / "data" / "corpus" / "persuasion-1901-p1-40.txt"
#: Caesar, De bello Gallico I.1 (public domain).
LATIN = ("Gallia est omnis divisa in partes tres, quarum unam incolunt Belgae, aliam Aquitani, "
         "tertiam qui ipsorum lingua Celtae, nostra Galli appellantur. Hi omnes lingua, "
         "institutis, legibus inter se differunt.")
#: The Universal Declaration of Human Rights, article 1, in French.
FRENCH = ("Tous les êtres humains naissent libres et égaux en dignité et en droits. Ils sont "
          "doués de raison et de conscience et doivent agir les uns envers les autres dans un "
          "esprit de fraternité.")


def _read(path):
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("path", "code", "name"), [
    (PERSUASION, "en", "English"),
    (KRIVITSKY, "en", "English"),
    (DATA / "french-hugo.txt", "fr", "French"),
    (DATA / "fraktur-ulm.txt", "de", "German"),
    (DATA / "arabic-udhr.txt", "ar", "Arabic"),
])
def test_the_main_language_of_a_book(path, code, name):
    found = book_language(_read(path))
    assert (found.code, found.tag, found.name) == (code, code, name)
    assert found.confidence > 0.9


def test_fraktur_spellings_are_german():
    text = _read(DATA / "fraktur-ulm.txt")
    assert "ſ" in text and "⸗" in text
    assert book_language(text).code == "de"


def test_a_long_book_is_sampled_in_windows_over_its_whole_length():
    text = _read(KRIVITSKY)
    windows = language._windows(text)
    assert len(windows) == language.SAMPLE_WINDOWS
    assert sum(map(len, windows)) < len(text) / 20
    flat = " ".join(text.split())
    assert flat.startswith(windows[0][:50]) and flat.endswith(windows[-1][-50:])


def test_an_english_front_matter_does_not_outvote_a_german_book():
    # a Google scan of a German book opens with an English notice
    notice = ("This is a digital copy of a book that was preserved for generations on library "
              "shelves before it was carefully scanned by Google as part of a project to make "
              "the world's books discoverable online. ") * 8
    found = book_language(notice + "\n\n" + _read(DATA / "fraktur-ulm.txt") * 4)
    assert found.code == "de" and 0.5 < found.confidence < 1.0


def test_nothing_to_detect_is_undetermined():
    assert book_language("") == UNDETERMINED
    assert book_language("12 13 14 — 15 ... 16") == UNDETERMINED
    assert UNDETERMINED == Language("und", "und", "Undetermined", 0.0)


def test_detection_is_the_same_every_time_and_in_every_process():
    text = _read(DATA / "french-hugo.txt")
    here = [book_language(text), book_language(text)]
    assert here[0] == here[1]
    code = ("import sys; from edition.rules.language import book_language; "
            "print(repr(book_language(sys.stdin.read())))")
    there = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True,
                           text=True, check=True, cwd=ROOT).stdout.strip()
    assert there == repr(here[0])


@pytest.mark.parametrize(("passage", "tag"), [(LATIN, "la"), (FRENCH, "fr")])
def test_a_long_passage_in_another_language_inside_english(passage, tag):
    assert passage_language(passage, "en") == tag
    assert passage_language(passage, "en-GB") == tag
    assert passage_language(passage, tag) is None  # the book's own language


def test_a_passage_in_the_books_language_is_none():
    paragraph = " ".join(_read(PERSUASION).split()[2000:2060])
    assert passage_language(paragraph, "en") is None


def test_a_passage_too_short_to_be_sure_of_is_none():
    short = "Gallia est omnis divisa in partes tres."  # CLD3 itself would say Latin
    assert language._detect(short)[0] == "la"
    assert passage_language(short, "en") is None
    words = FRENCH.split()
    under = " ".join(words[:next(k for k in range(len(words)) if len(
        language.LETTER.findall(" ".join(words[:k + 1]))) >= PASSAGE_MIN_LETTERS)])
    assert len(language.LETTER.findall(under)) < PASSAGE_MIN_LETTERS
    assert passage_language(under, "en") is None
    assert passage_language(FRENCH, "en") == "fr"


def test_ocr_noise_without_letters_enough_is_none():
    specks = ". , ' : .i • ! ;i' ,. :. ." * 20 + FRENCH[:60]
    assert passage_language(specks, "en") is None


def test_the_code_is_what_the_word_list_takes(tmp_path, monkeypatch):
    from edition.rules import lexicon

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    lexicon.lexicon.cache_clear()
    lexicon.zipf.cache_clear()
    try:
        code = book_language(_read(DATA / "french-hugo.txt")).code
        assert lexicon.zipf("évêque", code) > 3 > lexicon.zipf("évêque", "en")
    finally:
        lexicon.lexicon.cache_clear()
        lexicon.zipf.cache_clear()


# The edition: the language on <text>, in langUsage, on passages, and in the rules.

XML = "{http://www.w3.org/XML/1998/namespace}lang"
TEI = "{http://www.tei-c.org/ns/1.0}"
MARSHALL = ROOT / "tests" / "data" / "corpus" / "marshall-1889-pp256-259.txt"


def _tei(path):
    from edition.pipeline import build
    from edition.read.text import read_scan
    from edition.write.tei import to_tei

    edition = build(read_scan(path))
    return edition, to_tei(edition)


def test_a_french_letter_in_an_english_book_is_marked_and_counted():
    edition, root = _tei(MARSHALL)
    assert edition.language.code == "en"
    assert root.find(f"{TEI}text").get(XML) == "en"
    marked = [p for p in root.iter(f"{TEI}p") if p.get(XML)]
    # the letter's two paragraphs (the second runs on into the English after the letter, its
    # last line being full), and a paragraph mostly in English stays unmarked
    assert [p.get(XML) for p in marked] == ["fr", "fr"]
    assert "malheureux que Miss Clairmont" in "".join(marked[0].itertext())
    english = [p for p in root.iter(f"{TEI}p") if not p.get(XML)]
    assert any("Venice" in "".join(p.itertext()) for p in english)
    usage = {lg.get("ident"): int(lg.get("usage")) for lg in root.iter(f"{TEI}language")}
    assert set(usage) == {"en", "fr"} and sum(usage.values()) == 100
    assert usage["en"] > usage["fr"] >= 1


def test_a_german_book_is_german_on_text_and_in_its_hyphen_rules():
    _, root = _tei(DATA / "fraktur-ulm.txt")
    assert root.find(f"{TEI}text").get(XML) == "de"
    assert [lg.get("ident") for lg in root.iter(f"{TEI}language")] == ["de"]
    assert not [p for p in root.iter(f"{TEI}p") if p.get(XML)]
    text = " ".join("".join(root.find(f"{TEI}text").itertext()).split())
    assert "Haupt- und" in text  # "und" completes a suspended compound in German only
    assert "bedeutende" in text and "Verſammlungen" in text


def test_an_english_book_has_no_passage_marked():
    _, root = _tei(PERSUASION)
    assert root.find(f"{TEI}text").get(XML) == "en"
    assert not [el for el in root.iter() if isinstance(el.tag, str) and el.get(XML)
                and el.tag not in (f"{TEI}TEI", f"{TEI}text")]


def test_a_french_book_is_french_on_text():
    _, root = _tei(DATA / "french-hugo.txt")
    assert root.find(f"{TEI}text").get(XML) == "fr"
    assert [lg.get("ident") for lg in root.iter(f"{TEI}language")] == ["fr"]


def test_arabic_page_numbers_keep_their_figures_and_the_text_its_order():
    edition, root = _tei(DATA / "arabic-udhr-pages.txt")
    assert root.find(f"{TEI}text").get(XML) == "ar"
    pbs = [(pb.get("n"), pb.get("{http://www.w3.org/XML/1998/namespace}id"))
           for pb in root.iter(f"{TEI}pb")]
    assert pbs == [("١٢", "p12"), ("١٣", "p13"), ("١٤", "p14")]
    # right-to-left text is stored in logical order, as the scan has it: words unreversed
    first = edition.scan.pages[0].content_lines()[0].text.split()[:3]
    text = " ".join(" ".join(root.find(f"{TEI}text").itertext()).split())
    assert " ".join(first) in text
