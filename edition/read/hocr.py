"""hOCR (OCR results in HTML, the hOCR 1.x specification) into the page model.

Parsed with lxml's HTML parser, which is tolerant: kraken and OCRopus write HTML that is not
well-formed XML. Each `ocr_page` is a page (its `bbox` gives the image size, `image` the file
name, `lpageno` a page label); each line-like element (`ocr_line`, `ocrx_line`, `ocr_header`,
`ocr_footer`, `ocr_caption`, `ocr_textfloat`) a line, in document order; its region the
nearest `ocr_par`, else `ocr_carea`. A line's words are its `ocrx_word` elements (Tesseract,
ABBYY, kraken, whose word list spells the spaces as words of their own, left out here), or its
text when it has none (OCRopus). A line class other than `ocr_line`/`ocrx_line` is its declared
role; `poly` is used for the polygon where given, else `bbox`.
"""

from __future__ import annotations

import re

from lxml import etree, html

from edition.errors import SourceError
from edition.model import Surface, Zone
from edition.read.layout import ScanBuilder, box_points, number, parse_points

#: Line-like classes of the hOCR specification.
LINE_CLASSES = ("ocr_line", "ocrx_line", "ocr_header", "ocr_footer", "ocr_caption",
                "ocr_textfloat")
#: Classes that say nothing of a line's role.
PLAIN_LINES = frozenset({"ocr_line", "ocrx_line"})
#: A property of an hOCR `title`: its name and value.
_PROPERTY = re.compile(r"\s*([a-z_]+)\s+([^;]*)")


def _has(cls: str) -> str:
    """An XPath test for a class token."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')"


_PAGES = etree.XPath(f"//*[{_has('ocr_page')}]")
_LINES = etree.XPath(".//*[" + " or ".join(_has(c) for c in LINE_CLASSES) + "]")
_WORDS = etree.XPath(f".//*[{_has('ocrx_word')}]")


def properties(title: str) -> dict[str, str]:
    """The properties of an hOCR `title` attribute ("bbox 0 0 10 10; image "x.png"")."""
    return {m.group(1): m.group(2).strip() for part in title.split(";")
            if (m := _PROPERTY.match(part))}


def _box(props: dict[str, str]) -> tuple[float, ...] | None:
    """The `bbox` of properties as four numbers, or None."""
    parts = props.get("bbox", "").replace(",", " ").split()[:4]
    return tuple(number(v) for v in parts) if len(parts) == 4 else None


def _points(props: dict[str, str]) -> tuple[tuple[int, int], ...]:
    """The polygon (`poly`) or box (`bbox`) of an element, in pixels."""
    poly = parse_points(props.get("poly", ""))
    if poly:
        return poly
    box = _box(props)
    return box_points(*box) if box else ()


def _classes(el: etree._Element) -> list[str]:
    """The class tokens of an element."""
    return (el.get("class") or "").split()


def _region_of(line: etree._Element, page: etree._Element) -> etree._Element | None:
    """The paragraph (else content area) holding a line, below its page."""
    carea = None
    for anc in line.iterancestors():
        if anc is page:
            break
        classes = _classes(anc)
        if "ocr_par" in classes:
            return anc
        if "ocr_carea" in classes and carea is None:
            carea = anc
    return carea


def _line_words(line: etree._Element) -> list[str]:
    """A line's words (word elements that are only whitespace are spaces, not words)."""
    words = _WORDS(line)
    if words:
        return [t for w in words if (t := w.text_content()).strip()]
    return [line.text_content()]


def _unquote(value: str) -> str:
    """A title value without the quotes around it."""
    value = value.strip()
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


def feed(data: bytes, where: str, builder: ScanBuilder, source: str, label: str = "",
         url: str = "") -> int:
    """Read the hOCR file `data` into `builder` (arguments as `edition.read.alto.feed`);
    returns the number of pages read.

    Raises SourceError for a file the HTML parser cannot read or that holds no `ocr_page`.
    """
    try:
        data.decode("utf-8")
        parser = html.HTMLParser(encoding="utf-8", remove_comments=True, no_network=True)
    except UnicodeDecodeError:  # the file's own meta charset decides
        parser = html.HTMLParser(remove_comments=True, no_network=True)
    try:
        root = html.document_fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as err:
        raise SourceError(f"{where}:1: cannot be read as hOCR ({err})") from None
    pages = _PAGES(root)
    if not pages:
        raise SourceError(f"{where}: an HTML file without an ocr_page")
    for page in pages:
        props = properties(page.get("title", ""))
        box = _box(props)
        width, height = (round(box[2] - box[0]), round(box[3] - box[1])) if box else (0, 0)
        regions: dict[int, Zone] = {}
        order: list[tuple[int, list[str], Zone]] = []
        for line in _LINES(page):
            if any(c in LINE_CLASSES for a in line.iterancestors() for c in _classes(a)):
                continue  # a line inside a line (an ocr_header holding ocr_lines)
            region = _region_of(line, page)
            key = id(region) if region is not None else 0
            if region is not None and key not in regions:
                regions[key] = Zone(region.get("id", ""), _points(properties(
                    region.get("title", ""))))
            classes = [c for c in _classes(line) if c in LINE_CLASSES]
            declared = classes[0] if classes and classes[0] not in PLAIN_LINES else ""
            rid = region.get("id", "") if region is not None else ""
            zone = Zone(line.get("id", ""), _points(properties(line.get("title", ""))),
                        declared, rid)
            order.append((key, _line_words(line), zone))
        builder.page(Surface(page.get("id", ""), _unquote(props.get("image", "")), url, width,
                             height, label or props.get("lpageno", ""),
                             tuple(regions.values()), source))
        previous = None
        for key, words, zone in order:
            if key != previous:
                builder.region()
                previous = key
            builder.line(words, zone)
        builder.end_page()
    return len(pages)
