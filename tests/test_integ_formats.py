"""End-to-end on structured OCR: build, validate, the facsimile and its links, a complete diff."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from edition.cli import main
from edition.write.text import diplomatic_text, tei_text

from .conftest import ROOT, TEI_NS

DATA = ROOT / "tests" / "data" / "formats"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SOURCES = [
    "hocr/tesseract-417576986_0013.hocr",
    "hocr/abbyy-417576986_0012.hocr",
    "hocr/kraken_bw_example.hocr",
    "hocr/ocropus-433934212_0017.html",
    "alto/abbyy-417576986_0012.alto",
    "alto/tesseract-alto3-testfile.xml",
    "alto/ccs-alto1-sn86069133-piece.alto",
    "alto/escriptorium-bpt6k1057722q_f18.xml",
    "page/transkribus-0007_17410624-006.xml",
    "page/glauanno-OCR-D-GT-PAGE_00000009.xml.gz",
    "abbyy/finereader10-417589220_0018.abbyy.xml",
    "mets-burgsdorf/mets.xml",
    "mets-burgsdorf",
]


def _build(source: Path, out: Path, *options: str) -> Path:
    assert main(["build", "-q", *options, str(source), "-o", str(out)]) == 0
    built = [p for p in out.iterdir() if p.suffix == ".xml"]
    assert len(built) == 1
    return built[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = {}
    for name in SOURCES:
        out[name] = _build(DATA / name, tmp_path_factory.mktemp("tei"))
    return out


@pytest.mark.parametrize("name", SOURCES)
def test_built_edition_is_valid_tei_with_resolving_facsimile_links(built, full_tei_all, name):
    tree = etree.parse(str(built[name]))
    assert full_tei_all.validate(tree), str(full_tei_all.error_log)[:2000]
    ids = [el.get(XML_ID) for el in tree.iter() if el.get(XML_ID)]
    assert len(ids) == len(set(ids))
    surfaces = tree.findall(".//t:facsimile/t:surface", TEI_NS)
    zones = tree.findall(".//t:facsimile//t:zone", TEI_NS)
    pbs = [pb for pb in tree.iterfind(".//t:pb", TEI_NS) if pb.get("type") != "unscanned"]
    assert surfaces and zones and pbs
    known = set(ids)
    assert all(pb.get("facs", "")[1:] in known for pb in pbs)
    pointed = {el.get("facs")[1:] for el in tree.iterfind(".//t:text//*[@facs]", TEI_NS)}
    assert pointed <= known
    zone_ids = {z.get(XML_ID) for z in zones}
    assert {el.get("facs")[1:] for el in tree.iterfind(".//t:text//t:p[@facs]", TEI_NS)} <= zone_ids
    for zone in zones:  # every zone lies on its surface
        surface = next(a for a in zone.iterancestors() if etree.QName(a).localname == "surface")
        if surface.get("lrx") and zone.get("lrx"):
            assert 0 <= float(zone.get("ulx")) <= float(zone.get("lrx")) <= float(surface.get("lrx"))


@pytest.mark.parametrize("name", SOURCES)
def test_diff_is_complete(built, name, capsys):
    assert main(["diff", str(DATA / name), str(built[name])]) == 0
    assert "complete: every raw character" in capsys.readouterr().out


def test_zones_keep_the_source_ids_as_pointers(built):
    tree = etree.parse(str(built["page/glauanno-OCR-D-GT-PAGE_00000009.xml.gz"]))
    regions = tree.findall(".//t:zone[@type='region']", TEI_NS)
    assert [z.get("subtype") for z in regions] == ["header", "page-number", "paragraph",
                                                   "catch-word", "signature-mark"]
    assert regions[0].get("corresp").endswith(".xml.gz#r0")
    assert regions[0].get(XML_ID) == "f1-r0"
    lines = regions[2].findall("t:zone[@type='line']", TEI_NS)
    assert lines and all(z.get("points") for z in lines)


def test_mets_surfaces_link_the_page_images(built):
    tree = etree.parse(str(built["mets-burgsdorf/mets.xml"]))
    graphics = tree.findall(".//t:surface/t:graphic", TEI_NS)
    assert len(graphics) == 3 and all(g.get("url").startswith("https://") for g in graphics)
    assert all(g.get("width", "").endswith("px") for g in graphics)


def test_furniture_and_blocks_point_to_their_lines(built):
    tree = etree.parse(str(built["mets-burgsdorf"]))
    fws = tree.findall(".//t:fw", TEI_NS)
    assert fws and all(fw.get("facs", "").startswith("#f") for fw in fws)
    ps = tree.findall(".//t:body//t:p", TEI_NS)
    assert ps and all(p.get("facs") for p in ps)


def test_lines_option_keeps_line_breaks_and_the_reading_text(built, tmp_path):
    lined = _build(DATA / "mets-burgsdorf", tmp_path, "--lines")
    plain = etree.parse(str(built["mets-burgsdorf"])).getroot()
    tree = etree.parse(str(lined)).getroot()
    lbs = tree.findall(".//t:body//t:lb", TEI_NS)
    assert lbs and all(lb.get("facs") for lb in lbs)
    assert any(lb.get("break") == "no" and lb.get("rend") == "hyphen" for lb in lbs)
    assert tei_text(tree) == tei_text(plain)
    assert main(["diff", str(DATA / "mets-burgsdorf"), str(lined)]) == 0


def test_diplomatic_text_follows_the_facsimile(tmp_path):
    from edition.read.text import read_scan
    from edition.rules.hyphenation import HYPHENS

    source = DATA / "page" / "glauanno-OCR-D-GT-PAGE_00000009.xml.gz"
    root = etree.parse(str(_build(source, tmp_path, "--lines"))).getroot()
    text = diplomatic_text(root)
    # the page as printed, line by line in reading order (the file's XML order differs):
    # running title and page number first, the catchword and signature mark last
    scan = read_scan(source)

    def ends(line: str) -> str:
        return line[:-1] + "-" if line and line[-1] in HYPHENS else line

    printed = [ends(ln.text) for ln in scan.pages[0].content_lines()]
    assert [ends(ln) for ln in text.splitlines() if ln.strip()] == printed


def test_malformed_source_is_one_line_and_exit_2(tmp_path, capsys):
    bad = tmp_path / "page.xml"
    data = (DATA / "alto" / "abbyy-417576986_0012.alto").read_bytes()
    bad.write_bytes(data[:3000])
    out = tmp_path / "out"
    assert main(["build", str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and f"{bad}:" in err
    assert not out.exists() or not any(p.suffix == ".xml" for p in out.iterdir())


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed")
def test_jing_accepts_the_facsimile(built, schema_path):
    files = [str(built[name]) for name in ("mets-burgsdorf", "alto/escriptorium-bpt6k1057722q_f18.xml",
                                           "hocr/kraken_bw_example.hocr")]
    done = subprocess.run(["jing", str(schema_path), *files], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stdout[:2000]


def test_html_report_draws_each_line_at_its_box(built, tmp_path):
    report = tmp_path / "report.html"
    source = DATA / "page" / "glauanno-OCR-D-GT-PAGE_00000009.xml.gz"
    assert main(["diff", str(source), str(built["page/glauanno-OCR-D-GT-PAGE_00000009.xml.gz"]),
                 "--html", str(report)]) == 0
    page = etree.HTML(report.read_text(encoding="utf-8"))
    lines = page.xpath("//div[@class='layout']/div[@class='ln']")
    from edition.read.text import read_scan

    scan = read_scan(source)
    assert [ln.get("title") for ln in lines] == [ln.zone.ident for ln in scan.pages[0].content_lines()]
    tops = [float(ln.get("style").split("top:")[1].split("px")[0]) for ln in lines]
    assert tops[0] < tops[-1]  # the running title above the signature mark
