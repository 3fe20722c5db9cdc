"""`edition epub`: EPUB 3 of the golden editions and the feature document, judged by epubcheck."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from edition.cli import main
from edition.write.epub import write_epub
from edition.write.html import load_tei

from .conftest import ROOT

KRIVITSKY = ROOT / "tei" / "krivitsky-1940.xml"
ALI = ROOT / "tei" / "ali-lrb-2019.xml"
FEATURES = ROOT / "tests" / "data" / "render" / "features.xml"
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "t": "http://www.tei-c.org/ns/1.0"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    out = tmp_path_factory.mktemp("epub")
    for tei in (KRIVITSKY, ALI, FEATURES):
        write_epub(tei, out / f"{tei.stem}.epub")
    return out


def epubcheck_command() -> list[str] | None:
    """Debian's epubcheck is a jar on PATH (run through java where binfmt is not set up)."""
    found = shutil.which("epubcheck")
    if found is None:
        return None
    if Path(found).resolve().suffix == ".jar":
        return ["java", "-jar", str(Path(found).resolve())] if shutil.which("java") else None
    return [found]


@pytest.mark.skipif(epubcheck_command() is None, reason="epubcheck is not installed")
@pytest.mark.parametrize("name", ["krivitsky-1940", "ali-lrb-2019", "features"])
def test_epubcheck_reports_no_errors_and_no_warnings(books, name):
    done = subprocess.run([*epubcheck_command(), str(books / f"{name}.epub")],  # type: ignore[misc]
                          capture_output=True, text=True, timeout=300, check=False)
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in out, out


def read(book: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(book) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_container_layout_and_deterministic_bytes(books, tmp_path):
    with zipfile.ZipFile(books / "krivitsky-1940.epub") as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/epub+zip"
        # the edition's own date (its revisionDesc change), never the clock
        when = load_tei(KRIVITSKY).find(".//{http://www.tei-c.org/ns/1.0}change").get("when")
        year, month, day = map(int, when.split("-"))
        assert {i.date_time for i in z.infolist()} == {(year, month, day, 0, 0, 0)}
    again = tmp_path / "again.epub"
    write_epub(KRIVITSKY, again)
    assert again.read_bytes() == (books / "krivitsky-1940.epub").read_bytes()
    with zipfile.ZipFile(books / "features.epub") as z:  # a header with a dated change
        assert {i.date_time for i in z.infolist()} == {(2024, 5, 2, 0, 0, 0)}


def test_page_list_follows_the_printed_page_numbers(books):
    files = read(books / "krivitsky-1940.epub")
    nav = etree.fromstring(files["EPUB/nav.xhtml"])
    page_list = nav.find(".//x:nav[@epub:type='page-list']", NS)
    entries = [(a.text, a.get("href")) for a in page_list.iter(f"{{{NS['x']}}}a")]
    tei = load_tei(KRIVITSKY)
    assert [n for n, _ in entries] == [pb.get("n") for pb in tei.iter(f"{{{NS['t']}}}pb")
                                       if pb.get("n")]
    for label, href in entries:  # each entry opens an anchor in the text
        name, anchor = href.split("#")
        doc = etree.fromstring(files["EPUB/" + name])
        target = doc.find(f".//*[@id='{anchor}']")
        assert target is not None and target.get(EPUB_TYPE) == "pagebreak"
        assert target.get("aria-label") == f"Page {label}"
    assert ("43", entries[[n for n, _ in entries].index("43")][1]) in entries
    # the printed contents' page links point into the document that holds the page
    contents = next(etree.fromstring(v) for k, v in files.items()
                    if k.startswith("EPUB/text/part-") and b'class="list toc"' in v)
    assert contents.find(".//x:a[.='43']", NS).get("href") == entries[
        [n for n, _ in entries].index("43")][1].removeprefix("text/")


def test_notes_are_epub_footnotes_linked_both_ways(books):
    files = read(books / "krivitsky-1940.epub")
    refs, notes = {}, {}
    for name, data in files.items():
        if name.startswith("EPUB/text/part-"):
            doc = etree.fromstring(data)
            for a in doc.iter(f"{{{NS['x']}}}a"):
                if a.get(EPUB_TYPE) == "noteref":
                    refs[a.get("id")] = (name, a)
            for aside in doc.iter(f"{{{NS['x']}}}aside"):
                if aside.get(EPUB_TYPE) == "footnote":
                    notes[aside.get("id")] = (name, aside)
    assert [a.text for _, a in refs.values()] == ["1", "2", "3", "4"]
    for ref_id, (name, a) in refs.items():
        note_name, aside = notes[a.get("href").lstrip("#")]
        assert note_name == name  # a footnote is in the document that cites it
        assert aside.find("x:a", NS).get("href") == f"#{ref_id}"


def test_the_reading_text_has_no_furniture(books):
    files = read(books / "krivitsky-1940.epub")
    text = b"".join(v for k, v in files.items() if k.startswith("EPUB/text/part-")).decode()
    words = " ".join(" ".join(etree.fromstring(v).find("x:body", NS).itertext())
                     for k, v in files.items()
                     if k.startswith("EPUB/text/part-")).split()
    assert "we had learned to repeat" in " ".join(words)
    assert words.count("INTRODUCTION") == 2  # the printed contents and the heading: no fw
    assert "privileged bureau<span" in text and 'aria-label="Page 9"/>crats' in text
    assert 'class="fw' not in text and "running head" not in text


def test_metadata_comes_from_the_tei_header(books):
    for name, title, author, rights in (
            ("krivitsky-1940", "I Was Stalin's Agent", "W. G. Krivitsky",
             "The copyright status of the printed source is not asserted by this edition, and "
             "no licence is granted by it; check the source's status where you use it."),
            ("features", "A Test of Everything", "A. N. Author", "CC0 1.0")):
        opf = etree.fromstring(read(books / f"{name}.epub")["EPUB/package.opf"])
        meta = opf.find("opf:metadata", NS)
        assert meta.find("dc:title", NS).text == title
        assert meta.find("dc:creator", NS).text == author
        assert meta.find("dc:language", NS).text == "en"
        assert len(meta.findall("dc:date", NS)) <= 1
        rights_el = meta.find("dc:rights", NS)
        assert (rights_el.text if rights_el is not None else None) == rights  # never invented
        assert meta.find("dc:identifier", NS).text.startswith("urn:uuid:")
    modified = opf.find(".//opf:meta[@property='dcterms:modified']", NS).text
    assert modified == "2024-05-02T00:00:00Z"  # the revisionDesc change, not the clock
    feature_files = read(books / "features.epub")
    chapter = b"".join(v for k, v in feature_files.items() if k.startswith("EPUB/text/part-"))
    assert b"misprinted" in chapter and b"misprmted" not in chapter  # the corrected reading
    assert b'xml:lang="la"' in chapter and b"I wandered lonely as a Cloud" in chapter


def test_cli_writes_the_epub(tmp_path, capsys):
    out = tmp_path / "book.epub"
    assert main(["epub", str(ALI), "-o", str(out)]) == 0
    assert "wrote" in capsys.readouterr().err  # status on stderr
    assert zipfile.is_zipfile(out)
