"""Words split at a line end without a hyphen: "con" / "sulted", "daugh" / "ter".

Internet Archive and HathiTrust OCR often drop the hyphen of a word broken at a line end, so
the two halves stand as two words. Two fragments, the last word of a line (no punctuation
after it) and the first of the next (lower case: a capital begins a sentence or a name), each
of `MIN_PART` letters or more, are joined as one word when

1. the joined form is a word: of the word list of the book's language (Zipf ≥
   `LEXICON_WORD`), or the book's own spelling elsewhere (`BOOK_SPELLING` times or more); and
2. the book never sets the two as a pair on one line ("some thing" mid-line is the book's own
   spelling, so "some" / "thing" at a line end stays two words); and
3. by what the halves are:
   - neither half is a word of its own (Zipf < `FRAGMENT_WORD`: "daugh", "lieve"; in English
     a right half that is a bare suffix, `BOUND_SUFFIXES`, "-ing", "-ers", is none either):
     joined;
   - one half is a word and the other not ("gar" / "den", "win" / "dows"): joined;
   - both halves are words ("to" / "ward", "after" / "noon", but also "of" / "ten thousand",
     "both in" / "justice"): the word list cannot tell a split word from two words, so they
     are joined only in a book whose OCR drops hyphens (`lost_hyphens`: `LOST_HYPHEN_MIN` of
     its line-end breaks or more lost their hyphen, as the sure joins above show) and that
     itself spells the joined form, and flagged uncertain for a person to check.

On the dev corpus the share of breaks that lost their hyphen, as `lost_hyphens` measures it
(on 5,000 lines of each book), is 0.056 in Finley's *Mildred Keith* (0.049 on all its lines)
and at most 0.0013 in the seven others, whose OCR keeps hyphens: there a line ending
"of" before "ten thousand pounds" is two words.

A fragment's own count in the book is no evidence that it is a word: it stands there mostly
where the OCR split a word. The evidence of each join is recorded in its `split-word` edit
(zero-width at the line end: the join removes no character, only the space the line break
would have read as).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from weakref import WeakKeyDictionary

import regex

from edition.model import Edit
from edition.rules.hyphenation import SUFFIXES
from edition.rules.lexicon import BookWords, zipf

RULE = "split-word"

#: Zipf frequency from which a fragment counts as a word of its own. The hyphen rule's
#: threshold for each half of a compound (`hyphenation.LEXICON_PART`): the word list holds many
#: fragments of split words a little above its "no word" threshold of 1.5 ("daugh" 1.66,
#: "dows" 1.78, "lieve" 2.05, "plied" 2.56), common words stand well above 3 ("ter" 3.26).
FRAGMENT_WORD = 3.0
#: Zipf frequency from which the joined form is a word of the language (as the hyphen rule's).
LEXICON_WORD = 2.5
#: Times the joined form must stand elsewhere in the book to be the book's own spelling.
BOOK_SPELLING = 2
#: Share of a book's line-end breaks that lost their hyphen (sure joins against line-end
#: hyphens), from which two words at a line end may be one word split: one break in a hundred,
#: a fifth of Finley's 0.056 and eight times the highest of the books whose OCR keeps hyphens
#: (Coleridge's 0.0013).
LOST_HYPHEN_MIN = 0.01
#: The hyphen rule's English suffixes that are also words of their own: "not" / "able" is two
#: words. The others ("-ing", "-ers", "-tion") are no word alone, whatever the word list says
#: of them ("ing" 3.95, from texts whose words were split).
WORD_SUFFIXES = frozenset({"able", "less", "ship", "ships", "ward", "wards", "ant", "ally",
                           "fully", "ism", "ness", "dom", "er", "ed"})
BOUND_SUFFIXES = SUFFIXES - WORD_SUFFIXES
#: Letters a printer leaves at least on either side of a line-end break (a break after one
#: letter, "a" / "way", is not made): a one-letter fragment is a word or a speck.
MIN_PART = 2


@dataclass(frozen=True, slots=True)
class Split:
    """A decision to join two fragments: the evidence in words, and whether to check it."""

    evidence: str
    uncertain: bool = False

    def edit(self, at: int, page: int) -> Edit:
        """The decision recorded: a zero-width `split-word` edit at raw offset `at` (the end of
        the line's text), with the evidence."""
        return Edit(RULE, at, at, "", page, self.evidence, self.uncertain)


def decide(left: str, right: str, book: BookWords, lang: str = "en",
           sure_only: bool = False) -> Split | None:
    """Whether `left` at a line end and `right` at the next line's start are one word split
    without a hyphen (see the module docstring); None to keep them two words. `sure_only`
    leaves out the joins of two words (those that would be flagged)."""
    if not left.isalpha() or not right.isalpha() or not right[:1].islower() or min(
            len(left), len(right)) < MIN_PART:
        return None
    joined = left + right
    n_joined = book[joined]
    # the cheap tests first: most pairs at a line end are two common words
    z_left, z_right = zipf(left.lower(), lang), zipf(right.lower(), lang)
    suffix = lang == "en" and right.lower() in BOUND_SUFFIXES  # "-ing", "-ers": never alone
    words = (z_left >= FRAGMENT_WORD) + (z_right >= FRAGMENT_WORD and not suffix)
    if words == 2 and (sure_only or n_joined < BOOK_SPELLING):
        return None
    z_joined = zipf(joined.lower(), lang)
    if z_joined < LEXICON_WORD and n_joined < BOOK_SPELLING:
        return None
    if words == 2 and lost_hyphens(book, lang) < LOST_HYPHEN_MIN:
        return None
    if book.pair(left, right):
        return None
    joined_is = f"'{joined.lower()}' Zipf {z_joined:.2f}, {n_joined}× in this book"
    halves = f"'{left}' Zipf {z_left:.2f}, '{right}' Zipf {z_right:.2f}"
    if words < 2:
        return Split(f"{left}|{right}: {joined_is}; {halves} "
                     f"({'neither is a word' if not words else 'one is no word'}); never a "
                     "pair on one line")
    return Split(f"{left}|{right}: {joined_is}, never '{left} {right}' on one line; both halves "
                 f"are words ({halves})", uncertain=True)


#: The last word of a line (nothing after it), the first of a line, a line-end hyphen.
LINE_END_WORD = regex.compile(r"(?r)(\p{L}+)$")
LINE_START_WORD = regex.compile(r"^(\p{L}+)")


def at_line_end(before: str, after: str, book: BookWords, lang: str = "en") -> Split | None:
    """`decide` for the text before a line (or page) end and the text after it: their last
    and first words, when the line ends with a letter and the next begins with one."""
    tail, head = LINE_END_WORD.search(before), LINE_START_WORD.match(after)
    return decide(tail[1], head[1], book, lang) if tail and head else None
HYPHEN_BREAK = regex.compile(r"(?r)\p{L}[-\u2010\u00ad¬⸗]$")
#: Books already measured (the measure reads every line once).
_lost: WeakKeyDictionary[BookWords, float] = WeakKeyDictionary()


#: Lines of a book the share of lost hyphens is measured on at most, in `SAMPLE_RUNS` runs of
#: consecutive lines spread evenly over it, at a cost that does not grow with the book: some
#: 700 line-end breaks of a novel, enough to tell Finley's 0.056 (0.049 on all its lines) from
#: the others' 0.0013 or less.
SAMPLE_LINES = 5_000
SAMPLE_RUNS = 50


def _lines(text: str) -> Iterator[str]:
    """The lines of `text`, or, in a text of more than `SAMPLE_LINES` lines, `SAMPLE_RUNS`
    runs of consecutive lines spread evenly over it (a blank line between two runs)."""
    if text.count("\n") <= SAMPLE_LINES:
        yield from text.splitlines()
        return
    run = SAMPLE_LINES // SAMPLE_RUNS
    for k in range(SAMPLE_RUNS):
        at = text.find("\n", len(text) * k // SAMPLE_RUNS) + 1
        for _ in range(run):
            end = text.find("\n", at)
            if at <= 0 or end < 0:
                break
            yield text[at:end]
            at = end + 1
        yield ""


def lost_hyphens(book: BookWords, lang: str = "en") -> float:
    """The share of the line-end breaks of a book's text that lost their hyphen: sure joins
    (two fragments of which at most one is a word, see `decide`) against lines ending in a
    hyphen after a letter, over pairs of adjacent non-blank lines (at most `SAMPLE_LINES`
    lines); 0.0 with neither."""
    if book in _lost:
        return _lost[book]
    hyphens = lost = 0
    previous = ""
    for line in _lines(book.text):
        line = line.strip()
        if previous and line:
            if HYPHEN_BREAK.search(previous):
                hyphens += 1
            elif (tail := LINE_END_WORD.search(previous)) and (head := LINE_START_WORD.match(line)):
                split = decide(tail[1], head[1], book, lang, sure_only=True)
                lost += split is not None
        previous = line
    _lost[book] = lost / (lost + hyphens) if lost + hyphens else 0.0
    return _lost[book]
