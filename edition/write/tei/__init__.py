"""The TEI P5 emitter: an Edition as a TEI document, in one canonical form.

One module per element family: `header` (teiHeader), `facsimile` (the page images, their
regions and lines), `front` (title pages, contents), `body` (divisions, blocks, inline content,
notes), `pages` (milestones and furniture), and `xml` (element helpers and the canonical
serialisation). Page milestones carry the printed page number and point to their page's
surface (`@facs`); removed running headers follow them as <fw>, so the raw page can be rebuilt.
Blocks and furniture point to the zone of their first line where the source has geometry.
"""

from __future__ import annotations

from lxml import etree

from edition.pipeline import Edition
from edition.write.tei.body import BodyWriter
from edition.write.tei.facsimile import FacsimileWriter
from edition.write.tei.front import FrontWriter
from edition.write.tei.header import HeaderWriter
from edition.write.tei.pages import PageWriter
from edition.write.tei.xml import (
    MIXED,
    PERSONS_FILE,
    SCHEMA_PI,
    TEI_NS,
    XML_ID,
    XML_LANG,
    XML_NS,
    E,
    add_text,
    indent,
    serialize,
    sub,
)

__all__ = ["MIXED", "PERSONS_FILE", "SCHEMA_PI", "TEI_NS", "XML_ID", "XML_LANG", "XML_NS", "E",
           "Emitter", "add_text", "indent", "serialize", "sub", "to_tei", "to_tei_and_people"]


class Emitter(HeaderWriter, FacsimileWriter, FrontWriter, BodyWriter, PageWriter):
    """Writes one Edition; keeps the page-number and facsimile lookups the milestones and links
    need. With `lines`, every printed line break is kept as <lb facs="#zone"/>."""

    def __init__(self, edition: Edition, publisher: str = "", lines: bool = False) -> None:
        self.ed = edition
        self.publisher = publisher
        self.mentions: dict[str, list[str]] = {}
        self.current_page = ""
        self.page_ids: dict[str, str] = {}
        self.id_owner: dict[str, int] = {}
        self.note_count = 0
        self.line_breaks = lines
        self.surface_ids: dict[int, str] = {}
        self.line_starts: list[int] = []
        self.line_zones: list[str] = []
        self.taken_ids: set[str] = {div.xml_id for div in edition.divs}
        self.text_line = -1  # the zoned line of the last text written (for line_breaks)
        self.text_tail: tuple[int, str] = (0, "")
        self.pending_break = False

    def document(self) -> etree._Element:
        """The whole TEI document."""
        self.page_ids = {self.page_id(f.page): "" for f in self.ed.pagination.folios}
        tei = E("TEI", xml_lang="en")
        self.header(tei)
        self.facsimile(tei)
        text = sub(tei, "text", xml_lang=self.ed.language.tag)
        self.front(text)
        body = sub(text, "body")
        # a division of a higher rank (a BOOK, a PART) holds those of lower rank after it
        # (its CHAPTERs) until the next of its own rank or higher
        open_divs: list[tuple[int, etree._Element]] = []
        for div in self.ed.divs:
            rank = div.opening.rank
            while open_divs and open_divs[-1][0] >= rank:
                open_divs.pop()
            el = self.div(open_divs[-1][1] if open_divs else body, div)
            open_divs.append((rank, el))
        if not self.ed.divs:
            sub(body, "p", "")
        return tei


def to_tei(edition: Edition, publisher: str = "", lines: bool = False) -> etree._Element:
    """The TEI document for an edition; `publisher` names who publishes it (teiHeader);
    `lines` keeps each printed line break as <lb/>."""
    return Emitter(edition, publisher, lines).document()


def to_tei_and_people(edition: Edition, publisher: str = "", lines: bool = False
                      ) -> tuple[etree._Element, dict[str, list[str]]]:
    """The TEI document, and the pages (milestone ids) where each listed person is named."""
    emitter = Emitter(edition, publisher, lines)
    root = emitter.document()
    return root, emitter.mentions
