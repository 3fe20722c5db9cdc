"""Anchors: where in the raw scan a correction applies, found again when offsets have moved.

A correction records its raw offset, the scan's text there (`original`) and up to
`CONTEXT_CHARS` characters of the scan's text on each side. While the scan is unchanged the
offset finds it at once. When the scan changed (a page inserted or removed before it, a page
re-OCRed), the offset is wrong by however much text came or went, so the anchor is looked for
by its text: every place where `original` stands with at least `MIN_CONTEXT` characters of the
recorded context agreeing around it is a candidate; the one with the most agreeing context
wins, and of equals the one nearest the recorded offset. An anchor found nowhere, or found in
places that tie, is reported (the correction is then stale), never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from edition.corrections.model import Correction

#: Characters of the scan's text recorded on each side of an anchor: about four words, enough
#: to tell one "the" from another on a page and to find the anchor again after a page is
#: inserted, few enough that an OCR fix nearby rarely disturbs both sides.
CONTEXT_CHARS = 24
#: Characters of recorded context that must agree (both sides together) for an anchor to be
#: found away from its recorded offset: a third of the context, more than a common word and its
#: spaces, so a short `original` ("-", "the") is never matched on its own.
MIN_CONTEXT = 16
#: Most candidate places examined for one anchor (a short original occurs thousands of times
#: in a long book; the context probes find the right one among the first of them).
MAX_CANDIDATES = 20000


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a correction was found: its raw span, and whether it moved from its offset."""

    start: int
    end: int
    moved: bool = False


def context(raw: str, start: int, end: int) -> tuple[str, str]:
    """The scan's text on each side of the raw span [start, end), up to CONTEXT_CHARS each."""
    return raw[max(0, start - CONTEXT_CHARS) : start], raw[end : end + CONTEXT_CHARS]


def _agreement(raw: str, pos: int, c: Correction) -> int:
    """How many characters of `c`'s recorded context agree with the scan around `pos`."""
    before = raw[max(0, pos - len(c.before)) : pos]
    n = 0
    while n < len(before) and before[len(before) - 1 - n] == c.before[len(c.before) - 1 - n]:
        n += 1
    end = pos + len(c.original)
    after = raw[end : end + len(c.after)]
    m = 0
    while m < len(after) and after[m] == c.after[m]:
        m += 1
    return n + m


def _occurrences(raw: str, needle: str, shift: int, out: set[int]) -> None:
    """Add `start - shift` for every place `needle` occurs in `raw` (at most MAX_CANDIDATES)."""
    if not needle:
        return
    at = raw.find(needle)
    while at >= 0 and len(out) < MAX_CANDIDATES:
        out.add(at - shift)
        at = raw.find(needle, at + 1)


def locate(raw: str, c: Correction) -> Anchor | str:
    """Find correction `c`'s anchor in the scan's text `raw`: an Anchor, or the reason in
    words why it cannot be found."""
    full = len(c.before) + len(c.after)
    if raw.startswith(c.original, c.offset) and c.offset <= len(raw) and (
            _agreement(raw, c.offset, c) == full):
        return Anchor(c.offset, c.end)
    # candidates: where the original stands with the nearest few characters of either side's
    # context, or of both; and where the original stands, when it is long enough to mean
    # something alone
    k = MIN_CONTEXT // 2
    head, tail = c.before[-k:] if c.before else "", c.after[:k]
    candidates: set[int] = {c.offset}
    _occurrences(raw, head + c.original, len(head), candidates)
    _occurrences(raw, c.original + tail, 0, candidates)
    _occurrences(raw, head + c.original + tail, len(head), candidates)
    if len(c.original) >= 4:
        _occurrences(raw, c.original, 0, candidates)
    need = min(MIN_CONTEXT, full)
    scored: list[tuple[int, int, int]] = []  # (-agreement, distance, position)
    for pos in candidates:
        if pos < 0 or pos > len(raw) or not raw.startswith(c.original, pos):
            continue
        agree = _agreement(raw, pos, c)
        if agree >= need:
            scored.append((-agree, abs(pos - c.offset), pos))
    shown = c.original if c.original else "the point"
    if not scored:
        return (f"{shown!r} no longer stands in the scan with the text recorded around it "
                f"(recorded at raw offset {c.offset}, scan page {c.page})")
    scored.sort()
    best = scored[0]
    if len(scored) > 1 and scored[1][:2] == best[:2]:
        return (f"{shown!r} with the text recorded around it stands in {len(scored)} places of "
                f"the scan, none nearer raw offset {c.offset} than the others")
    pos = best[2]
    return Anchor(pos, pos + len(c.original), moved=pos != c.offset)
