"""The body: divisions, paragraphs and groups, inline content, footnotes at their references."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

import regex
from lxml import etree

from edition.check.accounting import apply_edits
from edition.model import Block, Edit, Figure, Gap, Hi, Inline, LineJoin, NoteRef, PageBreak, Text
from edition.pipeline import Edition
from edition.rules.hyphenation import HYPHENS
from edition.rules.verse import verse_lines
from edition.structure import persons
from edition.structure.assemble import Div, Group
from edition.write.tei.xml import PERSONS_FILE, add_text, flush, sub

#: Changes the TEI shows beside what the scan has, so the diplomatic text keeps the scan's
#: characters and the reading text the edition's: a typographic normalisation as
#: <choice><orig>ﬃ</orig><reg>ffi</reg></choice>, a corrected OCR misreading as
#: <choice><sic>Koutieпов</sic><corr>Koutiepov</corr></choice>, an editor's correction of the
#: text (`edition.corrections`) as <choice><sic>tlie</sic><corr resp="#ed-jane">the</corr></choice>.
CHOICE_RULES: dict[str, tuple[str, str]] = {
    "ligature": ("orig", "reg"), "unicode-nfc": ("orig", "reg"), "soft-hyphen": ("orig", "reg"),
    "long-s": ("orig", "reg"), "letter-spacing": ("orig", "reg"), "mixed-script": ("sic", "corr"),
    "editor": ("sic", "corr"),
}
#: The kinds of an editor's correction shown inline: text as choice (above), page furniture the
#: editor took out of the text as <fw resp="#ed-jane"> where it stands. The editor's other edits
#: (a hyphen kept or removed, text restored from furniture) read as the rules' do.
EDITOR_INLINE = frozenset({"text", "furniture"})
#: A furniture line that is a page number (Arabic or Roman, with the specks OCR leaves).
PAGE_NUMBER = regex.compile(r"^[\[(\W]*(?:\d{1,4}|[ivxlcIVXLC]{1,7})[\W]*$")


class BodyWriter:
    """Writes divisions, blocks and inline content (a part of `Emitter`)."""

    ed: Edition
    mentions: dict[str, list[str]]
    current_page: str
    page_ids: dict[str, str]
    id_owner: dict[str, int]
    note_count: int
    line_breaks: bool
    zone_at: Callable[[int], str]  # FacsimileWriter's: the zone of a raw offset's line
    line_index: Callable[[int], int]  # FacsimileWriter's: the zoned line of a raw offset
    line_zones: list[str]
    text_line: int
    text_tail: tuple[int, str]
    pending_break: bool

    def facs(self, block: Block) -> dict[str, str]:
        """`@facs` pointing to the zone of a block's first line, where it has one (and the start
        of a block for the line breaks `line_breaks` keeps)."""
        self.text_line, self.pending_break = -1, False
        zone = self.zone_at(block.line.start)
        return {"facs": f"#{zone}"} if zone else {}

    def line_break(self, parent: etree._Element, node: Text, buf: list[str]) -> None:
        """With `line_breaks`, <lb facs="#zone"/> before text that begins a new printed line
        (break="no" inside a word rejoined across it, rend="hyphen" where its hyphen was
        removed); a line join left pending becomes the break, or a space."""
        k = self.line_index(node.start)
        if k >= 0 and 0 <= self.text_line != k:
            flush(parent, buf)
            attrs = {"facs": f"#{self.line_zones[k]}"}
            if not self.pending_break:
                end, text = self.text_tail
                attrs = {"break": "no", **attrs}
                if end > 0 and self.ed.scan.raw[end - 1] in HYPHENS and not text.endswith(
                        self.ed.scan.raw[end - 1]):
                    attrs["rend"] = "hyphen"
            sub(parent, "lb", **attrs)
        elif self.pending_break:
            buf.append(" ")
        self.pending_break = False
        if k >= 0:
            self.text_line = k
        self.text_tail = (node.end, node.text)

    def inline(self, parent: etree._Element, nodes: list[Inline]) -> None:
        """Emit inline nodes into `parent`.

        Text is gathered and set once per run between elements: growing an lxml text by
        repeated concatenation copies it each time, quadratic in a long paragraph.
        """
        buf: list[str] = []
        for node in nodes:
            if isinstance(node, Text):
                if self.line_breaks:
                    self.line_break(parent, node, buf)
                for kind, text, orig, resp in self.segments(node):
                    if kind is None:
                        self.tagged(parent, text, buf)
                        continue
                    flush(parent, buf)
                    if kind[0] == "fw":
                        sub(parent, "fw", orig, type="pageNum" if PAGE_NUMBER.match(orig.strip())
                            else "header", place=kind[1], resp=resp)
                        continue
                    scan_tag, reading_tag = kind
                    choice = sub(parent, "choice")
                    sub(choice, scan_tag, orig)
                    sub(choice, reading_tag, text, **({"resp": resp} if resp else {}))
                continue
            if isinstance(node, LineJoin) and self.line_breaks:
                self.pending_break = True
                continue
            if isinstance(node, LineJoin) and not node.hard:
                buf.append(" ")
                continue
            if self.pending_break and not isinstance(node, Hi):
                buf.append(" ")
                self.pending_break = False
            flush(parent, buf)
            if isinstance(node, Hi):
                self.inline(sub(parent, "hi", rend=node.rend), node.children)
            elif isinstance(node, LineJoin):
                sub(parent, "lb")
            elif isinstance(node, PageBreak):
                self.pb(parent, node)
                self.text_line = -1  # a page break is a line break too
            elif isinstance(node, NoteRef):
                self.note_ref(parent, node)
            elif isinstance(node, Figure):
                self.figure(parent, node.block)
            elif isinstance(node, Gap):
                sub(parent, "gap", reason=node.reason)
        flush(parent, buf)

    def segments(self, node: Text) -> list[tuple[tuple[str, str] | None, str, str, str]]:
        """A text node cut where a rule of CHOICE_RULES changed it: (None, text, "", "") for
        text as the other rules left it, ((scan tag, reading tag), reading, scan form, resp) for
        a change the TEI shows with what the scan has (<choice><orig/><reg/></choice>; `resp`
        points to the editor of an editor's correction, else ""); (("fw", place), "", scan form,
        resp) for furniture an editor took out of the text (place: top or bottom, the half of
        its page it stands in)."""
        choices = self.choice_edits()
        at = bisect_left(choices[0], node.start)
        inside = [e for e in choices[1][at:bisect_left(choices[0], node.end)]
                  if node.start <= e.start < e.end <= node.end]
        if not inside:
            return [(None, node.text, "", "")]
        raw = self.ed.scan.raw
        edits = self.edits_in(node.start, node.end)
        out: list[tuple[tuple[str, str] | None, str, str, str]] = []
        pos = node.start
        applied = self.ed.corrections
        for e in inside:
            out.append((None, apply_edits(raw, pos, e.start, edits), "", ""))
            correction = applied.of_edit(e) if applied is not None else None
            resp = applied.resp(correction) if applied is not None and correction else ""
            kind = ("fw", self.place_on_page(e.start, e.end)) if (
                correction is not None and correction.kind == "furniture") else CHOICE_RULES[e.rule]
            out.append((kind, e.replacement, raw[e.start:e.end], resp))
            pos = e.end
        out.append((None, apply_edits(raw, pos, node.end, edits), "", ""))
        return [seg for seg in out if seg[1] or seg[0] is not None]

    def place_on_page(self, start: int, end: int) -> str:
        """"top" for raw text in the upper half of its scan page's text, else "bottom"."""
        page = self.ed.scan.pages[self.ed.scan.page_of(start)]
        return "top" if start - page.start <= page.end - end else "bottom"

    def choice_edits(self) -> tuple[list[int], list[Edit]]:
        """The edits of the CHOICE_RULES, sorted, with their starts (made once); of the
        editor's, those EDITOR_INLINE shows."""
        cached = getattr(self, "_choices", None)
        if cached is None:
            applied = self.ed.corrections

            def shown(e: Edit) -> bool:
                if e.rule != "editor":
                    return True
                correction = applied.of_edit(e) if applied is not None else None
                return correction is not None and correction.kind in EDITOR_INLINE

            edits = sorted((e for e in self.ed.edits if e.rule in CHOICE_RULES and e.end > e.start
                            and shown(e)), key=lambda e: e.start)
            cached = ([e.start for e in edits], edits)
            self._choices = cached
        return cached

    def edits_in(self, start: int, end: int) -> list[Edit]:
        """Every edit within the raw span [start, end), in order."""
        cached = getattr(self, "_all_edits", None)
        if cached is None:
            ordered = sorted(self.ed.edits, key=lambda e: (e.start, e.end))
            cached = ([e.start for e in ordered], ordered)
            self._all_edits = cached
        starts, ordered = cached
        return ordered[bisect_left(starts, start):bisect_left(starts, end)]

    def tagged(self, parent: etree._Element, text: str, buf: list[str]) -> None:
        """Text with every mention of a listed person as <persName ref="persons.xml#id">; plain
        text goes to `buf`, which is flushed before each element."""
        pos = 0
        for m in persons.pattern().finditer(text):
            ident = persons.ident_of(m)
            buf.append(text[pos : m.start()])
            flush(parent, buf)
            sub(parent, "persName", m.group(0), ref=f"{PERSONS_FILE}#{ident}")
            pages = self.mentions.setdefault(ident, [])
            if self.current_page and (not pages or pages[-1] != self.current_page):
                pages.append(self.current_page)
            pos = m.end()
        buf.append(text[pos:])

    def note_ref(self, parent: etree._Element, ref: NoteRef) -> None:
        """A footnote at its reference point, or the bare marker when no note was found."""
        if ref.note is None:
            sub(parent, "hi", ref.n, rend="superscript")
            return
        self.note_count += 1
        note = sub(parent, "note", place="foot", n=ref.n, xml_id=f"note{self.note_count}",
                   **self.facs(ref.note), **_lang(ref.note))
        self.inline(note, ref.note.children)

    def figure(self, parent: etree._Element, block: Block) -> None:
        """A plate or an illustration where it stands, its caption as the head: <figure><head>
        (in a paragraph that runs on around it, the paragraph's line state is kept)."""
        state = self.text_line, self.pending_break, self.text_tail
        fig = sub(parent, "figure", **self.facs(block))
        self.inline(sub(fig, "head"), block.children)
        self.text_line, self.pending_break, self.text_tail = state

    def block(self, parent: etree._Element, block: Block, tag: str = "p", **attrs: str) -> None:
        """A block as one element (a speech as <sp>, a byline, a reviewed book as <bibl>)."""
        if block.kind == "figure":
            self.figure(parent, block)
            return
        self.text_line, self.pending_break = -1, False
        if block.role == "sp":
            sp = sub(parent, "sp")
            self.inline(sub(sp, "speaker"), block.children[:1])
            add_text(sp, " ")
            self.inline(sub(sp, "p", **_lang(block)), block.children[2:])
            return
        if block.role == "byline" and tag == "p":
            self.inline(sub(parent, "byline"), block.children)
            return
        if block.role == "reviewed" and tag == "p":
            self.inline(sub(parent, "bibl", type="reviewed"), block.children)
            return
        if block.role == "epigraph-bibl" and len(parent) and (
                etree.QName(parent[-1]).localname == "epigraph"):
            self.inline(sub(parent[-1], "bibl"), block.children)
            return
        if block.kind == "lg":
            if block.role == "epigraph":
                parent = sub(parent, "epigraph")
            lg = sub(parent, "lg", **self.facs(block), **_lang(block))
            for line in verse_lines(block):
                self.inline(sub(lg, "l"), line)
            return
        if block.kind == "head" and tag == "p":
            attrs = {"rend": "heading", **attrs}
        if block.kind == "note":
            tag, attrs = "note", {"place": "foot", "n": block.n}
        if tag in ("p", "head", "note"):
            attrs = {**attrs, **self.facs(block), **_lang(block)}
        el = sub(parent, tag, **attrs)
        if block.kind == "row":
            for k, cell in enumerate(block.children):
                if k:
                    add_text(el, " ")
                self.inline(el, [cell])
        else:
            self.inline(el, block.children)

    def items(self, parent: etree._Element, items: list[Block | PageBreak | Group]) -> None:
        """Blocks, milestones and groups in order."""
        for item in items:
            if isinstance(item, PageBreak):
                self.pb(parent, item)
            elif isinstance(item, Group):
                self.group(parent, item)
            else:
                self.block(parent, item)

    def group(self, parent: etree._Element, group: Group) -> None:
        """A block quotation or a closer."""
        if group.kind in ("quote", "said"):
            self.items(sub(parent, group.kind), group.items)  # type: ignore[arg-type]
            return
        closer = sub(parent, "closer")
        for item in group.items:
            if isinstance(item, PageBreak):
                self.pb(closer, item)
            else:
                tag = item.role if item.role in ("signed", "dateline") else "seg"
                self.inline(sub(closer, tag), item.children)

    def div(self, parent: etree._Element, div: Div) -> etree._Element:
        """A division with its heading (its <div>, for divisions nested in it)."""
        attrs = {"type": div.type}
        if div.n:
            attrs["n"] = div.n
        if div.opening.cert:  # opened by inference (from the running heads), not at a heading
            attrs["cert"] = div.opening.cert
        attrs["xml_id"] = div.xml_id
        for brk in div.lead:
            self.pb(parent, brk)
        el = sub(parent, "div", **attrs)
        if div.n and div.opening.number_cert:  # the number inferred, not read on the page
            sub(el, "certainty", target=f"#{div.xml_id}", match="@n", locus="value",
                cert=div.opening.number_cert)
        for head in div.heads:
            if head.role == "label":
                self.inline(sub(el, "head", type="label", **self.facs(head)), head.children)
            else:
                self.inline(sub(el, "head", **self.facs(head)), head.children)
        self.items(el, div.items)
        return el


def _lang(block: Block) -> dict[str, str]:
    """`xml:lang` for a passage in another language than the book's."""
    return {"xml_lang": block.lang} if block.lang else {}
