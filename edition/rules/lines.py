"""Lines into paragraphs: unwrap hard-wrapped OCR, where every printed line is a line.

Library OCR keeps the printed lines and often no blank line between
paragraphs. The measure (the typical printed line length) is the median
length of the book's lines of five words or more; a text whose measure is
over `HARD_WRAP_MAX` characters is not hard-wrapped (one paragraph a line) and
this rule leaves it alone. In a hard-wrapped text, between two lines of a block:

- a word broken by a hyphen at the line end is decided by the hyphen rule
  (joined, or kept as a compound: "dinner-time");
- a word split with no hyphen ("daugh" / "ter", "in" / "credible") is rejoined by the
  split-word rule (`edition.rules.split_words`: the joined form a word, the pair never set on
  one line in the book, and, where both halves are words, the book's own spelling, flagged);
- a paragraph ends where `edition.rules.paragraph_ends` reads one from all the evidence
  (blank lines, the join's shape, the line's length, the book's own rates), before a
  closed-up dash is joined ("and then added—" / "\"I presume"); a line the OCR ran together
  from two printed lines is cut at a paragraph end inside it.
"""

from __future__ import annotations

import statistics
from dataclasses import replace

import regex

from edition.model import (
    Block,
    Edit,
    Inline,
    Line,
    LineJoin,
    Scan,
    Text,
    first_text,
    iter_text,
    last_text,
    plain,
)
from edition.rules import hyphenation, paragraph_ends, split_words
from edition.rules.lexicon import BookWords
from edition.rules.split_words import Split

HYPHEN = "hyphen-join"
SPLIT = "split-word"

#: A text whose typical line is longer than this is not hard-wrapped.
HARD_WRAP_MAX = 100
#: Lines with at least this many words set the measure.
MEASURE_WORDS = 5
#: Lines the measure is taken from, at least (a one-page notice or a letter has a dozen).
MEASURE_MIN_LINES = 5
#: A last line at least this share of the measure is full: its paragraph runs on (over a page
#: turn, where no paragraph-end model is given; see `paragraphs.turn`).
FULL_LINE = 0.9

#: The last word of a line, the first word of the next.
LAST_WORD = regex.compile(r"(?r)(\p{L}+)$")  # (?r): searched from the end, the same match
FIRST_WORD = regex.compile(r"^(\p{L}+)")


def measure(scan: Scan) -> int | None:
    """The typical printed line length, or None when the text is not hard-wrapped."""
    widths = [len(line.text.strip()) for page in scan.pages for line in page.lines
              if len(line.text.split()) >= MEASURE_WORDS]
    if len(widths) < MEASURE_MIN_LINES:
        return None
    typical = int(statistics.median(widths))
    return typical if typical <= HARD_WRAP_MAX else None


def _split_word(left: str, right: str, book: BookWords, lang: str = "en") -> Split | None:
    """Evidence for rejoining a word the OCR split with no hyphen (`split_words.decide`)."""
    return split_words.decide(left, right, book, lang)


def unwrap(block: Block, width: int | None, book: BookWords, edits: list[Edit],
           style: hyphenation.HyphenStyle | None = None, lang: str = "en",
           full_words: dict[int, str] | None = None,
           ends: paragraph_ends.EndModel | None = None) -> list[Block]:
    """Split a hard-wrapped block into paragraphs and rejoin words broken at line ends.

    `width` is the book's measure; without one (a text too short to measure, or not
    hard-wrapped) only broken words and dashes are joined, and a paragraph ends only at a
    blank line. `full_words` are the OCR engine's readings of hyphenated words
    (`Scan.full_words`). `ends` is what the book says of its paragraph ends
    (`paragraph_ends.learn`); without it only the page's own evidence counts (a blank line,
    a short line ending a sentence). Decisions the book's rates made, and lines split where
    the OCR ran two printed lines together, are recorded as `paragraph-end` edits.
    """
    style = style or hyphenation.HyphenStyle()
    model = ends or paragraph_ends.EndModel()
    lines, joins = paragraph_ends.lines_of(block)
    fallback = model.measures.get(block.page, width) if width is not None else None
    evidence = model.joins_of(block, fallback) if fallback is not None else []
    split: set[int] = set()
    last_width = block.last_width
    if fallback is not None:
        lines, joins, evidence, split = _split_merged(block, lines, joins, evidence, fallback,
                                                      model, edits)
        if len(joins) - 1 in split:  # the last line was cut: the block ends with its second part
            last_width = len(plain(lines[-1]).strip())
    if not joins:
        return [block]
    out = [Block(block.kind, list(lines[0]), block.page, block.line, role=block.role, n=block.n)]
    # whether the paragraph being built holds a visible character, read up to its node `read`
    # (reset with each new paragraph; no node's visibility changes here: a hyphen join leaves
    # the letters before it)
    visible, read = False, 0
    for k, (join, line) in enumerate(zip(joins, lines[1:], strict=True)):
        current = out[-1]
        last, first = last_text(current.children), first_text(line)
        before = last.text if last else ""
        after = first.text if first else ""
        if join.line is not None and (k in split or (width is None and join.blank)):
            current.last_width = join.width
            out.append(Block(block.kind, list(line), block.page, join.line, role=block.role,
                             n=block.n))
            visible, read = False, 0
            continue
        decision = (hyphenation.apply(last, after, style, book, block.page, edits, lang,
                                      full_words) if last is not None else None)
        if decision is not None:
            if decision.space:
                current.children.append(join)  # a suspended compound keeps its space
            current.children.extend(line)
            continue
        # a paragraph end comes before the closed-up dash: "and then added—" / "\"I presume"
        if evidence and join.line is not None and not visible:
            visible, read = _has_text(current.children[read:]), len(current.children)
        if evidence and join.line is not None and visible:
            end, why = model.ends(evidence[k])
            if end:
                if why and last is not None:
                    edits.append(Edit(paragraph_ends.RULE, last.end, last.end, "", block.page, why))
                current.last_width = join.width
                out.append(Block(block.kind, list(line), block.page, join.line, role=block.role,
                             n=block.n))
                visible, read = False, 0
                continue
        if hyphenation.ends_with_dash(before) and not style.spaced_dashes and after:
            current.children.extend(line)  # "village—" / "and even": a closed-up dash
            continue
        tail = LAST_WORD.search(before)
        head = FIRST_WORD.match(after)
        if tail and head and (word := _split_word(tail.group(1), head.group(1), book, lang)):
            assert last is not None
            edits.append(Edit(SPLIT, last.end, last.end, "", block.page, word.evidence,
                              word.uncertain))
            current.children.extend(line)
            continue
        current.children.append(join)
        current.children.extend(line)
    out[-1].last_width = last_width
    return out


def _has_text(nodes: list[Inline]) -> bool:
    """True when inline content holds a visible character (a speck an edit removed leaves
    none: no paragraph ends after it)."""
    return any(node.text.strip() for node in iter_text(nodes))


def _split_merged(
    block: Block, lines: list[list[Inline]], joins: list[LineJoin],
    evidence: list[paragraph_ends.Join], fallback: float, model: paragraph_ends.EndModel,
    edits: list[Edit],
) -> tuple[list[list[Inline]], list[LineJoin], list[paragraph_ends.Join], set[int]]:
    """The block's lines with each line the OCR ran together from two printed lines cut where
    a paragraph ends inside it (`paragraph_ends.merged_splits`, decided by `EndModel.ends`):
    the new lines, joins and evidence, and the indexes of the joins that are such cuts. Each
    cut is recorded (a zero-width `paragraph-end` edit: every raw character stays in the
    text)."""
    # the lengths and local measures `block_joins` read (the cuts below change only later joins)
    if evidence:
        widths = [j.width for j in evidence] + [evidence[-1].next_width]
        measures = [j.measure for j in evidence] + [paragraph_ends.last_measure(evidence, fallback)]
    else:  # one line: the measure of the page
        widths, measures = [len(plain(lines[0]).strip())], [fallback]
    raws = [block.line, *(j.line for j in joins)]
    out_lines: list[list[Inline]] = []
    out_joins: list[LineJoin] = []
    out_evidence: list[paragraph_ends.Join] = []
    cuts: set[int] = set()
    for k, line in enumerate(lines):
        if k:
            out_joins.append(joins[k - 1])
            out_evidence.append(evidence[k - 1])
        measure = measures[k]
        # only a line over MERGED_LINE of its measure may be cut (`merged_splits`)
        cut = (_cut(line, plain(line), measure, raws[k], model)
               if measure > 0 and widths[k] >= paragraph_ends.MERGED_LINE * measure else None)
        if cut is None:
            out_lines.append(line)
            continue
        first, rest, join, why, at = cut
        out_lines += [first, rest]
        cuts.add(len(out_joins))
        out_joins.append(join)
        rest_width = len(plain(rest).strip())
        out_evidence.append(paragraph_ends.Join(plain(first).strip(), plain(rest).strip(),
                                                join.width, rest_width, measure))
        edits.append(Edit(paragraph_ends.RULE, at, at, "", block.page, why))
        if k < len(joins):  # the join after this line follows its second part
            joins[k] = replace(joins[k], width=rest_width)
            evidence[k] = replace(evidence[k], width=rest_width)
    if not cuts:
        return lines, joins, evidence, cuts
    return out_lines, out_joins, out_evidence, cuts


def _cut(line: list[Inline], text: str, measure: float, raw: Line | None,
         model: paragraph_ends.EndModel,
         ) -> tuple[list[Inline], list[Inline], LineJoin, str, int] | None:
    """The two parts of a line the OCR ran together, cut at a paragraph end inside it, with
    the join between them, the evidence and the raw offset of the cut; None when there is
    none (or it falls inside italics or text an edit changed)."""
    if raw is None:
        return None
    for at in paragraph_ends.merged_splits(text, measure):
        pos = 0
        for n, node in enumerate(line):
            size = len(plain([node]))
            if not pos <= at < pos + size:
                pos += size
                continue
            if not isinstance(node, Text) or len(node.text) != node.end - node.start:
                break
            i = at - pos
            j = i + len(node.text[i:]) - len(node.text[i:].lstrip())
            first = [*line[:n], Text(node.text[:i], node.start, node.start + i)]
            rest = [Text(node.text[j:], node.start + j, node.end), *line[n + 1 :]]
            before, after = plain(first).strip(), plain(rest).strip()
            evidence = paragraph_ends.Join(before, after, len(before), len(after), measure)
            end, why = model.ends(evidence)
            if not end:
                break
            start = node.start + j
            new_line = Line(start, raw.end, raw.text[start - raw.start :])
            note = (f"line of {len(text.strip())} characters holds two printed lines (measure "
                    f"{measure:.0f}); a paragraph ends after '{before[-12:]}': "
                    + (why or "the first is a short line ending a sentence"))
            return first, rest, LineJoin(width=len(before), line=new_line), note, node.start + i
        continue
    return None
