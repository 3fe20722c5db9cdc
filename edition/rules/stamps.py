"""Library stamps and accession marks: data about the copy, not text of the book.

A library copy carries its owner's marks on the first leaves: the library's
name, class (shelf) and book numbers, the accession number and date. They are
found only in the preliminary pages (before the first page of prose) and become
a `CopyRecord` for the teiHeader; their lines leave the text as edits of the
rule `library-stamp`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from edition.model import Edit, Line, Scan, line_edit
from edition.rules.markup import heading_level

RULE = "library-stamp"

#: A line holding this many words or more is prose; stamps are looked for only before it.
PROSE_WORDS = 25
#: A stamp value (number, class mark or date) is at most this long.
MAX_VALUE_CHARS = 16
#: An institution line has at most this many words.
MAX_NAME_WORDS = 3

#: A stamp label, with the value on the same line or on the next.
LABEL = regex.compile(
    r"^(?P<label>class|call|book|acc(?:ession)?|accn|reg(?:istration)?)\s*\.?\s*"
    r"(?:no|number|num)\s*[.:]?\s*(?P<value>.*)$",
    regex.I,
)
#: Words that name a library or its parent institution.
INSTITUTION = regex.compile(
    r"\b(?:library|college|university|institute|school|society|academy|museum)\b", regex.I
)
#: A value: a number, a class mark such as 947.01 or K92I, or a date such as 9-2-47.
VALUE = regex.compile(r"^[\p{Lu}\d][\p{Lu}\d./-]*\.?$")
#: A day-month-year date as written by hand in accession registers (9-2-47, 09/02/1947).
DATE = regex.compile(r"^(?P<d>\d{1,2})[-./](?P<m>\d{1,2})[-./](?P<y>\d{2}|\d{4})\.?$")
#: A short name in capitals (the first half of a stamp split across leaves: "AMARSINGH").
CAPS_WORD = regex.compile(r"^\p{Lu}[\p{Lu}\p{Ll}'.]*(?:\s+\p{Lu}[\p{Lu}\p{Ll}'.]*){0,2}$")

#: Digitisation notices and storage labels: added by the library or the scanner, anywhere.
NOTICE = regex.compile(
    r"^(?:digiti[sz]ed\s+by\s+(?:the\s+)?(?:internet\s+archive|google|microsoft)\b.*"
    r"|https?://(?:www\.)?archive\.org/details/\S+"
    r"|\((?:RECAP)\))$",
    regex.I,
)
#: The lines that continue an Internet Archive notice ("in 2015", "with funding from ...").
NOTICE_CONTINUED = regex.compile(r"^(?:in\s+\d{4}\b.*|with\s+funding\s+from\b.*)$", regex.I)
NOTICE_RULE = "digitisation-notice"

LABEL_TYPES = {"class": "class", "call": "call", "book": "book", "reg": "registration"}


@dataclass(frozen=True, slots=True)
class StampDate:
    """An accession date as written, and its ISO reading with the certainty of that reading."""

    text: str
    iso: str
    cert: str


@dataclass(slots=True)
class CopyRecord:
    """What the stamps say about the physical copy that was scanned."""

    institution: list[str] = field(default_factory=list)
    repository: list[str] = field(default_factory=list)
    idnos: list[tuple[str, str]] = field(default_factory=list)
    accession_date: StampDate | None = None
    stamps: list[tuple[int, str]] = field(default_factory=list)  # (scan page, stamp line)
    notices: list[tuple[int, str]] = field(default_factory=list)  # digitisation, storage labels

    def __bool__(self) -> bool:
        return bool(self.stamps or self.notices)


def read_date(text: str, century: int = 1900) -> StampDate | None:
    """An accession date in day-month-year order; `cert` is "medium" when month-day would also read."""
    m = DATE.match(text.strip())
    if not m:
        return None
    d, mo, y = int(m["d"]), int(m["m"]), int(m["y"])
    if len(m["y"]) == 2:
        y += century
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    cert = "medium" if d <= 12 and d != mo else "high"
    return StampDate(text.strip(), f"{y:04d}-{mo:02d}-{d:02d}", cert)


def _label_type(label: str) -> str:
    """The identifier type of a stamp label word."""
    label = label.lower()
    if label.startswith("acc"):
        return "accession"
    return LABEL_TYPES.get(label[:4] if label.startswith("reg") else label, label)


def _front_lines(scan: Scan) -> list[tuple[int, Line]]:
    """The non-blank lines of the preliminary pages, before the first page with prose."""
    out: list[tuple[int, Line]] = []
    for page in scan.pages:
        lines = page.content_lines()
        if any(len(line.text.split()) >= PROSE_WORDS for line in lines):
            break
        out.extend((page.index, line) for line in lines)
    return out


def find_stamps(scan: Scan) -> tuple[list[Edit], CopyRecord]:
    """The stamp lines of the preliminary pages as edits, and the copy record they make."""
    lines = _front_lines(scan)
    record = CopyRecord()
    marked: dict[int, str] = {}  # index into lines -> what the line is
    pending: str | None = None  # label waiting for its value on a following line
    accessions: set[str] = set()

    def add_value(kind: str, value: str) -> None:
        date = read_date(value) if kind == "accession" else None
        if date and record.accession_date is None:
            record.accession_date = date
        else:
            record.idnos.append((kind, value))
            if kind == "accession":
                accessions.add(value)

    for k, (_, line) in enumerate(lines):
        text = line.text.strip().rstrip()
        if heading_level(text):
            pending = None
            continue
        if m := LABEL.match(text):
            marked[k] = "label"
            kind = _label_type(m["label"])
            value = m["value"].strip()
            if value:
                add_value(kind, value)
                pending = None
            else:
                pending = kind
        elif pending and VALUE.match(text) and len(text) <= MAX_VALUE_CHARS:
            marked[k] = "value"
            add_value(pending, text)
            pending = None
        elif INSTITUTION.search(text) and len(text.split()) <= MAX_NAME_WORDS:
            marked[k] = "name"
    # A number repeated from an accession stamp, next to an accession label, is the same stamp.
    for k, (_, line) in enumerate(lines):
        text = line.text.strip()
        if k not in marked and text in accessions and (marked.get(k + 1) == "label"):
            marked[k] = "value"
    # A capitalised name directly before an institution line is part of that name.
    for k in sorted(marked, reverse=True):
        j = k - 1
        while j >= 0 and marked.get(j + 1) == "name" and j not in marked:
            text = lines[j][1].text.strip()
            if heading_level(text) or not CAPS_WORD.match(text) or INSTITUTION.search(text):
                break
            marked[j] = "name"
            j -= 1
    edits: list[Edit] = []
    for k in sorted(marked):
        page, line = lines[k]
        text = line.text.strip()
        edits.append(line_edit(RULE, line, page, marked[k]))
        record.stamps.append((page, text))
        if marked[k] == "name":
            if regex.search(r"\blibrary\b", text, regex.I):
                record.repository.append(text)
            else:
                record.institution.append(text)
    edits += find_notices(scan, record)
    return edits, record


def find_notices(scan: Scan, record: CopyRecord) -> list[Edit]:
    """Digitisation notices and storage labels on any page, as edits and notices of the copy."""
    edits: list[Edit] = []
    for page in scan.pages:
        after_notice = False
        for line in page.content_lines():
            text = line.text.strip()
            if NOTICE.match(text) or (after_notice and NOTICE_CONTINUED.match(text)):
                edits.append(line_edit(NOTICE_RULE, line, page.index,
                                       "added by the library or the digitiser"))
                record.notices.append((page.index, text))
                after_notice = True
            else:
                after_notice = False
    return edits
