"""ABBYY FineReader XML (the FineReader 6-11 document schemas, as the Internet Archive's
`_abbyy.gz` holds them) into the page model.

Read with lxml's `iterparse`, a line at a time. Each `page` is a page (its `width`/`height` in
pixels); each `par` of a text `block` a text region; each `line` a line (its `l t r b` box):
its text is its `charParams` characters where it has them (FineReader 6-8, and 9-11 with
character detail), else the text of its `formatting` elements. A block's `blockType` other
than "Text" (a table's cells) is its declared role.
"""

from __future__ import annotations

import io

from lxml import etree

from edition.errors import SourceError
from edition.model import Surface, Zone
from edition.read.layout import ScanBuilder, box_points, number

_EVENTS = ("page", "block", "par", "line")


def _local(tag: object) -> str:
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _num(value: str | None) -> float:
    """A number attribute (see `edition.read.layout.number`)."""
    return number(value)


def _box(el: etree._Element) -> tuple[tuple[int, int], ...]:
    """The `l t r b` box of an element as polygon points (none when it has no box)."""
    if el.get("r") is None:
        return ()
    return box_points(_num(el.get("l")), _num(el.get("t")), _num(el.get("r")), _num(el.get("b")))


def line_text(line: etree._Element) -> str:
    """A line's characters: its `charParams`, else its `formatting` texts."""
    chars = [c for c in line.iter("{*}charParams")]
    if chars:
        return "".join(c.text or "" for c in chars)
    return "".join(f.text or "" for f in line.iter("{*}formatting"))


def feed(data: bytes, where: str, builder: ScanBuilder, source: str, label: str = "",
         url: str = "") -> int:
    """Read the ABBYY FineReader XML file `data` into `builder` (arguments as
    `edition.read.alto.feed`); returns the number of pages read.

    Raises SourceError for XML that is not well-formed.
    """
    pages = 0
    blocks: list[Zone] = []
    lines: list[tuple[int, str, Zone]] = []  # paragraph number, text, zone
    page_attrs: dict[str, str] = {}
    block_id, declared, par = "", "", 0
    try:
        for event, el in etree.iterparse(io.BytesIO(data), events=("start", "end"),
                                         tag=[f"{{*}}{t}" for t in _EVENTS],
                                         resolve_entities=False, no_network=True,
                                         load_dtd=False, huge_tree=False):
            name = _local(el.tag)
            if event == "start":
                if name == "page":
                    page_attrs, blocks, lines = dict(el.attrib), [], []
                elif name == "block":
                    block_id = el.get("id", "")  # FineReader 6-8 give blocks no ID
                    kind = el.get("blockType", "")
                    declared = kind if kind and kind != "Text" else ""
                    blocks.append(Zone(block_id, _box(el), declared))
                elif name == "par":
                    par += 1
                continue
            if name == "line":
                lines.append((par, line_text(el), Zone(el.get("id", ""), _box(el), declared,
                                                       block_id)))
                el.clear(keep_tail=True)
            elif name == "page":
                builder.page(Surface(page_attrs.get("id", ""), "", url,
                                     round(_num(page_attrs.get("width"))),
                                     round(_num(page_attrs.get("height"))), label,
                                     tuple(blocks), source))
                previous = None
                for number, text, zone in lines:
                    if number != previous:
                        builder.region()
                        previous = number
                    builder.line([text], zone)
                builder.end_page()
                pages += 1
                el.clear(keep_tail=True)
    except etree.XMLSyntaxError as err:
        raise SourceError(f"{where}:{err.lineno or 1}: not well-formed XML ({err.msg})") from None
    return pages
