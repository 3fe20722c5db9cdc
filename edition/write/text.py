"""The reading text of an edition, and its diplomatic page text, from the TEI alone.

Reading text: blocks separated by blank lines, footnotes after the block citing
them, no running headers (<fw>), page numbers or stamps; words rejoined. With
`pages`, printed page boundaries are marked inline as "[p. 43]". The
diplomatic text rebuilds each scanned page as printed: its furniture at the top,
the text with soft hyphens restored at page ends, footnotes at the foot.
"""

from __future__ import annotations

from lxml import etree

from edition.pipeline import Edition

TEI = "{http://www.tei-c.org/ns/1.0}"
#: Elements that are a block of reading text of their own.
BLOCKS = frozenset(
    TEI + tag for tag in ("p", "head", "item", "titlePart", "byline", "docImprint",
                          "docEdition", "signed", "dateline", "note", "seg", "sp", "bibl")
)
#: Elements whose content is not reading text.
SKIP = frozenset({TEI + "fw", TEI + "teiHeader"})
PB, LB, ADDR, NOTE = TEI + "pb", TEI + "lb", TEI + "addrLine", TEI + "note"


def page_mark(pb: etree._Element) -> str:
    """The inline mark for a page boundary: "[p. 43]", "[p. 16 not scanned]", "[scan 3]"."""
    n = pb.get("n")
    if n is None:
        return f"[{pb.get('{http://www.w3.org/XML/1998/namespace}id', 'page')}]"
    return f"[p. {n} not scanned]" if pb.get("type") == "unscanned" else f"[p. {n}]"


class _Reader:
    """Collects reading-text blocks from a TEI tree."""

    def __init__(self, pages: bool) -> None:
        self.pages = pages
        self.blocks: list[str] = []
        self.pending: list[str] = []  # page marks met between blocks

    def inline(self, el: etree._Element, notes: list[etree._Element]) -> str:
        out: list[str] = [el.text or ""]
        for k, child in enumerate(el):
            if child.tag == NOTE:
                notes.append(child)
            elif child.tag == PB:
                if self.pages:
                    out.append(page_mark(child))
            elif child.tag == LB or (child.tag == ADDR and k):
                out.append("" if child.get("break") == "no" else " ")
                if child.tag == ADDR:
                    out.append(self.inline(child, notes))
            elif isinstance(child.tag, str) and child.tag not in SKIP:
                out.append(self.inline(child, notes))
            out.append(child.tail or "")
        return "".join(out)

    def block(self, el: etree._Element) -> None:
        notes: list[etree._Element] = []
        text = self.inline(el, notes).strip()
        if self.pending:
            text = " ".join([*self.pending, text]).strip()
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
            elif child.tag in BLOCKS:
                self.block(child)
            else:
                self.collect(child)


def tei_text(root: etree._Element, pages: bool = False) -> str:
    """The reading text of a TEI edition; with `pages`, page boundaries marked inline."""
    reader = _Reader(pages)
    for text in root.iter(TEI + "text"):
        reader.collect(text)
    if reader.pending:
        reader.blocks.append(" ".join(reader.pending))
    return "\n\n".join(b for b in reader.blocks if b) + "\n"


def edition_text(edition: Edition) -> str:
    """The reading text of the pipeline's model of an edition."""
    return "\n\n".join(t for b in edition.blocks() if (t := b.text.strip())) + "\n"


# --- diplomatic ---------------------------------------------------------------------


class _Pages:
    """Rebuilds page text: furniture on top, blocks, footnotes at the foot."""

    def __init__(self) -> None:
        self.pages: list[dict[str, list[str]]] = []
        self.current: list[str] = []  # the open block's text on the current page

    def new_page(self, pb: etree._Element | None) -> None:
        self.flush()
        self.pages.append({"top": [], "body": [], "foot": []})

    def flush(self) -> None:
        text = "".join(self.current).strip()
        if text and self.pages:
            self.pages[-1]["body"].append(text)
        self.current = []

    def inline(self, el: etree._Element) -> None:
        self.current.append(el.text or "")
        for k, child in enumerate(el):
            if child.tag == PB:
                if child.get("rend") == "hyphen":
                    self.current.append("-")
                if child.get("type") != "unscanned":
                    self.new_page(child)
            elif child.tag == TEI + "fw":
                self.pages[-1]["top" if child.get("place") != "bottom" else "foot"].append(
                    "".join(child.itertext()).strip())
            elif child.tag == NOTE:
                self.pages[-1]["foot"].append(
                    f"{child.get('n', '*')} " + " ".join("".join(child.itertext()).split()))
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
                self.pages[-1]["top"].append("".join(child.itertext()).strip())
            elif child.tag in BLOCKS:
                self.flush()
                self.inline(child)
                self.flush()
            else:
                self.walk(child)


def diplomatic_text(root: etree._Element) -> str:
    """Each scanned page rebuilt from the edition, with its furniture and stamps, in scan order."""
    builder = _Pages()
    for text in root.iter(TEI + "text"):
        builder.walk(text)
    builder.flush()
    stamps: dict[int, list[str]] = {}
    for item in root.iterfind(f".//{TEI}msDesc//{TEI}additions//{TEI}item"):
        label = item.get("n", "")
        if label.startswith("scan "):
            stamps.setdefault(int(label[5:]) - 1, []).append(item.text or "")
    out = []
    for k, page in enumerate(builder.pages):
        parts = [*stamps.get(k, []), *page["top"], *page["body"], *page["foot"]]
        out.append("\n\n".join(p for p in parts if p))
    return "\n\n\n\n".join(out) + "\n"
