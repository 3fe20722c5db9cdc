"""Read a raw scan into pages of lines with raw offsets.

Page conventions are detected from the text itself. Each convention is a
function from the decoded text to a list of pages; `CONVENTIONS` maps its name
to it so that `--pages NAME` can override the detection and new conventions
slot in without touching the rest of the pipeline.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
import zlib
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import regex
from lxml import etree
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from edition.errors import SourceError
from edition.model import Decoding, Line, Page, Scan
from edition.read.characters import normalise
from edition.read.decoding import Decoded, decode_bytes

#: Blank lines in a row that separate two pages in the blank-run convention.
PAGE_GAP_LINES = 3

FORM_FEED = "\f"


def split_lines(raw: str) -> list[Line]:
    """Every line of `raw` with its raw span (newline excluded)."""
    lines: list[Line] = []
    pos = 0
    for text in raw.split("\n"):
        lines.append(Line(pos, pos + len(text), text))
        pos += len(text) + 1
    return lines


def _page(index: int, lines: list[Line], at: int = 0) -> Page:
    """A page from its lines, trimmed of blank lines at either end (empty at raw offset `at`)."""
    if all(line.blank for line in lines):
        return Page(index, at, at, ())
    first = next(i for i, line in enumerate(lines) if not line.blank)
    last = max(i for i, line in enumerate(lines) if not line.blank)
    kept = tuple(lines[first : last + 1])
    return Page(index, kept[0].start, kept[-1].end, kept)


def _group(runs: list[list[Line]]) -> list[Page]:
    """Pages from runs of lines, dropping runs with no text."""
    pages: list[Page] = []
    for run in runs:
        if any(not line.blank for line in run):
            pages.append(_page(len(pages), run))
    return pages


def pages_by_blank_runs(raw: str) -> list[Page]:
    """Pages separated by runs of PAGE_GAP_LINES or more blank lines."""
    runs: list[list[Line]] = [[]]
    blank: list[Line] = []
    for line in split_lines(raw):
        if line.blank:
            blank.append(line)
            continue
        if len(blank) >= PAGE_GAP_LINES and any(not x.blank for x in runs[-1]):
            runs.append([])
        runs[-1].extend(blank)
        blank = []
        runs[-1].append(line)
    return _group(runs)


def pages_by_form_feed(raw: str) -> list[Page]:
    """Pages separated by form feed characters (the feed itself is whitespace).

    Blank pages are kept: they are printed pages too, and carry page numbers.
    """
    runs: list[list[Line]] = [[]]
    ats = [0]
    for line in split_lines(raw):
        if FORM_FEED in line.text:
            pos = line.start
            parts = line.text.split(FORM_FEED)
            for k, part in enumerate(parts):
                if k:
                    runs.append([])
                    ats.append(pos)
                if part:
                    runs[-1].append(Line(pos, pos + len(part), part))
                pos += len(part) + 1
        else:
            runs[-1].append(line)
    if raw.rstrip("\n").endswith(FORM_FEED) and not any(not x.blank for x in runs[-1]):
        runs.pop()
        ats.pop()
    return [_page(k, run, at) for k, (run, at) in enumerate(zip(runs, ats, strict=True))]


#: A page marker line: HathiTrust collectors' "<page N>" after a page, Distributed
#: Proofreaders' "-----File: 001.png-----" before one. The number is a scan sequence number.
MARKER = regex.compile(r"^[ \t]*(?:<page\s+\d+>|-{3,}\s*File:\s*\S+?\s*-{3,})[ \t]*$")
MARKER_LINES = regex.compile(MARKER.pattern, regex.M)
#: Markers written after their page's text (the rest are written before it).
MARKER_AFTER = regex.compile(r"^[ \t]*<page\s+\d+>")


def pages_by_markers(raw: str) -> list[Page]:
    """Pages delimited by marker lines; blank pages are kept, since they are printed pages too."""
    lines = split_lines(raw)
    starts = {line.start for line in marker_lines(raw)}
    markers = [k for k, line in enumerate(lines) if line.start in starts]
    if not markers:
        return pages_by_blank_runs(raw)
    after = bool(MARKER_AFTER.match(lines[markers[0]].text))
    runs: list[tuple[list[Line], int]] = []
    bounds = [-1, *markers, len(lines)]
    for a, b in pairwise(bounds):
        run = lines[a + 1 : b]
        at = lines[b].start if b < len(lines) else (lines[-1].end if lines else 0)
        runs.append((run, at))
    # text before the first marker is a page only when markers follow their pages, and text
    # after the last marker only when they precede them
    if not after:
        runs = runs[1:] if all(line.blank for line in runs[0][0]) else runs
    elif all(line.blank for line in runs[-1][0]):
        runs = runs[:-1]
    return [_page(k, run, at) for k, (run, at) in enumerate(runs)]


#: A line that can only be a page number: up to four digits (or digits misread as letters).
FOLIO_LINE = regex.compile(
    r"^[\[(]?\s*[\dIilOoSsBZ](?:[\dIilOoSsBZ .,]{0,3}[\dIilOoSsBZ\]])?\s*[\])]?\.?$"
)
#: A page number at either end of a header line ("ON ULCERS. 79", "30 COUNTER-IRRITATION").
FOLIO_END = regex.compile(r"^\s*\d{1,4}\s+|\s+\d{1,4}\s*$")
#: A short line in capitals: the shape of a running header.
CAPS_LINE = regex.compile(r"^(?=.*\p{Lu}.*\p{Lu})[\p{Lu}\s\d.,;:'’&-]{3,60}$")
#: Recurrences that make a short line in capitals a running header for the djvu convention.
DJVU_HEADER_RECUR = 3
#: A running head with a garbled folio: at most this long, with at least this many letters,
#: and this similar (1 - Levenshtein / longer length, letters only) to a confirmed one.
DJVU_HEADER_CHARS = 70
DJVU_HEADER_MIN_LETTERS = 8
DJVU_HEADER_LINK = 0.85
#: A token that is a folio the OCR garbled: up to five digits or digit look-alikes and marks,
#: with at least one digit or O, o, I, l ("MO" for 140, "1 7*3" for 173, "5l>7" for 507).
FOLIO_GARBLE = regex.compile(r"^(?=.*[\dOoIl])[\dIilOoSsBZMH|>*'^.,()-]{1,5}$")
#: Lines of text a page holds at least before a lone number can end it, unless a running
#: header follows the number (a contents page prints a lone number after each entry; those
#: do not end the page).
DJVU_MIN_PAGE_LINES = 10
#: Share of blocks that must be single folio-like lines for a text to be read as djvu blocks.
DJVU_FOLIO_SHARE = 0.08


def _blocks(raw: str) -> list[list[Line]]:
    """Runs of lines separated by PAGE_GAP_LINES or more blank lines."""
    blocks: list[list[Line]] = [[]]
    blank: list[Line] = []
    for line in split_lines(raw):
        if line.blank:
            blank.append(line)
            continue
        if len(blank) >= PAGE_GAP_LINES and blocks[-1]:
            blocks.append([])
        blocks[-1].extend(blank if blocks[-1] else [])
        blank = []
        blocks[-1].append(line)
    return [b for b in blocks if b]


def _single(block: list[Line]) -> str | None:
    """The text of a block that holds one non-blank line."""
    content = [line.text.strip() for line in block if not line.blank]
    return content[0] if len(content) == 1 else None


def pages_by_djvu_blocks(raw: str) -> list[Page]:
    """Internet Archive djvu text: header, page number and body are separate blank-run blocks.

    A page begins at each group of furniture blocks that follows text: a block
    whose first line is a lone page number, or a short line in capitals (with or
    without a number) that recurs at the head of blocks.
    """
    blocks = _blocks(raw)
    firsts = [next(line.text.strip() for line in b if not line.blank) for b in blocks]
    counts: dict[str, int] = {}

    def key_of(text: str) -> str | None:
        bare = FOLIO_END.sub("", text)
        if not CAPS_LINE.match(bare):
            return None
        return " ".join(regex.sub(r"[^\p{L}]+", " ", bare).split())

    for text in firsts:
        if key := key_of(text):
            counts[key] = counts.get(key, 0) + 1
    known = {key for key, n in counts.items() if n >= DJVU_HEADER_RECUR}
    known |= {key for text in firsts if FOLIO_END.search(text) and (key := key_of(text))}

    def garbled_header(text: str) -> bool:
        """A confirmed running head with a folio the OCR garbled beside it, or in the wrong
        case: "MO ON FRACTURES OF THE VERTEBRAS.", "506 diseases of the mouth and throat."."""
        if len(text) > DJVU_HEADER_CHARS:
            return False
        tokens = text.split()
        edge = 0
        while tokens and FOLIO_GARBLE.match(tokens[0]):
            tokens, edge = tokens[1:], edge + 1
        while tokens and FOLIO_GARBLE.match(tokens[-1]):
            tokens, edge = tokens[:-1], edge + 1
        key = " ".join(regex.sub(r"[^\p{L}]+", " ", " ".join(tokens)).upper().split())
        if len(key) < DJVU_HEADER_MIN_LETTERS or not (edge or text.isupper()):
            return False
        return key in known or process.extractOne(
            key, known, scorer=Levenshtein.normalized_similarity,
            score_cutoff=DJVU_HEADER_LINK) is not None

    def lone_folio(k: int) -> bool:
        text = _single(blocks[k]) if 0 <= k < len(blocks) else None
        return text is not None and bool(FOLIO_LINE.match(text)) and any(
            c.isdigit() for c in text)

    def furniture(text: str | None, k: int = -1) -> bool:
        if text is None:
            return False
        if FOLIO_LINE.match(text) and any(c.isdigit() for c in text):
            return True
        key = key_of(text)
        if key is None:
            return garbled_header(text)
        # a header with its page number on the same line, or in the block beside it ("ON
        # COMPRESSION OF THE BRAIN." then "119"), needs no recurrence to be furniture
        beside = _single(blocks[k]) is not None and (lone_folio(k - 1) or lone_folio(k + 1))
        return (counts.get(key, 0) >= DJVU_HEADER_RECUR or bool(FOLIO_END.search(text))
                or beside or garbled_header(text))

    runs: list[list[Line]] = [[]]
    previous_was_text = False
    text_lines = 0
    for k, (block, first) in enumerate(zip(blocks, firsts, strict=True)):
        is_furniture = furniture(first, k)
        lone_number = bool(FOLIO_LINE.match(first))
        header_next = k + 1 < len(blocks) and furniture(firsts[k + 1], k + 1) and not FOLIO_LINE.match(
            firsts[k + 1])
        if is_furniture and previous_was_text and (
                not lone_number or header_next or text_lines >= DJVU_MIN_PAGE_LINES):
            runs.append([])
            text_lines = 0
        if not is_furniture:
            text_lines += sum(1 for line in block if not line.blank)
        runs[-1].extend(block)
        previous_was_text = not is_furniture or _single(block) is None
    pages = [_page(0, run) for run in runs if any(not x.blank for x in run)]
    return split_merged_pages(pages, lambda text: bool(
        (key_of(text) and FOLIO_END.search(text)) or garbled_header(text)))


#: A page holding this many times the median page's lines holds two pages: the OCR lost the
#: page break between them.
MERGED_PAGE = 1.6
#: Where the lost break may stand: at least this share of the median page from the page's top,
#: and at least this share of it before the page's end.
MERGED_AT_LEAST, MERGED_BEFORE_END = 0.6, 0.3
#: A short line mostly in capitals (a running head beside its folio).
CAPS_SHARE = 0.7
CAPS_CHARS = 60


def _caps_line(text: str) -> bool:
    """True for a short line whose letters are mostly capitals."""
    letters = [c for c in text if c.isalpha()]
    return (len(text) <= CAPS_CHARS and len(letters) >= 3
            and sum(c.isupper() for c in letters) >= CAPS_SHARE * len(letters))


def _lone_number(text: str) -> bool:
    """True for a line that is only a page number (digits or digit look-alikes), perhaps with
    a speck beside it ("■391", ".042")."""
    text = text.strip(SPECKS)
    return bool(FOLIO_LINE.match(text)) and any(c.isdigit() for c in text)


#: Marks the OCR leaves beside a page number.
SPECKS = " .,'‘’\"■•·*^_-|"


def _head_and_folio(text: str) -> bool:
    """True for a line in capitals with a page number, read or garbled, at one end: "482 ON
    GONORRHOEAL RHEUMATISM, &.c.", "ON HYDROCELE. 1 7*3"."""
    tokens = text.split()
    folio = False
    while tokens and FOLIO_GARBLE.match(tokens[0]) and any(c.isdigit() for c in tokens[0]):
        tokens, folio = tokens[1:], True
    while tokens and FOLIO_GARBLE.match(tokens[-1]) and any(c.isdigit() for c in tokens[-1]):
        tokens, folio = tokens[:-1], True
    return folio and _caps_line(" ".join(tokens))


def split_merged_pages(pages: list[Page], head_with_folio: Callable[[str], bool]) -> list[Page]:
    """Pages with each lost page break restored: a page over MERGED_PAGE times the median
    length is cut where a running head and its folio stand inside it (a head with a folio on
    its line, `head_with_folio`; or a line in capitals beside a lone page number), the place
    nearest one median page from the top. Pages are renumbered in order."""
    sizes = sorted(n for p in pages if (n := len(p.content_lines())) >= 5)
    if len(sizes) < 10:
        return pages
    median = sizes[len(sizes) // 2]
    out: list[Page] = []
    for page in pages:
        lines = list(page.lines)
        while True:
            content = [k for k, ln in enumerate(lines) if not ln.blank]
            if len(content) <= MERGED_PAGE * median:
                break
            texts = [lines[k].text.strip() for k in content]
            cuts = []
            for j in range(int(MERGED_AT_LEAST * median),
                           len(content) - int(MERGED_BEFORE_END * median)):
                if head_with_folio(texts[j]) or _head_and_folio(texts[j]):
                    cuts.append(j)
                elif _caps_line(texts[j]) and j + 1 < len(texts) and _lone_number(texts[j + 1]):
                    cuts.append(j)
                elif _lone_number(texts[j]) and j + 1 < len(texts) and _caps_line(texts[j + 1]):
                    cuts.append(j)
            if not cuts:
                break
            j = min(cuts, key=lambda c: abs(c - median))
            out.append(_page(0, lines[: content[j]]))
            lines = lines[content[j]:]
        out.append(_page(0, lines))
    return [Page(k, p.start, p.end, p.lines, p.surface) for k, p in enumerate(out)]


#: A run of PAGE_GAP_LINES or more blank lines (blank as `Line.blank` has it: whitespace only).
_GAP = regex.compile(rf"\n(?:[^\S\n]*\n){{{PAGE_GAP_LINES},}}")


def looks_like_djvu(raw: str) -> bool:
    """True when many blank-run blocks are lone page numbers (djvu text), not whole pages."""
    blocks = folios = 0
    for block in _GAP.split(raw):  # block by block: no Line objects for the whole text
        content = [line.strip() for line in block.split("\n") if line.strip()]
        if not content:
            continue
        blocks += 1
        if len(content) == 1 and FOLIO_LINE.match(content[0]) and any(
                c.isdigit() for c in content[0]):
            folios += 1
    return folios >= 10 and folios >= DJVU_FOLIO_SHARE * blocks


#: What every page marker line holds (only the lines holding it are tried as markers).
MARKER_HINT = re.compile(r"<page|File:")


def marker_lines(raw: str) -> list[Line]:
    """The page marker lines of a text (furniture of the scan, not of the book), in order."""
    found: list[Line] = []
    end = -1
    for hint in MARKER_HINT.finditer(raw):
        if hint.start() <= end:
            continue  # a line already tried
        start = raw.rfind("\n", 0, hint.start()) + 1
        end = raw.find("\n", hint.start())
        end = len(raw) if end < 0 else end
        if MARKER.match(text := raw[start:end]):
            found.append(Line(start, end, text))
    return found


CONVENTIONS: dict[str, Callable[[str], list[Page]]] = {
    "blank-runs": pages_by_blank_runs,
    "form-feed": pages_by_form_feed,
    "markers": pages_by_markers,
    "djvu-blocks": pages_by_djvu_blocks,
}


#: Marker lines a text needs before it is read by its markers.
MIN_MARKERS = 2


def detect_convention(raw: str) -> str:
    """The page convention that `raw` evidently follows."""
    found = 0
    for _ in MARKER_LINES.finditer(raw):
        found += 1
        if found >= MIN_MARKERS:
            return "markers"
    if raw.count(FORM_FEED) >= 1:
        return "form-feed"
    if _GAP.search(raw) and looks_like_djvu(raw):
        return "djvu-blocks"
    return "blank-runs"


def convention_refused(raw: str, convention: str) -> str | None:
    """Why a page convention a user named cannot be the one `raw` follows, or None.

    A named convention must find its own page separator at least once (a form feed, a
    marker line, djvu furniture blocks); and a text that holds page marker lines is read only
    by its markers, since any other convention would leave them in the reading text.
    """
    detected = detect_convention(raw)
    markers = sum(1 for _ in MARKER_LINES.finditer(raw))
    if convention == "form-feed" and FORM_FEED not in raw:
        return f"the file holds no form feed (it looks like {detected})"
    if convention == "markers" and not markers:
        return f"the file holds no page marker line (it looks like {detected})"
    if convention == "djvu-blocks" and not looks_like_djvu(raw):
        return f"the file is not Internet Archive djvu text (it looks like {detected})"
    if convention != "markers" and markers >= MIN_MARKERS:
        return (f"the file holds {markers} page marker lines, which only the markers convention "
                "removes")
    return None


def read_text(text: str, name: str, convention: str = "auto", decoded: Decoded | None = None,
              sha256: str | None = None, where: str | None = None,
              named: bool | None = None) -> Scan:
    """Normalise decoded text (`edition.read.characters`) and split it into a Scan.

    `convention` "auto" detects the page convention; `decoded` says how the
    text came from bytes, `sha256` is the file's digest (by default the
    digest of the text as UTF-8), and `where` names the file in errors. A convention
    named by the user (`named`, by default any but "auto") is refused with SourceError when
    the text evidently does not follow it (`convention_refused`).
    """
    decoded = decoded or Decoded(text, "utf-8")
    norm = normalise(text)
    raw = norm.text
    forced = convention != "auto" if named is None else named
    if convention == "auto":
        convention = detect_convention(raw)
    where = where or name
    if convention not in CONVENTIONS:
        raise SourceError(f"{where}: unknown page convention {convention!r}")
    if forced and (why := convention_refused(raw, convention)):
        raise SourceError(f"{where}: page convention {convention}: {why}")
    pages = CONVENTIONS[convention](raw)
    if not pages or not raw.strip():
        raise SourceError(f"{where}: no text in the file")
    digest = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    decoding = Decoding(decoded.encoding, decoded.bom, decoded.reason, decoded.replaced,
                        norm.newline, norm.fixes)
    label = decoded.encoding + ("-sig" if decoded.bom and decoded.encoding == "utf-8" else "")
    return Scan(name, raw, tuple(pages), convention, label, digest, decoding)


def _page_files(path: Path) -> list[tuple[str, bytes]]:
    """The page files of a directory or zip archive, in file-name order."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")
                       and not not_a_scan(p))
        return [(p.name, p.read_bytes()) for p in files]
    try:
        with zipfile.ZipFile(path) as archive:
            names = sorted(n for n in archive.namelist()
                           if not n.endswith("/") and not Path(n).name.startswith(".")
                           and not NOT_A_SCAN.search(Path(n).name))
            return [(n, archive.read(n)) for n in names]
    except (zipfile.BadZipFile, EOFError, zlib.error) as err:
        raise SourceError(f"{path}: damaged zip archive ({err})") from None


#: Files in a collection's directories that are evidently not scans: documentation, licences,
#: transcriptions (ground truth), the toolkit's own outputs, images and other binaries.
NOT_A_SCAN = regex.compile(
    r"^(?:readme|license|licence|copying|notice|authors|changelog|source|sources|files"
    r"|checksums?|md5sums|sha\d*sums)(?:\..*)?$"
    r"|^truth\.txt$|\.gt\.txt$|^manifest\.jsonl$|^warnings\.tsv$"
    r"|\.(?:md|rst|json|jsonl|tsv|csv|py|sh|yml|yaml|toml|cfg|ini|pdf|png|jpe?g|gif|tiff?|jp2"
    r"|webp|djvu|epub|css|js|log)$",
    regex.I,
)
#: Markup files are scans only when they are structured OCR (hOCR, ALTO, PAGE, METS).
MARKUP_FILE = regex.compile(r"\.(?:html?|xhtml|xml)$", regex.I)
#: What structured OCR holds near its start: hOCR classes, ALTO, PAGE and METS namespaces.
OCR_MARKUP = regex.compile(rb"ocr_page|ocrx?_line|/alto|alto-|PcGts|/PAGE/|/mets|<mets"
                           rb"|abbyy\.com/FineReader", regex.I)


def not_a_scan(path: Path) -> bool:
    """True for a file in a collection that is evidently not a scan (a README, SOURCE.md, a
    transcription `truth.txt`, an image, an HTML page or XML that is not structured OCR).
    A file named on the command line is always built: this is for directories (of books,
    or of page files)."""
    if NOT_A_SCAN.search(path.name):
        return True
    if MARKUP_FILE.search(path.name):
        try:
            with path.open("rb") as f:
                return OCR_MARKUP.search(f.read(8192)) is None
        except OSError:
            return False
    return False


#: Peak memory of a build per byte of its source, as bench/large.py measures it (rounded up).
MEMORY_PER_BYTE = 15
#: The largest source file a build reads by default (about 4 GB of memory at the rate above).
MAX_SOURCE_BYTES = 256 * 2**20

#: File names that say nothing of the book: its folder names it instead.
GENERIC_NAMES = frozenset({"raw", "text", "ocr", "full", "book", "volume", "index", "djvu"})


def scan_name(path: Path) -> str:
    """The name of a scan: its file's stem, or its folder's name when the stem is generic
    ("corpus/persuasion-1901/raw.txt" is "persuasion-1901") and the folder's is not
    ("raw/book.txt" is "book")."""
    stem = path.stem if path.is_file() else path.name
    folder = path.parent.name
    if (_generic(stem) and folder and not _generic(folder)
            and folder not in (".", "..")):
        return folder
    return stem


def _generic(name: str) -> bool:
    """Whether a file or folder name says nothing of the book (GENERIC_NAMES)."""
    return name.lower().removesuffix("_djvu") in GENERIC_NAMES


def read_scan(path: Path, convention: str = "auto", encoding: str | None = None,
              replace: bool = False, max_bytes: int = MAX_SOURCE_BYTES) -> Scan:
    """Read the raw scan at `path`; nothing there is ever written.

    A structured OCR source (hOCR, ALTO, PAGE-XML, or a METS file listing ALTO or PAGE files;
    a file, a directory or a zip of page files) is told from its content and read by
    `edition.read.sources.read_structured` into a scan of its words and geometry. Otherwise a
    directory or a zip archive is read as one text file per page (HathiTrust's
    page files), in file-name order; its pages are joined with form feeds.
    `encoding` forces a codec; `replace` reads undecodable bytes as U+FFFD; a
    file larger than `max_bytes` is refused before it is read.
    """
    try:
        if path.exists() and not path.is_dir() and not path.is_file():
            # a device or a pipe: reading it could block forever or never end (/dev/zero)
            raise SourceError(f"{path}: not a regular file")
        if path.exists() and convention == "auto":
            from edition.read.sources import read_structured

            structured = read_structured(path, scan_name(path), max_bytes)
            if structured is not None:
                return structured
        if path.is_dir() or zipfile.is_zipfile(path):
            files = _page_files(path)
            parts = [decode_bytes(data, f"{path}/{name}", encoding, replace)
                     for name, data in files]
            if not parts:
                raise SourceError(f"{path}: no page files")
            text = FORM_FEED.join(part.text.replace(FORM_FEED, "\n") for part in parts)
            codecs = sorted({part.encoding for part in parts})
            # an undecodable byte's offset counts through the page files in name order
            replaced: list[int] = []
            offset = 0
            for (_, data), part in zip(files, parts, strict=True):
                replaced += [offset + b for b in part.replaced]
                offset += len(data)
            reason = "page files: " + "; ".join(sorted({part.reason for part in parts}))
            if replaced:
                reason += "; byte offsets count through the page files in name order"
            decoded = Decoded(text, "+".join(codecs), False, reason, tuple(replaced))
            return read_text(text, scan_name(path), "form-feed"
                             if convention == "auto" else convention, decoded, where=str(path),
                             named=convention != "auto")
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(
                f"{path}: {size / 2**20:.1f} MB is more than the {max_bytes / 2**20:.1f} MB a "
                f"build reads (it needs about {MEMORY_PER_BYTE} bytes of memory per byte; "
                "--max-mb raises the limit)")
        data = path.read_bytes()
    except OSError as err:
        raise SourceError(f"{path}: cannot read ({err.strerror or err})") from None
    digest = hashlib.sha256(data).hexdigest()
    decoded = decode_bytes(data, str(path), encoding, replace)
    del data  # the bytes are not needed once decoded; a large scan should not be held twice
    if (root := xml_root(decoded.text)) is not None:
        raise SourceError(f"{path}: {_not_ocr(root)}")
    return read_text(decoded.text, scan_name(path), convention, decoded, digest, str(path))


#: XML that is no OCR this toolkit reads, as the error names it.
TEI_NS = "http://www.tei-c.org/ns/1.0"


def xml_root(text: str) -> etree.QName | None:
    """The root element's name when `text` is a whole, well-formed XML document (an XML
    declaration or an element first, nothing but XML after); None for anything else, such
    as OCR text with page markers ("<page 12>"), which is not well-formed."""
    head = text.lstrip("\ufeff \t\r\n")
    if not head.startswith("<") or head.startswith("<page"):
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(head.encode("utf-8"), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    return etree.QName(root) if isinstance(root.tag, str) else None


def _not_ocr(root: etree.QName) -> str:
    """Why an XML document is refused as a scan, in one line."""
    if root.namespace == TEI_NS:
        return (f"a TEI document (<{root.localname}>), not an OCR scan: an edition is read by "
                "`edition text`, `edition validate` or `edition diff RAW EDITION`")
    return (f"XML (<{root.localname}>) in no OCR format this toolkit reads (hOCR, ALTO, "
            "PAGE-XML, METS, ABBYY FineReader): not an OCR scan")
