"""Structured OCR sources: which format a file is in, told from its content, and reading it.

`sniff` looks at a file's first bytes, never its name: the root element of an XML file
(`alto`, `PcGts`, `mets`, ABBYY FineReader's `document`), or an HTML file holding an
`ocr_page` (hOCR). Gzip-compressed files are read through (OCR-D ground
truth and the Internet Archive ship their XML gzipped). `read_structured` reads a file, a
directory of page files, a zip of page files, or a METS file, with no options, or returns
None for a source that is plain text (the text readers take it).
"""

from __future__ import annotations

import hashlib
import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from edition.errors import SourceError
from edition.model import Scan, Surface
from edition.read import abbyy, alto, hocr, mets, pagexml
from edition.read.layout import ScanBuilder, digest_files
from edition.read.text import NOT_A_SCAN

GZIP_MAGIC = b"\x1f\x8b"
#: Bytes of a file looked at to tell its format (the root element stands in the first few
#: hundred bytes; hOCR's first `ocr_page` after its head, within a few kilobytes).
SNIFF_BYTES = 1 << 15
#: Share of a directory's or zip's files that must be structured OCR pages for it to be read as
#: one book of page files (the rest, a README or a checksum list, are not pages and are left
#: out).
PAGE_FILES_SHARE = 0.9
#: Files of a directory looked at to decide whether it is a book of structured page files.
SNIFF_FILES = 200

_PROLOG = re.compile(rb"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.S)
_ROOT = re.compile(rb"<(?:[\w.-]+:)?([\w.-]+)")
_ENCODING = re.compile(rb"<\?xml[^>]*encoding=[\"']([\w.-]+)[\"']")

FeedFn = Callable[[bytes, str, ScanBuilder, str, str, str], int]
#: The reader of each page format.
READERS: dict[str, FeedFn] = {"alto": alto.feed, "page": pagexml.feed, "hocr": hocr.feed,
                              "abbyy": abbyy.feed}
#: How the teiHeader names each format.
FORMAT_NAMES = {"alto": "ALTO", "page": "PAGE-XML", "hocr": "hOCR", "mets": "METS",
                "abbyy": "ABBYY FineReader XML"}


def gunzip(data: bytes, where: str, limit: int) -> bytes:
    """The content of gzip-compressed `data`, refused when larger than `limit` bytes."""
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as err:
        raise SourceError(f"{where}: damaged gzip data ({err})") from None
    if len(out) > limit:
        raise SourceError(f"{where}: more than {limit / 2**20:.1f} MB once uncompressed")
    return out


def sniff(head: bytes) -> str | None:
    """The structured format of a file from its first bytes: "alto", "page", "mets", "hocr",
    "abbyy", or None (plain text, or anything else)."""
    text = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    m = _ROOT.match(text, _PROLOG.match(text).end())  # type: ignore[union-attr]
    if m is None:
        return None
    root = m.group(1).lower()
    if root == b"alto":
        return "alto"
    if root == b"pcgts":
        return "page"
    if root == b"mets":
        return "mets"
    if root == b"document" and b"abbyy" in text[:2000].lower():
        return "abbyy"
    if root in (b"html", b"body", b"div", b"head") and (
            b"ocr_page" in text or b"ocr-system" in text or b"ocr-capabilities" in text):
        return "hocr"
    return None


def sniff_bytes(data: bytes) -> str | None:
    """The structured format of a whole file's bytes (gzip-compressed too)."""
    if data.startswith(GZIP_MAGIC):
        try:
            data = zlib.decompressobj(wbits=31).decompress(data, SNIFF_BYTES)
        except zlib.error:
            return None
    return sniff(data[:SNIFF_BYTES])


def sniff_file(path: Path) -> str | None:
    """The structured format of the file at `path` (None when it cannot be read)."""
    try:
        with path.open("rb") as f:
            return sniff_bytes(f.read(SNIFF_BYTES))
    except OSError:
        return None


def _encoding(data: bytes) -> str:
    """The encoding an XML file declares ("utf-8" when it declares none)."""
    m = _ENCODING.search(data[:200])
    return m.group(1).decode("ascii").lower() if m else "utf-8"


def _feed_one(data: bytes, where: str, builder: ScanBuilder, source: str, limit: int,
              label: str = "", url: str = "") -> tuple[str, str]:
    """Read one page file of any structured format into `builder`; its format and encoding."""
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, where, limit)
    fmt = sniff(data[:SNIFF_BYTES])
    if fmt is None or fmt == "mets":
        raise SourceError(f"{where}: not an hOCR, ALTO, PAGE or ABBYY FineReader file")
    READERS[fmt](data, where, builder, source, label, url)
    return fmt, _encoding(data)


def _scan(builder: ScanBuilder, name: str, formats: list[str], encodings: list[str],
          digest: str, how: str, where: str) -> Scan:
    """The finished scan, named by its format; refused when it holds no text."""
    kinds = sorted(set(formats))
    convention = kinds[0] if len(kinds) == 1 else "+".join(kinds)
    encoding = "+".join(sorted(set(encodings))) or "utf-8"
    names = " and ".join(FORMAT_NAMES.get(k, k) for k in kinds)
    scan = builder.scan(name, convention, digest, encoding, f"{names}: {how}")
    if not scan.raw.strip():
        raise SourceError(f"{where}: no text in the file")
    return scan


def read_structured(path: Path, name: str, max_bytes: int) -> Scan | None:
    """The scan of a structured OCR source at `path` (file, directory, zip or METS), or None
    when it is plain text. `name` is the scan's name.

    Raises SourceError for an unreadable or malformed source.
    """
    try:
        if path.is_dir():
            return _read_directory(path, name, max_bytes)
        if zipfile.is_zipfile(path):
            return _read_zip(path, name, max_bytes)
        with path.open("rb") as f:
            head = f.read(SNIFF_BYTES)
        fmt = sniff_bytes(head)
        if fmt is None:
            return None
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(f"{path}: {size / 2**20:.1f} MB is more than the "
                              f"{max_bytes / 2**20:.1f} MB a build reads (--max-mb raises it)")
        data = path.read_bytes()
    except OSError as err:
        raise SourceError(f"{path}: cannot read ({err.strerror or err})") from None
    if fmt == "mets":
        generic = path.stem.lower() in ("mets", "mets_local") and path.parent.name
        return _read_mets(path, data, path.parent.name if generic else name, max_bytes)
    builder = ScanBuilder()
    found, encoding = _feed_one(data, str(path), builder, path.name, max_bytes)
    return _scan(builder, source_name(path) if name == path.stem else name, [found], [encoding],
                 hashlib.sha256(data).hexdigest(), "words of the file", str(path))


def book_directory(path: Path) -> bool:
    """True for a directory that is one structured OCR book: it holds a METS file (its page
    files may be in folders below it), or at least PAGE_FILES_SHARE of its files (of the first
    SNIFF_FILES) are hOCR, ALTO, PAGE or ABBYY files and it has no folders. Notes beside them
    (a README, SOURCE.md, a list of the files: `edition.read.text.NOT_A_SCAN`) are left out;
    where there are such notes, the files must be one file or a numbered sequence
    (`numbered_pages`), as a repository's folder of sample documents is a collection."""
    try:
        everything = sorted(p for p in path.iterdir() if not p.name.startswith("."))
    except OSError:
        return False
    entries = [p for p in everything if not NOT_A_SCAN.search(p.name)]
    files = [p for p in entries if p.is_file()]
    formats = [sniff_file(p) for p in files[:SNIFF_FILES]]
    if "mets" in formats:
        return True
    if not files or len(files) < len(entries):  # folders beside the files: a collection
        return False
    if sum(1 for f in formats if f in READERS) < PAGE_FILES_SHARE * len(formats):
        return False
    # beside a README or a list of the files, a folder of files of more than one document
    # is a collection: the page files of one book are numbered in one sequence
    return len(entries) == len(everything) or len(files) == 1 or numbered_pages(
        [p.name for p in files])


#: The last run of figures in a file name: a page file's number ("PAGE_0017_ALTO.xml").
_NUMBER = re.compile(r"^(?P<before>.*?)(?P<n>\d+)(?P<after>\D*)$")


def numbered_pages(names: list[str]) -> bool:
    """True when the names differ only in their last run of figures ("PAGE_0017_ALTO.xml",
    "PAGE_0020_ALTO.xml"): the page files of one book, not documents side by side."""
    parts = [m.group("before", "after") if (m := _NUMBER.match(n.removesuffix(".gz"))) else None
             for n in names]
    return None not in parts and len(set(parts)) == 1


def source_name(path: Path) -> str:
    """A structured source's name: its file name without ".gz" and its extension."""
    return Path(path.name.removesuffix(".gz")).stem if path.is_file() else path.name


def _page_files(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes, str]] | None:
    """The structured page files among a directory's or zip's files (with their format), when
    they are at least PAGE_FILES_SHARE of them; None otherwise."""
    found = [(n, data, fmt) for n, data in files if (fmt := sniff_bytes(data[:SNIFF_BYTES])
                                                     if not data.startswith(GZIP_MAGIC)
                                                     else sniff_bytes(data))]
    if not found or len(found) < PAGE_FILES_SHARE * len(files):
        return None
    return found


def _read_pages(files: list[tuple[str, bytes]], where: Path, name: str, max_bytes: int,
                digest: str) -> Scan | None:
    """A book of page files, in file-name order (a METS file among them decides instead)."""
    pages = _page_files(files)
    if pages is None:
        return None
    builder = ScanBuilder()
    formats, encodings = [], []
    for file_name, data, fmt in pages:
        if fmt == "mets":
            continue
        found, enc = _feed_one(data, f"{where}/{file_name}", builder, file_name, max_bytes)
        formats.append(found)
        encodings.append(enc)
    return _scan(builder, name, formats, encodings, digest,
                 f"words of {len(formats)} page files in file-name order", str(where))


def _read_directory(path: Path, name: str, max_bytes: int) -> Scan | None:
    """A directory of structured page files (or holding a METS file), or None."""
    entries = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
    if not book_directory(path):
        return None
    entries = [p for p in entries if not NOT_A_SCAN.search(p.name)]  # a README, a file list
    if not any(sniff_file(p) for p in entries[:SNIFF_FILES]):
        return None
    total = sum(p.stat().st_size for p in entries)
    if total > max_bytes:
        raise SourceError(f"{path}: {total / 2**20:.1f} MB of page files is more than the "
                          f"{max_bytes / 2**20:.1f} MB a build reads (--max-mb raises it)")
    for entry in entries[:SNIFF_FILES]:
        if sniff_file(entry) == "mets":  # the METS file is the book; the rest is its parts
            try:
                return _read_mets(entry, entry.read_bytes(), name, max_bytes)
            except mets.EmptyMetsError:
                # it lists no pages: the page files beside it are the book, whatever else
                # the directory holds (notes, a table export)
                pages = [(p.name, p.read_bytes()) for p in entries
                         if sniff_file(p) in READERS and p != entry]
                if not pages:
                    raise
                return _read_pages(pages, path, name, max_bytes, digest_files(pages))
    files = [(p.name, p.read_bytes()) for p in entries]
    return _read_pages(files, path, name, max_bytes, digest_files(files))


def _read_zip(path: Path, name: str, max_bytes: int) -> Scan | None:
    """A zip archive of structured page files, or None."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = sorted((i for i in archive.infolist() if not i.is_dir()
                            and not Path(i.filename).name.startswith(".")),
                           key=lambda i: i.filename)
            if sum(i.file_size for i in infos) > max_bytes:
                raise SourceError(f"{path}: its page files are more than the "
                                  f"{max_bytes / 2**20:.1f} MB a build reads")
            heads = [archive.open(i).read(SNIFF_BYTES) for i in infos[:SNIFF_FILES]]
            if not any(sniff_bytes(h) for h in heads):
                return None
            files = [(i.filename, archive.read(i)) for i in infos]
    except (zipfile.BadZipFile, EOFError, zlib.error) as err:
        raise SourceError(f"{path}: damaged zip archive ({err})") from None
    return _read_pages(files, path, name, max_bytes, hashlib.sha256(path.read_bytes()).hexdigest())


def _read_mets(path: Path, data: bytes, name: str, max_bytes: int) -> Scan:
    """A METS file and the ALTO or PAGE files it lists, in the order of its structural map."""
    pages = mets.read_mets(data, path,
                           lambda p: sniff_file(p) in ("alto", "page"))
    builder = ScanBuilder()
    files: list[tuple[str, bytes]] = [(path.name, data)]
    formats, encodings = [], []
    total = len(data)
    for page in pages:
        if page.text is None:
            builder.page(Surface("", page.image, page.image_url, label=page.label))
            builder.end_page()
            continue
        try:
            content = page.text.read_bytes()
        except OSError as err:
            raise SourceError(f"{page.text}: cannot read ({err.strerror or err})") from None
        total += len(content)
        if total > max_bytes:
            raise SourceError(f"{path}: its page files are more than the "
                              f"{max_bytes / 2**20:.1f} MB a build reads (--max-mb raises it)")
        files.append((page.text_href, content))
        found, enc = _feed_one(content, str(page.text), builder, page.text_href, max_bytes,
                               page.label, page.image_url)
        formats.append(found)
        encodings.append(enc)
    return _scan(builder, name, formats, encodings, digest_files(files),
                 f"words of {len(formats)} page files in the order of {path.name}'s structural "
                 "map", str(path))

