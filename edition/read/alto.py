"""ALTO 1.x-4.x (Analyzed Layout and Text Object, Library of Congress) into the page model.

A page file is parsed whole and walked; a file larger than `ITERPARSE_BYTES` (a book in one
file) is read with lxml's `iterparse`, a text line at a time, each line cleared once read, so
memory holds one page. No Python object is made per word beyond its string. For each
`Page`: its size and ID (`PRINTED_IMG_NR` as its label), the image file named in
`sourceImageInformation`; each `TextBlock` is a text region (its `TAGREFS` resolved to the
labels of the `Tags` they name, e.g. SegmOnto's "RunningTitleZone", as its declared role);
each `TextLine` a line of its `String/@CONTENT` words. The engine's hyphenation is kept as
printed: `HYP/@CONTENT` (or "-" when it has none) is appended to the last word, and the
`SUBS_CONTENT` of a `HypPart1` word is kept as the engine's whole word.

Regions are read in the order a page is printed: blocks of the top margin, the print space,
the left and right margins, then the bottom margin (ALTO puts all margins before the print
space). Coordinates in `mm10` or `inch1200` are converted to pixels at `ASSUMED_DPI`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from lxml import etree

from edition.errors import SourceError
from edition.model import Surface, Zone
from edition.read.layout import ScanBuilder, box_points, number, parse_points

#: Image resolution assumed to convert `mm10` and `inch1200` coordinates to pixels: ALTO
#: records no resolution, and 300 dpi is the resolution library digitisation guidelines
#: (DFG Praxisregeln, FADGI 2-star for printed books) ask for.
ASSUMED_DPI = 300
#: Pixels per unit of each `MeasurementUnit`.
UNIT_SCALE = {"pixel": 1.0, "mm10": ASSUMED_DPI / 254.0, "inch1200": ASSUMED_DPI / 1200.0}
#: Order in which the containers of a page's blocks are read (ALTO's XML order puts every
#: margin before the print space).
CONTAINER_ORDER = {"TopMargin": 0, "PrintSpace": 1, "LeftMargin": 2, "RightMargin": 3,
                   "BottomMargin": 4}
#: The tag elements whose LABEL a `TAGREFS` reference names.
TAG_ELEMENTS = ("OtherTag", "LayoutTag", "StructureTag", "RoleTag", "NamedEntityTag")
#: Files up to this size are parsed whole and walked (lxml's parser is twice as fast as its
#: incremental `iterparse`, measured on the Burgsdorf pages, and a page's tree is small);
#: larger files, a whole book in one ALTO file, are read with `iterparse`, a line at a time.
ITERPARSE_BYTES = 8 * 2**20
_EVENTS = ("MeasurementUnit", "fileName", *TAG_ELEMENTS, "Page", "TextBlock", "TextLine")


def _local(tag: object) -> str:
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _num(value: str | None) -> float:
    """A number attribute (see `edition.read.layout.number`)."""
    return number(value)


@dataclass(slots=True)
class _Region:
    """A text block being read: its zone and its lines (words, zone, engine's whole word)."""

    rank: int
    zone: Zone | None = None
    lines: list[tuple[list[str], Zone, str]] = field(default_factory=list)


def _zone(el: etree._Element, ns: str, scale: float, ident: str, declared: str,
          region: str) -> Zone:
    """The zone of a block or line: its `Shape/Polygon` when it has one, else its box (`ns` is
    the file's namespace in braces, "" for none)."""
    points: tuple[tuple[int, int], ...] = ()
    shape = el.find(f"{ns}Shape")
    if shape is not None:
        polygon = shape.find(f"{ns}Polygon")
        if polygon is not None:
            points = parse_points(polygon.get("POINTS", ""), scale)
    if not points:
        left, top = _num(el.get("HPOS")) * scale, _num(el.get("VPOS")) * scale
        points = box_points(left, top, left + _num(el.get("WIDTH")) * scale,
                            top + _num(el.get("HEIGHT")) * scale)
    return Zone(ident, points, declared, region)


def _line_words(line: etree._Element, ns: str) -> tuple[list[str], str]:
    """The words of a `TextLine` (a `HYP` appended to the word before it) and the engine's
    whole word for a hyphenated last word (`SUBS_CONTENT` of a `HypPart1`)."""
    words: list[str] = []
    full = ""
    hyp = f"{ns}HYP"
    for child in line.iterchildren(f"{ns}String", hyp):
        if child.tag == hyp:
            mark = child.get("CONTENT") or "-"
            if words:
                words[-1] += mark
            else:
                words.append(mark)
        else:
            words.append(child.get("CONTENT", ""))
            full = child.get("SUBS_CONTENT", "") if child.get("SUBS_TYPE") == "HypPart1" else ""
    return words, full


def feed(data: bytes, where: str, builder: ScanBuilder, source: str, label: str = "",
         url: str = "") -> int:
    """Read the ALTO file `data` (named `where` in errors) into `builder`; returns the number of
    pages read. `source` names the file for the zones' pointers; `label` and `url` (from a METS
    file) override the page label and give the image's URL.

    Raises SourceError for XML that is not well-formed.
    """
    scale = 1.0
    image = ""
    tags: dict[str, str] = {}
    pages = 0
    regions: list[_Region] = []
    region: _Region | None = None
    page_info: dict[str, str] = {}
    wanted = [f"{{*}}{t}" for t in _EVENTS]
    try:
        if len(data) <= ITERPARSE_BYTES:  # a page file: parsed whole, then walked
            root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True,
                                                          load_dtd=False, huge_tree=False))
            events = etree.iterwalk(root, events=("start", "end"), tag=wanted)
        else:  # a book in one file: parsed as it is read, each line cleared once read
            events = etree.iterparse(io.BytesIO(data), events=("start", "end"), tag=wanted,
                                     resolve_entities=False, no_network=True, load_dtd=False,
                                     huge_tree=False)
        for event, el in events:
            tag = el.tag
            ns = tag[: tag.index("}") + 1] if tag.startswith("{") else ""
            name = tag[len(ns):]
            if event == "start":
                if name == "Page":
                    page_info = dict(el.attrib)
                    regions = []
                elif name == "TextBlock":
                    rank = next((CONTAINER_ORDER[_local(a.tag)] for a in el.iterancestors()
                                 if _local(a.tag) in CONTAINER_ORDER), 1)
                    region = _Region(rank)
                    regions.append(region)
                continue
            if name == "MeasurementUnit":
                scale = UNIT_SCALE.get((el.text or "").strip(), 1.0)
            elif name == "fileName":
                image = (el.text or "").strip()
            elif name in TAG_ELEMENTS:
                if el.get("ID"):
                    tags[el.get("ID", "")] = el.get("LABEL") or el.get("VALUE") or ""
            elif name == "TextLine":
                if region is None:
                    region = _Region(1)
                    regions.append(region)
                words, full = _line_words(el, ns)
                block = el.getparent()
                block_id = block.get("ID", "") if block is not None else ""
                line_declared = _declared(el.get("TAGREFS", ""), tags)
                region.lines.append((words, _zone(el, ns, scale, el.get("ID", ""),
                                                  line_declared, block_id), full))
                el.clear(keep_tail=True)
            elif name == "TextBlock" and region is not None:
                declared = _declared(el.get("TAGREFS", ""), tags)
                region.zone = _zone(el, ns, scale, el.get("ID", ""), declared, "")
                if declared:  # the region's role is its lines' role (a line's own type, such
                    # as SegmOnto's "DefaultLine", says less)
                    region.lines = [(w, Zone(z.ident, z.points, declared, z.region), f)
                                    for w, z, f in region.lines]
                region = None
                el.clear(keep_tail=True)
            elif name == "Page":
                surface = Surface(page_info.get("ID", ""), image, url,
                                  round(_num(page_info.get("WIDTH")) * scale),
                                  round(_num(page_info.get("HEIGHT")) * scale),
                                  label or page_info.get("PRINTED_IMG_NR", ""),
                                  tuple(r.zone for r in regions if r.zone is not None), source)
                builder.page(surface)
                for reg in sorted(regions, key=lambda r: r.rank):
                    builder.region()
                    for words, zone, full in reg.lines:
                        builder.line(words, zone, full)
                builder.end_page()
                pages += 1
                regions = []
                el.clear(keep_tail=True)
    except etree.XMLSyntaxError as err:
        raise SourceError(f"{where}:{err.lineno or 1}: not well-formed XML ({err.msg})") from None
    return pages


def _declared(refs: str, tags: dict[str, str]) -> str:
    """The labels of the tags a `TAGREFS` value names, space-separated, verbatim."""
    return " ".join(tags[r] for r in refs.split() if tags.get(r))
