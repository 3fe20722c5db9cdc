"""Verse: lines of a poem kept as lines (TEI `<lg>`/`<l>`), never reflowed into prose.

Prose is set to the full measure and its lines begin wherever a word falls; verse is
set line by line, each line beginning with a capital (or set in further than the
prose), most lines short of the measure, few ending a sentence. A run of such lines
inside a block of the page is a stanza:

- at least `MIN_LINES` lines in a row that are verse-like (`verse_like`: not too long
  for the measure, no word broken at the end, not a contents or index entry, not in
  capitals), each opening with a capital or set in; or
- at least `MIN_SET_IN_LINES` in a row, all set in further than the book's prose
  (`SET_IN` characters past the prose's usual indentation), where the OCR kept the
  indentation (Distributed Proofreaders' and ebookmaker's users report verse lines in
  lower case reflowed as prose: gutenbergtools/ebookmaker issue #241);

and in either case with at most `MAX_SENTENCE_ENDS` of its lines ending a sentence
(dialogue set line by line ends nearly every line: "Yes." / "No, sir."), fewer than
half opening with a quotation mark, and at most `MAX_FULL_LINES` of them filling the
measure (prose lines do). Only body pages are read (a title page is set line by line
too). A stanza is a block of its own, so a paragraph never runs on into it or out of
it, and a dash at the end of a stanza's last line never joins it to the next page
(guiguts-py issue #1647).
"""

from __future__ import annotations

import statistics

import regex

from edition.model import Block, Inline, Line, LineJoin, Scan

#: Verse-like lines in a row, at least, for a stanza on the evidence of its capitals.
MIN_LINES = 4
#: Lines set in, in a row, at least, for a stanza on the evidence of its indentation.
MIN_SET_IN_LINES = 2
#: Characters a line is set in past the prose's usual indentation to count as set in.
SET_IN = 2
#: Characters of text a verse line has at least (shorter is a speck, a signature, a name).
MIN_CHARS = 8
#: Share of the measure a verse line is at most (a longer line is prose or a note's).
MAX_WIDTH = 1.05
#: Share of the measure from which a line is full, as prose lines are.
FULL = 0.9
#: Shares of a stanza's lines, at most, that end a sentence, and that fill the measure.
MAX_SENTENCE_ENDS = 0.5
MAX_FULL_LINES = 0.25
#: A line opening with a capital (after an opening quotation mark or bracket).
OPENS_CAPITAL = regex.compile(r"^[\"'“‘(\[]?\p{Lu}")
#: A line opening with a quotation mark.
OPENS_QUOTE = regex.compile(r"^[\"'“‘]")
#: A line ending a sentence (before closing quotation marks or brackets).
SENTENCE_END = regex.compile(r"[.!?][\"'”’)\]]*$")
#: A line ending in a word broken by a hyphen: prose, hyphenated to fill the measure.
BROKEN = regex.compile(r"\p{L}[-\u00ad¬⸗\u2010]$")
#: A line that ends a sentence and begins the next: prose ("... a little strange. A").
NEXT_SENTENCE = regex.compile(r"[.!?][\"'”’)\]]*\s+\p{Lu}\p{L}*(?:\s+\p{L}+)?$")
#: A line ending a quoted speech: in a stanza only its last line does (dialogue set line by
#: line ends one speech after another: "James Benwick?"" / "Benwick."").
SPEECH_END = regex.compile(r"[.!?,;:—][\"”’]$")
#: A contents or index entry: a page number after a space at the end.
ENTRY = regex.compile(r"\s[\dIVXLCivxlc]+\.?$")


def indentation(text: str) -> int:
    """A line's indentation in characters (a tab counts 4)."""
    stripped = text.lstrip(" \t")
    return len(text[: len(text) - len(stripped)].expandtabs(4))


def prose_indentation(scan: Scan) -> int:
    """The usual indentation of the book's lines of five words or more (the prose's)."""
    found = [indentation(line.text) for page in scan.pages for line in page.lines
             if len(line.text.split()) >= 5]
    return int(statistics.median(found)) if found else 0


def verse_like(text: str, width: int | None) -> bool:
    """Whether a line could be a line of verse (see the module docstring)."""
    text = text.strip()
    if len(text) < MIN_CHARS or (width is not None and len(text) > MAX_WIDTH * width):
        return False
    letters = [c for c in text if c.isalpha()]
    if not letters or all(c.isupper() for c in letters):
        return False
    return not (BROKEN.search(text) or ENTRY.search(text) or NEXT_SENTENCE.search(text))


def _lines(block: Block) -> list[tuple[Line, LineJoin | None, list[Inline]]]:
    """A block's printed lines: each raw line, the line join before it, its inline nodes."""
    out: list[tuple[Line, LineJoin | None, list[Inline]]] = [(block.line, None, [])]
    for node in block.children:
        if isinstance(node, LineJoin) and node.line is not None:
            out.append((node.line, node, []))
        else:
            out[-1][2].append(node)
    return out


def _stanza(lines: list[Line], width: int | None, prose_indent: int) -> bool:
    """Whether a run of verse-like lines is a stanza (see the module docstring)."""
    texts = [line.text.strip() for line in lines]
    set_in = [indentation(line.text) >= prose_indent + SET_IN for line in lines]
    if len(lines) >= MIN_LINES:
        shaped = all(s or OPENS_CAPITAL.match(t) for s, t in zip(set_in, texts, strict=True))
    else:
        shaped = len(lines) >= MIN_SET_IN_LINES and all(set_in)
    if not shaped:
        return False
    ends = sum(1 for t in texts if SENTENCE_END.search(t))
    quotes = sum(1 for t in texts if OPENS_QUOTE.match(t))
    full = sum(1 for t in texts if width is not None and len(t) >= FULL * width)
    n = len(texts)
    if any(SPEECH_END.search(t) for t in texts[:-1]):
        return False
    return ends <= MAX_SENTENCE_ENDS * n and quotes * 2 < n and full <= MAX_FULL_LINES * n


def _trimmed(lines: list[Line], width: int | None) -> tuple[int, int]:
    """The stanza in a run of lines without the prose at its ends: the full lines it opens
    with (and the short line that ends their sentence: "... Bishop of" / "Calcutta:"), and
    the full lines it ends with. (start, end) indexes of `lines`."""
    if width is None:
        return 0, len(lines)
    texts = [line.text.strip() for line in lines]
    full = [len(t) >= FULL * width for t in texts]
    start = 0
    while start < len(texts) and full[start]:
        start += 1
    if start and start < len(texts) and not SENTENCE_END.search(texts[start - 1]) and (
            texts[start].endswith((":", "—", "-"))):
        start += 1
    end = len(texts)
    while end > start and full[end - 1]:
        end -= 1
    return start, end


def split_verse(block: Block, width: int | None, prose_indent: int) -> list[Block]:
    """The block with each stanza in it made a block of kind "lg" (its lines joined by hard
    line breaks), the prose before and after it left as paragraphs; [block] when it holds
    no stanza. `width` is the book's measure (None when not hard-wrapped), `prose_indent`
    the prose's usual indentation (`prose_indentation`)."""
    if block.kind != "p":
        return [block]
    lines = _lines(block)
    if len(lines) < MIN_SET_IN_LINES:
        return [block]
    like = [verse_like(line.text, width) for line, _, _ in lines]
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(lines):
        if not like[k]:
            k += 1
            continue
        end = k
        while end < len(lines) and like[end]:
            end += 1
        # the longest stanza the run holds from its start (prose may end the run)
        for stop in range(end, k + MIN_SET_IN_LINES - 1, -1):
            first, last = _trimmed([line for line, _, _ in lines[k:stop]], width)
            if last - first >= MIN_SET_IN_LINES and _stanza(
                    [line for line, _, _ in lines[k + first:k + last]], width, prose_indent):
                spans.append((k + first, k + last))
                k = stop
                break
        else:
            k += 1
    if not spans:
        return [block]
    out: list[Block] = []
    at = 0
    for start, stop in spans:
        if start > at:
            out.append(_part(block, lines[at:start], "p"))
        out.append(_part(block, lines[start:stop], "lg"))
        at = stop
    if at < len(lines):
        out.append(_part(block, lines[at:], "p"))
    return out


def _part(block: Block, lines: list[tuple[Line, LineJoin | None, list[Inline]]],
          kind: str) -> Block:
    """A block of some of a block's lines: a paragraph keeps their joins, a stanza breaks
    each line (a hard join)."""
    children: list[Inline] = list(lines[0][2])
    for k in range(1, len(lines)):
        line, join, nodes = lines[k]
        if kind == "lg" or join is None:
            join = LineJoin(hard=kind == "lg", width=len(lines[k - 1][0].text.strip()), line=line)
        children.append(join)
        children.extend(nodes)
    last = lines[-1][0].text.strip()
    return Block(kind, children, block.page, lines[0][0], role=block.role if kind == "p" else "",
                 last_width=len(last))


def verse_lines(block: Block) -> list[list[Inline]]:
    """The lines of a stanza block, each its inline nodes."""
    out: list[list[Inline]] = [[]]
    for node in block.children:
        if isinstance(node, LineJoin) and node.hard:
            out.append([])
        else:
            out[-1].append(node)
    return out
