"""Read a raw scan into pages of lines with raw offsets.

Page conventions are detected from the text itself. Each convention is a
function from the decoded text to a list of pages; `CONVENTIONS` maps its name
to it so that `--pages NAME` can override the detection and new conventions
slot in without touching the rest of the pipeline.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import regex

from edition.errors import SourceError
from edition.model import Line, Page, Scan

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


def _page(index: int, lines: list[Line]) -> Page:
    """A page from its lines, trimmed of blank lines at either end."""
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
    """Pages separated by form feed characters (the feed itself is whitespace)."""
    runs: list[list[Line]] = [[]]
    for line in split_lines(raw):
        if FORM_FEED in line.text:
            pos = line.start
            parts = line.text.split(FORM_FEED)
            for k, part in enumerate(parts):
                if k:
                    runs.append([])
                if part:
                    runs[-1].append(Line(pos, pos + len(part), part))
                pos += len(part) + 1
        else:
            runs[-1].append(line)
    return _group(runs)


CONVENTIONS: dict[str, Callable[[str], list[Page]]] = {
    "blank-runs": pages_by_blank_runs,
    "form-feed": pages_by_form_feed,
}

_GAP = regex.compile(rf"\n(?:[ \t]*\n){{{PAGE_GAP_LINES},}}")


def detect_convention(raw: str) -> str:
    """The page convention that `raw` evidently follows."""
    if raw.count(FORM_FEED) >= 1:
        return "form-feed"
    if _GAP.search(raw):
        return "blank-runs"
    return "blank-runs"


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode raw bytes as UTF-8 (a BOM is dropped and noted); the text and encoding."""
    encoding = "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8-sig"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise SourceError(
            f"{name}: not valid UTF-8 at byte {err.start} ({data[err.start:err.start + 1]!r})"
        ) from None
    if "\x00" in text:
        raise SourceError(f"{name}: contains NUL bytes at char {text.index(chr(0))}; not a text scan")
    return text, encoding


def read_text(raw: str, name: str, convention: str = "auto", encoding: str = "utf-8") -> Scan:
    """Split decoded text into a Scan following `convention` ("auto" detects it)."""
    if convention == "auto":
        convention = detect_convention(raw)
    if convention not in CONVENTIONS:
        raise SourceError(f"{name}: unknown page convention {convention!r}")
    pages = CONVENTIONS[convention](raw)
    if not pages:
        raise SourceError(f"{name}: no text in the file")
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    return Scan(name, raw, tuple(pages), convention, encoding, digest)


def read_scan(path: Path, convention: str = "auto") -> Scan:
    """Read the raw scan at `path`; the file is opened read-only and never written."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise SourceError(f"{path}: cannot read ({err.strerror or err})") from None
    text, encoding = decode(data, str(path))
    return read_text(text, path.stem, convention, encoding)
