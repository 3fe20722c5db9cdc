"""Paragraph ends: where the printer ended a paragraph, read from all the evidence a page gives.

Library OCR keeps the printed lines and little else: often no blank line between paragraphs,
seldom the indentation of a paragraph's first line. At every break between two printed lines
(a *join*: on a page, or over a page turn) the evidence is weighed in this order:

1. **A blank line**, against the page's habit. It ends the paragraph unless the text runs on
   across it (`Join.runs_on`: a word broken by a hyphen before it, a word in lower case after
   a full line: "cxplan- / (blank) / ation"; in a book whose OCR sets blank lines inside
   words, `BLANK_NOISE`, after any line), or a full line stands before it in a
   *double-spaced stretch* (the joins on both sides of it are blank too), where blank lines
   say nothing and the join is read as if it had none. Where the book marks its paragraph
   ends with blank lines (`BLANK_HABIT`), a join on a page with none is no end unless its
   line is short.
2. **Indentation**, where the OCR kept it: in a book whose paragraph ends are mostly followed
   by an indented line (`INDENT_HABIT`), a line indented `INDENT_MIN` spaces more than the
   block's usual margin opens a paragraph.
3. **The shape of the join** (`shape`): how the line ends (`ending`: a full stop, a full stop
   inside closing quotation marks, a colon, a dash, a comma, a broken word, a closing
   quotation mark after a word) and how the next opens (`opening`: a quotation mark, one the
   OCR read as letters, a dash that opens speech, a capital, a digit, a lower-case letter).
   Only a line ending a sentence before one opening a sentence, or a bare word (its mark
   lost) before a speech, can end a paragraph (`sentence_shape`).
4. **The line's length against the local measure** (`local_measure`: the upper quartile of
   the lengths of the lines around it, so a letter set in smaller type is measured by its
   own lines and a run of short last lines does not shorten it): a sentence shape after a
   line shorter than `SHORT_LINE` of it ends the paragraph.
5. **A full last line: the book's own rates** (`EndModel`). A paragraph's last line may be
   full, and the text alone cannot show it; the book can. Where the book separates its
   paragraphs by blank lines, the rate of each shape is the share of its full-line joins
   that a blank line confirms. Where it does not, a short last line confirms an end, and
   the last lines of paragraphs are as likely to fill any share of the measure: the ends
   hidden behind full lines are `full_share` times those seen behind short ones, shape by
   shape, so a shape's rate is that many over the full-line joins it has. ("." then a
   capital ends a paragraph behind a full line one time in three to nine; a closing
   quotation mark, then an opening one, four times in five in a novel's dialogue.) The
   rate is weighed with the next line's length: a paragraph's first line is indented, so
   shorter than the lines that follow it (`EndModel.next_line_odds`, learned from the
   lines that follow the book's confirmed ends and its certain continuations). A full line
   ends its paragraph when the two together make an end at least as likely as not
   (`DECIDE`); each such decision is recorded with its evidence (rule `paragraph-end`).

A line the OCR made of two printed lines (`merged_splits`: over `MERGED_LINE` of the local
measure) is split where a sentence ends inside it and the rest is a printed line
(`REST_MIN`-`REST_MAX` of the measure), when that join ends a paragraph by the rules
above; the split is recorded (rule `paragraph-end`, zero width: every raw character stays
in the text).

Over a page turn (`edition.rules.paragraphs.turn`) the same model decides, with the measure
of the page the paragraph ends on; a blank line or indentation cannot show there, so the
book's rates decide behind a full line. Thresholds are typographic facts or learned from the
book itself, never set per book; the figures they were checked with are bench/quality.py's.
"""

from __future__ import annotations

import bisect
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import regex

from edition.model import Block, Inline, LineJoin, Text, plain

RULE = "paragraph-end"

#: A line shorter than this share of its measure, ending a sentence before a line that opens
#: one, ends its paragraph (justified lines of a paragraph fill their measure to within a few
#: characters; the dev corpus's mid-paragraph lines are 0.85 of the measure or more).
SHORT_LINE = 0.8
#: Lines with at least this many words set a measure (shorter lines are headings, verse,
#: last lines).
MEASURE_WORDS = 5
#: Lines on each side of a line whose lengths give its local measure, and the quantile of
#: them taken: most lines of a page are full, a run of dialogue or a paragraph's first and
#: last lines are not (on the dev corpus, the median of 4 on each side gave a paragraph F1
#: 0.84, this 0.85).
LOCAL_LINES = 6
LOCAL_QUANTILE = 0.75
#: Lines of MEASURE_WORDS words or more a local measure needs; with fewer, the page's measure.
LOCAL_MIN = 3

#: Share of a book's confirmed paragraph ends (a short last line, sentence shape, on a page)
#: with a blank line after them for the book to separate its paragraphs by blank lines.
BLANK_HABIT = 0.5
#: Blank lines after a word broken by a hyphen a book's OCR sets for its blank lines to be
#: noise as well as paragraph ends (a clean text has none; the dev corpus's Internet Archive
#: scans have 6 and 9, the HathiTrust ones 0 or 1).
BLANK_NOISE = 3
#: Spaces a line is indented beyond its page's usual margin to open a paragraph.
INDENT_MIN = 2
#: Share of a book's confirmed paragraph ends followed by an indented line for the book to
#: keep its indentation.
INDENT_HABIT = 0.5

#: Full-line joins of a shape a rate needs (fewer tell nothing).
SHAPE_MIN = 5
#: The band of last-line lengths (share of the measure) whose density gives `full_share`:
#: under it, one- and two-word last lines are rarer than the rest.
BAND_LOW = 0.2
#: Highest rate a shape is given (no shape ends every paragraph).
RATE_MAX = 0.95
#: Bins of the next line's length (share of the measure), from NEXT_LOW to NEXT_HIGH.
NEXT_BIN = 0.05
NEXT_LOW = 0.6
NEXT_HIGH = 1.2
#: Joins a next-line likelihood needs on each side (end, continuation), else it is even.
NEXT_MIN = 20
#: A full line ends its paragraph when the evidence makes an end at least this likely.
DECIDE = 0.5

#: A line this much longer than its measure holds two printed lines run together by the OCR.
MERGED_LINE = 1.25
#: The rest of a merged line after a paragraph end inside it is one printed line: this share
#: of the measure at least (the first line of a paragraph is indented) and at most.
REST_MIN = 0.7
REST_MAX = 1.05

#: Abbreviations of a title set before a name ("the letters of Godwin and Mrs." / "Godwin when
#: ..."): the full stop after one ends no sentence. English titles (of the dev corpus's lines
#: ending in "Mr.", "Mrs.", "Dr.", "St.", 77, none ends a paragraph in the transcriptions),
#: and the French ones its quotations use.
TITLES = r"(?:Mr|Mrs|Messrs|Dr|St|Rev|Capt|Col|Gen|Lieut|Gov|Prof|Hon|Mme|Mlle|Mgr)\."
#: How a line ends, tested in order: a title before a name, a sentence end inside or before
#: closing quotation marks, a sentence end, a colon or semicolon, a dash, a comma, a broken
#: word, a closing quotation mark after a word.
ENDINGS: tuple[tuple[str, regex.Pattern[str]], ...] = (
    ("title", regex.compile(r"(?:^|[\s(])" + TITLES + "$")),
    ("quoted stop", regex.compile(r"(?:[.!?…][)\]]*[\"'”’»]+|[\"”’»][.!?])$")),
    ("stop", regex.compile(r"[.!?…][)\]]*$")),
    ("colon", regex.compile(r"[:;][\"'”’»)]*$")),
    ("dash", regex.compile(r"(?:[—―]|--|\s[–-])$")),
    ("comma", regex.compile(r",[\"'”’»)]*$")),
    ("broken", regex.compile(r"\p{L}[-‐¬⸗]$")),
    # a closing quotation mark after a word: a speech whose last mark the OCR lost
    ("quote", regex.compile(r"\w[\"'”’»]$")),
)
#: How a line opens, tested in order: a quotation mark, a dash opening speech, a capital, a
#: digit, a lower-case letter.
OPENINGS: tuple[tuple[str, regex.Pattern[str]], ...] = (
    ("quote", regex.compile(r"^[\"'“‘„«»]")),
    ("speech dash", regex.compile(r"^(?:[—―]|--)")),
    ("capital", regex.compile(r"^[(\[]*\p{Lu}")),
    ("digit", regex.compile(r"^[(\[]*\d")),
    # an opening quotation mark the OCR read as one or two letters ("u Yes, mother", "tl Tan't")
    ("garbled quote", regex.compile(r"^\p{Ll}{1,2}\s+[\"'“‘]?\p{Lu}\p{Ll}")),
    ("lower", regex.compile(r"^[(\[]*\p{Ll}")),
)
#: Line endings and openings between which a paragraph may end.
SENTENCE_ENDINGS = frozenset({"quoted stop", "stop", "colon", "dash", "quote"})
SENTENCE_OPENINGS = frozenset({"quote", "speech dash", "capital", "digit", "garbled quote"})

Shape = tuple[str, str]


#: Spaces before the marks that end a line ("way ? \"", "them !"): the OCR's, or French
#: spacing; the line is read without them.
SPACED_MARKS = regex.compile(r"\s+(?=[^\w\s]*$)")


#: Characters at a line's end and start the shape is read from (every pattern fits in them).
EDGE = 16


#: The characters each pattern of `ENDINGS` can end a line with (its last character class).
ENDING_LAST = {"title": ".", "quoted stop": "\"'”’».!?", "stop": ".!?…)]", "colon": ":;\"'”’»)",
               "dash": "—―-–", "comma": ",\"'”’»)", "broken": "-‐¬⸗", "quote": "\"'”’»"}
#: The patterns of `ENDINGS`, in order, that can match a line ending in each character.
ENDINGS_BY_LAST = {c: tuple((name, pattern) for name, pattern in ENDINGS if c in ENDING_LAST[name])
                   for c in set("".join(ENDING_LAST.values()))}


def ending(text: str) -> str:
    """How a line ends: one of the names of `ENDINGS` ("title": an abbreviated title before a
    name, `TITLES`), "word" (a letter or digit), or "mark" (a speck: "■")."""
    if text.rstrip()[-1:].isalnum():  # no pattern of ENDINGS ends in a letter or a digit
        return "word"
    tail = SPACED_MARKS.sub("", text.rstrip()[-EDGE:])
    found = next((name for name, pattern in ENDINGS_BY_LAST.get(tail[-1:], ())
                  if pattern.search(tail)), None)
    return found or ("word" if tail[-1:].isalnum() else "mark")


#: The one pattern of `OPENINGS` a line opening with a lower-case letter may match before
#: "lower" (no other pattern opens with one).
GARBLED_QUOTE = dict(OPENINGS)["garbled quote"]
#: A capital (group 1) or a lower-case letter opening a line, in the Unicode of `regex`.
OPENING_LETTER = regex.compile(r"(\p{Lu})|\p{Ll}")


def opening(text: str) -> str:
    """How a line opens: one of the names of `OPENINGS`, or "other"."""
    head = text.lstrip()[:EDGE]
    letter = OPENING_LETTER.match(head)
    if letter is not None:  # most lines: a capital, or a lower-case letter
        if letter.lastindex:  # no pattern before "capital" opens with a letter
            return "capital"
        return "garbled quote" if GARBLED_QUOTE.match(head) else "lower"
    return next((name for name, pattern in OPENINGS if pattern.match(head)), "other")


def shape(before: str, after: str) -> Shape:
    """The shape of a join: how the line before ends, how the line after opens."""
    return ending(before), opening(after)


#: Openings of a speech: after a line ending in a bare word (its last mark lost by the OCR:
#: "... asked Miss Stanhope" / "\"None whatever;"), a paragraph may end before them too.
SPEECH_OPENINGS = frozenset({"quote", "garbled quote"})


def sentence_shape(s: Shape) -> bool:
    """True when a paragraph may end at a join of this shape: a sentence's end before a
    sentence's start, or a bare word before a speech."""
    return (s[0] in SENTENCE_ENDINGS and s[1] in SENTENCE_OPENINGS) or (
        s[0] == "word" and s[1] in SPEECH_OPENINGS)


@dataclass(frozen=True, slots=True)
class Join:
    """The evidence at one break between printed lines.

    `before` and `after` are the texts of the lines on either side, `width` and
    `next_width` their lengths in characters, `measure` the local measure of the line
    before, `blank` the blank lines between them, `double` True inside a double-spaced
    stretch, `indent` the spaces the line after is indented beyond its page's margin,
    `turn` True over a page turn; `shape` the join's shape (`shape`, read on creation).
    """

    before: str
    after: str
    width: int
    next_width: int
    measure: float
    blank: int = 0
    double: bool = False
    indent: int = 0
    turn: bool = False
    shape: Shape = ("", "")

    def __post_init__(self) -> None:
        if self.shape == ("", ""):  # read once: every rule and the book's counts ask for it
            object.__setattr__(self, "shape", shape(self.before, self.after))

    @property
    def short(self) -> bool:
        """True when the line before is shorter than SHORT_LINE of its measure."""
        return self.width < SHORT_LINE * self.measure

    @property
    def runs_on(self) -> bool:
        """True when the text runs on across the join whatever stands between (a blank line):
        a word broken by a hyphen before it and a letter after it, or a word in lower case
        after a full line or in a double-spaced stretch (elsewhere a lower-case line set
        apart after a short one is a quotation or a verse: "... as he argued," / (blank) /
        "a man always walks ...")."""
        end, start = self.shape
        return (end == "broken" and self.after.lstrip()[:1].isalpha()) or (
            start == "lower" and (self.double or not self.short))

    @property
    def separated(self) -> bool:
        """True for a blank line that counts: after a short line, or outside a double-spaced
        stretch (where a full line is followed by a blank one whether its paragraph ends or
        not; a title page's short lines are set apart by theirs)."""
        return self.blank > 0 and (self.short or not self.double)


# --- lines and measures ---------------------------------------------------------------


def lines_of(block: Block) -> tuple[list[list[Inline]], list[LineJoin]]:
    """A block's printed lines (their inline nodes) and the soft joins between them."""
    lines: list[list[Inline]] = [[]]
    joins: list[LineJoin] = []
    for node in block.children:
        if isinstance(node, LineJoin) and not node.hard:
            joins.append(node)
            lines.append([])
        else:
            lines[-1].append(node)
    return lines, joins


def _words(text: str) -> int:
    return len(text.split())


def _plain(line: list[Inline]) -> str:
    """`plain` of one printed line, most often a single text node."""
    if len(line) == 1 and type(line[0]) is Text:
        return line[0].text
    return plain(line)


def local_measure(widths: Sequence[int], words: Sequence[int], k: int, fallback: float) -> float:
    """The measure of line `k` of a run of lines (`widths` in characters, `words` their word
    counts): the LOCAL_QUANTILE of the lengths of the lines of MEASURE_WORDS words or more
    among the LOCAL_LINES on each side of it (not itself), or `fallback` with fewer than
    LOCAL_MIN."""
    near = [widths[i] for i in range(max(0, k - LOCAL_LINES), min(len(widths), k + LOCAL_LINES + 1))
            if i != k and words[i] >= MEASURE_WORDS]
    if len(near) < LOCAL_MIN:
        return fallback
    near.sort()
    return float(near[int(LOCAL_QUANTILE * (len(near) - 1))])


def local_measures(widths: Sequence[int], words: Sequence[int], fallback: float,
                   count: int | None = None) -> list[float]:
    """`local_measure` of each of the first `count` lines (all by default), in one pass: the
    lengths of the window's measuring lines are kept sorted as it slides, so a line costs a
    few steps, not a sort of its window."""
    n = len(widths)
    count = n if count is None else count
    counts = [w >= MEASURE_WORDS for w in words]
    window = sorted(widths[i] for i in range(min(n, LOCAL_LINES + 1)) if counts[i])
    out: list[float] = []
    for k in range(count):
        # `window` holds the measuring lines among k - LOCAL_LINES .. k + LOCAL_LINES
        size = len(window) - counts[k]
        if size < LOCAL_MIN:
            out.append(fallback)
        else:
            q = int(LOCAL_QUANTILE * (size - 1))
            if counts[k]:  # line k itself left out: the sorted rest skips one copy of its width
                q += q >= bisect.bisect_left(window, widths[k])
            out.append(float(window[q]))
        if k >= LOCAL_LINES and counts[k - LOCAL_LINES]:
            window.remove(widths[k - LOCAL_LINES])
        if k + LOCAL_LINES + 1 < n and counts[k + LOCAL_LINES + 1]:
            bisect.insort(window, widths[k + LOCAL_LINES + 1])
    return out


def _median_measure(widths: list[int], fallback: float) -> float:
    return float(statistics.median(widths)) if len(widths) >= LOCAL_MIN else fallback


#: A paragraph block's lines as the evidence reads them: the soft joins between them, and
#: each line's text (stripped), length and words.
_Lines = tuple[list[LineJoin], list[str], list[int], list[int]]


def _lines(block: Block) -> _Lines:
    lines, joins = lines_of(block)
    texts = [_plain(line).strip() for line in lines]
    return joins, texts, [len(t) for t in texts], [_words(t) for t in texts]


def _measuring(read: Iterable[_Lines]) -> list[int]:
    """The lengths of the lines of MEASURE_WORDS words or more."""
    return [w for _, _, widths, words in read
            for w, n in zip(widths, words, strict=True) if n >= MEASURE_WORDS]


def page_measure(blocks: Iterable[Block], fallback: float) -> float:
    """The median length of a page's lines of MEASURE_WORDS words or more (in its paragraph
    blocks), or `fallback` with fewer than LOCAL_MIN of them."""
    return _median_measure(_measuring(_lines(b) for b in blocks if b.kind == "p"), fallback)


def _margin(joins: Sequence[LineJoin], leads: Sequence[int]) -> int:
    """The usual left margin (leading spaces, `leads`: `_lead` of each) of the lines after a
    block's joins."""
    counts = Counter(lead for lead, j in zip(leads, joins, strict=True) if j.line is not None)
    return counts.most_common(1)[0][0] if counts else 0


def _lead(join: LineJoin) -> int:
    text = join.line.text if join.line is not None else ""
    return len(text) - len(text.lstrip(" "))


def block_joins(block: Block, fallback: float) -> list[Join]:
    """The evidence at every soft join of a paragraph block, in order (`fallback` is the
    measure of the page, for a block too short to have its own)."""
    return _joins(_lines(block), fallback)


def _joins(read: _Lines, fallback: float) -> list[Join]:
    joins, texts, widths, words = read
    if not joins:
        return []
    leads = [_lead(j) for j in joins]
    margin = _margin(joins, leads)
    measures = local_measures(widths, words, fallback, len(joins))
    last = len(joins) - 1
    out: list[Join] = []
    for k, join in enumerate(joins):
        blank = join.blank
        double = blank > 0 and last > 0 and (k == 0 or joins[k - 1].blank > 0) and (
            k == last or joins[k + 1].blank > 0)
        before, after = texts[k], texts[k + 1]
        out.append(Join(before, after, widths[k], widths[k + 1], measures[k], blank, double,
                        max(0, leads[k] - margin), shape=(ending(before), opening(after))))
    return out


def last_measure(evidence: Sequence[Join], fallback: float) -> float:
    """The local measure (`local_measure`) of the last line of a block, from the evidence at
    its joins (`block_joins`, with the same `fallback`); `fallback` for a block of one line."""
    if not evidence:
        return fallback
    near = evidence[-LOCAL_LINES:]
    widths = [j.width for j in near] + [near[-1].next_width]
    words = [_words(j.before) for j in near] + [0]
    return local_measure(widths, words, len(near), fallback)


# --- the book's rates -----------------------------------------------------------------


def _bin(share: float) -> int:
    """The bin of a line's length (share of its measure) for the next-line likelihoods."""
    return min(max(int(share / NEXT_BIN), int(NEXT_LOW / NEXT_BIN)), int(NEXT_HIGH / NEXT_BIN))


@dataclass(slots=True)
class EndModel:
    """What a book says about its own paragraph ends, learned from its joins (`learn`).

    `blank_habit` and `indent_habit` say whether the book separates paragraphs by blank
    lines or indents their first lines; `blank_noise` that its OCR also sets blank lines
    inside paragraphs (`BLANK_NOISE`), so one before a lower-case word is no end however
    short the line before it; `rates` holds, per shape, how often a join of that
    shape after a full line ends a paragraph; `full_share` how many ends stand behind full
    lines for each one seen behind a short line; `next_end` and `next_on` count the lengths
    of the lines after confirmed ends and after certain continuations (by `_bin`);
    `measures` each page's measure.
    """

    blank_habit: bool = False
    blank_noise: bool = False
    indent_habit: bool = False
    rates: dict[Shape, float] = field(default_factory=dict)
    full_share: float = 0.0
    next_end: Counter[int] = field(default_factory=Counter)
    next_on: Counter[int] = field(default_factory=Counter)
    measures: dict[int, float] = field(default_factory=dict)
    #: the joins `learn` read, by block (`id`) and measure: the unwrapping reads them again
    read: dict[tuple[int, float], list[Join]] = field(default_factory=dict)

    def joins_of(self, block: Block, measure: float) -> list[Join]:
        """The evidence at a block's joins (`block_joins`), as `learn` read it when it did."""
        found = self.read.get((id(block), measure))
        return found if found is not None else block_joins(block, measure)

    def next_line_odds(self, join: Join) -> float:
        """How much likelier the next line's length is after a paragraph end than inside a
        paragraph (1.0 where the book has too few of either)."""
        ends, ons = sum(self.next_end.values()), sum(self.next_on.values())
        if ends < NEXT_MIN or ons < NEXT_MIN or join.measure <= 0:
            return 1.0
        b = _bin(join.next_width / join.measure)
        bins = int(NEXT_HIGH / NEXT_BIN) - int(NEXT_LOW / NEXT_BIN) + 1
        return ((self.next_end[b] + 1) / (ends + bins)) / ((self.next_on[b] + 1) / (ons + bins))

    def _seen(self, join: Join) -> bool:
        """True when the sign the book gives its paragraph ends (a blank line, an indent)
        would show at this join: on a page, outside a double-spaced stretch."""
        return (self.blank_habit or self.indent_habit) and not join.turn and not join.double

    def chance(self, join: Join) -> float:
        """How likely a join after a full line is to end a paragraph (0 for no sentence
        shape, or a shape the book has too few joins of)."""
        rate = self.rates.get(join.shape, 0.0)
        if rate <= 0:
            return 0.0
        odds = rate / (1 - rate) * self.next_line_odds(join)
        return odds / (1 + odds)

    def ends(self, join: Join) -> tuple[bool, str]:
        """Whether a paragraph ends at a join, and the evidence when the book's rates decided
        it ("" for a decision the page shows: a blank line, indentation, a short line)."""
        s = join.shape
        if join.blank and (join.runs_on or (self.blank_noise and s[1] == "lower")):
            return False, ""
        if join.separated:
            return True, ""
        if s[0] == "broken" or s[1] == "lower":
            return False, ""
        if self.indent_habit and join.indent >= INDENT_MIN and not join.turn:
            return True, ""
        if not sentence_shape(s):
            return False, ""
        if join.short:
            return True, ""
        if self._seen(join):
            return False, ""  # the book's sign of a paragraph end could be seen here, and is not
        p = self.chance(join)
        if p >= DECIDE:
            return True, (f"full line ({join.width} of {join.measure:.0f} characters) ending "
                          f"'{join.before[-12:]}' before '{join.after[:12]}': {s[0]} / {s[1]} "
                          f"ends {self.rates[s]:.0%} of this book's full-line joins; with the next "
                          f"line's length, {p:.0%}")
        return False, ""


def learn(pages: Sequence[Sequence[Block]], fallback: float | None) -> EndModel:
    """The book's `EndModel` from the paragraph blocks of its pages (before unwrapping).

    `fallback` is the book's measure (`lines.measure`); without one the text is not
    hard-wrapped and the model is empty (no rates, no habits)."""
    model = EndModel()
    if fallback is None:
        return model
    joins: list[Join] = []
    for index, blocks in enumerate(pages):
        read = [(block, _lines(block)) for block in blocks if block.kind == "p"]
        measure = _median_measure(_measuring(lines for _, lines in read), fallback)  # page_measure
        model.measures[index] = measure
        for block, lines in read:
            model.read[(id(block), measure)] = found = _joins(lines, measure)
            joins += found
    model.blank_noise = sum(1 for j in joins if j.blank and j.shape[0] == "broken") >= BLANK_NOISE
    # each join read once: the confirmed ends (a short line, sentence shape, on a page) and
    # the sentence-shaped joins after full lines
    confirmed: list[Join] = []
    full_lines: list[Join] = []
    ended: list[bool] = []  # of each join: a confirmed end
    for j in joins:
        end = False
        if sentence_shape(j.shape):
            if not j.short:
                full_lines.append(j)
            elif not j.double:
                confirmed.append(j)
                end = True
        ended.append(end)
    if confirmed:
        model.blank_habit = sum(1 for j in confirmed if j.blank) >= BLANK_HABIT * len(confirmed)
        model.indent_habit = sum(1 for j in confirmed if j.indent >= INDENT_MIN) >= (
            INDENT_HABIT * len(confirmed))
    full = Counter(j.shape for j in full_lines if not (j.blank and j.runs_on))
    if model.blank_habit or model.indent_habit:
        seen = Counter(j.shape for j in full_lines
                       if (j.separated and model.blank_habit)
                       or (j.indent >= INDENT_MIN and model.indent_habit))
        model.rates = {s: min(RATE_MAX, seen[s] / n) for s, n in full.items() if n >= SHAPE_MIN}
    else:
        behind_short = Counter(j.shape for j in confirmed)
        band = sum(1 for j in confirmed if j.width >= BAND_LOW * j.measure)
        # ends per unit of the measure in the band, over the full lines' (1 - SHORT_LINE)
        model.full_share = band / (SHORT_LINE - BAND_LOW) * (1 - SHORT_LINE) / max(1, len(confirmed))
        model.rates = {s: min(RATE_MAX, model.full_share * behind_short[s] / n)
                       for s, n in full.items() if n >= SHAPE_MIN}
    for j, end in zip(joins, ended, strict=True):
        if j.measure <= 0:
            continue
        if end:
            model.next_end[_bin(j.next_width / j.measure)] += 1
        elif not j.blank and (j.shape[0] in ("broken", "comma") or j.shape[1] == "lower"):
            model.next_on[_bin(j.next_width / j.measure)] += 1
    return model


# --- lines the OCR ran together ----------------------------------------------------------

#: A place inside a line where a sentence ends and another opens (not after a title before a
#: name: "Mrs. Godwin"): the end of the first part.
INNER_END = regex.compile(r"(?<=[.!?…][)\]\"'”’»]*)(?<!(?:^|[\s(])" + TITLES + r")\s+"
                          r"(?=[\"'“‘„«(\[]*\p{Lu})")


def merged_splits(text: str, measure: float) -> list[int]:
    """Where a line the OCR ran together from two printed lines may hold a paragraph end:
    offsets into `text` (the start of the whitespace before the second part) of each place
    where a sentence ends and the rest is one printed line; [] for a line not over
    MERGED_LINE of its measure."""
    if measure <= 0 or len(text.strip()) < MERGED_LINE * measure:
        return []
    end = len(text.rstrip())
    return [m.start() for m in INNER_END.finditer(text)
            if REST_MIN * measure <= end - m.end() <= REST_MAX * measure]
