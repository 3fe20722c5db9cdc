"""Plates and their captions: a figure at the plate's place, the paragraph running on around it.

An illustrated book prints its plates (engravings, photographs) on leaves of their own or
among the text lines, each with a caption of a line or two; the OCR reads the caption as
text, and without this rule it is spliced into the paragraph the plate interrupts, sometimes
between the halves of a hyphenated word. Two kinds are recognised:

- **a caption among text lines**: a block of its own (set apart by blank lines) of at most
  `CAPTION_LINES` lines and `CAPTION_CHARS` characters that opens like a caption (a capital,
  a digit or a quotation mark) and stands where the sentence around it runs on: on the same
  page, the block before it ends inside a clause (a letter or a line-end hyphen, no mark) and
  the block after it goes on in lower case ("...and equally slight seemed" / "He discharged
  his roer at the nearest and foremost of the honden." / "his chance of escape"); or, with a
  plate's own mark (`MARK`: "Fig. 3", "Plate IV", "Frontispiece", a page reference "— p. 32"),
  anywhere;
- **a plate page**: a page of the body with little text (at most `CAPTION_LINES` lines, all in
  blocks that open like a caption), no running head and no page number (plates are printed
  apart and carry neither), and either a plate's mark or the text running on across it (the
  last paragraph before it goes on in the first after it: `paragraphs.runs_on`).

Either becomes a block of kind "figure", its caption the children; each decision is a
zero-width `plate` edit with its evidence. After the pages are joined (`run_on`), where the
paragraph before a figure goes on after it, the figure stands inside the paragraph (a `Figure`
node: TEI `<figure><head>caption</head></figure>` within the `<p>`) and the paragraph, and a
word hyphenated across the plate, are rejoined by the hyphen rule as at a page break. A plate
page counts as a page without text for the pagination (plates are unnumbered leaves).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from edition.model import (
    Block,
    Edit,
    Figure,
    Furniture,
    LineJoin,
    PageBreak,
    first_text,
    last_text,
    plain_head,
    plain_tail,
)
from edition.rules import hyphenation
from edition.rules.gaps import NEVER_FINAL
from edition.rules.lexicon import BookWords, zipf
from edition.rules.paragraphs import JOIN, Flow, runs_on

RULE = "plate"

#: Most printed lines of a caption (and of the text of a plate page).
CAPTION_LINES = 3
#: Most characters of a caption: about two printed lines of a small octavo with a long title.
CAPTION_CHARS = 200
#: Letters a caption holds at least, and their least share of its non-blank characters (a
#: plate the OCR read as specks, "ll\\l^>'", is noise, which `noise` removes, not a caption).
CAPTION_LETTERS = 6
LETTER_SHARE = 0.6
#: How a caption opens: a capital or a digit, perhaps after a quotation mark or a bracket.
CAPTION_START = regex.compile(r"^[\"'“‘(\[]*[\p{Lu}\d]")
#: A plate's own mark at a caption's start: a figure or plate number, a frontispiece.
MARK = regex.compile(r"^[\"'“‘(\[]*(?:fig(?:ure)?\.?\s*[\dIVXLC]+\b|plate\s+[\dIVXLC]+\b"
                     r"|frontispiece\b)", regex.IGNORECASE)
#: A reference to the page a plate illustrates at its caption's end ("UNDER THE MOWANA. —
#: p. 32", "(page 47)"): a plate's mark on a plate page only (a footnote cites pages too).
PAGE_REFERENCE = regex.compile(r"(?:^|[\s(—–-])(?:p|pp|page)\.?\s*\d{1,4}\)?\.?$",
                               regex.IGNORECASE)
#: Leader dots: a row of a table or of the contents, never a caption.
LEADERS = regex.compile(r"(?:\.\s*){3,}")
#: The end of a block inside a clause: a letter, or a letter and a line-end hyphen.
IN_CLAUSE = regex.compile(r"(?r)\p{L}[-\u2010\u00ad¬]?$")
#: Furniture a plate never carries.
PAGE_FURNITURE = frozenset({"header", "pageNum"})


def _lines(block: Block, most: int = CAPTION_LINES) -> int:
    """Printed lines of a block (its line joins and one), counted up to `most` + 1 (a long
    paragraph is not counted through)."""
    lines = 1
    for node in block.children:
        if isinstance(node, LineJoin):
            lines += 1
            if lines > most:
                break
    return lines


def caption_like(block: Block, lang: str = "en") -> bool:
    """True for a paragraph block short enough to be a caption that opens like one and does
    not end inside a clause (on a word that never ends a sentence: "...of an age. But")."""
    if block.kind != "p" or _lines(block) > CAPTION_LINES:
        return False
    text = " ".join(block.text.split())
    last = LAST_WORD.search(text)
    if LEADERS.search(text) or (last and last[0].lower() in _never_final(lang)):
        return False
    letters = sum(ch.isalpha() for ch in text)
    shown = sum(not ch.isspace() for ch in text)
    return (len(text) <= CAPTION_CHARS and letters >= CAPTION_LETTERS and letters >= LETTER_SHARE * shown
            and bool(CAPTION_START.match(text)))


def _marked(block: Block, page_reference: bool = False) -> bool:
    """True for a caption with a plate's mark (`page_reference`: or a page reference)."""
    text = " ".join(block.text.split())
    return bool(MARK.search(text) or (page_reference and PAGE_REFERENCE.search(text)))


#: The last and the first word of a text.
LAST_WORD = regex.compile(r"(?r)\p{L}+(?=\W*$)")
FIRST_WORD = regex.compile(r"^\W*?(\p{L}+)")


def _never_final(lang: str) -> frozenset[str]:
    return NEVER_FINAL.get(lang, NEVER_FINAL["en"])


def runs_through(before: str, after: str, caption: str, book: BookWords,
                 lang: str = "en") -> bool:
    """True when the sentence before a caption goes on after it, and not into it: the text
    before ends inside a clause (a letter, or a word broken by a hyphen whose rest is the
    first word after: "con-" / caption / "tinued"), not on a word a name may follow ("a son
    of" / "Klass Rynwald"), and the text after goes on in lower case."""
    before, after = before.rstrip(), after.lstrip()
    if not IN_CLAUSE.search(before) or not after[:1].islower():
        return False
    last, head = LAST_WORD.search(before), FIRST_WORD.match(after)
    if last is None or head is None or last[0].lower() in _never_final(lang):
        return False
    if before[-1].isalpha():
        return True
    joined = last[0] + head[1]  # a hyphen at the end: the word goes on after the caption
    return zipf(joined.lower(), lang) >= hyphenation.LEXICON_WORD or book[joined] > 0


def _mark(block: Block, note: str, edits: list[Edit]) -> None:
    """Make `block` a figure and record why."""
    block.kind = "figure"
    first = first_text(block.children)
    at = first.start if first is not None else block.line.start
    edits.append(Edit(RULE, at, at, "", block.page, note))


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def find_plates(pages: list[list[Block]], furniture: dict[int, list[Furniture]],
                book: BookWords, first_body: int = 0, lang: str = "en") -> list[Edit]:
    """Mark the captions among text lines and the plate pages of the body (see the module
    docstring) as figure blocks, in place; the edits record each decision."""
    edits: list[Edit] = []
    for k, blocks in enumerate(pages):
        if k <= first_body:
            continue
        body = [b for b in blocks if b.kind != "note"]
        if not body:
            continue
        if _plate_page(pages, k, body, furniture, book, lang, edits):
            continue
        for i, block in enumerate(body):
            if not caption_like(block, lang):
                continue
            if _marked(block):
                _mark(block, f"caption with a plate's mark: '{_quote(block.text)}'", edits)
                continue
            if 0 < i < len(body) - 1 and body[i - 1].kind == "p" and body[i + 1].kind == "p":
                before = plain_tail(body[i - 1].children)
                after = plain_head(body[i + 1].children)
                if runs_through(before, after, block.text, book, lang):
                    _mark(block, f"caption among text lines: the sentence runs on from "
                                 f"'…{_quote(before.strip()[-30:])}' to "
                                 f"'{_quote(after.strip()[:30])}…' around "
                                 f"'{_quote(block.text)}'", edits)
    return edits


def _plate_page(pages: list[list[Block]], k: int, body: list[Block],
                furniture: dict[int, list[Furniture]], book: BookWords, lang: str,
                edits: list[Edit]) -> bool:
    """Mark page `k` as a plate page when it is one (see the module docstring)."""
    if any(f.kind in PAGE_FURNITURE for f in furniture.get(k, [])):
        return False
    if sum(_lines(b) for b in body) > CAPTION_LINES or not all(
            caption_like(b, lang) for b in body):
        return False
    if any(_marked(b, page_reference=True) for b in body):
        why = "a plate's mark"
    else:
        before = next((bs[-1] for bs in (
            [b for b in pages[j] if b.kind != "note"] for j in range(k - 1, -1, -1)) if bs), None)
        after = next((bs[0] for bs in (
            [b for b in pages[j] if b.kind != "note"] for j in range(k + 1, len(pages))) if bs),
            None)
        if not (before is not None and after is not None and before.kind == after.kind == "p"
                and runs_through(plain_tail(before.children), plain_head(after.children),
                                 " ".join(b.text for b in body), book, lang)):
            return False
        why = "the sentence runs on across it"
    for block in body:
        _mark(block, f"plate page (no running head or page number, {why}): "
                     f"'{_quote(block.text)}'", edits)
    return True


@dataclass(frozen=True, slots=True)
class _Around:
    """A run of flow items holding a figure: from `start` to `end` (exclusive), between the
    paragraph at `start - 1` and the one at `end`."""

    start: int
    end: int


def run_on(flow: Flow, book: BookWords, width: int | None = None,
           style: hyphenation.HyphenStyle | None = None, lang: str = "en",
           full_words: dict[int, str] | None = None) -> None:
    """Rejoin the paragraphs that run on around a figure (in `flow.items`, in place): the
    figures and page breaks between them go inside the paragraph, a word broken across them
    is decided by the hyphen rule; `flow.continues` gains the page boundaries crossed."""
    style = style or hyphenation.HyphenStyle()
    items = flow.items
    k = 0
    while k < len(items):
        item = items[k]
        if not (isinstance(item, Block) and item.kind == "figure"):
            k += 1
            continue
        start = k
        while start > 0 and _between(items[start - 1]):
            start -= 1
        end = k
        while end < len(items) and _between(items[end]):
            end += 1
        prev = items[start - 1] if start > 0 else None
        nxt = items[end] if end < len(items) else None
        if (isinstance(prev, Block) and isinstance(nxt, Block) and prev.kind == nxt.kind == "p"
                and runs_on(prev, nxt, width, style)):
            _join(prev, items[start:end], nxt, book, style, lang, full_words, flow)
            del items[start : end + 1]
            k = start
        else:
            k = end


def _between(item: Block | PageBreak) -> bool:
    """True for what may stand between the halves of a paragraph around a plate."""
    return isinstance(item, PageBreak) or item.kind == "figure"


def _join(prev: Block, between: list[Block | PageBreak], nxt: Block, book: BookWords,
          style: hyphenation.HyphenStyle, lang: str, full_words: dict[int, str] | None,
          flow: Flow) -> None:
    """Append the figures and page breaks of `between`, then `nxt`, to `prev`."""
    last, first = last_text(prev.children), first_text(nxt.children)
    decision = None
    page = next((b.page for b in between if isinstance(b, PageBreak)), nxt.page)
    if last is not None and first is not None:
        decision = hyphenation.apply(last, first.text, style, book, page, flow.edits, lang,
                                     full_words)
    inword = decision is not None and not decision.space
    if not inword and not (last is not None and hyphenation.ends_with_dash(last.text)
                           and not style.spaced_dashes):
        prev.children.append(LineJoin())
    hyphen = bool(decision and decision.join and inword)
    for item in between:
        if isinstance(item, PageBreak):
            item.inword, item.hyphen, hyphen = inword, hyphen, False
            flow.continues.add(item.page - 1)
            prev.children.append(item)
        else:
            prev.children.append(Figure(item))
    if last is not None:
        pages = sorted({b.page for b in between if isinstance(b, PageBreak)})
        where = f"scan page {pages[0] + 1}" if pages else f"scan page {prev.page + 1}"
        flow.edits.append(Edit(JOIN, last.end, last.end, "", page,
                               f"paragraph runs on around a plate ({where})"))
    prev.children.extend(nxt.children)
