"""Page numbers printed on the page (folios): read them, fit the sequence, remove them.

Candidates are the numbers a page shows where folios stand: a line of only a
number among the first `TOP_LINES` or last `BOTTOM_LINES` lines, a number at
either end of a running-header line ("ON ULCERS. 79", "30 Persuasion"), or a
number fused to the start of the first line. OCR misreads digits as letters
("i6", "3©", "Persuasion s"), so letters that look like digits are read as
digits. The candidates are fitted to the page sequence: each one's offset
(printed number − scan index) is compared with the running median of its
neighbours' offsets (`FIT_WINDOW`), which follows missing pages and plates but
not misreadings. A candidate on the fitted sequence is an anchor for the
page-number rule; one that is off by a misread digit is still the folio, read
as the number the sequence expects. A lone number that fits nothing stays text.
"""

from __future__ import annotations

import statistics
from bisect import bisect_left
from dataclasses import dataclass

import regex

from edition.model import Edit, Furniture, Line, Scan
from edition.numbering import roman_to_int
from edition.rules.geometry import Frame

RULE = "page-number"
#: The rule named for a running head that shares its line with a Roman folio ("iv Preface").
HEAD_RULE = "running-header"

#: Non-blank lines at the top of a page where a folio may stand.
TOP_LINES = 3
#: Non-blank lines at the foot of a page where a folio may stand.
BOTTOM_LINES = 2
#: Candidates on each side whose offsets the running median takes.
FIT_WINDOW = 4
#: Most printed pages a folio may run ahead of the page count since the anchor before it.
MAX_JUMP = 4
#: Letters OCR makes of digits, read back as digits.
DIGITS = str.maketrans({"i": "1", "l": "1", "I": "1", "|": "1", "!": "1", "J": "1", "t": "1",
                        "o": "0", "O": "0", "©": "0", "s": "5", "S": "5", "§": "5", "B": "8",
                        "T": "7",
                        "Z": "2", "z": "2", "g": "9", "q": "9"})
#: The word some books and digitisers print before a folio ("Page 9", "p. 9", "Seite 9").
PAGE_WORD = r"(?:(?i:page|pag\.|p\.|seite|s\.|página|pagina)\s*(?=\d))?"
#: A line that is only a folio, perhaps between dashes or brackets or after the word for
#: page, or with a speck the OCR read as a stop or a quotation mark after it: "12", "— i-",
#: "[iv]", "Page 9", "407 '" (before it, "'33", the mark is a misread figure: 133; a stop
#: before figures, ".9 1", is a slip's debris as often as a folio).
FOLIO = regex.compile(
    r"^[\[(—–\-\s]*" + PAGE_WORD + r"(?P<n>[\dilIoOsSBZzgq|!©§JtT](?:[\dilIoOsSBZzgq|!©§JtT ]{0,3}"
    r"[\dilIoOsSBZzgq|!©§JtT])?)[\s\])—–\-.,'‘’]*$"
)
#: A folio at the start or the end of a header line; the OCR may space its digits apart
#: ("1 1 4 The Vee-Boers.", "Crossing a Drift 1 1 7").
LEADING = regex.compile(r"^(?P<n>[\d](?: ?[\dilIoOsS©]){0,3}|[ilI](?: ?[\d]){1,3})\s+(?=\S)")
TRAILING = regex.compile(r"(?<=\S)\s+(?P<n>[\dilIoOsS©#](?: ?[\dilIoOsS©#]){0,3})\s*$")
#: A folio the OCR garbled past reading ("7-1" for 74, "[6" for 16): figures and the marks OCR
#: makes of them, no letter. Taken only in a page's head beside its running head, where the sequence expects
#: a number.
GARBLED = regex.compile(r"^(?=.*\d)[\d\-.,:;'’|/]{2,6}$")
#: A folio fused to the first text line: digits, a space, then a capital letter.
FUSED = regex.compile(r"^(?P<n>\d{1,4})\s+(?=[\p{Lu}\"“‘'])")
#: A Roman folio of the preliminary pages ("iv", "xii"), alone or before a header word.
ROMAN = regex.compile(r"^(?P<n>[ivxlc]{1,6})\.?(?:\s+\p{Lu}\p{L}+\.?)?$")
#: A Roman folio after a running head in capitals ("PREFACE vii", "INTRODUCTION. xi").
ROMAN_AFTER = regex.compile(r"^\p{Lu}[\p{Lu} .,'’-]{2,60}?\s+(?P<n>[ivxlc]{1,6})\.?$")


#: A leaf number (foliation) in a page's head line, as early printers set it on each recto: the
#: word ("Fueillet", "Feuillet", "Folio", "Fol.", "Blatt", "Bl.") and a number, Roman in their
#: lower case with u for v and j for a final i ("fueillet .ii.", "Fueillet.u", "xxxuii").
LEAF = regex.compile(r"^(?P<word>(?i:f[eu]{1,2}ill?et|folio|fol|blatt|bl)\.?\s*\.?\s*)?"
                     r"(?P<n>[ivxlcuj]{1,8}|\d{1,4})\.?$")
#: Pages apart within which two leaf numbers without the word must agree (one leaf per two
#: pages) for either to be taken.
LEAF_WINDOW = 4


def leaf_value(token: str) -> int | None:
    """The value of a leaf number's figure: Arabic, or Roman with u read as v, j as i, and
    the printers' four units ("iiii", "xxxx") as 4 and 40."""
    if token.isdigit():
        return int(token)
    roman = token.upper().replace("U", "V").replace("J", "I")
    return roman_to_int(roman.replace("XXXX", "XL").replace("IIII", "IV"))


def leaf_numbers(scan: Scan, frames: dict[int, Frame], skip: set[int]
                 ) -> dict[int, tuple[int, int, int]]:
    """The leaf numbers of a foliated book: page -> (start, end, value) of a line of
    the page's head line that is one (see LEAF). With its word ("Fueillet.ix") a line is taken
    as it stands; a Roman figure alone ("xxxuii") only where another leaf number within
    LEAF_WINDOW pages agrees with it (one more for each two pages)."""
    found: dict[int, tuple[int, int, int, bool]] = {}
    for index, frame in frames.items():
        for line in frame.head:
            text = line.text.strip()
            m = LEAF.match(text)
            if line.start in skip or m is None or (m["n"].isdigit() and not m["word"]):
                continue
            value = leaf_value(m["n"])
            if value:
                lead = len(line.text) - len(line.text.lstrip())
                found[index] = (line.start + lead, line.start + lead + len(text), value,
                                bool(m["word"]))
                break

    def agrees(page: int, value: int) -> bool:
        return any(0 < abs(p - page) <= LEAF_WINDOW and abs((v - value) - (p - page) / 2) <= 1
                   for p, (_, _, v, _) in found.items())

    return {page: (a, b, value) for page, (a, b, value, worded) in found.items()
            if worded or agrees(page, value)}


def read_number(token: str) -> int | None:
    """The value of a folio token, digits misread as letters read back, or None."""
    token = token.replace(" ", "")
    digits = token.translate(DIGITS)
    if not digits.isdigit() or not any(c.isdigit() for c in token):
        if not (digits.isdigit() and len(token) <= 2):
            return None
    value = int(digits)
    return value if 0 < value < 5000 else None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible folio: its page, line, raw span, token, value (None if unreadable), place."""

    page: int
    line: Line
    start: int
    end: int
    token: str
    value: int | None
    place: str
    roman: bool = False
    #: A garbled folio (GARBLED) at the head of a page whose running head stands beside it.
    garbled: bool = False
    #: The raw span of a running head beside a Roman folio on its line ("iv Preface"), if any.
    head: tuple[int, int] | None = None


def _span(line: Line, m: regex.Match[str]) -> tuple[int, int]:
    """Raw span of a match's number group, with the whitespace that joins it to its line."""
    return line.start + m.start("n"), line.start + m.end("n")


def candidates(scan: Scan, header_lines: dict[int, Line], skip: set[int],
               frames: dict[int, Frame] | None = None) -> list[Candidate]:
    """Every place on every page where a folio may stand: the first TOP_LINES and last
    BOTTOM_LINES lines, or, on a page with line boxes (`frames`, see
    `edition.rules.geometry.page_frames`), the lines of its head line and direction line, in
    whatever order the source lists them (a page number is never among the text)."""
    out: list[Candidate] = []
    by_page: dict[int, list[Line]] = {}
    for start, line in header_lines.items():
        by_page.setdefault(scan.page_of(start), []).append(line)
    for page in scan.pages:
        lines = [ln for ln in page.content_lines() if ln.start not in skip]
        frame = frames.get(page.index) if frames else None
        if frame is not None:
            zone = [(ln, "top") for ln in frame.head if ln.start not in skip]
            zone += [(ln, "bottom") for ln in frame.foot if ln.start not in skip]
            lines = [ln for ln, place in zone if place == "top"]  # a folio fused to the head
        else:
            zone = [(ln, "top") for ln in lines[:TOP_LINES]]
            zone += [(ln, "bottom") for ln in lines[-BOTTOM_LINES:]
                     if ln not in lines[:TOP_LINES]]
        for line, place in zone:
            text = line.text
            beside_head = place == "top" and any(ln.start in header_lines
                                                 for ln in lines[:TOP_LINES])
            if (m := FOLIO.match(text)) and len(text.strip()) <= 12:
                value = read_number(m["n"])
                if value is not None or any(c.isdigit() for c in m["n"]):
                    lead = len(text) - len(text.lstrip())
                    a, b = line.start + lead, line.start + len(text.rstrip())
                    # "[6" for 16: a bracket the folio does not close is a misread figure
                    garbled = beside_head and any(text.count(o) != text.count(c)
                                                  for o, c in ("[]", "()"))
                    out.append(Candidate(page.index, line, a, b, text.strip() if garbled
                                         else m["n"], None if garbled else value, place,
                                         garbled=garbled))
                continue
            if beside_head and GARBLED.match(text.strip()):
                lead = len(text) - len(text.lstrip())
                a, b = line.start + lead, line.start + len(text.rstrip())
                out.append(Candidate(page.index, line, a, b, text.strip(), None, place,
                                     garbled=True))
                continue
            m = ROMAN.match(text.strip())
            # a Roman folio with a head stands at the top; alone, at the top or the foot
            alone = m is not None and m.group(0).strip(". ") == m["n"]
            if m and (place == "top" or alone) and roman_to_int(m["n"].upper()):
                lead = len(text) - len(text.lstrip())
                a, b = line.start + lead + m.start("n"), line.start + lead + m.end("n")
                rest = text.strip()[m.end("n"):]
                head = None if alone else (b + len(rest) - len(rest.lstrip()),
                                           line.start + len(text.rstrip()))
                out.append(Candidate(page.index, line, a, b, m["n"],
                                     roman_to_int(m["n"].upper()), place, roman=True,
                                     head=head))
                continue
        for line in by_page.get(page.index, []):
            for pattern in (LEADING, TRAILING):
                if m := pattern.search(line.text):
                    a, b = _span(line, m)
                    out.append(Candidate(page.index, line, a, b, m["n"], read_number(m["n"]),
                                         "top"))
            if (m := ROMAN_AFTER.match(line.text.strip())) and roman_to_int(m["n"].upper()):
                lead = len(line.text) - len(line.text.lstrip())
                a, b = line.start + lead + m.start("n"), line.start + lead + m.end("n")
                out.append(Candidate(page.index, line, a, b, m["n"],
                                     roman_to_int(m["n"].upper()), "top", roman=True))
        first = lines[0] if lines else None
        if first is not None and first.start not in header_lines and (m := FUSED.match(first.text)):
            a, b = _span(first, m)
            out.append(Candidate(page.index, first, a, b, m["n"], read_number(m["n"]), "fused"))
    return out


@dataclass(slots=True)
class Folios:
    """The folios found: anchors (page -> number), the edits, and furniture for the TEI."""

    anchors: dict[int, int]
    roman: dict[int, int]
    edits: list[Edit]
    furniture: dict[int, list[Furniture]]


def fit(cands: list[Candidate]) -> dict[int, int]:
    """The offset (printed − scan) the sequence expects at each candidate's page."""
    arabic = sorted((c for c in cands if c.value is not None and not c.roman),
                    key=lambda c: c.page)
    offsets = [(c.page, c.value - c.page) for c in arabic]  # type: ignore[operator]
    expected: dict[int, int] = {}
    for k, (page, _) in enumerate(offsets):
        window = [d for _, d in offsets[max(0, k - FIT_WINDOW) : k + FIT_WINDOW + 1]]
        expected[page] = int(statistics.median_low(window))
    return expected


def _near(token: str, want: int) -> bool:
    """True when a token could be `want` with one digit misread (or is a garbled folio)."""
    digits = token.replace(" ", "").translate(DIGITS)
    target = str(want)
    if len(digits) != len(target):
        return False
    return sum(1 for a, b in zip(digits, target, strict=True) if a != b) <= 1


def find_folios(scan: Scan, header_lines: dict[int, Line], skip: set[int],
                first_body: int = 0, frames: dict[int, Frame] | None = None) -> Folios:
    """Read, fit and remove the folios of a scan.

    Arabic folios are read from the first page of the body (`first_body`) on:
    the numbers on a contents page before it are entries, not folios; the
    preliminary pages before it are numbered in Roman figures if at all.
    `frames` are the pages' head and direction lines where the source has line boxes; a
    number in a head line is read wherever the body begins, and a leaf number there
    (`leaf_numbers`) is removed as a page number without anchoring the pages' numbers.
    """
    def alone(page: int) -> bool:
        return len([ln for ln in scan.pages[page].content_lines() if ln.start not in skip]) == 1

    # a number in the head line of a page with line boxes is read before the body too: it
    # stands where page numbers stand, not among a contents page's entries
    cands = [c for c in candidates(scan, header_lines, skip, frames)
             if c.roman or c.page >= first_body or alone(c.page)
             or (frames is not None and c.page in frames and c.place == "top")]
    expected = fit(cands)
    pages_with = sorted(expected)
    arabic_start = next((p for p in pages_with if p >= first_body), len(scan.pages))
    anchors: dict[int, int] = {}
    roman: dict[int, int] = {}
    edits: list[Edit] = []
    furniture: dict[int, list[Furniture]] = {}
    taken: set[int] = set()

    def expects(c: Candidate) -> bool:
        """True for an Arabic candidate whose number is the one the sequence expects there."""
        at = bisect_left(pages_with, c.page)
        near = [p for p in pages_with[max(0, at - 1) : at + 1] if abs(p - c.page) <= 2 * FIT_WINDOW]
        return bool(near) and not c.roman and c.value == c.page + expected[
            min(near, key=lambda p: abs(p - c.page))]

    # on a page with two candidates, the one on the sequence is the folio ("9" at the end of
    # the running head, not a speck "I" at the foot that one misread digit makes a 9)
    for c in sorted(cands, key=lambda c: (c.page, not expects(c), c.start)):
        if c.page in taken:
            continue
        if alone(c.page) and c.value is not None and c.place != "fused":
            note = f"number {c.token} alone on a page"
        elif c.roman:
            # Roman figures number the preliminary pages: before the first page of the body
            # the Arabic sequence reaches (a stray "1" alone on a leaf before it is no start)
            if c.page < arabic_start:
                roman[c.page] = c.value or 0
                note = f"Roman folio {c.token}"
            else:
                continue
        else:
            at = bisect_left(pages_with, c.page)
            near = [p for p in pages_with[max(0, at - 1) : at + 1]
                    if abs(p - c.page) <= 2 * FIT_WINDOW]
            if not near:
                continue
            offset = expected[min(near, key=lambda p: abs(p - c.page))]
            want = c.page + offset
            if c.value == want:
                anchors[c.page] = want
                note = f"folio {c.token} on the page sequence"
            elif _near(c.token, want) or (c.value is None and c.place == "top"
                                          and (c.line.start in header_lines or c.garbled)):
                note = f"folio {c.token!r} read as {want}, the number the sequence expects"
            else:
                continue
        taken.add(c.page)
        edits.append(Edit(RULE, c.start, c.end, "", c.page, note))
        furniture.setdefault(c.page, []).append(
            Furniture("pageNum", c.token, "bottom" if c.place == "bottom" else "top",
                      c.start, c.end))
        if c.head is not None:  # "iv Preface": the word beside the folio is the running head
            a, b = c.head
            edits.append(Edit(HEAD_RULE, a, b, "", c.page,
                              f"running head beside Roman folio {c.token}"))
            furniture[c.page].append(Furniture("header", scan.raw[a:b], "top", a, b))
    # a foliated book's leaf numbers: furniture, but no page's number (no anchor)
    for page, (a, b, value) in sorted(leaf_numbers(scan, frames or {}, skip).items()):
        if page in taken:
            continue
        taken.add(page)
        edits.append(Edit(RULE, a, b, "", page, f"leaf number {value} in the head line"))
        furniture.setdefault(page, []).append(Furniture("pageNum", scan.raw[a:b], "top", a, b))
    # second pass: a number the median rejected still stands if it lies between the anchors
    # around it, as a page number after a missing page does
    for c in sorted(cands, key=lambda c: c.page):
        if c.page in taken or c.value is None or c.roman:
            continue
        ordered = sorted(anchors)
        at = bisect_left(ordered, c.page)
        if at == 0 or at >= len(ordered):
            continue
        lo, hi = ordered[at - 1], ordered[at]
        if (anchors[lo] + (c.page - lo) <= c.value <= anchors[hi] - (hi - c.page)
                and c.value - anchors[lo] <= (c.page - lo) + MAX_JUMP):
            anchors[c.page] = c.value
            taken.add(c.page)
            edits.append(Edit(RULE, c.start, c.end, "", c.page,
                              f"folio {c.token} between the page numbers around it"))
            furniture.setdefault(c.page, []).append(
                Furniture("pageNum", c.token, "bottom" if c.place == "bottom" else "top",
                          c.start, c.end))
    return Folios(anchors, roman, edits, furniture)
