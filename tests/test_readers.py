"""The structured readers (hOCR, ALTO, PAGE-XML, METS) on real files of each dialect."""

from __future__ import annotations

import gzip
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from edition.errors import SourceError
from edition.model import Scan
from edition.read.sources import book_directory, sniff_bytes
from edition.read.text import read_scan

from .conftest import ROOT

DATA = ROOT / "tests" / "data" / "formats"


def _words(scan: Scan) -> list[str]:
    return scan.raw.split()


def _check_spans(scan: Scan) -> None:
    """Every line's text is its raw span; pages are split by form feeds; zones are on lines."""
    for page in scan.pages:
        for line in page.lines:
            assert scan.raw[line.start : line.end] == line.text
            assert "\n" not in line.text and "\f" not in line.text
    assert scan.raw.count("\f") == len(scan.pages) - 1


@pytest.mark.parametrize(("name", "fmt"), [
    ("hocr/tesseract-417576986_0013.hocr", "hocr"),
    ("hocr/abbyy-417576986_0012.hocr", "hocr"),
    ("hocr/kraken_bw_example.hocr", "hocr"),
    ("hocr/ocropus-433934212_0017.html", "hocr"),
    ("alto/abbyy-417576986_0012.alto", "alto"),
    ("alto/tesseract-alto3-testfile.xml", "alto"),
    ("alto/ccs-alto1-sn86069133-piece.alto", "alto"),
    ("alto/escriptorium-bpt6k1057722q_f18.xml", "alto"),
    ("page/transkribus-0007_17410624-006.xml", "page"),
    ("page/glauanno-OCR-D-GT-PAGE_00000009.xml.gz", "page"),
    ("abbyy/finereader10-417589220_0018.abbyy.xml", "abbyy"),
    ("mets-burgsdorf/mets.xml", "mets"),
])
def test_format_is_told_from_content_not_name(tmp_path, name, fmt):
    data = (DATA / name).read_bytes()
    assert sniff_bytes(data) == fmt
    disguised = tmp_path / "scan.txt"  # the extension says text; the content decides
    disguised.write_bytes(data)
    if fmt != "mets":
        scan = read_scan(disguised)
        assert scan.convention == fmt
        _check_spans(scan)
        assert all(line.zone is not None for page in scan.pages for line in page.content_lines())


def test_plain_text_is_not_taken_for_structured_ocr():
    assert sniff_bytes(b"<page 1>\nSome text about <html> and ALTO.\n") is None
    assert sniff_bytes((ROOT / "raw" / "krivitsky-1940.txt").read_bytes()[:5000]) is None


def test_tesseract_hocr_words_lines_and_geometry():
    scan = read_scan(DATA / "hocr" / "tesseract-417576986_0013.hocr")
    page = scan.pages[0]
    assert page.surface is not None
    assert (page.surface.width, page.surface.height) == (1304, 2208)
    assert page.surface.image == "max/417576986_0013.jpg"
    first = page.content_lines()[0]
    assert first.zone is not None and first.zone.ident.startswith("line_")
    left, top, right, bottom = first.zone.box
    assert 0 <= left < right <= 1304 and 0 <= top < bottom <= 2208
    # regions (ocr_par) are separated by a blank line: the paragraph breaks of the page
    assert sum(1 for line in page.lines if line.blank) >= 1


def test_kraken_spaces_are_not_words():
    scan = read_scan(DATA / "hocr" / "kraken_bw_example.hocr")
    lines = [line.text for line in scan.pages[0].content_lines()]
    assert lines[1] == "H I S T O I R E"
    assert all("  " not in text for text in lines)


def test_ocropus_lines_without_words_keep_their_text():
    scan = read_scan(DATA / "hocr" / "ocropus-433934212_0017.html")
    texts = [line.text for line in scan.pages[0].content_lines()]
    assert "que cfle,qualescunque dif-" in texts
    assert all(line.zone and line.zone.points for line in scan.pages[0].content_lines())


def test_abbyy_hocr_and_alto_of_one_page_read_the_same_words():
    hocr = read_scan(DATA / "hocr" / "abbyy-417576986_0012.hocr")
    alto = read_scan(DATA / "alto" / "abbyy-417576986_0012.alto")
    # ALTO's engine marks its hyphens with HYP (written "-" here), hOCR keeps them in the word
    assert _words(hocr) == _words(alto)


def test_alto_hyphens_are_printed_and_the_engine_word_is_kept():
    scan = read_scan(DATA / "mets-burgsdorf" / "FULLTEXT"
                     / "uuid-66ff21d7-854f-41b2-8c36-7f8487aa0537.xml")
    assert scan.full_words
    for offset, word in scan.full_words.items():
        assert scan.raw[offset] == "-"  # the soft hyphen of HYP/@CONTENT, read as printed
        assert scan.raw[offset + 1 : offset + 2] in ("\n", "\f", "")  # at a line end
        left = scan.raw[: offset].split()[-1]
        assert word.lower().startswith(left.lower())
    assert "\u00ad" not in scan.raw
    fixes = [f for f in scan.decoding.fixes if f.rule == "soft-hyphen"]
    assert len(fixes) == len(scan.full_words)
    assert all(scan.raw[f.at] == "-" and f.original == "\u00ad" for f in fixes)


def test_alto_inch1200_is_converted_to_pixels():
    scan = read_scan(DATA / "alto" / "ccs-alto1-sn86069133-piece.alto")
    surface = scan.pages[0].surface
    assert surface is not None
    # the page is 20464 x 25940 inch1200 units: at 300 dpi a quarter of that
    assert (surface.width, surface.height) == (5116, 6485)
    assert all(0 <= x <= surface.width and 0 <= y <= surface.height
               for page in scan.pages for line in page.content_lines()
               for x, y in line.zone.points)


def test_alto4_segmonto_zone_types_are_declared_roles():
    scan = read_scan(DATA / "alto" / "escriptorium-bpt6k1057722q_f18.xml")
    roles = {line.zone.declared for line in scan.pages[0].content_lines()}
    assert "RunningTitleZone" in roles
    title = next(line for line in scan.pages[0].content_lines()
                 if line.zone.declared == "RunningTitleZone")
    assert title.zone.region and len(title.zone.points) > 4  # a polygon, in its region
    assert {z.declared for z in scan.pages[0].surface.regions} >= {"RunningTitleZone",
                                                                  "MainZone#1"}


def test_page_reading_order_not_xml_order():
    scan = read_scan(DATA / "page" / "glauanno-OCR-D-GT-PAGE_00000009.xml.gz")
    regions = scan.pages[0].surface.regions
    # the file lists r1, r2, r0, r3, r4; its ReadingOrder says r0, r3, r1, r2, r4
    assert [z.ident for z in regions] == ["r0", "r3", "r1", "r2", "r4"]
    assert [z.declared for z in regions] == ["header", "page-number", "paragraph", "catch-word",
                                             "signature-mark"]
    lines = scan.pages[0].content_lines()
    assert lines[0].zone.declared == "header" and lines[-1].zone.declared == "signature-mark"


def test_page_line_text_or_its_words():
    scan = read_scan(DATA / "page" / "transkribus-0007_17410624-006.xml")
    assert scan.convention == "page"
    assert len(scan.pages[0].content_lines()) == 8
    assert all(line.zone.ident.startswith("tl_")
               for line in scan.pages[0].content_lines())


def test_page_words_when_the_line_has_no_text(tmp_path):
    page = tmp_path / "page.xml"
    page.write_text(
        '<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">'
        '<Page imageFilename="p.tif" imageWidth="100" imageHeight="200">'
        '<TextRegion id="r1" type="header"><Coords points="0,0 90,0 90,20 0,20"/>'
        '<TextLine id="l1"><Coords points="0,0 90,0 90,20 0,20"/>'
        '<Word id="w1"><Coords points="0,0 40,0 40,20 0,20"/>'
        '<TextEquiv index="1"><Unicode>Wrong</Unicode></TextEquiv>'
        '<TextEquiv index="0"><Unicode>Running</Unicode></TextEquiv></Word>'
        '<Word id="w2"><Coords points="50,0 90,0 90,20 50,20"/>'
        '<TextEquiv><Unicode>Title</Unicode></TextEquiv></Word>'
        '<TextEquiv><Unicode></Unicode></TextEquiv></TextLine></TextRegion>'
        '</Page></PcGts>', encoding="utf-8")
    scan = read_scan(page)
    assert scan.raw == "Running Title"
    assert scan.pages[0].lines[0].zone.declared == "header"


def test_mets_page_order_labels_and_image_urls():
    scan = read_scan(DATA / "mets-burgsdorf" / "mets.xml")
    assert scan.convention == "alto" and scan.name == "mets-burgsdorf"
    assert len(scan.pages) == 3
    urls = [p.surface.url for p in scan.pages]
    assert [u.rsplit("/", 1)[-1] for u in urls] == [f"0000000{n}.tif.medium.jpg" for n in (7, 8, 9)]
    assert all(p.surface.source.startswith("FULLTEXT/uuid-") for p in scan.pages)
    # the directory holding the METS file is the same book
    assert book_directory(DATA / "mets-burgsdorf")
    assert read_scan(DATA / "mets-burgsdorf").raw == scan.raw


def test_a_mets_file_that_lists_no_pages(tmp_path):
    # a Transkribus export whose METS lists no page files: the file alone is refused in one
    # line; the directory holding it is read by its PAGE files, and nothing else in it
    empty = DATA / "transkribus-empty-mets"
    with pytest.raises(SourceError, match="without a physical structure map"):
        read_scan(empty / "mets.xml")
    book = tmp_path / "book"
    shutil.copytree(empty, book)
    (book / "NOTES.md").write_text("what this folder is\n")
    scan = read_scan(book)
    alone = read_scan(empty / "0007_17410624-006.xml")
    assert len(scan.pages) == 1 and scan.raw == alone.raw
    assert "mets" not in scan.raw and "what this folder is" not in scan.raw


def test_directory_zip_and_gzip_of_page_files(tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    pages = sorted((DATA / "mets-burgsdorf" / "FULLTEXT").iterdir())
    for k, page in enumerate(pages):
        data = page.read_bytes()
        (book / f"{k:04d}.xml.gz").write_bytes(gzip.compress(data) if k == 1 else b"")
        if k != 1:
            (book / f"{k:04d}.xml.gz").unlink()
            shutil.copyfile(page, book / f"{k:04d}.xml")
    (book / "README.md").write_text("notes beside the page files", encoding="utf-8")
    (book / "FILES.txt").write_text("0000.xml\n0001.xml.gz\n0002.xml\n", encoding="utf-8")
    assert book_directory(book)  # numbered page files, a README and a list of them beside
    with_notes = read_scan(book)
    assert len(with_notes.pages) == 3 and "notes beside" not in with_notes.raw
    (book / "README.md").unlink()
    (book / "FILES.txt").unlink()
    assert book_directory(book)
    from_dir = read_scan(book)
    assert len(from_dir.pages) == 3 and from_dir.convention == "alto"
    assert from_dir.raw == with_notes.raw
    archive = tmp_path / "book.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for page in sorted(book.iterdir()):
            z.write(page, page.name)
    from_zip = read_scan(archive)
    assert from_zip.raw == from_dir.raw
    assert from_zip.sha256 != from_dir.sha256  # the digest is the zip's own


def test_sha256_is_the_source_files():
    import hashlib

    path = DATA / "hocr" / "tesseract-417576986_0013.hocr"
    assert read_scan(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["alto/abbyy-417576986_0012.alto",
                                  "page/transkribus-0007_17410624-006.xml",
                                  "mets-burgsdorf/mets.xml"])
def test_malformed_xml_is_one_line_with_file_and_line(tmp_path, name):
    data = (DATA / name).read_bytes()
    cut = data[: len(data) // 2]
    bad = tmp_path / Path(name).name
    bad.write_bytes(cut)
    with pytest.raises(SourceError) as err:
        read_scan(bad)
    message = str(err.value)
    assert "\n" not in message and str(bad) in message
    assert "not well-formed" in message
    assert message.split(str(bad), 1)[1].startswith(":")  # file:line


def test_abbyy_finereader_paragraphs_lines_and_boxes():
    scan = read_scan(DATA / "abbyy" / "finereader10-417589220_0018.abbyy.xml")
    page = scan.pages[0]
    assert (page.surface.width, page.surface.height) == (1296, 2116)
    lines = page.content_lines()
    assert len(lines) == 29  # every <line> of the file has text
    assert all(ln.zone.box[2] <= 1296 and ln.zone.box[3] <= 2116 for ln in lines)
    assert sum(1 for ln in page.lines if ln.blank) == 5  # six paragraphs


def test_abbyy_characters_are_read_from_char_params(tmp_path):
    page = tmp_path / "page.xml"
    page.write_text(
        '<document xmlns="http://www.abbyy.com/FineReader_xml/FineReader8-schema-v2.xml">'
        '<page width="100" height="100"><block blockType="Text" l="0" t="0" r="90" b="20">'
        '<text><par><line baseline="18" l="0" t="0" r="90" b="20"><formatting lang="German">\n'
        '<charParams l="0" t="0" r="9" b="20">A</charParams>\n'
        '<charParams l="10" t="0" r="19" b="20">b</charParams>\n'
        '<charParams l="20" t="0" r="29" b="20"> </charParams>\n'
        '<charParams l="30" t="0" r="39" b="20">c</charParams>\n'
        '</formatting></line></par></text></block></page></document>', encoding="utf-8")
    assert read_scan(page).raw == "Ab c"


def test_a_page_file_of_nothing_but_markup_has_no_text(tmp_path):
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b'<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout>'
                      b'<Page ID="p1" WIDTH="10" HEIGHT="10"/></Layout></alto>')
    with pytest.raises(SourceError, match="no text"):
        read_scan(empty)


def test_gzip_bomb_is_refused(tmp_path):
    bomb = tmp_path / "page.xml.gz"
    head = b'<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page>'
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb") as z:
        z.write(head + b" " * (4 * 2**20))
    bomb.write_bytes(buf.getvalue())
    with pytest.raises(SourceError, match="uncompressed"):
        read_scan(bomb, max_bytes=2**20)


def test_a_book_of_many_page_files_is_one_book(tmp_path):
    from edition.read import sources

    page = DATA / "mets-burgsdorf" / "FULLTEXT" / "uuid-66ff21d7-854f-41b2-8c36-7f8487aa0537.xml"
    for k in range(sources.SNIFF_FILES + 5):  # more files than are looked at
        (tmp_path / f"{k:05d}.xml").symlink_to(page)
    assert book_directory(tmp_path)


def test_alto_read_incrementally_reads_the_same(monkeypatch):
    from edition.read import alto

    path = DATA / "alto" / "escriptorium-bpt6k1057722q_f18.xml"
    whole = read_scan(path)
    monkeypatch.setattr(alto, "ITERPARSE_BYTES", 0)  # as a book in one large file is read
    streamed = read_scan(path)
    assert streamed.raw == whole.raw and streamed.pages == whole.pages


def test_coordinates_that_are_no_numbers_are_read_as_none(tmp_path):
    alto = tmp_path / "page.xml"
    alto.write_text('<alto><Layout><Page WIDTH="inf" HEIGHT="1e400"><PrintSpace>'
                    '<TextBlock ID="b"><Shape><Polygon POINTS="1 2 3 4 5 inf"/></Shape>'
                    '<TextLine HPOS="nan" VPOS="x" WIDTH="1e308" HEIGHT="9">'
                    '<String CONTENT="hello"/></TextLine></TextBlock></PrintSpace></Page>'
                    '</Layout></alto>', encoding="utf-8")
    scan = read_scan(alto)
    assert scan.raw == "hello"
    assert (scan.pages[0].surface.width, scan.pages[0].surface.height) == (0, 0)
    assert scan.pages[0].lines[0].zone.box == (0, 0, 0, 9)
    hocr = tmp_path / "page.html"
    hocr.write_text('<html><body><div class="ocr_page" title="bbox 0 0 inf 1e999">'
                    '<span class="ocr_line" title="bbox 1 2 3 nan; poly 1 2 3 4 5 inf">'
                    '<span class="ocrx_word">Hi</span></span></div></body></html>',
                    encoding="utf-8")
    scan = read_scan(hocr)
    assert scan.raw == "Hi" and scan.pages[0].surface.width == 0
    assert scan.pages[0].lines[0].zone.box == (1, 0, 3, 2)  # the bottom read as 0


def test_documents_side_by_side_with_a_readme_are_a_collection(tmp_path):
    """Two ALTO files of different books (their names share no page sequence) with the notes
    a repository keeps beside them: each is a book of its own, the notes are no book."""
    from edition.collection.batch import expand

    folder = tmp_path / "samples"
    folder.mkdir()
    shutil.copyfile(DATA / "alto" / "abbyy-417576986_0012.alto", folder / "417576986_0012.alto")
    shutil.copyfile(DATA / "alto" / "tesseract-alto3-testfile.xml", folder / "testfile.xml")
    (folder / "SOURCE.md").write_text("where these come from", encoding="utf-8")
    (folder / "FILES.txt").write_text("417576986_0012.alto\ntestfile.xml\n", encoding="utf-8")
    assert not book_directory(folder)
    ignored: list[Path] = []
    assert [p.name for p in expand([str(folder)], ignored)] == ["417576986_0012.alto",
                                                                "testfile.xml"]
    assert sorted(p.name for p in ignored) == ["FILES.txt", "SOURCE.md"]


def test_abbyy_files_in_a_collection_are_scans():
    from edition.read.text import not_a_scan

    assert not not_a_scan(DATA / "abbyy" / "finereader10-417589220_0018.abbyy.xml")
    assert not_a_scan(Path("FILES.txt")) and not_a_scan(Path("SHA256SUMS"))
