"""The LRB review as reposted to a mailing list: furniture, bibliographic data, speeches,
quotations, gaps."""

from __future__ import annotations

import pytest
from lxml import etree

from edition.cli import main
from edition.pipeline import build
from edition.read.text import read_scan
from edition.rules.article import IMPRINT, JOURNAL, POSTED, POSTER, SUBJECT
from edition.write.text import edition_text, tei_text

from .conftest import ROOT, TEI_NS

RAW = ROOT / "raw" / "ali-lrb-2019.txt"
EDITION = ROOT / "tei" / "ali-lrb-2019.xml"


@pytest.fixture(scope="module")
def lrb():
    return build(read_scan(RAW))


@pytest.fixture(scope="module")
def tree():
    return etree.parse(str(EDITION)).getroot()


def test_list_furniture_leaves_the_text_and_describes_the_copy(lrb, tree):
    text = edition_text(lrb)
    for furniture in ("[Marxism]", "lnp3 at panix.com", "MST 2019", "More information about"):
        assert furniture not in text
    post = tree.find(".//t:sourceDesc/t:bibl[@type='repost']", TEI_NS)
    assert post.findtext("t:respStmt/t:name", namespaces=TEI_NS) == "Louis Proyect"
    assert post.find("t:date", TEI_NS).get("when") == "2019-11-16T06:58:36-07:00"


def test_the_article_and_the_reviewed_book(tree):
    art = tree.find(".//t:sourceDesc/t:biblStruct[@type='article']", TEI_NS)
    assert art.findtext("t:analytic/t:author", namespaces=TEI_NS) == "Tariq Ali"
    monogr = art.find("t:monogr", TEI_NS)
    assert monogr.findtext("t:title", namespaces=TEI_NS) == "London Review of Books"
    assert monogr.findtext("t:imprint/t:biblScope[@unit='volume']", namespaces=TEI_NS) == "41"
    assert monogr.findtext("t:imprint/t:biblScope[@unit='issue']", namespaces=TEI_NS) == "22"
    assert monogr.find("t:imprint/t:date", TEI_NS).get("when") == "2019-11-21"
    book = art.find("t:relatedItem[@type='reviewed']/t:biblStruct", TEI_NS)
    assert book.findtext("t:monogr/t:author", namespaces=TEI_NS) == "Owen Matthews"
    assert book.findtext("t:monogr/t:title", namespaces=TEI_NS).startswith("An Impeccable Spy")
    assert book.findtext("t:monogr/t:imprint/t:publisher", namespaces=TEI_NS) == "Bloomsbury"
    assert book.findtext("t:monogr/t:idno[@type='ISBN']", namespaces=TEI_NS) == "978 1 4088 5778 6"
    assert book.find("t:monogr/t:extent/t:measure", TEI_NS).get("quantity") == "448"
    assert book.findtext("t:note[@type='price']", namespaces=TEI_NS) == "£25.00"
    first = tree.find(".//t:body/t:div", TEI_NS)
    children = [etree.QName(c).localname for c in first if etree.QName(c).localname != "pb"]
    assert children[:2] == ["byline", "bibl"]  # the body opens with the author and the book


def test_eight_speeches_with_speakers(tree):
    speeches = tree.findall(".//t:body//t:sp", TEI_NS)
    assert len(speeches) == 8
    assert [s.findtext("t:speaker", namespaces=TEI_NS) for s in speeches] == [
        "BERZIN:", "SORGE:", "BERZIN:", "BERZIN:", "SORGE:", "BERZIN:", "SORGE:", "BERZIN:"]
    assert speeches[-1].findtext("t:p", namespaces=TEI_NS) == "Your own."


def test_block_quotations(tree):
    quotes = ["".join(q.itertext()).strip() for q in tree.iterfind(".//t:body//t:quote", TEI_NS)]
    assert any(q.startswith("Berlin informed Ott") for q in quotes)  # Sorge's telegram
    assert any(q.startswith("If the Germans meet an opponent") for q in quotes)
    assert any(q.startswith("Our government made not a few errors") for q in quotes)
    assert any(q.startswith("a man always walks better") for q in quotes)  # after "as he argued,"
    assert not any(q.startswith("BERZIN") for q in quotes)


def test_lost_text_is_marked_and_reported(lrb, tree):
    gaps = tree.findall(".//t:body//t:gap", TEI_NS)
    assert len(gaps) == 3 and all(g.get("reason") == "lost" for g in gaps)
    before = ["".join(g.getparent().itertext()).rstrip() for g in gaps]
    assert [b.split()[-2:] for b in before] == [["entered", "on"], ["letter", "to"],
                                                 ["and", "would"]]
    assert sum(w.code == "W201" and "text lost after" in w.message for w in lrb.warnings) == 3


def test_round_trip_through_text_and_diff(lrb, tree, capsys):
    assert tei_text(tree) == edition_text(lrb)
    assert main(["diff", str(RAW), str(EDITION)]) == 0
    assert "complete" in capsys.readouterr().out
    assert main(["validate", str(EDITION)]) == 0


def test_patterns_match_and_do_not():
    assert SUBJECT.match("[Marxism] An Impeccable Spy")
    assert not SUBJECT.match("An [aside] in text")
    assert POSTER.match("Louis Proyect lnp3 at panix.com")
    assert not POSTER.match("He met them at the station.")
    assert POSTED.match("Sat Nov 16 06:58:36 MST 2019")
    assert JOURNAL.match("LRB, Vol. 41 No. 22 · 21 November 2019")
    assert not JOURNAL.match("LRB, 21 November")
    assert IMPRINT.match("Bloomsbury, 448 pp, £25.00, March, ISBN 978 1 4088 5778 6")
