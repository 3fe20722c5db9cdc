"""The build pipeline: read → cleaners → structure → (TEI emitter, in `tei`).

Data flows one way. Each stage is a pure function of what came before it and
returns its edits; the pipeline only decides the order, which is part of the
design: stamps and the contents page are read first, division openings next
(so their headings are protected), then running headers, page blocks, OCR
fixes, page-spanning joins, footnotes, page numbers, and the structure.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from edition.model import (
    Block,
    Edit,
    Figure,
    Hi,
    Inline,
    Line,
    LineJoin,
    NoteRef,
    PageBreak,
    Scan,
    Text,
)
from edition.read.text import marker_lines
from edition.rules import lines, paragraph_ends
from edition.rules.article import Article, find_article
from edition.rules.contents import Contents, find_contents
from edition.rules.divisions import Opening, doubtful_numbers, find_openings, skipped_numbers
from edition.rules.folios import find_folios
from edition.rules.footnotes import find_footnotes, insert_references, note_blocks
from edition.rules.gaps import mark_gaps
from edition.rules.geometry import Frame, page_frames
from edition.rules.headers import (
    Header,
    division_headings,
    find_headers,
    first_prose_page,
    furniture_by_page,
    fused_heads,
    inferred_openings,
)
from edition.rules.hyphenation import hyphen_style
from edition.rules.language import (
    COMMON_WORDS,
    COMMON_ZIPF,
    UNDETERMINED,
    Language,
    book_language,
    in_book_language,
    passage_language,
)
from edition.rules.leaves import is_prose_line
from edition.rules.lexicon import BookWords, zipf
from edition.rules.long_s import Signature, restore, signature
from edition.rules.markup import all_blocks, strip_markup
from edition.rules.noise import find_noise
from edition.rules.notes import place_notes
from edition.rules.ocrfix import fix_inline
from edition.rules.paragraphs import flow_pages
from edition.rules.plates import find_plates, run_on
from edition.rules.segments import at_blank_lines, rejoin
from edition.rules.signatures import find_marks
from edition.rules.stamps import CopyRecord, find_stamps
from edition.rules.typography import normalise_inline
from edition.rules.verse import epigraph, epigraph_openings, page_verse, prose_indentation
from edition.structure.assemble import Div, Group, assemble, mark_truncation
from edition.structure.frontmatter import Source, merge_split_rows, read_front
from edition.structure.pagination import Anchor, Pagination, paginate
from edition.structure.speeches import mark_speech
from edition.warnings import BuildWarning

if TYPE_CHECKING:
    from edition.corrections.apply import Applied
    from edition.corrections.model import Corrections


@dataclass(slots=True)
class Edition:
    """Everything the emitter and the reports need: the scan, what was found, every edit."""

    scan: Scan
    copy: CopyRecord
    contents: Contents | None
    openings: list[Opening]
    headers: list[Header]
    source: Source
    front: list[Block | PageBreak]
    divs: list[Div]
    pagination: Pagination
    edits: list[Edit]
    warnings: list[BuildWarning] = field(default_factory=list)
    article: Article = field(default_factory=Article)
    language: Language = UNDETERMINED
    long_s: Signature = field(default_factory=Signature)
    corrections: Applied | None = None  # an editor's corrections and what became of each

    def blocks(self) -> Iterator[Block]:
        """Every block of the edition in reading order, footnotes after the block citing them."""
        items: list[Block | PageBreak | Group] = list(self.front)
        for div in self.divs:
            items.extend(div.heads)
            items.extend(div.items)
        for item in items:
            if isinstance(item, Group):
                for inner in item.items:
                    if isinstance(inner, Block):
                        yield inner
                        yield from _notes_of(inner)
            elif isinstance(item, Block):
                yield item
                yield from _notes_of(item)

    def edits_by_rule(self) -> dict[str, list[Edit]]:
        """The edits grouped by the rule that made them."""
        out: dict[str, list[Edit]] = {}
        for edit in self.edits:
            out.setdefault(edit.rule, []).append(edit)
        return out


def _notes_of(block: Block) -> Iterator[Block]:
    """The footnotes cited in a block and the figures standing in it, in order."""
    return _notes_in(block.children)


def _notes_in(nodes: list[Inline]) -> Iterator[Block]:
    """The footnotes cited in inline nodes and the figures standing in them, in order."""
    for node in nodes:
        if type(node) is Text or type(node) is LineJoin:  # most nodes: passed over at once
            continue
        if isinstance(node, NoteRef):
            if node.note is not None:
                yield node.note
        elif isinstance(node, Figure):
            yield node.block
        elif isinstance(node, Hi):
            yield from _notes_in(node.children)


#: Share of pages a running head must stand on to be the book's title (a novel's verso head).
TITLE_HEAD_SHARE = 0.4


def book_title(headers: list[Header], n_pages: int) -> str:
    """The running head on most pages, when it stands on TITLE_HEAD_SHARE of them or more."""
    counts: dict[str, int] = {}
    for h in headers:
        key = h.text.strip(" .").lower()
        counts[key] = counts.get(key, 0) + 1
    best = max(counts.items(), key=lambda kv: kv[1], default=("", 0))
    if best[1] >= TITLE_HEAD_SHARE * n_pages:
        return next(h.text.strip(" .") for h in headers if h.text.strip(" .").lower() == best[0])
    return ""


def _headings_in_running_heads(
    scan: Scan, openings: list[Opening], headers: list[Header], header_edits: list[Edit],
) -> tuple[list[Opening], list[Header], list[Edit]]:
    """The divisions a book's running heads name and no heading opened: a title's first head
    that is its heading (kept as the heading, not furniture), then, where the heads name the
    book's divisions, those with no heading at all (opened by inference); see
    `edition.rules.headers.division_headings` and `inferred_openings`."""
    heads = division_headings(scan, headers, openings)
    if heads:
        taken = {h.line.start for h in heads}
        spans = [(h.line.start, h.line.end) for h in heads]
        headers = [h for h in headers if h.line.start not in taken]
        header_edits = [e for e in header_edits
                        if not any(a <= e.start and e.end <= b for a, b in spans)]
        openings = openings + [Opening(h.page, "", strip_markup(h.line.text), None, h.line, None,
                                       kind="section") for h in heads]
    openings = sorted(openings + inferred_openings(scan, headers, openings), key=lambda o: o.page)
    # chapters whose heading the OCR lost, opening with an epigraph as the book's others do
    furniture = {h.line.start for h in headers}
    openings = sorted(openings + epigraph_openings(scan, openings, furniture),
                      key=lambda o: o.page)
    return openings, headers, header_edits


def _by_page(edits: list[Edit]) -> dict[int, list[Edit]]:
    """Edits grouped by their page."""
    out: dict[int, list[Edit]] = {}
    for e in edits:
        out.setdefault(e.page, []).append(e)
    return out


def carve(header_edits: list[Edit], inner: list[Edit]) -> list[Edit]:
    """Header edits with the folios inside their lines cut out (each char has one rule)."""
    out: list[Edit] = []
    inner_by_page = _by_page(inner)
    for h in header_edits:
        pieces = [(h.start, h.end)]
        for e in inner_by_page.get(h.page, []):
            if h.start <= e.start and e.end <= h.end:
                pieces = [p for a, b in pieces for p in ((a, e.start), (e.end, b)) if p[0] < p[1]]
        out += [Edit(h.rule, a, b, h.replacement, h.page, h.note, h.uncertain)
                for a, b in pieces if a < b]
    return out


def _without_folio(header: Header, folio_edits: dict[int, list[Edit]]) -> Header:
    """A header whose line held a folio, with the folio taken out of its text."""
    text = header.line.text
    for e in folio_edits.get(header.page, []):
        if header.line.start <= e.start and e.end <= header.line.end:
            a, b = e.start - header.line.start, e.end - header.line.start
            text = (text[:a] + text[b:]).strip()
            return Header(header.page, header.line, header.place, strip_markup(text),
                          header.cluster)
    return header


def _fused_ends(index: LineIndex, mark_edits: list[Edit]) -> dict[int, int]:
    """Line start -> raw offset where its text ends, for lines whose end a signature mark the
    OCR ran into them takes ("...and Davys? 2*"): the mark's edit ends the line, and starts
    after its first character."""
    ends: dict[int, int] = {}
    for e in mark_edits:
        line = index.line_at(e.start)
        if line is None:
            continue
        begin = line.start + len(line.text) - len(line.text.lstrip())
        if e.start > begin and e.end == line.start + len(line.text.rstrip()):
            kept = line.text[: e.start - line.start]
            ends[line.start] = line.start + len(kept.rstrip())
    return ends


def _end_leaves(pages: list[list[Block]]) -> set[int]:
    """The scan pages after the last page with a line of prose that hold none: the leaves
    after the text (a due-date slip, a book card, a library's label), whatever specks of them
    the stamp and noise rules left, carry no printed number of the book."""
    # read from the end: only the last page with prose matters, and it is most often the last
    last = next((k for k in range(len(pages) - 1, -1, -1)
                 if any(is_prose_line(line) for b in pages[k] for line in b.text.split("\n"))),
                len(pages))
    return set(range(last + 1, len(pages)))


def _fused_cuts(scan: Scan, folio_edits: list[Edit], skip: set[int],
                fused_heads: Sequence[Edit] = (), index: LineIndex | None = None
                ) -> dict[int, int]:
    """Line start -> raw offset where its text begins, for lines that lost a folio fused to
    their start ("43 The next morning"), or a running head and its number the OCR ran into
    them ("BIOGRAPHIA LITERARIA. 233Angels and grace"); a folio at a line's end is no cut (the
    line keeps its start, and the folio's edit covers the end)."""
    cuts: dict[int, int] = {}
    for e in folio_edits:
        page = scan.pages[e.page]
        for line in page.lines:
            begin = line.start + len(line.text) - len(line.text.lstrip())
            if e.start == begin and e.end <= line.end and line.start not in skip:
                rest = line.text[e.end - line.start :]
                cuts[line.start] = e.end + len(rest) - len(rest.lstrip())
    index = index or LineIndex(scan)
    for e in fused_heads:
        line = index.line_at(e.start)
        assert line is not None  # a head the OCR ran into a line stands in that line
        rest = line.text[e.end - line.start :]
        cuts[line.start] = max(cuts.get(line.start, 0), e.end + len(rest) - len(rest.lstrip()))
    return cuts


#: Words of each page's text given to the catchword rule (a catchword may be two words).
FIRST_WORDS = 3


def _first_words(scan: Scan, frames: dict[int, Frame], *skips: set[int]
                 ) -> dict[int, list[str]]:
    """The first words of each page's text, once for each set of lines to pass over (for
    catchwords: the text after all furniture, and after page numbers only, since a heading
    the catchword announces may have been taken for a running head); on a page with line
    boxes, also those of its topmost line below the head line (the source's reading order
    may list a heading or a page number first)."""
    out: dict[int, list[str]] = {}
    for page in scan.pages:
        for skip in skips:
            for line in page.content_lines():
                if line.start not in skip and line.text.split():
                    out.setdefault(page.index, []).append(" ".join(line.text.split()[:FIRST_WORDS]))
                    break
        if (frame := frames.get(page.index)) is not None and (line := frame.below_head):
            out.setdefault(page.index, []).append(" ".join(line.text.split()[:FIRST_WORDS]))
    return out


def _line_starts(scan: Scan, edits: list[Edit], index: LineIndex | None = None) -> set[int]:
    """Raw start offsets of the lines whose text the edits remove whole, by one edit or by
    several together (a signature mark and a catchword on one line); an edit that takes only
    part of a line (a page number fused to a word) leaves the line in. `index` is the scan's
    `LineIndex` when the caller has one (made here otherwise)."""
    index = index or LineIndex(scan)
    by_line: dict[int, list[Edit]] = {}
    for e in edits:  # each edit under the line its start falls in (none: between lines)
        k = bisect_right(index.starts, e.start) - 1
        if k >= 0 and e.start < index.lines[k].end:
            by_line.setdefault(k, []).append(e)
    out: set[int] = set()
    for k, inside in by_line.items():
        line = index.lines[k]
        text = line.text
        covered = bytearray(len(text))
        for e in inside:
            covered[e.start - line.start : e.end - line.start] = b"\x01" * (e.end - e.start)
        if all(covered[i] or text[i].isspace() for i in range(len(text))):
            out.add(line.start)
    return out


class LineIndex:
    """Every line of a scan in raw order, with their start offsets (for bisecting)."""

    __slots__ = ("lines", "starts")

    def __init__(self, scan: Scan) -> None:
        self.lines = sorted((line for page in scan.pages for line in page.lines),
                            key=lambda line: line.start)
        self.starts = [line.start for line in self.lines]

    def line_at(self, offset: int) -> Line | None:
        """The line whose raw span holds `offset`, or None (between lines)."""
        k = bisect_right(self.starts, offset) - 1
        return self.lines[k] if k >= 0 and offset < self.lines[k].end else None


def digit_zero(raw: str, edits: list[Edit]) -> str:
    """The digit zero of the figures most of the book's folios are printed in ("0" for
    European digits, "٠" for Arabic-Indic, "۰" for Persian), from the folio rule's edits."""
    zeros: dict[str, int] = {}
    for e in edits:
        for ch in raw[e.start:e.end]:
            if ch.isdigit() and unicodedata.digit(ch, None) is not None:
                zero = chr(ord(ch) - unicodedata.digit(ch))
                zeros[zero] = zeros.get(zero, 0) + 1
    return max(sorted(zeros), key=zeros.__getitem__) if zeros else "0"


def _body_text(scan: Scan, skip: set[int]) -> str:
    """The scan's text without the lines already known to be stamps, furniture or headings:
    what the book's language is detected on."""
    return "\n".join(line.text for page in scan.pages for line in page.content_lines()
                     if line.start not in skip)


def mark_passages(blocks: list[Block], language: Language, common: frozenset[str]) -> None:
    """Set `lang` on each paragraph or note in a language other than the book's (see
    `edition.rules.language.passage_language` for how long and how sure it must be); one whose
    words are mostly the book's most frequent (`common`) is in the book's language."""
    if language.code == "und":
        return
    for block in blocks:
        notes = [n.note for n in block.children if isinstance(n, NoteRef) and n.note]
        for b in (block, *notes):
            if b.kind in ("p", "note", "lg"):
                text = b.text
                b.lang = "" if in_book_language(text, common) else (
                    passage_language(text, language.code) or "")


def uncertain_decisions(edits: list[Edit]) -> list[BuildWarning]:
    """One warning per rule that flagged decisions for a person to review (not one per
    decision: a reader acts on "37 hyphen decisions to check", and the edit listing has each)."""
    by_rule: dict[str, list[Edit]] = {}
    for e in edits:
        if e.uncertain:
            by_rule.setdefault(e.rule, []).append(e)
    return [
        BuildWarning("W401", f"{len(found)} {rule} decision{'s' if len(found) > 1 else ''} "
                             "flagged uncertain (--list-edits shows each with its evidence)",
                     min(e.page for e in found))
        for rule, found in sorted(by_rule.items())
    ]


def build(scan: Scan, corrections: Corrections | None = None) -> Edition:
    """Clean and structure a scan into an Edition; an editor's `corrections` of it (see
    `edition.corrections`) are applied last, after every rule."""
    edits: list[Edit] = []
    book = BookWords(scan.raw)  # the book's own word counts, read when a rule first asks
    stamp_edits, copy = find_stamps(scan)
    edits += stamp_edits
    article_edits, article = find_article(scan)
    edits += article_edits
    stamp_edits = stamp_edits + article_edits
    contents = find_contents(scan)
    openings = find_openings(scan, contents)
    index = LineIndex(scan)
    skip = _line_starts(scan, stamp_edits, index)
    # where each page's head line and direction line stand, for a source with line boxes
    frames = page_frames(scan)
    header_edits, headers = find_headers(scan, openings, skip, frames)
    openings, headers, header_edits = _headings_in_running_heads(scan, openings, headers,
                                                                 header_edits)
    # a division's heading lines are never furniture, noise or marks ("# I" is no speck)
    protected = {ln.start for o in openings for ln in o.lines}
    first_body = first_prose_page(scan, openings)
    folios = find_folios(scan, {h.line.start: h.line for h in headers}, skip | protected,
                         first_body, frames)
    edits += carve(header_edits, folios.edits) + folios.edits
    folio_by_page = _by_page(folios.edits)
    headers = [_without_folio(h, folio_by_page) for h in headers]
    skip |= {h.line.start for h in headers}
    folio_lines = _line_starts(scan, folios.edits, index)
    skip |= folio_lines
    # a running head the OCR ran into the first line of text: that part only (the rest is text)
    fused_edits, fused_furniture = fused_heads(scan, first_body, headers, skip | protected)
    edits += fused_edits
    # with line boxes the marks are read first, by their place in the direction line: a
    # signature mark "B" or a catchword "in" is no speck there
    for step in ("marks", "noise") if frames else ("noise", "marks"):
        if step == "noise":
            noise_edits = find_noise(scan, skip | protected, first_body, frames, book)
            edits += noise_edits
            skip |= _line_starts(scan, noise_edits, index)
        else:
            mark_edits, marks = find_marks(
                scan, skip | protected,
                _first_words(scan, frames, skip, folio_lines),
                {e.page for e in folios.edits}, frames)
            edits += mark_edits
            skip |= _line_starts(scan, mark_edits, index)
    furniture = furniture_by_page(headers)
    for extra in (folios.furniture, marks, fused_furniture):
        for page, items in extra.items():
            furniture.setdefault(page, []).extend(items)
    for items in furniture.values():
        items.sort(key=lambda f: f.start)

    edits += [Edit("page-marker", ln.start, ln.end, "", scan.page_of(ln.start), "scan page marker")
              for ln in marker_lines(scan.raw)] if scan.convention == "markers" else []
    width = lines.measure(scan)
    style = hyphen_style(scan.raw)
    language = book_language(_body_text(scan, skip | protected))
    lang = language.code if language.code != "und" else "en"
    footnotes = find_footnotes(scan, skip, protected, width)
    edits += footnotes.edits
    # in hard-wrapped plain text a blank line may stand inside a paragraph (a double-spaced
    # stretch): it is weighed with the rest of the evidence (structured sources keep their
    # text regions apart)
    pages = all_blocks(scan.pages, skip | footnotes.lines, edits,
                       _fused_cuts(scan, folios.edits, skip, fused_edits, index),
                       blank_joins=width is not None and not scan.structured,
                       run_in={o.label_line.start: o.label_line.end for o in openings
                               if o.run_in and o.label_line is not None},
                       headings={ln.start for o in openings for ln in o.lines if not o.run_in},
                       ends=_fused_ends(index, mark_edits))
    for blocks in pages:
        insert_references(blocks, footnotes.references, edits)
    for page, notes in note_blocks(footnotes, scan.raw).items():
        pages[page].extend(notes)
    # stanzas and captions are read between blank lines, as the page sets them apart; what
    # stays prose is joined again for the paragraph rule to weigh its blank lines
    cut = [at_blank_lines(blocks) for blocks in pages]
    prose_indent = prose_indentation(scan)
    heading_ends = {o.page: max(ln.start for ln in o.lines) for o in openings if o.lines}
    # a division opened by its epigraph: the epigraph stands at the head of its page
    heading_ends |= {o.page: scan.pages[o.page].start - 1 for o in openings if o.epigraph}
    pages = [page_verse(epigraph(parts, heading_ends[k], width) if k in heading_ends
                        else parts, width, prose_indent) if k >= first_body else parts
             for k, (parts, _) in enumerate(cut)]
    edits += find_plates(pages, furniture, book, first_body, lang)
    pages = [rejoin(blocks, parts) for blocks, (_, parts) in zip(pages, cut, strict=True)]
    for blocks in pages:
        for block in blocks:
            normalise_inline(block.children, block.page, scan.raw, edits, lang)
    ends = paragraph_ends.learn(pages, width)
    pages = [
        [part for block in blocks for part in (
            lines.unwrap(block, width if block.kind == "p" else None, book, edits, style, lang,
                         scan.full_words, ends)
            if block.kind in ("p", "note") else [block])]
        for blocks in pages
    ]
    for blocks in pages:
        for block in blocks:
            fix_inline(block.children, block.page, edits)

    flow = flow_pages(pages, furniture, book, first_body, width, style, lang, scan.full_words,
                      ends)
    run_on(flow, book, width, style, lang, scan.full_words)  # paragraphs around the plates
    edits += flow.edits
    long_s = signature(book.forms().items(), lang)
    if long_s.on:  # a book whose OCR read the long s as f (edition.rules.long_s)
        edits += restore([*(b for b in flow.items if isinstance(b, Block)), *flow.notes], book,
                         scan.raw, edits, lang)
    warnings = place_notes(flow.items, flow.notes)

    anchors = [Anchor(page, n, "folio") for page, n in folios.anchors.items()]
    anchors += [Anchor(page, n, "folio", roman=True) for page, n in folios.roman.items()]
    anchors += [
        Anchor(o.page, o.printed, "contents") for o in openings
        if o.printed is not None and o.page not in folios.anchors
    ]
    clusters: dict[int, list[int]] = {}
    for h in headers:
        clusters.setdefault(h.cluster, []).append(h.page)
    textless = {k for k, blocks in enumerate(pages)  # a plate page is an unnumbered leaf
                if not any(b.text.strip() for b in blocks if b.kind != "figure")}
    textless |= _end_leaves(pages)
    pagination = paginate(len(scan.pages), anchors, flow.continues, list(clusters.values()),
                          textless, [len(page.content_lines()) for page in scan.pages],
                          digit_zero(scan.raw, folios.edits),
                          {h.page for h in headers if h.cluster < 0})
    warnings += pagination.warnings
    openings, doubtful = doubtful_numbers(openings, set(pagination.skipped))
    warnings += doubtful

    for item in flow.items:
        if isinstance(item, Block):
            mark_speech(item)
            if article.author_line and item.line.start == article.author_line.start:
                item.role = "byline"
            if article.reviewed and item.line.start == article.reviewed.lines[0].start:
                item.role = "reviewed"
    front, divs = assemble(merge_split_rows(flow.items, first_body if openings else None),
                           openings, first_body, "article" if article else "text")
    common = frozenset(w for w, _ in book.forms().most_common(COMMON_WORDS)
                       if zipf(w, lang) >= COMMON_ZIPF)
    for div in divs:
        blocks = [b for i in div.items for b in (i.items if isinstance(i, Group) else [i])
                  if isinstance(b, Block)]
        warnings += mark_gaps(blocks, lang)
        mark_passages(blocks, language, common)
    warnings += mark_truncation(divs)
    source = read_front(front, contents, book_title(headers, len(scan.pages)))
    if article:
        source.title = article.subject or source.title
        source.author = article.author or source.author
    warnings += skipped_numbers(openings)
    warnings += uncertain_decisions(edits)
    edits.sort(key=lambda e: (e.start, e.end, e.rule))
    edition = Edition(scan, copy, contents, openings, headers, source, front, divs, pagination,
                      edits, warnings, article, language, long_s)
    if corrections is not None:  # the editor's corrections, after the rules (edition.corrections)
        from edition.corrections.apply import apply_corrections

        apply_corrections(edition, corrections)
    return edition
