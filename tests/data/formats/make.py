"""Copy the structured-OCR fixtures from the shared sample collection: `python
tests/data/formats/make.py [SHARED_FORMATS_DIR]` (default /work/shared/formats).

The files are committed; this script documents exactly how each was made (SOURCE.md names
each file's origin and licence). Most are byte-identical copies. Some are pieces: the ALTO 1.1
newspaper page keeps its header and the first lines of its first text blocks (the whole page
is 1 MB), the METS file of the 1801 Burgsdorf book keeps three of its pages (its file groups
and physical structure map cut to them), beside those pages' ALTO files, and two pairs of
consecutive typed PAGE pages (`furniture/`) keep everything but their Word elements.
"""

from __future__ import annotations

import gzip
import shutil
import sys
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
COPIES = {
    "hocr/tesseract-417576986_0013.hocr": "hocr/ocr-fileformat-samples/417576986_0013.hocr",
    "hocr/abbyy-417576986_0012.hocr": "hocr/ocr-fileformat-samples/417576986_0012.hocr",
    "hocr/kraken_bw_example.hocr": "hocr/ocr-fileformat-samples/kraken_bw_example.hocr",
    "hocr/ocropus-433934212_0017.html": "hocr/ocr-fileformat-samples/433934212_0017.html",
    "alto/abbyy-417576986_0012.alto": "alto/ocr-fileformat-samples/417576986_0012.alto",
    "alto/tesseract-alto3-testfile.xml": "alto/ocr-fileformat-samples/testfile.xml",
    "alto/escriptorium-bpt6k1057722q_f18.xml":
        "alto/gallicorpora-incunables/bpt6k1057722q/bpt6k1057722q_f18.xml",
    "alto/escriptorium-bpt6k1057722q_f19.xml":
        "alto/gallicorpora-incunables/bpt6k1057722q/bpt6k1057722q_f19.xml",
    "page/transkribus-0007_17410624-006.xml":
        "page/page2tei-transkribus-tests/0007_17410624-006.xml",
    "page/glauanno-OCR-D-GT-PAGE_00000009.xml.gz": "page/vdsbb-glauanno/OCR-D-GT-PAGE_00000009.xml.gz",
    "abbyy/finereader10-417589220_0018.abbyy.xml":
        "abbyy/ocr-fileformat-samples/417589220_0018.abbyy.xml",
}
#: Consecutive pages of the two typed PAGE sets, for the furniture rules on geometry: a
#: directory of each pair, each file without its Word (and Glyph) elements (its lines keep their
#: own text, polygons and region types).
PAGE_PIECES = {
    "furniture/glauanno-28-31": ("page/vdsbb-glauanno", ("00000028", "00000029", "00000030",
                                                      "00000031")),
    "furniture/durrgeda-11-12": ("page/vdsbb-durrgeda", ("00000011", "00000012")),
}
#: The Burgsdorf pages kept (METS ORDER): a page with a folio and hyphenated words.
METS_PAGES = ("7", "8", "9")
METS = "{http://www.loc.gov/METS/}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def alto_piece(source: Path, target: Path, blocks: int = 3, lines: int = 12) -> None:
    """An ALTO file with only the first `lines` lines of the first `blocks` text blocks."""
    tree = etree.parse(str(source))
    found = [el for el in tree.iter() if etree.QName(el).localname == "TextBlock"]
    for el in found[blocks:]:
        el.getparent().remove(el)
    for block in found[:blocks]:
        for line in [c for c in block if etree.QName(c).localname == "TextLine"][lines:]:
            block.remove(line)
    target.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))


def page_piece(source: Path, target: Path) -> None:
    """A gzipped PAGE file without its Word elements (the glyphs inside them), gzipped again
    as `gzip -9n` does (no name, no time stamp)."""
    tree = etree.fromstring(gzip.decompress(source.read_bytes()))
    for word in [el for el in tree.iter() if etree.QName(el).localname == "Word"]:
        word.getparent().remove(word)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    target.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


def mets_piece(book: Path, target: Path) -> None:
    """The METS file of `book` cut to METS_PAGES, with their ALTO files beside it."""
    tree = etree.parse(str(next(book.glob("*mets*.xml"))))
    root = tree.getroot()
    keep: set[str] = set()
    physical = next(s for s in root.iter(f"{METS}structMap") if s.get("TYPE") == "PHYSICAL")
    for div in list(physical.iter(f"{METS}div")):
        if div.get("TYPE") == "page":
            if div.get("ORDER") in METS_PAGES:
                keep |= {f.get("FILEID") for f in div.iter(f"{METS}fptr")}
            else:
                div.getparent().remove(div)
    for smap in list(root.iter(f"{METS}structMap")):
        if smap is not physical:
            smap.getparent().remove(smap)
    for link in list(root.iter(f"{METS}structLink")):
        link.getparent().remove(link)
    for f in list(root.iter(f"{METS}file")):
        if f.get("ID") not in keep:
            f.getparent().remove(f)
        elif f.getparent().get("USE") == "FULLTEXT":
            href = next(f.iter(f"{METS}FLocat")).get(XLINK)
            (target / href).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(book / href, target / href)
    (target / "mets.xml").write_bytes(etree.tostring(tree, xml_declaration=True,
                                                     encoding="UTF-8"))


def main() -> None:
    shared = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/formats")
    for name, origin in COPIES.items():
        (HERE / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shared / origin, HERE / name)
    alto_piece(shared / "alto/ocr-fileformat-samples/sn86069133.1910-10-31.alto",
               HERE / "alto/ccs-alto1-sn86069133-piece.alto")
    mets_piece(shared / "alto/slub-burgsdorf-1801", HERE / "mets-burgsdorf")
    for folder, (book, images) in PAGE_PIECES.items():
        for image in images:
            page_piece(shared / book / f"OCR-D-GT-PAGE_{image}.xml.gz",
                       HERE / folder / f"OCR-D-GT-PAGE_{image}.xml.gz")


if __name__ == "__main__":
    main()
