"""Corrections from an edited copy: what an editor changed in the reading text, anchored.

An editor takes the reading text (`edition text`, with or without `--mark-pages`) or the TEI,
corrects it in any editor, and gives it back. `absorb` compares it with the reading text of the
edition as it stands (with the corrections already made) and turns each difference into a
correction anchored in the raw scan:

- changed words: a `text` correction of the whole words changed (so the TEI's sic and corr
  hold words, not fragments), or, where the only change is a hyphen at the end of a printed
  line, `hyphen-keep` or `hyphen-join`;
- a blank line added inside a paragraph: `paragraph-break`; one taken out: `paragraph-join`;
- a page mark changed ("[s14]" to "[p. iv]", "[p. 43]" to "[p. 34]"): `page-number`.

Whitespace inside a paragraph is layout (a copy rewrapped by its editor compares equal). A
change of a correction made before replaces it; a change back to what the rules make removes
it. A difference that cannot be anchored (a footnote marker, a page mark made into text) is
returned as refused, with the reason. The corrections are checked by building the edition with
them: one that would not apply is refused too, and what the edition still reads differently from
the copy is returned, so nothing the editor did is silently lost.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from dataclasses import dataclass, field

import regex
from lxml import etree

from edition.corrections.anchor import context
from edition.corrections.apply import APPLIED, CONFIRMED, REDUNDANT, Applied, line_end_hyphen
from edition.corrections.model import PARAGRAPH, POINTS, Correction, Corrections, numbered
from edition.corrections.reading import MARK, NONE, PARA, SPACE, TEXT, Reading, reading
from edition.model import Scan
from edition.pipeline import Edition, build

#: A page mark of the reading text: "[p. 43]", "[p. 16 not scanned]", "[s3]".
PAGE_MARK = regex.compile(r"\[(?:p\. [^\]\n]{1,30}|s\d{1,6})\]")
#: A blank line: the end of a block of the reading text.
BLANK_LINE = regex.compile(r"\n[ \t]*\n\s*")
#: Tokens of the reading text: a page mark, whitespace, or a word (anything else up to them).
TOKEN = regex.compile(rf"(?P<mark>{PAGE_MARK.pattern})|(?P<space>\s+)"
                      rf"|(?P<word>(?:(?!{PAGE_MARK.pattern})\S)+)")
#: Least share of the edition's paragraphs a copy must hold unchanged to be taken for a copy of
#: its reading text: below it the copy is of another book or another edition, and its
#: differences would be nonsense as corrections.
MIN_SHARED = 0.5


@dataclass(slots=True)
class Refused:
    """A difference that was not made a correction: where (scan page, 1-based, or 0), the
    edition's text and the copy's there, and why."""

    page: int
    ours: str
    theirs: str
    reason: str


@dataclass(slots=True)
class Absorbed:
    """What an edited copy gives: the new corrections (ids not yet given), the ids of
    corrections they replace or that the copy takes back, the differences refused, and the
    paragraphs the edition with the new corrections still reads otherwise than the copy."""

    new: list[Correction] = field(default_factory=list)
    removed: set[str] = field(default_factory=set)
    refused: list[Refused] = field(default_factory=list)
    remaining: list[tuple[str, str]] = field(default_factory=list)
    records: list[Correction] = field(default_factory=list)  # the whole file to write


def normalise(text: str) -> str:
    """A copy's text as the reading text is laid out: blocks separated by one blank line,
    whitespace runs inside a block one space, line ends LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [" ".join(b.split()) for b in BLANK_LINE.split(text.strip())]
    return "\n\n".join(b for b in blocks if b) + "\n"


def has_page_marks(text: str) -> bool:
    """True for a copy of the reading text with its page marks (`edition text --mark-pages`)."""
    return PAGE_MARK.search(text) is not None


@dataclass(slots=True)
class _Token:
    kind: str  # "word", "mark", "space", "para"
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return {"space": " ", "para": "¶"}.get(self.kind, self.text)


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    """The tokens of text[start:end]; blank lines are paragraph tokens."""
    out: list[_Token] = []
    for m in TOKEN.finditer(text, start, end):
        kind = m.lastgroup or "word"
        if kind == "space" and "\n\n" in m.group(0):
            kind = "para"
        out.append(_Token(kind, m.group(0), m.start(), m.end()))
    return out


class _Absorber:
    """Turns the differences between a Reading and a copy into corrections."""

    def __init__(self, scan: Scan, ours: Reading, rules: Reading, applied: Applied | None,
                 current: Edition, by: str, when: str, rules_edition: Edition) -> None:
        self.scan = scan
        self.raw = scan.raw
        self.r = ours
        self.rules = rules
        self.applied = applied
        self.current = current
        self.rules_edition = rules_edition
        self.by, self.when = by, when
        self.result = Absorbed()
        # the rules' reading: its characters by raw offset, to find a span's first
        self.rule_index = sorted((rules.lo[k], k) for k in range(len(rules.text))
                                 if rules.code[k] == TEXT)

    # --- the pieces of a correction -----------------------------------------------------

    def make(self, kind: str, a: int, b: int, found: str, replacement: str, note: str = "") -> Correction:
        """A new correction anchored at raw [a, b)."""
        before, after = context(self.raw, a, b)
        return Correction("", self.scan.page_of(a) + 1, kind, found, replacement, note, self.by,
                          self.when, a, self.raw[a:b], before, after)

    def refuse(self, i: int, j: int, theirs: str, reason: str) -> None:
        """A difference that cannot be a correction."""
        span = self.r.raw_span(i, j)
        page = self.scan.page_of(span[0]) + 1 if span else 0
        self.result.refused.append(Refused(page, self.r.text[i:j], theirs, reason))

    def rules_text(self, a: int, b: int) -> str | None:
        """The reading text the rules alone make of raw [a, b), or None where it is not one
        stretch of their reading text."""
        at = bisect_left(self.rule_index, (a, -1))
        first = self.rule_index[at][1] if at < len(self.rule_index) else None
        return text_at(self.rules, a, b, first)

    def existing(self, a: int, b: int) -> list[Correction]:
        """The corrections of text already made over raw [a, b) (applied or stale)."""
        if self.applied is None:
            return []
        return [o.correction for o in self.applied.outcomes
                if o.correction.kind not in POINTS and o.start < b and o.end > a and o.start >= 0]

    # --- differences ------------------------------------------------------------------

    def region(self, i1: int, i2: int, theirs: str) -> None:
        """The differences between our text [i1, i2) and the copy's `theirs`, both whole
        blocks (joined by blank lines)."""
        ours = self.r.text
        rt, et = _tokens(ours, i1, i2), _tokens(theirs, 0, len(theirs))
        matcher = difflib.SequenceMatcher(None, [t.key for t in rt], [t.key for t in et],
                                          autojunk=False)
        for op, a1, a2, b1, b2 in _coalesce(matcher.get_opcodes(), rt):
            if op == "equal":
                continue
            rs = rt[a1].start if a1 < len(rt) else (rt[-1].end if rt else i1)
            re_ = rt[a2 - 1].end if a2 > a1 else rs
            es = et[b1].start if b1 < len(et) else len(theirs)
            ee = et[b2 - 1].end if b2 > b1 else es
            marks_r = [t for t in rt[a1:a2] if t.kind == "mark"]
            marks_e = [t for t in et[b1:b2] if t.kind == "mark"]
            if marks_r or marks_e:
                if (len(rt[a1:a2]) == len(et[b1:b2]) == 1 and marks_r and marks_e):
                    self.page_number(marks_r[0], marks_e[0].text)
                else:
                    self.refuse(rs, re_, theirs[es:ee], "a page mark was moved, added or taken "
                                "out; only its number can be corrected")
                continue
            self.chars(rs, re_, theirs[es:ee])

    def page_number(self, mark: _Token, theirs: str) -> None:
        """A page mark changed: the scan page's printed number."""
        k = mark.start
        if self.r.code[k] != MARK:
            self.refuse(mark.start, mark.end, theirs, "this mark stands for a page missing from "
                        "the scan, which has no number to correct")
            return
        page = self.r.lo[k]
        label = theirs[3:-1].strip() if theirs.startswith("[p. ") else ""
        if not label and not regex.match(r"^\[s\d+\]$", theirs):
            self.refuse(mark.start, mark.end, theirs, "not a page mark")
            return
        start = self.scan.pages[page].start
        current = self.current.pagination.n(page) or ""
        olds = [o.correction for o in (self.applied.outcomes if self.applied else [])
                if o.correction.kind == "page-number" and o.page == page]
        self.result.removed.update(c.id for c in olds)
        rules_n = self.rules_label(page)
        if label == rules_n:
            return  # back to the rules' number: the earlier correction goes
        self.result.new.append(self.make("page-number", start, start, current, label))

    def rules_label(self, page: int) -> str:
        """The printed number the rules alone give a scan page."""
        return self.rules_edition.pagination.n(page) or ""

    def chars(self, i: int, j: int, theirs: str) -> None:
        """A changed stretch: paragraph breaks and joins, and changed words."""
        ours = self.r.text[i:j]
        matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
        ops = matcher.get_opcodes()
        changes: list[tuple[int, int]] = []  # our changed stretches, relative
        for op, a1, a2, b1, b2 in ops:
            if op == "equal":
                continue
            mine, yours = ours[a1:a2], theirs[b1:b2]
            if not mine.strip() and not yours.strip() and ("\n" in mine) != ("\n" in yours):
                self.paragraph(i + a1, i + a2, "\n" in yours)
                continue
            changes.append((a1, a2))
        if not changes:
            return
        spans = [self.widen(i, ours, a1, a2) for a1, a2 in changes]
        merged: list[list[int]] = []
        for x, y in sorted(spans):  # words changed side by side are one correction
            between = ours[merged[-1][1] : x] if merged else "x"
            if merged and (x <= merged[-1][1] or (not between.strip() and "\n" not in between)):
                merged[-1][1] = max(merged[-1][1], y)
            else:
                merged.append([x, y])
        for x, y in merged:
            self.words(i, ours, theirs, ops, x, y)

    def widen(self, i: int, ours: str, a1: int, a2: int) -> tuple[int, int]:
        """A changed stretch widened to whole words (stopping at spaces, page marks and
        characters that are not the scan's)."""
        code = self.r.code

        def word(k: int) -> bool:
            return 0 <= k < len(ours) and code[i + k] == TEXT and not ours[k].isspace()

        x, y = a1, a2
        while word(x - 1):
            x -= 1
        while word(y):
            y += 1
        if x == y:  # an insertion between words: it goes with the word before (or after)
            k = x - 1
            while k >= 0 and ours[k].isspace():
                k -= 1
            if word(k):
                y = x
                x = k + 1
                while word(x - 1):
                    x -= 1
            else:
                k = y
                while k < len(ours) and ours[k].isspace():
                    k += 1
                if word(k):
                    x, y = y, k + 1
                    while word(y):
                        y += 1
        return x, y

    def paragraph(self, i: int, j: int, split: bool) -> None:
        """A blank line added (split) or taken out between words."""
        k = self.r.next_text(j)
        if k < 0:
            self.refuse(i, j, "", "a paragraph boundary with no text after it")
            return
        point = self.r.lo[k]
        kind = "paragraph-break" if split else "paragraph-join"
        undo = "paragraph-join" if split else "paragraph-break"
        olds = [o.correction for o in (self.applied.outcomes if self.applied else [])
                if o.correction.kind in (kind, undo) and o.start == point]
        if any(c.kind == undo for c in olds):  # the copy takes back an earlier correction
            self.result.removed.update(c.id for c in olds)
            return
        self.result.removed.update(c.id for c in olds)
        found = (" " if self.r.text[i:j] else "") if split else PARAGRAPH
        self.result.new.append(self.make(kind, point, point, found, PARAGRAPH if split else " "))

    def words(self, i: int, ours: str, theirs: str, ops: list[tuple[str, int, int, int, int]],
              x: int, y: int) -> None:
        """Changed words: our [x, y) (relative to `i`) against the copy's text there."""
        r = self.r
        code, lo, hi = r.code, r.lo, r.hi
        mid = _their(ops, theirs, x, y)
        if "\n" in mid:
            self.refuse(i + x, i + y, mid, "a paragraph added: text the scan does not have cannot "
                        "be a correction (text a rule removed as furniture comes back with "
                        "'edition correct --kind not-furniture')")
            return
        if any(code[k] in (NONE, MARK, PARA) for k in range(i + x, i + y)):
            self.refuse(i + x, i + y, mid, "the change touches text that is not the scan's (a "
                        "footnote marker, a page mark)")
            return
        texts = [k for k in range(i + x, i + y) if code[k] == TEXT]
        if not texts:
            self.refuse(i + x, i + y, mid, "nothing of the scan to anchor the change to")
            return
        a, b = min(lo[k] for k in texts), max(hi[k] for k in texts)
        for old in self.existing(a, b):  # a correction made before, changed again: all of it
            a, b = min(a, old.offset), max(b, old.offset + len(old.original))
        start, end = i + x, i + y  # every character of ours from [a, b) goes in
        while start > 0 and code[start - 1] in (TEXT, SPACE) and _inside(r, start - 1, a, b):
            start -= 1
        while end < len(code) and code[end] in (TEXT, SPACE) and _inside(r, end, a, b):
            end += 1
        mine = r.text[start:end]
        yours = r.text[start : i + x] + mid + r.text[i + y : end]
        # a space taken out with a word goes with the scan's own space beside it, not with a
        # line join (which no correction of text can take out)
        if mine[:1].isspace() and not yours[:1].isspace() and code[start] == SPACE and (
                end < len(code) and r.text[end] == " " and code[end] == TEXT):
            start, end = start + 1, end + 1
            mine = r.text[start:end]
        elif mine[-1:].isspace() and not yours[-1:].isspace() and code[end - 1] == SPACE and (
                start > 0 and r.text[start - 1] == " " and code[start - 1] == TEXT):
            start, end = start - 1, end - 1
            mine = r.text[start:end]
        texts = [k for k in range(start, end) if code[k] == TEXT]
        a, b = min(lo[k] for k in texts), max(hi[k] for k in texts)
        olds = self.existing(a, b)
        self.result.removed.update(c.id for c in olds)
        hyphen = self.hyphen(start, mine, yours)
        if hyphen is not None:
            kind, h = hyphen
            if any(c.kind in ("hyphen-keep", "hyphen-join") and c.offset == h for c in olds):
                return  # the copy takes back an earlier decision: the rules' stands
            self.result.new.append(self.make(kind, h, h + 1, "" if kind == "hyphen-keep" else self.raw[h],
                                             "" if kind == "hyphen-join" else "-"))
            return
        found = self.rules_text(a, b)
        if found is None:
            self.refuse(start, end, yours, "the rules' text there does not line up with the change "
                        "(it runs over a page break or a rule's edit)")
            return
        if found == yours:
            return  # back to what the rules make: the earlier correction goes
        self.result.new.append(self.make("text", a, b, found, yours))

    def hyphen(self, at: int, mine: str, yours: str) -> tuple[str, int] | None:
        """("hyphen-keep" or "hyphen-join", raw offset of the hyphen) when the only change is a
        hyphen put in or taken out where the scan has one at the end of a printed line."""
        ops = [op for op in difflib.SequenceMatcher(None, mine, yours, autojunk=False).get_opcodes()
               if op[0] != "equal"]
        if len(ops) != 1:
            return None
        op, a1, a2, b1, b2 = ops[0]
        if op == "insert" and yours[b1:b2] in ("-", "\u2010"):
            left = self.r.prev_text(at + a1)
            right = self.r.next_text(at + a1)
            if left < 0 or right < 0:
                return None
            gap = range(self.r.hi[left], self.r.lo[right])
            for h in gap:
                if self._line_end_hyphen(h):
                    return "hyphen-keep", h
            # a hyphen removed by a rule is inside the edit its letter's span covers
            for h in range(self.r.lo[left], self.r.hi[left]):
                if self._line_end_hyphen(h):
                    return "hyphen-keep", h
            return None
        if op == "delete" and mine[a1:a2] in ("-", "\u2010", "¬", "\u00ad", "⸗", "="):
            k = at + a1
            if self.r.code[k] == TEXT and self.r.hi[k] - self.r.lo[k] == 1 and (
                    self._line_end_hyphen(self.r.lo[k])):
                return "hyphen-join", self.r.lo[k]
        return None

    def _line_end_hyphen(self, h: int) -> bool:
        """True for a hyphen at the end of a printed line of the scan."""
        return line_end_hyphen(self.raw, h)


def _coalesce(ops: list[tuple[str, int, int, int, int]], tokens: list[_Token]
              ) -> list[tuple[str, int, int, int, int]]:
    """Token changes with one space between them made one change: words changed side by side
    ("austen:s novels" to "AUSTEN'S NOVELS") are one correction; a page mark's number and
    the page's first words ("[s13] T^EXSUASIONvias" to "[p. iii] PERSUASION was") are two."""
    def marked(op: tuple[str, int, int, int, int]) -> bool:
        return any(t.kind == "mark" for t in tokens[op[1] : op[2]])

    out: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        if (op[0] != "equal" and len(out) >= 2 and out[-1][0] == "equal" and out[-2][0] != "equal"
                and out[-1][2] - out[-1][1] == 1 and tokens[out[-1][1]].kind == "space"
                and not marked(op) and not marked(out[-2])):
            gap = out.pop()
            first = out.pop()
            out.append(("replace", first[1], op[2], first[3], op[4]))
            del gap
            continue
        out.append(op)
    return out


def text_at(r: Reading, a: int, b: int, first: int | None = None) -> str | None:
    """The reading text `r` holds for raw [a, b) (from its character `first`, when known), or
    None where that is not one stretch of it (a rule's edit crosses an end, a note marker or a
    paragraph's end falls inside)."""
    if first is None:
        first = next((k for k in range(len(r.text)) if r.code[k] == TEXT and r.lo[k] >= a), None)
    if first is None or r.lo[first] >= b or r.lo[first] < a:
        return None
    k = last = first
    while k < len(r.text) and r.code[k] in (TEXT, SPACE):
        if r.code[k] == TEXT:
            if r.lo[k] >= b:
                break
            if r.hi[k] > b or r.lo[k] < a:
                return None
            last = k
        k += 1
    return r.text[first : last + 1] if r.hi[last] == b else None


def _inside(r: Reading, k: int, a: int, b: int) -> bool:
    """True for a character from raw [a, b), or a space between two such."""
    if r.code[k] == TEXT:
        return a <= r.lo[k] and r.hi[k] <= b
    left, right = r.prev_text(k), r.next_text(k)
    return left >= 0 and right >= 0 and a <= r.lo[left] and r.hi[right] <= b


def _their(ops: list[tuple[str, int, int, int, int]], theirs: str, x: int, y: int) -> str:
    """The copy's text for our [x, y), through the character alignment `ops`."""

    def at(q: int, end: bool) -> int:
        # an insertion at either edge of the stretch belongs to it
        for op, a1, a2, b1, b2 in (reversed(ops) if end else ops):
            if (a1 < q <= a2 if end else a1 <= q < a2) or a1 == a2 == q:
                if op == "equal":
                    return b1 + (q - a1)
                return b2 if end else b1
        return len(theirs) if end else 0

    return theirs[at(x, False) : at(y, True)]


def absorb(scan: Scan, corrections: Corrections | None, copy: str, by: str, when: str,
           pages: bool | None = None, current: Edition | None = None) -> Absorbed:
    """The corrections an edited `copy` of the reading text gives (see the module docstring);
    `pages` says whether the copy has page marks (None: look). Raises ValueError when the copy
    is evidently not of this edition's reading text."""
    from edition.write.tei import to_tei

    theirs = normalise(copy)
    pages = has_page_marks(theirs) if pages is None else pages
    rules_edition = build(scan)
    edition = current or (build(scan, corrections) if corrections else rules_edition)
    ours = reading(edition, pages, to_tei(edition))
    rules = reading(rules_edition, False)
    absorber = _Absorber(scan, ours, rules, edition.corrections, edition, by, when, rules_edition)
    mine = ours.text.rstrip("\n").split("\n\n")
    yours = theirs.rstrip("\n").split("\n\n")
    norm_mine = [" ".join(b.split()) for b in mine]
    matcher = difflib.SequenceMatcher(None, norm_mine, yours, autojunk=False)
    shared = sum(size for _, _, size in matcher.get_matching_blocks())
    if mine and shared < MIN_SHARED * len(mine):
        raise ValueError(f"only {shared} of the edition's {len(mine)} paragraphs are in the copy "
                         "unchanged: it is not a copy of this edition's reading text")
    starts = []
    pos = 0
    for block in mine:
        starts.append(pos)
        pos += len(block) + 2
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if j1 == j2:  # paragraphs taken out: each one's text corrected to nothing
            for k in range(i1, i2):
                absorber.region(starts[k], starts[k] + len(mine[k]), "")
            continue
        their_text = "\n\n".join(yours[j1:j2])
        if i1 == i2:  # paragraphs added: they stand after the paragraph before them
            if i1 == 0:
                absorber.refuse(0, 0, their_text, "text added before the edition's first paragraph")
                continue
            i1 -= 1
            their_text = "\n\n".join(yours[j1 - 1 : j2])
        a, b = starts[i1], starts[i2 - 1] + len(mine[i2 - 1]) if i2 > i1 else starts[i1] + len(mine[i1])
        absorber.region(a, b, their_text)
    result = absorber.result
    records = list(corrections.records) if corrections else []
    kept = [c for c in records if c.id not in result.removed]
    new = numbered(_unique(result.new), records)
    check = build(scan, Corrections(corrections.path if corrections else None, (*kept, *new)))
    assert check.corrections is not None
    fine: set[str] = set()
    for o in check.corrections.outcomes:
        c = o.correction
        if c.id not in {n.id for n in new}:
            continue
        if o.status in (APPLIED, CONFIRMED):
            fine.add(c.id)
        elif o.status != REDUNDANT:  # a redundant one: the rules read as the copy already
            result.refused.append(Refused(c.page, c.found, c.replacement,
                                          f"the correction would not apply: {o.reason}"))
    result.new = [c for c in new if c.id in fine]
    result.records = [*kept, *result.new]
    if len(fine) != len(new):
        check = build(scan, Corrections(None, tuple(result.records)))
    got = [" ".join(b.split()) for b in reading(check, pages).text.rstrip("\n").split("\n\n")]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, got, yours, autojunk=False).get_opcodes():
        if op != "equal":
            result.remaining.append(("\n\n".join(got[i1:i2]), "\n\n".join(yours[j1:j2])))
    return result


def _unique(found: list[Correction]) -> list[Correction]:
    """Corrections without repeats (one change seen twice)."""
    seen: set[tuple[str, int, int]] = set()
    out: list[Correction] = []
    for c in found:
        key = (c.kind, c.offset, len(c.original))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def copy_of_tei(root: etree._Element) -> str:
    """The reading text of an edited TEI, with its page marks (its elements' text only)."""
    from edition.write.text import tei_text

    return tei_text(root, pages=True)
