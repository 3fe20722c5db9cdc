"""The long s read as `f`: restore `s` in a book whose OCR read every long s (ſ) as an `f`.

Books printed before about 1800 set a long s at the start and in the middle of a word and a
round s at its end; OCR engines trained on modern type read the long s as `f` ("fuch",
"himfelf", "firft", "thofe"). A plain spelling corrector cannot fix this: the book's own
counts make "fuch" look like a word, since it stands hundreds of times. The rule knows where
a long s can stand instead (the method of the normalisers used on eighteenth-century
HathiTrust and ECCO volumes, such as Ted Underwood's).

**When (per book).** The *long-s signature* of a book is the share, among its word tokens
with a lower-case `f` before the last letter (where a long s can stand), of those that are
no word with `f` (Zipf < `NOT_A_WORD`) but a word with `s` in one or more of those places
(Zipf ≥ `NOT_A_WORD`). The rule is on for a book whose signature is `SIGNATURE_MIN` or more,
measured on at least `SIGNATURE_MIN_TOKENS` such tokens; otherwise it changes nothing at
all. On the dev corpus (`bench/quality.py` books, measured as `signature` does, on the raw
scan's word forms) it is 0.470 for Smollett's *Atom* (1769, long s throughout: 2,339 of 4,972
tokens) and at most 0.0024 for the seven nineteenth-century books (Coleridge 0.0021, Cooper
0.0013, Emerson 0.0024, Finley 0.0020, Marshall 0.0007, Persuasion 0.0007, Reid 0.0004): their
few such tokens are OCR slips ("foon"), not a typeface.

**Where (per word).** A long s stands at the start or in the middle of a word, never at its
end, and only in lower case: an `f` that ends a word, or a capital `F`, is never touched.
The readings of a word are every way of reading one or more of its `f`s in those places as
`s` (`MAX_PLACES` places at most: "poffeffion" has four). A reading is a word of the book's
language when the word list has it (Zipf ≥ `NOT_A_WORD`) or the book itself spells it so
`BOOK_WORD` times or more (its own `s`-spellings). The word is

- *restored* to its commonest reading that is a word, when every rival (the `f`-reading and
  the other readings that are words) is no word or `FAR_RARER` rarer ("fuch" → "such",
  "fo" → "so": "fo" is listed, a hundred times rarer);
- *left as scanned and flagged uncertain* when a rival is a word about as common ("fame" and
  "same", "fail" and "sail", "fit" and "sit", "found" and "sound"): only the context could
  tell, and the rule uses none yet, so it never guesses;
- *left alone* when the `f`-reading is a word `FAR_RARER` more common than any `s`-reading
  ("for", "after", "life"), or no reading is a word (names, other misreadings).

**Encoding.** Each restored word is an edit of rule `long-s` over its letters in the scan,
with the evidence (the two readings' Zipf frequencies and their counts in this book) as its
note: the TEI shows it as `<choice><orig>fuch</orig><reg>such</reg></choice>`, so the
diplomatic text (`edition text --diplomatic`) keeps what the OCR gave, the `f` (not a `ſ`:
the scan never told the two apart), and the reading text has `s`. A flagged word is a
zero-width edit with its evidence, marked uncertain.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations

import regex

from edition.model import Block, Edit, Figure, Hi, Inline, PageBreak, Text
from edition.rules.lexicon import BookWords, zipf

RULE = "long-s"

#: Share of the tokens with an `f` where a long s can stand that read as a word only with
#: `s`, from which a book's OCR is taken to read its long s as `f`. Measured on the dev corpus
#: (see the module docstring): 0.470 in the one long-s book, at most 0.0024 in the others; 0.05
#: is twenty times the highest of the others and a ninth of the long-s book's.
SIGNATURE_MIN = 0.05
#: Tokens with an `f` where a long s can stand that the signature needs at least: fewer (a
#: leaflet, a page) decide nothing.
SIGNATURE_MIN_TOKENS = 50
#: Word forms of the book the signature is measured on, the commonest first: they hold most of
#: its tokens, and the cost of the word-list look-ups stays bounded in a book of millions.
SIGNATURE_FORMS = 2000
#: Zipf frequency under which a reading is no word (as the hyphen rule's fragments).
NOT_A_WORD = 1.5
#: How much rarer (Zipf, log10) a rival reading must be for a word to be restored: 2.0 is a
#: hundredfold. "fo" (3.65) against "so" (6.52) restores; "fame" (4.34) against "same" (5.80),
#: "fail" (4.61) against "sail" (4.01) do not.
FAR_RARER = 2.0
#: Times the book spells a reading itself for it to count as a word without the word list.
BOOK_WORD = 2
#: Places (an `f` before the word's last letter) read both ways at most: 2^4 readings.
MAX_PLACES = 4
#: A word: a run of letters (an apostrophe or a hyphen ends it).
WORD = regex.compile(r"\p{L}+")


def places(word: str) -> list[int]:
    """Indices of the lower-case `f`s of `word` where a long s can stand: not at its end."""
    return [k for k, ch in enumerate(word[:-1]) if ch == "f"]


def readings(word: str) -> list[str]:
    """Every reading of `word` with one or more of its long-s places read as `s` (none when
    it has no such place or more than `MAX_PLACES`)."""
    at = places(word)
    if not at or len(at) > MAX_PLACES:
        return []
    out = []
    for r in range(1, len(at) + 1):
        for chosen in combinations(at, r):
            chars = list(word)
            for k in chosen:
                chars[k] = "s"
            out.append("".join(chars))
    return out


@dataclass(frozen=True, slots=True)
class Signature:
    """A book's long-s signature: `tokens` with an `f` where a long s can stand, `evidence`
    of them no word with `f` and a word with `s` (see the module docstring)."""

    tokens: int = 0
    evidence: int = 0

    @property
    def ratio(self) -> float:
        return self.evidence / self.tokens if self.tokens else 0.0

    @property
    def on(self) -> bool:
        """True when the book's OCR reads its long s as `f`."""
        return self.tokens >= SIGNATURE_MIN_TOKENS and self.ratio >= SIGNATURE_MIN

    def __str__(self) -> str:
        return f"{self.evidence} of {self.tokens} tokens ({self.ratio:.3f})"


def _z(word: str, lang: str) -> float:
    return zipf(word.lower(), lang)


def signature(forms: Iterable[tuple[str, int]], lang: str = "en") -> Signature:
    """The long-s signature of a book from its word forms and their counts (lower case, as
    `BookWords.forms` gives them; a hyphenated compound counts as its parts), measured on
    its `SIGNATURE_FORMS` commonest forms with a long-s place."""
    counts: dict[str, int] = {}
    for form, n in forms:
        for part in form.split("-"):
            if "f" in part[:-1]:
                counts[part] = counts.get(part, 0) + n
    tokens = evidence = 0
    for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:SIGNATURE_FORMS]:
        found = readings(word)
        if not found:
            continue
        tokens += n
        if _z(word, lang) < NOT_A_WORD and any(_z(s, lang) >= NOT_A_WORD for s in found):
            evidence += n
    return Signature(tokens, evidence)


@dataclass(frozen=True, slots=True)
class Reading:
    """What to do with one word: `restored` is its reading with `s` ("" when it stays as
    scanned), `uncertain` flags a word a person should check, `evidence` says why."""

    restored: str
    evidence: str
    uncertain: bool = False


def decide(word: str, book: BookWords, lang: str = "en") -> Reading | None:
    """The reading of `word` in a book whose long s was read as `f` (see the module docstring),
    or None when it stays as scanned without doubt (no long-s place, no reading that is a word,
    or an `f`-word far commoner than any reading)."""
    found = readings(word)
    if not found:
        return None
    scored = [(s, _z(s, lang), book[s]) for s in found]
    words = [x for x in scored if x[1] >= NOT_A_WORD or x[2] >= BOOK_WORD]
    if not words:
        return None
    best, z_best, n_best = max(words, key=lambda x: (x[1], x[2]))
    z_word = _z(word, lang)
    rivals = [(s, z) for s, z, _ in words if s != best]
    if z_word >= NOT_A_WORD:
        rivals.append((word, z_word))
    counts = f"in this book '{word.lower()}' {book[word]}×, '{best.lower()}' {n_best}×"
    if all(z <= z_best - FAR_RARER for _, z in rivals):
        what = "no word" if z_word < NOT_A_WORD else f"{z_best - z_word:.1f} rarer"
        return Reading(best, f"'{word}' read '{best}': '{best.lower()}' Zipf {z_best:.2f}, "
                             f"'{word.lower()}' Zipf {z_word:.2f} ({what}); {counts}")
    if any(z >= z_best + FAR_RARER for _, z in rivals):
        return None
    rival, z_rival = max(rivals, key=lambda x: x[1])
    return Reading("", f"'{word}' left as scanned: '{best.lower()}' (Zipf {z_best:.2f}) and "
                       f"'{rival.lower()}' (Zipf {z_rival:.2f}) are both words; {counts}",
                   uncertain=True)


# --- the reading text of a block, with where each character stands -----------------------


def _pieces(nodes: list[Inline]) -> Iterator[tuple[str, Text | None]]:
    """The block's reading text in pieces: a text node's text with the node, a separator
    (" ") for a line join, a note reference, a gap or a page break between words; nothing
    for a page break inside a word (the word runs on across it)."""
    for node in nodes:
        if isinstance(node, Text):
            yield node.text, node
        elif isinstance(node, Hi):
            yield from _pieces(node.children)
        elif not (isinstance(node, PageBreak) and node.inword):
            yield " ", None


@dataclass(slots=True)
class _Offsets:
    """The raw offset of each character of text nodes, from the edits made so far."""

    raw: str
    edits: list[Edit]
    starts: list[int] = field(default_factory=list)
    cache: dict[int, list[int] | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # a zero-width edit changes no text (an insertion is never applied: `apply_edits`)
        self.edits = sorted((e for e in self.edits if e.end > e.start),
                            key=lambda e: (e.start, e.end))
        self.starts = [e.start for e in self.edits]

    def of(self, node: Text) -> list[int] | None:
        """Raw offset of each character of `node.text`, -1 for a character an edit put there;
        None when the node's text is not its raw span with the edits applied."""
        key = id(node)
        if key not in self.cache:
            self.cache[key] = self._map(node)
        return self.cache[key]

    def _map(self, node: Text) -> list[int] | None:
        out: list[int] = []
        pos = node.start
        lo = bisect_left(self.starts, node.start)
        for e in self.edits[lo:]:
            if e.start >= node.end:
                break
            if e.end > node.end or e.start < pos:
                return None
            out.extend(range(pos, e.start))
            out.extend([-1] * len(e.replacement))
            pos = e.end
        out.extend(range(pos, node.end))
        if len(out) != len(node.text):
            return None
        return out


def _with_figures(blocks: Iterable[Block]) -> Iterator[Block]:
    """The blocks, each followed by the figures standing inside it (their captions)."""
    for block in blocks:
        yield block
        yield from (node.block for node in block.children if isinstance(node, Figure))


def restore(blocks: Iterable[Block], book: BookWords, raw: str, edits: list[Edit],
            lang: str = "en") -> list[Edit]:
    """Restore the long s in the text nodes of `blocks` (in place) and return the edits:
    one `long-s` edit per restored word piece (a word broken over a line or page end has a
    piece on each side), and a zero-width uncertain one per flagged word. `edits` are the
    edits made so far (to map each node's text to its raw offsets). Call only for a book
    whose `signature` is on."""
    offsets = _Offsets(raw, edits)
    decided: dict[str, Reading | None] = {}
    out: list[Edit] = []
    for block in _with_figures(blocks):
        pieces = list(_pieces(block.children))
        text = "".join(p for p, _ in pieces)
        if "f" not in text:
            continue
        bounds: list[int] = []
        at = 0
        for p, _ in pieces:
            bounds.append(at)
            at += len(p)
        for m in WORD.finditer(text):
            word = m.group()
            if "f" not in word[:-1]:
                continue
            if word not in decided:
                decided[word] = decide(word, book, lang)
            reading = decided[word]
            if reading is not None:
                out.extend(_apply(m.start(), word, reading, pieces, bounds, offsets, block.page))
    return out


def _apply(start: int, word: str, reading: Reading, pieces: list[tuple[str, Text | None]],
           bounds: list[int], offsets: _Offsets, page: int) -> list[Edit]:
    """Edits restoring (or flagging) the word at `start` of the block's text, applied to its
    text nodes; none when a changed letter is not the scan's own `f` (another rule made it)."""
    by_node: dict[int, tuple[Text, int, int, list[int]]] = {}  # node -> (node, a, b, raw)
    for k in range(len(word)):
        i = bisect_right(bounds, start + k) - 1
        node = pieces[i][1]
        if node is None:
            return []
        raw_at = offsets.of(node)
        if raw_at is None:
            return []
        idx = start + k - bounds[i]
        entry = by_node.setdefault(id(node), (node, idx, idx, raw_at))
        by_node[id(node)] = (node, entry[1], idx + 1, raw_at)
    if reading.uncertain:
        node, a, _, raw_at = next(iter(by_node.values()))
        if raw_at[a] < 0:
            return []
        return [Edit(RULE, raw_at[a], raw_at[a], "", page, reading.evidence, True)]
    new = reading.restored
    plans: list[tuple[Text, int, int, list[int], str]] = []
    pos = 0
    for node, a, b, raw_at in by_node.values():
        old, repl = node.text[a:b], new[pos : pos + b - a]
        pos += b - a
        if old == repl:
            continue
        if any((x != y) and (raw_at[a + j] < 0 or offsets.raw[raw_at[a + j]] != "f")
               for j, (x, y) in enumerate(zip(old, repl, strict=True))):
            return []
        plans.append((node, a, b, raw_at, repl))
    out: list[Edit] = []
    for node, a, b, raw_at, repl in plans:
        span = raw_at[a:b]
        if all(x >= 0 for x in span) and span[-1] - span[0] == b - a - 1:
            out.append(Edit(RULE, span[0], span[-1] + 1, repl, page, reading.evidence))
        else:  # a piece with another rule's change inside: each long s on its own
            old = node.text[a:b]
            out.extend(Edit(RULE, raw_at[a + j], raw_at[a + j] + 1, "s", page, reading.evidence)
                       for j, (x, y) in enumerate(zip(old, repl, strict=True)) if x != y)
        node.text = node.text[:a] + repl + node.text[b:]
    return out
