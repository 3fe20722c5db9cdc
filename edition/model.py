"""The page-aware document model shared by every stage of the pipeline.

A raw scan is read into a `Scan`: pages of lines, each line knowing its raw
character offsets. Cleaners never mutate it; they return `Edit` records that
name the rule, the raw span and what replaced it. Later stages build `Block`s
of inline nodes that still carry raw offsets, so every character of the edition
can be traced to the raw file and every removed character to the rule that
removed it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Zone:
    """Where a line or region stands on its page image, as a structured OCR source gives it.

    `ident` is the source's own ID (hOCR `id`, ALTO `ID`, PAGE `id`); `points` the polygon
    in pixels of the page image, clockwise from the top left (a box is its four corners);
    `declared` the role the source declares for it, in the source's own vocabulary (PAGE
    `@type` such as "header", "page-number", "catch-word"; a SegmOnto zone type such as
    "RunningTitleZone"; an ALTO tag label), empty when it declares none; `region` the ID of
    the region holding a line.
    """

    ident: str
    points: tuple[tuple[int, int], ...]
    declared: str = ""
    region: str = ""

    @property
    def box(self) -> tuple[int, int, int, int]:
        """The bounding box (left, top, right, bottom) in pixels; all 0 for a zone without
        points (a source that gives an ID but no coordinates)."""
        if not self.points:
            return 0, 0, 0, 0
        xs = [x for x, _ in self.points]
        ys = [y for _, y in self.points]
        return min(xs), min(ys), max(xs), max(ys)


@dataclass(frozen=True, slots=True)
class Surface:
    """A page image: its file name or URL, size in pixels, and the label the source gives it.

    `ident` is the source's own ID for the page (ALTO `Page/@ID`, hOCR `id`, PAGE `pcGtsId`),
    empty when it gives none; `image` the image file name the source names, `url` an image or
    IIIF URL (METS image file group); `width`/`height` in pixels (0 when unknown); `label` is a
    page label the source declares (METS `ORDERLABEL`, ALTO `PRINTED_IMG_NR`, hOCR `ppageno`),
    never trusted as the printed number; `regions` are the text regions of the page, for the TEI
    facsimile; `source` the name of the file the page was read from (a page file of a directory,
    zip or METS; the file itself for a one-file source), so that zones can point back to it.
    """

    ident: str
    image: str = ""
    url: str = ""
    width: int = 0
    height: int = 0
    label: str = ""
    regions: tuple[Zone, ...] = ()
    source: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    """One raw line: its text without the newline, and its raw span.

    `zone` says where the line stands on the page image when the source is structured OCR
    (hOCR, ALTO, PAGE); plain text has none.
    """

    start: int
    end: int
    text: str
    zone: Zone | None = None

    @property
    def blank(self) -> bool:
        """True for a line of only whitespace."""
        return not self.text.strip()


@dataclass(frozen=True, slots=True)
class Page:
    """One scanned page: its scan sequence index (0-based here; 1-based wherever a person
    reads it), its raw span and its lines; `surface` is its page image where the source
    names one."""

    index: int
    start: int
    end: int
    lines: tuple[Line, ...]
    surface: Surface | None = None
    content: tuple[Line, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        # the non-blank lines, which nearly every rule asks for: found once
        object.__setattr__(self, "content", tuple(ln for ln in self.lines if not ln.blank))

    def content_lines(self) -> list[Line]:
        """The page's non-blank lines, top to bottom."""
        return list(self.content)


@dataclass(frozen=True, slots=True)
class CharFix:
    """One character-level change made while reading a file (see `edition.read.characters`)."""

    rule: str
    at: int
    original: str
    replacement: str


@dataclass(frozen=True, slots=True)
class Decoding:
    """How a file's bytes became the scan's text: codec, why, and every character fix.

    `replaced` holds the byte offsets of undecodable bytes read as U+FFFD (only
    when asked for); `newline` is the file's line-end style; `fixes` are the
    recorded character normalisations.
    """

    encoding: str = "utf-8"
    bom: bool = False
    reason: str = "valid UTF-8"
    replaced: tuple[int, ...] = ()
    newline: str = "LF"
    fixes: tuple[CharFix, ...] = ()

    @property
    def plain(self) -> bool:
        """True for BOM-less UTF-8 with LF line ends that needed no fix."""
        return (self.encoding == "utf-8" and not self.bom and not self.replaced
                and self.newline in ("LF", "") and not self.fixes)


@dataclass(frozen=True, slots=True)
class Scan:
    """A raw scan split into pages; `raw` is the decoded file, never changed.

    For a structured OCR source (hOCR, ALTO, PAGE, METS) `raw` is made of the source's
    words: a line's words joined by single spaces, lines by a line feed, text regions by a
    blank line, pages by a form feed; `convention` names the format. `full_words` maps the raw
    offset of a printed hyphen at a line end to the whole word the OCR engine read there (ALTO
    `SUBS_CONTENT`), evidence for the hyphen rule; plain text has none.
    """

    name: str
    raw: str
    pages: tuple[Page, ...]
    convention: str
    encoding: str = "utf-8"
    sha256: str = ""
    decoding: Decoding = field(default_factory=Decoding)
    full_words: dict[int, str] = field(default_factory=dict)

    @property
    def structured(self) -> bool:
        """True when the scan came from a structured OCR source with page geometry."""
        return any(page.surface is not None for page in self.pages)

    def page_of(self, offset: int) -> int:
        """The index of the page holding raw `offset` (the last page at or before it)."""
        lo, hi = 0, len(self.pages) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.pages[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo


@dataclass(frozen=True, slots=True)
class Edit:
    """One recorded change to the raw text: removal (empty replacement) or substitution.

    `rule` names the cleaner; `start`/`end` is the raw span; `note` holds the
    evidence or the decision in words; `uncertain` flags a decision a person
    should review.
    """

    rule: str
    start: int
    end: int
    replacement: str = ""
    page: int = -1
    note: str = ""
    uncertain: bool = False

    def original(self, raw: str) -> str:
        """The raw text this edit covers."""
        return raw[self.start : self.end]


def line_edit(rule: str, line: Line, page: int, note: str) -> Edit:
    """An edit removing a whole line's text (the whitespace around it is left as whitespace)."""
    lead = len(line.text) - len(line.text.lstrip())
    return Edit(rule, line.start + lead, line.start + len(line.text.rstrip()), "", page, note)


# --- inline content -------------------------------------------------------


@dataclass(slots=True)
class Text:
    """Reading text taken from raw span [start, end); `text` is after recorded edits."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Hi:
    """Highlighted text (italic in the printed book)."""

    children: list[Inline]
    rend: str = "italic"


@dataclass(slots=True)
class NoteRef:
    """A footnote reference; `note` is filled when the footnote is found."""

    n: str
    page: int
    note: Block | None = None


@dataclass(slots=True)
class PageBreak:
    """A page boundary in the reading order.

    `inword` marks a boundary inside a word (TEI break="no"); `hyphen` says a
    soft hyphen printed before it was removed; `furniture` lists the running
    headers and page numbers removed from the top or foot of the new page.
    """

    page: int
    inword: bool = False
    hyphen: bool = False
    furniture: list[Furniture] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Furniture:
    """Removed page furniture kept for the record (TEI <fw>)."""

    kind: str  # "header" | "pageNum" | "sig" | "catch"
    text: str
    place: str  # "top" | "bottom"
    start: int
    end: int


@dataclass(slots=True)
class LineJoin:
    """The break between two printed lines of one block: a space, or kept (<lb/>) if `hard`.

    `width` is the length of the line before it and `line` the raw line after it,
    which the line-unwrapping rule needs to find paragraph ends; `blank` counts the blank
    lines between the two (weighed by `edition.rules.paragraph_ends`).
    """

    hard: bool = False
    width: int = 0
    line: Line | None = None
    blank: int = 0


@dataclass(slots=True)
class Gap:
    """Text evidently missing from the source (TEI <gap>), with the reason in one word."""

    reason: str


@dataclass(slots=True)
class Figure:
    """A plate or an illustration standing inside a paragraph that runs on around it (TEI
    <figure> in <p>): `block` is the figure (kind "figure"), its children the caption."""

    block: Block


Inline = Text | Hi | NoteRef | PageBreak | LineJoin | Gap | Figure


def iter_text(nodes: list[Inline]) -> Iterator[Text]:
    """Every Text node under `nodes`, in reading order (notes excluded)."""
    for node in nodes:
        if isinstance(node, Text):
            yield node
        elif isinstance(node, Hi):
            yield from iter_text(node.children)


def note_refs(nodes: list[Inline]) -> list[NoteRef]:
    """Every note reference under `nodes`, in reading order (inside italics too)."""
    out: list[NoteRef] = []
    for node in nodes:
        if isinstance(node, NoteRef):
            out.append(node)
        elif isinstance(node, Hi):
            out.extend(note_refs(node.children))
    return out


def last_text(nodes: list[Inline]) -> Text | None:
    """The last raw text node of inline content (inside italics too)."""
    for node in reversed(nodes):
        if isinstance(node, Text) and node.start >= 0:
            return node
        if isinstance(node, Hi) and (found := last_text(node.children)):
            return found
    return None


def first_text(nodes: list[Inline]) -> Text | None:
    """The first raw text node of inline content (inside italics too)."""
    for node in nodes:
        if isinstance(node, Text) and node.start >= 0:
            return node
        if isinstance(node, Hi) and (found := first_text(node.children)):
            return found
    return None


def plain(nodes: list[Inline], markers: bool = False) -> str:
    """The reading text of inline nodes, without notes; line joins read as spaces. With
    `markers`, each note reference reads as its marker, "[1]" (a reference whose note was not
    found as printed, "1")."""
    out: list[str] = []
    for node in nodes:  # the commonest kinds first: text, then the joins between its lines
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, LineJoin):
            out.append(" ")
        elif isinstance(node, Hi):
            out.append(plain(node.children, markers))
        elif markers and isinstance(node, NoteRef):
            out.append(f"[{node.n}]" if node.note is not None else node.n)
    return "".join(out)


def _plain_part(nodes: list[Inline], limit: int, from_end: bool) -> str:
    """The start (or end) of `plain(nodes)`: at least `limit` non-blank characters of it when
    it has them."""
    out: list[str] = []
    seen = 0
    for node in reversed(nodes) if from_end else nodes:
        if isinstance(node, Text):
            piece = node.text
        elif isinstance(node, Hi):
            piece = _plain_part(node.children, limit - seen, from_end)
        elif isinstance(node, LineJoin):
            piece = " "
        else:
            continue
        out.append(piece)
        seen += len(piece.strip())
        if seen >= limit:
            break
    return "".join(reversed(out) if from_end else out)


def plain_head(nodes: list[Inline], limit: int = 64) -> str:
    """The start of `plain(nodes)`, at a cost that does not grow with the paragraph."""
    return _plain_part(nodes, limit, from_end=False)


def plain_tail(nodes: list[Inline], limit: int = 64) -> str:
    """The end of `plain(nodes)`, at a cost that does not grow with the paragraph: what a
    page-join test needs of a paragraph that may run on over thousands of pages."""
    return _plain_part(nodes, limit, from_end=True)


# --- blocks ---------------------------------------------------------------


@dataclass(slots=True)
class Block:
    """A block of text on the page: a paragraph, heading, footnote, table row or figure.

    `kind` is one of "p", "head", "note", "row", "break", "figure" (a plate or an
    illustration, its children the caption: `edition.rules.plates`); `level` is a heading's
    markup level; `page` the scan page it starts on; `line` its first raw line.
    """

    kind: str
    children: list[Inline]
    page: int
    line: Line
    level: int = 0
    n: str = ""
    role: str = ""  # refined by structure rules: "quote", "signed", "dateline", ...
    last_width: int = 0  # length of the block's last printed line (hard-wrapped text)
    lang: str = ""  # BCP 47 tag of a passage in another language than the book's

    @property
    def text(self) -> str:
        """The block's reading text (a table row's cells separated by spaces)."""
        if self.kind == "row":
            return " ".join(plain([cell]) for cell in self.children)
        return plain(self.children)
