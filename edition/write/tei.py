"""The TEI P5 emitter: an Edition as a TEI document, in one canonical form.

Output is byte-identical from run to run: no timestamps, attributes always in
the order written here, two-space indentation from lxml's pretty printer (which
leaves mixed content untouched). Page milestones carry the printed page number;
removed running headers follow them as <fw>, so the raw page can be rebuilt.
"""

from __future__ import annotations

from lxml import etree

from edition import __version__
from edition.model import Block, Furniture, Gap, Hi, Inline, LineJoin, NoteRef, PageBreak, Text
from edition.pipeline import Edition
from edition.read.characters import describe
from edition.structure import persons
from edition.structure.assemble import Div, Group
from edition.structure.frontmatter import title_case

TEI_NS = "http://www.tei-c.org/ns/1.0"
#: The collection's list of people, written beside the editions.
PERSONS_FILE = "persons.xml"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
SCHEMA_PI = (
    'href="http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" '
    'type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"'
)
#: Titles of the reasons a rule removed or changed text, as the header describes them.
RULE_TITLES = {
    "library-stamp": "library stamps and accession marks (recorded in the manuscript description)",
    "running-header": "running headers (kept as fw after each page milestone)",
    "markup": "the OCR pipeline's markup (headings, italics, note markers, escapes)",
    "hyphen-join": "hyphens at page ends (removed where the word was broken, kept in compounds)",
    "paragraph-join": "page breaks inside paragraphs (paragraphs rejoined)",
    "stray-mark": "stray marks (ticks, specks)",
    "mixed-script": "words mixing Latin and Cyrillic letters (read as Latin)",
    "digitisation-notice": "digitisation notices and storage labels (in the manuscript "
                           "description)",
    "page-marker": "the scan's page marker lines",
    "page-number": "printed page numbers (kept as fw, read into pb n)",
    "ocr-noise": "OCR noise from plates, blank leaves and specks",
    "leader-dots": "leader dots in the contents",
    "signature-mark": "signature marks (kept as fw)",
    "catchword": "catchwords (kept as fw)",
    "split-word": "words the OCR split over two lines without a hyphen (rejoined)",
    "list-archive": "the mailing-list archive's subject, poster, date and footer (in sourceDesc)",
    "article-metadata": "the journal's citation line (in sourceDesc)",
}


def _month_iso(month: str, year: str) -> str:
    """"March", "2019" as 2019-03."""
    months = ["january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december"]
    return f"{year}-{months.index(month.lower()) + 1:02d}" if month.lower() in months else year


def E(tag: str, *children: etree._Element | str, **attrs: str) -> etree._Element:
    """A TEI element with attributes in the given order and text or element children."""
    el = etree.Element(f"{{{TEI_NS}}}{tag}", nsmap={None: TEI_NS})
    for key, value in attrs.items():
        el.set(XML_ID if key == "xml_id" else XML_LANG if key == "xml_lang" else key, value)
    for child in children:
        if isinstance(child, str):
            add_text(el, child)
        else:
            el.append(child)
    return el


def sub(parent: etree._Element, tag: str, *children: etree._Element | str, **attrs: str) -> etree._Element:
    """Append a new TEI element to `parent` and return it."""
    el = E(tag, *children, **attrs)
    parent.append(el)
    return el


def add_text(parent: etree._Element, text: str) -> None:
    """Append text at the end of `parent`'s content."""
    if not text:
        return
    try:
        last = parent[-1]  # the last child directly (len() of an lxml element walks them all)
    except IndexError:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def _flush(parent: etree._Element, buf: list[str]) -> None:
    """Append the gathered text to `parent` and empty the buffer."""
    if buf:
        add_text(parent, "".join(buf))
        buf.clear()


class Emitter:
    """Writes one Edition; keeps the page-number lookups the milestones and links need."""

    def __init__(self, edition: Edition) -> None:
        self.ed = edition
        self.mentions: dict[str, list[str]] = {}
        self.current_page = ""
        self.page_ids: dict[str, str] = {}
        self.id_owner: dict[str, int] = {}
        self.note_count = 0

    # --- milestones -----------------------------------------------------------

    def page_id(self, page: int) -> str:
        """The xml:id of a scanned page's milestone (its scan sequence when the number repeats)."""
        n = self.ed.pagination.n(page)
        ident = f"p{n}" if n is not None else f"s{page + 1}"
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
        self.current_page = attrs["xml_id"]
        if self.ed.pagination.folios[brk.page].how == "uncertain":
            attrs["type"] = "uncertain"
        if brk.inword:
            attrs["break"] = "no"
        if brk.hyphen:
            attrs["rend"] = "hyphen"
        sub(parent, "pb", **attrs)
        for fw in brk.furniture:
            self.fw(parent, fw)

    def fw(self, parent: etree._Element, fw: Furniture) -> None:
        """Removed furniture, kept for the record."""
        sub(parent, "fw", fw.text, type=fw.kind, place=fw.place)

    # --- inline ---------------------------------------------------------------

    def inline(self, parent: etree._Element, nodes: list[Inline]) -> None:
        """Emit inline nodes into `parent`.

        Text is gathered and set once per run between elements: growing an lxml text by
        repeated concatenation copies it each time, quadratic in a long paragraph.
        """
        buf: list[str] = []
        for node in nodes:
            if isinstance(node, Text):
                self.tagged(parent, node.text, buf)
                continue
            if isinstance(node, LineJoin) and not node.hard:
                buf.append(" ")
                continue
            _flush(parent, buf)
            if isinstance(node, Hi):
                self.inline(sub(parent, "hi", rend=node.rend), node.children)
            elif isinstance(node, LineJoin):
                sub(parent, "lb")
            elif isinstance(node, PageBreak):
                self.pb(parent, node)
            elif isinstance(node, NoteRef):
                self.note_ref(parent, node)
            elif isinstance(node, Gap):
                sub(parent, "gap", reason=node.reason)
        _flush(parent, buf)

    def tagged(self, parent: etree._Element, text: str, buf: list[str]) -> None:
        """Text with every mention of a listed person as <persName ref="persons.xml#id">; plain
        text goes to `buf`, which is flushed before each element."""
        pos = 0
        for m in persons.pattern().finditer(text):
            ident = persons.ident_of(m)
            buf.append(text[pos : m.start()])
            _flush(parent, buf)
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
        note = sub(parent, "note", place="foot", n=ref.n, xml_id=f"note{self.note_count}")
        self.inline(note, ref.note.children)

    def block(self, parent: etree._Element, block: Block, tag: str = "p", **attrs: str) -> None:
        """A block as one element (a speech as <sp>, a byline, a reviewed book as <bibl>)."""
        if block.role == "sp":
            sp = sub(parent, "sp")
            self.inline(sub(sp, "speaker"), block.children[:1])
            add_text(sp, " ")
            self.inline(sub(sp, "p"), block.children[2:])
            return
        if block.role == "byline" and tag == "p":
            self.inline(sub(parent, "byline"), block.children)
            return
        if block.role == "reviewed" and tag == "p":
            self.inline(sub(parent, "bibl", type="reviewed"), block.children)
            return
        if block.kind == "head" and tag == "p":
            attrs = {"rend": "heading", **attrs}
        if block.kind == "note":
            tag, attrs = "note", {"place": "foot", "n": block.n}
        el = sub(parent, tag, **attrs)
        if block.kind == "row":
            for k, cell in enumerate(block.children):
                if k:
                    add_text(el, " ")
                self.inline(el, [cell])
        else:
            self.inline(el, block.children)

    # --- body -----------------------------------------------------------------

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

    def div(self, parent: etree._Element, div: Div) -> None:
        """A division with its heading."""
        attrs = {"type": div.type}
        if div.n:
            attrs["n"] = div.n
        attrs["xml_id"] = div.xml_id
        for brk in div.lead:
            self.pb(parent, brk)
        el = sub(parent, "div", **attrs)
        for head in div.heads:
            if head.role == "label":
                self.inline(sub(el, "head", type="label"), head.children)
            else:
                self.inline(sub(el, "head"), head.children)
        self.items(el, div.items)

    # --- front ----------------------------------------------------------------

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

    # --- header ---------------------------------------------------------------

    def header(self, tei: etree._Element) -> None:
        """The teiHeader: the edition, the printed source, the copy, the encoding, the change."""
        ed, src = self.ed, self.ed.source
        title = title_case(src.title) if src.title else ed.scan.name
        author = title_case(src.author) if src.author else ""
        header = sub(tei, "teiHeader")
        file_desc = sub(header, "fileDesc")
        stmt = sub(file_desc, "titleStmt")
        sub(stmt, "title", title, type="main")
        sub(stmt, "title", "A digital edition from a library OCR scan", type="sub")
        if author:
            sub(stmt, "author", author)
        resp = sub(stmt, "respStmt")
        sub(resp, "resp", "OCR clean-up and TEI encoding")
        sub(resp, "name", f"edition {__version__}", type="software")
        pub = sub(file_desc, "publicationStmt")
        sub(pub, "p", f"Built by edition {__version__} from the raw scan {ed.scan.name} "
                      f"(sha256 {ed.scan.sha256}, {len(ed.scan.pages)} scanned pages, "
                      f"read as {ed.scan.encoding}, pages split by {ed.scan.convention}).")
        source_desc = sub(file_desc, "sourceDesc")
        if ed.article:
            self.article_bibl(source_desc, title, author)
        else:
            self.bibl(source_desc, title, author)
        scan = sub(source_desc, "bibl", type="scan")
        sub(scan, "title", ed.scan.name)
        sub(scan, "idno", ed.scan.sha256, type="sha256")
        sub(scan, "extent", f"{len(ed.scan.pages)} scanned pages")
        decoding = ed.scan.decoding
        if not decoding.plain:
            sub(scan, "idno", decoding.encoding, type="encoding")
            note = sub(scan, "note", describe(decoding), type="decoding", xml_id="scan-decoding")
            if decoding.replaced:
                note.set("subtype", "replace-undecodable")
        if ed.copy:
            self.ms_desc(source_desc)
        self.encoding(header)
        profile = sub(header, "profileDesc")
        sub(sub(profile, "langUsage"), "language", "English", ident="en")
        rev = sub(header, "revisionDesc")
        sub(rev, "change", f"Edition generated by edition {__version__}: "
                           f"{len(ed.edits)} recorded edits.")

    def bibl(self, parent: etree._Element, title: str, author: str) -> None:
        """The printed source as a structured bibliographic record."""
        src = self.ed.source
        monogr = sub(sub(parent, "biblStruct", type="source"), "monogr")
        if author:
            sub(monogr, "author", author)
        sub(monogr, "title", title, level="m")
        if src.edition:
            sub(monogr, "edition", src.edition)
        imprint = sub(monogr, "imprint")
        if src.place:
            sub(imprint, "pubPlace", title_case(src.place))
        if src.publisher:
            sub(imprint, "publisher", title_case(src.publisher))
        if src.year:
            sub(imprint, "date", src.year, when=src.year)
        else:
            sub(imprint, "date", "unknown")
        if src.printer:
            resp = sub(imprint, "respStmt")
            sub(resp, "resp", "printer")
            org = sub(resp, "orgName", title_case(src.printer))
            if src.printer_place:
                add_text(org, ", ")
                sub(org, "placeName", title_case(src.printer_place))

    def article_bibl(self, parent: etree._Element, title: str, author: str) -> None:
        """An article: its journal, issue and date; a review's book as a related item; the
        list post this copy comes from."""
        art = self.ed.article
        struct = sub(parent, "biblStruct", type="article")
        analytic = sub(struct, "analytic")
        if author:
            sub(analytic, "author", author)
        sub(analytic, "title", title, level="a")
        monogr = sub(struct, "monogr")
        sub(monogr, "title", art.journal or "unknown", level="j")
        imprint = sub(monogr, "imprint")
        if art.volume:
            sub(imprint, "biblScope", art.volume, unit="volume")
        if art.issue:
            sub(imprint, "biblScope", art.issue, unit="issue")
        if art.date_iso:
            sub(imprint, "date", art.date, when=art.date_iso)
        else:
            sub(imprint, "date", art.date or "unknown")
        if art.reviewed:
            book = art.reviewed
            related = sub(struct, "relatedItem", type="reviewed")
            rmonogr = sub(sub(related, "biblStruct"), "monogr")
            sub(rmonogr, "author", book.author)
            sub(rmonogr, "title", book.title, level="m")
            if book.isbn:
                sub(rmonogr, "idno", book.isbn, type="ISBN")
            rimprint = sub(rmonogr, "imprint")
            if book.publisher:
                sub(rimprint, "publisher", book.publisher)
            year = art.date_iso[:4]
            if year and book.month:
                sub(rimprint, "date", f"{book.month} {year}", when=_month_iso(book.month, year))
            else:
                sub(rimprint, "date", year or "unknown")
            if book.pages:
                sub(rmonogr, "extent", E("measure", f"{book.pages} pp", unit="pages",
                                         quantity=book.pages))
            if book.price:
                sub(rmonogr.getparent(), "note", book.price, type="price")
        if art.list_name:
            post = sub(parent, "bibl", type="repost")
            sub(post, "title", f"[{art.list_name}] {art.subject}")
            resp = sub(post, "respStmt")
            sub(resp, "resp", f"posted to the {art.list_name} mailing list by")
            sub(resp, "name", art.poster)
            if art.posted_iso:
                sub(post, "date", art.posted, when=art.posted_iso)

    def ms_desc(self, parent: etree._Element) -> None:
        """The library copy: its holder, identifiers, stamps and accession."""
        copy = self.ed.copy
        ms = sub(parent, "msDesc", type="copy")
        ident = sub(ms, "msIdentifier")
        if copy.institution:
            sub(ident, "institution", title_case(" ".join(copy.institution)))
        if copy.repository:
            sub(ident, "repository", title_case(" ".join(copy.repository)))
        for kind, value in copy.idnos:
            sub(ident, "idno", value, type=kind)
        if len(ident) == 0:
            sub(ident, "idno", "unknown")
        phys = sub(ms, "physDesc")
        additions = sub(phys, "additions")
        p = sub(additions, "p", "Library stamps and marks on the copy, as the OCR read them "
                                "(removed from the text):")
        lst = sub(p, "list")
        for page, text in copy.stamps:
            sub(lst, "item", text, n=self.page_label(page))
        if not copy.stamps:
            additions.remove(p)
        if copy.notices:
            notes = sub(additions, "p", "Digitisation notices and storage labels "
                                        "(removed from the text):")
            nlst = sub(notes, "list")
            for page, text in copy.notices:
                sub(nlst, "item", text, n=self.page_label(page))
        if copy.accession_date is not None:
            date = copy.accession_date
            acq = sub(sub(ms, "history"), "acquisition")
            accession = [v for k, v in copy.idnos if k == "accession"]
            sub(acq, "p", f"Accessioned{' as no. ' + accession[0] if accession else ''} on ",
                E("date", date.text, when=date.iso, cert=date.cert), ".")

    def page_label(self, page: int) -> str:
        """How the header names a scanned page: its printed number, or its scan sequence."""
        n = self.ed.pagination.n(page)
        return f"p. {n}" if n is not None else f"scan {page + 1}"

    def encoding(self, header: etree._Element) -> None:
        """How the edition treated the scan: what was removed, joined, corrected and inferred."""
        ed = self.ed
        enc = sub(header, "encodingDesc")
        sub(sub(enc, "projectDesc"), "p",
            "A reading edition of a library's OCR scan, made by named rules: every character "
            "removed or changed is recorded with its rule and raw offsets by the toolkit.")
        decl = sub(enc, "editorialDecl")
        rules = ed.edits_by_rule()
        counts = "; ".join(
            f"{len(v)} × {RULE_TITLES.get(k, k)}" for k, v in sorted(rules.items())
        )
        sub(sub(decl, "correction", method="silent"), "p",
            "OCR slips corrected only where a rule makes the fix unambiguous: stray marks removed; "
            "words mixing Latin and Cyrillic letters read as Latin. Recorded edits: "
            + (counts or "none") + ".")
        sub(sub(decl, "hyphenation", eol="hard"), "p",
            "A word broken across a page is rejoined (pb with break=\"no\"; rend=\"hyphen\" where "
            "a soft hyphen was removed), decided by the book's own spellings, then a word-frequency "
            "lexicon, then affix rules; true compounds keep their hyphen.")
        sub(sub(decl, "interpretation"), "p",
            "Running headers are found by their recurrence on nearby pages and kept as fw after "
            "each page milestone. Printed page numbers (pb n) are calibrated from the contents "
            "page and inferred along the page sequence; printed pages missing from the scan are "
            "marked pb type=\"unscanned\", uncertain numbers type=\"uncertain\"; preliminary "
            "pages with no printed number have none.")
        sub(sub(decl, "normalization"), "p",
            "The OCR pipeline's markup (heading marks, asterisks for italics, superscript note "
            "markers, backslash escapes) is read as structure; paragraphs continued across page "
            "breaks are rejoined.")
        if not ed.scan.decoding.plain:
            sub(sub(decl, "normalization", source="#scan-decoding"), "p",
                "Before any rule, the scan file's bytes were read as text and its characters "
                "normalised, each change recorded so that the file can be rebuilt: "
                + describe(ed.scan.decoding))
        app = sub(sub(enc, "appInfo"), "application", ident="edition", version=__version__)
        sub(app, "label", "edition")

    # --- document -------------------------------------------------------------

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


def to_tei(edition: Edition) -> etree._Element:
    """The TEI document for an edition."""
    return Emitter(edition).document()


def to_tei_and_people(edition: Edition) -> tuple[etree._Element, dict[str, list[str]]]:
    """The TEI document, and the pages (milestone ids) where each listed person is named."""
    emitter = Emitter(edition)
    root = emitter.document()
    return root, emitter.mentions


#: Elements whose content is text: never indented inside, so no whitespace enters the text.
MIXED = frozenset({
    "p", "head", "note", "hi", "fw", "item", "ref", "titlePart", "docAuthor", "docEdition",
    "docImprint", "byline", "publisher", "addrLine", "signed", "dateline", "seg", "title",
    "author", "resp", "name", "orgName", "change", "label", "idno", "institution", "repository",
    "date", "pubPlace", "edition", "language", "placeName", "l", "sp", "speaker",
    "measure", "extent", "biblScope",
})


def indent(el: etree._Element, level: int = 0) -> None:
    """Indent element-only content two spaces a level; mixed content is left exactly as built."""
    local = etree.QName(el).localname
    if local in MIXED or not len(el) or (el.text or "").strip() or any(
        (child.tail or "").strip() for child in el
    ):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        child.tail = pad
        indent(child, level + 1)
    el[-1].tail = "\n" + "  " * level


def serialize(root: etree._Element) -> bytes:
    """The canonical bytes of a TEI document."""
    indent(root)
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False, pretty_print=True)
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        + f"<?xml-model {SCHEMA_PI}?>\n".encode()
        + body
    )
