"""Characters the reading text does not keep as the scan has them, each change recorded.

- `ligature`: the ligature characters a font or an OCR engine writes ("ﬁ", "ﬂ", "ﬀ", "ﬃ",
  "ﬄ", "ﬅ", "ﬆ") become their letters, so the text is searched and read as words ("oﬃce"
  is "office"). The long s ("ſ") is a letter of its own, not a ligature: it is kept as
  printed (an editor's choice; a rule for books whose OCR read it as "f" is another matter).
- `unicode-nfc`: a letter written as a base and combining marks ("e" + U+0301) becomes its
  composed form (NFC), so the reading text is Unicode NFC throughout.
- `soft-hyphen`: a soft hyphen (U+00AD) inside a word is a hyphenation opportunity, not a
  character of the text, and goes; one at a line end is a line-end hyphen, which the hyphen
  rule decides.
- `letter-spacing`: a line the printer letter-spaced, which the OCR returns with a space
  between letters and two between words ("C H A P T E R  I I"), reads closed up ("CHAPTER
  II"); only a line of such letters with a word of `SPACED_WORD` letters or more in it.

The diplomatic text and the accounting keep the scan's characters: each change is an edit
with the raw span and the replacement.
"""

from __future__ import annotations

import unicodedata

import regex

from edition.model import Edit, Inline, Text, iter_text
from edition.rules.labels import SPACED, despace

LIGATURE = "ligature"
LETTER_SPACING = "letter-spacing"
#: A letter-spaced line reads closed up only when it holds a word this long (a line of lone
#: letters is noise, not a spaced word).
SPACED_WORD = 4
NFC = "unicode-nfc"
SOFT_HYPHEN = "soft-hyphen"

#: Ligature characters and their letters (Unicode's Alphabetic Presentation Forms, Latin).
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "ſt", "ﬆ": "st"}
#: Anything this rule changes: a ligature, a base with combining marks, a soft hyphen inside
#: a word.
TARGET = regex.compile(r"[ﬀ-ﬆ]|\P{M}\p{M}+|\u00ad(?=\p{L})")
#: A quick test for a node that holds anything the rule changes.
SUSPECT = regex.compile(r"[ﬀ-ﬆ\u00ad]|\p{M}")


def normalise_text(text: str) -> str:
    """`text` as the reading text has it (ligatures as letters, NFC, no soft hyphen inside a
    word), for comparisons and word counts."""
    if text.isascii() or not SUSPECT.search(text):  # no ASCII character is SUSPECT
        return text
    return TARGET.sub(lambda m: _replacement(m.group(0)), text)


def _replacement(token: str) -> str:
    if token in LIGATURES:
        return LIGATURES[token]
    if token == "\u00ad":
        return ""
    return unicodedata.normalize("NFC", token)


def normalise_inline(nodes: list[Inline], page: int, raw: str, edits: list[Edit],
                     lang: str = "en") -> None:
    """Apply the rules to the text nodes of `nodes` in place, recording an edit for each
    change (only nodes whose text is still their raw span: this runs before other rules).
    `lang` is the book's language, for the words a letter-spaced line closes up into."""
    for node in iter_text(nodes):
        if node.start < 0 or raw[node.start : node.end] != node.text:
            continue
        # a letter-spaced line has a space after its first letter: most lines are none
        if node.text[1:2] == " " and SPACED.match(node.text) and _spaced_words(node.text):
            closed = " ".join(_words_of(word, lang) for word in despace(node.text).split())
            edits.append(Edit(LETTER_SPACING, node.start, node.end, closed, page,
                              "letter-spaced line read closed up"))
            node.text = closed
            continue
        if not node.text.isascii() and SUSPECT.search(node.text):
            _normalise_node(node, page, edits)


#: Zipf frequency a closed-up letter-spaced group must reach to be read as one word; under it,
#: it is read as the words it is made of when each of them reaches SPACED_PART_ZIPF: a
#: letter-spaced line keeps no wider gap between its words ("O F A N" is "OF AN", not "OFAN").
SPACED_WORD_ZIPF = 2.0
SPACED_PART_ZIPF = 4.0


def _words_of(group: str, lang: str) -> str:
    """A closed-up letter-spaced group as one word, or as the two or three common words it is
    made of where it is no word itself (SPACED_WORD_ZIPF, SPACED_PART_ZIPF)."""
    from edition.rules.lexicon import zipf

    core = group.strip(".,;:!?'\"-")
    if len(core) < 4 or not core.isalpha() or zipf(core.lower(), lang) >= SPACED_WORD_ZIPF:
        return group
    best: tuple[float, list[str]] = (0.0, [])
    for a in range(1, len(core)):
        for b in range(a + 1, len(core) + 1):
            parts = [core[:a], core[a:b]] + ([core[b:]] if b < len(core) else [])
            low = min(zipf(x.lower(), lang) for x in parts)
            if low >= SPACED_PART_ZIPF and low > best[0]:
                best = (low, parts)
    if not best[1]:
        return group
    return group.replace(core, " ".join(best[1]), 1)


def _spaced_words(text: str) -> bool:
    """True for a letter-spaced line that spells a word of SPACED_WORD letters or more."""
    return any(len(group.replace(" ", "")) >= SPACED_WORD for group in regex.split(r" {2,}", text))


def _normalise_node(node: Text, page: int, edits: list[Edit]) -> None:
    text = node.text
    out: list[str] = []
    pos = 0
    for m in TARGET.finditer(text):
        token = m.group(0)
        replacement = _replacement(token)
        if replacement == token:
            continue
        rule = (LIGATURE if token in LIGATURES else SOFT_HYPHEN if token == "\u00ad" else NFC)
        out.append(text[pos : m.start()])
        out.append(replacement)
        edits.append(Edit(rule, node.start + m.start(), node.start + m.end(), replacement, page,
                          f"{unicodedata.name(token[0], f'U+{ord(token[0]):04X}').lower()}"
                          + (f" with {len(token) - 1} combining mark(s)" if rule == NFC else "")))
        pos = m.end()
    if out:
        out.append(text[pos:])
        node.text = "".join(out)
