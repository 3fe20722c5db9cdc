"""The reading text of an edition with the provenance of every character.

`edition text` reads an edition's TEI; an editor corrects that text; to turn a change into a
correction anchored in the raw scan, each character of the reading text must say where it came
from. `reading` walks the pipeline's model in the order the TEI emitter writes it and reads it
as `edition.write.text.tei_text` reads the TEI (blocks separated by a blank line, footnotes after
the block citing them with their printed marker, with `pages` the printed page marks "[p. 43]"),
and records for each character:

- `TEXT`: a character of the scan's text, or of a rule's replacement; `lo`/`hi` is its raw span
  (one character, or the whole span a rule's edit replaced);
- `SPACE`: a space the structure makes (a line join, a space after a page mark);
- `PARA`: the blank line between two blocks;
- `MARK`: a page mark "[p. 43]", `lo` the scan page (0-based) it marks;
- `NONE`: anything else (footnote markers, marks of unscanned pages), which no correction can
  anchor to.

The walk is checked against the TEI's own reading text (`check`): where the two differ (a form
of the emitter this walk does not follow), the differing blocks are aligned and their
unmatched characters become `NONE`, so a change there is refused rather than misplaced.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from lxml import etree

from edition.model import (
    Block,
    Edit,
    Figure,
    Gap,
    Hi,
    Inline,
    LineJoin,
    NoteRef,
    PageBreak,
    Text,
    note_refs,
)
from edition.pipeline import Edition
from edition.rules.verse import verse_lines
from edition.structure.assemble import Group

NONE, TEXT, SPACE, PARA, MARK = 0, 1, 2, 3, 4


@dataclass(slots=True)
class Run:
    """A piece of reading text: its characters, their code, and where they come from; with
    `step`, character k comes from raw [lo + k, lo + k + 1), else every character from
    [lo, hi) (a rule's replacement)."""

    text: str
    code: int = NONE
    lo: int = -1
    hi: int = -1
    step: bool = False


#: Stands for the space `tei_text` puts after a page mark when the text goes on without one.
AFTER_MARK = Run("", -1)


@dataclass(slots=True)
class Reading:
    """A reading text and, for each of its characters, its code and raw span (see the module
    docstring); `pages` says whether page marks are in it."""

    text: str
    code: bytearray
    lo: list[int]
    hi: list[int]
    pages: bool = False
    blocks: list[tuple[int, int]] = field(default_factory=list)  # each block's [start, end)

    def raw_span(self, i: int, j: int) -> tuple[int, int] | None:
        """The raw span of the TEXT characters among [i, j), or None when there are none."""
        los = [self.lo[k] for k in range(i, j) if self.code[k] == TEXT]
        if not los:
            return None
        return min(los), max(self.hi[k] for k in range(i, j) if self.code[k] == TEXT)

    def next_text(self, i: int) -> int:
        """The index of the first TEXT character at or after `i`, or -1."""
        for k in range(i, len(self.text)):
            if self.code[k] == TEXT:
                return k
        return -1

    def prev_text(self, i: int) -> int:
        """The index of the last TEXT character before `i`, or -1."""
        for k in range(i - 1, -1, -1):
            if self.code[k] == TEXT:
                return k
        return -1


class _Walker:
    """Reads the model as `tei_text` reads the TEI the emitter writes from it."""

    def __init__(self, edition: Edition, pages: bool) -> None:
        self.ed = edition
        self.raw = edition.scan.raw
        self.pages = pages
        self.blocks: list[list[Run]] = []
        self.pending: list[list[Run]] = []
        edits = sorted((e for e in edition.edits if e.end > e.start), key=lambda e: e.start)
        self.edits = edits

    def edits_in(self, start: int, end: int) -> list[Edit]:
        """The edits within [start, end), in order."""
        from bisect import bisect_left

        starts = getattr(self, "_starts", None)
        if starts is None:
            starts = [e.start for e in self.edits]
            self._starts = starts
        out = self.edits[bisect_left(starts, start):bisect_left(starts, end)]
        return [e for e in out if e.end <= end]

    def text_runs(self, node: Text) -> list[Run]:
        """A text node's characters with their raw spans (its edits applied)."""
        if node.start < 0:
            return [Run(node.text, NONE)]
        runs: list[Run] = []
        pos = node.start
        for e in self.edits_in(node.start, node.end):
            if e.start > pos:
                runs.append(Run(self.raw[pos:e.start], TEXT, pos, e.start, step=True))
            if e.replacement:
                runs.append(Run(e.replacement, TEXT, e.start, e.end))
            pos = e.end
        if pos < node.end:
            runs.append(Run(self.raw[pos:node.end], TEXT, pos, node.end, step=True))
        if "".join(r.text for r in runs) != node.text:  # a node that is not its raw span edited
            return [Run(node.text, NONE)]
        return runs

    def mark(self, page: int) -> Run:
        """The page mark of a scan page, as `edition.write.text.page_mark` writes it."""
        n = self.ed.pagination.n(page)
        return Run(f"[p. {n}]" if n is not None else f"[s{page + 1}]", MARK, page, page)

    def unscanned(self, page: int) -> list[Run]:
        """The marks of printed pages missing from the scan before scan page `page`."""
        return [Run(f"[p. {number} not scanned]", NONE)
                for number in self.ed.pagination.skipped.get(page, [])]

    def inline(self, nodes: list[Inline], notes: list[Block]) -> list[Run]:
        """Inline content as `_Reader.inline` reads its element (marks settled)."""
        out: list[Run] = []
        for node in nodes:
            if isinstance(node, Text):
                out.extend(self.text_runs(node))
            elif isinstance(node, Hi):
                out.extend(self.inline(node.children, notes))
            elif isinstance(node, LineJoin):
                out.append(Run(" ", SPACE))
            elif isinstance(node, NoteRef):
                if node.note is None:
                    out.append(Run(node.n, NONE))
                else:
                    notes.append(node.note)
                    out.append(Run(f"[{node.n or '*'}]", NONE))
            elif isinstance(node, PageBreak):
                if self.pages:
                    for run in self.unscanned(node.page):
                        out.extend([run, AFTER_MARK])
                    out.append(self.mark(node.page))
                    if not node.inword:
                        out.append(AFTER_MARK)
            elif isinstance(node, Figure):
                notes.append(node.block)  # a plate inside a paragraph reads after it
            elif isinstance(node, Gap):
                continue
        return settle(out)

    def block_runs(self, block: Block, notes: list[Block]) -> list[Run]:
        """A block's content as the emitter writes it (a speech, a table row)."""
        if block.role == "sp":
            return settle([*self.inline(block.children[:1], notes), Run(" ", SPACE),
                           *self.inline(block.children[2:], notes)])
        if block.kind == "row":
            out: list[Run] = []
            for k, cell in enumerate(block.children):
                if k:
                    out.append(Run(" ", SPACE))
                out.extend(self.inline([cell], notes))
            return settle(out)
        if block.kind == "lg":  # a stanza: a line of text for each verse line
            verse: list[Run] = []
            for k, line in enumerate(verse_lines(block)):
                if k:
                    verse.append(Run("\n", SPACE))
                verse.extend(strip(self.inline(line, notes)))
            return verse
        return self.inline(block.children, notes)

    def block(self, block: Block, note: NoteRef | None = None) -> None:
        """One block of reading text, its pending page marks before it, its notes after it."""
        notes: list[Block] = []
        runs = strip(self.block_runs(block, notes))
        if block.kind == "figure":  # "[Illustration: caption]", as `edition text` reads it
            runs = ([Run("[Illustration: ", NONE), *runs, Run("]", NONE)] if runs
                    else [Run("[Illustration]", NONE)])
        if block.kind == "note" and note is not None:
            runs = [Run(f"[{note.n or '*'}] ", NONE), *runs]
        elif block.kind == "note":
            runs = [Run(f"[{block.n or '*'}] ", NONE), *runs]
        if self.pending:
            joined: list[Run] = []
            for k, mark in enumerate(self.pending):
                last = k == len(self.pending) - 1
                joined.extend([*mark, Run("\n" if last and block.kind == "lg" else " ", SPACE)])
            runs = strip([*joined, *runs])
            self.pending = []
        self.blocks.append(runs)
        refs = {id(n.note): n for n in note_refs(block.children) if n.note is not None}
        for inner in notes:
            self.block(inner, refs.get(id(inner)))

    def page_break(self, brk: PageBreak) -> None:
        """A milestone between blocks: its mark waits for the next block."""
        if self.pages:
            for run in self.unscanned(brk.page):
                self.pending.append([run])
            self.pending.append([self.mark(brk.page)])

    def items(self, items: list[Block | PageBreak | Group]) -> None:
        """Blocks, milestones and groups in document order."""
        for item in items:
            if isinstance(item, PageBreak):
                self.page_break(item)
            elif isinstance(item, Group):
                self.items(item.items)  # type: ignore[arg-type]
            else:
                self.block(item)

    def walk(self) -> list[list[Run]]:
        """Every block of the edition, as `tei_text` would read it."""
        self.items(self.ed.front)  # type: ignore[arg-type]
        for div in self.ed.divs:
            for brk in div.lead:
                self.page_break(brk)
            for head in div.heads:
                self.block(head)
            self.items(div.items)
        if self.pending:
            joined: list[Run] = []
            for k, mark in enumerate(self.pending):
                joined.extend([*([Run(" ", SPACE)] if k else []), *mark])
            self.blocks.append(joined)
            self.pending = []
        return self.blocks


def settle(runs: list[Run]) -> list[Run]:
    """Each AFTER_MARK made a space, unless the next text begins with whitespace or there is
    none (as `edition.write.text._settle_marks`)."""
    out: list[Run] = []
    for k, run in enumerate(runs):
        if run is not AFTER_MARK:
            out.append(run)
            continue
        nxt = next((r.text for r in runs[k + 1 :] if r is not AFTER_MARK and r.text), "")
        if nxt and not nxt[0].isspace():
            out.append(Run(" ", SPACE))
    return out


def strip(runs: list[Run]) -> list[Run]:
    """Runs without the whitespace at either end of their text."""
    runs = [r for r in runs if r.text]
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    if runs:
        runs[0] = _cut(runs[0], len(runs[0].text) - len(runs[0].text.lstrip()), len(runs[0].text))
        last = runs[-1]
        runs[-1] = _cut(last, 0, len(last.text.rstrip()))
    return runs


def _cut(run: Run, a: int, b: int) -> Run:
    """The characters [a, b) of a run."""
    if a == 0 and b == len(run.text):
        return run
    if run.step:
        return Run(run.text[a:b], run.code, run.lo + a, run.lo + b, True)
    return Run(run.text[a:b], run.code, run.lo, run.hi)


def _materialise(blocks: list[list[Run]], pages: bool) -> Reading:
    """The Reading of blocks of runs: blocks joined by a blank line, a line end at the end."""
    chars: list[str] = []
    code = bytearray()
    lo: list[int] = []
    hi: list[int] = []
    spans: list[tuple[int, int]] = []
    first = True
    for runs in blocks:
        if not runs:
            continue
        if not first:
            chars.append("\n\n")
            code.extend((PARA, PARA))
            lo.extend((-1, -1))
            hi.extend((-1, -1))
        first = False
        start = len(code)
        for run in runs:
            chars.append(run.text)
            n = len(run.text)
            code.extend(bytes([run.code]) * n)
            if run.step:
                lo.extend(range(run.lo, run.lo + n))
                hi.extend(range(run.lo + 1, run.lo + n + 1))
            else:
                lo.extend([run.lo] * n)
                hi.extend([run.hi] * n)
        spans.append((start, len(code)))
    chars.append("\n")
    code.append(NONE)
    lo.append(-1)
    hi.append(-1)
    return Reading("".join(chars), code, lo, hi, pages, spans)


def reading(edition: Edition, pages: bool = False, root: etree._Element | None = None) -> Reading:
    """The reading text of `edition` with the provenance of each character; with `pages`, with
    page marks (as `edition text --mark-pages`). With `root`, the edition's TEI, the walk is
    checked against the TEI's own reading text and aligned to it where they differ."""
    blocks = _Walker(edition, pages).walk()
    result = _materialise(blocks, pages)
    if root is None:
        return result
    from edition.write.text import tei_text

    return check(result, tei_text(root, pages=pages))


def check(walked: Reading, text: str) -> Reading:
    """`walked` when its text is `text`; otherwise a Reading of `text` whose characters take
    the provenance of the walked characters they align with (blocks first, then characters
    within blocks that differ), and NONE where nothing aligns."""
    if walked.text == text:
        return walked
    mine = walked.text.split("\n\n")
    theirs = text.split("\n\n")
    offsets_mine = _offsets(mine)
    offsets_theirs = _offsets(theirs)
    code = bytearray(len(text))
    lo = [-1] * len(text)
    hi = [-1] * len(text)
    for k in range(len(text)):
        if text[k] == "\n" and (text[k - 1 : k + 1] == "\n\n" or text[k : k + 2] == "\n\n"):
            code[k] = PARA

    def copy(i: int, j: int, n: int) -> None:
        for d in range(n):
            code[j + d] = walked.code[i + d]
            lo[j + d] = walked.lo[i + d]
            hi[j + d] = walked.hi[i + d]

    matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for d in range(i2 - i1):
                copy(offsets_mine[i1 + d], offsets_theirs[j1 + d], len(mine[i1 + d]))
        elif op == "replace" and i2 - i1 == j2 - j1:
            for d in range(i2 - i1):
                a, b = mine[i1 + d], theirs[j1 + d]
                chars = difflib.SequenceMatcher(None, a, b, autojunk=False)
                for block in chars.get_matching_blocks():
                    copy(offsets_mine[i1 + d] + block.a, offsets_theirs[j1 + d] + block.b,
                         block.size)
    spans = [(s, s + len(b)) for s, b in zip(offsets_theirs, theirs, strict=True) if b.strip()]
    return Reading(text, code, lo, hi, walked.pages, spans)


def _offsets(blocks: list[str]) -> list[int]:
    """The start of each block in the text the blocks were split from by blank lines."""
    out, pos = [], 0
    for block in blocks:
        out.append(pos)
        pos += len(block) + 2
    return out
