"""The lossless accounting: every raw character is in the edition's text or in a recorded edit.

This is what makes the edition reviewable: a character the reading text does
not hold must be covered by an edit naming the rule that removed it, and every
text node must equal its raw span with the edits inside it applied.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from edition.model import Edit, Text, iter_text
from edition.pipeline import Edition


@dataclass(slots=True)
class Accounting:
    """Per-rule totals, raw spans nobody accounts for, and text nodes that disagree with raw."""

    kept: int = 0
    removed: Counter[str] = field(default_factory=Counter)
    unaccounted: list[tuple[int, int]] = field(default_factory=list)
    mismatched: list[tuple[int, int, str, str]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """True when every raw character is accounted for and every text node agrees with raw."""
        return not self.unaccounted and not self.mismatched


def apply_edits(raw: str, start: int, end: int, edits: list[Edit]) -> str:
    """The raw span [start, end) with the edits inside it applied."""
    out, pos = [], start
    for e in edits:
        if e.start < start or e.end > end or e.start == e.end:
            continue
        out.append(raw[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(raw[pos:end])
    return "".join(out)


def text_nodes(edition: Edition) -> list[Text]:
    """Every text node of the edition that comes from the raw scan."""
    nodes: list[Text] = []
    for block in edition.blocks():
        nodes.extend(t for t in iter_text(block.children) if t.start >= 0)
    return nodes


def account(edition: Edition) -> Accounting:
    """Check that raw = kept text + recorded removals, character for character but whitespace."""
    raw = edition.scan.raw
    covered = bytearray(len(raw))
    result = Accounting()
    edits = sorted(edition.edits, key=lambda e: e.start)
    starts = [e.start for e in edits]

    for node in text_nodes(edition):
        covered[node.start : node.end] = b"\x01" * (node.end - node.start)
        lo = bisect_left(starts, node.start)
        hi = bisect_left(starts, node.end)
        expected = apply_edits(raw, node.start, node.end, edits[lo:hi])
        if expected != node.text:
            result.mismatched.append((node.start, node.end, expected, node.text))
        result.kept += len(node.text)
    for e in edits:
        covered[e.start : e.end] = b"\x02" * (e.end - e.start)
        result.removed[e.rule] += e.end - e.start
    pos = 0
    n = len(raw)
    while pos < n:
        if covered[pos] or raw[pos].isspace():
            pos += 1
            continue
        end = pos
        while end < n and not covered[end]:
            end += 1
        if raw[pos:end].strip():
            result.unaccounted.append((pos, end))
        pos = end
    return result
