"""Running headers: lines at the top or foot of a page that recur on nearby pages.

The algorithm follows the HTRC running-header remover and mends its known
weaknesses:

- candidates are the first and last few non-blank lines of each body page;
- two candidates on pages at most `WINDOW` apart are linked when their
  normalised similarity (1 − Levenshtein / longer length, letters only, so a
  page number fused to the header does not matter) reaches `LINK`;
- the same normalised line in the same place on `RECUR_MIN` or more pages
  anywhere in the book is linked too, however far apart: OCR often drops
  most occurrences of a header, leaving it too sparse for any window;
- a linked cluster of `MIN_CLUSTER` or more lines is running headers;
- a smaller cluster, or a lone line, is still a header when it matches the
  title of the division it stands in (a short chapter's recto header, or a
  shortened chapter title such as "END OF THE COMMUNIST INTERNATIONAL");
- a division's own heading lines are never candidates, nor are lines on the
  preliminary pages before the first page of prose, so a chapter title that
  matches the header after it stays, and so does the title page;
- anywhere on a page, a line in capitals that is a confirmed header with a page
  number at one end ("20 ON INFLAMMATION.") is one too: the scan lost the page
  break before it.

Pure: returns the edits, and for each page the furniture it removed.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass

import regex
from rapidfuzz.distance import Levenshtein

from edition.model import Edit, Furniture, Line, Scan, line_edit
from edition.rules.divisions import Opening, normalise
from edition.rules.folios import LEAF
from edition.rules.geometry import Frame, declared_role
from edition.rules.labels import read_label
from edition.rules.markup import strip_markup
from edition.rules.signatures import signature_shape

RULE = "running-header"

#: Non-blank lines at the top of a page that may be furniture.
TOP_LINES = 3
#: Non-blank lines at the foot of a page that may be furniture.
BOTTOM_LINES = 2
#: Pages apart within which two candidates are compared.
WINDOW = 6
#: Normalised similarity at or above which two candidates are the same header.
LINK = 0.7
#: Pages, anywhere in the book, on which an identical line in the same place is one header.
RECUR_MIN = 5
#: Members a cluster needs to be running headers by recurrence alone.
MIN_CLUSTER = 3
#: A header has at most this many words.
MAX_WORDS = 12
#: Similarity to the division title at or above which a line is a header on its own.
TITLE_LINK = 0.7
#: A header line is at most this long (longer lines are text; checked before any parsing).
MAX_CHARS = 120
#: A page number at either end of a line ("20 ON INFLAMMATION.", "ON ULCERS. 79").
FOLIO_AT_END = regex.compile(r"^\d{1,4}\s+\S|\S\s+\d{1,4}$")
#: Its two halves, the second searched from the end of the line: one search of FOLIO_AT_END
#: tries its second half at every character of the line, six times slower on lines of prose.
FOLIO_FIRST = regex.compile(r"\d{1,4}\s+\S")
FOLIO_LAST = regex.compile(r"(?r)\S\s+\d{1,4}$")


def _folio_at_end(text: str) -> bool:
    """True when `FOLIO_AT_END` is found in `text`."""
    return FOLIO_FIRST.match(text) is not None or FOLIO_LAST.search(text) is not None
#: A header needs at least this many letters (shorter lines are page numbers or marks).
MIN_LETTERS = 3


@dataclass(frozen=True, slots=True)
class Candidate:
    """A line that may be a running header: its page, line, place and normalised text."""

    page: int
    line: Line
    place: str
    key: str


@dataclass(frozen=True, slots=True)
class Header:
    """A running header found: its page, line, place, text and cluster."""

    page: int
    line: Line
    place: str
    text: str
    cluster: int


#: A page number at either end of a running head, Arabic or Roman ("vi PREFACE", "PREFACE vii",
#: "24 THE ANNALS"): left out of the head's key, so verso and recto heads of one title are one.
FOLIO_TOKEN = regex.compile(
    r"^\s*(?:\d{1,4}|[ivxlc]{1,6}\.?)\s+(?=\S)|(?<=\S)\s+(?:\d{1,4}|[ivxlc]{1,6})\.?\s*$")


def _candidates(scan: Scan, first_page: int, skip: set[int],
                frames: dict[int, Frame] | None = None) -> list[Candidate]:
    """Top and bottom lines of the body pages that could be furniture: by their place in the
    text, or, on a page with line boxes, the lines of its head line and direction line (see
    `edition.rules.geometry.Frame`) in whatever order the source lists them, a leaf number in
    the head line and a signature mark in the direction line left out (a run of them, "C ij",
    "C iij", looks like a header)."""
    out: list[Candidate] = []
    for page in scan.pages[first_page:]:
        lines = [line for line in page.content_lines() if line.start not in skip]
        if len(lines) < 2:
            continue
        frame = frames.get(page.index) if frames else None
        if frame is not None:
            zones = [(line, "top") for line in frame.head if line.start not in skip
                     and not LEAF.match(line.text.strip())]
            zones += [(line, "bottom") for line in frame.foot if line.start not in skip
                      and not signature_shape(line.text.strip(), placed=True)]
        else:
            # specks and stray figures above or below the head are no lines of it (a plate's
            # "r", "y", "■^," over "BIOGRAPHIA LITERARIA.")
            top = _first_lines(lines, TOP_LINES)
            zones = [(line, "top") for line in top]
            zones += [(line, "bottom") for line in _first_lines(lines[::-1], BOTTOM_LINES)[::-1]
                      if line not in top]
        for line, place in zones:
            if len(line.text) > MAX_CHARS:
                continue
            key = normalise(FOLIO_TOKEN.sub("", line.text))
            if len(key.replace(" ", "")) >= MIN_LETTERS and len(key.split()) <= MAX_WORDS:
                out.append(Candidate(page.index, line, place, key))
    return out


def _first_lines(lines: list[Line], count: int) -> list[Line]:
    """The first `count` of `lines` that are no speck or stray figure (`MINOR`, without a
    digit), read only as far as they are found."""
    out: list[Line] = []
    for line in lines:
        if not MINOR.match(line.text.strip()) or any(c.isdigit() for c in line.text):
            out.append(line)
            if len(out) == count:
                break
    return out


def _clusters(cands: list[Candidate]) -> list[int]:
    """Union-find cluster ids: linked within WINDOW pages at LINK or more, or by recurrence."""
    parent = list(range(len(cands)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    same: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, cand in enumerate(cands):
        same[cand.key, cand.place].append(i)
    for members in same.values():
        if len(members) >= RECUR_MIN:
            for i in members[1:]:
                parent[find(i)] = find(members[0])
    # links join candidates of one place only: each place's candidates are compared among
    # themselves, in the order of the book (so the unions, and the ids, are as over all pairs)
    by_place: dict[str, list[int]] = defaultdict(list)
    for i, cand in enumerate(cands):
        by_place[cand.place].append(i)
    labels: dict[tuple[str, str], bool] = {}  # pairs of keys alike: two different labels?
    for members in by_place.values():
        pages = [cands[i].page for i in members]
        keys = [cands[i].key for i in members]
        for x, (page, key) in enumerate(zip(pages, keys, strict=True)):
            for y in range(x + 1, len(members)):
                if pages[y] - page > WINDOW:
                    break
                if pages[y] == page:
                    continue
                other = keys[y]
                if other != key:
                    if Levenshtein.normalized_similarity(key, other) < LINK:
                        continue
                    pair = (key, other)
                    if pair not in labels:
                        labels[pair] = _other_labels(key, other)
                    if labels[pair]:
                        continue
                parent[find(members[x])] = find(members[y])
    return [find(i) for i in range(len(cands))]


def _other_labels(a: str, b: str) -> bool:
    """True for two division labels with different numbers ("CHAPTER I", "CHAPTER VI" at the
    tops of a contents list's pages): alike in letters, never one running head."""
    la, lb = read_label(a), read_label(b)
    return la is not None and lb is not None and la.value is not None \
        and lb.value is not None and la.value != lb.value


#: A page holding this many characters in lines of PROSE_WORDS words or more is prose: running
#: heads are looked for from the first such page (title pages and contents lists hold none).
PROSE_WORDS = 8
#: Words a line of prose has at least in a book none of whose pages has PROSE_CHARS in lines of
#: PROSE_WORDS: a duodecimo's narrow measure sets five or six words a line (Smollett 1769).
NARROW_PROSE_WORDS = 5
PROSE_CHARS = 400


#: A page number alone on a line (digits, or digits misread as letters, with at least one digit).
FOLIO_ALONE = regex.compile(r"^[\[(]?\s*(?=[^\d]*\d)[\dIilOoSsBZ ]{1,5}\s*[\])]?\.?$")
#: Share of a line's letters in capitals for it to be a head beside a page number.
BESIDE_CAPS = 0.8


def _beside_folio(scan: Scan, cand: Candidate) -> bool:
    """True for a line in capitals directly above or below a page number at the top of a
    page: the running head, however few pages share it."""
    if cand.place != "top":
        return False
    letters = list(filter(str.isalpha, cand.line.text))
    if sum(map(str.isupper, letters)) < BESIDE_CAPS * max(1, len(letters)):
        return False
    lines = scan.pages[cand.page].content_lines()
    k = next(i for i, ln in enumerate(lines) if ln.start == cand.line.start)
    near = [lines[i].text.strip() for i in (k - 1, k + 1) if 0 <= i < len(lines)]
    return any(FOLIO_ALONE.match(t) for t in near)


#: Pages on whose head lines one line (or its like) must stand to be a running head there:
#: a heading never stands in the head line of two pages (the text-only rule asks MIN_CLUSTER).
HEAD_LINE_PAGES = 2
#: A page or leaf number alone on a line: digits (or digits misread), or a leaf number.
NUMBER_ALONE = regex.compile(rf"{FOLIO_ALONE.pattern}|{LEAF.pattern}")


def _head_line_evidence(frame: Frame | None, cand: Candidate, pages: int) -> str:
    """Why a line of a page's head line is a running head by its place (the note of its
    edit), or "" when its place says nothing: a page or leaf number beside it in the same row,
    the same line in the head line of HEAD_LINE_PAGES nearby pages or more, or the source's
    declaring it a running head there (a hint, taken only in the head line: a declared header
    elsewhere may be a chapter's title)."""
    if frame is None or cand.place != "top":
        return ""
    if any(ln.start != cand.line.start and NUMBER_ALONE.match(ln.text.strip())
           for ln in frame.head):
        return "in the head line, beside the page number"
    if pages >= HEAD_LINE_PAGES:
        return f"in the head line of {pages} nearby pages"
    if declared_role(cand.line) == "header":
        return "declared a running head by the source, in the head line"
    return ""


#: Leader dots between a contents entry and its page number.
LEADER = regex.compile(r"\.{3,}|(?:\. ){2,}|[_…]{2,}")


def _with_folio(cand: Candidate) -> bool:
    """True for a line in capitals at the top of a page with a page number at one end ("vi
    PREFACE", "THE FORD AND THE MILL 25"): a running head, on however few pages it stands."""
    if cand.place != "top" or not FOLIO_TOKEN.search(cand.line.text) or LEADER.search(
            cand.line.text):
        return False  # a contents entry ("I. THE PARISH .......... 1") is no running head
    letters = list(filter(str.isalpha, FOLIO_TOKEN.sub("", cand.line.text)))
    return len(letters) >= MIN_LETTERS and sum(map(str.isupper, letters)) >= (
        BESIDE_CAPS * len(letters))


def _words(text: str) -> int:
    """How many words a line holds (tokens with a letter: leader dashes are not words)."""
    return sum(1 for token in text.split() if any(c.isalpha() for c in token))


def first_prose_page(scan: Scan, openings: list[Opening]) -> int:
    """The first page with a line of prose (title pages and contents have none), and never
    later than the first division."""
    limit = openings[0].page if openings else len(scan.pages)
    for words in (PROSE_WORDS, NARROW_PROSE_WORDS):  # a small format's measure, failing that
        for page in scan.pages[:limit]:
            if sum(len(line.text) for line in page.content_lines()
                   if _words(line.text) >= words) >= PROSE_CHARS:
                return page.index
    return limit if openings else 0


def _runs_on(lines: list[Line]) -> bool:
    """True when a page's first line of prose opens in lower case: its sentence began on an
    earlier page, so the page opens no text."""
    prose = next((ln.text.strip() for ln in lines if _words(ln.text) >= PROSE_WORDS), "")
    return bool(prose) and prose[0].islower()


def _title_match(key: str, title: str) -> bool:
    """True when a line is the division title or a shortened form of it."""
    if not title:
        return False
    if key in title and len(key) >= len(title) // 2:
        return True
    return Levenshtein.normalized_similarity(key, title) >= TITLE_LINK


def find_headers(
    scan: Scan, openings: list[Opening], skip: set[int], frames: dict[int, Frame] | None = None
) -> tuple[list[Edit], list[Header]]:
    """Running-header edits and the headers found, page by page in order.

    `frames` are the pages' head and direction lines where the source has line boxes (see
    `edition.rules.geometry.page_frames`): on such a page only their lines are candidates, a
    line the source declares a running head is one when it stands in the head line, and no
    line among the text is taken for a header whose page break was lost (a page of a
    structured source has its own breaks; a line of its head line in capitals that
    interrupts a sentence is a running head).
    """
    frames = frames or {}
    protected = {
        line.start for o in openings for line in o.lines
    }
    first = first_prose_page(scan, openings)
    if openings and first < openings[0].page and not _runs_on(scan.pages[first].content_lines()):
        # the first page of the text proper opens with its title, not a running head (a page
        # whose prose opens mid-sentence is not the first: an excerpt's, its head is furniture)
        protected |= {ln.start for ln in scan.pages[first].content_lines()[:TOP_LINES]}
    cands = _candidates(scan, first, skip | protected, frames)
    ids = _clusters(cands)
    size: dict[int, set[int]] = defaultdict(set)
    for cand, cid in zip(cands, ids, strict=True):
        size[cid].add(cand.page)
    # a division's running heads repeat its title or its label ("52 SERMON IV.", "THE
    # PATIENCE OF THE HUSBANDMAN. 53"), however few pages the division has
    # a short scan (a two-page excerpt) has its running head on every page it has
    body_pages = sum(1 for page in scan.pages[first:] if page.content_lines())
    cluster_min = max(2, min(MIN_CLUSTER, body_pages))
    titles = {o.page: [normalise(o.title)]
              + ([normalise(o.label_line.text)] if o.label_line is not None else [])
              for o in openings}
    starts = sorted(titles)
    edits: list[Edit] = []
    headers: list[Header] = []
    for cand, cid in zip(cands, ids, strict=True):
        at = bisect.bisect_right(starts, cand.page)  # the last division opening on or before it
        names = titles[starts[at - 1]] if at else []
        placed = _head_line_evidence(frames.get(cand.page), cand, len(size[cid]))
        if (len(size[cid]) >= cluster_min or any(_title_match(cand.key, t) for t in names)
                or _beside_folio(scan, cand) or _with_folio(cand) or placed):
            text = strip_markup(cand.line.text)
            lead = len(cand.line.text) - len(cand.line.text.lstrip())
            start = cand.line.start + lead
            end = cand.line.start + len(cand.line.text.rstrip())
            note = f"recurs on {len(size[cid])} nearby pages" if len(size[cid]) >= cluster_min \
                else placed or "matches the chapter title"
            edits.append(Edit(RULE, start, end, "", cand.page, note))
            headers.append(Header(cand.page, cand.line, cand.place, text, cid))
    found = {h.line.start for h in headers}
    keys = {c.key for c, cid in zip(cands, ids, strict=True) if len(size[cid]) >= cluster_min}
    excluded = skip | found
    remaining_by_page = {
        page.index: [ln for ln in page.content_lines() if ln.start not in excluded]
        for page in scan.pages[first:]
    }
    previous: Line | None = None
    for page in scan.pages[first:]:
        last_of_page = previous
        remaining = remaining_by_page[page.index]
        following = next((ln for ln in remaining_by_page.get(page.index + 1, [])
                          if not MINOR.match(ln.text.strip())), None)
        previous = remaining[-1] if remaining else previous
        # on a page with line boxes only a line of the head line can be a running head
        head = {ln.start for ln in frames[page.index].head} if page.index in frames else None
        for k, line in enumerate(remaining):
            if line.start in protected or (head is not None and line.start not in head):
                continue
            text = line.text.strip()
            if len(text) > MAX_CHARS:
                continue
            if _interrupts(remaining, k, last_of_page, following):
                edits.append(line_edit(RULE, line, page.index,
                                       "line in capitals interrupting a sentence: a header whose "
                                       "page break the scan lost" if head is None else
                                       "line in capitals in the head line, interrupting a "
                                       "sentence across the page break"))
                headers.append(Header(page.index, line, "top", strip_markup(line.text), -1))
                continue
            if not _folio_at_end(text):
                continue
            if normalise(text) in keys and text.upper() == text:
                edits.append(line_edit(RULE, line, page.index,
                                       "header with its page number inside a page: a page break "
                                       "the scan lost"))
                headers.append(Header(page.index, line, "top", strip_markup(line.text), -1))
    return edits, headers


#: A running head the OCR ran into a page's first line of text, with the page number before
#: or after it ("128 BIOGRAPHIA UTERARIA.graph. Like", "BIOGRAPHIA LITERARIA. 233Angels and"):
#: the head in capitals, FUSED_HEAD_LETTERS letters at least, read within TITLE_LINK of one
#: of the book's recurring heads.
FUSED_HEAD_LETTERS = 8
#: Similarity (see TITLE_LINK) at which a line that is only a page number and a head is a
#: recurring head garbled by the OCR ("124 ^-^^ Vee-Boers.", "196 T]ie ]^cc-Boevs." among
#: "The Vee- Boers."): lower, as the number beside it at the head of the page is evidence too.
GARBLED_HEAD_LINK = 0.5
#: Characters a fused head may be read longer or shorter than it recurs.
FUSED_SLACK = 2
#: The first lines of text on a page a fused running head is looked for in.
FUSED_HEAD_LINES = 2
FUSED_FOLIO_BEFORE = regex.compile(r"^\d(?:[ .-]?\d){0,3}\s+")
FUSED_FOLIO_AFTER = regex.compile(r"^\s*\d{1,4}(?=\s*\p{L})")


def fused_heads(scan: Scan, first: int, headers: list[Header], skip: set[int]
                ) -> tuple[list[Edit], dict[int, list[Furniture]]]:
    """Running heads the OCR ran into a page's first line of text, with their page numbers:
    the edits removing them (the head as a running head, the number as a page number) and
    their furniture, page by page.

    Looked for on each page from `first` on without a running head of its own, in its first
    FUSED_HEAD_LINES lines of text outside `skip`, against the heads of `headers` that recur
    on MIN_CLUSTER pages or more. The rest of the line stays text."""
    pages_of: dict[str, set[int]] = defaultdict(set)
    for h in headers:
        pages_of[FOLIO_TOKEN.sub("", h.text).strip()].add(h.page)
    recurring = [h for h, pages in pages_of.items() if len(pages) >= MIN_CLUSTER
                 and sum(map(str.isalpha, h)) >= FUSED_HEAD_LETTERS]
    heads = sorted((h for h in recurring if h.upper() == h), key=len, reverse=True)
    # a line that is only a page number and a head may be in any case (its number is the
    # evidence): "94 "^^^^ Vee-Boers." among "94 The Vee- Boers."
    garbled = sorted(recurring, key=len, reverse=True)
    edits: list[Edit] = []
    furniture: dict[int, list[Furniture]] = defaultdict(list)
    with_head = {h.page for h in headers}
    for page in scan.pages[first:] if recurring else []:
        if page.index in with_head:
            continue
        lines = [ln for ln in page.content_lines()
                 if ln.start not in skip and not MINOR.match(ln.text.strip())]
        for k, line in enumerate(lines[:FUSED_HEAD_LINES]):  # a speck may stand above
            spans = _fused_head(line, heads)
            alone = not spans and k == 0 and bool(spans := _fused_head(line, garbled, True))
            if not spans:
                continue
            what = ("running head garbled past its usual reading, with its page number, at the "
                    "head of the page" if alone else
                    "running head the OCR ran into the page's first line of text")
            for kind, a, b in spans:
                rule, fw = (RULE, "header") if kind == "head" else ("page-number", "pageNum")
                edits.append(Edit(rule, a, b, "", page.index, what if kind == "head" else
                                  f"page number beside a {what} ({scan.raw[a:b]})"))
                furniture[page.index].append(Furniture(fw, scan.raw[a:b], "top", a, b))
            break
    return edits, dict(furniture)


def _fused_head(line: Line, heads: list[str], alone: bool = False) -> list[tuple[str, int, int]]:
    """The raw spans ("head" or "number", start, end) of a running head and its page number
    at the start of `line`, or [] where the line does not open with one. With `alone`, the
    line must be the head and its number and nothing else, read within GARBLED_HEAD_LINK of
    a recurring head ("94 "^^^^ Vee-Boers." for "94 The Vee-Boers.")."""
    lead = len(line.text) - len(line.text.lstrip())
    text = line.text[lead:]
    at0 = line.start + lead
    before = FUSED_FOLIO_BEFORE.match(text)
    at = before.end() if before else 0
    # the head as the OCR read it may be a letter or two longer or shorter than as it recurs
    scored = [(Levenshtein.normalized_similarity(normalise(text[at : at + len(h) + d]),
                                                 normalise(h)), at + len(h) + d)
              for h in heads for d in range(-FUSED_SLACK, FUSED_SLACK + 1)]
    if alone:  # the whole line after the number
        end = len(text.rstrip())
        scored = [(Levenshtein.normalized_similarity(normalise(text[at:end]), normalise(h)), end)
                  for h in heads]
    for score, end in sorted(scored, key=lambda x: (-x[0], -x[1])):
        if score < (GARBLED_HEAD_LINK if alone else TITLE_LINK):
            break
        if not text[end - 1 : end].strip() or text[end - 1].isdigit():
            continue  # the head ends at its last letter or stop, not in the number after it
        after = FUSED_FOLIO_AFTER.match(text[end:])
        rest = text[end + (after.end() if after else 0):].strip()
        if not (before or after) or bool(rest) == alone:
            continue
        spans = [("head", at0 + at, at0 + end)]
        if before:
            spans.insert(0, ("number", at0, at0 + len(before.group().rstrip())))
        if after:
            digits = after.group()
            spans.append(("number", at0 + end + len(digits) - len(digits.lstrip()),
                          at0 + end + len(digits)))
        return spans
    return []


#: A line interrupting a sentence is furniture when this share of its letters are capitals.
INTERRUPT_CAPS = 0.8
#: ... and it has at least this many letters and at most INTERRUPT_CHARS characters.
INTERRUPT_LETTERS = 6
INTERRUPT_CHARS = 60
#: A sentence that has not ended: the line before ends without . ! or ? (before closing quotes).
OPEN_SENTENCE = regex.compile(r"(?<![.!?][\"'”’)]?)$")


#: Specks after the last word of a line ("speak- !", "called o o").
SPECKS_AT_END = regex.compile(r"(?:\s+(?:[^\w\s]|\w)){1,3}$")
#: Lines skipped when looking for the text after a line: page numbers and specks.
MINOR = regex.compile(r"^[\W\d_]{0,6}$|^\S{1,2}$")


def _interrupts(lines: list[Line], k: int, previous: Line | None = None,
                following: Line | None = None) -> bool:
    """True for a short line in capitals between a sentence's two halves (lower case after).

    For a page's first line, the sentence before is the previous page's last line; for its
    last, the sentence goes on in the next page's first line.
    """
    text = lines[k].text.strip()
    if len(text) > INTERRUPT_CHARS:
        return False
    caps = sum(map(str.isupper, text))
    if caps < INTERRUPT_CAPS * INTERRUPT_LETTERS:  # too few for any line of enough letters
        return False
    letters = sum(map(str.isalpha, text))
    if letters < INTERRUPT_LETTERS or caps < INTERRUPT_CAPS * letters:
        return False
    before_line = next((ln for ln in reversed(lines[:k]) if not MINOR.match(ln.text.strip())),
                       previous)
    after_line = next((ln for ln in lines[k + 1 :] if not MINOR.match(ln.text.strip())),
                      following)
    if before_line is None or after_line is None:
        return False
    before = SPECKS_AT_END.sub("", before_line.text.rstrip())
    after = after_line.text.lstrip()
    return bool(OPEN_SENTENCE.search(before)) and after[:1].islower()


def furniture_by_page(headers: list[Header]) -> dict[int, list[Furniture]]:
    """The removed headers of each page as furniture records for the TEI <fw>."""
    out: dict[int, list[Furniture]] = defaultdict(list)
    for h in headers:
        out[h.page].append(Furniture("header", h.text, h.place, h.line.start, h.line.end))
    return out


# --- divisions the running heads name ------------------------------------------------------

#: Titles a book's running heads must name for them to name its divisions (one is the book's).
TITLES_MIN = 2
#: Titles at a division already found that a book's running heads must give, and the share of
#: them that must read as that division's title, for the heads to name its divisions: then a
#: title with no opening at its first head opens one (Emerson's and Reid's heads name their
#: chapters, 6 of 6 and 23 of 24; Cooper's name topics inside his lectures, 24 of 48).
NAMED_MIN = 1
NAMED_SHARE = 0.75


@dataclass(frozen=True, slots=True)
class Title:
    """A division title the running heads name: its first head, the pages it stands on."""

    first: Header
    pages: tuple[int, ...]


def _folio_beside(scan: Scan, header: Header) -> bool:
    """True when a page number stands in a running head's line or on the line above or below."""
    if FOLIO_TOKEN.search(header.line.text) or FOLIO_AT_END.search(header.line.text.strip()):
        return True
    lines = scan.pages[header.page].content_lines()
    k = next((i for i, ln in enumerate(lines) if ln.start == header.line.start), None)
    if k is None:
        return False
    return any(FOLIO_ALONE.match(lines[i].text.strip()) for i in (k - 1, k + 1)
               if 0 <= i < len(lines))


def titles(scan: Scan, headers: list[Header]) -> list[Title]:
    """The division titles a book's running heads name, in order: each cluster of heads that
    stands on MIN_CLUSTER pages or more and holds no other such cluster between its first and
    last page (a book's own title, on every other page throughout, names none), where there
    are TITLES_MIN of them or more."""
    clusters: dict[int, list[Header]] = defaultdict(list)
    for h in headers:
        if h.cluster >= 0:
            clusters[h.cluster].append(h)
    runs = [sorted({h.page for h in members}) for members in clusters.values()]
    firsts = {min(members, key=lambda h: h.page).cluster: min(members, key=lambda h: h.page)
              for members in clusters.values()}
    out = []
    for members in clusters.values():
        on = sorted({h.page for h in members})
        if len(on) < MIN_CLUSTER:
            continue
        if any(len(r) >= MIN_CLUSTER and r != on and on[0] <= r[0] and r[-1] <= on[-1]
               for r in runs):
            continue  # the book's title, over the divisions' titles
        out.append(Title(firsts[members[0].cluster], tuple(on)))
    # one title alone is the book's (a novel's heads: "Persuasion" on every page)
    return sorted(out, key=lambda t: t.first.page) if len(out) >= TITLES_MIN else []


def _opening_at(title: Title, openings: list[Opening], since: int) -> Opening | None:
    """The last division opening after page `since` (the previous title's last head) and on
    or before a title's first head, if any: where the division the title names opened."""
    return next((o for o in reversed(openings) if since < o.page <= title.first.page), None)


def _changes(found: list[Title]) -> list[tuple[Title, int]]:
    """Each title with the page of the previous title's last head (-1 for the first)."""
    return [(t, before.pages[-1] if before else -1)
            for before, t in zip([None, *found], found, strict=False)]


def names_divisions(found: list[Title], openings: list[Opening]) -> bool:
    """True when a book's running heads name its divisions: NAMED_MIN titles or more stand at
    an opening, and NAMED_SHARE of those read as its title (`_title_match`)."""
    at = [(t, o) for t, since in _changes(found)
          if (o := _opening_at(t, openings, since)) is not None]
    named = sum(1 for t, o in at
                if _title_match(normalise(FOLIO_TOKEN.sub("", t.first.text)), normalise(o.title)))
    return len(at) >= NAMED_MIN and named >= NAMED_SHARE * len(at)


def division_headings(scan: Scan, headers: list[Header], openings: list[Opening]) -> list[Header]:
    """Running heads that are their division's heading, in a book whose running heads name its
    divisions (`names_divisions`): the first head of a title no opening stands at, set apart
    as a heading is (the first line of its page, no page number beside it) where the title's
    other heads mostly carry one ("PLATO: NEW READINGS." over the section's first page,
    "PLATO: NEW READINGS." / "83" over the next)."""
    found = titles(scan, headers)
    if not names_divisions(found, openings):
        return []
    out = []
    for title, since in _changes(found):
        first = title.first
        rest = [h for h in headers if h.cluster == first.cluster and h.page != first.page]
        lines = scan.pages[first.page].content_lines()
        if (_opening_at(title, openings, since) or first.place != "top" or not lines
                or lines[0].start != first.line.start or _folio_beside(scan, first)):
            continue
        if sum(_folio_beside(scan, h) for h in rest) * 2 >= len(rest):
            out.append(first)
    return out


def inferred_openings(scan: Scan, headers: list[Header], openings: list[Opening]) -> list[Opening]:
    """Divisions the running heads name where no heading stands: in a book whose running heads
    name its divisions (`names_divisions`), each other title opens a division, inferred
    (`Opening.cert` "low", its title from the heads), on the first page after the previous
    title's last head."""
    found = titles(scan, headers)
    if not names_divisions(found, openings):
        return []
    out = []
    for title, since in _changes(found)[1:]:
        if not _opening_at(title, openings, since) and since < title.first.page:
            out.append(Opening(since + 1, "", title.first.text.strip(" ."), None, None, None,
                               kind="section", cert="low"))
    return out
