"""The decisions a build flagged uncertain, and corrections that accept or override them.

A rule that decides on weak evidence flags its edit `uncertain` (a hyphen joined with no
evidence either way, a word's Cyrillic letters read as Latin where two readings differ, a
signature mark) and pagination flags a printed page number it could only guess. `uncertain`
lists them with their evidence, each with an id that stays the same from build to build while
the scan does (`RULE@OFFSET`, the rule and the raw offset of its edit; `page@N` for the
printed number of scan page N). An editor accepts one (a correction that confirms it: the
rule's edit stays, no longer flagged) or overrides it (a correction that decides otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass

from edition.corrections.anchor import context
from edition.corrections.apply import LINE_END_HYPHENS
from edition.corrections.model import Correction
from edition.model import Edit
from edition.pipeline import Edition


@dataclass(frozen=True, slots=True)
class Decision:
    """One uncertain decision: its id, scan page (0-based), rule, raw span, the scan's text
    and what the rule made of it, the evidence; `edit` is the rule's edit (None for a page
    number)."""

    id: str
    page: int
    rule: str
    start: int
    end: int
    before: str
    after: str
    evidence: str
    edit: Edit | None = None


def uncertain(edition: Edition) -> list[Decision]:
    """Every decision of `edition` flagged uncertain, in raw order (page numbers by page)."""
    raw = edition.scan.raw
    out = [Decision(f"{e.rule}@{e.start}", e.page if e.page >= 0 else edition.scan.page_of(e.start),
                    e.rule, e.start, e.end, raw[e.start:e.end], e.replacement, e.note, e)
           for e in edition.edits if e.uncertain]
    for f in edition.pagination.folios:
        if f.how == "uncertain":
            start = edition.scan.pages[f.page].start
            out.append(Decision(f"page@{f.page + 1}", f.page, "page-number", start, start, "",
                                f.n or "", "the printed number depends on a choice the pages' "
                                "numbers leave open (pb cert=\"low\")"))
    return sorted(out, key=lambda d: (d.start, d.id))


class DecisionError(ValueError):
    """A decision cannot be accepted or overridden as asked (the message says why)."""


def _hyphen_at(raw: str, e: Edit) -> int:
    """The raw offset of the line-end hyphen a hyphen decision is about, or -1."""
    if e.end > e.start:
        return e.start if raw[e.start : e.end] in LINE_END_HYPHENS else -1
    for h in (e.start - 1, e.start):  # a kept hyphen's decision stands just after it
        if 0 <= h < len(raw) and raw[h] in LINE_END_HYPHENS:
            return h
    return -1


def correction(edition: Edition, d: Decision, accept: bool, replacement: str | None, by: str,
               when: str, note: str = "") -> Correction:
    """The correction that accepts (`accept`) or overrides decision `d`; `replacement` is the
    editor's reading for an override that needs one (a page number, a word). Raises
    DecisionError when the decision cannot be taken so."""
    raw = edition.scan.raw

    def make(kind: str, a: int, b: int, found: str, repl: str) -> Correction:
        before, after = context(raw, a, b)
        return Correction("", edition.scan.page_of(a) + 1, kind, found, repl, note, by, when, a,
                          raw[a:b], before, after)

    if d.edit is None:  # a page number
        if accept:
            return make("page-number", d.start, d.start, d.after, d.after)
        if replacement is None:
            raise DecisionError(f"{d.id}: an override of a page number needs the number "
                                "(--replace N; an empty one for none)")
        return make("page-number", d.start, d.start, d.after, replacement.strip())
    e = d.edit
    if e.rule == "hyphen-join":
        h = _hyphen_at(raw, e)
        if h < 0:
            raise DecisionError(f"{d.id}: no line-end hyphen at this decision")
        joined = e.end > e.start and e.replacement == ""
        found = "" if joined else raw[h]
        kind = ("hyphen-join" if joined else "hyphen-keep") if accept else (
            "hyphen-keep" if joined else "hyphen-join")
        return make(kind, h, h + 1, found, found if accept else ("" if kind == "hyphen-join" else "-"))
    if e.end > e.start and not e.replacement:  # text a rule removed (a mark, a stamp)
        if accept:
            return make("furniture", e.start, e.end, "", "")
        return make("not-furniture", e.start, e.end, "", raw[e.start:e.end])
    if e.end > e.start:  # text a rule changed
        if accept:
            return make("text", e.start, e.end, e.replacement, e.replacement)
        if replacement is None:
            raise DecisionError(f"{d.id}: an override of the {e.rule} rule's reading needs the "
                                "text (--replace TEXT)")
        return make("text", e.start, e.end, e.replacement, replacement)
    raise DecisionError(f"{d.id}: decisions of the {e.rule} rule cannot be accepted or "
                        "overridden here; correct the text with 'edition correct'")
