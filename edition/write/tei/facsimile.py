"""The facsimile: one <surface> per scanned page, <zone>s for its text regions and lines.

Following the TEI Guidelines (11.1 Digital Facsimiles): each scanned page is a `<surface>`
(`@ulx @uly @lrx @lry` its size in pixels, where known), with a `<graphic>` for its image (the
URL the source names, such as a METS image, then the image file name; `@width`/`@height` in
pixels); each text region a `<zone type="region">` and each line a `<zone type="line">` inside
its region's zone, with its box (`@ulx…@lry`) and, for a polygon, `@points`; the role a source
declares for a region (PAGE `@type`, an ALTO tag's label) is the zone's `@subtype`. A plain-text
scan has a surface per page without coordinates, so that `pb/@facs` links every page.

Zone IDs are `xml:id`s made from the source's IDs (prefixed with the surface's, since a source's
IDs are unique only within a page file; characters an XML name cannot hold become "_"). The
source's own ID is kept as a pointer, `@corresp="page-file.xml#ID"`: the Guidelines define
`@corresp` as pointing to elements that correspond to this one, which the source's element does,
and make `@n` a label for the element itself, not a link to where it came from.
"""

from __future__ import annotations

from bisect import bisect_right
from urllib.parse import quote

import regex
from lxml import etree

from edition.model import Page, Zone
from edition.pipeline import Edition
from edition.write.tei.xml import TEI_NS, XML_ID, sub

#: Characters an XML name (NCName) may not hold, as the IDs made here write them.
NOT_NAME = regex.compile(r"[^A-Za-z0-9._-]")
ZONE = f"{{{TEI_NS}}}zone"
#: Characters kept as they are in a URI made from a file name.
URI_SAFE = "/:@!$&'()*+,;=~%?#"


def sanitise(ident: str) -> str:
    """A source ID as the tail of an xml:id: characters outside [A-Za-z0-9._-] become "_"."""
    if ident.isascii() and (ident.replace("_", "").replace("-", "").replace(".", "")
                            .isalnum()):
        return ident  # the usual case, checked without a pattern
    return NOT_NAME.sub("_", ident) or "_"


def uri(name: str) -> str:
    """A file name or path as a URI reference (spaces and other characters %-escaped)."""
    if name.isascii() and name.replace("-", "").replace("_", "").replace(".", "").replace(
            "/", "").replace("#", "").isalnum():
        return name  # nothing to escape
    return quote(name, safe=URI_SAFE)


def _coords(zone: Zone) -> dict[str, str]:
    """The coordinate attributes of a zone: its box, and its polygon when it is not a box."""
    if not zone.points:
        return {}
    left, top, right, bottom = zone.box
    attrs = {"ulx": str(left), "uly": str(top), "lrx": str(right), "lry": str(bottom)}
    corners = {(left, top), (right, top), (right, bottom), (left, bottom)}
    if len(zone.points) >= 3 and set(zone.points) != corners:
        attrs["points"] = " ".join(f"{x},{y}" for x, y in zone.points)
    return attrs


class FacsimileWriter:
    """Writes <facsimile> and answers which surface or zone a page or raw offset is on (a part
    of `Emitter`)."""

    ed: Edition
    surface_ids: dict[int, str]
    line_starts: list[int]
    line_zones: list[str]
    taken_ids: set[str]

    def surface_id(self, page: int) -> str:
        """The xml:id of a scanned page's surface."""
        return self.surface_ids.get(page, "")

    def line_index(self, offset: int) -> int:
        """The index (in `line_zones`) of the line with a zone holding raw `offset`, or -1."""
        return bisect_right(self.line_starts, offset) - 1

    def zone_at(self, offset: int) -> str:
        """The xml:id of the zone of the line holding raw `offset` ("" where there is none)."""
        k = self.line_index(offset)
        return self.line_zones[k] if k >= 0 else ""

    def _new_id(self, wanted: str) -> str:
        """`wanted`, or `wanted` with a number after it when the document already has it."""
        ident, n = wanted, 1
        while ident in self.taken_ids:
            n += 1
            ident = f"{wanted}-{n}"
        self.taken_ids.add(ident)
        return ident

    def facsimile(self, tei: etree._Element) -> None:
        """The <facsimile> of every scanned page (nothing for a scan without pages)."""
        pages = self.ed.scan.pages
        if not pages:
            return
        facs = sub(tei, "facsimile")
        for page in pages:
            self.surface(facs, page)

    def surface(self, facs: etree._Element, page: Page) -> None:
        """One page's surface, its graphic, and the zones of its regions and lines."""
        ident = self._new_id(f"f{page.index + 1}")
        self.surface_ids[page.index] = ident
        surface = page.surface
        attrs: dict[str, str] = {"xml_id": ident}
        if surface is not None:
            if surface.label:
                attrs["n"] = surface.label
            if surface.width and surface.height:
                attrs.update(ulx="0", uly="0", lrx=str(surface.width), lry=str(surface.height))
            if surface.source:
                attrs["corresp"] = uri(surface.source) + (f"#{uri(surface.ident)}"
                                                          if surface.ident else "")
        el = sub(facs, "surface", **attrs)
        if surface is None:
            return
        size = ({"width": f"{surface.width}px", "height": f"{surface.height}px"}
                if surface.width and surface.height else {})
        for url in dict.fromkeys(u for u in (surface.url, surface.image) if u):
            sub(el, "graphic", url=uri(url), **size)
        regions: dict[str, etree._Element] = {}
        source = uri(surface.source)
        for zone in surface.regions:
            if zone.ident and zone.ident not in regions:
                regions[zone.ident] = self.zone(el, zone, ident, "region", source)
        for k, line in enumerate(page.lines):
            if line.zone is None:
                continue
            parent = regions.get(line.zone.region, el)
            self.line_starts.append(line.start)
            self.line_zones.append(self.zone(parent, line.zone, ident, "line", source,
                                             fallback=f"l{k + 1}").get(XML_ID, ""))
        # a page's lines in raw order after the pages before it: the lookup stays sorted

    def zone(self, parent: etree._Element, zone: Zone, surface: str, kind: str, source: str,
             fallback: str = "") -> etree._Element:
        """A region's or a line's zone inside `parent`; `source` is the page file as a URI.
        (Made directly: a book has tens of thousands, and `sub` sets a namespace map on each.)"""
        ident = self._new_id(f"{surface}-{sanitise(zone.ident or fallback)}")
        attrs: dict[str, str] = {XML_ID: ident, "type": kind}
        if zone.declared:
            attrs["subtype"] = zone.declared.replace(" ", "_")
        attrs.update(_coords(zone))
        if zone.ident and source:
            attrs["corresp"] = f"{source}#{uri(zone.ident)}"
        return etree.SubElement(parent, ZONE, attrs)
