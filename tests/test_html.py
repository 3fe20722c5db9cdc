"""`edition html`: the reading edition of the golden editions and of the feature document."""

from __future__ import annotations

import re
import struct
import zlib
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from edition.cli import main
from edition.write.html import asset, load_tei, write_html
from edition.write.text import tei_text

from .conftest import ROOT

KRIVITSKY = ROOT / "tei" / "krivitsky-1940.xml"
ALI = ROOT / "tei" / "ali-lrb-2019.xml"
FEATURES = ROOT / "tests" / "data" / "render" / "features.xml"
#: Classes of what the reading view hides (furniture, printed states) or adds (note labels).
BLOCKS = {"p", "div", "li", "br", "section", "aside", "blockquote", "figure", "figcaption", "h1",
          "h2", "h3", "h4", "h5", "h6"}
HIDDEN = {"fw", "printed", "printed-marker", "facs", "note-label", "noteref", "notes-head", "gap",
          "plate"}


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    for tei in (KRIVITSKY, ALI, FEATURES):
        write_html(tei, out)
    return out


def page(pages: Path, name: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(pages / f"{name}.html")).getroot()


def reading_words(doc: lxml.html.HtmlElement) -> Counter[str]:
    """The words of the text as the reading view shows them (hidden and added parts out)."""
    main_el = doc.find(".//main")
    for el in list(main_el.iter()):
        classes = set((el.get("class") or "").split())
        if classes & HIDDEN and el.getparent() is not None:
            el.drop_tree()
        elif el.tag in BLOCKS or classes & {"block", "line", "addrLine"}:
            el.tail = " " + (el.tail or "")  # a block ends a word, as it does on the screen
    return Counter(main_el.text_content().split())


@pytest.mark.parametrize("tei", [KRIVITSKY, ALI, FEATURES], ids=lambda p: p.stem)
def test_the_page_holds_the_reading_text_word_for_word(pages, tei):
    """Nothing lost, nothing added: the words of the reading view are the words of
    `edition text` (notes included, furniture excluded)."""
    root = load_tei(tei)
    for printed in root.xpath("//t:choice/t:sic | //t:choice/t:orig | //t:choice/t:abbr",
                              namespaces={"t": "http://www.tei-c.org/ns/1.0"}):
        printed.getparent().remove(printed)  # the reading text has the edited readings
    # `edition text` reads neither verse lines nor choice yet: the feature document is read
    # here, every text node of <text> but furniture's, blocks ending words
    # (the note markers `edition text` brackets in, "[1]", the page sets as links)
    expected = Counter((tei_text(root, markers=False) if tei != FEATURES
                        else tei_words(root)).split())
    got = reading_words(page(pages, tei.stem))
    assert expected - got == Counter()
    assert got - expected == Counter() or _generated_title(root, got - expected)


def tei_words(root: etree._Element) -> str:
    """The words of a TEI text: all its text but furniture's (fw), each block a word end,
    notes after the rest."""
    out: list[str] = []
    notes: list[etree._Element] = []

    def walk(el: etree._Element) -> None:
        name = etree.QName(el).localname
        if name in ("fw", "teiHeader", "facsimile"):
            return
        if name == "note" and el not in notes:
            notes.append(el)
            return
        block = name in {"p", "l", "head", "item", "sp", "speaker", "signed", "dateline",
                         "note", "titlePart", "byline", "docImprint", "figDesc", "lb"}
        if name == "figDesc":
            return
        out.append(" " if block else "")
        out.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            out.append(child.tail or "")
        out.append(" " if block else "")

    walk(root.find("{http://www.tei-c.org/ns/1.0}text"))
    for note in notes:
        walk(note)
    return "".join(out)


def _generated_title(root: etree._Element, extra: Counter[str]) -> bool:
    """A TEI with no titlePage gets a title page made from its header: those words only."""
    from edition.write.html import metadata

    title, _sub, authors, _lang = metadata(root)
    allowed = Counter((title + " " + " ".join(authors)).split())
    return root.find(".//{http://www.tei-c.org/ns/1.0}titlePage") is None and extra <= allowed


def test_running_heads_are_not_in_the_reading_text(pages):
    doc = page(pages, "krivitsky-1940")
    paragraph = next(p for p in doc.iter("p") if "we had learned" in p.text_content())
    fw = [el for el in paragraph.iter() if "fw" in (el.get("class") or "").split()]
    assert [f.text for f in fw] == ["INTRODUCTION"]  # kept, for the diplomatic view
    for f in fw:
        f.drop_tree()
    assert "we had learned to repeat to ourselves" in paragraph.text_content()
    # a word broken across pages is one word in the text: no mark, no number inside it
    assert "privileged bureaucrats with" in " ".join(
        p.text_content() for p in doc.iter("p") if "bureau" in p.text_content()).replace(
        "INTRODUCTION", "")


def test_every_printed_page_is_an_anchor_and_every_link_resolves(pages):
    root = load_tei(KRIVITSKY)
    doc = page(pages, "krivitsky-1940")
    ids = [el.get("id") for el in doc.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    for pb in root.iter("{http://www.tei-c.org/ns/1.0}pb"):
        anchor = doc.get_element_by_id(pb.get("{http://www.w3.org/XML/1998/namespace}id"))
        assert anchor.tag == "a" and anchor.get("href") == "#" + anchor.get("id")
        if pb.get("n"):
            assert anchor.get("id") == f"p{pb.get('n')}"
            assert anchor.get("data-n") in (pb.get("n"), f"[{pb.get('n')}]")
    assert doc.get_element_by_id("p16").get("data-n") == "[16]"  # printed, not scanned
    assert doc.get_element_by_id("s5").get("data-n") == "scan 5"  # no printed number
    for a in doc.iter("a"):
        href = a.get("href") or ""
        if href.startswith("#"):
            assert href[1:] in set(ids) | {"top"}, href
    # the contents links each division to its first page
    toc = {a.text: a.getparent() for a in doc.find(".//nav").iter("a") if a.text}
    assert toc["II THE END OF THE COMMUNIST INTERNATIONAL"].find("a[@class='toc-page']").get(
        "href") == "#p43"


def test_footnotes_numbered_in_order_with_the_printed_marker_kept(pages):
    doc = page(pages, "krivitsky-1940")
    refs = [a for a in doc.iter("a") if a.get("class") == "noteref"]
    notes = [el for el in doc.iter("aside") if el.get("class") == "footnote"]
    assert [r.find("span[@class='label']").text for r in refs] == ["1", "2", "3", "4"]
    assert [r.find("span[@class='printed']").text for r in refs] == ["1", "1", "1", "1"]
    for ref, note in zip(refs, notes, strict=True):
        assert ref.get("href") == "#" + note.get("id")
        back = note.find("a[@class='note-label']")
        assert back.get("href") == "#" + ref.get("id") and back.get("role") == "doc-backlink"
    assert "Otdel Mezhdunarodnoi Svyazi." in notes[1].text_content()
    # distinct printed markers are shown as printed
    features = page(pages, "features")
    labels = [a.text_content() for a in features.iter("a") if a.get("class") == "note-label"]
    assert labels == ["1", "2"]  # the printed markers are "*" twice


def test_the_feature_document_renders_each_encoding(pages):
    doc = page(pages, "features")
    lines = [el.text_content() for el in doc.iter("div") if "l" in (el.get("class") or "").split()]
    assert lines[0] == "I wandered lonely as a Cloud" and len(lines) == 6
    assert "indent" in next(el for el in doc.iter("div") if el.text_content().startswith(
        "That floats")).get("class")
    assert doc.find(".//p[@lang='fr']") is not None
    assert doc.find(".//i[@lang='la']").text == "et in Arcadia ego"
    choice = doc.find(".//span[@class='choice']")
    assert choice.find("span[@class='corr edited']").text == "misprinted"
    assert choice.find("span[@class='sic printed']").text == "misprmted"
    kinds = sorted(el.get("class").split()[1] for el in doc.iter("span")
                   if (el.get("class") or "").startswith("fw "))
    assert kinds == ["catch", "header", "header", "pageNum", "sig"]
    assert doc.get_element_by_id("p3").get("data-n") == "[3]"
    # the page image, linked from where the page was written to where the TEI says it is
    facs = pages / doc.get_element_by_id("p1").get("data-facs")
    assert facs.resolve() == FEATURES.parent / "scans" / "0001.png"
    figure = doc.get_element_by_id("plate1")
    assert figure.tag == "figure" and "PLATE I. THE LAKE" in figure.find("figcaption").text
    assert "An engraving of a lake" in figure.find("span[@role='img']").get("aria-label")
    speakers = [el.text for el in doc.iter("span") if el.get("class") == "speaker"]
    assert speakers == ["HAMLET.", "POLONIUS."]
    assert doc.find(".//blockquote[@class='quote']") is not None
    assert doc.find(".//div[@class='said']") is not None
    assert doc.find(".//span[@class='said']").text == '"said this inline"'
    assert doc.find(".//p[@class='signed']").text == "A. N. AUTHOR."
    gap = doc.find(".//span[@class='gap']")
    assert gap.text == "[…]" and "illegible, 2 word" in gap.get("aria-label")


def test_a_figure_shows_its_image_with_alternative_text(tmp_path):
    tree = etree.parse(str(FEATURES))
    figure = tree.find(".//{http://www.tei-c.org/ns/1.0}figure")
    graphic = etree.SubElement(figure, "{http://www.tei-c.org/ns/1.0}graphic", url="lake.png")
    figure.insert(1, graphic)
    tei = tmp_path / "src" / "plates.xml"
    tei.parent.mkdir()
    tree.write(str(tei), encoding="UTF-8", xml_declaration=True)
    (tei.parent / "lake.png").write_bytes(_png())
    written = write_html(tei, tmp_path / "out")
    img = lxml.html.parse(str(written.page)).getroot().find(".//img")
    assert img.get("alt") == "An engraving of a lake under trees."
    assert img.get("src") == "plates-images/lake.png"
    assert (tmp_path / "out" / "plates-images" / "lake.png").exists()


def _png() -> bytes:
    """A 1x1 white PNG."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0\xff\xff\xff")) + chunk(b"IEND", b""))


def test_pages_are_accessible_and_fetch_nothing(pages):
    for name in ("krivitsky-1940", "ali-lrb-2019", "features"):
        html = (pages / f"{name}.html").read_text()
        about = (pages / f"{name}-about.html").read_text()
        for text in (html, about):
            doc = lxml.html.fromstring(text)
            assert doc.get("lang")
            assert doc.find(".//main") is not None and doc.find(".//header") is not None
            assert doc.find(".//footer") is not None
            assert doc.find(".//meta[@name='viewport']") is not None
            # nothing loaded from elsewhere: no external script, style, image, font or frame
            assert not doc.xpath("//script[@src] | //link[@rel='stylesheet'] | //iframe")
            assert all(not re.match(r"^[a-z]+:", img.get("src", "")) for img in doc.iter("img"))
            style = "".join(s.text or "" for s in doc.iter("style"))
            assert "url(" not in style and "@import" not in style
            assert all(img.get("alt") for img in doc.iter("img"))
        assert lxml.html.fromstring(html).find(".//nav[@aria-label='Contents']") is not None
    assert "Amarsingh College" in (pages / "krivitsky-1940-about.html").read_text()
    assert "Running headers are found" in (pages / "krivitsky-1940-about.html").read_text()


def _colours(block: str) -> dict[str, tuple[int, int, int]]:
    return {name: tuple(int(value[k : k + 2], 16) for k in (0, 2, 4))  # type: ignore[misc]
            for name, value in re.findall(r"--([a-z-]+):\s*#([0-9a-f]{6})", block)}


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """The WCAG 2 contrast ratio of two colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_text_colours_meet_wcag_aa_contrast_in_light_and_dark():
    css = asset("edition.css")
    light = _colours(css.split("@media (prefers-color-scheme: dark)")[0])
    dark = _colours(css.split("@media (prefers-color-scheme: dark)")[1].split("}\n}")[0])
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    for scheme in (light, dark):
        assert set(scheme) >= {"bg", "panel", "fg", "muted", "link", "mark"}
        for text in ("fg", "muted", "link", "mark"):
            for background in ("bg", "panel"):
                ratio = contrast(scheme[text], scheme[background])
                assert ratio >= 4.5, (text, background, round(ratio, 2))


def test_html_is_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write_html(KRIVITSKY, a)
    write_html(KRIVITSKY, b)
    assert (a / "krivitsky-1940.html").read_bytes() == (b / "krivitsky-1940.html").read_bytes()


@pytest.mark.parametrize("command", ["html", "epub"])
def test_a_non_tei_input_is_refused_in_one_line_with_nothing_written(tmp_path, capsys, command):
    out = tmp_path / "out"
    for bad in (ROOT / "raw" / "krivitsky-1940.txt", ROOT / "tests" / "data" / "tei" / "no-namespace.xml",
                tmp_path / "missing.xml"):
        target = ["-o", str(out)] if command == "html" else ["-o", str(out / "b.epub")]
        assert main([command, str(bad), *target]) == 2
        err = capsys.readouterr().err
        assert err.startswith("edition: ") and err.count("\n") == 1
    assert not out.exists()


def test_a_collection_build_writes_the_html_beside_each_edition_and_an_index(tmp_path, capsys):
    assert main(["build", str(ROOT / "raw"), "-o", str(tmp_path), "--html", "-j", "1"]) == 0
    assert "wrote 2 HTML editions" in capsys.readouterr().err
    for name in ("krivitsky-1940", "ali-lrb-2019"):
        assert (tmp_path / f"{name}.xml").exists() and (tmp_path / f"{name}-about.html").exists()
        built = (tmp_path / f"{name}.html").read_bytes()
        write_html(tmp_path / f"{name}.xml", tmp_path / "again")
        assert built == (tmp_path / "again" / f"{name}.html").read_bytes()
    index = lxml.html.parse(str(tmp_path / "index.html")).getroot()
    links = [(a.get("href"), a.text_content()) for a in index.iter("a") if a.getparent().tag == "li"]
    assert links == [("ali-lrb-2019.html", "An Impeccable Spy: Richard Sorge, Stalin’s Master Agent"),
                     ("krivitsky-1940.html", "I Was Stalin's Agent")]


def test_pages_without_ids_get_the_emitters_anchors_made_unique():
    from edition.write.html import convert

    tei = etree.fromstring(
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t'
        b'</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/>'
        b'</sourceDesc></fileDesc></teiHeader><text><body><pb n="1"/><p>a</p><pb n="1"/>'
        b'<p>b</p><pb/><p>c</p><pb n="9" type="unscanned"/><pb n="9" type="unscanned"/>'
        b'</body></text></TEI>')
    pages = [(p.anchor, p.n, p.scan) for p in convert(tei).pages]
    assert pages == [("p1", "1", 1), ("s2", "1", 2), ("s3", None, 3), ("p9", "9", None),
                     ("p9-1", "9", None)]
