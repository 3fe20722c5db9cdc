"""A reading edition in HTML, from the TEI alone: one self-contained page per book.

`convert(root)` maps the TEI text onto HTML elements (lxml, no namespace) and collects what
the page around it needs: the divisions for the contents, the page milestones, the footnotes.
`write_html(path, outdir)` writes `outdir/NAME.html` (title page, contents, the text) and
`outdir/NAME-about.html` (the teiHeader: the source, the copy, the editorial decisions).

Reading and diplomatic view: running heads and other furniture (`fw`), the printed note
markers, the editors' corrections' originals (`sic`, `orig`, `abbr`) and soft hyphens at page
ends are in the page but shown only in the diplomatic view (a toggle; `?view=diplomatic` in the
URL opens it). Printed page numbers stand in the margin, each an anchor `#pN` (a page with no
printed number `#sK`, K its scan sequence), so `NAME.html#p43` opens at printed page 43. One
page per book was chosen by measurement (`bench/outputs.py`): the whole 300-page book is a
0.6 MB page that headless Chromium opens at `#p43` in about 0.25 s, and the browser resolves
`#p43` by itself, from `file://`, with no script or redirect (pages per division would each
open faster, but a cited page would need an index page and a script to find its file).

Footnotes are numbered for display in document order when their printed markers repeat (a
book that restarts "1" on every page); the printed marker is kept and shown in the
diplomatic view. Notes stand at the end of their top-level division, linked both ways.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from edition import __version__
from edition.errors import BuildError, SourceError

TEI_NS = "http://www.tei-c.org/ns/1.0"
T = f"{{{TEI_NS}}}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: The EPUB structural-semantics namespace (epub:type), used when converting for an EPUB.
OPS_NS = "http://www.idpf.org/2007/ops"
EPUB_TYPE = f"{{{OPS_NS}}}type"

#: TEI elements that hold blocks; when one of these is met inside a paragraph it is set as
#: a block of its own (an HTML span shown as a block), so HTML nesting stays valid.
BLOCK_TAGS = frozenset({"p", "ab", "lg", "l", "sp", "list", "table", "figure", "quote", "said",
                        "closer", "opener", "div", "floatingText", "castList", "byline",
                        "dateline", "signed", "salute", "trailer", "argument", "epigraph",
                        "head", "speaker", "stage", "titlePage", "docImprint", "docEdition",
                        "docDate", "docTitle", "titlePart", "bibl", "listBibl", "cit"})
#: Groups (quote, said, cit) that hold blocks are block quotations; holding only text they
#: are inline.
GROUP_BLOCKS = frozenset({"p", "ab", "lg", "l", "sp", "list", "table", "quote", "said", "cit",
                          "floatingText", "closer", "opener", "figure"})
#: Division elements (numbered divisions included).
DIVS = frozenset({"div", *(f"div{k}" for k in range(1, 8))})
#: `hi/@rend` tokens and the HTML element or class each becomes.
REND = {"italic": "i", "italics": "i", "i": "i", "bold": "b", "b": "b", "superscript": "sup",
        "sup": "sup", "subscript": "sub", "sub": "sub", "underline": "u", "u": "u",
        "strikethrough": "s", "smallcaps": "smallcaps", "small-caps": "smallcaps",
        "sc": "smallcaps", "caps": "smallcaps", "spaced": "spaced", "letterspace": "spaced"}
#: Inline TEI elements shown as a span with their name as class (semantic tagging, no look).
NAMES = frozenset({"persName", "placeName", "orgName", "name", "rs", "roleName", "geogName",
                   "date", "time", "num", "measure", "addrLine", "address", "docAuthor",
                   "street", "settlement", "country", "idno", "seg", "w", "pc", "c"})
#: Headings by name for the printed "what is this division" when it has no head.
DIV_LABELS = {"chapter": "Chapter", "introduction": "Introduction", "preface": "Preface",
              "contents": "Contents", "article": "Article", "appendix": "Appendix",
              "section": "Section", "part": "Part", "book": "Book", "letter": "Letter",
              "poem": "Poem", "dedication": "Dedication", "index": "Index",
              "bibliography": "Bibliography", "notes": "Notes", "epilogue": "Epilogue",
              "prologue": "Prologue", "foreword": "Foreword", "acknowledgements":
              "Acknowledgements", "glossary": "Glossary", "colophon": "Colophon"}
#: Image files a figure may show (by extension) and their media types.
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".gif": "image/gif", ".svg": "image/svg+xml", ".webp": "image/webp"}
#: Division types that are also terms of the EPUB structural-semantics vocabulary (epub:type).
EPUB_DIVISIONS = frozenset({"chapter", "introduction", "preface", "appendix", "part", "epilogue",
                            "prologue", "foreword", "dedication", "index", "bibliography",
                            "glossary", "acknowledgments", "colophon", "conclusion"})
#: Contents list depth: divisions nested deeper than this are left out of the contents.
TOC_DEPTH = 3


def tei_name(el: etree._Element) -> str:
    """The local name of a TEI element ('' for anything not in the TEI namespace)."""
    tag = el.tag
    if isinstance(tag, str) and tag.startswith(T):
        return tag[len(T):]
    return ""


def plain(el: etree._Element, skip: frozenset[str] = frozenset({"note", "fw", "sic", "orig",
                                                                "abbr"})) -> str:
    """The reading text of an element on one line (notes, furniture and originals left out)."""
    out: list[str] = []

    def walk(e: etree._Element) -> None:
        out.append(e.text or "")
        for child in e:
            if isinstance(child.tag, str) and tei_name(child) not in skip:
                if tei_name(child) == "lb":
                    out.append(" ")
                walk(child)
            out.append(child.tail or "")

    walk(el)
    return " ".join("".join(out).split())


def load_tei(path: Path) -> etree._Element:
    """The root of a TEI document, parsed safely (no DTD, entities or network).

    Raises SourceError when the file cannot be read, is not well-formed, or is not TEI P5
    (its root is not `TEI` in the TEI namespace, or it has no `text`).
    """
    from edition.check.validate import load_tei as load

    root = load(path, "a TEI P5 document")
    if root.tag != T + "TEI":
        raise SourceError(f"{path}: not a TEI P5 document (its root is "
                          f"<{etree.QName(root).localname}>, not <TEI>)")
    if root.find(T + "text") is None:
        raise SourceError(f"{path}: a TEI document with no <text> to render")
    return root


# --- the book's parts --------------------------------------------------------------


@dataclass(slots=True)
class Page:
    """A page milestone: its anchor, printed number (None when unnumbered), scan sequence."""

    anchor: str
    n: str | None
    scan: int | None  # 1-based scan sequence; None for a printed page the scan lacks
    part: int = 0  # which part (EPUB content document) holds it


@dataclass(slots=True)
class Entry:
    """A division in the contents: its anchor, title, depth (1 = top) and first page."""

    anchor: str
    title: str
    depth: int
    page: str | None
    part: int = 0


@dataclass(slots=True)
class Part:
    """A top-level piece of the text (the title pages, a front division, a chapter): its
    HTML element, its kind for EPUB landmarks, its title."""

    element: etree._Element
    kind: str  # "titlepage", "frontmatter", "bodymatter", "backmatter"
    title: str


@dataclass(slots=True)
class Book:
    """A TEI edition converted: metadata, the text in parts, the contents, the pages."""

    title: str
    subtitle: str
    authors: list[str]
    lang: str
    parts: list[Part] = field(default_factory=list)
    toc: list[Entry] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    notes: int = 0
    images: dict[str, Path] = field(default_factory=dict)  # name in output -> file
    ids: dict[str, int] = field(default_factory=dict)  # HTML id -> part index


def metadata(root: etree._Element) -> tuple[str, str, list[str], str]:
    """Title, subtitle, authors and language tag from the teiHeader (TEI/@xml:lang, then
    langUsage, then "en" when the document names none)."""
    stmt = root.find(f"{T}teiHeader/{T}fileDesc/{T}titleStmt")
    title = subtitle = ""
    authors: list[str] = []
    if stmt is not None:
        titles = stmt.findall(T + "title")
        main = [t for t in titles if t.get("type") in (None, "main")]
        title = plain(main[0]) if main else (plain(titles[0]) if titles else "")
        subs = [t for t in titles if t.get("type") == "sub"]
        subtitle = plain(subs[0]) if subs else ""
        authors = [a for a in (plain(a) for a in stmt.findall(T + "author")) if a]
    lang = root.get(XML_LANG) or ""
    if not lang:
        language = root.find(f"{T}teiHeader/{T}profileDesc/{T}langUsage/{T}language")
        lang = language.get("ident", "") if language is not None else ""
    return title or "Untitled", subtitle, authors, lang or "en"


class Converter:
    """TEI text to HTML elements, for the web page (`epub=False`) or an EPUB (`epub=True`:
    reading view only, `epub:type` semantics, XHTML-safe)."""

    def __init__(self, root: etree._Element, source_dir: Path | None = None,
                 epub: bool = False, outdir: Path | None = None, image_dir: str = "images"
                 ) -> None:
        self.root = root
        self.image_dir = image_dir
        self.outdir = outdir.resolve() if outdir is not None else None
        source_dir = source_dir.resolve() if source_dir is not None else None
        self.epub = epub
        self.source_dir = source_dir
        title, subtitle, authors, lang = metadata(root)
        self.book = Book(title, subtitle, authors, lang)
        self.taken: set[str] = {v for el in root.iter() if (v := el.get(XML_ID))}
        self.scan = 0  # scanned pages met so far
        self.current_page: str | None = None
        self.part = 0
        self.notes: list[etree._Element] = []  # footnotes of the current part, as HTML
        self.labels = self.note_labels()
        self.note_index = 0
        self.main_title_done = False

    # --- ids, labels ---

    def fresh_id(self, stem: str) -> str:
        """An id no element of the document has."""
        k = 1
        while f"{stem}{k}" in self.taken:
            k += 1
        self.taken.add(f"{stem}{k}")
        return f"{stem}{k}"

    def note_labels(self) -> list[tuple[str, str]]:
        """(display label, printed marker) of each footnote in document order: the printed
        markers when they are all present and distinct, else 1, 2, 3 ... (a book that starts
        its markers again on every page prints "1" for most notes)."""
        text = self.root.find(T + "text")
        notes = [n for n in text.iter(T + "note") if self.is_footnote(n)] if text is not None else []
        printed = [n.get("n", "") for n in notes]
        distinct = all(printed) and len(set(printed)) == len(printed)
        return [(p if distinct else str(k + 1), p) for k, p in enumerate(printed)]

    @staticmethod
    def is_footnote(note: etree._Element) -> bool:
        """Notes placed at the foot, the end, or nowhere in particular become footnotes;
        marginal and inline notes stay where they are."""
        return note.get("place", "foot") not in ("margin", "left", "right", "inline", "interlinear",
                                                 "above", "below")

    # --- element helpers ---

    def el(self, tag: str, cls: str | None = None, src: etree._Element | None = None,
           **attrs: str) -> etree._Element:
        """A new HTML element; `src` lends its xml:id and xml:lang."""
        out = etree.Element(tag)
        if cls:
            out.set("class", cls)
        if src is not None:
            ident = src.get(XML_ID)
            if ident:
                out.set("id", ident)
                self.book.ids[ident] = self.part
            lang = src.get(XML_LANG)
            if lang:
                out.set("lang", lang)
                if self.epub:
                    out.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
        for key, value in attrs.items():
            out.set(key.rstrip("_").replace("_", "-"), value)
        return out

    @staticmethod
    def text(dst: etree._Element, text: str | None) -> None:
        """Append text at the end of `dst`'s content."""
        if not text:
            return
        if len(dst):
            last = dst[-1]
            last.tail = (last.tail or "") + text
        else:
            dst.text = (dst.text or "") + text

    def children(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        """Render `src`'s content into `dst` (text, then each child and its tail)."""
        self.text(dst, src.text)
        for child in src:
            if isinstance(child.tag, str):
                self.node(child, dst, inline)
            self.text(dst, child.tail)

    def node(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        """Render one TEI element into `dst`; `inline` when `dst` holds phrasing content."""
        name = tei_name(src)
        method = getattr(self, f"t_{name}", None)
        if method is not None:
            method(src, dst, inline)
            return
        if name in DIVS:
            self.t_div(src, dst, inline)
        elif name in NAMES:
            span = self.el("span", name, src)
            if name == "addrLine":
                span.set("class", "addrLine line")
            dst.append(span)
            self.children(src, span, True)
        elif name in BLOCK_TAGS:
            self.block(src, dst, inline, "div", name)
        else:  # anything else: its content, never lost
            span = self.el("span" if inline else "div", name or None, src)
            dst.append(span)
            self.children(src, span, inline)

    def block(self, src: etree._Element, dst: etree._Element, inline: bool, tag: str,
              cls: str, content_inline: bool = True) -> etree._Element:
        """A block element: `tag` in block context, a span shown as a block inside a line."""
        out = self.el("span" if inline else tag, cls if not inline else f"{cls} block", src)
        dst.append(out)
        self.children(src, out, content_inline or inline)
        return out

    # --- divisions and headings ---

    def heading_level(self, src: etree._Element) -> int:
        """h2 for a top-level division (h1 is the title), one more per nesting, at most h6."""
        depth = sum(1 for a in src.iterancestors() if tei_name(a) in DIVS)
        return min(2 + depth, 6)

    def div_title(self, src: etree._Element) -> str:
        """A division's title for the contents: its heads (label first), or its type."""
        heads = [plain(h) for h in src.findall(T + "head")]
        title = " ".join(h for h in heads if h)
        return title or DIV_LABELS.get(src.get("type", ""), (src.get("type") or "Section").title())

    def t_div(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        if src.get(XML_ID) is None:
            src.set(XML_ID, self.fresh_id("div"))
        section = self.el("section", f"div {src.get('type', '')}".strip(), src)
        if self.epub and src.get("type") in EPUB_DIVISIONS:
            section.set(EPUB_TYPE, src.get("type", ""))
        dst.append(section)
        depth = sum(1 for a in src.iterancestors() if tei_name(a) in DIVS) + 1
        if depth <= TOC_DEPTH:
            self.book.toc.append(Entry(src.get(XML_ID, ""), self.div_title(src), depth,
                                       self.current_page, self.part))
        heads = [h for h in src if tei_name(h) == "head"]
        if heads:
            level = self.heading_level(src)
            h = self.el(f"h{level}", None)
            hid = self.fresh_id("h")
            h.set("id", hid)
            section.set("aria-labelledby", hid)
            section.append(h)
        self.text(section, src.text)
        placed = False
        for child in src:
            if not isinstance(child.tag, str):
                continue
            if tei_name(child) == "head" and heads and not placed:
                self.heading(heads, section[0])
                placed = True
                self.text(section, heads[-1].tail)
                continue
            if tei_name(child) == "head" and child in heads:
                continue
            self.node(child, section, False)
            self.text(section, child.tail)

    def heading(self, heads: list[etree._Element], h: etree._Element) -> None:
        """A division's heads as one heading: a label ("I", "Chapter One") above the title."""
        for k, head in enumerate(heads):
            cls = "label" if head.get("type") == "label" else "title"
            span = self.el("span", cls, head)
            h.append(span)
            self.children(head, span, True)
            if k < len(heads) - 1:
                self.text(h, " ")

    def t_head(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        # a head outside a division (a list's, a group's, a figure's): a caption line
        tag = "span" if inline else "p"
        cls = "head" if not inline else "head block"
        out = self.el(tag, cls, src)
        dst.append(out)
        self.children(src, out, True)

    # --- blocks ---

    def t_p(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        cls = "p" if inline else None
        if src.get("rend"):
            cls = " ".join(filter(None, [cls, src.get("rend")]))
        if inline:
            out = self.el("span", f"{cls} block", src)
        else:
            out = self.el("p", cls, src)
        dst.append(out)
        self.children(src, out, True)

    def t_ab(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.t_p(src, dst, inline)

    def t_lg(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        out = self.el("span" if inline else "div", "lg block" if inline else "lg", src)
        dst.append(out)
        self.children(src, out, inline)

    def t_l(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        cls = "l"
        rend = src.get("rend", "")
        if "indent" in rend:
            cls += " indent"
        out = self.el("span" if inline else "div", f"{cls} block" if inline else cls, src)
        if src.get("n"):
            out.set("data-n", src.get("n", ""))
        dst.append(out)
        self.children(src, out, True)

    def group(self, src: etree._Element, dst: etree._Element, inline: bool, name: str) -> None:
        """quote, said, cit: a block quotation when it holds blocks, else inline."""
        blocks = any(tei_name(c) in GROUP_BLOCKS for c in src)
        if not blocks:
            out = self.el("span", name, src)
            dst.append(out)
            self.children(src, out, True)
            return
        if inline:
            out = self.el("span", f"{name} block", src)
        else:
            out = self.el("blockquote" if name in ("quote", "cit") else "div", name, src)
        dst.append(out)
        self.children(src, out, inline)

    def t_quote(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.group(src, dst, inline, "quote")

    def t_said(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.group(src, dst, inline, "said")

    def t_cit(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.group(src, dst, inline, "cit")

    def t_q(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.group(src, dst, inline, "q")

    def t_sp(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.block(src, dst, inline, "div", "sp", content_inline=False)

    def t_speaker(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        out = self.el("span", "speaker", src)
        dst.append(out)
        self.children(src, out, True)

    def t_stage(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.block(src, dst, inline, "p", "stage")

    def t_closer(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.block(src, dst, inline, "div", "closer", content_inline=False)

    def t_opener(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.block(src, dst, inline, "div", "opener", content_inline=False)

    def t_signed(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.block(src, dst, inline, "p", "signed")

    def t_dateline(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.block(src, dst, inline, "p", "dateline")

    def t_salute(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.block(src, dst, inline, "p", "salute")

    def t_byline(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.block(src, dst, inline, "p", "byline")

    def t_trailer(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.block(src, dst, inline, "p", "trailer")

    def t_bibl(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        if inline:
            out = self.el("cite", "bibl", src)
            dst.append(out)
            self.children(src, out, True)
        else:
            self.block(src, dst, inline, "p", f"bibl {src.get('type', '')}".strip())

    def t_seg(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        parent = src.getparent()
        if parent is not None and tei_name(parent) in ("closer", "opener"):
            self.block(src, dst, inline, "p", "seg")
        else:
            out = self.el("span", "seg", src)
            dst.append(out)
            self.children(src, out, True)

    def t_list(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        kind = src.get("type", "")
        if inline:
            out = self.el("span", f"list {kind} block".strip(), src)
            dst.append(out)
            self.children(src, out, True)
            return
        heads = [c for c in src if tei_name(c) == "head"]
        wrap = dst
        if heads:
            wrap = self.el("div", "list-wrap")
            dst.append(wrap)
            for head in heads:
                self.t_head(head, wrap, False)
        ordered = kind in ("ordered", "numbered") or "numbered" in src.get("rend", "")
        out = self.el("ol" if ordered else "ul", f"list {kind}".strip(), src)
        wrap.append(out)
        pending: etree._Element | None = None
        for child in src:
            if not isinstance(child.tag, str) or tei_name(child) == "head":
                continue
            name = tei_name(child)
            if name == "item":
                li = self.el("li", None, child)
                if child.get("n"):
                    li.set("data-n", child.get("n", ""))
                out.append(li)
                if pending is not None:
                    li.append(pending)
                    pending.tail = " "
                    pending = None
                self.children(child, li, True)
            elif name == "label":
                pending = self.el("span", "label", child)
                self.children(child, pending, True)
            elif len(out):  # a milestone or furniture between items: inside the last item
                self.node(child, out[-1], True)
                self.text(out[-1], child.tail)
            else:
                li = self.el("li", "milestones")
                out.append(li)
                self.node(child, li, True)

    def t_table(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        if inline:
            self.block(src, dst, True, "span", "table")
            return
        table = self.el("table", None, src)
        dst.append(table)
        for child in src:
            name = tei_name(child)
            if name == "head":
                cap = self.el("caption", None, child)
                table.insert(0, cap)
                self.children(child, cap, True)
            elif name == "row":
                tr = self.el("tr", None, child)
                table.append(tr)
                for cell in child:
                    if tei_name(cell) == "cell":
                        td = self.el("th" if cell.get("role") == "label" else "td", None, cell)
                        for attr in ("cols", "rows"):
                            if cell.get(attr):
                                td.set("colspan" if attr == "cols" else "rowspan", cell.get(attr, ""))
                        tr.append(td)
                        self.children(cell, td, True)

    def t_figure(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        """A figure (a plate): its image when the file is there, else a described box; its
        head as the caption; figDesc as the image's alternative text."""
        desc = src.find(T + "figDesc")
        head = src.find(T + "head")
        alt = plain(desc) if desc is not None else (plain(head) if head is not None else "")
        out = self.el("span" if inline else "figure", "figure block" if inline else "figure", src)
        dst.append(out)
        shown = False
        for graphic in src.iter(T + "graphic"):
            image = self.image(graphic.get("url", ""))
            if image:
                out.append(self.el("img", None, graphic, src_=image, alt=alt or "Illustration"))
                shown = True
        if not shown:
            box = self.el("span", "plate", role="img",
                          aria_label=f"Illustration not reproduced: {alt}" if alt
                          else "Illustration not reproduced")
            box.text = "[Illustration]"
            out.append(box)
        if head is not None:
            cap = self.el("span" if inline else "figcaption", "caption", head)
            out.append(cap)
            self.children(head, cap, True)
        if desc is not None and shown is False and head is None:
            cap = self.el("span" if inline else "figcaption", "caption")
            out.append(cap)
            self.children(desc, cap, True)
        for child in src:
            if tei_name(child) not in ("head", "figDesc", "graphic"):
                self.node(child, out, inline)
                self.text(out, child.tail)

    def image(self, url: str) -> str:
        """The output name of a local image file a graphic names, copied with the page (or
        '' when there is no such file: nothing is loaded from the network)."""
        if not url or self.source_dir is None or re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I):
            return ""
        path = (self.source_dir / url).resolve()
        if path.suffix.lower() not in IMAGE_TYPES or not path.is_file():
            return ""
        name = f"{self.image_dir}/{path.name}"
        self.book.images[name] = path
        return name

    # --- title pages ---

    def t_titlePage(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        half = src.get("type") == "half"
        out = self.el("section", "titlePage half" if half else "titlePage", src,
                      aria_label="Half title" if half else "Title page")
        if self.epub:
            out.set(EPUB_TYPE, "halftitlepage" if half else "titlepage")
        dst.append(out)
        self.children(src, out, False)

    def t_docTitle(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        main = not self.main_title_done and not inline and (
            src.getparent() is None or src.getparent().get("type") != "half")
        if main:
            self.main_title_done = True
        out = self.el("h1" if main else ("span" if inline else "p"), "docTitle", src)
        dst.append(out)
        self.children(src, out, True)

    def t_titlePart(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        out = self.el("span", f"titlePart {src.get('type', '')} line".strip(), src)
        dst.append(out)
        self.children(src, out, True)

    def t_docImprint(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.block(src, dst, inline, "p", "docImprint")

    def t_docEdition(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.block(src, dst, inline, "p", "docEdition")

    def t_docDate(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.block(src, dst, inline, "p", "docDate")

    def t_epigraph(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.block(src, dst, inline, "div", "epigraph", content_inline=False)

    def t_argument(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.block(src, dst, inline, "div", "argument", content_inline=False)

    # --- milestones and furniture ---

    def t_pb(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        """A page milestone: an anchor in the margin (the printed number, or nothing shown for
        an unnumbered page but its scan sequence in the diplomatic view)."""
        unscanned = src.get("type") == "unscanned"
        n = src.get("n")
        if not unscanned:
            self.scan += 1
        anchor = src.get(XML_ID) or self.page_anchor(n, unscanned)
        self.taken.add(anchor)
        self.current_page = anchor
        self.book.pages.append(Page(anchor, n, None if unscanned else self.scan, self.part))
        self.book.ids[anchor] = self.part
        if self.epub:
            span = self.el("span", "pb", id=anchor, role="doc-pagebreak")
            span.set(EPUB_TYPE, "pagebreak")
            span.set("aria-label", f"Page {n}" if n else f"Scan {self.scan}")
            if not inline:
                wrap = self.el("div", "pb-block")
                wrap.append(span)
                dst.append(wrap)
            else:
                dst.append(span)
            return
        cls = ["pb"]
        if src.get("break") == "no":
            cls.append("inword")
        if src.get("rend") == "hyphen":
            cls.append("hyphen")
        if unscanned:
            cls.append("unscanned")
        if not n:
            cls.append("unnumbered")
        label = (f"[{n}]" if unscanned else n) if n else f"scan {self.scan}"
        a = self.el("a", " ".join(cls), id=anchor, href=f"#{anchor}", data_n=label,
                    aria_label=(f"page {n}" + (", not in the scan" if unscanned else ""))
                    if n else f"scan page {self.scan}, no printed number")
        if unscanned:
            a.set("title", f"page {n} is not in the scan")
        facs = self.facsimile(src.get("facs", ""))
        if facs:
            a.set("data-facs", facs)
            image = self.el("a", "facs", href=facs, aria_label=f"image of {label}")
            image.text = "image"
        if inline:
            mark = self.el("span", "pb-mark hyphen" if src.get("rend") == "hyphen" else "pb-mark",
                           aria_hidden="true")
            dst.append(mark)
            dst.append(a)
            if facs:
                dst.append(image)
        else:
            wrap = self.el("div", "pb-block")
            wrap.append(a)
            if facs:
                wrap.append(image)
            dst.append(wrap)

    def page_anchor(self, n: str | None, unscanned: bool) -> str:
        """The anchor of a pb with no xml:id: pN for printed page N, else sK for the K-th
        scanned page (as the emitter names them), made unique when taken."""
        if n and f"p{n}" not in self.taken:
            return f"p{n}"
        if not unscanned and f"s{self.scan}" not in self.taken:
            return f"s{self.scan}"
        return self.fresh_id(f"p{n}-" if n else "page-")

    def facsimile(self, pointer: str) -> str:
        """The page image a pb/@facs names, directly or through the `surface` (or `zone`) it
        points to in the `facsimile`, as a link from the output directory ('' when none)."""
        url = self.facs_url(pointer)
        if not url or re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I) or url.startswith("/"):
            return url
        if self.source_dir is None or self.outdir is None:
            return url
        return Path(os.path.relpath(self.source_dir / url, self.outdir)).as_posix()

    def facs_url(self, pointer: str) -> str:
        """The URL of the image a facs pointer names, as the TEI writes it."""
        if not pointer:
            return ""
        if not pointer.startswith("#"):
            return pointer
        ident = pointer[1:]
        for el in self.root.iterfind(f"{T}facsimile//*"):
            if el.get(XML_ID) == ident:
                graphic = el.find(f".//{T}graphic")
                if graphic is None:
                    for up in el.iterancestors(T + "surface"):
                        graphic = up.find(f"{T}graphic")
                        break
                return graphic.get("url", "") if graphic is not None else ""
        return ""

    def t_fw(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        """Furniture (running head, page number, signature, catchword): in the page, shown only
        in the diplomatic view; left out of an EPUB (its reading text has none)."""
        if self.epub:
            return
        kind = src.get("type", "fw")
        out = self.el("span", f"fw {kind} {src.get('place', '')}".strip(), src,
                      data_type={"header": "running head", "pageNum": "page number",
                                 "sig": "signature", "catch": "catchword"}.get(kind, kind))
        dst.append(out)
        self.children(src, out, True)

    def t_lb(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        if inline:
            dst.append(self.el("br"))

    def t_cb(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        if src.get(XML_ID):
            dst.append(self.el("span" if inline else "div", "cb", src))

    def t_milestone(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.t_cb(src, dst, inline)

    def t_anchor(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.t_cb(src, dst, inline)

    def t_gap(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        """An omission: an ellipsis in brackets, saying what and why in its label."""
        parts = [src.get("reason", "")]
        if src.get("quantity"):
            parts.append(f"{src.get('quantity')} {src.get('unit', '')}".strip())
        what = ", ".join(p for p in parts if p)
        label = f"gap in the text ({what})" if what else "gap in the text"
        out = self.el("span" if inline else "p", "gap", src, title=label, role="note",
                      aria_label=label)
        out.text = "[…]"
        dst.append(out)

    # --- notes ---

    def t_note(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        if not self.is_footnote(src):
            out = self.el("span" if inline else "aside", f"note {src.get('place', '')}", src)
            dst.append(out)
            self.children(src, out, True)
            return
        label, printed = self.labels[self.note_index] if self.note_index < len(self.labels) \
            else (str(self.note_index + 1), src.get("n", ""))
        self.note_index += 1
        ident = src.get(XML_ID) or self.fresh_id("note")
        self.taken.add(ident)
        self.book.ids[ident] = self.part
        ref_id = f"{ident}-ref"
        self.book.ids[ref_id] = self.part
        a = self.el("a", "noteref", id=ref_id, href=f"#{ident}", role="doc-noteref")
        if self.epub:
            a.set(EPUB_TYPE, "noteref")
        if not self.epub and printed:
            a.append(self.el("span", "label", aria_hidden="true"))
            a[-1].text = label
            a.append(self.el("span", "printed", aria_hidden="true"))
            a[-1].text = printed
            a.set("aria-label", f"note {label}")
        else:
            a.text = label
        if inline:
            sup = self.el("sup", "noteref")
            sup.append(a)
            dst.append(sup)
        else:
            dst.append(a)
        note = self.el("aside", "footnote", id=ident, role="doc-footnote")
        if self.epub:
            note.set(EPUB_TYPE, "footnote")
        back = self.el("a", "note-label", href=f"#{ref_id}", role="doc-backlink",
                       title="back to the text")
        back.text = label
        note.append(back)
        back.tail = " "
        if printed and not self.epub:
            mark = self.el("span", "printed-marker", title="the marker as printed")
            mark.text = f"[printed {printed}]"
            note.append(mark)
            mark.tail = " "
        body = self.el("span", "note-body")
        note.append(body)
        saved = self.note_index
        self.children(src, body, True)
        self.note_index = max(saved, self.note_index)
        self.notes.append(note)

    def flush_notes(self, section: etree._Element) -> None:
        """The footnotes of a part at its end."""
        if not self.notes:
            return
        box = self.el("section", "footnotes", aria_label="Notes")
        if self.epub:
            box.set(EPUB_TYPE, "footnotes")
        head = self.el("h2" if not self.epub else "p", "notes-head")
        head.text = "Notes"
        if not self.epub:
            head.set("class", "notes-head visually-hidden")
        box.append(head)
        for note in self.notes:
            box.append(note)
        section.append(box)
        self.notes = []

    # --- inline ---

    def t_hi(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        tokens = [REND.get(t, "") for t in (src.get("rend") or "").split()]
        tags = [t for t in tokens if t in ("i", "b", "sup", "sub", "u", "s")]
        classes = [t for t in tokens if t in ("smallcaps", "spaced")]
        outer = self.el(tags[0] if tags else "span", " ".join(classes) or None, src)
        dst.append(outer)
        inner = outer
        for tag in tags[1:]:
            nested = self.el(tag)
            inner.append(nested)
            inner = nested
        if not tags and not classes:
            outer.set("class", f"hi {src.get('rend', '')}".strip())
        self.children(src, inner, True)

    def t_emph(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        out = self.el("em", None, src)
        dst.append(out)
        self.children(src, out, True)

    def t_foreign(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        out = self.el("i", "foreign", src)
        dst.append(out)
        self.children(src, out, True)

    def t_term(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        out = self.el("i", "term", src)
        dst.append(out)
        self.children(src, out, True)

    def t_mentioned(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        self.t_term(src, dst, inline)

    def t_title(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        out = self.el("cite", f"title {src.get('level', '')}".strip(), src)
        dst.append(out)
        self.children(src, out, True)

    def t_soCalled(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        out = self.el("span", "soCalled", src)
        dst.append(out)
        self.children(src, out, True)

    def t_ref(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        target = (src.get("target") or "").split(" ")[0]
        out = self.el("a", "ref", src, href=target) if target else self.el("span", "ref", src)
        dst.append(out)
        self.children(src, out, True)

    def t_ptr(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        target = (src.get("target") or "").split(" ")[0]
        if target:
            out = self.el("a", "ptr", src, href=target)
            out.text = target
            dst.append(out)

    def t_choice(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        """An editor's correction, regularisation or expansion: the edited reading in the
        reading view, what was printed in the diplomatic view (an EPUB has the reading)."""
        out = self.el("span", "choice", src)
        dst.append(out)
        pairs = {"corr": "sic", "reg": "orig", "expan": "abbr"}
        for child in src:
            name = tei_name(child)
            if name in pairs:
                span = self.el("span", f"{name} edited", child)
                printed = src.find(T + pairs[name])
                if printed is not None and not self.epub:
                    span.set("title", f"as printed: {plain(printed, frozenset())}")
                out.append(span)
                self.children(child, span, True)
            elif name in pairs.values() and not self.epub:
                span = self.el("span", f"{name} printed", child)
                out.append(span)
                self.children(child, span, True)

    def t_sic(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        out = self.el("span", "sic", src)
        dst.append(out)
        self.children(src, out, True)

    def t_corr(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        out = self.el("span", "corr", src)
        dst.append(out)
        self.children(src, out, True)

    def t_supplied(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        out = self.el("span", "supplied", src)
        dst.append(out)
        self.text(out, "[")
        self.children(src, out, True)
        self.text(out, "]")

    def t_unclear(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        out = self.el("span", "unclear", src, title="unclear in the source")
        dst.append(out)
        self.children(src, out, True)

    def t_add(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        out = self.el("ins", "add", src)
        dst.append(out)
        self.children(src, out, True)

    def t_del(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        out = self.el("del", "del", src)
        dst.append(out)
        self.children(src, out, True)

    def t_label(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        out = self.el("span" if inline else "p", "label", src)
        dst.append(out)
        self.children(src, out, True)

    def t_graphic(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        image = self.image(src.get("url", ""))
        if image:
            dst.append(self.el("img", None, src, src_=image, alt="Illustration"))

    def t_figDesc(self, src: etree._Element, dst: etree._Element, inline: bool) -> None:
        return  # the figure's alternative text

    # --- the whole text ---

    def convert(self) -> Book:
        """Convert the TEI text into parts: the front matter (title pages and each front
        division), each body division, each back division."""
        text = self.root.find(T + "text")
        assert text is not None  # load_tei refused a TEI without one
        for group, kind in ((text.find(T + "front"), "frontmatter"),
                            (text.find(T + "body"), "bodymatter"),
                            (text.find(T + "back"), "backmatter")):
            if group is None:
                continue
            self.convert_group(group, kind)
        for k, part in enumerate(self.book.parts):
            part.element.set("data-part", str(k))
        self.book.notes = self.note_index
        return self.book

    def new_part(self, kind: str, title: str) -> etree._Element:
        """Start a part: an HTML section that will be one EPUB content document."""
        section = self.el("section", f"part {kind}")
        if self.epub:
            section.set(EPUB_TYPE, kind)
        self.part = len(self.book.parts)
        self.book.parts.append(Part(section, kind, title))
        return section

    def convert_group(self, group: etree._Element, kind: str) -> None:
        """front, body or back: a new part at each division (leading milestones and
        furniture go with the division they precede); loose blocks share a part."""
        current: etree._Element | None = None
        pending: list[etree._Element] = []  # pb and fw waiting for the next part
        children = [c for c in group if isinstance(c.tag, str)]
        for child in children:
            name = tei_name(child)
            if name in ("pb", "fw"):
                if current is not None and current.get("data-open") == "loose":
                    self.node(child, current, False)
                else:
                    pending.append(child)
                continue
            if name in DIVS or name == "titlePage":
                if current is not None:
                    self.flush_notes(current)
                is_title = name == "titlePage"
                part_kind = "titlepage" if is_title else kind
                if is_title and current is not None and current.get("data-open") == "title":
                    section = current
                else:
                    section = self.new_part(part_kind, "Title page" if is_title
                                            else self.div_title(child))
                for milestone in pending:
                    self.node(milestone, section, False)
                pending = []
                self.node(child, section, False)
                current = section
                current.set("data-open", "title" if is_title else "div")
                continue
            if current is None or current.get("data-open") != "loose":
                if current is not None:
                    self.flush_notes(current)
                current = self.new_part(kind, self.book.title)
                current.set("data-open", "loose")
            for milestone in pending:
                self.node(milestone, current, False)
            pending = []
            self.node(child, current, False)
        if pending:
            if current is None:
                current = self.new_part(kind, self.book.title)
            for milestone in pending:
                self.node(milestone, current, False)
        if current is not None:
            self.flush_notes(current)
        for part in self.book.parts:
            part.element.attrib.pop("data-open", None)


def convert(root: etree._Element, source_dir: Path | None = None, epub: bool = False,
            outdir: Path | None = None, image_dir: str = "images") -> Book:
    """A TEI document's text as HTML parts, with its contents, pages and notes (see Book);
    `source_dir` is where the TEI's relative image paths start, `outdir` where the HTML goes,
    `image_dir` the folder (beside it) the images are copied to."""
    return Converter(root, source_dir, epub, outdir, image_dir).convert()


# --- the teiHeader, for "about this edition" ----------------------------------------

#: Headings for the parts of an editorialDecl, by element name.
DECLS = {"correction": "Corrections", "normalization": "Normalisation",
         "hyphenation": "Hyphenation", "interpretation": "Interpretation",
         "segmentation": "Segmentation", "quotation": "Quotation", "punctuation": "Punctuation",
         "stdVals": "Standard values"}


def citation(bibl: etree._Element) -> str:
    """A biblStruct (or bibl) as one line of citation text."""
    if tei_name(bibl) != "biblStruct":
        return plain(bibl)
    pieces: list[str] = []
    analytic = bibl.find(T + "analytic")
    if analytic is not None:
        authors = ", ".join(plain(a) for a in analytic.findall(T + "author"))
        title = analytic.find(T + "title")
        pieces.append(", ".join(p for p in [authors, f"“{plain(title)}”" if title is not None
                                            else ""] if p))
    for monogr in bibl.findall(T + "monogr"):
        authors = ", ".join(plain(a) for a in monogr.findall(T + "author"))
        if authors and analytic is None:
            pieces.append(authors)
        title = monogr.find(T + "title")
        if title is not None:
            pieces.append(("in " if analytic is not None else "") + plain(title))
        edition = monogr.find(T + "edition")
        if edition is not None:
            pieces.append(plain(edition))
        imprint = monogr.find(T + "imprint")
        if imprint is not None:
            scopes = [f"{s.get('unit', '')} {plain(s)}".strip() for s in imprint.findall(T + "biblScope")]
            where = ": ".join(p for p in [plain(x) for x in imprint.findall(T + "pubPlace")]
                              + [plain(x) for x in imprint.findall(T + "publisher")] if p)
            date = imprint.find(T + "date")
            pieces.extend(scopes)
            inside = ", ".join(p for p in [where, plain(date) if date is not None else ""] if p)
            if inside:
                pieces.append(f"({inside})")
        for idno in monogr.findall(T + "idno"):
            pieces.append(f"{idno.get('type', 'id')} {plain(idno)}")
        extent = monogr.find(T + "extent")
        if extent is not None:
            pieces.append(plain(extent))
    return ", ".join(p for p in pieces if p).replace(", (", " (")


@dataclass(slots=True)
class Section:
    """One heading of the "about this edition" page and its content (HTML fragments)."""

    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)  # (term, plain text)
    blocks: list[str] = field(default_factory=list)  # serialised HTML


def about(root: etree._Element, xml: bool = False) -> list[Section]:
    """The teiHeader as sections: the edition, the printed source, the copy scanned, the
    scan, the editorial decisions, the revisions (blocks serialised as HTML, or as XML for an
    EPUB's XHTML with `xml`)."""
    header = root.find(T + "teiHeader")
    if header is None:
        return []
    conv = Converter(root)
    out: list[Section] = []

    def prose(el: etree._Element) -> str:
        div = etree.Element("div")
        conv.children(el, div, False) if any(tei_name(c) in ("p", "list", "ab") for c in el) \
            else conv.block(el, div, False, "p", "prose")
        method = "xml" if xml else "html"
        return _esc(div.text or "") + "".join(
            etree.tostring(c, method=method, encoding="unicode") for c in div)

    file_desc = header.find(T + "fileDesc")
    if file_desc is not None:
        edition = Section("This edition")
        stmt = file_desc.find(T + "titleStmt")
        if stmt is not None:
            for t in stmt.findall(T + "title"):
                edition.rows.append(("Subtitle" if t.get("type") == "sub" else "Title", plain(t)))
            for a in stmt.findall(T + "author"):
                edition.rows.append(("Author", plain(a)))
            for editor in stmt.findall(T + "editor"):
                edition.rows.append(("Editor", plain(editor)))
            for resp in stmt.findall(T + "respStmt"):
                what = resp.find(T + "resp")
                who = ", ".join(plain(c) for c in resp if tei_name(c) != "resp")
                edition.rows.append((plain(what) if what is not None else "Responsibility", who))
        pub = file_desc.find(T + "publicationStmt")
        if pub is not None:
            for child in pub:
                if tei_name(child) in ("p", "ab"):
                    edition.blocks.append(prose(child))
                elif tei_name(child) == "availability":
                    edition.blocks.append(prose(child))
                elif isinstance(child.tag, str):
                    edition.rows.append((tei_name(child), plain(child)))
        out.append(edition)
        source_desc = file_desc.find(T + "sourceDesc")
        if source_desc is not None:
            source = Section("The printed source")
            copy = Section("The copy scanned")
            scan = Section("The scan")
            for child in source_desc:
                name = tei_name(child)
                if name == "biblStruct":
                    source.blocks.append(_p(citation(child)))
                    for related in child.findall(T + "relatedItem"):
                        inner = related.find(T + "biblStruct")
                        what = {"reviewed": "Reviewing"}.get(related.get("type", ""), "Related")
                        if inner is not None:
                            source.blocks.append(_p(f"{what}: {citation(inner)}"))
                elif name == "bibl" and child.get("type") == "scan":
                    for sub in child:
                        if isinstance(sub.tag, str):
                            term = {"title": "Scan", "extent": "Extent"}.get(
                                tei_name(sub), sub.get("type") or tei_name(sub))
                            scan.rows.append((term, plain(sub)))
                elif name == "msDesc":
                    ident = child.find(T + "msIdentifier")
                    if ident is not None:
                        for sub in ident:
                            if isinstance(sub.tag, str):
                                term = sub.get("type") or tei_name(sub)
                                copy.rows.append(({"class": "Class no.", "book": "Book no.",
                                                   "accession": "Accession no."}.get(term,
                                                  term[:1].upper() + term[1:]), plain(sub)))
                    for part in child:
                        if tei_name(part) in ("physDesc", "history", "msContents", "additional"):
                            for block in part.iter(T + "p"):
                                copy.blocks.append(prose(block))
                elif name in ("bibl", "p", "listBibl"):
                    source.blocks.append(_p(plain(child)))
            out.extend(s for s in (source, copy, scan) if s.rows or s.blocks)
    encoding = header.find(T + "encodingDesc")
    if encoding is not None:
        decisions = Section("Editorial decisions")
        for child in encoding:
            name = tei_name(child)
            if name == "projectDesc":
                decisions.blocks.append(prose(child))
            elif name == "editorialDecl":
                for decl in child:
                    if isinstance(decl.tag, str):
                        title = DECLS.get(tei_name(decl), tei_name(decl))
                        decisions.blocks.append(f"<h3>{_esc(title)}</h3>" + prose(decl))
            elif name == "appInfo":
                for app in child.iter(T + "application"):
                    decisions.rows.append(("Made with", f"{app.get('ident', '')} "
                                                        f"{app.get('version', '')}".strip()))
        out.append(decisions)
    profile = header.find(T + "profileDesc")
    if profile is not None:
        langs = [plain(x) for x in profile.iter(T + "language")]
        if langs:
            out.append(Section("Languages", rows=[("Language", ", ".join(langs))]))
    revisions = header.find(T + "revisionDesc")
    if revisions is not None:
        changes = Section("Revisions")
        for change in revisions.iter(T + "change"):
            changes.rows.append((change.get("when", "") or "Change", plain(change)))
        out.append(changes)
    return out


def _esc(text: str) -> str:
    """Text escaped for HTML."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _p(text: str) -> str:
    """A paragraph of plain text as HTML."""
    return f"<p>{_esc(text)}</p>"


# --- the pages -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def environment() -> object:
    """The Jinja2 environment of the package's templates (autoescaping HTML and XML)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(loader=PackageLoader("edition.write", "templates"), autoescape=True,
                       undefined=StrictUndefined, keep_trailing_newline=True,
                       trim_blocks=True, lstrip_blocks=True)


def asset(name: str) -> str:
    """A static file of the package's templates (CSS, script) as text."""
    from importlib.resources import files

    return (files("edition.write") / "templates" / name).read_text(encoding="utf-8")


def fragment(el: etree._Element) -> str:
    """An HTML element serialised as HTML."""
    return etree.tostring(el, method="html", encoding="unicode")


def page_label(page: Page) -> str:
    """How a page is named in the contents: its printed number, or its scan sequence."""
    return page.n if page.n else f"scan {page.scan}"


@dataclass(frozen=True, slots=True)
class Written:
    """The files an HTML edition was written to, and the edition's title, authors, language."""

    page: Path
    about: Path
    images: tuple[Path, ...] = ()
    title: str = ""
    authors: tuple[str, ...] = ()
    lang: str = "en"


def render_html(root: etree._Element, name: str, source_dir: Path | None = None,
                outdir: Path | None = None) -> tuple[str, str, Book]:
    """The reading page and the "about this edition" page of a TEI document, as HTML text,
    and the converted book (for its images). `name` is the stem of the output files."""
    book = convert(root, source_dir, outdir=outdir, image_dir=f"{name}-images")
    env = environment()
    pages = {p.anchor: p for p in book.pages}
    toc = [{"anchor": e.anchor, "title": e.title, "depth": e.depth,
            "page": page_label(pages[e.page]) if e.page in pages else "",
            "page_anchor": e.page or ""} for e in book.toc]
    has_titlepage = any(p.kind == "titlepage" for p in book.parts)
    common = {"title": book.title, "subtitle": book.subtitle, "authors": book.authors,
              "lang": book.lang, "name": name, "version": __version__,
              "css": asset("edition.css")}
    main = env.get_template("book.html.j2").render(  # type: ignore[attr-defined]
        **common, parts=[fragment(p.element) for p in book.parts], toc=toc,
        has_titlepage=has_titlepage, script=asset("view.js"),
        has_diplomatic=any(root.find(f".//{T}text//{T}{name}") is not None
                           for name in ("fw", "choice", "note")),
        first_page=book.pages[0].anchor if book.pages else "")
    info = env.get_template("about.html.j2").render(  # type: ignore[attr-defined]
        **common, sections=about(root))
    return main, info, book


def write_html(tei_path: Path, outdir: Path) -> Written:
    """Write `outdir/NAME.html` and `outdir/NAME-about.html` for the TEI file `tei_path`
    (NAME its stem), and copy the local images its figures show into `outdir/NAME-images/`.

    Raises SourceError when the input is not a readable TEI document (nothing is written),
    BuildError when the output cannot be written.
    """
    from edition.files import write_atomic

    root = load_tei(tei_path)
    name = tei_path.stem
    main, info, book = render_html(root, name, tei_path.parent, outdir)
    page, about_page = outdir / f"{name}.html", outdir / f"{name}-about.html"
    copied: list[Path] = []
    try:
        write_atomic(page, main.encode("utf-8"))
        write_atomic(about_page, info.encode("utf-8"))
        for target, source in sorted(book.images.items()):
            dest = outdir / target
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)
            copied.append(dest)
    except OSError as err:
        raise BuildError(f"cannot write in {outdir}: {err.strerror or err}") from None
    return Written(page, about_page, tuple(copied), book.title, tuple(book.authors), book.lang)


def write_index(outdir: Path, editions: list[Written]) -> Path:
    """Write `outdir/index.html`: the HTML editions written there, each linked with its
    author and title, in file-name order.

    Raises BuildError when it cannot be written.
    """
    from edition.files import write_atomic

    rows = [{"href": w.page.name, "about": w.about.name, "title": w.title,
             "authors": list(w.authors), "lang": w.lang}
            for w in sorted(editions, key=lambda w: w.page.name)]
    html = environment().get_template("index.html.j2").render(  # type: ignore[attr-defined]
        editions=rows, css=asset("edition.css"), version=__version__, lang="en")
    target = outdir / "index.html"
    try:
        write_atomic(target, html.encode("utf-8"))
    except OSError as err:
        raise BuildError(f"cannot write {target}: {err.strerror or err}") from None
    return target
