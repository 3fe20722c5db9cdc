"""Front matter: half-title and title pages, preliminary matter, the contents list."""

from __future__ import annotations

from lxml import etree

from edition.model import Block, Inline, LineJoin, PageBreak, Text
from edition.pipeline import Edition
from edition.write.tei.xml import TEI_NS, add_text, sub


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
        pending: list[PageBreak] = []
        for item in self.ed.front:
            if isinstance(item, PageBreak):
                pending.append(item)
                continue
            role = item.role
            if role != "other":
                preliminary = None
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
            if role in ("title", "byline", "imprint", "edition", "printer"):
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
            if preliminary is None or pending:
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
        cells = [c for c in block.children if isinstance(c, Text)]
        for k, cell in enumerate(cells):
            if k:
                add_text(item, " ")
            if target is not None and k == 0 and target.page in div_ids:
                sub(item, "ref", cell.text, target=f"#{div_ids[target.page]}")
            elif target is not None and k == len(cells) - 1 and f"p{cell.text}" in self.page_ids:
                sub(item, "ref", cell.text, target=f"#p{cell.text}")
            else:
                add_text(item, cell.text)
