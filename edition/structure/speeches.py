"""Speeches: a dialogue printed as "BERZIN: What, in your opinion, ..." is a sequence of speeches.

A paragraph that opens with a name in capitals and a colon is a speech by that
speaker (TEI <sp> with <speaker>); the name's text stays in the edition, as
the speaker's label.
"""

from __future__ import annotations

import regex

from edition.model import Block, LineJoin, Text

#: A speaker's name in capitals, then a colon, at the start of a paragraph.
SPEAKER = regex.compile(r"^(?P<who>\p{Lu}[\p{Lu} .’'-]{1,30}\p{Lu}):\s+(?=\S)")


def mark_speech(block: Block) -> bool:
    """Make a paragraph that opens with "NAME:" a speech; its first text node is split in two."""
    if block.kind != "p" or not block.children or not isinstance(block.children[0], Text):
        return False
    first = block.children[0]
    m = SPEAKER.match(first.text)
    if not m or first.end - first.start != len(first.text):
        return False
    label = m.group(0).rstrip()
    block.children[0:1] = [
        Text(label, first.start, first.start + len(label)),
        LineJoin(),
        Text(first.text[m.end():], first.start + m.end(), first.end),
    ]
    block.role, block.n = "sp", m["who"]
    return True
