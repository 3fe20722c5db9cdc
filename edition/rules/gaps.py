"""Text evidently lost from a source: a sentence that breaks off before a new one begins.

"Text lost" is a claim a reader will rely on, so it is made only where the sentence cannot
go on: a paragraph that ends with a word that never ends a sentence (an article, a
preposition, a conjunction, an auxiliary: "...entered on", "...a letter to"), no mark after
it, and the next paragraph opens a new sentence with a capital. In a repost that dropped
lines, or a scan that lost a page's lines, that is what is left. The place is marked (TEI
<gap reason="lost"/>) and reported; nothing is invented.

It is never claimed where the break has another reading: the next block is a heading (a short
line, mostly capitals: "I shall next speak of the / LOCAL TREATMENT OF INFLAMMATION" is a
run-in heading), a line of verse or a list (the paragraph before is one short line), a
quotation or a speech; or the next block opens with a lone letter (a speck the OCR read at
the top of a page, "I course of the spermatic cord").
"""

from __future__ import annotations

from itertools import pairwise

import regex

from edition.model import Block, Gap
from edition.warnings import BuildWarning

#: Words that never end a sentence, per language (ISO 639-1): articles, prepositions,
#: conjunctions, auxiliaries and determiners. A paragraph ending in one of them stops
#: mid-sentence. (English, French and German; other languages fall back to English.)
NEVER_FINAL: dict[str, frozenset[str]] = {
    "en": frozenset("""a an the of to in on at by for with from into upon and or but nor
        that which whose whom who whose than as if because although though while whereas
        is are was were be been being am has have had having do does did will would shall
        should can could may might must not his her its their my your our this these those
        such every each either neither no""".split()),
    "fr": frozenset("""le la les un une des du de au aux à en et ou mais que qui dont où
        dans sur sous pour par avec sans entre est sont était étaient a ont avait avaient
        sera serait ce cet cette ces son sa ses leur leurs mon ma mes ton ta tes""".split()),
    "de": frozenset("""der die das den dem des ein eine einen einem einer eines und oder
        aber denn dass daß weil wenn als ob von zu zum zur mit auf in im an am bei nach aus
        für über unter vor durch gegen ohne um ist sind war waren hat haben hatte hatten
        wird werden wurde wurden sein seine ihr ihre""".split()),
}
#: A new sentence: a capital, perhaps after an opening quote.
NEW_SENTENCE = regex.compile(r"^[\"“‘'(„«]*\p{Lu}")
#: The last word of a paragraph, with nothing after it.
LAST_WORD = regex.compile(r"(\p{L}+)$")
#: A lone letter opening a block: a speck at the top of a page ("J course of"), unless the
#: letter is a word of its own (ONE_LETTER_WORDS).
LONE_LETTER = regex.compile(r"^(\p{L})\s+\p{Ll}")
#: Words of one letter, per language: "A few days passed" opens a sentence.
ONE_LETTER_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("AIO"), "fr": frozenset("ÀAY"), "de": frozenset(),
}
#: A block this short (characters) is a line of verse, a list entry or a heading, not prose.
SHORT_BLOCK = 60
#: A heading: at most this many words, this share of its letters in capitals.
HEADING_WORDS = 12
HEADING_CAPS = 0.6


def _heading_like(text: str) -> bool:
    """True for a short line mostly in capitals (a heading, a run-in title)."""
    letters = [c for c in text if c.isalpha()]
    return (len(text.split()) <= HEADING_WORDS and bool(letters)
            and sum(c.isupper() for c in letters) >= HEADING_CAPS * len(letters))


def sentence_breaks_off(before: str, after: str, lang: str = "en") -> bool:
    """True when `before` ends mid-sentence (with a word that never ends one) and `after`
    opens a new sentence: the words between them are lost."""
    m = LAST_WORD.search(before)
    if not m or m[1].lower() not in NEVER_FINAL.get(lang, NEVER_FINAL["en"]):
        return False
    speck = LONE_LETTER.match(after)
    if speck and speck[1] not in ONE_LETTER_WORDS.get(lang, ONE_LETTER_WORDS["en"]):
        return False
    return bool(NEW_SENTENCE.match(after)) and not _heading_like(after.split("\n")[0][:120])


def mark_gaps(blocks: list[Block], lang: str = "en") -> list[BuildWarning]:
    """Append a gap to each paragraph that breaks off before a new sentence; warnings."""
    warnings: list[BuildWarning] = []
    for prev, nxt in pairwise(blocks):
        if (prev.kind != "p" or nxt.kind != "p" or prev.role in ("sp", "byline", "reviewed")
                or nxt.role in ("quote", "said")):
            continue
        before, after = prev.text.rstrip(), nxt.text.lstrip()
        if len(before) < SHORT_BLOCK or len(after) < SHORT_BLOCK:
            continue  # verse, a list, a heading: not a paragraph of prose cut short
        if sentence_breaks_off(before, after, lang):
            prev.children.append(Gap("lost"))
            warnings.append(BuildWarning(
                "W201", f"text lost after \"...{before[-40:]}\" (before \"{after[:30]}...\")",
                nxt.page))
    return warnings
