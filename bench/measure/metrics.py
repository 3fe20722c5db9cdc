"""The figures: CER, paragraph boundaries, divisions, hyphen decisions, split words, long s,
furniture left in the text, folio agreement and warning kinds.

Each is a pure function of small inputs (word lists, an `Alignment`, texts), so each can be
tested on hand-made strings; `measure.book` feeds them a real book.
"""

from __future__ import annotations

import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import regex
from rapidfuzz.distance import Indel, Levenshtein

from measure.align import Alignment, align
from measure.truth import Heading
from measure.words import DASHES, cer_normalise, norm, words

# --- warnings -----------------------------------------------------------------------

#: Kinds of today's warning strings, by the shape of the message (the first that matches).
WARNING_SHAPES: tuple[tuple[str, regex.Pattern[str]], ...] = tuple(
    (kind, regex.compile(pattern)) for kind, pattern in (
        ("text-lost", r"^text lost after "),
        ("scan-truncated", r"^the scan ends mid-sentence"),
        ("pages-missing-text-runs-on", r"printed page\(s\) between .* missing from the scan, "
                                       r"but the text runs on"),
        ("pages-not-scanned", r"^printed page\(s\) .* not in the scan"),
        ("pages-surplus", r"^scan pages .* hold \d+ more pages than printed pages"),
        ("pages-unnumbered", r"^scan pages .* precede the first numbered page"),
        ("page-side", r"^scan pages .* carry a running header otherwise on"),
        ("page-numbers-uncertain", r"^printed numbers of scan pages .* are uncertain"),
        ("no-page-numbers", r"^no printed page number could be read"),
        ("note-without-footnote", r"note reference .* has no footnote"),
        ("footnote-without-reference", r"footnote .* has no reference"),
    )
)
#: "scan page N: RULE: note": an edit flagged uncertain by the rule it names.
UNCERTAIN_EDIT = regex.compile(r"^scan page \d+: (?P<rule>[a-z][a-z-]*): ")


def warning_kind(warning: Any) -> str:
    """The kind of a build warning: its `code` when it has one, otherwise derived from the
    message's shape (`WARNING_SHAPES`; "uncertain:RULE" for an uncertain edit; else the
    message's first three words with numbers and quotations taken out)."""
    code = getattr(warning, "code", None)
    if code:
        return str(code)
    text = str(warning)
    if m := UNCERTAIN_EDIT.match(text):
        return f"uncertain:{m['rule']}"
    for kind, pattern in WARNING_SHAPES:
        if pattern.search(text):
            return kind
    plain = regex.sub(r"\"[^\"]*\"|'[^']*'|\d+|[^\p{L}\s-]", " ", text.lower())
    return "-".join(plain.split()[:3]) or "other"


def warning_counts(warnings: Iterable[Any], pages: int) -> dict[str, dict[str, Any]]:
    """Warnings per kind: count, per 100 scan pages, and the kind's name where the warning
    object gives one (`kind`, as "text-lost" for W201)."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for w in warnings:
        kind = warning_kind(w)
        counts[kind] += 1
        if isinstance(name := getattr(w, "kind", None), str) and name != kind:
            names[kind] = name
    out: dict[str, dict[str, Any]] = {}
    for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        out[kind] = {"count": n, "per_100_pages": round(100 * n / max(pages, 1), 2)}
        if kind in names:
            out[kind]["name"] = names[kind]
    return out


# --- character error rate ------------------------------------------------------------

#: Equal runs of at least this many words are where the texts may be cut into pieces for the
#: character error rate (cut in their middle, where any optimal character alignment passes).
CUT_RUN = 3
#: Characters of the edition's text a piece holds at least before the next cut. Levenshtein
#: credits chance matches between unrelated passages, as when a note stands where the page
#: prints it in the edition and at the chapter's end in the transcription; pieces this long
#: let it do so as it does over the whole text: on the dev corpus every figure is then within
#: 0.0005 of the whole-text distance (Reid: 0.1185 both; with a cut at every run, 0.1312).
PIECE_CHARS = 10_000
#: Page markers the "do nothing" baseline removes (HathiTrust collector, Distributed
#: Proofreaders), as in the first version of bench/quality.py.
MARKER = regex.compile(r"^(?:<page \d+>|-----File: [^-]*-----)\s*$", regex.M)


def baseline(raw: str) -> str:
    """The "do nothing" baseline: the raw text with page markers removed and line-end
    hyphens joined."""
    text = MARKER.sub("", raw)
    return regex.sub(r"(\p{L})-\n\s*(\p{L})", r"\1\2", text)


def cer(text: str, truth: str) -> float:
    """Character error rate of `text` against `truth`: Levenshtein distance over the truth's
    length, both normalised by `cer_normalise`.

    The distance is summed over pieces of about `PIECE_CHARS`: the two word sequences are
    aligned (`align`) and cut in the middle of an equal run of `CUT_RUN` words or more; each
    cut stands at a word boundary of both texts, so the pieces concatenate to the whole texts
    and the sum is the distance of one alignment through those cuts: never below the exact
    distance, and equal to it when an optimal alignment passes through the cuts.
    """
    a, b = cer_normalise(text).split(), cer_normalise(truth).split()
    if not b:
        return 0.0
    cuts = [(0, 0)]
    size = 0  # characters of a since the last cut
    at = 0
    for tag, i1, i2, j1, _ in align(a, b).blocks:
        if tag == "equal" and i2 - i1 >= CUT_RUN:
            mid = (i2 - i1) // 2
            size += sum(len(w) + 1 for w in a[at : i1 + mid])
            at = i1 + mid
            if size >= PIECE_CHARS:
                cuts.append((i1 + mid, j1 + mid))
                size = 0
    cuts.append((len(a), len(b)))
    distance = 0
    for (i0, j0), (i1, j1) in pairwise(cuts):
        pa, pb = " ".join(a[i0:i1]), " ".join(b[j0:j1])
        pa = " " + pa if i0 and i1 > i0 else pa  # the space before a piece belongs to it
        pb = " " + pb if j0 and j1 > j0 else pb
        distance += Levenshtein.distance(pa, pb)
    return distance / len(" ".join(b))


# --- paragraph boundaries --------------------------------------------------------------


@dataclass(slots=True)
class Scores:
    """Boundaries counted and matched on each side, with precision, recall and F1."""

    ours: int = 0
    ours_matched: int = 0
    theirs: int = 0
    theirs_matched: int = 0
    ours_at_lines: int = 0  # the edition's, at a set line's end of the other side (not counted)

    @property
    def precision(self) -> float | None:
        return self.ours_matched / self.ours if self.ours else None

    @property
    def recall(self) -> float | None:
        return self.theirs_matched / self.theirs if self.theirs else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)

    def as_dict(self) -> dict[str, Any]:
        return {"edition": self.ours, "edition_matched": self.ours_matched,
                "truth": self.theirs, "truth_matched": self.theirs_matched,
                "precision": _round(self.precision), "recall": _round(self.recall),
                "f1": _round(self.f1), "edition_at_set_lines": self.ours_at_lines}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def boundary_scores(al: Alignment, ours: set[int], theirs: set[int],
                    scope: Sequence[bool] | None = None,
                    lines: set[int] | None = None) -> Scores:
    """Paragraph boundaries of side a (`ours`, the edition) against side b (`theirs`, the
    transcription), each given as the word a paragraph ends with (the gap after it).

    A boundary is counted only where it stands in an aligned stretch (`Alignment.project_gap`)
    and, on side a, between two words in `scope` (the edition's body); it is matched when the
    other side has a boundary between the same two mapped words: the tolerance is the
    unmapped words around the gap (at most `align.MAX_UNMAPPED` on either side), no more.
    `lines` are gaps of side b at the end of a line set as a line (a verse line, a list item:
    `truth.set_lines`); a boundary of side a there, and none of side b, is neither matched
    nor false (counted in `ours_at_lines`): the print ends a line there, whether the edition
    calls it a paragraph or a verse line is the verse figure's business.
    """
    in_scope = (lambda i: True) if scope is None else (lambda i: 0 <= i < len(scope) and scope[i])
    out = Scores()
    for k in sorted(ours):
        if not (in_scope(k) and in_scope(k + 1)):
            continue
        r = al.project_gap(k, True)
        if r is None:
            continue
        gaps = range(r[0], r[1] + 1)
        if lines and not any(j in theirs for j in gaps) and any(j in lines for j in gaps):
            out.ours_at_lines += 1
            continue
        out.ours += 1
        out.ours_matched += any(j in theirs for j in gaps)
    for j in sorted(theirs):
        r = al.project_gap(j, False)
        if r is None or not (in_scope(r[0]) and in_scope(r[1] + 1)):
            continue
        out.theirs += 1
        out.theirs_matched += any(i in ours for i in range(r[0], r[1] + 1))
    return out


# --- divisions -------------------------------------------------------------------------

#: Words between a division's start and a heading's span (either end) within which the
#: division is taken to open at that heading (a heading the edition dropped or garbled still
#: leaves its division opening at the first words after it).
DIV_TOLERANCE = 3
#: Words of a division searched for the first two mapped in step to the transcription (one
#: word alone can be matched to a like word of a note placed elsewhere: "the").
DIV_LOOKAHEAD = 12
#: Words of the transcription searched on each side of a heading for one mapped to the raw
#: scan, and raw words added on each side of the window between them.
VISIBLE_REACH = 30
VISIBLE_SLACK = 5
#: Most raw words the window holds: where the words around a heading map far apart (the scan
#: lost a page there), the window is taken before the words after the heading.
VISIBLE_WINDOW = 60
#: A heading word is present in the raw window when a raw word (or two or three adjacent ones
#: run together) equals it or, for words of 4 letters or more, is this similar (Indel
#: normalised similarity: "chapter" / "cltter" from "Cl)»t>ter" is 0.62).
VISIBLE_SIMILARITY = 0.6
#: Share of a heading's words that must be present for the heading to be visible in the OCR.
VISIBLE_SHARE = 0.5


def _nearest_mapped(m: Sequence[int], start: int, step: int, reach: int) -> int | None:
    """The mate of the first mapped word from `start` going by `step`, within `reach`."""
    k = start
    for _ in range(reach):
        if not 0 <= k < len(m):
            return None
        if m[k] >= 0:
            return m[k]
        k += step
    return None


def visible(heading: Heading, truth_to_raw: Alignment, raw_words: Sequence[str],
            heading_words: Sequence[str]) -> bool:
    """Whether a heading's words stand in the raw scan near the place the text around it
    aligns to (`VISIBLE_*`)."""
    m = truth_to_raw.a_to_b
    before = _nearest_mapped(m, heading.start - 1, -1, VISIBLE_REACH)
    after = _nearest_mapped(m, heading.end, 1, VISIBLE_REACH)
    inside = [m[k] for k in range(heading.start, heading.end) if m[k] >= 0]
    if before is None and after is None and not inside:
        return False
    points = [p for p in (before, after, *inside) if p is not None]
    lo, hi = min(points) - VISIBLE_SLACK, max(points) + VISIBLE_SLACK + 1
    if hi - lo > VISIBLE_WINDOW:
        end = (after if after is not None else max(points)) + VISIBLE_SLACK + 1
        lo, hi = end - VISIBLE_WINDOW, end
    lo, hi = max(0, lo), min(len(raw_words), hi)
    near = raw_words[lo:hi]
    # a word the OCR broke at a misread letter ("Cl)»t>ter") is whole again in a concatenation
    window = {*near, *(x + y for x, y in pairwise(near)),
              *(x + y + z for x, y, z in zip(near, near[1:], near[2:], strict=False))}
    if not heading_words:
        return False

    def present(w: str) -> bool:
        return w in window or (len(w) >= 4 and any(
            Indel.normalized_similarity(w, r) >= VISIBLE_SIMILARITY for r in window))

    return sum(present(w) for w in heading_words) >= VISIBLE_SHARE * len(heading_words)


@dataclass(slots=True)
class Divisions:
    """Headings of the transcription against the edition's divisions."""

    headings: int = 0  # headings of the transcription
    visible: int = 0  # visible in the OCR
    found: int = 0  # visible, and a division of the edition opens there
    missed: list[str] = field(default_factory=list)
    divs: int = 0  # the edition's body divisions
    false: list[str] = field(default_factory=list)  # body divisions placed at no heading
    unplaced: int = 0  # body divisions whose first words align with nothing

    def as_dict(self) -> dict[str, Any]:
        return {"headings": self.headings, "visible": self.visible, "found": self.found,
                "missed": len(self.missed), "divs": self.divs, "false": len(self.false),
                "unplaced": self.unplaced, "missed_headings": self.missed[:40],
                "false_divs": self.false[:40]}


def division_scores(headings: Sequence[Heading], heading_words: Sequence[Sequence[str]],
                    edition_to_truth: Alignment, divs: Sequence[tuple[int, str, str]],
                    truth_to_raw: Alignment, raw_words: Sequence[str]) -> Divisions:
    """The transcription's headings found and missed, and the edition's false divisions.

    `divs` holds each division of the edition as (first word, -1 when it has none; head;
    part: "front", "body" or "back"). A division is placed in the transcription through
    its first two words mapped in step (within `DIV_LOOKAHEAD` words of its start, moved
    back by the distance). A heading visible in the OCR (`visible`) is found when a division of any part
    is placed within `DIV_TOLERANCE` words of its span (a preface may be a division of the
    front); a body division placed at no heading is false, and one that cannot be placed is
    counted apart (matter the transcription has not: advertisements, a contents page). The
    one untitled body division of a text without divisions is none of these.
    """
    body = [d for d in divs if d[2] == "body"]
    if len(body) == 1 and not body[0][1]:
        # a text without divisions is one untitled body division: no division it claims
        divs, body = [d for d in divs if d[2] != "body"], []
    out = Divisions(headings=len(headings), divs=len(body))
    e2t = edition_to_truth.a_to_b
    placed: list[tuple[int, str, str]] = []
    for first, head, part in divs:
        p = None
        for k in range(first, min(first + DIV_LOOKAHEAD, len(e2t) - 1)) if first >= 0 else ():
            if e2t[k] >= 0 and e2t[k + 1] == e2t[k] + 1:  # two words in step: a firm place
                p = e2t[k] - (k - first)
                break
        if p is None:
            out.unplaced += part == "body"
        else:
            placed.append((p, head, part))
    hit = [False] * len(placed)
    for h, h_words in zip(headings, heading_words, strict=True):
        matches = [k for k, (p, _, _) in enumerate(placed)
                   if h.start - DIV_TOLERANCE <= p <= h.end + DIV_TOLERANCE]
        for k in matches:
            hit[k] = True
        if not visible(h, truth_to_raw, raw_words, h_words):
            continue
        out.visible += 1
        if matches:
            out.found += 1
        else:
            out.missed.append(h.text)
    out.false = [head or "(no head)" for (_, head, part), h in zip(placed, hit, strict=True)
                 if not h and part == "body"]
    return out


# --- hyphens, split words, long s ------------------------------------------------------

#: A word of a transcription with its hyphens kept, punctuation stripped at either end.
EDGE = regex.compile(r"^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$")


def truth_spellings(text: str) -> tuple[set[str], set[str]]:
    """The transcription's hyphenated pairs ("dinner-time"; every two adjacent parts of a
    longer compound) and its solid words (words without a hyphen, and the parts of
    compounds), lower case, NFKC. A line-end hyphen in the transcription joins with a
    hyphen (Project Gutenberg keeps compounds whole and does not break words)."""
    text = DASHES.sub(" ", unicodedata.normalize("NFKC", text).lower())
    text = regex.sub(r"(?<=\p{L})-\s*\n\s*(?=\p{L})", "-", text)
    hyphenated: set[str] = set()
    solid: set[str] = set()
    for chunk in text.split():
        word = EDGE.sub("", chunk)
        parts = [p for p in word.split("-") if p]
        solid.update(parts)
        hyphenated.update(f"{x}-{y}" for x, y in pairwise(parts))
    return hyphenated, solid


@dataclass(slots=True)
class Hyphens:
    """Hyphen decisions of the build checked against the transcription's spellings."""

    decisions: int = 0
    joined: int = 0
    kept: int = 0
    right: int = 0
    wrong_join: list[str] = field(default_factory=list)
    wrong_keep: list[str] = field(default_factory=list)
    undecidable: int = 0
    unparsed: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"decisions": self.decisions, "joined": self.joined, "kept": self.kept,
                "right": self.right, "wrong_join": len(self.wrong_join),
                "wrong_keep": len(self.wrong_keep), "undecidable": self.undecidable,
                "unparsed_notes": self.unparsed,
                "wrong_joins": sorted(set(self.wrong_join))[:60],
                "wrong_keeps": sorted(set(self.wrong_keep))[:60]}


def hyphen_scores(decisions: Iterable[tuple[bool, str, str]], hyphenated: set[str],
                  solid: set[str]) -> Hyphens:
    """Each (joined, left, right) decision against the transcription: a wrong join is joined
    where the transcription has "left-right" and not "leftright"; a wrong keep is kept where
    it has "leftright" and not "left-right"; right when it has only the decided form;
    undecidable when it has both or neither."""
    out = Hyphens()
    for joined, left, right in decisions:
        left = unicodedata.normalize("NFKC", left).lower()
        right = unicodedata.normalize("NFKC", right).lower()
        h, s = f"{left}-{right}", left + right
        has_h, has_s = h in hyphenated, s in solid
        out.decisions += 1
        out.joined += joined
        out.kept += not joined
        if has_h == has_s:
            out.undecidable += 1
        elif joined and has_h:
            out.wrong_join.append(s)
        elif not joined and has_s:
            out.wrong_keep.append(h)
        else:
            out.right += 1
    return out


def line_end_pairs(pages: Sequence[Sequence[str]]) -> Counter[tuple[str, str]]:
    """How often each (last word of a line, first word of the next line) pair stands in the
    raw scan, normalised, across page ends too: where a word broken at a line end can be."""
    firsts_lasts = [(ws[0], ws[-1]) for lines in pages for line in lines if (ws := words(line))]
    return Counter((last, first) for (_, last), (first, _) in pairwise(firsts_lasts))


def split_words(al: Alignment, ours: Sequence[str], hyphen_end: Sequence[bool],
                theirs: Sequence[str], line_ends: Counter[tuple[str, str]] | None = None
                ) -> dict[str, Any]:
    """Transcription words the edition holds as two adjacent words ("con" / "sulted"), found
    inside the alignment's unequal stretches (substituted, inserted and deleted words next to
    each other; not the unaligned gaps), and, given the raw scan's `line_ends`, no more often
    than the two stand at a line end and the next line's start (so that a compound the print
    spells open, "every thing" for the transcription's "everything", is not a split word
    wherever it stands mid-line); those
    whose first half ended in a hyphen (a line-end hyphen left with a space) are counted apart
    from those with none."""
    no_hyphen: list[str] = []
    with_hyphen: list[str] = []
    regions: list[list[int]] = []  # runs of adjacent unequal opcodes, as [i1, i2, j1, j2]
    for tag, i1, i2, j1, j2 in al.blocks:
        if tag in ("equal", "gap"):
            continue
        if regions and regions[-1][1] == i1 and regions[-1][3] == j1:
            regions[-1][1], regions[-1][3] = i2, j2
        else:
            regions.append([i1, i2, j1, j2])
    for i1, i2, j1, j2 in regions:
        wanted = set(theirs[j1:j2])
        i = i1
        while i < i2 - 1:
            pair = (ours[i], ours[i + 1])
            if ours[i] + ours[i + 1] in wanted and (line_ends is None or line_ends[pair] > 0):
                if line_ends is not None:
                    line_ends[pair] -= 1
                (with_hyphen if hyphen_end[i] else no_hyphen).append(f"{ours[i]}|{ours[i + 1]}")
                i += 2
            else:
                i += 1
    return {"without_hyphen": len(no_hyphen), "with_hyphen": len(with_hyphen),
            "examples": no_hyphen[:30]}


def long_s(al: Alignment, ours: Sequence[str], theirs: Sequence[str]) -> dict[str, Any]:
    """Words of the edition with an `f` where the aligned transcription word has an `s` (the
    OCR's reading of a long s), among mapped transcription words with an `s` before their
    last letter (where a long s can stand)."""
    errors: Counter[str] = Counter()
    candidates = 0
    for i, j in enumerate(al.a_to_b):
        if j < 0:
            continue
        t = theirs[j]
        if "s" not in t[:-1]:
            continue
        candidates += 1
        e = ours[i]
        if e != t and len(e) == len(t) and any(x == "f" and y == "s" for x, y in zip(e, t,
                                                                                    strict=True)):
            errors[e] += 1
    n = sum(errors.values())
    return {"errors": n, "words_with_s": candidates,
            "rate": round(n / candidates, 4) if candidates else None,
            "commonest": [w for w, _ in errors.most_common(12)]}


# --- furniture left in the reading text --------------------------------------------------

#: A paragraph that is only a page number: Arabic, or lower-case Roman (front matter); a
#: capital Roman numeral alone is a chapter's number, not a folio.
NUMBER_ONLY = regex.compile(r"^[\[(]?(?:\d{1,4}|[ivxlc]{1,6})[\])]?\.?$")
#: A signature mark: a letter, repeated for the later alphabets ("B", "D D", "A a", "Bb"),
#: perhaps after a volume number ("3 b") and before a leaf number ("B 2", "C3", "D D 2").
SIGNATURE = r"(?:\d{1,2}\s?)?(?P<letter>[A-Za-z])(?:\s?(?i:(?P=letter))){0,2}"
#: A paragraph that is only a signature mark (opening with a capital or a volume number).
SIGNATURE_ONLY = regex.compile(rf"^(?=[A-Z\d]){SIGNATURE}(?:\s?\d{{1,2}})?\.?$")
#: A signature mark with its leaf number, standing just before a page break in a paragraph.
SIGNATURE_AT_FOOT = regex.compile(rf"^(?=[A-Z\d]){SIGNATURE}\s?\d{{1,2}}$")
#: Words that are a paragraph of their own in real text, never a signature.
NOT_SIGNATURE = frozenset({"A", "I", "O"})
ROMAN_NUMERAL = regex.compile(r"^(?=[IVXLC])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})"
                              r"(?:IX|IV|V?I{0,3})\.?$")
#: Lines at the top of a raw page where a running head stands, and how many pages one must
#: stand on to be the book's running head.
HEAD_LINES = 2
HEAD_MIN_PAGES = 3
#: Most words of a running head.
HEAD_WORDS = 8
#: A running head in capitals at least this long is found anywhere inside a paragraph
#: between lower-case words (a page break the scan lost), not only next to a page break.
CAPS_HEAD_CHARS = 8
PB = "\x0c"  # as in measure.tei: a form feed, which XML text cannot hold
#: A page break, or a run of other non-blank characters (a form feed is blank to `split`).
CHUNK = regex.compile(r"\x0c|\S+")


def running_heads(pages: Sequence[Sequence[str]]) -> dict[tuple[str, ...], bool]:
    """The raw scan's running heads: the first `HEAD_LINES` non-blank lines of each page,
    page numbers at either end taken off, of at most `HEAD_WORDS` words, found on
    `HEAD_MIN_PAGES` pages or more; as normalised word tuples, with whether printed in
    capitals."""
    seen: Counter[tuple[str, ...]] = Counter()
    caps: dict[tuple[str, ...], bool] = {}
    for lines in pages:
        for line in lines[:HEAD_LINES]:
            text = regex.sub(r"^\W*\d+\W*|\W*\d+\W*$", "", line.strip())
            key = tuple(norm(w) for w in text.split() if norm(w))
            if not key or len(key) > HEAD_WORDS or sum(len(w) for w in key) < 3:
                continue
            seen[key] += 1
            letters = [c for c in text if c.isalpha()]
            caps[key] = bool(letters) and all(c.isupper() for c in letters)
    return {k: caps[k] for k, n in seen.items() if n >= HEAD_MIN_PAGES}


@dataclass(slots=True)
class Tokens:
    """The words of body paragraphs as printed, normalised (`PB` for a page break), and the
    paragraph each stands in: three parallel lists."""

    text: list[str] = field(default_factory=list)
    key: list[str] = field(default_factory=list)
    block: list[int] = field(default_factory=list)

    def add(self, text: str, block: int) -> None:
        for chunk in CHUNK.findall(text):
            self.text.append(chunk)
            self.key.append(PB if chunk == PB else norm(chunk))
            self.block.append(block)


class Heads:
    """Running heads indexed by their first word, for matching at every word of a book."""

    def __init__(self, heads: dict[tuple[str, ...], bool]) -> None:
        self.all = heads
        self.widths = sorted({len(h) for h in heads})
        self.by_first: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
        for head, caps in heads.items():
            self.by_first.setdefault(head[0], []).append((head, caps))

    def starting(self, toks: Tokens, k: int) -> list[tuple[tuple[str, ...], bool]]:
        """The heads whose words are toks[k:], all in toks[k]'s paragraph."""
        out = []
        for head, caps in self.by_first.get(toks.key[k], ()):
            end = k + len(head)
            if end <= len(toks.key) and tuple(toks.key[k:end]) == head \
                    and toks.block[end - 1] == toks.block[k]:
                out.append((head, caps))
        return out


def furniture(blocks: Sequence[tuple[str, str, list[str | None]]],
              heads: dict[tuple[str, ...], bool]) -> dict[str, Any]:
    """Furniture left in the body's paragraphs (`blocks`: tag, text with `PB` where a page
    break stands, the printed numbers of those page breaks in order).

    - page numbers: a paragraph that is only a number; a number inside a paragraph equal to
      the printed number of its page or the next, or of the next two page breaks (a page
      break was missed: "119 examining the brain");
    - signature marks: a paragraph that is only a mark ("B 2", "D D 2", a lone capital other
      than A, I, O, a Roman numeral excepted); a mark with its number ending the words
      before a page break inside a paragraph;
    - catchwords: the word before a page break repeated as the first word after it, in one
      paragraph; or across a paragraph break made there when printed alike with no
      punctuation after the first ("make" / "make", not "he." / "He"); or a paragraph of one
      word repeated so;
    - running heads (`running_heads`): a paragraph that is one; one next to a page break;
      one in capitals (`CAPS_HEAD_CHARS` letters or more) between lower-case words.
    Only `<p>` blocks count; headings are not furniture.
    """
    found: dict[str, list[str]] = {"page_numbers": [], "signatures": [], "catchwords": [],
                                   "running_heads": []}
    index = Heads(heads)
    toks = Tokens()
    numbers: list[int | None] = []  # the printed number of each page break, in order
    single: set[int] = set()  # blocks of one word
    for b, (tag, text, ns) in enumerate(blocks):
        if tag != "p":
            continue
        plain = " ".join(text.replace(PB, " ").split())
        key = tuple(w for w in (norm(x) for x in plain.split()) if w)
        if NUMBER_ONLY.match(plain):
            found["page_numbers"].append(plain)
        elif SIGNATURE_ONLY.match(plain) and plain.rstrip(".!") not in NOT_SIGNATURE \
                and not ROMAN_NUMERAL.match(plain):
            found["signatures"].append(plain)
        elif key in heads:
            found["running_heads"].append(plain)
        if len(plain.split()) == 1:
            single.add(b)
        numbers += [int(n) if n and n.isdigit() else None for n in ns]
        toks.add(text, b)
    last: int | None = None
    seen = 0
    for k, key in enumerate(toks.key):
        if key == PB:
            last = numbers[seen] if seen < len(numbers) else None
            seen += 1
            _at_break(toks, k, index, single, found)
        elif key.isdigit():
            if toks.block[k] not in single and toks.text[k].strip(".,;:") == key:
                near = {last, last + 1 if last is not None else None, *numbers[seen : seen + 2]}
                if int(key) in near:
                    found["page_numbers"].append(toks.text[k])
        elif key in index.by_first and k and toks.text[k].isupper() \
                and toks.key[k - 1] != PB and toks.text[k - 1][:1].islower():
            _caps_head(toks, k, index, found)
    return {kind: {"count": len(v), "examples": v[:12]} for kind, v in found.items()}


def _at_break(toks: Tokens, k: int, heads: Heads, single: set[int],
              found: dict[str, list[str]]) -> None:
    """Signature marks, catchwords and running heads at the page break toks[k]."""
    block = toks.block[k]
    before = [i for i in range(max(0, k - 3), k) if toks.block[i] == block and toks.key[i] != PB]
    for width in (3, 2, 1):
        text = " ".join(toks.text[i] for i in before[-width:])
        if len(before) >= width and SIGNATURE_AT_FOOT.match(text):
            found["signatures"].append(text)
            break
    prev = next((i for i in range(k - 1, max(-1, k - 5), -1)
                 if toks.key[i] and toks.key[i] != PB), None)
    nxt = next((i for i in range(k + 1, min(len(toks.key), k + 5))
                if toks.key[i] and toks.key[i] != PB), None)
    if prev is not None and nxt is not None and len(toks.key[prev]) >= 2 \
            and toks.key[prev] == toks.key[nxt] and not toks.key[prev].isdigit() \
            and (toks.block[prev] == toks.block[nxt] or toks.block[prev] in single
                 or _same_print(toks.text[prev], toks.text[nxt])):
        found["catchwords"].append(toks.text[prev])
    if k + 1 < len(toks.key) and toks.block[k + 1] == block:
        found["running_heads"] += [" ".join(h) for h, _ in heads.starting(toks, k + 1)]
    for width in heads.widths:
        i = k - width
        if i >= 0 and toks.block[i] == block:
            found["running_heads"] += [" ".join(h) for h, _ in heads.starting(toks, i)
                                       if len(h) == width]


def _same_print(catch: str, first: str) -> bool:
    """A paragraph's last word printed as the next one's first ("make" / "make,"): a catchword
    the paragraph break was made at; not a sentence's end ("he." / "He")."""
    return catch.strip("\"'“”‘’([") == regex.sub(r"[^\p{L}]+$", "", first.strip("\"'“”‘’(["))


def _caps_head(toks: Tokens, k: int, heads: Heads, found: dict[str, list[str]]) -> None:
    """A running head in capitals at toks[k], after a lower-case word and before one."""
    for head, caps in heads.starting(toks, k):
        end = k + len(head)
        span = toks.text[k:end]
        if (caps and end < len(toks.key) and toks.key[end] != PB
                and toks.text[end][:1].islower() and toks.block[end] == toks.block[k]
                and sum(len(t) for t in span) >= CAPS_HEAD_CHARS
                and all(t.isupper() or not any(c.isalpha() for c in t) for t in span)):
            found["running_heads"].append(" ".join(span))


# --- folios ------------------------------------------------------------------------------

#: Lines at the top and at the foot of a raw page where a printed page number stands.
FOLIO_TOP, FOLIO_FOOT = 3, 2
#: A line that is only a page number, perhaps between dashes or brackets: "45", "— 12 —", "[iv]".
FOLIO_ALONE = regex.compile(r"^[\[(\-—–\s]*(?P<n>\d{1,4}|[ivxlc]{1,7})[\])\-—–.\s]*$")
#: A page number at either end of a running head: "30 Persuasion", "ON ULCERS. 79".
FOLIO_HEAD = regex.compile(r"^(?P<n>\d{1,4})\s+(?P<head>\p{Lu}.{0,60})$|"
                           r"^(?P<head>\p{Lu}.{0,60}?)[\s.,]+(?P<n>\d{1,4})\.?$")
#: A number read on a page is its folio when its offset (number − scan page) is within
#: FOLIO_SLACK of the median offset of the numbers read on the pages within FOLIO_NEIGHBOURS
#: scan pages (a skipped page or a plate between them moves it by one or two); a chapter
#: number, a date or a misread folio ("84" for 24 next to "88" for 28) falls out.
FOLIO_NEIGHBOURS = 5
FOLIO_SLACK = 2
ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _roman(token: str) -> int | None:
    """The value of a lower-case Roman numeral, None if it is not a well-formed one."""
    if not ROMAN_NUMERAL.match(token.upper()):
        return None
    values = [ROMAN_VALUES[c] for c in token]
    return sum(-v if k + 1 < len(values) and v < values[k + 1] else v
               for k, v in enumerate(values))


def folio_candidates(lines: Sequence[str]) -> list[tuple[int, bool, str]]:
    """Numbers printed where folios stand on a raw page (`FOLIO_TOP` first and `FOLIO_FOOT`
    last non-blank lines): a line that is only a number, or a number at either end of a
    short line opening with a capital (a running head); as (value, Roman, as printed).
    Only clean digits (and lower-case Roman numerals alone on their line) are read: a
    garbled number ("i6", "3©") is skipped."""
    out: list[tuple[int, bool, str]] = []
    idx = list(range(len(lines)))
    for k in sorted(set(idx[:FOLIO_TOP] + idx[-FOLIO_FOOT:])):
        line = lines[k].strip()
        if m := FOLIO_ALONE.match(line):
            token = m["n"]
            if token.isdigit():
                out.append((int(token), False, token))
            elif (value := _roman(token)) is not None:
                out.append((value, True, token))
        elif (m := FOLIO_HEAD.match(line)) and len(m["head"].split()) <= 6 \
                and not any(c.isdigit() for c in m["head"]):
            out.append((int(m["n"]), False, m["n"]))
    return out


def folio_agreement(pages: Sequence[Sequence[str]],
                    printed: Sequence[str | None]) -> dict[str, Any]:
    """Of the scan pages whose folio can be read on the raw page (`folio_candidates`, kept
    when it fits its neighbours: `FOLIO_NEIGHBOURS`, `FOLIO_SLACK`; a page with two different
    such numbers is skipped), how many carry it as their printed number (`printed`, one per
    scan page: the edition's pb/@n)."""
    cands = [(p, v, roman, tok) for p, lines in enumerate(pages)
             for v, roman, tok in folio_candidates(lines)]
    by_page: dict[int, list[tuple[int, bool]]] = {}
    for p, v, roman, _ in cands:
        by_page.setdefault(p, []).append((v, roman))
    read: dict[int, set[tuple[int, bool, str]]] = {}
    for p, v, roman, tok in cands:
        offsets = [v2 - p2 for p2 in range(p - FOLIO_NEIGHBOURS, p + FOLIO_NEIGHBOURS + 1)
                   if p2 != p for v2, r2 in by_page.get(p2, []) if r2 == roman]
        if offsets and abs((v - p) - statistics.median(offsets)) <= FOLIO_SLACK:
            read.setdefault(p, set()).add((v, roman, tok))
    checked = agree = 0
    disagree: list[str] = []
    for p, found in sorted(read.items()):
        if len({v for v, _, _ in found}) != 1 or p >= len(printed):
            continue
        v, roman, tok = next(iter(found))
        checked += 1
        n = printed[p]
        if n is not None and (n.lower() == tok.lower() if roman else n == str(v)):
            agree += 1
        else:
            disagree.append(f"scan {p + 1}: printed {tok}, pb/@n {n}")
    return {"checked": checked, "agree": agree,
            "share": round(agree / checked, 4) if checked else None,
            "disagreements": disagree[:30]}


def median(values: Iterable[float]) -> float | None:
    """The median, None for no values."""
    v = list(values)
    return statistics.median(v) if v else None
