"""The reading text: blocks separated by blank lines, footnotes after the block citing them.

Two sources give the same text: the TEI edition alone (`tei_text`), and the
pipeline's own model (`edition_text`). Running headers (<fw>) and page
milestones are not reading text; a line break reads as a space.
"""

from __future__ import annotations

from lxml import etree

from edition.pipeline import Edition

TEI = "{http://www.tei-c.org/ns/1.0}"
#: Elements that are a block of reading text of their own.
BLOCKS = frozenset(
    TEI + tag for tag in ("p", "head", "item", "titlePart", "byline", "docImprint",
                          "docEdition", "signed", "dateline", "note", "seg")
)
#: Elements whose content is not reading text.
SKIP = frozenset({TEI + "fw", TEI + "pb", TEI + "teiHeader"})
#: Elements that stand for a line break within a block.
BREAKS = frozenset({TEI + "lb"})


def _inline(el: etree._Element, notes: list[etree._Element]) -> str:
    """The text inside a block element; notes met on the way are collected for later."""
    out: list[str] = [el.text or ""]
    for k, child in enumerate(el):
        if child.tag == TEI + "note":
            notes.append(child)
        elif child.tag in BREAKS or (child.tag == TEI + "addrLine" and k):
            out.append(" ")
            out.append(_inline(child, notes) if child.tag not in BREAKS else "")
        elif child.tag not in SKIP:
            out.append(_inline(child, notes))
        out.append(child.tail or "")
    return "".join(out)


def _collect(el: etree._Element, out: list[str]) -> None:
    """Append the reading text blocks under `el`."""
    for child in el:
        if not isinstance(child.tag, str) or child.tag in SKIP:
            continue
        if child.tag in BLOCKS:
            _collect_block(child, out)
        else:
            _collect(child, out)


def _collect_block(el: etree._Element, out: list[str]) -> None:
    """Append one block and its notes."""
    notes: list[etree._Element] = []
    out.append(_inline(el, notes).strip())
    for note in notes:
        _collect_block(note, out)


def tei_text(root: etree._Element) -> str:
    """The reading text of a TEI edition."""
    out: list[str] = []
    for text in root.iter(TEI + "text"):
        _collect(text, out)
    return "\n\n".join(b for b in out if b) + "\n"


def edition_text(edition: Edition) -> str:
    """The reading text of the pipeline's model of an edition."""
    return "\n\n".join(t for b in edition.blocks() if (t := b.text.strip())) + "\n"
