"""Reading a raw scan into pages and lines with raw offsets."""

from __future__ import annotations

import pytest

from edition.errors import SourceError
from edition.reader import decode, read_scan, read_text


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


def test_invalid_utf8_names_the_byte_offset():
    with pytest.raises(SourceError, match="byte 3"):
        decode(b"abc\xff", "x.txt")


def test_bom_is_dropped_and_noted():
    text, encoding = decode("\ufeffhello".encode("utf-8"), "x.txt")
    assert (text, encoding) == ("hello", "utf-8-sig")


def test_missing_file_is_a_source_error(tmp_path):
    with pytest.raises(SourceError, match="cannot read"):
        read_scan(tmp_path / "nope.txt")


def test_empty_file_is_a_source_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("\n\n\n")
    with pytest.raises(SourceError, match="no text"):
        read_scan(path)
