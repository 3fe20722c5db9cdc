"""Footnotes in plain OCR: a marker in the text and a note that begins with it at the foot.

A printed footnote has two halves on one page: a reference mark set after a word
or a punctuation mark in the text ("epithets.*", "assembly.¹", "Church2"), and
the note at the foot of the page, a line that begins with the same mark
("* The authority of Milton ...", "¹ Quirinus, p. 778."). Plain OCR keeps both
as text; this rule finds them and makes the note a note, at its reference.

A page's note zone is the run of lines from its first note line to the foot of
the page: a line beginning with a mark (`NOTE_START`) whose reference stands in
the text above it on the same page, after which every line belongs to a note
(the note lines under it begin further notes, the others continue the one
before). Marks are superscript figures, the printer's symbols in their order
(`*`, `†`, `‡`, `§`, `‖`, `¶`), bracketed or plain figures; the OCR's readings of
a dagger as `t`, `f` or `+` count only after a `*` note on the same page. A
mark with no reference in the text above it is not a note: the line stays text
(nothing is made a note on the shape of its first character alone).

A note that does not end a sentence at the foot of its page is continued on the
next (Distributed Proofreaders' "continued footnote"; guiguts-py issue #1236):
its continuation is the run of lines just above the next page's note zone (or at
its foot, when it has no notes of its own), set apart by a blank line or set in
the notes' smaller type (lines longer than the text's measure by
`NOTE_TYPE_RATIO`), and beginning in lower case. A note keeps its lines as a
block; its mark, and the reference mark in the text, are recorded as edits of
this rule (the mark is kept as the note's `n`).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

import regex

from edition.model import Block, Edit, Hi, Inline, Line, LineJoin, NoteRef, Scan, Text

RULE = "footnote"

#: The marks of a note line, at its start: superscript figures, the printer's symbols, a
#: figure in brackets or a plain figure before a capital, and the OCR's readings of a dagger;
#: then the note's first word, a capital or a figure, or a quotation after a space (a symbol
#: touching a quotation mark, "*'" or "'*", is the OCR's reading of a quotation mark).
NOTE_START = regex.compile(
    r"^(?:(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})[ \t]*"
    r"|(?P<sym>\*{1,3}|†{1,2}|‡{1,2}|§|‖|¶)(?:[ \t]+|(?=[\p{Lu}\p{N}]))"
    r"|\((?P<par>\d{1,2})\)[ \t]*"
    r"|(?P<num>\d{1,2})[.]?[ \t]+(?=[\"“‘']?\p{Lu})"
    r"|(?P<dag>[tf+])[ \t]+(?=[\"“‘']?\p{Lu}))"
    r"(?=[\"“‘'(\[]?[ \t]?[\p{Lu}\p{N}])"
)
#: What stands before a reference mark: a letter, a figure or a punctuation mark.
BEFORE_MARK = r"(?<=[\p{L}\p{N}.,;:!?'\"”’)\]])"
#: The reference mark for each kind of note mark (`MARK` stands for the mark, escaped).
REFERENCE = {
    "sup": BEFORE_MARK + r"MARK(?![⁰¹²³⁴⁵⁶⁷⁸⁹])",
    "sym": BEFORE_MARK + r" ?MARK(?![*†‡])",
    "par": BEFORE_MARK + r" ?\(MARK\)",
    "num": r"(?<=\p{L}[.,;:!?'\"”’]?)MARK(?=[\s.,;:!?]|$)",
    "dag": r"(?<=\p{L}[.,;:]?) [tf+†](?=\s|$)",
}
#: The printer's symbols for notes, in their order.
SYMBOLS = ("*", "†", "‡", "§", "‖", "¶", "**", "††")
#: Notes under a symbol, set apart from the text, a book prints at least, for its other
#: symbol notes to be taken without that evidence (Finley's Mildred Keith, HathiTrust OCR,
#: prints no notes and has none set apart; its "*" are specks and misread quotes).
SYMBOL_NOTES_MIN = 3
#: Superscript figures read as figures.
SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
#: A note's text ends here when it ends a sentence (before closing quotes or brackets).
NOTE_END = regex.compile(r"[.!?…][\"'”’)\]]*$")
#: Words a line has at least to count in the text's measure (as `edition.rules.lines`).
MEASURE_WORDS = 5
#: Lines of a note set in smaller type hold more characters than the text's: at least this
#: share of the measure (Coleridge's Biographia, HathiTrust OCR: text 62-71 characters,
#: notes 74-89, measure 66).
NOTE_TYPE_RATIO = 1.1


@dataclass(slots=True)
class Note:
    """One footnote: its mark (as the notes are keyed: "1", "*", "†"), its lines, and the
    scan page its mark is on."""

    n: str
    page: int
    lines: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class Footnotes:
    """What the rule found: the notes of every page, the raw spans of their reference marks
    ((start, end, n, page)), the raw line starts the notes hold, and the edits."""

    notes: dict[int, list[Note]] = field(default_factory=dict)
    references: list[tuple[int, int, str, int]] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)
    edits: list[Edit] = field(default_factory=list)


def _mark(m: regex.Match[str]) -> tuple[str, str]:
    """The kind of a note line's mark and the mark as notes are keyed."""
    kind = m.lastgroup or ""
    value = m.group(kind)
    if kind == "sup":
        return kind, value.translate(SUPERSCRIPT)
    if kind == "dag":
        return kind, "†"
    return kind, value


def _reference(kind: str, mark: str, body: list[Line], used: set[int],
               strict: bool = False) -> tuple[int, int] | None:
    """The raw span of the first unused reference to a note in the text above it. A `strict`
    reference to a symbol note is not a symbol right after a letter at a line's end: that is
    the OCR's reading of a damaged last letter or apostrophe ("carryin*", "shor*")."""
    if kind == "sup":
        printed = mark.translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
        pattern = REFERENCE[kind].replace("MARK", regex.escape(printed))
    elif kind == "dag":
        pattern = REFERENCE[kind]
    else:
        pattern = REFERENCE[kind].replace("MARK", regex.escape(mark))
    found = regex.compile(pattern)
    for line in body:
        text = line.text.rstrip()
        for m in found.finditer(text):
            start = line.start + m.start()
            if strict and kind == "sym" and m.end() == len(text) and text[m.start() - 1].isalpha():
                continue
            if start not in used:
                return start, line.start + m.end()
    return None


def _zone(lines: list[Line], protected: set[int], raw: str, width: int | None,
          strict: bool = True) -> tuple[int, list[tuple[int, str, str]]]:
    """The index in `lines` (non-blank) where the page's note zone begins (len(lines) when it
    has none) and its note lines: (index, kind, mark). A zone opened by a symbol is set apart:
    by a blank line above it, or by its lines in the notes' smaller type (`_set_apart`),
    unless not `strict`."""
    for at, line in enumerate(lines):
        m = NOTE_START.match(line.text.strip())
        if not m or _mark(m)[0] == "dag":
            continue
        if strict and _mark(m)[0] == "sym" and not _set_apart(lines, at, raw, width):
            continue
        marks: list[tuple[int, str, str]] = []
        starred = False
        for k in range(at, len(lines)):
            if lines[k].start in protected:
                marks = []
                break
            mk = NOTE_START.match(lines[k].text.strip())
            if mk:
                kind, mark = _mark(mk)
                if kind == "dag" and not starred:
                    continue  # "t" opening a line is a dagger only after a "*" note
                starred = starred or mark == "*"
                marks.append((k, kind, mark))
        if marks and marks[0][0] == at:
            return at, marks
    return len(lines), []


def _set_apart(lines: list[Line], at: int, raw: str, width: int | None) -> bool:
    """Whether the note lines from `at` to the page foot stand apart from the text above:
    after a blank line, or (in a hard-wrapped text) in the notes' smaller type, most of
    their full lines longer than the measure by NOTE_TYPE_RATIO."""
    if at and _gap(raw, lines[at - 1], lines[at]):
        return True
    if width is None:
        return False
    full = [ln for ln in lines[at:-1] or lines[at:]]
    wide = sum(len(ln.text.strip()) >= NOTE_TYPE_RATIO * width for ln in full)
    return wide * 2 > len(full)


def _gap(raw: str, above: Line, below: Line) -> bool:
    """Whether a blank line stands between two lines."""
    return raw.count("\n", above.end, below.start) > 1


def _continuation(lines: list[Line], zone: int, raw: str, width: int | None) -> int:
    """The index where the continuation of the previous page's note begins (see the module
    docstring); `zone` when there is none. `lines` are the page's non-blank lines."""
    if zone == 0:
        return zone
    # set apart: the lines after the last blank line above the note zone
    run = zone - 1
    while run > 0 and not _gap(raw, lines[run - 1], lines[run]):
        run -= 1
    if run > 0 and lines[run].text.strip()[:1].islower():
        return run
    if width is None:
        return zone
    # in the notes' type: lines longer than the text's, under them the note's last line
    run = zone - 1
    while run > 0 and len(lines[run - 1].text.strip()) >= NOTE_TYPE_RATIO * width:
        run -= 1
    if run < zone - 1 and run > 0 and lines[run].text.strip()[:1].islower():
        return run
    return zone


def find_footnotes(scan: Scan, skip: set[int], protected: set[int],
                   width: int | None) -> Footnotes:
    """The footnotes of a plain-OCR scan (see the module docstring).

    `skip` holds the raw starts of lines already removed (furniture, stamps); `protected`
    the division headings' lines, never part of a note; `width` the book's measure in
    characters (`edition.rules.lines.measure`), None when the text is not hard-wrapped (then
    no line is told by its type; otherwise the text's own measure, notes left out, is used).
    Notes opened by a printer's symbol are first taken only where they stand apart from the
    text (`_set_apart`); a book with SYMBOL_NOTES_MIN such notes prints its notes under that
    symbol, and then a symbol note with its reference is taken where it stands (a one-line
    note at the foot, a quotation in verse).
    """
    width = _text_measure(scan, skip) if width is not None else None
    found = _find(scan, skip, protected, width, strict=True)
    symbols = sum(1 for notes in found.notes.values() for n in notes if n.n in SYMBOLS)
    return found if symbols < SYMBOL_NOTES_MIN else _find(scan, skip, protected, width, False)


def _text_measure(scan: Scan, skip: set[int]) -> int | None:
    """The measure of the text without its notes: the median length of the lines of five
    words or more above the first line on their page that begins like a note (a book's
    measure counts its notes' longer lines too, and a page range rich in notes is measured
    long)."""
    widths: list[int] = []
    for page in scan.pages:
        for line in page.content_lines():
            text = line.text.strip()
            if line.start in skip:
                continue
            if NOTE_START.match(text):
                break
            if len(text.split()) >= MEASURE_WORDS:
                widths.append(len(text))
    return int(statistics.median(widths)) if widths else None


def _find(scan: Scan, skip: set[int], protected: set[int], width: int | None,
          strict: bool) -> Footnotes:
    """The footnotes, with symbol notes `strict`ly set apart or not (see `find_footnotes`)."""
    found = Footnotes()
    raw = scan.raw
    open_note: Note | None = None
    for page in scan.pages:
        lines = [ln for ln in page.content_lines() if ln.start not in skip]
        zone, marks = _zone(lines, protected, raw, width, strict)
        body_end = zone
        if open_note is not None and lines:
            cont = _continuation(lines, zone, raw, width)
            if cont < zone:
                open_note.lines.extend(lines[cont:zone])
                found.lines.update(ln.start for ln in lines[cont:zone])
                body_end = cont
        open_note = None
        used = {r[0] for r in found.references}
        notes: list[Note] = []
        for k, (at, kind, mark) in enumerate(marks):
            ref = _reference(kind, mark, lines[:body_end], used, strict)
            end = marks[k + 1][0] if k + 1 < len(marks) else len(lines)
            if ref is None:
                if notes:
                    notes[-1].lines.extend(lines[at:end])  # a mark the text does not cite
                    continue
                body_end = end  # no reference: the line is text, and so is what follows
                continue
            used.add(ref[0])
            found.references.append((ref[0], ref[1], mark, page.index))
            notes.append(Note(mark, page.index, list(lines[at:end])))
        if not notes:
            continue
        first = notes[0].lines[0]
        zone_lines = [ln for ln in lines if ln.start >= first.start]
        found.lines.update(ln.start for ln in zone_lines)
        found.notes[page.index] = notes
        for note in notes:
            line = note.lines[0]
            m = NOTE_START.match(line.text.strip())
            assert m is not None
            lead = len(line.text) - len(line.text.lstrip())
            found.edits.append(Edit(RULE, line.start + lead, line.start + lead + m.end(), "",
                                    page.index, f"footnote mark {note.n!r}"))
        last = notes[-1].lines[-1].text.strip()
        open_note = notes[-1] if not NOTE_END.search(last) else None
    for start, end, mark, page_index in found.references:
        found.edits.append(Edit(RULE, start, end, "", page_index,
                                f"footnote reference {mark!r}"))
    return found


def note_blocks(found: Footnotes, raw: str) -> dict[int, list[Block]]:
    """The notes as blocks of kind "note" (`n` the mark), by the scan page of their mark:
    their lines joined as a paragraph's are, the mark left out."""
    marks = {e.start: e.end for e in found.edits if e.note.startswith("footnote mark")}
    out: dict[int, list[Block]] = {}
    for page, notes in found.notes.items():
        for note in notes:
            children: list[Inline] = []
            for k, line in enumerate(note.lines):
                body = line.text.rstrip()
                lead = len(body) - len(body.lstrip())
                start = line.start + lead
                start = marks.get(start, start)
                end = line.start + len(body)
                if k:
                    before = note.lines[k - 1].text.strip()
                    children.append(LineJoin(width=len(before), line=line))
                if end > start:
                    children.append(Text(raw[start:end], start, end))
            out.setdefault(page, []).append(
                Block("note", children, page, note.lines[0],
                      n=note.n, last_width=len(note.lines[-1].text.strip())))
    return out


def insert_references(blocks: list[Block], references: list[tuple[int, int, str, int]],
                      edits: list[Edit]) -> None:
    """Replace each reference mark in the text of `blocks` by a NoteRef (the mark's
    characters are the rule's edits, already recorded)."""
    if not references:
        return
    spans = sorted(references)
    for block in blocks:
        block.children = _split(block.children, spans)


def _split(nodes: list[Inline], spans: list[tuple[int, int, str, int]]) -> list[Inline]:
    """Inline nodes with the reference spans inside their text cut out as NoteRefs."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Hi):
            node.children = _split(node.children, spans)
            out.append(node)
            continue
        if not isinstance(node, Text) or node.start < 0:
            out.append(node)
            continue
        inside = [s for s in spans if node.start <= s[0] and s[1] <= node.end]
        pos = node.start
        for start, end, mark, page in inside:
            if start > pos:
                out.append(Text(node.text[pos - node.start:start - node.start], pos, start))
            out.append(NoteRef(mark, page))
            pos = end
        if pos < node.end:
            out.append(Text(node.text[pos - node.start:], pos, node.end))
    return out
