"""The TEI edition of the Krivitsky scan: golden file, validity, structure, losslessness."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from edition.check.accounting import account
from edition.pipeline import build
from edition.read.text import read_scan
from edition.write.tei import serialize, to_tei
from edition.write.text import edition_text, tei_text

from .conftest import KRIVITSKY, ROOT, TEI_NS

GOLDEN = ROOT / "tei" / "krivitsky-1940.xml"


def test_the_committed_edition_is_what_the_build_makes(tei_bytes):
    # Every rule change shows up as a reviewable diff of tei/krivitsky-1940.xml.
    assert GOLDEN.read_bytes() == tei_bytes, "rebuild with `edition build` and review the diff"


@pytest.mark.parametrize("raw", sorted((ROOT / "raw").glob("*.txt")), ids=lambda p: p.stem)
def test_every_committed_edition_is_what_the_build_makes(raw):
    from edition.build import render
    from edition.pipeline import build
    from edition.read.text import read_scan

    committed = ROOT / "tei" / f"{raw.stem}.xml"
    assert committed.read_bytes() == render(build(read_scan(raw))), "rebuild and review"


def test_output_is_byte_identical_from_run_to_run(edition, tei_bytes):
    assert serialize(to_tei(edition)) == tei_bytes


def test_divisions_and_heads(tei):
    divs = tei.findall(".//t:body/t:div", TEI_NS)
    assert [d.get("n") for d in divs] == [None, "I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    assert divs[0].get("type") == "introduction"
    assert divs[0].findtext("t:head", namespaces=TEI_NS) == "INTRODUCTION"
    heads = [[h.text for h in d.findall("t:head", TEI_NS)] for d in divs[1:]]
    assert heads[0] == ["I", "STALIN APPEASES HITLER"]
    assert heads[1] == ["II", "THE END OF THE COMMUNIST INTERNATIONAL"]
    assert heads[7] == ["VIII", "MY BREAK WITH STALIN"]


def test_page_numbers_at_every_chapter_opening(tei):
    printed = {"introduction": "7", "ch1": "17", "ch2": "43", "ch3": "93", "ch4": "135",
               "ch5": "159", "ch6": "202", "ch7": "233", "ch8": "267"}
    for div in tei.findall(".//t:body/t:div", TEI_NS):
        pb = div.getprevious()
        assert pb is not None and pb.tag.endswith("pb")
        assert pb.get("n") == printed[div.get("{http://www.w3.org/XML/1998/namespace}id")]
    pbs = tei.findall(".//t:text//t:pb", TEI_NS)
    assert pbs[-1].get("n") == "297"
    scanned = [pb for pb in pbs if pb.get("type") != "unscanned"]
    assert len(scanned) == 296  # one milestone for every scanned page
    unscanned = [pb.get("n") for pb in pbs if pb.get("type") == "unscanned"]
    assert unscanned == ["16"]


def test_a_page_can_begin_inside_a_word(tei):
    pb = tei.find('.//t:pb[@n="9"]', TEI_NS)
    assert pb.get("break") == "no" and pb.get("rend") == "hyphen"
    assert pb.getparent().text.endswith("bureau") or "bureau" in (pb.getprevious().tail or "")
    assert pb.getnext().tag.endswith("fw") and pb.getnext().tail.startswith("crats")


def test_no_furniture_or_stamp_in_the_reading_text(tei, edition):
    text = tei_text(tei)
    header_texts = {h.text for h in edition.headers}
    paragraphs = ["".join(p.itertext()).strip() for p in tei.iterfind(".//t:body//t:p", TEI_NS)]
    assert len(paragraphs) > 1000
    assert not [p for p in paragraphs if p in header_texts or p.isdigit()]
    for stamp in ("AMARSINGH", "K92I", "acc. no", "Class No."):
        assert stamp not in text
    assert all(fw.get("type") == "header" for fw in tei.iterfind(".//t:fw", TEI_NS))
    assert len(tei.findall(".//t:fw", TEI_NS)) == len(edition.headers)


def test_footnotes_are_notes_at_their_references(tei):
    notes = tei.findall(".//t:body//t:p/t:note", TEI_NS)
    assert len(notes) == 4
    assert all(n.get("place") == "foot" for n in notes)


def test_introduction_closes_with_signature_and_dateline(tei):
    closer = tei.find('.//t:div[@type="introduction"]/t:closer', TEI_NS)
    assert closer.findtext("t:signed", namespaces=TEI_NS) == "W. G. KRIVITSKY."
    assert "".join(closer.find("t:dateline", TEI_NS).itertext()) == "New York, October 1939."


def test_contents_links_to_divisions_and_pages(tei):
    ids = {el.get("{http://www.w3.org/XML/1998/namespace}id") for el in tei.iter()}
    refs = tei.findall('.//t:div[@type="contents"]//t:ref', TEI_NS)
    assert len(refs) == 18
    assert all(r.get("target")[1:] in ids for r in refs)


def test_header_describes_source_copy_and_decisions(tei):
    h = tei.find("t:teiHeader", TEI_NS)
    monogr = h.find(".//t:sourceDesc/t:biblStruct/t:monogr", TEI_NS)
    assert monogr.findtext("t:author", namespaces=TEI_NS) == "W. G. Krivitsky"
    assert monogr.findtext("t:title", namespaces=TEI_NS) == "I Was Stalin's Agent"
    assert monogr.findtext("t:imprint/t:publisher", namespaces=TEI_NS) == "The Right Book Club"
    assert monogr.findtext("t:imprint/t:pubPlace", namespaces=TEI_NS) == "London"
    assert monogr.find("t:imprint/t:date", TEI_NS).get("when") == "1940"
    assert "Western Printing Services" in "".join(monogr.find(".//t:orgName", TEI_NS).itertext())
    ms = h.find(".//t:msDesc/t:msIdentifier", TEI_NS)
    assert {(i.get("type"), i.text) for i in ms.findall("t:idno", TEI_NS)} >= {
        ("class", "947.01"), ("book", "K92I"), ("accession", "2782")}
    assert h.find(".//t:acquisition//t:date", TEI_NS).get("when") == "1947-02-09"
    assert h.find(".//t:editorialDecl/t:hyphenation", TEI_NS) is not None
    assert h.find(".//t:appInfo/t:application", TEI_NS).get("ident") == "edition"


def test_raw_is_kept_text_plus_recorded_removals(edition):
    result = account(edition)
    assert result.unaccounted == []
    assert result.mismatched == []
    assert result.removed["running-header"] > 0 and result.removed["library-stamp"] > 0


def test_accounting_catches_a_lost_paragraph(edition):
    import copy

    damaged = copy.deepcopy(edition)
    div = damaged.divs[3]
    div.items = [i for k, i in enumerate(div.items) if k != 5]
    assert account(damaged).unaccounted


def test_reading_text_from_tei_equals_the_pipelines(tei, edition):
    assert tei_text(tei) == edition_text(edition)


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed")
def test_valid_against_tei_all_by_jing(schema_path):
    done = subprocess.run(["jing", str(schema_path), str(GOLDEN)], capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout[:2000]


def test_valid_against_tei_all_by_lxml(full_tei_all, tei):
    assert full_tei_all.validate(tei), str(full_tei_all.error_log)[:2000]


def _header(path: Path, publisher: str = "") -> etree._Element:
    root = etree.fromstring(serialize(to_tei(build(read_scan(path)), publisher)))
    return root.find("t:teiHeader", TEI_NS)


def test_author_and_date_are_read_from_a_title_page_that_states_them():
    # Cooper's title page (Internet Archive OCR, 1835) names the author without "BY", with his
    # post-nominal letters, and sets the year apart, which the scan split onto the next page
    h = _header(ROOT / "tests" / "data" / "corpus" / "cooper-1835-lectures-1-2.txt")
    monogr = h.find(".//t:sourceDesc/t:biblStruct/t:monogr", TEI_NS)
    assert monogr.findtext("t:author", namespaces=TEI_NS) == "Sir Astley Coofer"  # as the OCR read
    date = monogr.find("t:imprint/t:date", TEI_NS)
    assert date.get("when") == "1835" and date.text == "1835"
    assert monogr.findtext("t:imprint/t:pubPlace", namespaces=TEI_NS) == "London"
    assert monogr.findtext("t:imprint/t:publisher", namespaces=TEI_NS).startswith("Edward Portwine")
    assert "Surgery" in monogr.findtext("t:title", namespaces=TEI_NS)


def test_a_title_page_is_one_title_page_in_its_parts():
    # the same page in the body: title lines in one run ("AND" of the imprint is no subtitle),
    # the author and his titles as bylines, the place and the imprint lines under it; the
    # lone speck under the imprint is removed and recorded, never left as a paragraph
    edition = build(read_scan(ROOT / "tests" / "data" / "corpus" / "cooper-1835-lectures-1-2.txt"))
    front = to_tei(edition).find("t:text/t:front", TEI_NS)
    pages = front.findall("t:titlePage", TEI_NS)
    assert len(pages) == 1
    parts = [" ".join("".join(p.itertext()).split())
             for p in pages[0].findall("t:docTitle/t:titlePart", TEI_NS)]
    assert parts == ["LECTURES THE PRINCIPLES AND PRACTICE OF", "SURGERY."]
    assert "COOFER" in pages[0].findtext("t:byline/t:docAuthor", namespaces=TEI_NS)
    assert pages[0].findtext("t:docImprint/t:pubPlace", namespaces=TEI_NS) == "LONDON:"
    imprint = ["".join(d.itertext()) for d in pages[0].findall("t:docImprint", TEI_NS)]
    assert imprint[-1] == "JOHN THOMAS COX, 84, HIGH HOLBORN."
    specks = [e for e in edition.edits if e.rule == "ocr-noise" and "preliminary" in e.note]
    assert [edition.scan.raw[e.start:e.end].strip() for e in specks] == ["I"]
    assert not [p for p in front.iter(f"{{{TEI_NS['t']}}}p") if "".join(p.itertext()) == "I"]


def test_the_header_states_no_placeholder_and_implies_no_licence(tmp_path):
    # a scan whose preliminary pages say nothing of its imprint gets no invented one
    bare = tmp_path / "bare.txt"
    bare.write_text("A short notice to the members of the society.\n\n\n\nIt meets on Friday.\n")
    h = _header(bare)
    text = etree.tostring(h, encoding="unicode")
    assert "unknown" not in text.lower().replace('status="unknown"', "")
    assert h.find(".//t:sourceDesc/t:biblStruct", TEI_NS) is None  # a plain bibl, no imprint
    assert h.find(".//t:sourceDesc/t:bibl[@type='source']/t:title", TEI_NS) is not None
    pub = h.find("t:fileDesc/t:publicationStmt", TEI_NS)
    assert pub.find("t:availability", TEI_NS).get("status") == "unknown"
    assert pub.find("t:licence", TEI_NS) is None and "licence" in "".join(pub.itertext())
    assert pub.find("t:authority", TEI_NS) is not None and pub.find("t:date", TEI_NS) is not None
    assert pub.findtext("t:idno[@type='edition']", namespaces=TEI_NS) == "bare"
    assert h.find("t:revisionDesc/t:change", TEI_NS).get("when")


def test_a_named_publisher_and_a_reproducible_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    h = _header(KRIVITSKY, publisher="The Example Press")
    pub = h.find("t:fileDesc/t:publicationStmt", TEI_NS)
    assert pub.findtext("t:publisher", namespaces=TEI_NS) == "The Example Press"
    assert pub.find("t:date", TEI_NS).get("when") == "2023-11-14"
    assert h.find("t:revisionDesc/t:change", TEI_NS).get("when") == "2023-11-14"
    # the accession date is the copy's, never the source's publication date
    assert h.find(".//t:sourceDesc/t:biblStruct//t:imprint/t:date", TEI_NS).get("when") == "1940"
    assert h.find(".//t:msDesc//t:acquisition//t:date", TEI_NS).get("when") == "1947-02-09"


def test_xml_model_names_the_release_the_edition_is_validated_against(tei_bytes):
    from edition.check.schema import TEI_VERSION

    model = tei_bytes.split(b"\n")[1].decode()
    assert model.startswith("<?xml-model ") and f"/Vault/P5/{TEI_VERSION}/" in model


def test_the_build_runs_the_editions_own_checks_and_says_what_fails(edition):
    from edition.build import self_check

    root = to_tei(edition)
    assert self_check(root) == []  # the seed book passes every check
    # a page number left as a paragraph at a page's edge is said at build time (W701)
    body = root.find("t:text/t:body", TEI_NS)
    pb = next(body.iter(f"{{{TEI_NS['t']}}}pb"))
    bare = etree.Element(f"{{{TEI_NS['t']}}}p")
    bare.text = "12"
    pb.addnext(bare)
    found = self_check(root)
    assert [w.code for w in found] == ["W701"] and "ED106" in found[0].message
