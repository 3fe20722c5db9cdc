"""Regenerate the hostile-input corpus from real scan pages: `python tests/data/hostile/make.py`.

Every file is made from the same eight scanned pages of raw/krivitsky-1940.txt
(the Introduction, scan pages 6-13), damaged the way scanning pipelines and
file transfers damage text. The files are committed; this script documents
exactly how each was made. EXPECTED.tsv says what `edition build` must do
with each.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
FIRST, LAST = 6, 13


def base_text() -> str:
    """The eight pages, exactly as they stand in the raw scan."""
    from edition.read.text import read_scan

    scan = read_scan(ROOT / "raw" / "krivitsky-1940.txt")
    return scan.raw[scan.pages[FIRST].start : scan.pages[LAST].end] + "\n"


def sprinkle(text: str, insert: str, every: int) -> str:
    """`insert` put inside words every `every` characters (after a letter, before a letter)."""
    out: list[str] = []
    last = 0
    for i, ch in enumerate(text):
        out.append(ch)
        if i - last >= every and ch.isalpha() and i + 1 < len(text) and text[i + 1].isalpha():
            out.append(insert)
            last = i
    return "".join(out)


def sloppy_cp1252(data: bytes) -> str:
    """Bytes read as Windows-1252, its five undefined bytes as the same-numbered code points
    (what most mojibake-making software does)."""
    return "".join(chr(b) if b in b"\x81\x8d\x8f\x90\x9d" else bytes([b]).decode("cp1252")
                   for b in data)


def files(text: str) -> dict[str, bytes]:
    """Every hostile file by name."""
    utf8 = text.encode("utf-8")
    pages = text.split("\n\n\n\n")
    out: dict[str, bytes] = {
        "utf8.txt": utf8,
        "utf8-bom.txt": codecs.BOM_UTF8 + utf8,
        "utf16le-bom.txt": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "utf16be-bom.txt": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "utf16le-nobom.txt": text.encode("utf-16-le"),
        "utf32le-bom.txt": codecs.BOM_UTF32_LE + text.encode("utf-32-le"),
        "windows-1252.txt": text.encode("cp1252"),
        "latin1.txt": text.replace("—", "-").replace("“", '"').replace("”", '"')
        .replace("’", "'").replace("‘", "'").encode("latin-1", errors="replace"),
        # UTF-8 once decoded as Windows-1252 and saved again as UTF-8
        "mojibake.txt": sloppy_cp1252(text.encode("utf-8")).encode("utf-8"),
        "damaged-utf8.txt": utf8[:2000] + b"\xff\xfe" + utf8[2000:],
        "truncated-utf8.txt": utf8.rstrip(b"\n") + "é".encode()[:1],
        "crlf.txt": text.replace("\n", "\r\n").encode(),
        "cr.txt": text.replace("\n", "\r").encode(),
        # each page in one style (CRLF, CR, LF in turn): a CR before an empty LF line would
        # read as one CRLF, in this toolkit as in any other
        "mixed-endings.txt": "\n\n\n\n".join(
            page.replace("\n", ("\r\n", "\r", "\n")[k % 3]) for k, page in enumerate(pages)
        ).encode(),
        "form-feeds.txt": "\f".join(pages).replace("\n", "\r\n").encode(),
        "nul-bytes.txt": utf8[:500] + b"\x00" + utf8[500:],
        "controls.txt": sprinkle(text, "\x07", 97).replace(". ", ".\x1b ", 3)
        .replace("e", "e\x0b", 2).encode(),
        "c1-controls.txt": sprinkle(text, "\x85", 211).encode(),
        "tabs.txt": text.replace(". ", ".\t").encode(),
        "zero-width.txt": sprinkle(text, "\u200b", 53).replace("the", "th\u2060e", 5)
        .replace("in", "i\ufeffn", 3).encode(),
        "nbsp.txt": text.replace(", ", ",\u00a0", 40).replace(" I ", " I\u202f", 5).encode(),
        "no-page-breaks.txt": " ".join(line for line in text.split("\n") if line.strip()
                                        and not line.startswith("##")).encode(),
        "single-page.txt": pages[0].encode() + b"\n",
        "empty.txt": b"",
        "blank-lines.txt": b"\n \n\t\n\r\n" * 40,
        "only-controls.txt": b"\x07\x1b\x0b\n" * 10,
        "xml-breakers.txt": (pages[0] + "\n\nA & B < C > D; x ]]> y; &amp; &#0; <!DOCTYPE x> "
                             "<?pi x?> <![CDATA[ z ]]> <!-- no --> \"q\" 'a'\n").encode(),
        "xml-illegal.txt": (pages[0] + "\n\nA form feed\x0c\x0cwithin, U+FFFE \ufffe "
                            "and U+FFFF \uffff stand here.\n").encode(),
        "one-long-line.txt": (" ".join(text.split()) + " ") .encode() * 20,
        "png-named.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "pdf-named.txt": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(32, 256)) * 8,
        "random-bytes.txt": bytes((k * 7919 + 13) % 223 + 33 for k in range(4096)),
        "cyrillic-cp1251.txt": "Иностранная литература, москва.\n".encode("cp1251") * 30,
    }
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for k, page in enumerate(pages):
            z.writestr(f"{k + 1:08d}.txt", page + "\n")
    out["pages.zip"] = archive.getvalue()
    out["truncated.zip"] = archive.getvalue()[: len(archive.getvalue()) // 2]
    return out


def main() -> None:
    """Write the corpus beside this script."""
    text = base_text()
    for name, data in files(text).items():
        (HERE / name).write_bytes(data)
    pages = HERE / "page-files-one-binary"
    pages.mkdir(exist_ok=True)
    for k, page in enumerate(text.split("\n\n\n\n")):
        (pages / f"{k + 1:08d}.txt").write_bytes(page.encode() + b"\n")
    (pages / "00000004.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))


if __name__ == "__main__":
    main()
