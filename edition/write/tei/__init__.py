"""The TEI P5 emitter: an Edition as a TEI document, in one canonical form.

One module per element family: `header` (teiHeader), `front` (title pages, contents),
`body` (divisions, blocks, inline content, notes), `pages` (milestones and furniture), and
`xml` (element helpers and the canonical serialisation). Page milestones carry the printed page
number; removed running headers follow them as <fw>, so the raw page can be rebuilt.
"""

from __future__ import annotations

from lxml import etree

from edition.pipeline import Edition
from edition.write.tei.body import BodyWriter
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


class Emitter(HeaderWriter, FrontWriter, BodyWriter, PageWriter):
    """Writes one Edition; keeps the page-number lookups the milestones and links need."""

    def __init__(self, edition: Edition, publisher: str = "") -> None:
        self.ed = edition
        self.publisher = publisher
        self.mentions: dict[str, list[str]] = {}
        self.current_page = ""
        self.page_ids: dict[str, str] = {}
        self.id_owner: dict[str, int] = {}
        self.note_count = 0

    def document(self) -> etree._Element:
        """The whole TEI document."""
        self.page_ids = {self.page_id(f.page): "" for f in self.ed.pagination.folios}
        tei = E("TEI", xml_lang="en")
        self.header(tei)
        text = sub(tei, "text")
        self.front(text)
        body = sub(text, "body")
        for div in self.ed.divs:
            self.div(body, div)
        if not self.ed.divs:
            sub(body, "p", "")
        return tei


def to_tei(edition: Edition, publisher: str = "") -> etree._Element:
    """The TEI document for an edition; `publisher` names who publishes it (teiHeader)."""
    return Emitter(edition, publisher).document()


def to_tei_and_people(edition: Edition, publisher: str = ""
                      ) -> tuple[etree._Element, dict[str, list[str]]]:
    """The TEI document, and the pages (milestone ids) where each listed person is named."""
    emitter = Emitter(edition, publisher)
    root = emitter.document()
    return root, emitter.mentions
