"""What each printed line of the scan is, and which rule said so: the edition's lines as data.

Every rule that removes or changes text records edits (`model.Edit`), and every line the
edition keeps is in a block of some kind; this module reads both back into one record per
raw line: its role in the field's terms (`ROLES`), the rule that gave it, and that rule's
evidence. It answers "which rule decided that this line is a running head?" from one table,
and `edition lines` prints it.

A line wholly covered by one rule's edits has that rule's role (`ROLE_OF_RULE`: a running
head, a folio, a stamp); a line whose text is in the edition has the role of its block (text,
heading, note, verse, a title-page part, a contents entry); a line kept in part, with a
rule's edit inside it (a folio fused to the first words), keeps its block's role and names the
rule. Blank lines have no role and are not listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from edition.model import Block, Figure, Hi, Inline, NoteRef, Text, iter_text
from edition.pipeline import Edition
from edition.structure.assemble import Group

#: The role of a line wholly removed by a rule, by the rule's name.
ROLE_OF_RULE: dict[str, str] = {
    "running-header": "running-head",
    "page-number": "folio",
    "signature-mark": "signature",
    "catchword": "catchword",
    "library-stamp": "stamp",
    "digitisation-notice": "notice",
    "ocr-noise": "noise",
    "leader-dots": "noise",
    "stray-mark": "noise",
    "page-marker": "page-marker",
    "markup": "markup",
    "list-archive": "metadata",
    "article-metadata": "metadata",
    "footnote": "note",
    "editor": "removed-by-editor",
}
#: The role of a kept line, by the kind of its block.
ROLE_OF_BLOCK: dict[str, str] = {"p": "text", "head": "head", "note": "note", "lg": "verse",
                                 "row": "table-row", "figure": "caption"}
#: Every role a line can have.
ROLES = frozenset({*ROLE_OF_RULE.values(), *ROLE_OF_BLOCK.values(), "title-page", "contents",
                   "front", "epigraph", "unaccounted"})
#: Front-matter block roles and the line role they give.
FRONT_ROLES = {"title": "title-page", "subtitle": "title-page", "byline": "title-page",
               "author": "title-page", "author-more": "title-page", "imprint": "title-page",
               "imprint-place": "title-page", "imprint-more": "title-page",
               "edition": "title-page", "printer": "title-page", "date": "title-page",
               "half-title": "title-page", "epigraph": "epigraph", "epigraph-bibl": "epigraph"}


@dataclass(frozen=True, slots=True)
class LineRole:
    """One raw line: scan page (0-based), line number on the page (1-based, blank lines
    counted), raw span, role (one of ROLES), the rule that gave it ("" for text the rules
    kept as they found it) and the rule's evidence."""

    page: int
    number: int
    start: int
    end: int
    role: str
    rule: str
    evidence: str
    text: str


def _text_nodes(nodes: list[Inline]) -> list[Text]:
    """The raw text nodes of inline content (a rule's inserted text has no raw span)."""
    return [node for node in iter_text(nodes) if node.start >= 0]


def _block_role(block: Block) -> str:
    """The role a block gives its lines."""
    if block.role.startswith("contents"):
        return "contents"
    if block.role in FRONT_ROLES:
        return FRONT_ROLES[block.role]
    if block.role.startswith("front-head:"):
        return "head"
    return ROLE_OF_BLOCK.get(block.kind, "text")


def _kept(edition: Edition) -> list[tuple[int, int, object]]:
    """The raw spans of the edition's text, each with its block's role."""
    blocks: list[Block] = [item for item in edition.front if isinstance(item, Block)]
    for div in edition.divs:
        blocks.extend(div.heads)
        for item in div.items:
            if isinstance(item, Group):
                blocks.extend(b for b in item.items if isinstance(b, Block))
            elif isinstance(item, Block):
                blocks.append(item)
    spans: list[tuple[int, int, object]] = []
    for block in blocks:
        role = _block_role(block)
        for node in block.children:
            if isinstance(node, NoteRef) and node.note is not None:
                spans.extend((n.start, n.end, "note") for n in _text_nodes(node.note.children))
            elif isinstance(node, Figure):
                spans.extend((n.start, n.end, "caption") for n in _text_nodes(node.block.children))
            elif isinstance(node, Text | Hi):
                spans.extend((n.start, n.end, role) for n in _text_nodes([node]))
    return spans


def _sweep(spans: list[tuple[int, int, object]]
           ) -> Callable[[int, int], list[tuple[int, int, object]]]:
    """A function giving, for raw lines in increasing order, the spans that overlap each."""
    spans = sorted(spans, key=lambda s: s[0])
    active: list[tuple[int, int, object]] = []
    at = 0

    def overlapping(start: int, end: int) -> list[tuple[int, int, object]]:
        nonlocal at, active
        while at < len(spans) and spans[at][0] < end:
            active.append(spans[at])
            at += 1
        active = [s for s in active if s[1] > start]
        return [s for s in active if s[0] < end]

    return overlapping


def line_roles(edition: Edition) -> list[LineRole]:
    """The role of every non-blank raw line of an edition's scan, in scan order."""
    kept = _sweep(_kept(edition))
    edited = _sweep([(e.start, e.end, e) for e in edition.edits if e.end > e.start])
    out: list[LineRole] = []
    for page in edition.scan.pages:
        for number, line in enumerate(page.lines, 1):
            if line.blank:
                continue
            roles = [role for _, _, role in kept(line.start, line.end)]
            edits = [e for _, _, e in edited(line.start, line.end)]
            text = line.text.strip()
            if roles:
                first = edits[0] if edits else None
                out.append(LineRole(page.index, number, line.start, line.end, str(roles[0]),
                                    first.rule if first else "", first.note if first else "",
                                    text))
            elif edits:
                main = max(edits, key=lambda e: min(e.end, line.end) - max(e.start, line.start))
                out.append(LineRole(page.index, number, line.start, line.end,
                                    ROLE_OF_RULE.get(main.rule, main.rule), main.rule, main.note,
                                    text))
            else:
                out.append(LineRole(page.index, number, line.start, line.end, "unaccounted", "",
                                    "", text))
    return out
