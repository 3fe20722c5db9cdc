"""The reading text of an edition, and its diplomatic page text, from the TEI alone.

Reading text: blocks separated by blank lines, footnotes after the block citing
them, no running headers (<fw>), page numbers or stamps; words rejoined. With
`pages`, printed page boundaries are marked inline as "[p. 43]". The
diplomatic text rebuilds each scanned page as printed: its furniture at the top,
the text with soft hyphens restored at page ends, footnotes at the foot; or, where the edition
has a facsimile with zones, its pieces in the reading order of their zones.
"""

from __future__ import annotations

from lxml import etree

from edition.model import Inline, plain
from edition.pipeline import Edition

TEI = "{http://www.tei-c.org/ns/1.0}"
#: Elements that are a block of reading text of their own.
BLOCKS = frozenset(
    TEI + tag for tag in ("p", "head", "item", "titlePart", "byline", "docImprint", "docDate",
                          "docEdition", "signed", "dateline", "note", "seg", "sp", "bibl")
)
#: Elements whose content is not reading text.
SKIP = frozenset({TEI + "fw", TEI + "teiHeader", TEI + "orig", TEI + "sic"})
#: The edition's readings beside the scan's forms (<choice><orig/><reg/></choice>): the
#: diplomatic text reads the scan's forms instead.
READINGS = frozenset({TEI + "reg", TEI + "corr"})


def scan_text(el: etree._Element) -> str:
    """An element's text as the scan has it: the scan's form of every normalised or corrected
    reading (orig, sic), not the edition's (reg, corr)."""
    out = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in READINGS:
            out.append(scan_text(child))
        out.append(child.tail or "")
    return "".join(out)
PB, LB, ADDR, NOTE = TEI + "pb", TEI + "lb", TEI + "addrLine", TEI + "note"
#: Verse: a stanza is a block of reading text, each of its lines a line.
LG, L = TEI + "lg", TEI + "l"
FIGURE, HEAD = TEI + "figure", TEI + "head"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def page_mark(pb: etree._Element) -> str:
    """The inline mark for a page boundary: "[p. 43]", "[p. 16 not scanned]", "[scan 3]"."""
    n = pb.get("n")
    if n is None:
        return f"[{pb.get('{http://www.w3.org/XML/1998/namespace}id', 'page')}]"
    return f"[p. {n} not scanned]" if pb.get("type") == "unscanned" else f"[p. {n}]"


def illustration(caption: str) -> str:
    """How a plate reads in the reading text, as a block of its own: "[Illustration: caption]"
    (the convention of Project Gutenberg's texts), "[Illustration]" without a caption."""
    caption = " ".join(caption.split())
    return f"[Illustration: {caption}]" if caption else "[Illustration]"


def note_mark(note: etree._Element) -> str:
    """How a footnote's marker reads in the text: its printed marker in brackets, "[1]"."""
    return f"[{note.get('n') or '*'}]"


#: Stands after a page mark until the text is joined: a space there unless one follows.
SPACE_AFTER_MARK = "\x00"


def _settle_marks(text: str) -> str:
    """Text with each SPACE_AFTER_MARK made a space, unless whitespace follows already."""
    if SPACE_AFTER_MARK not in text:
        return text
    out = []
    parts = text.split(SPACE_AFTER_MARK)
    for k, part in enumerate(parts):
        out.append(part)
        if k + 1 < len(parts):
            nxt = next((p for p in parts[k + 1 :] if p), "")
            if nxt and not nxt[0].isspace():
                out.append(" ")
    return "".join(out)


class _Reader:
    """Collects reading-text blocks from a TEI tree."""

    def __init__(self, pages: bool, markers: bool = True) -> None:
        self.pages = pages
        self.markers = markers
        self.blocks: list[str] = []
        self.pending: list[str] = []  # page marks met between blocks

    def inline(self, el: etree._Element, notes: list[etree._Element]) -> str:
        out: list[str] = [el.text or ""]
        for k, child in enumerate(el):
            if child.tag == NOTE:
                notes.append(child)
                if self.markers:
                    out.append(note_mark(child))
            elif child.tag == FIGURE:
                notes.append(child)  # a plate inside a paragraph reads after it, never inside
            elif child.tag == PB:
                if self.pages:
                    out.append(page_mark(child))
                    # a page that begins between words reads "word [p. 43] next" (the text
                    # after the mark may come after the page's furniture, which is skipped)
                    if child.get("break") != "no":
                        out.append(SPACE_AFTER_MARK)
            elif child.tag == LB or (child.tag == ADDR and k):
                out.append("" if child.get("break") == "no" else " ")
                if child.tag == ADDR:
                    out.append(self.inline(child, notes))
            elif isinstance(child.tag, str) and child.tag not in SKIP:
                out.append(self.inline(child, notes))
            out.append(child.tail or "")
        return _settle_marks("".join(out))

    def block(self, el: etree._Element) -> None:
        notes: list[etree._Element] = []
        if el.tag == FIGURE:  # with markers "[Illustration: caption]", else the caption
            head = el.find(HEAD)
            text = self.inline(head, notes).strip() if head is not None else ""
            text = illustration(text) if self.markers else text
        else:
            text = self.inline(el, notes).strip()
        if el.tag == NOTE and self.markers:
            text = f"{note_mark(el)} {text}"
        if self.pending:
            text = " ".join([*self.pending, text]).strip()
            self.pending = []
        self.blocks.append(text)
        for note in notes:
            self.block(note)

    def verse(self, el: etree._Element) -> None:
        """A stanza: one block, a line of text for each of its lines."""
        notes: list[etree._Element] = []
        lines = [" ".join(self.inline(line, notes).split()) for line in el.iter(L)]
        text = "\n".join(lines)
        if self.pending:
            text = " ".join(self.pending) + "\n" + text
            self.pending = []
        self.blocks.append(text)
        for note in notes:
            self.block(note)

    def collect(self, el: etree._Element) -> None:
        for child in el:
            if not isinstance(child.tag, str) or child.tag in SKIP:
                continue
            if child.tag == PB:
                if self.pages:
                    self.pending.append(page_mark(child))
            elif child.tag == LG and not any(c.tag == LG for c in child):
                self.verse(child)
            elif child.tag in BLOCKS or child.tag == FIGURE:
                self.block(child)
            else:
                self.collect(child)


def tei_text(root: etree._Element, pages: bool = False, markers: bool = True) -> str:
    """The reading text of a TEI edition; with `pages`, page boundaries marked inline.

    Footnotes follow the paragraph citing them; with `markers` (the default) each reference
    reads as its printed marker in brackets ("...as he said.[1]") and the note begins with
    it ("[1] Ibid., p. 4."), so a reader can tell which note belongs where; a plate reads
    as a block of its own after the paragraph it stands in, "[Illustration: caption]"
    (without `markers`, its caption alone).
    """
    reader = _Reader(pages, markers)
    for text in root.iter(TEI + "text"):
        reader.collect(text)
    if reader.pending:
        reader.blocks.append(" ".join(reader.pending))
    return "\n\n".join(b for b in reader.blocks if b) + "\n"


def _marked(nodes: list[Inline]) -> str:
    """The reading text of inline nodes with each note reference as its marker, "[1]"."""
    return plain(nodes, markers=True)


def edition_text(edition: Edition, markers: bool = True) -> str:
    """The reading text of the pipeline's model of an edition: what `tei_text` reads from
    its TEI (footnote markers as there, with `markers`)."""
    blocks: list[str] = []
    for block in edition.blocks():
        if block.kind == "figure":
            text = illustration(_marked(block.children)) if markers else block.text.strip()
        elif not markers or block.kind == "row":
            text = block.text.strip()
        else:
            text = _marked(block.children).strip()
            if block.kind == "note" and text:
                text = f"[{block.n or '*'}] {text}"
        if text:
            blocks.append(text)
    return "\n\n".join(blocks) + "\n"


# --- diplomatic ---------------------------------------------------------------------


#: Where a piece of a page stands when the page has no facsimile zones to order it by.
PLACES = {"top": 0, "body": 1, "foot": 2}


class _Pages:
    """Rebuilds page text. Each piece of a page (a block's part on it, a furniture line, a
    footnote) is kept with the place of its zone in the facsimile (`zones`: zone ID -> order),
    from its `@facs`; a piece without one (a paragraph running on from the page before) follows
    the piece before it. Pages whose pieces point to no zone fall back to furniture on top,
    blocks, footnotes at the foot."""

    def __init__(self, zones: dict[str, int]) -> None:
        self.zones = zones
        self.pages: list[list[tuple[str, int | None, int, str]]] = []
        self.current: list[str] = []  # the open block's text on the current page
        self.key: int | None = None  # the zone order of the open block's piece on this page
        self.seq = 0
        self.block_seq = 0  # the open block's piece's place among the page's pieces

    def zone_key(self, el: etree._Element) -> int | None:
        """The facsimile order of the zone an element points to, or None."""
        facs = el.get("facs", "")
        return self.zones.get(facs[1:]) if facs.startswith("#") else None

    def add(self, place: str, key: int | None, text: str) -> None:
        """A piece of the current page."""
        self.seq += 1
        if text and self.pages:
            self.pages[-1].append((place, key, self.seq, text))

    def new_page(self, pb: etree._Element | None) -> None:
        self.flush()
        self.pages.append([])
        self.key = None  # the open block's text on the new page has no zone of its own

    def begin(self, el: etree._Element) -> None:
        """A block begins: its piece takes the block's zone and its place in the page."""
        self.flush()
        self.key = self.zone_key(el)
        self.seq += 1
        self.block_seq = self.seq

    def flush(self) -> None:
        text = "".join(self.current).strip()
        if text and self.pages:
            self.pages[-1].append(("body", self.key, self.block_seq, text))
        self.current = []

    def inline(self, el: etree._Element) -> None:
        self.current.append(el.text or "")
        for k, child in enumerate(el):
            if child.tag == PB:
                if child.get("rend") == "hyphen":
                    self.current.append("-")
                if child.get("type") != "unscanned":
                    self.new_page(child)
                    self.seq += 1
                    self.block_seq = self.seq
            elif child.tag == TEI + "fw":
                self.add("top" if child.get("place") != "bottom" else "foot",
                         self.zone_key(child), scan_text(child).strip())
            elif child.tag == NOTE:
                self.add("foot", self.zone_key(child), f"{child.get('n', '*')} "
                         + " ".join(scan_text(child).split()))
            elif child.tag in READINGS:
                pass  # the scan's form stands beside it
            elif child.tag == FIGURE:
                self.current.append("\n")  # a plate inside a paragraph: its own lines
                self.inline(child)
                self.current.append("\n")
            elif child.tag == LB or (child.tag == ADDR and k):
                self.current.append("-\n" if child.get("rend") == "hyphen" else "\n")
                if child.tag == ADDR:
                    self.inline(child)
            elif isinstance(child.tag, str):
                self.inline(child)
            self.current.append(child.tail or "")

    def walk(self, el: etree._Element) -> None:
        for child in el:
            if not isinstance(child.tag, str) or child.tag == TEI + "teiHeader":
                continue
            if child.tag == PB:
                if child.get("type") != "unscanned":
                    self.new_page(child)
            elif child.tag == TEI + "fw" and self.pages:
                self.add("top", self.zone_key(child), "".join(child.itertext()).strip())
            elif child.tag in BLOCKS or child.tag == L:
                self.begin(child)
                self.inline(child)
                self.flush()
            else:
                self.walk(child)

    def page_text(self, k: int) -> list[str]:
        """A page's pieces in the order of the facsimile, or by place where it has no zones."""
        pieces = self.pages[k]
        if not any(key is not None for _, key, _, _ in pieces):
            return [text for _, _, _, text in sorted(pieces, key=lambda p: (PLACES[p[0]], p[2]))]
        keyed: list[tuple[float, int, str]] = []
        last = -1.0
        for _, key, seq, text in sorted(pieces, key=lambda p: p[2]):
            last = float(key) if key is not None else last
            keyed.append((last, seq, text))
        return [text for _, _, text in sorted(keyed)]


def diplomatic_text(root: etree._Element) -> str:
    """Each scanned page rebuilt from the edition, with its furniture and stamps, in scan order;
    where the edition has a facsimile with zones, each page's pieces stand in the reading order
    of its zones (and with `<lb/>`s kept, as `edition build --lines` writes, line by line)."""
    zones = {z.get(XML_ID, ""): k for k, z in enumerate(root.iterfind(f".//{TEI}facsimile//{TEI}zone"))}
    builder = _Pages(zones)
    for text in root.iter(TEI + "text"):
        builder.walk(text)
    builder.flush()
    stamps: dict[int, list[str]] = {}
    for item in root.iterfind(f".//{TEI}msDesc//{TEI}additions//{TEI}item"):
        label = item.get("n", "")
        if label.startswith("scan "):
            stamps.setdefault(int(label[5:]) - 1, []).append(item.text or "")
    out = []
    for k in range(len(builder.pages)):
        parts = [*stamps.get(k, []), *builder.page_text(k)]
        out.append("\n\n".join(p for p in parts if p))
    return "\n\n\n\n".join(out) + "\n"
