"""The word list: tables built from wordfreq's data give wordfreq's exact answers, in every
language, safely under parallel builds and without a writable cache or without wordfreq."""

from __future__ import annotations

import multiprocessing
import random
import sys
import unicodedata

import pytest
import wordfreq

from edition.cli import main
from edition.pipeline import build
from edition.read.text import read_scan
from edition.rules import hyphenation, lexicon, long_s, split_words
from edition.rules.lexicon import BookWords, Table, tokens, zipf

from .conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "corpus"
#: The languages the brief names, and three whose normalisation differs (Turkish dotless i,
#: Romanian commas below, Hebrew marks).
LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pt", "ar", "tr", "ro", "he"]


def _reset() -> None:
    lexicon.lexicon.cache_clear()
    lexicon.zipf.cache_clear()
    lexicon._missing.clear()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache of this test's own (the tables are built again)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _reset()
    yield tmp_path / "cache" / "edition"
    _reset()


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory):
    """One cache for the module's comparisons, so each language's table is built once."""
    mp = pytest.MonkeyPatch()
    mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    _reset()
    yield
    mp.undo()
    _reset()


def _words(lang: str, count: int, rng: random.Random) -> list[str]:
    """Words to ask: common and rare entries of the list, in capitals, in NFD, with
    apostrophes, hyphens and digits, and words the list does not have."""
    listed = list(wordfreq.iter_wordlist(lang))
    entries = listed[:count // 4] + rng.sample(listed, count // 4)
    pairs = [(rng.choice(entries), rng.choice(entries)) for _ in range(count // 8)]
    words = list(entries)
    words += [w.capitalize() for w in entries[::3]] + [w.upper() for w in entries[1::7]]
    words += [unicodedata.normalize("NFD", w.capitalize()) for w in entries[2::3]]
    words += [f"{a}-{b}" for a, b in pairs] + [f"{a}'{b}" for a, b in pairs[::2]]
    words += [f"{a}’{b}" for a, b in pairs[1::2]] + [f"l'{b}" for _, b in pairs[::3]]
    words += [f"qu’{b}" for _, b in pairs[1::3]] + [f"{a}'s" for a, _ in pairs[::4]]
    words += [f"'{a}" for a, _ in pairs[1::4]] + [f"{a}{rng.randint(0, 1999)}" for a, _ in pairs[::5]]
    words += [str(rng.randint(0, 3000)) for _ in range(20)] + [a + b for a, b in pairs]
    words += ["".join(rng.choice("qxzjkvw") for _ in range(rng.randint(3, 9))) for _ in range(40)]
    return [*words, "", "-", "'", "a--b", "l''a", "-re-", "rock''n"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_zipf_is_wordfreqs_own_answer(lang, shared_cache):
    words = _words(lang, 1600, random.Random(lang))
    assert len(words) > 2000
    assert isinstance(lexicon.lexicon(lang), Table)
    wrong = [(w, zipf(w, lang), wordfreq.zipf_frequency(w, lang)) for w in words
             if zipf(w, lang) != wordfreq.zipf_frequency(w, lang)]
    assert wrong == []
    # the answers come from the table, not from wordfreq, for all but digits and the like
    table = lexicon.lexicon(lang)
    assert sum(table.zipf(w) is not None for w in words) > 0.9 * len(words)
    assert any(zipf(w, lang) > 3 for w in words) and any(zipf(w, lang) == 0 for w in words)


def test_every_word_the_hyphen_rules_ask_in_two_real_books(shared_cache, monkeypatch):
    asked: list[str] = []

    def recorder(word: str, lang: str = "en") -> float:
        asked.append(word)
        return zipf(word, lang)

    monkeypatch.setattr(hyphenation, "zipf", recorder)
    monkeypatch.setattr(split_words, "zipf", recorder)
    monkeypatch.setattr(long_s, "zipf", recorder)
    for name in ("persuasion-1901-p1-40.txt", "cooper-1835-lectures-1-2.txt"):
        build(read_scan(CORPUS / name))
    assert len(set(asked)) > 100
    assert [w for w in asked if zipf(w, "en") != wordfreq.zipf_frequency(w, "en")] == []


def test_tokens_follow_wordfreqs_rules():
    table = lexicon.lexicon("fr")
    assert tokens("L'Arc-en-ciel", table.rules) == ["l", "arc", "en", "ciel"]
    assert tokens("aujourd’hui", table.rules) == ["aujourd'hui"]
    assert tokens("Re\u0301pe\u0301te\u0301es", table.rules) == ["répétées"]
    assert tokens("1940", table.rules) is None  # digits: wordfreq's own rules
    assert tokens("", table.rules) == []


def test_a_language_without_a_list_has_every_word_absent(cache):
    assert zipf("keel", "et") == 0.0  # wordfreq has no Estonian list, nor one near it
    assert not lexicon.available("et")
    assert zipf("house", "not a tag/..") == 0.0
    assert lexicon.notice(["et"]) is None  # nothing is missing that could be had


def test_a_language_without_its_own_list_gets_wordfreqs_nearest(cache):
    assert zipf("lingua", "la") == wordfreq.zipf_frequency("lingua", "la") > 4
    assert lexicon.lexicon("la").source == "it"
    assert lexicon.lexicon("pt-BR").source == "pt"


def test_tables_are_cached_per_language_and_read_back(cache):
    assert zipf("maison", "fr") == wordfreq.zipf_frequency("maison", "fr")
    assert zipf("Haus", "de") == wordfreq.zipf_frequency("Haus", "de")
    path = lexicon.table_path("fr")
    assert path.is_file() and path.parent.parent == cache
    assert {p.name for p in path.parent.iterdir()} == {"fr.sqlite", "de.sqlite"}
    _reset()
    table = lexicon.lexicon("fr")
    assert isinstance(table, Table) and table.path == path  # opened, not built again
    assert table.zipf("maison") == wordfreq.zipf_frequency("maison", "fr")


def _race(lang: str, barrier, results) -> None:
    _reset()
    barrier.wait()
    results.put([zipf(w, lang) for w in ("hús", "og", "Reykjavík", "qxzj")])


def test_parallel_builds_create_the_table_at_once_safely(cache):
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(4), context.Queue()
    workers = [context.Process(target=_race, args=("is", barrier, results)) for _ in range(4)]
    for worker in workers:
        worker.start()
    answers = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    expected = [wordfreq.zipf_frequency(w, "is") for w in ("hús", "og", "Reykjavík", "qxzj")]
    assert answers == [expected] * 4
    assert [p.name for p in lexicon.table_path("is").parent.iterdir()] == ["is.sqlite"]
    assert isinstance(lexicon.lexicon("is"), Table)


def test_an_unwritable_cache_builds_the_list_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # nothing can be created under it
    _reset()
    try:
        table = lexicon.lexicon("nl")
        assert isinstance(table, Table) and table.path is None
        assert zipf("fiets", "nl") == wordfreq.zipf_frequency("fiets", "nl") > 3
        assert lexicon.notice() is None
    finally:
        _reset()


def test_a_damaged_table_is_built_again(cache):
    path = lexicon.table_path("da")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database")
    assert zipf("hus", "da") == wordfreq.zipf_frequency("hus", "da") > 3
    assert isinstance(lexicon.lexicon("da"), Table)


@pytest.fixture
def no_wordfreq(cache, monkeypatch):
    """wordfreq cannot be imported (as if it were not installed)."""
    for name in [m for m in sys.modules if m == "wordfreq" or m.startswith("wordfreq.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "wordfreq", None)
    return cache


def test_without_wordfreq_and_without_a_table_every_word_is_absent(no_wordfreq):
    assert zipf("understood", "en") == 0.0
    assert not lexicon.available("en")
    line = lexicon.notice()
    assert line is not None and "\n" not in line
    assert "wordfreq" in line and "own spellings and affixes" in line


def test_without_wordfreq_the_hyphen_rule_uses_the_book_and_affixes(no_wordfreq):
    book = BookWords("the bureaucrats and counter-revolutionary forces")
    assert decide_evidence("bureau", "crats", book) == (True, "'bureaucrats' 1× in this book")
    assert decide_evidence("self", "zqxjv", BookWords("")) == (False, "prefix 'self-' keeps its hyphen")
    assert decide_evidence("qzv", "tion", BookWords("")) == (True, "'-tion' is a suffix")
    unsure = hyphenation.decide("under", "stood", BookWords(""))
    assert unsure.join and unsure.uncertain  # the word list would have said 'understood'


def decide_evidence(left: str, right: str, book: BookWords) -> tuple[bool, str]:
    decision = hyphenation.decide(left, right, book)
    return decision.join, decision.evidence


def test_without_wordfreq_a_cached_table_still_answers(cache, monkeypatch):
    expected = wordfreq.zipf_frequency("understood", "en")
    assert zipf("understood", "en") == expected  # builds the table
    _reset()
    monkeypatch.setitem(sys.modules, "wordfreq", None)
    assert zipf("understood", "en") == expected
    assert lexicon.notice() is None


def test_without_wordfreq_a_build_works_and_says_so_once(no_wordfreq, tmp_path, capsys):
    source = CORPUS / "persuasion-1901-p1-40.txt"
    assert main(["build", "-q", str(source), "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "persuasion-1901-p1-40.xml").is_file()
    err = capsys.readouterr().err
    assert len([line for line in err.splitlines() if "no word list" in line]) == 1


def test_the_language_reaches_the_word_list(shared_cache):
    # French "peut-être" broken at its hyphen: both halves are common French words and the
    # joined form is none, so the French list keeps the hyphen; the English list knows none
    french = hyphenation.decide("peut", "être", BookWords(""), "fr")
    assert not french.join and "both halves are words" in french.evidence
    english = hyphenation.decide("peut", "être", BookWords(""), "en")
    assert english.join and english.uncertain


def test_the_pin_is_the_installed_wordfreq():
    from importlib.metadata import version

    pyproject = (ROOT / "pyproject.toml").read_text()
    assert f'"wordfreq=={lexicon.WORDFREQ_VERSION}"' in pyproject
    assert version("wordfreq") == lexicon.WORDFREQ_VERSION

