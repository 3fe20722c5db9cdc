"""OCR slips a rule can catch: stray marks, and words mixing Latin and Cyrillic letters.

Each fix is made only where it is unambiguous and is recorded either way:

- `stray-mark`: a dingbat such as a tick "✓" or a box inside running text is
  a pencil mark or a speck, never the author's; it is removed.
- `mixed-script`: a word of mostly Latin letters with a few Cyrillic ones (or
  the reverse) is one script misread. Letters are mapped to their look-alikes
  when every one has a look-alike; otherwise they are transliterated. The
  word is flagged uncertain where the two mappings disagree on a letter.
"""

from __future__ import annotations

import unicodedata

import regex

from edition.model import Edit, Inline, Text, iter_text

STRAY = "stray-mark"
MIXED = "mixed-script"

#: Marks that never belong to printed prose: dingbats, check marks, ballot boxes, geometric shapes.
STRAY_MARK = regex.compile(r"[\u2713-\u2718\u2610-\u2612\u25A0-\u25FF\u2700-\u2712\u2719-\u27BF]")
#: A word with at least one Cyrillic letter (only such words can mix scripts).
CYRILLIC_WORD = regex.compile(r"\p{L}*\p{Script=Cyrillic}\p{L}*")
#: Anything either rule acts on: a stray mark or a word with a Cyrillic letter.
TARGET = regex.compile(f"{STRAY_MARK.pattern}|{CYRILLIC_WORD.pattern}")
#: A quick test for a node that holds anything either rule acts on.
SUSPECT = regex.compile(r"\p{Script=Cyrillic}|" + STRAY_MARK.pattern)

#: Cyrillic letters that look like Latin ones.
LOOKALIKE = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
    "ѕ": "s", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
})
#: Scholarly transliteration of Russian Cyrillic.
TRANSLIT = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ы": "y", "э": "e", "ю": "iu", "я": "ia", "ь": "", "ъ": "", "і": "i",
})


def _script(ch: str) -> str:
    """"latin", "cyrillic" or "other" for a letter."""
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN"):
        return "latin"
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    return "other"


def _translit(ch: str) -> str:
    """The transliteration of one Cyrillic letter, keeping its case."""
    low = ch.lower().translate(TRANSLIT)
    return low if ch.islower() else low.capitalize()


def fix_word(word: str) -> tuple[str, bool] | None:
    """The Latin reading of a mostly-Latin word with Cyrillic letters, and whether it is uncertain."""
    cyr = [c for c in word if _script(c) == "cyrillic"]
    n_lat = sum(1 for c in word if _script(c) == "latin")
    if not cyr or not n_lat or len(cyr) > n_lat:
        return None
    by_look = all(c.translate(LOOKALIKE) != c for c in cyr)
    mapped = {c: c.translate(LOOKALIKE) if by_look else _translit(c) for c in cyr}
    if any(_script(x) != "latin" for m in mapped.values() for x in m):
        return None
    uncertain = any(
        c.translate(LOOKALIKE) not in (c, mapped[c]) or (by_look and _translit(c) != mapped[c])
        for c in cyr
    )
    return "".join(mapped.get(c, c) for c in word), uncertain


def fix_inline(nodes: list[Inline], page: int, edits: list[Edit]) -> None:
    """Apply the stray-mark and mixed-script rules to raw text nodes in place, recording edits."""
    for node in iter_text(nodes):
        # an ASCII text holds neither (the test costs nothing: Python knows it of every string)
        if node.start >= 0 and node.end - node.start == len(node.text) and not node.text.isascii() \
                and SUSPECT.search(node.text):
            _fix_node(node, page, edits)


def _fix_node(node: Text, page: int, edits: list[Edit]) -> None:
    """Fix one raw text node; offsets in `node.text` equal raw offsets minus node.start."""
    text = node.text
    pieces: list[str] = []
    pos = 0
    for m in TARGET.finditer(text):
        token = m.group(0)
        if STRAY_MARK.fullmatch(token):
            a, b = m.start(), m.end()
            # take one adjoining space with the mark so no double space is left
            if b < len(text) and text[b] == " " and (a == 0 or text[a - 1] == " "):
                b += 1
            elif a > 0 and text[a - 1] == " " and b == len(text):
                a -= 1
            pieces.append(text[pos:a])
            edits.append(Edit(STRAY, node.start + a, node.start + b, "", page,
                              f"stray mark {unicodedata.name(token, token)}"))
            pos = b
            continue
        fixed = fix_word(token)
        if fixed is None:
            continue
        word, uncertain = fixed
        pieces.append(text[pos : m.start()])
        pieces.append(word)
        edits.append(Edit(MIXED, node.start + m.start(), node.start + m.end(), word, page,
                          f"'{token}' mixes Latin and Cyrillic letters", uncertain))
        pos = m.end()
    if pieces:
        pieces.append(text[pos:])
        node.text = "".join(pieces)
