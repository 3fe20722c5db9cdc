"""Reading a raw scan into pages and lines with raw offsets."""

from __future__ import annotations

import pytest

from edition.errors import SourceError
from edition.read.text import read_scan, read_text


def test_blank_run_pages_of_the_krivitsky_scan(scan):
    assert scan.convention == "blank-runs"
    assert len(scan.pages) == 296
    assert [line.text for line in scan.pages[0].lines] == ["AMARSINGH"]
    assert scan.pages[5].lines[0].text == "# CONTENTS"


def test_every_line_knows_its_raw_offsets(scan):
    for page in scan.pages:
        for line in page.lines:
            assert scan.raw[line.start : line.end] == line.text
        assert scan.raw[page.start : page.end].startswith(page.lines[0].text)


def test_two_blank_lines_do_not_split_a_page():
    scan = read_text("a\n\n\nb\n\n\n\nc\n", "t")
    assert [[ln.text for ln in p.content_lines()] for p in scan.pages] == [["a", "b"], ["c"]]


def test_form_feed_pages_are_detected():
    scan = read_text("one\ntwo\fthree\n\ffour", "t")
    assert scan.convention == "form-feed"
    assert [[ln.text for ln in p.content_lines()] for p in scan.pages] == [
        ["one", "two"], ["three"], ["four"]
    ]
    assert all(scan.raw[ln.start : ln.end] == ln.text for p in scan.pages for ln in p.lines)


def test_page_of_finds_the_page_holding_an_offset(scan):
    page = scan.pages[100]
    assert scan.page_of(page.start) == 100
    assert scan.page_of(page.end - 1) == 100


def test_missing_file_is_a_source_error(tmp_path):
    with pytest.raises(SourceError, match="cannot read"):
        read_scan(tmp_path / "nope.txt")


def test_empty_file_is_a_source_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("\n\n\n")
    with pytest.raises(SourceError, match="no text"):
        read_scan(path)


# --- page conventions of real library OCR (excerpts in tests/data/corpus) -----------------

CORPUS = __import__("pathlib").Path(__file__).parent / "data" / "corpus"


def test_hathitrust_page_markers_after_each_page():
    scan = read_scan(CORPUS / "persuasion-1901-p1-40.txt")
    assert scan.convention == "markers"
    assert len(scan.pages) == 40  # blank pages are pages too: they carry printed numbers
    assert scan.pages[0].lines == () and scan.pages[11].content_lines()[0].text == "(RECAP)"
    assert scan.pages[17].content_lines()[0].text == "3"  # the text before "<page 18>"
    assert not any("<page" in ln.text for p in scan.pages for ln in p.lines)


def test_distributed_proofreaders_markers_before_each_page():
    text = "-----File: 001.png-----\nFirst page.\n-----File: 002.png-----\nSecond page.\n"
    scan = read_text(text, "dp")
    assert scan.convention == "markers"
    assert [[ln.text for ln in p.content_lines()] for p in scan.pages] == [
        ["First page."], ["Second page."]]


def test_internet_archive_djvu_blocks_make_pages():
    scan = read_scan(CORPUS / "cooper-1835-lectures-1-2.txt")
    assert scan.convention == "djvu-blocks"
    tops = [[ln.text for ln in p.content_lines()[:2]] for p in scan.pages]
    # header and page number (in either order) open each page of the lectures
    assert ["2", "INTRODUCTORY LECTURE."] in tops and ["INTRODUCTORY LECTURE.", "3"] in tops
    assert ["8", "ON IRRITATION."] in tops
    assert all(len(p.content_lines()) < 60 for p in scan.pages)


def test_krivitsky_blank_runs_are_not_djvu(scan):
    assert scan.convention == "blank-runs"


def test_page_files_in_a_directory_and_a_zip(tmp_path):
    import zipfile

    pages = tmp_path / "volume"
    pages.mkdir()
    for k, text in enumerate(["Title page", "First text page.", "Second text page."]):
        (pages / f"{k + 1:08d}.txt").write_text(text + "\n")
    scan = read_scan(pages)
    assert scan.convention == "form-feed" and len(scan.pages) == 3
    assert scan.pages[2].content_lines()[0].text == "Second text page."
    archive = tmp_path / "volume.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in sorted(pages.iterdir(), reverse=True):
            z.write(f, f"volume/{f.name}")
    zipped = read_scan(archive)
    assert [p.content_lines()[0].text for p in zipped.pages] == [
        p.content_lines()[0].text for p in scan.pages]
    assert zipped.sha256 == scan.sha256


def test_a_damaged_zip_is_a_source_error(tmp_path):
    archive = tmp_path / "bad.zip"
    with __import__("zipfile").ZipFile(archive, "w") as z:
        z.writestr("0001.txt", "x" * 1000)
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2] + data[-22:])  # cut out the middle
    with pytest.raises(SourceError):
        read_scan(archive)


def _real_pages() -> list[str]:
    """The text of the real Persuasion excerpt's pages, as the marker convention reads them."""
    scan = read_scan(CORPUS / "persuasion-1901-p1-40.txt")
    return ["\n".join(ln.text for ln in p.lines) for p in scan.pages]


def test_every_convention_reads_the_same_real_pages(tmp_path):
    import zipfile

    pages = _real_pages()
    expected = [[ln for ln in p.split("\n") if ln.strip()] for p in pages]

    def texts(scan):
        return [[ln.text for ln in p.content_lines()] for p in scan.pages]

    dp = "".join(f"-----File: {k + 1:03d}.png-----\n{p}\n" for k, p in enumerate(pages))
    assert read_text(dp, "dp").convention == "markers"
    assert texts(read_text(dp, "dp")) == expected
    ff = read_text("\f".join(pages), "ff")
    assert ff.convention == "form-feed" and texts(ff) == expected
    folder = tmp_path / "njp.32101064786526"
    folder.mkdir()
    for k, p in enumerate(pages):
        (folder / f"{k + 1:08d}.txt").write_text(p + "\n", encoding="utf-8")
    assert texts(read_scan(folder)) == expected
    archive = tmp_path / "volume.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in sorted(folder.iterdir()):
            z.write(f, f.name)
    assert texts(read_scan(archive)) == expected
