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
        # most nodes hold no edit: their raw span as it stands
        expected = (apply_edits(raw, node.start, node.end, edits[lo:hi]) if lo < hi
                    else raw[node.start : node.end])
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


#: A coverage map's bytes as 0 (not covered) or 1 (covered by anything), for `bytes.translate`.
_COVERED = bytes([0] + [1] * 255)


def uncovered_runs(covered: bytearray) -> list[tuple[int, int]]:
    """The maximal runs [start, end) of zero bytes in a coverage map (one byte per raw
    character), in order: each run's ends found by `bytes.find` (a memory scan in C) on the
    map made 0 or 1, rather than by a Python loop over every character of the scan (or a
    regular expression, twice as slow on the ten thousand runs of a novel's line breaks)."""
    flags = covered.translate(_COVERED)
    runs: list[tuple[int, int]] = []
    start = flags.find(0)
    while start >= 0:
        end = flags.find(1, start)
        if end < 0:
            runs.append((start, len(flags)))
            break
        runs.append((start, end))
        start = flags.find(0, end)
    return runs
