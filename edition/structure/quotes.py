"""Block quotations: letters, speeches, telegrams and articles quoted at length.

A paragraph that opens with a quotation mark right after a paragraph ending in
a colon is quoted matter: words spoken when a verb of speaking introduces them
("he asked:", TEI <said>), written or printed matter otherwise (<quote>).
Printers open every paragraph of a long quotation with a quotation mark and
close only the last, so the quotation runs on over each following paragraph
that opens with a mark while the paragraph before it left its quotation open
(its own marks are unbalanced).
"""

from __future__ import annotations

from itertools import pairwise

import regex

from edition.model import Block, PageBreak

#: A paragraph opening with a quotation mark.
OPENS = regex.compile(r"^\s*[\"“‘']")
#: A paragraph introducing what follows.
INTRODUCES = regex.compile(r"(?r):\s*$")
#: A verb of speaking among the last words before the colon: what follows was said aloud.
SPEECH = regex.compile(
    r"\b(?:said|says|asked|replied|answered|declared|exclaimed|shouted|cried|added|continued|"
    r"laughed|remarked|whispered|retorted|began|told\s+\w+)\b(?:\W+\w+){0,5}\W*:\s*$",
    regex.I,
)


def is_closed(text: str) -> bool:
    """True when the double quotation marks of a text are balanced."""
    straight = text.count('"')
    return straight % 2 == 0 and text.count("“") <= text.count("”")


#: A paragraph that stops with no sentence end: the quotation after it completes its sentence.
OPEN_END = regex.compile(r"(?r)[\p{L},]$")


def unmarked_quotes(items: list[Block | PageBreak]) -> list[tuple[int, int, str]]:
    """Quotations in a text that lost its quotation marks: the paragraph after one ending in a
    colon, and a paragraph in lower case that completes the sentence before it."""
    spans: list[tuple[int, int, str]] = []
    blocks = [k for k, item in enumerate(items) if isinstance(item, Block)]
    for a, b in pairwise(blocks):
        prev, item = items[a], items[b]
        assert isinstance(prev, Block) and isinstance(item, Block)
        if item.kind != "p" or item.role or prev.role == "sp":
            continue
        text = item.text.lstrip()
        if INTRODUCES.search(prev.text) or (
                OPEN_END.search(prev.text.rstrip()) and text[:1].islower()):
            spans.append((b, b + 1, "said" if SPEECH.search(prev.text) else "quote"))
    return spans


def find_quotes(items: list[Block | PageBreak], marked: bool = True) -> list[tuple[int, int, str]]:
    """Index ranges [start, end) of `items` that form block quotations, each with its kind:
    "said" after a verb of speaking ("he asked:"), "quote" for written matter."""
    if not marked:
        return unmarked_quotes(items)
    spans: list[tuple[int, int, str]] = []
    blocks = [k for k, item in enumerate(items) if isinstance(item, Block)]
    k = 0
    while k < len(blocks):
        i = blocks[k]
        item = items[i]
        assert isinstance(item, Block)
        prev = items[blocks[k - 1]] if k else None
        if (
            item.kind in ("p", "head") and OPENS.match(item.text) and isinstance(prev, Block)
            and prev.kind == "p" and INTRODUCES.search(prev.text)
        ):
            text = item.text
            end = k
            while (
                not is_closed(text) and end + 1 < len(blocks)
                and OPENS.match(text := items[blocks[end + 1]].text)  # type: ignore[union-attr]
                and items[blocks[end + 1]].kind in ("p", "head")  # type: ignore[union-attr]
            ):
                end += 1
            spans.append((i, blocks[end] + 1, "said" if SPEECH.search(prev.text) else "quote"))
            k = end + 1
        else:
            k += 1
    return spans
