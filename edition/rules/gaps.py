"""Text evidently lost from a source: a paragraph that stops mid-sentence before a new one.

When a paragraph ends with no sentence end (a word or a comma) and the next
paragraph starts a new sentence (a capital), the words between them were lost
(in a repost, a copy-and-paste that dropped lines). The place is marked
(TEI <gap reason="lost"/>) and reported; nothing is invented.
"""

from __future__ import annotations

from itertools import pairwise

import regex

from edition.model import Block, Gap
from edition.warnings import BuildWarning

#: A paragraph end with no sentence end: a letter or a comma.
UNFINISHED = regex.compile(r"[\p{L},]$")
#: A new sentence: a capital, perhaps after an opening quote.
NEW_SENTENCE = regex.compile(r"^[\"“‘'(]*\p{Lu}")


def mark_gaps(blocks: list[Block]) -> list[BuildWarning]:
    """Append a gap to each paragraph that stops mid-sentence before a new sentence; warnings."""
    warnings: list[BuildWarning] = []
    for prev, nxt in pairwise(blocks):
        if (prev.kind != "p" or nxt.kind != "p" or prev.role in ("sp", "byline", "reviewed")
                or nxt.role in ("quote", "said")):
            continue
        before, after = prev.text.rstrip(), nxt.text.lstrip()
        if UNFINISHED.search(before) and NEW_SENTENCE.match(after):
            prev.children.append(Gap("lost"))
            warnings.append(BuildWarning(
                "W201", f"text lost after \"...{before[-40:]}\" (before \"{after[:30]}...\")", nxt.page))
    return warnings
