"""Signature marks and catchwords: the printer's marks at the foot of a page.

A signature mark tells the binder how to gather the sheets: a letter or two with the leaf's
number ("B", "B 2", "D D 2", "A a 2", "Aa 2", "C3", "3 b 2", "3 E 2"), often after the volume
("Vol. II. B"), or a number with an asterisk ("11*"). A catchword repeats the first word of
the next page (in a hand-press book, on every page; before a division it may be the start of
its heading: "LET-" for "LETTER IV."). Both stand on the last line of a page, alone or
together ("C            bitants", "B 2 Dairo"), and are furniture, not text: removing them
lets the paragraph and the word broken across the page run on.

A catchword is verified against the next page's first word (the same letters, allowing an
OCR slip, or its start when the catchword breaks off with a hyphen). In a book that sets
catchwords (at least CATCHWORD_HABIT of its pages carry a verified one), a lone short word
on the last line that cannot be verified (the OCR garbled it) is taken for one too, and
flagged uncertain.
"""

from __future__ import annotations

import regex
from rapidfuzz.distance import Levenshtein

from edition.model import Edit, Furniture, Scan
from edition.rules.geometry import Frame, declared_role

RULE = "signature-mark"
CATCHWORD = "catchword"

#: A signature mark: the volume perhaps, then a letter (or two) with the leaf's number, or a
#: number with an asterisk; the forms printers used from the hand-press period on.
SIG = (r"(?:(?i:vol)\.?\s*[IVXLivxl1]{1,4}\.?\s*)?"
       r"(?:\p{Lu}(?:\s?\p{L}{1,2})?(?:\s?\d{1,2})?|\d{1,2}\s?\p{L}(?:\s?\d)?|\d{1,2}\s?\*)\*?")
#: A line that is only a signature mark.
SIGNATURE = regex.compile(rf"^{SIG}$", regex.V1)
#: A line holding a signature mark and a catchword (either may come first).
SIG_AND_CATCH = regex.compile(
    rf"^(?:(?P<sig>{SIG})\s+(?P<catch>\S+(?:\s\S+)?)|(?P<catch2>\S+)\s{{3,}}(?P<sig2>{SIG}))$",
    regex.V1)
#: The longest signature mark.
MAX_CHARS = 12
#: The longest line a source may declare a signature mark: the mark with the norm before it, the
#: book's or journal's short title ("B. Monatsſchr. IV. B. 6. St. H h", Berlinische Monatsschrift
#: 1784, in OCR-D's ground truth).
MAX_DECLARED_SIG_CHARS = 40
#: Words that are text even alone on a line (a signature is never a word).
WORDS = frozenset({"I", "A", "O", "a", "I.", "A.", "O."})
#: A number mark at the foot of a page whose folio is at its head ("1 1", "2"): the sheet's
#: signature in figures.
NUMBER_SIGNATURE = regex.compile(r"^\d{1,2}(?:\s\d{1,2})?\s*\*?$")
#: Similarity (1 - Levenshtein / longer length) at which a catchword is the next page's
#: first word read with an OCR slip.
CATCH_MATCH = 0.75
#: Share of the pages with text that carry a verified catchword for a book to set them.
CATCHWORD_HABIT = 0.3
#: The longest unverified catchword taken in such a book.
MAX_CATCH_CHARS = 15
#: A line ending a sentence: text, not a catchword (which repeats a word, without its stop).
SENTENCE_END = regex.compile(r"[.!?;:,]['\"”’)]*$")
#: Tokens without a letter at the start of a line: specks the OCR read, not words.
SPECKS = regex.compile(r"^(?:[^\p{L}\p{Co}\s]+\s+)+")
#: A word as a catchword gives it: letters only, lower case. Private-use characters are letters
#: too: transcriptions of early prints write ligatures and abbreviations with MUFI's private-use
#: code points ("\ueba2\uf502" for "ſich" in the VD-SBB ground truth).
LETTERS = regex.compile(r"[^\p{L}\p{Co}]+")


def _repeats_with_stop(text: str, following: str) -> bool:
    """True when a line ending in a stop is the next page's first word with a stop too, letter
    for letter ("make ?" over "make? Ovid"; "fummer." over "fummer, at", the OCR misreading
    one stop): a catchword copies the word as printed, mark and all."""
    words = following.split()
    if not words or not SENTENCE_END.search(words[0]):
        return False
    mine = text.replace(" ", "")
    return mine == words[0] or (_letters(mine) == _letters(words[0]) and bool(_letters(mine)))


def _letters(text: str) -> str:
    return LETTERS.sub("", text).lower()


def catchword_matches(catch: str, following: str) -> bool:
    """True when `catch` repeats the start of `following` (the next page's first words):
    the same word, with an OCR slip at most, or its beginning where the catchword breaks off
    with a hyphen ("LET-" for "LETTER")."""
    word = _letters(catch)
    if not word:
        return False
    words = following.split()
    nxt = _letters(" ".join(words[: len(catch.split())]))
    if not nxt:
        return False
    if word == nxt:
        return True
    # a catchword broken off with a hyphen (which the OCR may misread as a mark: "admi*")
    if not catch.rstrip()[-1:].isalpha() and len(word) >= 2 and (nxt.startswith(word) or (
            len(word) >= 4 and Levenshtein.normalized_similarity(word, nxt[: len(word)])
            >= CATCH_MATCH)):  # with an OCR slip too ("admi*" over "admlniftration")
        return True
    return len(word) >= 3 and Levenshtein.normalized_similarity(word, nxt) >= CATCH_MATCH


def _is_signature(text: str) -> bool:
    """True for a signature mark alone: short, of a signature's shape, never a word."""
    return (len(text) <= MAX_CHARS and text not in WORDS and bool(SIGNATURE.match(text))
            and not regex.fullmatch(r"\p{Lu}\p{Ll}{2,}", text))


#: The leaf's number in a signature mark, in Roman figures as the hand-press printers set it
#: ("ij", "iij", "iiij", "v", "B i j" with the OCR's space) or in Arabic figures.
LEAF_FIGURE = r"(?:[ivxj](?: ?[ivxj]){0,5}|\d{1,2})"
#: A signature mark of the forms `SIGNATURE` leaves to the line's place: a capital (or a doubled
#: letter, "Aa") with a Roman leaf number ("A iij", "Aa ij"), or a gathering in lower case with its
#: leaf number after a space or a stop, as incunables have them ("a ii", "b.iiii", "f.i.").
#: Taken only in a page's direction line, not left of the text's centre third: elsewhere
#: "V." is a section's number.
PLACED_SIGNATURE = regex.compile(
    rf"^(?:(?P<g>\p{{Lu}})(?i:(?P=g))?(?:[ .]*{LEAF_FIGURE})?|\p{{Ll}}{{1,2}}[ .]+{LEAF_FIGURE})\.?$",
    regex.V1)


def signature_shape(text: str, placed: bool = False) -> bool:
    """True for a signature mark's shape: always for `SIGNATURE`'s forms, and for
    `PLACED_SIGNATURE`'s too when `placed` (the line stands in a page's direction line)."""
    if _is_signature(text):
        return True
    return (placed and len(text) <= MAX_CHARS and text not in WORDS
            and bool(PLACED_SIGNATURE.match(text)))


def find_marks(scan: Scan, skip: set[int], first_words: dict[int, list[str]],
               folio_pages: set[int] | None = None, frames: dict[int, Frame] | None = None,
               ) -> tuple[list[Edit], dict[int, list[Furniture]]]:
    """Signature marks and catchwords on the last line of each page with text.

    `first_words` gives the first words of each page's text (read in one or more ways), for
    catchwords;
    `folio_pages` the pages whose folio was already read elsewhere on the page;
    `frames` the pages' head and direction lines where the source has line boxes (see
    `edition.rules.geometry.page_frames`). On such a page each line of the direction line is
    read on its own, in whatever order the source lists them (a catchword and a signature mark
    are often two lines of one row): a catchword must stand at the right of the text, a
    signature mark at its centre or right, and there the signature mark may have the forms
    `PLACED_SIGNATURE` adds; a line the source declares a catchword or a signature mark is
    taken as one where it stands so, even unverified.
    """
    frames = frames or {}
    # page -> the lines where marks may stand: (start, end, text, alignment across the column
    # or None for plain text, declared role)
    foot: dict[int, list[tuple[int, int, str, str | None, str]]] = {}
    for page in scan.pages:
        lines = [ln for ln in page.content_lines() if ln.start not in skip]
        if len(lines) < 3:
            continue
        frame = frames.get(page.index)
        if frame is not None:
            placed = [(ln, frame.align(ln), declared_role(ln)) for ln in frame.foot
                      if ln.start not in skip]
        else:
            placed = [(lines[-1], None, "")]
        for last, align, role in placed:
            text = last.text.strip()
            lead = len(last.text) - len(last.text.lstrip())
            foot.setdefault(page.index, []).append(
                (last.start + lead, last.start + lead + len(text), text, align, role))

    found: dict[int, list[tuple[str, str, int, int, str, bool]]] = {}
    verified = 0
    for index, items in foot.items():
        for start, _end, text, align, role in items:
            marks: list[tuple[str, str, int, int, str, bool]] = []
            for following in first_words.get(index + 1, [""]):
                marks = marks or _read_foot(text, following, index in (folio_pages or set()),
                                            align)
            if not marks and align is not None:
                marks = _declared_mark(text, align, role)
            if marks:
                found.setdefault(index, []).extend(
                    (kind, part, start + a, start + b, note, uncertain)
                    for kind, part, a, b, note, uncertain in marks)
                verified += any(kind == "catch" and not unc for kind, _, _, _, _, unc in marks)
    if foot and verified >= CATCHWORD_HABIT * len(foot):
        for index, items in foot.items():
            if index + 1 not in first_words or any(kind == "catch" for kind, *_ in
                                                   found.get(index, [])):
                continue
            if items[0][3] is None:  # plain text: the last line, when nothing was found on it
                if index in found:
                    continue
                start, end, text = items[0][:3]
            else:  # the rightmost line of the direction line, when it stands at the right
                taken = {a for _, _, a, _, _, _ in found.get(index, [])}
                start, end, text, align, _ = items[-1]
                if align != "right" or start in taken:
                    continue
            if (len(text) <= MAX_CATCH_CHARS and len(text.split()) <= 2
                    and not SENTENCE_END.search(text) and regex.search(r"\p{L}", text)):
                found.setdefault(index, []).append(
                    ("catch", text, start, end, "the book sets catchwords; this one does not "
                     "match the next page's first word (an OCR slip?)", True))
    edits: list[Edit] = []
    furniture: dict[int, list[Furniture]] = {}
    for index in sorted(found):
        for kind, part, a, b, note, uncertain in sorted(found[index], key=lambda m: m[2]):
            rule = RULE if kind == "sig" else CATCHWORD
            edits.append(Edit(rule, a, b, "", index, note, uncertain))
            furniture.setdefault(index, []).append(Furniture(kind, part, "bottom", a, b))
    return edits, furniture


def _declared_mark(text: str, align: str, role: str
                   ) -> list[tuple[str, str, int, int, str, bool]]:
    """A line of the direction line that its source declares a catchword or a signature mark
    (see `edition.rules.geometry.declared_role`), taken as one where its place and length agree:
    a catchword short and at the right, a signature mark short and not at the left."""
    if role in ("catch", "mark") and align == "right" and len(text) <= MAX_CATCH_CHARS \
            and len(text.split()) <= 2 and not signature_shape(text, placed=True):
        return [("catch", text, 0, len(text), "declared a catchword by the source, at the "
                 "right of the direction line", False)]
    if role in ("sig", "mark") and align != "left" and len(text) <= MAX_DECLARED_SIG_CHARS:
        return [("sig", text, 0, len(text), "declared a signature mark by the source, in the "
                 "direction line", False)]
    return []


def _read_foot(text: str, following: str, has_folio: bool, align: str | None = None
               ) -> list[tuple[str, str, int, int, str, bool]]:
    """What a page's last line (or a line of its direction line, standing at `align`)
    holds: (kind "sig" or "catch", text, start, end in the line, note, uncertain) for each
    mark, or [] when it is text."""
    placed = align is not None
    if align != "left" and signature_shape(text, placed):
        return [("sig", text, 0, len(text), "signature mark at the foot", False)]
    if NUMBER_SIGNATURE.match(text) and has_folio and align != "left":
        return [("sig", text, 0, len(text),
                 "number at the foot of a page whose folio is at its head", False)]
    if placed and align != "right":
        return []
    # a stop ends a sentence, not a catchword, unless the catchword stands alone at the right
    # of the direction line (it repeats a heading with its stop: "Textus." for "TEXTVS.")
    if (len(text.split()) <= 2 and (placed or not SENTENCE_END.search(text)
                                    or _repeats_with_stop(text, following))
            and catchword_matches(text, following)):
        return [("catch", text, 0, len(text), "repeats the first word of the next page", False)]
    # there, specks the OCR read before the catchword or the next page's first word are no
    # words (": rum" for "rum", "' - nandas" for "mandas")
    if placed and len(SPECKS.sub("", text).split()) <= 2 \
            and catchword_matches(SPECKS.sub("", text), SPECKS.sub("", following)):
        return [("catch", text, 0, len(text), "repeats the first word of the next page (after "
                 "specks)", False)]
    m = SIG_AND_CATCH.match(text)
    if m:
        sig_group = "sig" if m["sig"] else "sig2"
        catch_group = "catch" if m["catch"] else "catch2"
        sig, catch = m[sig_group], m[catch_group]
        if _is_signature(sig) and catchword_matches(catch, following):
            return [("sig", sig, m.start(sig_group), m.end(sig_group),
                     "signature mark at the foot", False),
                    ("catch", catch, m.start(catch_group), m.end(catch_group),
                     "repeats the first word of the next page", False)]
    fused = FUSED_SIGNATURE.search(text)
    if fused and has_folio and not placed:
        return [("sig", fused["sig"], fused.start("sig"), fused.end("sig"),
                 "signature mark in figures the OCR ran into the page's last line", False)]
    return []


#: A signature mark in figures with its asterisk (the second half of a sheet: "2*", "24*") that
#: the OCR ran into the page's last line of text ("...and Davys? 2*", Emerson 1850), on a page
#: whose folio stands at its head.
FUSED_SIGNATURE = regex.compile(r"(?<=\S)\s+(?P<sig>\d{1,2}\*)$")
