"""Applying an editor's corrections to a built edition, after every rule.

Each correction is anchored in the raw scan (`edition.corrections.anchor`), checked against
what the rules made there, and applied as an `Edit` whose rule is `editor` and whose note
names the person and the correction, so `edition diff` attributes every character it covers to
that person, and the accounting (every raw character in the text or in an edit) still holds:

- a correction of text (`text`, `furniture`, `heading`, `not-heading`) was made against the
  reading text the rules produced (`found`). When the rules now produce other text at the
  anchor it is **stale** (the editor's replacement may no longer fit), and when they now
  produce the replacement by themselves it is **redundant**;
- a decision (`hyphen-keep`, `hyphen-join`, `paragraph-break`, `paragraph-join`,
  `page-number`) stands whatever a rule now decides there; it is redundant when a rule now
  decides the same, and stale only when its anchor is gone;
- a correction that confirms a rule's decision (`edition review --accept`: its replacement is
  what it found) is **confirmed**: the rule's edit stays the rule's, no longer flagged uncertain.

An edit of a rule inside a correction's span gives way to the editor's (it is named in the
editor's note); a rule's edit that a span would cut in two makes the correction stale. Stale
and redundant corrections are reported as build warnings (W601, W602) with the reason; none is
dropped silently, and the corrections file is never written by a build.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass, field, replace
from itertools import pairwise

import regex

from edition.check.accounting import apply_edits
from edition.corrections.anchor import Anchor, locate
from edition.corrections.model import POINTS, Correction, Corrections
from edition.model import (
    Block,
    Edit,
    Gap,
    Hi,
    Inline,
    Line,
    LineJoin,
    NoteRef,
    PageBreak,
    Text,
    note_refs,
)
from edition.pipeline import Edition, uncertain_decisions
from edition.rules.hyphenation import HYPHENS
from edition.structure.assemble import Group
from edition.structure.pagination import Folio
from edition.warnings import BuildWarning, page_ranges

#: The rule name of every edit a correction makes.
RULE = "editor"
APPLIED, CONFIRMED, STALE, REDUNDANT = "applied", "confirmed", "stale", "redundant"
#: Characters that print a hyphen at a line end (the hyphen rule's, and "=" of Fraktur OCR).
LINE_END_HYPHENS = HYPHENS + "="


def line_end_hyphen(raw: str, h: int) -> bool:
    """True for a hyphen (LINE_END_HYPHENS) after a letter at the end of a printed line."""
    if raw[h : h + 1] not in LINE_END_HYPHENS or not regex.match(r"[\p{L}\p{M}]", raw[h - 1 : h]):
        return False
    end = raw.find("\n", h)
    return not raw[h + 1 : end if end >= 0 else len(raw)].strip()


#: How a kept line-end hyphen reads: the printed hyphen where it is one, else a hyphen-minus
#: (a soft hyphen, "¬" or "⸗" marks the break, not the compound's hyphen).
KEPT_AS = {"-": "-", "\u2010": "\u2010"}
#: The order corrections are applied in: text first (they may rejoin a word's text nodes),
#: then structure (paragraphs are cut and joined between the text that stands, then a block
#: made a heading, which may be one a paragraph break made).
ORDER = {"text": 0, "furniture": 0, "hyphen-keep": 1, "hyphen-join": 1, "not-furniture": 2,
         "paragraph-break": 3, "paragraph-join": 4, "heading": 5, "not-heading": 5,
         "page-number": 6}


@dataclass(slots=True)
class Outcome:
    """What became of one correction: applied, confirmed, stale or redundant, with the reason;
    where it was anchored (raw span, 0-based scan page, whether it moved from its recorded
    offset); the edits it made and the rules' edits it displaced."""

    correction: Correction
    status: str = ""
    reason: str = ""
    start: int = -1
    end: int = -1
    page: int = -1
    moved: bool = False
    edits: list[Edit] = field(default_factory=list)
    displaced: list[Edit] = field(default_factory=list)


@dataclass(slots=True)
class Applied:
    """The corrections of an edition and what became of each; `editors` maps each person's
    name to the xml:id the TEI gives them (in order of first appearance); `by_span` the
    correction behind each editor edit's raw span; `folios` the page-number corrections applied,
    by scan page (0-based)."""

    corrections: Corrections
    outcomes: list[Outcome] = field(default_factory=list)
    editors: dict[str, str] = field(default_factory=dict)
    by_span: dict[tuple[int, int], Correction] = field(default_factory=dict)
    folios: dict[int, Correction] = field(default_factory=dict)

    def resp(self, c: Correction) -> str:
        """The pointer to a correction's editor ("#ed-jane-smith")."""
        return f"#{self.editors[c.by]}"

    def of_edit(self, edit: Edit) -> Correction | None:
        """The correction behind an editor edit, or None for a rule's edit."""
        return self.by_span.get((edit.start, edit.end)) if edit.rule == RULE else None

    def sessions(self) -> list[tuple[str, str, list[Outcome]]]:
        """The correction sessions (one editor, one time), oldest first, with their outcomes."""
        groups: dict[tuple[str, str], list[Outcome]] = {}
        for o in self.outcomes:
            groups.setdefault((o.correction.when, o.correction.by), []).append(o)
        return [(by, when, found) for (when, by), found in sorted(groups.items())]

    def count(self, status: str) -> int:
        """How many corrections ended with `status`."""
        return sum(1 for o in self.outcomes if o.status == status)


def editor_ids(names: list[str]) -> dict[str, str]:
    """An xml:id for each editor's name ("Jane Smith" -> "ed-jane-smith"), unique."""
    out: dict[str, str] = {}
    for name in names:
        if name in out:
            continue
        slug = "-".join(regex.findall(r"[\p{L}\p{N}]+", name.lower())) or "editor"
        ident, k = f"ed-{slug}", 2
        while ident in out.values():
            ident, k = f"ed-{slug}-{k}", k + 1
        out[name] = ident
    return out


@dataclass(slots=True)
class _Place:
    """A text node of the model, the list that holds it, and its block."""

    node: Text
    parent: list[Inline]
    block: Block


def _index(nodes: list[Inline], node: object) -> int:
    """The position of `node` (this object, not an equal one) in `nodes`."""
    for k, item in enumerate(nodes):
        if item is node:
            return k
    raise ValueError("node not in its list")


class _Model:
    """The edition being corrected, with the lookups the corrections need."""

    def __init__(self, edition: Edition, applied: Applied) -> None:
        self.ed = edition
        self.raw = edition.scan.raw
        self.applied = applied
        self.places: list[_Place] = []
        self.starts: list[int] = []
        self.containers: dict[int, list] = {}
        self.reindex()

    # --- lookups -------------------------------------------------------------------------

    def reindex(self) -> None:
        """Index every text node and the list holding each block (after a change of structure)."""
        places: list[_Place] = []

        def walk(nodes: list[Inline], block: Block) -> None:
            for node in nodes:
                if isinstance(node, Text) and node.start >= 0:
                    places.append(_Place(node, nodes, block))
                elif isinstance(node, Hi):
                    walk(node.children, block)

        for block in self.ed.blocks():
            walk(block.children, block)
        places.sort(key=lambda p: p.node.start)
        self.places = places
        self.starts = [p.node.start for p in places]
        containers: dict[int, list] = {}

        def hold(items: list) -> None:
            for item in items:
                if isinstance(item, Block):
                    containers[id(item)] = items
                elif isinstance(item, Group):
                    hold(item.items)

        hold(self.ed.front)
        for div in self.ed.divs:
            hold(div.heads)
            hold(div.items)
        self.containers = containers

    def overlapping(self, start: int, end: int) -> list[_Place]:
        """The text nodes overlapping the raw span [start, end) (or holding the point `start`
        when the span is empty), in raw order."""
        k = max(0, bisect_left(self.starts, start) - 1)
        out: list[_Place] = []
        while k < len(self.places) and self.places[k].node.start < max(end, start + 1):
            node = self.places[k].node
            if node.end > start:
                out.append(self.places[k])
            k += 1
        return out

    def replace_places(self, old: list[Text], new: _Place) -> None:
        """Update the index after text nodes were merged into one."""
        gone = {id(n) for n in old}
        keep = [p for p in self.places if id(p.node) not in gone]
        insort(keep, new, key=lambda p: p.node.start)
        self.places = keep
        self.starts = [p.node.start for p in keep]

    def edits_over(self, start: int, end: int) -> list[Edit]:
        """The edits that touch the raw span [start, end): overlapping it, or zero-length
        inside it."""
        return [e for e in self.ed.edits
                if (e.start < end and e.end > start) or (e.start == e.end and start < e.start < end)]

    def text_of(self, node: Text) -> str:
        """A text node's text: its raw span with the edits inside it applied."""
        inside = sorted((e for e in self.ed.edits
                         if node.start <= e.start and e.end <= node.end and e.end > e.start),
                        key=lambda e: (e.start, e.end))
        return apply_edits(self.raw, node.start, node.end, inside)

    def page(self, offset: int) -> int:
        """The scan page (0-based) of a raw offset."""
        return self.ed.scan.page_of(offset)

    def line_at(self, offset: int) -> Line:
        """The raw line holding `offset`."""
        page = self.ed.scan.pages[self.page(offset)]
        for line in page.lines:
            if line.start <= offset <= line.end:
                return line
        return Line(offset, offset, "")

    def page_breaks(self) -> list[tuple[PageBreak, list, bool]]:
        """Every page milestone of the model with the list holding it, and whether that list is
        a block's inline content (else a list of blocks and milestones)."""
        out: list[tuple[PageBreak, list, bool]] = []

        def walk(items: list, inline: bool = False) -> None:
            for item in items:
                if isinstance(item, PageBreak):
                    out.append((item, items, inline))
                elif isinstance(item, Group):
                    walk(item.items)
                elif isinstance(item, Block):
                    walk(item.children, True)
                    for ref in note_refs(item.children):
                        if ref.note is not None:
                            walk(ref.note.children, True)
                elif isinstance(item, Hi):
                    walk(item.children, True)

        walk(self.ed.front)
        for div in self.ed.divs:
            walk(div.lead)
            walk(div.heads)
            walk(div.items)
        return out

    # --- results ------------------------------------------------------------------------

    def note(self, c: Correction, displaced: list[Edit], extra: str = "") -> str:
        """The note of an editor's edit: who, which correction, why, what it displaced."""
        parts = [f"{c.by} ({c.id}, {c.kind})"]
        if extra:
            parts.append(extra)
        if c.note:
            parts.append(c.note)
        ruled = [e for e in displaced if e.rule != RULE]
        if ruled:
            parts.append("in place of " + "; ".join(f"{e.rule}: {e.note}" if e.note else e.rule
                                                   for e in ruled[:3]))
        return "; ".join(parts)

    def commit(self, o: Outcome, edits: list[Edit], displaced: list[Edit]) -> None:
        """Record an applied correction: its edits in, the rules' edits it displaced out."""
        gone = {id(e) for e in displaced}
        self.ed.edits[:] = [e for e in self.ed.edits if id(e) not in gone]
        self.ed.edits.extend(edits)
        o.status, o.edits, o.displaced = APPLIED, edits, displaced
        for e in edits:
            if e.rule == RULE:
                self.applied.by_span[(e.start, e.end)] = o.correction

    def confirm(self, o: Outcome, edits: list[Edit]) -> None:
        """A correction that confirms the rules' edits: they stay, no longer uncertain."""
        c = o.correction
        for e in edits:
            k = next(i for i, x in enumerate(self.ed.edits) if x is e)
            self.ed.edits[k] = replace(e, uncertain=False,
                                       note=f"{e.note} (confirmed by {c.by}, {c.id})".strip())
        o.status = CONFIRMED


def _show(text: str) -> str:
    """Text for a reason, short and with its line breaks visible."""
    text = text.replace("\n\n", "¶").replace("\n", " ")
    return repr(text if len(text) <= 50 else text[:47] + "...")


def _rules(edits: list[Edit]) -> str:
    """The rules of some edits, in words."""
    names = sorted({e.rule for e in edits if e.rule != RULE})
    return ", ".join(names) if names else "no rule"


# --- text, furniture, headings ------------------------------------------------------------


def _span_nodes(m: _Model, o: Outcome) -> tuple[list[Inline], list[_Place], int, int] | str:
    """The list holding a span's text nodes, the nodes, and the span trimmed to them; or the
    reason it cannot be corrected as text."""
    a, b = o.start, o.end
    places = m.overlapping(a, b)
    if not places:
        removed = [e for e in m.edits_over(a, b) if e.end > e.start]
        if removed:
            return f"the text at the anchor is not in the reading text (removed by {_rules(removed)})"
        return "the text at the anchor is not in the reading text"
    parent = places[0].parent
    if places[-1].parent is not parent:
        return "the span runs over more than one paragraph, note or italic passage"
    # text of another block whose lines stand between (a footnote at the foot of the page a
    # word is broken over) is not the span's
    places = [p for p in places if p.parent is parent]
    first, last = places[0].node, places[-1].node
    if a < first.start:
        if m.raw[a:first.start].strip():
            return "the span begins outside the reading text"
        a = first.start
    if b > last.end:
        if m.raw[last.end:b].strip():
            return "the span ends outside the reading text"
        b = last.end
    i, j = _index(parent, first), _index(parent, last)
    for node in parent[i : j + 1]:
        if isinstance(node, (NoteRef, Hi, Gap)):
            return "the span runs over a note reference or a change of type (italics)"
    return parent, places, a, b


def _now(m: _Model, parent: list[Inline], a: int, b: int, rule_edits: list[Edit]) -> str:
    """The reading text the rules make of [a, b): its text nodes with the rules' edits applied,
    a line join between two of them read as a space (as the reading text reads it)."""
    out: list[str] = []
    gap, inside = "", False
    for node in parent:
        if isinstance(node, Text) and node.start >= 0 and node.start < b and node.end > a:
            s, e = max(a, node.start), min(b, node.end)
            piece = apply_edits(m.raw, s, e, sorted(
                (x for x in rule_edits if s <= x.start and x.end <= e and x.end > x.start),
                key=lambda x: x.start))
            out.extend([gap, piece] if inside else [piece])
            gap, inside = "", True
        elif inside and isinstance(node, LineJoin):
            gap = " "
        elif isinstance(node, Text) and node.start >= b:
            break
    return "".join(out)


def _runs(parent: list[Inline], places: list[_Place], a: int, b: int
          ) -> list[tuple[list[Text], int, int]]:
    """The span's text nodes in runs between page breaks, each with its part [s, e) of the
    span (a word broken over a page is two runs)."""
    first, last = places[0].node, places[-1].node
    i, j = _index(parent, first), _index(parent, last)
    runs: list[list[Text]] = [[]]
    for node in parent[i : j + 1]:
        if isinstance(node, PageBreak):
            runs.append([])
        elif isinstance(node, Text):
            runs[-1].append(node)
    return [(texts, max(a, texts[0].start), min(b, texts[-1].end)) for texts in runs if texts]


def _merge(m: _Model, parent: list[Inline], runs: list[tuple[list[Text], int, int]],
           c: Correction, displaced: list[Edit]) -> tuple[list[Edit], list[tuple[list[Text], Text]]]:
    """One editor edit per run: the first carries the replacement, a later one (the rest of a
    word broken over a page) none; each run's text nodes become one node."""
    edits: list[Edit] = []
    merged: list[tuple[list[Text], Text]] = []
    for k, (texts, s, e) in enumerate(runs):
        extra = f"part {k + 1} of {len(runs)}, across a page break" if len(runs) > 1 else ""
        edits.append(Edit(RULE, s, e, c.replacement if k == 0 else "", m.page(s),
                          m.note(c, displaced, extra)))
        if len(texts) > 1:
            node = Text("", texts[0].start, texts[-1].end)
            lo, hi = _index(parent, texts[0]), _index(parent, texts[-1])
            parent[lo : hi + 1] = [node]
            merged.append((texts, node))
    return edits, merged


def _text(m: _Model, o: Outcome) -> None:
    """A correction of text, of furniture left in the text, or of a block's kind."""
    c = o.correction
    found = _span_nodes(m, o)
    if isinstance(found, str):
        if c.kind == "furniture" and "removed by" in found:
            removed = [e for e in m.edits_over(o.start, o.end) if e.end > e.start]
            if c.confirmation:
                m.confirm(o, removed)
            else:
                o.status, o.reason = REDUNDANT, f"a rule removes it already ({_rules(removed)})"
            return
        o.status, o.reason = STALE, found
        return
    parent, places, a, b = found
    o.start, o.end = a, b
    runs = _runs(parent, places, a, b)
    # the rules' edits inside the span's text (not the furniture between two pages of a word)
    touching = [e for _texts, s, t in runs for e in m.edits_over(s, t)]
    editors = [e for e in touching if e.rule == RULE]
    if editors:
        other = m.applied.by_span.get((editors[0].start, editors[0].end))
        o.status, o.reason = STALE, (f"it overlaps correction {other.id}" if other
                                     else "it overlaps another correction")
        return
    cut = [e for e in touching if any(e.start < x < e.end for _texts, s, t in runs for x in (s, t))]
    if cut:
        e = cut[0]
        o.status, o.reason = STALE, (f"the span cuts across the {e.rule} rule's edit of raw "
                                     f"{e.start}-{e.end} ({_show(m.raw[e.start:e.end])})")
        return
    now = _now(m, parent, a, b, touching)
    if c.kind in ("heading", "not-heading"):
        _heading(m, o, places[0].block, now)
        return
    if now != c.found:
        if now == c.replacement:
            o.status, o.reason = REDUNDANT, (f"the rules now make {_show(now)} here by themselves "
                                             f"({_rules(touching)})")
        else:
            o.status, o.reason = STALE, (f"the rules now read {_show(now)} here, where the "
                                         f"correction was made against {_show(c.found)}")
        return
    if c.confirmation:
        m.confirm(o, [e for e in touching if e.uncertain])
        return
    edits, merged = _merge(m, parent, runs, c, touching)
    m.commit(o, edits, touching)
    for old, node in merged:
        node.text = m.text_of(node)
        m.replace_places(old, _Place(node, parent, places[0].block))
    for place in places:
        if any(place.node is n for n in parent):
            place.node.text = m.text_of(place.node)


def _heading(m: _Model, o: Outcome, block: Block, now: str) -> None:
    """Make a block a heading, or a heading a paragraph."""
    c = o.correction
    if now != c.found:
        o.status, o.reason = STALE, (f"the rules now read {_show(now)} here, where the correction "
                                     f"was made against {_show(c.found)}")
        return
    first = _first_text(block.children)
    if c.kind == "heading" and (first is None or first.start != o.start):
        o.status, o.reason = STALE, ("the text does not begin its paragraph (a paragraph-break "
                                     "correction before it makes it one)")
        return
    edit = Edit(RULE, o.start, o.start, "", m.page(o.start), m.note(c, []))
    if c.kind == "heading":
        if block.kind == "head":
            o.status, o.reason = REDUNDANT, "the block is a heading already"
            return
        if block.kind != "p":
            o.status, o.reason = STALE, f"the block is a {block.kind}, not a paragraph"
            return
        block.kind = "head"
        m.commit(o, [edit], [])
        return
    if block.kind != "head":
        o.status, o.reason = REDUNDANT, "the block is not a heading"
        return
    block.kind = "p"
    for div in m.ed.divs:
        if any(h is block for h in div.heads):
            div.heads[:] = [h for h in div.heads if h is not block]
            div.items.insert(0, block)
            m.reindex()
            break
    m.commit(o, [edit], [])


# --- hyphens ------------------------------------------------------------------------------


def _hyphen(m: _Model, o: Outcome) -> None:
    """Keep or remove a line-end hyphen (rejoining the word)."""
    c, raw, h = o.correction, m.raw, o.start
    if not line_end_hyphen(raw, h):
        o.status, o.reason = STALE, "there is no hyphen at the end of a printed line at the anchor"
        return
    places = [p for p in m.overlapping(h, h + 1) if p.node.start <= h < p.node.end]
    if not places:
        o.status, o.reason = STALE, "the hyphen is not in the reading text"
        return
    place = places[0]
    over = [e for e in m.ed.edits if e.start <= h < e.end]
    if any((e.start, e.end) != (h, h + 1) for e in over):
        e = next(e for e in over if (e.start, e.end) != (h, h + 1))
        o.status, o.reason = STALE, f"the hyphen is part of the {e.rule} rule's edit of raw {e.start}-{e.end}"
        return
    if any(e.rule == RULE for e in over):
        o.status, o.reason = STALE, "it overlaps another correction"
        return
    parent = place.parent
    k = _index(parent, place.node)
    between: list[Inline] = []
    nxt: Text | None = None
    for node in parent[k + 1 :]:
        if isinstance(node, Text):
            nxt = node
            break
        between.append(node)
    stop = nxt.start if nxt is not None else h + 1
    decisions = [e for e in m.ed.edits if e.start == e.end and h <= e.start <= stop and e.rule != RULE
                 and e.rule == "hyphen-join"]
    joined = any(e.replacement == "" for e in over)
    want = c.kind == "hyphen-join"
    if joined == want:
        if c.confirmation:
            m.confirm(o, [e for e in [*over, *decisions] if e.uncertain] or [*over, *decisions])
        else:
            o.status, o.reason = REDUNDANT, (f"a rule now {'joins the word' if want else 'keeps the hyphen'} "
                                             f"by itself ({_rules([*over, *decisions])})")
        return
    displaced = [*over, *decisions]
    keep = KEPT_AS.get(raw[h], "-")
    edit = Edit(RULE, h, h + 1, "" if want else keep, m.page(h),
                m.note(c, displaced, "hyphen removed, word joined" if want else "hyphen kept"))
    if want:  # a word kept with its space ("eighteenth- and") loses the space too
        for node in between:
            if isinstance(node, LineJoin):
                parent.pop(_index(parent, node))
    for node in between:
        if isinstance(node, PageBreak):
            node.hyphen = want
            node.inword = node.inword or want
    m.commit(o, [edit], displaced)
    place.node.text = m.text_of(place.node)


# --- furniture that is text -------------------------------------------------------------


def _not_furniture(m: _Model, o: Outcome) -> None:
    """Restore to the reading text what a rule removed as page furniture."""
    c, raw = o.correction, m.raw
    a, b = o.start, o.end
    while a < b and raw[a].isspace():
        a += 1
    while b > a and raw[b - 1].isspace():
        b -= 1
    if m.overlapping(a, b):
        o.status, o.reason = REDUNDANT, "the text is in the reading text already"
        return
    removal = [e for e in m.ed.edits if e.start < b and e.end > a and e.end > e.start]
    if not removal:
        o.status, o.reason = STALE, "no rule removes the text at the anchor"
        return
    if any(e.rule == RULE for e in removal):
        o.status, o.reason = STALE, "it overlaps another correction"
        return
    if any(e.replacement for e in removal):
        e = next(e for e in removal if e.replacement)
        o.status, o.reason = STALE, f"the {e.rule} rule changes the text there rather than removing it"
        return
    covered = bytearray(b - a)
    for e in removal:
        covered[max(a, e.start) - a : min(b, e.end) - a] = b"\x01" * (min(b, e.end) - max(a, e.start))
    if any(not covered[k] and not raw[a + k].isspace() for k in range(b - a)):
        o.status, o.reason = STALE, "part of the text at the anchor is neither removed nor in the text"
        return
    page = m.page(a)
    node = Text(raw[a:b], a, b)
    if not _insert(m, node, page):
        o.status, o.reason = STALE, "the page has no text and no milestone to restore it at"
        return
    kept = [Edit(e.rule, s, t, "", e.page, e.note, e.uncertain)
            for e in removal for s, t in ((e.start, a), (b, e.end)) if s < t and raw[s:t].strip()]
    edit = Edit(RULE, a, b, raw[a:b], page, m.note(c, removal, "restored to the text"))
    m.commit(o, [edit, *kept], removal)
    _unfurnish(m, a, b, page)
    m.reindex()


def _insert(m: _Model, node: Text, page: int) -> bool:
    """Put a restored text node into the reading order of its page: after the page's text
    before it, or before the page's text after it, joined as a line; on a page with no text,
    as a paragraph after the page's milestone."""
    on_page = [p for p in m.places if m.page(p.node.start) == page]
    before = [p for p in on_page if p.node.end <= node.start]
    after = [p for p in on_page if p.node.start >= node.end]
    if before:
        p = before[-1]
        k = _index(p.parent, p.node)
        p.parent[k + 1 : k + 1] = [LineJoin(), node]
        return True
    if after:
        p = after[0]
        k = _index(p.parent, p.node)
        p.parent[k:k] = [node, LineJoin()]
        return True
    for brk, holder, inline in m.page_breaks():
        if brk.page == page:
            k = _index(holder, brk)
            if inline:
                holder[k + 1 : k + 1] = [node, LineJoin()]
            else:
                holder.insert(k + 1, Block("p", [node], page, m.line_at(node.start)))
            return True
    return False


def _unfurnish(m: _Model, a: int, b: int, page: int) -> None:
    """Take [a, b) out of the furniture the TEI keeps as fw, and out of the copy's stamps."""
    raw = m.raw
    for brk, _holder, _inline in m.page_breaks():
        kept = []
        for f in brk.furniture:
            if f.start < b and f.end > a:
                for s, t in ((f.start, a), (b, f.end)):
                    if s < t and raw[s:t].strip():
                        kept.append(replace(f, text=raw[s:t].strip(), start=s, end=t))
            else:
                kept.append(f)
        brk.furniture[:] = kept
    text = " ".join(raw[a:b].split())
    copy = m.ed.copy
    copy.stamps[:] = [(p, t) for p, t in copy.stamps if not (p == page and " ".join(t.split()) == text)]
    copy.notices[:] = [(p, t) for p, t in copy.notices
                       if not (p == page and " ".join(t.split()) == text)]


# --- paragraphs --------------------------------------------------------------------------


def _at(m: _Model, p: int) -> _Place | None:
    """The text node that holds raw offset `p` or begins there."""
    for place in m.overlapping(p, p):
        if place.node.start <= p < place.node.end:
            return place
    return None


def _first_text(nodes: list[Inline]) -> Text | None:
    """The first text of inline content (inside italics too)."""
    for node in nodes:
        if isinstance(node, Text) and node.start >= 0:
            return node
        if isinstance(node, Hi) and (found := _first_text(node.children)):
            return found
    return None


def _is_first(block: Block, node: Text) -> bool:
    """True when `node` is the first text of its block."""
    for child in block.children:
        if isinstance(child, Text):
            return child is node
        if isinstance(child, Hi):
            return False
        if isinstance(child, NoteRef):
            return False
    return False


def _paragraph_break(m: _Model, o: Outcome) -> None:
    """Begin a new paragraph at the anchor."""
    c, raw, p = o.correction, m.raw, o.start
    place = _at(m, p)
    if place is None:
        o.status, o.reason = STALE, "there is no reading text at the anchor"
        return
    block, node = place.block, place.node
    if p == node.start and _is_first(block, node):
        o.status, o.reason = REDUNDANT, "a paragraph begins there already"
        return
    container = m.containers.get(id(block))
    if container is None:
        o.status, o.reason = STALE, "the anchor is in a footnote, which is not cut into paragraphs"
        return
    if place.parent is not block.children:
        o.status, o.reason = STALE, "the anchor is inside italics"
        return
    if any(e.start < p < e.end for e in m.ed.edits):
        o.status, o.reason = STALE, "the anchor is inside a rule's edit"
        return
    children = block.children
    k = _index(children, node)
    if p > node.start:
        ws = p
        while ws > node.start and raw[ws - 1] in " \t":
            ws -= 1
        if ws == p:
            o.status, o.reason = STALE, "the anchor is not between two words"
            return
        left, right = Text("", node.start, ws), Text("", p, node.end)
        children[k : k + 1] = [left, right]
        left.text, right.text = m.text_of(left), m.text_of(right)
        k += 1
    before, after = children[:k], children[k:]
    while before and isinstance(before[-1], (LineJoin, PageBreak)):
        before, after = before[:-1], [before[-1], *after]
    moved: list[PageBreak] = []
    while after and isinstance(after[0], (LineJoin, PageBreak)):
        if isinstance(after[0], PageBreak):
            if after[0].inword:
                o.status, o.reason = STALE, "the anchor is inside a word broken across pages"
                return
            moved.append(after[0])
        after = after[1:]
    if not any(isinstance(x, Text) for x in before):
        o.status, o.reason = REDUNDANT, "a paragraph begins there already"
        return
    displaced = [e for e in m.ed.edits if e.start == e.end and e.rule == "paragraph-join"
                 and _last_end(before) <= e.start <= p]
    block.children = before
    new = Block(block.kind, after, m.page(p), m.line_at(p), block.level, lang=block.lang)
    at = _index(container, block)
    container[at + 1 : at + 1] = [*moved, new]
    m.commit(o, [Edit(RULE, p, p, "", m.page(p), m.note(c, displaced, "new paragraph"))], displaced)
    m.reindex()


def _last_end(nodes: list[Inline]) -> int:
    """The raw end of the last text of inline content (-1 when it has none)."""
    for node in reversed(nodes):
        if isinstance(node, Text) and node.start >= 0:
            return node.end
        if isinstance(node, Hi):
            end = _last_end(node.children)
            if end >= 0:
                return end
    return -1


def _paragraph_join(m: _Model, o: Outcome) -> None:
    """Run the paragraph that begins at the anchor on from the one before it."""
    c, p = o.correction, o.start
    place = _at(m, p)
    if place is None:
        o.status, o.reason = STALE, "there is no reading text at the anchor"
        return
    block = place.block
    if place.node.start != p or not _is_first(block, place.node):
        o.status, o.reason = REDUNDANT, "the text there runs on from the paragraph before already"
        return
    container = m.containers.get(id(block))
    if container is None:
        o.status, o.reason = STALE, "the anchor is in a footnote"
        return
    at = _index(container, block)
    k = at - 1
    while k >= 0 and isinstance(container[k], PageBreak):
        k -= 1
    if k < 0 or not isinstance(container[k], Block):
        o.status, o.reason = STALE, "no paragraph stands before it in the same division or quotation"
        return
    prev = container[k]
    if prev.kind != block.kind or block.role or prev.role in ("label", "byline", "reviewed"):
        o.status, o.reason = STALE, (f"the {block.kind} there cannot run on from the "
                                     f"{prev.role or prev.kind} before it")
        return
    prev.children.extend([LineJoin(), *container[k + 1 : at], *block.children])
    del container[k + 1 : at + 1]
    m.commit(o, [Edit(RULE, p, p, "", m.page(p), m.note(c, [], "paragraph runs on"))], [])
    m.reindex()


# --- page numbers --------------------------------------------------------------------------


def _page_number(m: _Model, o: Outcome) -> None:
    """The printed number of a scan page."""
    from edition.numbering import roman_to_int

    c = o.correction
    page = m.page(o.start)
    o.page = page
    folios = m.ed.pagination.folios
    current = folios[page].n or ""
    if current == c.replacement:
        if c.confirmation:
            o.status = CONFIRMED
            if folios[page].how == "uncertain":
                folios[page] = replace(folios[page], how="editor")
                m.applied.folios[page] = c
        else:
            o.status, o.reason = REDUNDANT, f"the page is numbered {current or 'not at all'} already"
        return
    n = c.replacement or None
    value = int(n) if n and n.isdigit() else (roman_to_int(n) if n else None)
    folios[page] = Folio(page, n, "editor", value)
    m.applied.folios[page] = c
    m.commit(o, [Edit(RULE, o.start, o.start, "", page,
                      m.note(c, [], f"printed page number {n or 'none'}"
                                    + (f" (the build read {current})" if current else "")))], [])


HANDLERS = {"text": _text, "furniture": _text, "heading": _text, "not-heading": _text,
            "hyphen-keep": _hyphen, "hyphen-join": _hyphen, "not-furniture": _not_furniture,
            "paragraph-break": _paragraph_break, "paragraph-join": _paragraph_join,
            "page-number": _page_number}


# --- the whole file ------------------------------------------------------------------------


def _overlaps(outcomes: list[Outcome], name: str) -> None:
    """Of two corrections over the same text (or the same point, of one kind), the later in
    the file stands; the earlier is stale."""
    spans = sorted((o for o in outcomes if not o.status and o.correction.kind not in POINTS),
                   key=lambda o: (o.start, o.end))
    for x, y in pairwise(spans):
        if x.end > y.start:
            early, late = sorted((x, y), key=lambda o: o.correction.line)
            early.status, early.reason = STALE, (f"correction {late.correction.id} "
                                                 f"({name}:{late.correction.line}) corrects the "
                                                 "same text later in the file")
    seen: dict[tuple[str, int], Outcome] = {}
    for o in sorted((o for o in outcomes if not o.status and o.correction.kind in POINTS),
                    key=lambda o: o.correction.line):
        key = (o.correction.kind if o.correction.kind != "page-number" else "page", o.start)
        if key in seen:
            early = seen[key]
            early.status, early.reason = STALE, (f"correction {o.correction.id} ({name}:"
                                                 f"{o.correction.line}) decides the same later in "
                                                 "the file")
        seen[key] = o


def apply_corrections(edition: Edition, corrections: Corrections) -> Applied:
    """Apply `corrections` to a built `edition` (its model, edits, pagination and warnings are
    changed in place) and return what became of each; the edition's `corrections` is set to it.
    Stale and redundant corrections are reported in the edition's warnings (W601, W602)."""
    raw = edition.scan.raw
    applied = Applied(corrections, editors=editor_ids([c.by for c in corrections.records]))
    for c in corrections.records:
        found: Anchor | str = locate(raw, c)
        o = Outcome(c)
        if isinstance(found, str):
            o.status, o.reason, o.page = STALE, found, min(c.page, len(edition.scan.pages)) - 1
        else:
            o.start, o.end, o.moved = found.start, found.end, found.moved
            o.page = edition.scan.page_of(found.start)
        applied.outcomes.append(o)
    _overlaps(applied.outcomes, corrections.name)
    model = _Model(edition, applied)
    for o in sorted(applied.outcomes, key=lambda o: (ORDER[o.correction.kind], o.start)):
        if not o.status:
            HANDLERS[o.correction.kind](model, o)
    edition.edits.sort(key=lambda e: (e.start, e.end, e.rule))
    _report(edition, applied)
    edition.corrections = applied
    return applied


def _report(edition: Edition, applied: Applied) -> None:
    """The edition's warnings after the corrections: uncertain decisions and pages counted
    again (a confirmed one is no longer uncertain), and one warning per stale or redundant
    correction."""
    warnings = [w for w in edition.warnings if w.code not in ("W401", "W102")]
    warnings += uncertain_decisions(edition.edits)
    uncertain = [f.page for f in edition.pagination.folios if f.how == "uncertain"]
    if uncertain:
        warnings.append(BuildWarning(
            "W102", f"printed numbers of scan pages {page_ranges(uncertain)} are uncertain",
            uncertain[0]))
    name = applied.corrections.name
    for o in applied.outcomes:
        c = o.correction
        where = f"{name}:{c.line}" if c.line else name
        if o.status == STALE:
            warnings.append(BuildWarning("W601", f"correction {c.id} ({c.kind} by {c.by}, {where}) "
                                                 f"not applied: {o.reason}", o.page))
        elif o.status == REDUNDANT:
            warnings.append(BuildWarning("W602", f"correction {c.id} ({c.kind} by {c.by}, {where}) "
                                                 f"is redundant: {o.reason}", o.page))
    edition.warnings[:] = warnings
