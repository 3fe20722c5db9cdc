"""People shared between the editions: tagged mentions and the collection's list of people."""

from __future__ import annotations

from lxml import etree

from edition.cli import main
from edition.structure.persons import mentioned, pattern, persons

from .conftest import ROOT, TEI_NS


def _refs(name: str) -> set[str]:
    tree = etree.parse(str(ROOT / "tei" / name)).getroot()
    return {p.get("ref") for p in tree.iterfind(".//t:text//t:persName", TEI_NS)}


def test_the_list_is_data_and_its_forms_match_whole_words():
    idents = [p.ident for p in persons()]
    assert {"berzin", "reiss", "stalin", "tukhachevsky", "trepper", "sorge"} <= set(idents)
    assert mentioned("Ignace Poretsky/Reiss (better known as Ludwik)") == {"reiss"}
    assert mentioned("the pseudonym of Ludwig") == {"reiss"}
    assert not pattern().search("Stalinism and Berzins' cousins are not them")


def test_both_editions_tag_the_same_people_with_the_same_identifiers():
    memoir, review = _refs("krivitsky-1940.xml"), _refs("ali-lrb-2019.xml")
    shared = {"persons.xml#berzin", "persons.xml#reiss", "persons.xml#stalin",
              "persons.xml#tukhachevsky"}
    assert shared <= memoir and shared <= review
    assert "persons.xml#sorge" in review and "persons.xml#trepper" in review


def test_from_the_review_to_the_pages_of_the_memoir():
    people = etree.parse(str(ROOT / "tei" / "persons.xml")).getroot()
    berzin = next(p for p in people.iterfind(".//t:person", TEI_NS)
                  if p.get("{http://www.w3.org/XML/1998/namespace}id") == "berzin")
    pages = berzin.find("t:ptr[@subtype='krivitsky-1940']", TEI_NS).get("target").split()
    memoir = etree.parse(str(ROOT / "tei" / "krivitsky-1940.xml")).getroot()
    ids = {el.get("{http://www.w3.org/XML/1998/namespace}id") for el in memoir.iter()}
    assert pages and all(p.split("#")[1] in ids for p in pages)
    assert "krivitsky-1940.xml#p17" in pages  # General Berzin in chapter I
    first = memoir.find(".//t:pb[@n='17']", TEI_NS)
    assert first is not None


def test_the_collections_list_is_rebuilt_identically(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["build", "-q", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "persons.xml").read_bytes() == (ROOT / "tei" / "persons.xml").read_bytes()
