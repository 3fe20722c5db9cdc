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
from edition.rules.divisions import Opening

#: Verse-like lines in a row, at least, for a stanza on the evidence of its capitals.
MIN_LINES = 4
#: Lines set in, in a row, at least, for a stanza on the evidence of its indentation.
MIN_SET_IN_LINES = 2
#: Lines in a row, all opening with capitals, from which a stanza's lines may fill the
#: measure (the chance of so many prose lines in a row opening with capitals is below one
#: in a thousand where a quarter of prose lines do).
LONG_RUN = 6
#: Characters a line is set in past the prose's usual indentation to count as set in.
SET_IN = 2
#: Characters of text a verse line has at least (shorter is a speck, a signature, a name).
MIN_CHARS = 8
#: Share of the measure a verse line is at most (a longer line is prose or a note's).
MAX_WIDTH = 1.05
#: The same for verse double-spaced by the OCR: a line alone between blank lines is no
#: note's, and a long verse line may run past the prose's measure (Finley's Mildred Keith:
#: measure 43, "While she stole in peace o'er the green earth's breast," 55).
SPACED_MAX_WIDTH = 1.5
#: Characters a verse line has at most in a text that is not hard-wrapped (a paragraph a
#: line, no measure): the longest lines of English verse (alexandrines, fourteeners) are
#: under 80.
UNMEASURED_MAX_CHARS = 80
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
SENTENCE_END = regex.compile(r"(?r)[.!?][\"'”’)\]]*$")
#: A line ending in a word broken by a hyphen: prose, hyphenated to fill the measure.
BROKEN = regex.compile(r"(?r)\p{L}[-\u00ad¬⸗\u2010]$")
#: A line that ends a sentence and begins the next: prose ("... a little strange. A").
NEXT_SENTENCE = regex.compile(r"(?r)[.!?][\"'”’)\]]*\s+\p{Lu}\p{L}*(?:\s+\p{L}+)?$")
#: A line ending a quoted speech: in a stanza only its last line does (dialogue set line by
#: line ends one speech after another: "James Benwick?"" / "Benwick."").
SPEECH_END = regex.compile(r"(?r)[.!?,;:—][\"”’]$")
#: A pause at a line's end, as verse lines have: a comma, semicolon or full stop.
PAUSE = regex.compile(r"(?r)[,;.!?][\"'”’)\]]*$")
#: A contents or index entry: a page number after a space at the end.
ENTRY = regex.compile(r"(?r)\s[\dIVXLCivxlc]+\.?$")


def indentation(text: str) -> int:
    """A line's indentation in characters (a tab counts 4)."""
    stripped = text.lstrip(" \t")
    return len(text[: len(text) - len(stripped)].expandtabs(4))


def prose_indentation(scan: Scan) -> int:
    """The usual indentation of the book's lines of five words or more (the prose's)."""
    found = [indentation(line.text) for page in scan.pages for line in page.lines
             if len(line.text.split()) >= 5]
    return int(statistics.median(found)) if found else 0


def verse_like(text: str, width: int | None, widest: float = MAX_WIDTH) -> bool:
    """Whether a line could be a line of verse (see the module docstring); `widest` is the
    share of the measure it may reach."""
    text = text.strip()
    longest = widest * width if width is not None else UNMEASURED_MAX_CHARS
    if len(text) < MIN_CHARS or len(text) > longest:
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
    # a long run of lines opening with capitals is verse even where its lines are as long
    # as the prose's (pentameter in a small book); a short one must be short of the measure
    full_ok = full <= MAX_FULL_LINES * n or _capitals_run(lines)
    return ends <= MAX_SENTENCE_ENDS * n and quotes * 2 < n and full_ok


def _opens_line(line: Line, prose_indent: int) -> bool:
    """Whether a line opens as a verse line does: with a capital, or set in."""
    return bool(OPENS_CAPITAL.match(line.text.strip())) or (
        indentation(line.text) >= prose_indent + SET_IN)


def _capitals_run(lines: list[Line]) -> bool:
    """Whether a run is LONG_RUN lines or more, each opening with a capital."""
    return len(lines) >= LONG_RUN and all(OPENS_CAPITAL.match(ln.text.strip()) for ln in lines)


def _trimmed(lines: list[Line], width: int | None) -> tuple[int, int]:
    """The stanza in a run of lines without the prose at its ends: the full lines it opens
    with that run on (no pause at their end: "... excellent Bishop of"), with the short line
    that ends their sentence ("Calcutta:"), and the full lines it ends with. (start, end)
    indexes of `lines`."""
    if width is None:
        return 0, len(lines)
    texts = [line.text.strip() for line in lines]
    full = [len(t) >= FULL * width for t in texts]
    start = 0
    while start < len(texts) and full[start] and not PAUSE.search(texts[start]):
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
    # a stanza's lines open with capitals or are set in (`_stanza`): only such lines start or
    # continue a run (in prose most lines open in lower case, and runs stay short)
    like = [_opens_line(line, prose_indent) and verse_like(line.text, width)
            for line, _, _ in lines]
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
            run = [line for line, _, _ in lines[k:stop]]
            first, last = (0, len(run)) if _capitals_run(run) else _trimmed(run, width)
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


def page_verse(blocks: list[Block], width: int | None, prose_indent: int) -> list[Block]:
    """A page's blocks with its stanzas made blocks of kind "lg": inside a block
    (`split_verse`), and over a run of one-line blocks (verse the OCR double-spaced, a blank
    line after every line) that reads as a stanza."""
    out: list[Block] = []
    run: list[Block] = []

    def flush() -> None:
        k = 0
        while k < len(run):
            end = k
            while end < len(run) and verse_like(run[end].line.text, width, SPACED_MAX_WIDTH):
                end += 1
            lines = [b.line for b in run[k:end]]
            if end - k >= MIN_LINES and _stanza(lines, width, prose_indent):
                out.append(_part(run[k], [(b.line, None, list(b.children)) for b in run[k:end]],
                                 "lg"))
                k = end
            else:
                out.append(run[k])
                k += 1
        run.clear()

    for block in blocks:
        if block.kind == "p" and not any(isinstance(n, LineJoin) for n in block.children):
            run.append(block)
            continue
        flush()
        out.extend(split_verse(block, width, prose_indent))
    flush()
    return out


#: Lines an epigraph holds at most (a quotation under a chapter heading).
EPIGRAPH_MAX_LINES = 8
#: Characters an epigraph's attribution holds at most ("WILLIS GAYLORD CLARK.", "—Shelley.").
ATTRIBUTION_MAX_CHARS = 40
#: An attribution's shape: a dash before a name, or a name in capitals.
ATTRIBUTION = regex.compile(r"^(?:[—–-]+\s*\p{Lu}.*|[\p{Lu}\p{P}\s]+)$")
#: A quotation's closing mark at the end of its last line.
CLOSES_QUOTE = regex.compile(r"[\"”’']\s*$")


def epigraph(blocks: list[Block], after: int, width: int | None) -> list[Block]:
    """The blocks of a division's opening page with the epigraph under its heading made a
    stanza (role "epigraph") and its attribution a block of role "epigraph-bibl".

    `after` is the raw offset of the heading's last line. The epigraph is the first blocks
    after it, at most EPIGRAPH_MAX_LINES lines, each verse-like, opening with a quotation mark
    and closing one, or followed by an attribution (`ATTRIBUTION`, at most
    ATTRIBUTION_MAX_CHARS): a quotation set apart under the heading, as novels set them
    ("Seldom shall she hear a tale / So sad, so tender, and so true." over a chapter).
    """
    at = next((k for k, b in enumerate(blocks) if b.line.start > after), None)
    if at is None:
        return blocks
    lines: list[tuple[Line, LineJoin | None, list[Inline]]] = []
    end = at
    while end < len(blocks) and blocks[end].kind in ("p", "lg"):
        block_lines = _lines(blocks[end])
        if len(lines) + len(block_lines) > EPIGRAPH_MAX_LINES or not all(
                verse_like(ln.text, width, SPACED_MAX_WIDTH) for ln, _, _ in block_lines):
            break
        lines.extend(block_lines)
        end += 1
        if CLOSES_QUOTE.search(block_lines[-1][0].text):
            break
    if not lines or not EPIGRAPH_OPENS.match(lines[0][0].text.strip()):
        return blocks
    bibl = end < len(blocks) and _attribution(blocks[end], lines[-1][0].text.strip())
    if not bibl and not CLOSES_QUOTE.search(lines[-1][0].text):
        return blocks
    verse = _part(blocks[at], lines, "lg")
    verse.role = "epigraph"
    out = [*blocks[:at], verse]
    if bibl:
        blocks[end].role = "epigraph-bibl"
        out.append(blocks[end])
        end += 1
    return out + blocks[end:]


#: Openings with a heading that must carry an epigraph under it for the book to open its
#: chapters so (then a page that opens with one, its heading lost, opens a chapter too).
EPIGRAPH_HABIT = 2
#: Words a line of prose after such an epigraph holds at least.
EPIGRAPH_PROSE_WORDS = 5
#: A line that is no text: a page number or a speck.
_MINOR = regex.compile(r"^[\W\d_]{0,6}$")


#: A quotation's opening mark, as the OCR may read it ("** The knight, perusing ...").
EPIGRAPH_OPENS = regex.compile(r"^(?:[\"'“‘]|\*\*)")
#: A chapter's first words set in capitals ("A SPRING morning", "THE children", "" AH, good"):
#: the prose an epigraph stands over.
CAPITALS_OPENING = regex.compile(r"^[\"'“‘\s]*(?:\p{Lu}\s)?\p{Lu}{2,}\b")


def epigraph_at(lines: list[Line], depth: int = 0) -> int | None:
    """The index of the first line after an epigraph that opens `lines`, or None: a quotation
    of at most EPIGRAPH_MAX_LINES lines, closed by its quotation mark or followed by its
    attribution (in capitals, or after a dash; `_attributed`), then a line of prose of
    EPIGRAPH_PROSE_WORDS words or more (opening in capitals, as a chapter's first words are
    set, where no attribution stands); a second epigraph may stand under the first."""
    text = [ln.text.strip() for ln in lines]
    if not text or not EPIGRAPH_OPENS.match(text[0]):
        return None
    for k in range(min(EPIGRAPH_MAX_LINES, len(text) - 1)):
        attribution = k and _attributed(text[k], text[k - 1])
        end = k + 1 if attribution or CLOSES_QUOTE.search(text[k]) else None
        if end is None:
            continue
        if (end + 1 < len(text) and not attribution
                and _attributed(text[end], text[end - 1])):
            end += 1  # the attribution after a closed quotation
        after = text[end] if end < len(text) else ""
        if EPIGRAPH_OPENS.match(after) and depth < 1:  # a second epigraph under the first
            more = epigraph_at(lines[end:], depth + 1)
            if more is not None:
                return end + more
        capitals = bool(CAPITALS_OPENING.match(after))
        if (len(after.split()) >= EPIGRAPH_PROSE_WORDS or capitals) and (
                attribution or end > k + 1 or capitals):
            return end
        return None
    return None


#: An author's name under a quotation as the OCR garbles it ("BTBOH.", "MlLTOJt.",
#: "liATLLB.", "Toirao."): one to three words, a stop at the end, a capital among its first
#: two letters or most of its letters capitals.
GARBLED_NAME = regex.compile(r"^(?:\S+\s){0,2}\S*[\p{L}]\.$")


def _attributed(line: str, before: str) -> bool:
    """Whether `line` is a quotation's attribution: ATTRIBUTION's shape, or a name the OCR
    garbled (GARBLED_NAME) right under the quotation's closing mark."""
    if len(line) > ATTRIBUTION_MAX_CHARS or sum(map(str.isalpha, line)) < 3:
        return False
    if ATTRIBUTION.match(line):
        return True
    letters = [c for c in line if c.isalpha()]
    return (bool(CLOSES_QUOTE.search(before)) and bool(GARBLED_NAME.match(line))
            and (any(c.isupper() for c in line[:2])
                 or 2 * sum(map(str.isupper, letters)) > len(letters)))


def epigraph_openings(scan: Scan, openings: list[Opening], furniture: set[int]
                      ) -> list[Opening]:
    """Chapters whose heading the OCR lost (a black-letter "Chapter Fifth." read as nothing), in
    a book whose chapters open with an epigraph under their heading (EPIGRAPH_HABIT of the
    openings found): a page that opens with an epigraph and its attribution before its prose
    (`epigraph_at`), after its running head and page number (`furniture`: their line starts),
    opens a chapter too, inferred (`Opening.cert` "low", no number, no title).

    Returns the new openings only."""
    def text_lines(page: int, after: int = -1) -> list[Line]:
        return [ln for ln in scan.pages[page].content_lines()
                if ln.start > after and ln.start not in furniture
                and not _MINOR.match(ln.text.strip())]

    headed = [o for o in openings if o.lines]
    habit = sum(1 for o in headed
                if epigraph_at(text_lines(o.page, max(ln.start for ln in o.lines))) is not None)
    if habit < EPIGRAPH_HABIT:
        return []
    opened = {o.page for o in openings}
    first = min((o.page for o in headed), default=0)
    return [Opening(page.index, "", "", None, None, None, kind=headed[0].kind or "chapter",
                    cert="low", epigraph=True)
            for page in scan.pages[first + 1 :]
            if page.index not in opened and epigraph_at(text_lines(page.index)) is not None]


def _attribution(block: Block, before: str = "") -> bool:
    """Whether a block is an epigraph's attribution: one short line shaped as ATTRIBUTION, or
    a name the OCR garbled under the quotation's closing mark (`before`, its last line; see
    `_attributed`)."""
    text = block.text.strip()
    return (block.kind == "p" and not any(isinstance(n, LineJoin) for n in block.children)
            and 0 < len(text) <= ATTRIBUTION_MAX_CHARS
            and (bool(ATTRIBUTION.match(text)) or _attributed(text, before)))
