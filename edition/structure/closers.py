"""A division's closing signature and dateline ("W. G. KRIVITSKY." / "New York, October 1939.").

At the end of a division, a short line in capitals is a signature and a short
line naming a month or a year is a dateline; they close the division (TEI
<closer>) only when a signature is among them.
"""

from __future__ import annotations

import regex

from edition.model import Block, PageBreak

#: Most words in a signature line.
SIGNED_WORDS = 6
#: Most words in a dateline.
DATELINE_WORDS = 12
#: Share of letters in capitals from which a short line is a signature.
CAPS_SHARE = 0.8
#: A year or a month name, the mark of a dateline.
DATE_WORD = regex.compile(
    r"\b(?:1[5-9]\d\d|20\d\d|January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b"
)


def role_of(block: Block) -> str:
    """"signed", "dateline" or "" for a block at the end of a division."""
    text = block.text.strip()
    words = text.split()
    letters = [c for c in text if c.isalpha()]
    if block.kind != "p" or not letters:
        return ""
    if len(words) <= SIGNED_WORDS and sum(c.isupper() for c in letters) / len(letters) >= CAPS_SHARE:
        return "signed"
    if len(words) <= DATELINE_WORDS and DATE_WORD.search(text) and not text.endswith(":"):
        return "dateline"
    return ""


def find_closer(items: list[Block | PageBreak]) -> int | None:
    """The index in `items` where the division's closer begins, or None."""
    start = None
    roles: list[str] = []
    for k in range(len(items) - 1, -1, -1):
        item = items[k]
        if isinstance(item, PageBreak):
            continue
        role = role_of(item)
        if not role or len(roles) >= 2 or role in roles:
            break
        roles.append(role)
        start = k
    if start is None or "signed" not in roles:
        return None
    for k in range(start, len(items)):
        item = items[k]
        if isinstance(item, Block):
            item.role = role_of(item)
    return start
