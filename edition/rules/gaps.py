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
#: conjunctions, determiners and (in English) the modals that seldom end one. A paragraph
#: ending in one of them stops mid-sentence. (English, French and German; other languages
#: fall back to English.) The auxiliaries "be", "have" and "do" are not among them:
#: "...little or nothing to do" ends its sentence (Finley 1876, the OCR lost the stop), as
#: "...as he did" or German's verb-final "..., dass er krank ist" do.
NEVER_FINAL: dict[str, frozenset[str]] = {
    "en": frozenset("""a an the of to in on at by for with from into upon and or but nor
        which whose than because although while whereas would should could might must his
        her its their my your our these those every each either neither""".split()),
    "fr": frozenset("""le la les un une des du de au aux à en et ou mais que qui dont où
        dans sur sous pour par avec sans entre cet cette ces son sa ses leur leurs mon ma mes
        ton ta tes""".split()),
    "de": frozenset("""der die das den dem des ein eine einen einem einer eines und oder
        aber denn dass daß weil wenn als ob von zu zum zur mit auf in im an am bei nach aus
        für über unter vor durch gegen ohne um seine ihre""".split()),
}
#: Of those, the words after which any noun may follow (articles, determiners,
#: prepositions): "...the / Treatment is as follows" or "...to / Yan-oni" go on with an
#: emphasised word or a name, so a capitalised word after them proves nothing.
LEADS_TO_NOUN: dict[str, frozenset[str]] = {
    "en": frozenset("""a an the of to in on at by for with from into upon his her its their my
        your our this these those such every each either neither no""".split()),
    "fr": frozenset("""le la les un une des du de au aux à en dans sur sous pour par avec sans
        entre ce cet cette ces son sa ses leur leurs mon ma mes ton ta tes""".split()),
    "de": frozenset("""der die das den dem des ein eine einen einem einer eines von zu zum zur
        mit auf in im an am bei nach aus für über unter vor durch gegen ohne um sein seine ihr
        ihre""".split()),
}
#: Words that open a sentence and never continue one after such a word: pronouns, articles,
#: conjunctions and adverbs that begin sentences.
OPENERS: dict[str, frozenset[str]] = {
    "en": frozenset("""i you he she it we they there this that these those a an the but and yet
        so then when if as in on at for after before while although though however now here
        thus perhaps still his her its their my our your what who how why where""".split()),
    "fr": frozenset("""je tu il elle nous vous ils elles on ce cela le la les un une mais et
        puis quand si comme dans en après avant pendant bien cependant alors ainsi""".split()),
    "de": frozenset("""ich du er sie es wir ihr man der die das ein eine aber und doch dann
        wenn als ob in an auf nach vor während obwohl jedoch nun hier so""".split()),
}
#: A paragraph opening with a quotation mark: the quotation the paragraph before introduces
#: ("... liberal education, and not" / "\"With academic laurels unbestowed;\"").
QUOTATION = regex.compile(r"^\s*[\"“‘'„«]")
#: A new sentence: a capital, perhaps after an opening quote.
NEW_SENTENCE = regex.compile(r"^[\"“‘'(„«]*\p{Lu}")
#: A run-in heading opening a paragraph: a phrase, a full stop, a dash ("Treatment. — In").
RUN_IN = regex.compile(r"^[\"“‘'(]*\p{Lu}[^.!?]{0,60}?\s?\.\s?[—–-]")
#: Words a title leaves in lower case: a capitalised run of words around them is a title.
SMALL_WORDS = frozenset("a an the of and or in on to for by at with from de la le du des der "
                        "die das und von".split())
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


def _title_case_opening(text: str) -> bool:
    """True for a paragraph opening with a phrase in title case, a run-in side heading ("The
    Bite of the Viper not unfrequently ..."): two capitalised words or more after the first,
    among its first five, besides the small words."""
    words = text.split()[:5]
    capitalised = sum(1 for w in words[1:] if w[:1].isupper() and w.lower() not in SMALL_WORDS)
    return capitalised >= 2


#: English prepositions a passive leaves at the end of its sentence ("...presently to be
#: spoken of", Reid 1879, the OCR lost the stop; "...to be sent for", "...was agreed upon").
STRANDED = frozenset("of to for with upon on at about after from".split())
#: The verb of a passive, before its participle ("be spoken of"; not "the maps entered on").
PASSIVE = frozenset("be been being is was were are am get got".split())
#: A past participle before such a preposition: "-ed", "-en", or one of the common
#: irregular ones.
PARTICIPLE = regex.compile(r"(?:ed|en|thought|heard|made|told|said|sent|taught|brought|bought"
                           r"|done|gone|seen|shown|known)$", regex.I)


def sentence_breaks_off(before: str, after: str, lang: str = "en") -> bool:
    """True when `before` ends mid-sentence (with a word that never ends one) and `after`
    opens a new sentence: the words between them are lost."""
    tokens = before.split()
    last = tokens[-1] if tokens else ""
    if not last.isalpha() or last.lower() not in NEVER_FINAL.get(lang, NEVER_FINAL["en"]):
        return False  # "...of them. i8a" ends in a garbled page number, not in "a"
    if (lang == "en" and last.lower() in STRANDED and len(tokens) > 2
            and PARTICIPLE.search(tokens[-2]) and tokens[-3].lower() in PASSIVE):
        return False  # "...to be spoken of": a passive ends with its preposition
    if RUN_IN.match(after) or _title_case_opening(after):
        return False
    if QUOTATION.match(after):
        return False  # "... persuade them, that" / "\"Fair is foul ...\"": a quotation it introduces
    opener = regex.sub(r"[^\p{L}]", "", (after.split() or [""])[0]).lower()
    if (opener not in OPENERS.get(lang, OPENERS["en"])
            and last.lower() in LEADS_TO_NOUN.get(lang, LEADS_TO_NOUN["en"])):
        return False  # "...the / Treatment is": an emphasised noun or a name may go on
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
