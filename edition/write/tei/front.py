"""Front matter: half-title and title pages, preliminary matter, the contents list."""

from __future__ import annotations

import regex
from lxml import etree

from edition.model import Block, Inline, LineJoin, PageBreak, Text
from edition.pipeline import Edition
from edition.write.tei.xml import TEI_NS, add_text, sub

#: A contents entry on one line: its title, the leader dots or spaces, its page number.
ENTRY_PARTS = regex.compile(
    r"^(?P<title>.*?\S)(?P<leader>\s*(?:\.\s*){2,}\s*|\s*[-–—_…]{2,}\s*|\s{2,})"
    r"(?P<page>\d{1,4}|[ivxlc]{1,6})\s*$")


class FrontWriter:
    """Writes <front> (a part of `Emitter`)."""

    ed: Edition
    mentions: dict[str, list[str]]
    current_page: str
    page_ids: dict[str, str]
    id_owner: dict[str, int]
    note_count: int

    def front(self, parent: etree._Element) -> None:
        """Title pages and the contents page."""
        front = sub(parent, "front")
        title_page: etree._Element | None = None
        contents: etree._Element | None = None
        preliminary: etree._Element | None = None
        headed = False  # the open preliminary div has a heading: it runs on over page breaks
        pending: list[PageBreak] = []
        for item in self.ed.front:
            if isinstance(item, PageBreak):
                pending.append(item)
                continue
            role = item.role
            if role == "illustration" and preliminary is not None:  # an entry of its list
                for brk in pending:
                    self.pb(preliminary, brk)
                pending = []
                lst = preliminary[-1] if etree.QName(preliminary[-1]).localname == "list" else (
                    sub(preliminary, "list", type="illustrations"))
                self.block(lst, item, "item")
                continue
            if role != "other":
                preliminary, headed = None, False
            if role.startswith("front-head:"):
                for brk in pending:
                    self.pb(front, brk)
                pending = []
                preliminary = sub(front, "div", type=role.split(":", 1)[1])
                self.inline(sub(preliminary, "head"), item.children)
                headed = True
                continue
            if role.startswith("contents"):
                title_page = None
                if contents is None:
                    for brk in pending:
                        self.pb(front, brk)
                    pending = []
                    div = sub(front, "div", type="contents")
                    contents = div
                for brk in pending:
                    self.pb(contents if len(contents) else front, brk)
                pending = []
                self.contents_block(contents, item)
                continue
            contents = None
            if role == "half-title":
                for brk in pending:
                    self.pb(front, brk)
                pending = []
                tp = sub(front, "titlePage", type="half")
                self.inline(sub(sub(tp, "docTitle"), "titlePart"), item.children)
                title_page = None
                continue
            if role in ("title", "subtitle", "byline", "author", "imprint", "imprint-place",
                        "imprint-more", "author-more", "edition", "printer", "date"):
                if title_page is None:
                    for brk in pending:
                        self.pb(front, brk)
                    pending = []
                    title_page = sub(front, "titlePage")
                for brk in pending:
                    self.pb(title_page, brk)
                pending = []
                self.title_part(title_page, item)
                continue
            title_page = None
            if headed and preliminary is not None:
                for brk in pending:
                    self.pb(preliminary, brk)
                pending = []
            elif preliminary is None or pending:
                for brk in pending:
                    self.pb(front, brk)
                pending = []
                preliminary = sub(front, "div", type="preliminary")
            self.block(preliminary, item)
            continue
        for brk in pending:
            self.pb(front, brk)

    def title_part(self, tp: etree._Element, block: Block) -> None:
        """One block of a title page in its proper element."""
        role = block.role
        if role == "title":
            self.inline(sub(sub(tp, "docTitle"), "titlePart", type="main"), block.children)
        elif role == "subtitle":
            doc_title = tp[-1] if len(tp) and etree.QName(tp[-1]).localname == "docTitle" else (
                sub(tp, "docTitle"))
            self.inline(sub(doc_title, "titlePart", type="sub"), block.children)
        elif role == "date":
            self.inline(sub(tp, "docDate"), block.children)
        elif role == "imprint-place":
            imprint = sub(tp, "docImprint")
            first, rest = self.split_first_line(block.children)
            self.inline(sub(imprint, "pubPlace"), first)
            if rest:
                sub(imprint, "lb")
                self.inline(sub(imprint, "publisher"), rest)
        elif role == "imprint-more":
            # a line of the imprint under its place line, as the page sets it (the words
            # alone do not say which is the publisher, which the address)
            self.inline(sub(tp, "docImprint"), block.children)
        elif role == "author-more":
            # the author's titles under the name ("SURGEON TO THE KING")
            self.inline(sub(tp, "byline"), block.children)
        elif role == "author":
            self.inline(sub(sub(tp, "byline"), "docAuthor"), block.children)
        elif role == "byline":
            byline = sub(tp, "byline")
            first, rest = self.split_first_line(block.children)
            self.inline(byline, first)
            sub(byline, "lb")
            self.inline(sub(byline, "docAuthor"), rest)
        elif role == "imprint":
            imprint = sub(tp, "docImprint")
            first, rest = self.split_first_line(block.children)
            publisher = sub(imprint, "publisher")
            self.inline(publisher, first)
            if publisher.text and publisher.text.endswith(",") and not len(publisher):
                publisher.text = publisher.text[:-1]
                publisher.tail = ","
            sub(imprint, "lb")
            address = sub(imprint, "address")
            for line in self.lines(rest):
                self.inline(sub(address, "addrLine"), line)
        elif role == "edition":
            self.inline(sub(tp, "docEdition"), block.children)
        else:
            self.inline(sub(tp, "docImprint"), block.children)

    @staticmethod
    def lines(nodes: list[Inline]) -> list[list[Inline]]:
        """Inline nodes split at line joins."""
        out: list[list[Inline]] = [[]]
        for node in nodes:
            if isinstance(node, LineJoin):
                out.append([])
            else:
                out[-1].append(node)
        return out

    def split_first_line(self, nodes: list[Inline]) -> tuple[list[Inline], list[Inline]]:
        """The first printed line of a block and the rest, with its line joins."""
        for k, node in enumerate(nodes):
            if isinstance(node, LineJoin):
                return nodes[:k], nodes[k + 1 :]
        return nodes, []

    def contents_block(self, div: etree._Element, block: Block) -> None:
        """The contents heading, the page column's heading, or one entry linked to its division.

        A heading repeated on a continuation page stays where it stands, as a list item.
        """
        lst = div.find(f"{{{TEI_NS}}}list")
        if block.role == "contents-head" and lst is None and not len(div):
            self.inline(sub(div, "head"), block.children)
            return
        if lst is None:
            lst = sub(div, "list", type="toc")
        if block.role in ("contents-head", "contents-column"):
            if block.role == "contents-column" and not len(lst):
                self.block(lst, block, "head", type="column")
            else:
                self.block(lst, block, "item", rend="heading")
            return
        item = sub(lst, "item")
        target = {o.entry.start: o for o in self.ed.openings if o.entry is not None}.get(block.line.start)
        div_ids = {d.opening.page: d.xml_id for d in self.ed.divs}
        cells = [c.text for c in block.children if isinstance(c, Text)]
        if len(cells) == 1 and (m := ENTRY_PARTS.match(cells[0])):
            cells = [m["title"], m["page"]]  # "I. THE PARISH .......... 1": title, leader, page
            leader = m["leader"].strip()
        else:
            leader = ""
        for k, cell in enumerate(cells):
            if k:
                add_text(item, f" {leader} " if leader and k == len(cells) - 1 else " ")
            if target is not None and k == 0 and target.page in div_ids:
                sub(item, "ref", cell, target=f"#{div_ids[target.page]}")
            elif k == len(cells) - 1 and k and f"p{cell}" in self.page_ids:
                sub(item, "ref", cell, target=f"#p{cell}")
            else:
                add_text(item, cell)
