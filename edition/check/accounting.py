"""The lossless accounting: every raw character is in the edition's text or in a recorded edit.

This is what makes the edition reviewable: a character the reading text does
not hold must be covered by an edit naming the rule that removed it, and every
text node must equal its raw span with the edits inside it applied.
"""

from __future__ import annotations

import re
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
    for start, end in uncovered_runs(covered):
        chunk = raw[start:end]
        if rest := chunk.lstrip():  # from its first non-blank character to the run's end
            result.unaccounted.append((end - len(rest), end))
    return result


#: A run of raw characters nothing covers (a 0 in a coverage map).
_UNCOVERED = re.compile(rb"\x00+")


def uncovered_runs(covered: bytearray) -> list[tuple[int, int]]:
    """The maximal runs [start, end) of zero bytes in a coverage map (one byte per raw
    character), in order: found by the regular expression engine rather than a Python loop
    over every character of the scan."""
    return [m.span() for m in _UNCOVERED.finditer(covered)]
