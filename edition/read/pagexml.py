"""PAGE-XML (PRImA Page Analysis and Ground truth Elements, 2010-2019 schemas, Transkribus
exports included) into the page model.

A `PcGts` file holds one `Page`: its image file name and size. Its `TextRegion`s (at any depth:
a table's cells are regions inside a `TableRegion`) are read in the order of the page's
`ReadingOrder` (`RegionRefIndexed` by `@index`, `RegionRef` in document order, nested groups
in their place), not in XML order; regions the reading order leaves out follow in document
order. Transkribus writes the order into `@custom` ("readingOrder {index:3;}"): where there is
no `ReadingOrder` element, regions are sorted by it, and a region's lines always are when each
has one.

A line's text is its own `TextEquiv` (the one with `@index` "0", else the lowest index, else
the first; its `Unicode`), or, when the line has none or an empty one, its words' texts joined
by spaces. A region's `@type` (header, page-number, catch-word, signature-mark, marginalia,
heading…), or Transkribus' "structure {type:…;}", is its declared role and its lines'. Coords
are `@points` (2013+) or `Point` children (2010).
"""

from __future__ import annotations

import re

from lxml import etree

from edition.errors import SourceError
from edition.model import Surface, Zone
from edition.read.layout import ScanBuilder, number, parse_points

#: Transkribus' reading order index inside `@custom`.
CUSTOM_ORDER = re.compile(r"readingOrder\s*\{[^}]*?index:\s*(\d+)")
#: Transkribus' structure type inside `@custom`.
CUSTOM_TYPE = re.compile(r"structure\s*\{[^}]*?type:\s*([^;}\s]+)")


def _local(tag: object) -> str:
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    """The child elements of `el` called `name` (any namespace)."""
    return [c for c in el if _local(c.tag) == name]


def _points(el: etree._Element) -> tuple[tuple[int, int], ...]:
    """The polygon of an element's `Coords`."""
    for coords in _children(el, "Coords"):
        if coords.get("points"):
            return parse_points(coords.get("points", ""))
        return tuple((round(number(c.get("x"))), round(number(c.get("y"))))
                     for c in _children(coords, "Point"))
    return ()


def _index(value: str | None) -> int:
    """An `@index` as a number for sorting (absent or unreadable: first)."""
    try:
        return int(value) if value else 0
    except ValueError:
        return 0


def _size(value: str | None) -> int:
    """An image dimension in whole pixels (0 when absent or unreadable)."""
    return round(number(value))


def text_equiv(el: etree._Element) -> str:
    """The text of an element's preferred `TextEquiv` (see the module's docstring), or ""."""
    equivs = _children(el, "TextEquiv")
    if not equivs:
        return ""
    best = min(enumerate(equivs), key=lambda ke: (_index(ke[1].get("index")), ke[0]))[1]
    for child in best:
        if _local(child.tag) == "Unicode":
            return child.text or ""
    return ""


def line_text(line: etree._Element) -> list[str]:
    """A line's words: its own text, or its words' texts when it has none."""
    text = text_equiv(line)
    if text.strip():
        return [text]
    return [text_equiv(word) for word in _children(line, "Word")]


def _custom_order(el: etree._Element) -> int | None:
    """The Transkribus reading order index in an element's `@custom`, or None."""
    m = CUSTOM_ORDER.search(el.get("custom", ""))
    return int(m.group(1)) if m else None


def _ordered_refs(group: etree._Element, out: list[str]) -> None:
    """The region IDs of a reading order group, in order (ordered groups by `@index`)."""
    members = [c for c in group if isinstance(c.tag, str)]
    if _local(group.tag).startswith("OrderedGroup"):
        members.sort(key=lambda c: _index(c.get("index")))
    for member in members:
        name = _local(member.tag)
        if name.startswith("RegionRef"):
            out.append(member.get("regionRef", ""))
        elif name.endswith("Group") or name.endswith("GroupIndexed"):
            if member.get("regionRef"):
                out.append(member.get("regionRef", ""))
            _ordered_refs(member, out)


def region_order(page: etree._Element, regions: list[etree._Element]) -> list[etree._Element]:
    """The text regions of a page in reading order (see the module's docstring)."""
    refs: list[str] = []
    for ro in _children(page, "ReadingOrder"):
        for group in ro:
            if isinstance(group.tag, str):
                _ordered_refs(group, refs)
    by_id = {r.get("id", ""): r for r in regions}
    ordered: list[etree._Element] = []
    seen: set[int] = set()
    for ref in refs:
        region = by_id.get(ref)
        if region is not None and id(region) not in seen:
            ordered.append(region)
            seen.add(id(region))
    rest = [r for r in regions if id(r) not in seen]
    if not refs and rest and all(_custom_order(r) is not None for r in rest):
        rest.sort(key=lambda r: _custom_order(r) or 0)
    return ordered + rest


def declared_type(region: etree._Element) -> str:
    """A region's declared role: `@type`, or Transkribus' structure type, verbatim."""
    if region.get("type"):
        return region.get("type", "")
    m = CUSTOM_TYPE.search(region.get("custom", ""))
    return m.group(1) if m else ""


def feed(data: bytes, where: str, builder: ScanBuilder, source: str, label: str = "",
         url: str = "") -> int:
    """Read the PAGE file `data` into `builder` (arguments as `edition.read.alto.feed`);
    returns the number of pages read (1).

    Raises SourceError for XML that is not well-formed or that holds no `Page`.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise SourceError(f"{where}:{err.lineno or 1}: not well-formed XML ({err.msg})") from None
    page = next((c for c in root if _local(c.tag) == "Page"), None)
    if page is None:
        raise SourceError(f"{where}: a PAGE file without a Page element")
    regions = [el for el in page.iter("{*}TextRegion")]
    zones: list[Zone] = []
    lines: list[tuple[list[list[str]], list[Zone]]] = []
    for region in region_order(page, regions):
        declared = declared_type(region)
        rid = region.get("id", "")
        zones.append(Zone(rid, _points(region), declared))
        text_lines = _children(region, "TextLine")
        if text_lines and all(_custom_order(ln) is not None for ln in text_lines):
            text_lines.sort(key=lambda ln: _custom_order(ln) or 0)
        lines.append(([line_text(ln) for ln in text_lines],
                      [Zone(ln.get("id", ""), _points(ln), declared, rid) for ln in text_lines]))
    surface = Surface(root.get("pcGtsId", ""), page.get("imageFilename", ""), url,
                      _size(page.get("imageWidth")), _size(page.get("imageHeight")), label,
                      tuple(zones), source)
    builder.page(surface)
    for words, line_zones in lines:
        builder.region()
        for text, zone in zip(words, line_zones, strict=True):
            builder.line(text, zone)
    builder.end_page()
    return 1
