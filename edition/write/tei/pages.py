"""Page milestones: <pb> with the printed page number, and the furniture removed from the page."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from lxml import etree

from edition.model import Furniture, PageBreak
from edition.pipeline import Edition
from edition.write.tei.xml import sub

#: The certainty of a printed page number that was not read on its page (TEI @cert): inferred
#: along the sequence where every reading of the evidence agrees, or uncertain where it does
#: not. A number read on the page, or given by the contents, carries none.
CERT = {"inferred": "high", "uncertain": "low"}


class PageWriter:
    """Writes milestones and furniture (a part of `Emitter`)."""

    ed: Edition
    mentions: dict[str, list[str]]
    current_page: str
    page_ids: dict[str, str]
    id_owner: dict[str, int]
    note_count: int
    surface_id: Callable[[int], str]  # FacsimileWriter's: a page's surface
    zone_at: Callable[[int], str]  # FacsimileWriter's: the zone of a raw offset's line

    def page_id(self, page: int) -> str:
        """The xml:id of a scanned page's milestone (its scan sequence when the number repeats)."""
        n = self.ed.pagination.n(page)
        # in ASCII figures whatever figures the book prints ("p12" for "١٢"), as links have it
        ident = f"p{_ascii_digits(n)}" if n is not None else f"s{page + 1}"
        owner = self.id_owner.setdefault(ident, page)
        return ident if owner == page else f"s{page + 1}"

    def pb(self, parent: etree._Element, brk: PageBreak) -> None:
        """Milestones for a page break: skipped printed pages, the page itself, its furniture."""
        for number in self.ed.pagination.skipped.get(brk.page, []):
            ident = f"p{number}"
            if ident not in self.id_owner:
                self.id_owner[ident] = -1
                sub(parent, "pb", n=str(number), xml_id=ident, type="unscanned")
            else:
                sub(parent, "pb", n=str(number), type="unscanned")
        attrs = {}
        n = self.ed.pagination.n(brk.page)
        if n is not None:
            attrs["n"] = n
        attrs["xml_id"] = self.page_id(brk.page)
        if surface := self.surface_id(brk.page):
            attrs["facs"] = f"#{surface}"
        self.current_page = attrs["xml_id"]
        how = self.ed.pagination.folios[brk.page].how
        if how in CERT:  # a number not read on the page: how sure the sequence makes it
            attrs["cert"] = CERT[how]
        applied = self.ed.corrections
        if applied is not None and brk.page in applied.folios:  # the number an editor gave
            attrs["resp"] = applied.resp(applied.folios[brk.page])
        if brk.inword:
            attrs["break"] = "no"
        if brk.hyphen:
            attrs["rend"] = "hyphen"
        sub(parent, "pb", **attrs)
        for fw in brk.furniture:
            self.fw(parent, fw)

    def fw(self, parent: etree._Element, fw: Furniture) -> None:
        """Removed furniture, kept for the record (pointing to its line's zone, if it has one)."""
        zone = self.zone_at(fw.start)
        if zone:
            sub(parent, "fw", fw.text, type=fw.kind, place=fw.place, facs=f"#{zone}")
        else:
            sub(parent, "fw", fw.text, type=fw.kind, place=fw.place)


def _ascii_digits(text: str) -> str:
    """Text with its digits, of any script, written as ASCII digits."""
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
