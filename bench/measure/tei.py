"""An edition's reading-text blocks, divisions, page breaks and notes, read from its TEI.

The blocks are those of `edition text` (the reading text): the elements of `BLOCKS`, their
footnotes as blocks of their own after them, running heads and other `<fw>` left out, a line
break read as a space. Verse is read too: an `<lg>` is one block (its lines joined, as a
transcription's stanza is one paragraph), an `<l>` outside one is a block. A block's `marked`
text also holds a `PB` character (whitespace) where a page break stands in or before it, so
that furniture left next to it can be found; `text` is the reading text as `edition text`
gives it, without them (a page break inside a word, `break="no"`, joins its halves).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"
#: Elements that are a block of reading text of their own (those of `edition text`, and verse).
BLOCKS = frozenset(
    TEI + tag for tag in ("p", "head", "item", "titlePart", "byline", "docImprint", "docEdition",
                          "signed", "dateline", "note", "seg", "sp", "bibl", "lg", "l")
)
#: Elements whose content is not reading text.
SKIP = frozenset({TEI + "fw", TEI + "teiHeader"})
PB_TAG, LB, ADDR, NOTE, DIV, HEAD, L = (TEI + t for t in ("pb", "lb", "addrLine", "note", "div",
                                                         "head", "l"))
#: Stands for a page break inside a block's marked text.
PB = "\x0c"


@dataclass(frozen=True, slots=True)
class PageMark:
    """A `<pb>`: its printed number and type (None when absent)."""

    n: str | None
    type: str | None


@dataclass(slots=True)
class TeiBlock:
    """One block of reading text: where it stands (front, body, back), its element, its text
    with `PB` where a page break stands inside it, and those page breaks in order."""

    part: str
    tag: str
    marked: str
    pbs: list[PageMark] = field(default_factory=list)
    div: int = -1  # the innermost division holding it (index into TeiDoc.divs), -1 if none
    text: str = ""  # the reading text: `marked` without its page breaks

    def __post_init__(self) -> None:
        self.text = self.marked.replace(PB, "")


@dataclass(slots=True)
class TeiDiv:
    """A `<div>`: its part, depth (1 for a top-level division), head text, first block."""

    part: str
    depth: int
    head: str
    first_block: int


@dataclass(slots=True)
class TeiDoc:
    """What the measurement reads from an edition's TEI."""

    blocks: list[TeiBlock] = field(default_factory=list)
    divs: list[TeiDiv] = field(default_factory=list)
    pages: list[PageMark] = field(default_factory=list)  # every <pb>, in document order
    notes: dict[str, int] = field(default_factory=dict)  # <note> per part
    verse_lines: dict[str, int] = field(default_factory=dict)  # <l> per part


class _Reader:
    def __init__(self) -> None:
        self.doc = TeiDoc()
        self.part = "front"
        self.div_stack: list[int] = []
        self.pending: list[PageMark] = []  # page breaks between blocks, for the next block

    def mark(self, el: etree._Element) -> PageMark:
        mark = PageMark(el.get("n"), el.get("type"))
        self.doc.pages.append(mark)
        return mark

    def inline(self, el: etree._Element, notes: list[etree._Element], pbs: list[PageMark]) -> str:
        out: list[str] = [el.text or ""]
        for k, child in enumerate(el):
            if child.tag == NOTE:
                notes.append(child)
                self.count(child)
            elif child.tag == PB_TAG:
                pbs.append(self.mark(child))
                out.append(PB)
            elif child.tag in (LB, L) or (child.tag == ADDR and k):
                out.append(" ")
                if child.tag != LB:
                    self.count(child)
                    out.append(self.inline(child, notes, pbs))
            elif isinstance(child.tag, str) and child.tag not in SKIP:
                self.count(child)
                out.append(self.inline(child, notes, pbs))
            out.append(child.tail or "")
        return "".join(out)

    def count(self, el: etree._Element) -> None:
        if el.tag == NOTE:
            self.doc.notes[self.part] = self.doc.notes.get(self.part, 0) + 1
        elif el.tag == L:
            self.doc.verse_lines[self.part] = self.doc.verse_lines.get(self.part, 0) + 1

    def block(self, el: etree._Element) -> None:
        notes: list[etree._Element] = []
        pbs: list[PageMark] = list(self.pending)
        text = PB * len(self.pending) + self.inline(el, notes, pbs)
        self.pending = []
        div = self.div_stack[-1] if self.div_stack else -1
        self.doc.blocks.append(TeiBlock(self.part, el.tag.removeprefix(TEI), text, pbs, div))
        for note in notes:
            self.block(note)

    def collect(self, el: etree._Element) -> None:
        for child in el:
            if not isinstance(child.tag, str) or child.tag in SKIP:
                continue
            if child.tag in (TEI + "front", TEI + "body", TEI + "back"):
                self.part = child.tag.removeprefix(TEI)
            if child.tag == PB_TAG:
                self.pending.append(self.mark(child))
            elif child.tag in BLOCKS:
                self.count(child)
                self.block(child)
            elif child.tag == DIV:
                head = child.find(HEAD)
                text = " ".join("".join(head.itertext()).split()) if head is not None else ""
                self.doc.divs.append(TeiDiv(self.part, len(self.div_stack) + 1, text,
                                            len(self.doc.blocks)))
                self.div_stack.append(len(self.doc.divs) - 1)
                self.collect(child)
                self.div_stack.pop()
            else:
                self.collect(child)


def read_tei(root: etree._Element) -> TeiDoc:
    """The blocks, divisions, page breaks, notes and verse lines of a TEI edition."""
    reader = _Reader()
    for text in root.iter(TEI + "text"):
        reader.collect(text)
    if reader.pending:  # page breaks after the last block
        reader.doc.blocks.append(TeiBlock(reader.part, "pb", PB * len(reader.pending),
                                          list(reader.pending)))
    return reader.doc


def parse(data: bytes) -> etree._Element:
    """A TEI document's root (large editions allowed, no network, no entities)."""
    parser = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)
    return etree.fromstring(data, parser)
