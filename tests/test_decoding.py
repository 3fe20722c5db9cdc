"""Reading bytes as text (edition.read.decoding) and normalising characters (edition.read.characters)."""

from __future__ import annotations

import codecs

import pytest

from edition.errors import SourceError
from edition.model import Decoding
from edition.read.characters import describe, normalise, restore
from edition.read.decoding import decode_bytes

PROSE = "The café’s “regulars” said — quietly — that it was shut.\n"


@pytest.mark.parametrize(("data", "encoding", "bom"), [
    (PROSE.encode("utf-8"), "utf-8", False),
    (codecs.BOM_UTF8 + PROSE.encode("utf-8"), "utf-8", True),
    (codecs.BOM_UTF16_LE + PROSE.encode("utf-16-le"), "utf-16-le", True),
    (codecs.BOM_UTF16_BE + PROSE.encode("utf-16-be"), "utf-16-be", True),
    (codecs.BOM_UTF32_LE + PROSE.encode("utf-32-le"), "utf-32-le", True),
    (PROSE.encode("utf-16-le"), "utf-16-le", False),
    (PROSE.encode("utf-16-be"), "utf-16-be", False),
    (PROSE.encode("cp1252"), "windows-1252", False),
])
def test_each_encoding_is_told_from_the_bytes(data, encoding, bom):
    decoded = decode_bytes(data, "x.txt")
    assert (decoded.text, decoded.encoding, decoded.bom) == (PROSE, encoding, bom)


def test_latin1_and_windows_1252_are_told_apart_by_bytes_0x80_to_0x9f():
    plain = "Caf\xe9 cr\xe8me, na\xefve.\n" * 5
    assert decode_bytes(plain.encode("latin-1"), "x").encoding == "iso-8859-1"
    assert decode_bytes((plain + "\u201cq\u201d").encode("cp1252"), "x").encoding == "windows-1252"
    # a byte Windows-1252 leaves undefined: Latin-1, whose C1 control is then removed on reading
    assert decode_bytes(plain.encode("latin-1") + b"\x81", "x").encoding == "iso-8859-1"


def test_damaged_utf8_is_refused_at_its_byte_unless_replacement_is_asked_for():
    data = "caf\u00e9 ".encode() + b"\xff ok"
    with pytest.raises(SourceError, match=r"byte 6 \(b'\\xff'\)"):
        decode_bytes(data, "x.txt")
    decoded = decode_bytes(data, "x.txt", replace=True)
    assert decoded.text == "caf\u00e9 \ufffd ok" and decoded.replaced == (6,)


def test_binary_files_are_refused_by_signature_nul_or_control_share():
    with pytest.raises(SourceError, match="PDF"):
        decode_bytes(b"%PDF-1.7 ...", "x.txt")
    with pytest.raises(SourceError, match="NUL byte at byte 3"):
        decode_bytes(b"abc\x00def" * 3, "x.txt")
    with pytest.raises(SourceError, match="control bytes"):
        decode_bytes(b"\x01\x02\x03 text \x04\x05" * 20, "x.txt")
    with pytest.raises(SourceError, match="name it with --encoding"):
        decode_bytes("Иностранная литература".encode("cp1251"), "x.txt")


def test_a_named_encoding_is_used_and_an_unknown_one_refused():
    data = "Иностранная литература".encode("cp1251")
    assert decode_bytes(data, "x", encoding="cp1251").text == "Иностранная литература"
    with pytest.raises(SourceError, match="unknown encoding"):
        decode_bytes(data, "x", encoding="nope")


@pytest.mark.parametrize("text", [
    "a\r\nb\r\n\r\nc",
    "a\rb\r\rc\r",
    "a\r\nb\rc\nd\r\n",
    "no line end at all",
    "tab\tand\u00a0no-break\u202fnarrow, \x07bell, zero\u200bwidth, \ufeffbom, \ufffe\uffff",
    "donâ€™t be late for the cafÃ© â€” “really”\r\nsecond line",
])
def test_normalising_records_enough_to_rebuild_the_decoded_text(text):
    norm = normalise(text)
    assert "\r" not in norm.text
    assert restore(norm.text, norm.newline, norm.fixes) == text


def test_each_character_rule_is_named_and_counted():
    norm = normalise("a\u00a0b\x07c\u200bd\u2060e\r\n")
    rules = [f.rule for f in norm.fixes]
    assert norm.text == "a bcde\n" and norm.newline == "CRLF"
    assert rules == ["space", "control-character", "zero-width", "zero-width"]
    sentence = describe(Decoding(newline=norm.newline, fixes=norm.fixes))
    assert "CRLF line ends read as LF" in sentence and "U+200B" in sentence


def test_mojibake_is_repaired_only_where_ftfy_finds_a_plain_round_trip():
    norm = normalise("the cafÃ© was shut\nÃ‰migrÃ© is a real word in no language\n")
    assert norm.text.startswith("the café was shut\nÉmigré")
    assert {f.rule for f in norm.fixes} == {"mojibake"}
    # correct text that merely contains such letters is left alone
    assert normalise("Ångström’s “Tâches” of 1850; Âge, Ãrea\n").fixes == ()


def test_joiners_between_letters_of_scripts_that_need_them_are_kept():
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # ZWNJ inside a Persian word
    assert normalise(persian).text == persian
    assert normalise("wo\u200crd").text == "word"


def test_undecodable_bytes_in_page_files_are_placed_through_the_files_in_order(tmp_path):
    from edition.read.characters import describe
    from edition.read.text import read_scan

    pages = tmp_path / "book"
    pages.mkdir()
    (pages / "00000001.txt").write_bytes("Caf\u00e9 one.\n".encode())  # 11 bytes
    (pages / "00000002.txt").write_bytes(b"Caf\xc3\xa9 two \xff.\n")  # damaged at its byte 10
    scan = read_scan(pages, replace=True)
    assert scan.decoding.replaced == (21,)
    assert "first at byte 21" in describe(scan.decoding)
