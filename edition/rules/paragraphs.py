"""Page-spanning paragraphs: the reading order of a book across its page breaks.

Every page boundary becomes a `PageBreak` in the reading order. When the last
paragraph of a page runs on into the first paragraph of the next (footnotes at
the foot set aside), the two are one paragraph and the break sits inside it;
when a word is split there, the break sits inside the word and the hyphen rule
decides whether the hyphen stays. A paragraph runs on when

- it ends with a letter and a hyphen (a word split over the break), or
- the next page begins with a lower-case letter (not an opening quotation mark the OCR
  read as a letter: "u Yes, mother"), or
- in hard-wrapped text, the book's paragraph-end model (`edition.rules.paragraph_ends`)
  finds no end there: no sentence shape, or a full last line its rates do not end;
  elsewhere, it does not end with a sentence end (`. ! ? :` or `…`, before closing quotes).

A page with no text (a plate, its blank back, furniture alone) does not break a paragraph:
its page break stands inside the paragraph that runs on over it. A mark left alone before
the break (" .") when the text runs on in lower case is a speck, removed by the
`stray-mark` rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from edition.model import (
    Block,
    Edit,
    Furniture,
    LineJoin,
    PageBreak,
    first_text,
    last_text,
    plain_head,
    plain_tail,
)
from edition.rules import hyphenation, paragraph_ends, split_words
from edition.rules.lexicon import BookWords
from edition.rules.lines import FULL_LINE

JOIN = "paragraph-join"
HYPHEN = "hyphen-join"
STRAY = "stray-mark"

#: A sentence end, optionally followed by closing quotes or brackets.
SENTENCE_END = regex.compile(r"[.!?:…][\"'”’)\]]*$")
#: A lone punctuation mark after a space at the very end of a page.
LONE_MARK = regex.compile(r" [.,]$")


@dataclass(slots=True)
class Flow:
    """The reading order: blocks and standalone page breaks, the footnotes set aside,
    the boundaries where text runs on (k: between pages k and k+1), and the edits."""

    items: list[Block | PageBreak] = field(default_factory=list)
    notes: list[Block] = field(default_factory=list)
    continues: set[int] = field(default_factory=set)
    edits: list[Edit] = field(default_factory=list)


def runs_on(prev: Block, nxt: Block, width: int | None = None,
            style: hyphenation.HyphenStyle | None = None,
            ends: paragraph_ends.EndModel | None = None, measure: float | None = None) -> bool:
    """True when paragraph `nxt` at the top of a page continues `prev` from the page before
    (see `turn`)."""
    return turn(prev, nxt, width, style, ends, measure)[0]


def turn(prev: Block, nxt: Block, width: int | None = None,
         style: hyphenation.HyphenStyle | None = None,
         ends: paragraph_ends.EndModel | None = None,
         measure: float | None = None) -> tuple[bool, str]:
    """Whether paragraph `nxt` at the top of a page continues `prev` from the page before,
    and the evidence when the book's rates decided it (`paragraph_ends.EndModel.ends`).

    In hard-wrapped text (`width` is the book's measure, `measure` that of the page `prev`
    ends on) the book's model `ends` decides, as on a page: a full last line may end its
    paragraph where the book's rates say so. Without a model, a paragraph whose last line
    is full runs on even after a full stop: the line ended, not the paragraph.
    """
    style = style or hyphenation.HyphenStyle()
    # the end of a paragraph and the start of the next are all the test needs (a paragraph
    # that runs on over thousands of pages must not be rebuilt at every page)
    before = (prev.text if prev.kind == "row" else plain_tail(prev.children)).rstrip()
    after = (nxt.text if nxt.kind == "row" else plain_head(nxt.children)).lstrip()
    if not before or not after:
        return False, ""
    if style.broken(before) and after[0].isalpha():
        return True, ""
    if after[0].islower() and paragraph_ends.opening(after) != "garbled quote":
        return True, ""
    if ends is not None and width is not None:
        join = paragraph_ends.Join(before, after, prev.last_width, len(nxt.line.text.strip()),
                                   measure or width, turn=True)
        end, why = ends.ends(join)
        return not end, why
    if width is not None and prev.last_width >= FULL_LINE * width:
        return True, ""
    return not SENTENCE_END.search(before), ""


def _join(prev: Block, nxt: Block, brk: PageBreak, book: BookWords, flow: Flow,
          style: hyphenation.HyphenStyle, lang: str,
          full_words: dict[int, str] | None = None, skipped: list[PageBreak] | None = None,
          ) -> bool:
    """Append `nxt` to `prev` across `brk` (and the breaks of textless pages `skipped`
    between them), deciding a split word (with the engine's reading from `full_words`,
    where the source gives one), and record the join; False (nothing done) when either
    has no text."""
    skipped = skipped or []
    last, first = last_text(prev.children), first_text(nxt.children)
    if last is None or first is None:
        return False
    decision = hyphenation.apply(last, first.text, style, book, brk.page, flow.edits, lang,
                                 full_words)
    if decision is not None and not decision.space:
        for b in (*skipped, brk):
            b.inword = True
        brk.hyphen = decision.join
        prev.children.extend([*skipped, brk])
    elif decision is not None:
        prev.children.extend([LineJoin(), *skipped, brk])  # a suspended compound keeps its space
    elif hyphenation.ends_with_dash(last.text) and not style.spaced_dashes:
        prev.children.extend([*skipped, brk])  # a closed-up dash: the words on either side touch
    elif split := split_words.at_line_end(last.text, first.text, book, lang):
        for b in (*skipped, brk):
            b.inword = True  # a word split over the page without a hyphen
        prev.children.extend([*skipped, brk])
        flow.edits.append(split.edit(last.end, brk.page))
    else:
        if LONE_MARK.search(last.text) and first.text[:1].islower():
            last.text = last.text[:-2]
            flow.edits.append(Edit(STRAY, last.end - 2, last.end, "", brk.page - 1,
                                   "lone mark before a page break, text runs on in lower case"))
        prev.children.extend([LineJoin(), *skipped, brk])
    flow.edits.append(Edit(JOIN, last.end, last.end, "", brk.page,
                           f"paragraph runs on from scan page {brk.page}"))
    prev.children.extend(nxt.children)
    return True


def flow_pages(
    pages: list[list[Block]],
    furniture: dict[int, list[Furniture]],
    book: BookWords,
    first_body_page: int = 0,
    width: int | None = None,
    style: hyphenation.HyphenStyle | None = None,
    lang: str = "en",
    full_words: dict[int, str] | None = None,
    ends: paragraph_ends.EndModel | None = None,
) -> Flow:
    """The book's reading order from its pages' blocks, joining what runs on across pages.

    Preliminary pages before `first_body_page` (title page, imprint) are set
    lines, not prose, and never run on. A paragraph runs on over pages with no text (a
    plate, a blank leaf, furniture alone): their page breaks stand inside it.
    `ends` is the book's paragraph-end model (`paragraph_ends.learn`).
    """
    flow = Flow()
    skipped: list[PageBreak] = []  # breaks of textless pages since the last block
    for index, blocks in enumerate(pages):
        brk = PageBreak(index, furniture=list(furniture.get(index, [])))
        body = [b for b in blocks if b.kind != "note"]
        flow.notes.extend(b for b in blocks if b.kind == "note")
        last = len(flow.items) - 1 - len(skipped)
        prev = flow.items[last] if last >= 0 else None
        if not body and index > first_body_page and isinstance(prev, Block):
            flow.items.append(brk)
            skipped.append(brk)
            continue
        verdict = (False, "")
        if (index > first_body_page and isinstance(prev, Block) and prev.kind == "p" and body
                and body[0].kind == "p"):
            measure = ends.measures.get(index - 1 - len(skipped)) if ends is not None else None
            verdict = turn(prev, body[0], width, style, ends, measure)
        if verdict[0] and isinstance(prev, Block) and _join(
                prev, body[0], brk, book, flow, style or hyphenation.HyphenStyle(), lang,
                full_words, skipped):
            del flow.items[last + 1 :]  # the textless pages' breaks are inside the paragraph now
            flow.continues.update(range(index - 1 - len(skipped), index))
            body = body[1:]
        else:
            if verdict[1] and isinstance(prev, Block) and (tail := last_text(prev.children)):
                flow.edits.append(Edit(paragraph_ends.RULE, tail.end, tail.end, "", index - 1,
                                       verdict[1]))
            flow.items.append(brk)
        skipped = []
        flow.items.extend(body)
    return flow
