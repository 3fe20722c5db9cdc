"""Read the lightweight markup that OCR pipelines emit (Markdown-like) into blocks.

Headings (`## TITLE`), footnotes at the foot of a page (`<sup>1</sup> text`),
note references (`<sup>1</sup>`), italics (`*text*`), backslash escapes (`\\$`)
and hard line breaks (two trailing spaces) are structure, not text: the
characters that spell them are recorded as edits of the rule `markup`, and what
they mean is kept as blocks and inline nodes.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from edition.model import Block, Edit, Hi, Inline, Line, LineJoin, NoteRef, Page, Text
from edition.rules.labels import worded

RULE = "markup"

#: A heading line: one to six `#`, then the heading text.
HEADING = regex.compile(r"^(#{1,6})[ \t]+(?=\S)")
#: A footnote line at the foot of a page: a superscript marker, then the note text.
FOOTNOTE = regex.compile(r"^<sup>(\w{1,3})</sup>[ \t]*")
#: Inline markup: an escaped punctuation mark, a note reference, or an italic span.
INLINE = regex.compile(
    r"\\(?P<esc>[\\`*_{}\[\]()#+\-.!$<>&])"
    r"|<sup>(?P<ref>\w{1,3})</sup>"
    r"|\*(?P<it>(?=\S)[^*]+?(?<=\S))\*"
)
#: The longest cell of a tab-separated table row (a contents entry, a column of figures); a
#: line with a longer stretch between tabs is prose with a tab in it, not a table.
TABLE_CELL_MAX = 60
#: Two or more trailing spaces end a line with a hard break.
HARD_BREAK = "  "


def _no_markup(text: str) -> bool:
    """True for a text holding none of the characters INLINE's markup (and FOOTNOTE's) must
    hold: most lines of a book, which the patterns then need not read."""
    return "*" not in text and "\\" not in text and "<sup>" not in text


def heading_level(text: str) -> int:
    """The markup level of a heading line (0 for a line that is not a heading)."""
    m = HEADING.match(text)
    return len(m.group(1)) if m else 0


def strip_markup(text: str) -> str:
    """The text of a line without heading marks, italics, escapes or superscripts."""
    if "#" not in text and _no_markup(text):
        return text.strip()
    text = HEADING.sub("", text)
    text = FOOTNOTE.sub("", text)
    return INLINE.sub(lambda m: m.group("esc") or m.group("it") or "", text).strip()


def parse_inline(text: str, start: int, page: int, edits: list[Edit]) -> list[Inline]:
    """Inline nodes for raw `text` beginning at raw offset `start`; markup goes to `edits`."""
    if _no_markup(text):
        return [Text(text, start, start + len(text))] if text else []
    nodes: list[Inline] = []
    pos = 0
    for m in INLINE.finditer(text):
        if m.start() > pos:
            nodes.append(Text(text[pos : m.start()], start + pos, start + m.start()))
        if m.group("esc") is not None:
            edits.append(Edit(RULE, start + m.start(), start + m.start() + 1, "", page, "escape"))
            nodes.append(Text(m.group("esc"), start + m.start() + 1, start + m.end()))
        elif m.group("ref") is not None:
            edits.append(Edit(RULE, start + m.start(), start + m.end(), "", page, "note reference"))
            nodes.append(NoteRef(m.group("ref"), page))
        else:
            inner = m.start("it")
            edits.append(Edit(RULE, start + m.start(), start + inner, "", page, "italic"))
            edits.append(Edit(RULE, start + m.end() - 1, start + m.end(), "", page, "italic"))
            nodes.append(Hi(parse_inline(m.group("it"), start + inner, page, edits)))
        pos = m.end()
    if pos < len(text):
        nodes.append(Text(text[pos:], start + pos, start + len(text)))
    return nodes


def _trimmed(line: Line) -> tuple[str, int]:
    """The line's text without surrounding whitespace, and the raw offset it starts at."""
    body = line.text.rstrip()
    lead = len(body) - len(body.lstrip())
    return body[lead:], line.start + lead


def _line_block(line: Line, page: int, edits: list[Edit]) -> Block:
    """A block for a single line that is a heading, a footnote or a table row."""
    text, start = _trimmed(line)
    if m := HEADING.match(text):
        edits.append(Edit(RULE, start, start + m.end(), "", page, "heading"))
        children = parse_inline(text[m.end() :], start + m.end(), page, edits)
        return Block("head", children, page, line, level=len(m.group(1)))
    if worded(text):
        return Block("head", parse_inline(text, start, page, edits), page, line, level=0)
    if m := FOOTNOTE.match(text):
        edits.append(Edit(RULE, start, start + m.end(), "", page, "footnote marker"))
        children = parse_inline(text[m.end() :], start + m.end(), page, edits)
        return Block("note", children, page, line, n=m.group(1))
    cells: list[Inline] = []
    pos = 0
    for cell in text.split("\t"):
        if cell.strip():
            lead = len(cell) - len(cell.lstrip())
            cells.append(Text(cell.strip(), start + pos + lead, start + pos + lead + len(cell.strip())))
        pos += len(cell) + 1
    return Block("row", cells, page, line)


def _is_single(line: Line) -> bool:
    """True for a line that always stands as a block of its own: a heading, a footnote, a
    or a chapter label with its word ("Chapter %", "LECTURE XVII."); table rows are
    told by `is_row`, which needs the lines beside them."""
    text = line.text.strip()
    return bool(HEADING.match(text) or FOOTNOTE.match(text)
                or worded(text))


def is_row(text: str, before: Line | None, after: Line | None) -> bool:
    """True for a tab-separated table row: a tab, no cell longer than TABLE_CELL_MAX, and
    a tab line beside it (a table has rows; a lone tab in prose is whitespace)."""
    if "\t" not in text.rstrip() or any(len(c.strip()) > TABLE_CELL_MAX for c in text.split("\t")):
        return False
    return any(n is not None and "\t" in n.text.rstrip() for n in (before, after))


def page_blocks(page: Page, skip: set[int], edits: list[Edit],
                cuts: dict[int, int] | None = None, blank_joins: bool = False,
                run_in: dict[int, int] | None = None, headings: set[int] | None = None,
                ends: dict[int, int] | None = None) -> list[Block]:
    """The blocks of a page, ignoring lines whose start offset is in `skip` (removed furniture),
    the leading raw characters `cuts` gives for a line (a folio fused to it) and the trailing
    ones after the raw offset `ends` gives (a signature mark run into it).

    Consecutive non-blank lines form one block; a line ending in a hard break
    keeps its line break, any other line break is a space. A blank line ends a block,
    unless `blank_joins` (hard-wrapped text, where a blank line may stand inside a paragraph:
    a double-spaced stretch): then it is a join that counts its blank lines
    (`LineJoin.blank`), weighed by `edition.rules.paragraph_ends`. A line in `run_in` (raw
    line start -> raw offset where its text begins) opens with a division label run into its
    paragraph ("Thesis I.—Truth is ..."): the label is a heading block of its own. A line in
    `headings` (raw line starts: a division's heading lines) is a heading block of its own too,
    so no paragraph takes it in, on its page or over a page turn.
    """
    blocks: list[Block] = []
    run: list[Line] = []
    blanks: list[int] = []  # blank lines before each line of the run
    pending = 0

    def flush() -> None:
        nonlocal pending
        pending = 0
        if not run:
            return
        children: list[Inline] = []
        for k, line in enumerate(run):
            text, start = _trimmed(line)
            if k:
                before = run[k - 1].text
                children.append(LineJoin(hard=before.endswith(HARD_BREAK),
                                         width=len(before.strip()), line=line, blank=blanks[k]))
            children.extend(parse_inline(text, start, page.index, edits))
        blocks.append(Block("p", children, page.index, run[0], last_width=len(run[-1].text.strip())))
        run.clear()
        blanks.clear()

    lines = page.lines
    for k, line in enumerate(lines):
        if ends and line.start in ends:
            end = ends[line.start]
            line = Line(line.start, end, line.text[: end - line.start])
        if run_in and line.start in run_in:
            flush()
            cut = run_in[line.start] - line.start
            text, start = _trimmed(Line(line.start, line.start + cut, line.text[:cut]))
            blocks.append(Block("head", parse_inline(text, start, page.index, edits), page.index,
                                Line(line.start, line.start + cut, line.text[:cut])))
            line = Line(line.start + cut, line.end, line.text[cut:])
        if cuts and line.start in cuts:
            cut = cuts[line.start] - line.start
            line = Line(line.start + cut, line.end, line.text[cut:])
        if line.start in skip:
            flush()
            continue
        if line.blank:
            if blank_joins and run:
                pending += 1
            else:
                flush()
        elif headings and line.start in headings and not _is_single(line):
            flush()
            text, start = _trimmed(line)
            blocks.append(Block("head", parse_inline(text, start, page.index, edits), page.index,
                                line))
        elif _is_single(line) or is_row(line.text, lines[k - 1] if k else None,
                                         lines[k + 1] if k + 1 < len(lines) else None):
            flush()
            blocks.append(_line_block(line, page.index, edits))
        else:
            run.append(line)
            blanks.append(pending)
            pending = 0
    flush()
    return blocks


def all_blocks(pages: Iterable[Page], skip: set[int], edits: list[Edit],
               cuts: dict[int, int] | None = None, blank_joins: bool = False,
               run_in: dict[int, int] | None = None,
               headings: set[int] | None = None,
               ends: dict[int, int] | None = None) -> list[list[Block]]:
    """The blocks of every page, page by page (`blank_joins`, `run_in`, `headings`, `ends` as
    for `page_blocks`)."""
    return [page_blocks(page, skip, edits, cuts, blank_joins, run_in, headings, ends)
            for page in pages]
