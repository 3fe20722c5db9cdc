"""Word alignment of two long texts: unique anchors first, then Levenshtein on the pieces.

A book has about 100,000 words on each side; Levenshtein over the whole would take N×M steps
(minutes, gigabytes). The alignment is a patience diff refined by edit distance:

1. words that occur exactly once on each side are anchors; the longest chain of anchors in
   the same order on both sides is kept (a longest increasing subsequence), which drops
   anchors that moved or coincide by chance (a note placed elsewhere, a contents page, an OCR
   misreading that happens to spell a rare word);
2. between two kept anchors the pieces are aligned again the same way with the words that
   are unique within the piece;
3. a pair of pieces small enough (`DIRECT_CELLS`) is aligned by word-level Levenshtein
   (rapidfuzz), which says which words are equal, substituted, inserted or deleted.

A pair of pieces too large that holds no unique anchor is left unaligned (tag "gap"): matter
one side has and the other has not (Project Gutenberg's front matter, advertisements).

Words are mapped one to one where equal, and where substituted inside a run of substitutions of
the same length on both sides when the two are alike (`SUBSTITUTE_SIMILARITY`: an OCR
misreading, "tlie" for "the", not a heading against a note that happens to be as long). A
boundary between two words (a "gap after word k") is projected to the other side through the
nearest mapped words.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel, Levenshtein

#: Most cells (words × words) aligned at once by Levenshtein; a larger pair of pieces is cut at
#: anchors first. 4 million cells is a few milliseconds and a megabyte in rapidfuzz.
DIRECT_CELLS = 4_000_000
#: Unmapped words allowed between a boundary and the mapped word that places it, on each side,
#: and how much longer the other side's stretch between those two words may be. A boundary
#: further from any mapped word is not in an aligned stretch and is not counted.
MAX_UNMAPPED = 2
#: Two substituted words are mapped to each other when their Indel normalised similarity is
#: at least this: OCR misreadings are ("tlie"/"the" 0.57, "fuch"/"such" 0.75), unrelated
#: words are rarely ("chapter"/"vley" 0.18).
SUBSTITUTE_SIMILARITY = 0.5
#: Deepest recursion of the piecewise alignment (each level needs a new unique anchor).
MAX_DEPTH = 40

Opcode = tuple[str, int, int, int, int]


@dataclass(slots=True)
class Alignment:
    """Two word sequences aligned: opcodes covering both in order, and the one-to-one mapping.

    `blocks` are (tag, i1, i2, j1, j2) with tag "equal", "replace", "insert", "delete" or "gap",
    as difflib's opcodes; `a_to_b[i]` is the word of b mapped to word i of a, or -1.
    """

    a_len: int
    b_len: int
    blocks: list[Opcode] = field(default_factory=list)
    a_to_b: list[int] = field(default_factory=list)
    b_to_a: list[int] = field(default_factory=list)

    def mapping(self, from_a: bool) -> list[int]:
        """The mapping from side a (`from_a`) or from side b."""
        return self.a_to_b if from_a else self.b_to_a

    def project_gap(self, k: int, from_a: bool = True) -> tuple[int, int] | None:
        """The gaps of the other side that the gap after word `k` falls between, as an
        inclusive range (lo, hi) of "gap after word j"; None when the gap is not in an aligned
        stretch (no mapped word within `MAX_UNMAPPED` on one side, or more than that many extra
        words on the other side between the two mapped words)."""
        m = self.mapping(from_a)
        left = k
        while left >= 0 and m[left] < 0 and k - left <= MAX_UNMAPPED:
            left -= 1
        right = k + 1
        while right < len(m) and m[right] < 0 and right - (k + 1) <= MAX_UNMAPPED:
            right += 1
        if left < 0 or right >= len(m) or m[left] < 0 or m[right] < 0:
            return None
        yl, yr = m[left], m[right]
        if yr <= yl or (yr - yl) - (right - left) > MAX_UNMAPPED:
            return None
        return yl, yr - 1

    def project_word(self, i: int, from_a: bool = True, reach: int = MAX_UNMAPPED) -> int | None:
        """The position on the other side of word `i`: its mate, or that of the nearest mapped
        word within `reach` words, moved by the distance to it; None when there is none."""
        m = self.mapping(from_a)
        if not 0 <= i < len(m):
            return None
        if m[i] >= 0:
            return m[i]
        for d in range(1, reach + 1):
            if i - d >= 0 and m[i - d] >= 0:
                return m[i - d] + d
            if i + d < len(m) and m[i + d] >= 0:
                return max(0, m[i + d] - d)
        return None


def _encode(a: Sequence[str], b: Sequence[str]) -> tuple[list[int], list[int]]:
    """Both sequences as integers (one per distinct word), for fast hashing."""
    ids = {w: k for k, w in enumerate(set(a) | set(b))}
    return list(map(ids.__getitem__, a)), list(map(ids.__getitem__, b))


def _unique(seq: list[int], lo: int, hi: int) -> dict[int, int]:
    """Words of seq[lo:hi] that occur once there, with their place."""
    keys = seq[lo:hi]
    counts = Counter(keys)
    where = dict(zip(keys, range(lo, hi), strict=True))  # the last place: the only one if unique
    return {k: where[k] for k, c in counts.items() if c == 1}


def _chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of pairs increasing on both sides (pairs sorted by their first)."""
    tails: list[int] = []  # smallest second value ending a chain of each length
    tail_at: list[int] = []
    back: list[int] = []
    for k, (_, j) in enumerate(pairs):
        at = bisect_left(tails, j)
        if at == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[at] = j
            tail_at[at] = k
        back.append(tail_at[at - 1] if at else -1)
    out: list[tuple[int, int]] = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


def _anchors(a: list[int], b: list[int], a_lo: int, a_hi: int, b_lo: int,
             b_hi: int) -> list[tuple[int, int, int]]:
    """Runs (i, j, length) of words unique on both sides, in one chain increasing on both."""
    ua, ub = _unique(a, a_lo, a_hi), _unique(b, b_lo, b_hi)
    runs: list[tuple[int, int, int]] = []
    for i, j in _chain(sorted((i, ub[k]) for k, i in ua.items() if k in ub)):
        if runs and (ri := runs[-1])[0] + ri[2] == i and ri[1] + ri[2] == j:
            runs[-1] = (ri[0], ri[1], ri[2] + 1)
        else:
            runs.append((i, j, 1))
    return runs


def _direct(a: list[int], b: list[int], a_lo: int, a_hi: int, b_lo: int, b_hi: int,
            out: list[Opcode]) -> None:
    """Word-level Levenshtein opcodes of a small pair of pieces."""
    for op in Levenshtein.opcodes(a[a_lo:a_hi], b[b_lo:b_hi]):
        out.append((op.tag, a_lo + op.src_start, a_lo + op.src_end,
                    b_lo + op.dest_start, b_lo + op.dest_end))


def _piece(a: list[int], b: list[int], a_lo: int, a_hi: int, b_lo: int, b_hi: int,
           out: list[Opcode], depth: int) -> None:
    """Align a[a_lo:a_hi] with b[b_lo:b_hi], appending opcodes to `out`."""
    # a common prefix and suffix are equal without search
    prefix = 0
    while a_lo + prefix < a_hi and b_lo + prefix < b_hi and a[a_lo + prefix] == b[b_lo + prefix]:
        prefix += 1
    if prefix:
        out.append(("equal", a_lo, a_lo + prefix, b_lo, b_lo + prefix))
        a_lo, b_lo = a_lo + prefix, b_lo + prefix
    suffix = 0
    while (a_hi - suffix > a_lo and b_hi - suffix > b_lo
           and a[a_hi - suffix - 1] == b[b_hi - suffix - 1]):
        suffix += 1
    _middle(a, b, a_lo, a_hi - suffix, b_lo, b_hi - suffix, out, depth)
    if suffix:
        out.append(("equal", a_hi - suffix, a_hi, b_hi - suffix, b_hi))


def _middle(a: list[int], b: list[int], a_lo: int, a_hi: int, b_lo: int, b_hi: int,
            out: list[Opcode], depth: int) -> None:
    """Align two pieces with no common prefix or suffix."""
    na, nb = a_hi - a_lo, b_hi - b_lo
    if na == 0 and nb == 0:
        return
    if na == 0:
        out.append(("insert", a_lo, a_lo, b_lo, b_hi))
        return
    if nb == 0:
        out.append(("delete", a_lo, a_hi, b_lo, b_lo))
        return
    if na * nb <= DIRECT_CELLS:
        _direct(a, b, a_lo, a_hi, b_lo, b_hi, out)
        return
    anchors: list[tuple[int, int, int]] = []
    if depth < MAX_DEPTH:
        anchors = _anchors(a, b, a_lo, a_hi, b_lo, b_hi)
    if not anchors:
        out.append(("gap", a_lo, a_hi, b_lo, b_hi))
        return
    i0, j0 = a_lo, b_lo
    for i, j, length in anchors:
        if i > i0 or j > j0:
            _piece(a, b, i0, i, j0, j, out, depth + 1)
        out.append(("equal", i, i + length, j, j + length))
        i0, j0 = i + length, j + length
    if i0 < a_hi or j0 < b_hi:
        _piece(a, b, i0, a_hi, j0, b_hi, out, depth + 1)


def _merge(ops: list[Opcode]) -> list[Opcode]:
    """Adjacent opcodes of the same tag as one (equal runs of anchors, mostly)."""
    out: list[Opcode] = []
    for op in ops:
        if op[1] == op[2] and op[3] == op[4]:
            continue
        if out and out[-1][0] == op[0] and op[0] in ("equal", "gap"):
            t, i1, _, j1, _ = out[-1]
            out[-1] = (t, i1, op[2], j1, op[4])
        else:
            out.append(op)
    return out


def align(a: Sequence[str], b: Sequence[str]) -> Alignment:
    """Align word sequence `a` with word sequence `b` (see the module docstring)."""
    ea, eb = _encode(a, b)
    ops: list[Opcode] = []
    _piece(ea, eb, 0, len(ea), 0, len(eb), ops, 0)
    result = Alignment(len(a), len(b), _merge(ops), [-1] * len(a), [-1] * len(b))
    for tag, i1, i2, j1, j2 in result.blocks:
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                if tag == "equal" or Indel.normalized_similarity(a[i], b[j]) \
                        >= SUBSTITUTE_SIMILARITY:
                    result.a_to_b[i] = j
                    result.b_to_a[j] = i
    return result
