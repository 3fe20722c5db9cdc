"""Blocks cut at their blank lines and joined again: for the rules that read a blank line as
a boundary while the paragraph rule weighs it.

In hard-wrapped text a block may hold blank lines (`LineJoin.blank`): the OCR double-spaced a
stretch, or a stanza, a caption or a paragraph stands apart there; `edition.rules.
paragraph_ends` decides which. The verse and plate rules read the parts between blank lines
as the page sets them apart (a stanza, a caption set between paragraphs), so they are handed
the parts (`at_blank_lines`), and what they leave as prose is joined again as it was
(`rejoin`), blank joins and all, for the paragraph rule to weigh.
"""

from __future__ import annotations

from edition.model import Block, Inline, Line, LineJoin

#: For each part of a cut block (by `id`): its block's number on the page, and the blank join
#: before it (None for a block's first part).
Parts = dict[int, tuple[int, LineJoin | None]]


def at_blank_lines(blocks: list[Block]) -> tuple[list[Block], Parts]:
    """A page's blocks cut at their blank joins, and what `rejoin` needs to put them back."""
    out: list[Block] = []
    parts: Parts = {}
    for number, block in enumerate(blocks):
        if block.kind != "p" or not any(isinstance(n, LineJoin) and n.blank
                                        for n in block.children):
            out.append(block)
            continue
        children: list[Inline] = []
        first: Line = block.line
        join_before: LineJoin | None = None
        for node in [*block.children, None]:
            if node is None or (isinstance(node, LineJoin) and node.blank
                                and node.line is not None):
                part = Block(block.kind, children, block.page, first, role=block.role,
                             last_width=node.width if node is not None else block.last_width)
                parts[id(part)] = (number, join_before)
                out.append(part)
                if node is None:
                    break
                assert node.line is not None
                children, first, join_before = [], node.line, node
            else:
                children.append(node)
    return out, parts


def rejoin(blocks: list[Block], parts: Parts) -> list[Block]:
    """The parts `at_blank_lines` made joined again where two that followed each other in
    one block are both still prose with no role (an epigraph's attribution is none), the blank
    join between them kept."""
    out: list[Block] = []
    last: int | None = None  # the block number of the part put out last, while it is prose
    for block in blocks:
        number, join = parts.get(id(block), (None, None))
        if join is not None and out and block.kind == "p" and out[-1].kind == "p" and (
                last == number) and not out[-1].role and not block.role:
            # (an epigraph's attribution, "BBYAOT.", takes in no prose after it)
            out[-1].children.extend([join, *block.children])
            out[-1].last_width = block.last_width
            continue
        out.append(block)
        last = number if block.kind == "p" else None
    return out
