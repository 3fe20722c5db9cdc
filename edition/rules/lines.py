"""Lines into paragraphs: unwrap hard-wrapped OCR, where every printed line is a line.

Library OCR keeps the printed lines and often no blank line between
paragraphs. The measure (the typical printed line length) is the median
length of the book's lines of five words or more; a text whose measure is
over `HARD_WRAP_MAX` characters is not hard-wrapped (one paragraph a line) and
this rule leaves it alone. In a hard-wrapped text, between two lines of a block:

- a word broken by a hyphen at the line end is decided by the hyphen rule
  (joined, or kept as a compound: "dinner-time");
- a word split with no hyphen ("in" / "credible") is rejoined only on strong
  evidence: the joined form occurs in the book `SPLIT_WORD_MIN` times or more
  and one half is not a word on its own;
- a paragraph ends after a line shorter than `SHORT_LINE` of the measure that
  ends a sentence, when the next line begins like a sentence.
"""

from __future__ import annotations

import statistics

import regex

from edition.model import Block, Edit, Inline, LineJoin, Scan, first_text, last_text
from edition.rules import hyphenation
from edition.rules.lexicon import BookWords, zipf

HYPHEN = "hyphen-join"
SPLIT = "split-word"

#: A text whose typical line is longer than this is not hard-wrapped.
HARD_WRAP_MAX = 100
#: Lines with at least this many words set the measure.
MEASURE_WORDS = 5
#: Lines the measure is taken from, at least (a one-page notice or a letter has a dozen).
MEASURE_MIN_LINES = 5
#: A line shorter than this share of the measure may end a paragraph.
SHORT_LINE = 0.8
#: A last line at least this share of the measure is full: its paragraph runs on.
FULL_LINE = 0.9
#: Times the joined form must occur in the book to rejoin a word split without a hyphen.
SPLIT_WORD_MIN = 2
#: Zipf frequency under which a fragment is not a word of its own.
NOT_A_WORD = 1.5

#: A sentence end at a line end, before closing quotes or brackets.
SENTENCE_END = regex.compile(r"[.!?:…—][\"'”’)\]]*$")
#: The start of a sentence: a capital, a digit, or an opening quote or bracket.
SENTENCE_START = regex.compile(r"^[\"'“‘(\[]*[\p{Lu}\d]")
#: The last word of a line, the first word of the next.
LAST_WORD = regex.compile(r"(\p{L}+)$")
FIRST_WORD = regex.compile(r"^(\p{L}+)")


def measure(scan: Scan) -> int | None:
    """The typical printed line length, or None when the text is not hard-wrapped."""
    widths = [len(line.text.strip()) for page in scan.pages for line in page.lines
              if len(line.text.split()) >= MEASURE_WORDS]
    if len(widths) < MEASURE_MIN_LINES:
        return None
    typical = int(statistics.median(widths))
    return typical if typical <= HARD_WRAP_MAX else None


def _split_word(left: str, right: str, book: BookWords) -> str | None:
    """Evidence for rejoining a word the OCR split with no hyphen, or None."""
    joined = left + right
    if book[joined] < SPLIT_WORD_MIN or right[:1].isupper():
        return None
    if min(zipf(left.lower()), zipf(right.lower())) >= NOT_A_WORD:
        return None
    return f"'{joined.lower()}' {book[joined]}× in this book; '{left}' or '{right}' is no word"


def unwrap(block: Block, width: int | None, book: BookWords, edits: list[Edit],
           style: hyphenation.HyphenStyle | None = None, lang: str = "en",
           full_words: dict[int, str] | None = None) -> list[Block]:
    """Split a hard-wrapped block into paragraphs and rejoin words broken at line ends.

    `width` is the book's measure; without one (a text too short to measure, or not
    hard-wrapped) only broken words and dashes are joined and no paragraph is split.
    `full_words` are the OCR engine's readings of hyphenated words (`Scan.full_words`).
    """
    style = style or hyphenation.HyphenStyle()
    lines: list[list[Inline]] = [[]]
    joins: list[LineJoin] = []
    for node in block.children:
        if isinstance(node, LineJoin) and not node.hard:
            joins.append(node)
            lines.append([])
        else:
            lines[-1].append(node)
    if not joins:
        return [block]
    out = [Block(block.kind, list(lines[0]), block.page, block.line, role=block.role)]
    for join, line in zip(joins, lines[1:], strict=True):
        current = out[-1]
        last, first = last_text(current.children), first_text(line)
        before = last.text if last else ""
        after = first.text if first else ""
        decision = (hyphenation.apply(last, after, style, book, block.page, edits, lang,
                                      full_words) if last is not None else None)
        if decision is not None:
            if decision.space:
                current.children.append(join)  # a suspended compound keeps its space
            current.children.extend(line)
            continue
        # a paragraph end comes before the closed-up dash: "and then added—" / "\"I presume"
        if (width is not None and join.width < SHORT_LINE * width
                and SENTENCE_END.search(before.rstrip())
                and SENTENCE_START.match(after) and join.line is not None):
            current.last_width = join.width
            out.append(Block(block.kind, list(line), block.page, join.line, role=block.role))
            continue
        if hyphenation.ends_with_dash(before) and not style.spaced_dashes and after:
            current.children.extend(line)  # "village—" / "and even": a closed-up dash
            continue
        tail = LAST_WORD.search(before)
        head = FIRST_WORD.match(after)
        if tail and head and (evidence := _split_word(tail.group(1), head.group(1), book)):
            assert last is not None
            edits.append(Edit(SPLIT, last.end, last.end, "", block.page, evidence))
            current.children.extend(line)
            continue
        current.children.append(join)
        current.children.extend(line)
    out[-1].last_width = block.last_width
    return out
