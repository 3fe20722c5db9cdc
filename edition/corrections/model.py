"""A correction record, and the corrections file that holds an editor's corrections of one scan.

**Why a TSV file beside the scan.** The corrections of `raw/NAME.txt` live in
`raw/NAME.corrections.tsv`: data beside the scan, never in it, so the raw file stays exactly as
the library delivered it (its sha256 in the edition still names it) and every rebuild re-applies
the corrections after the rules. Tab-separated values were chosen over a TEI standoff file
because the people who make corrections work in text editors and spreadsheets: one correction
is one line, readable and diffable in version control, editable by hand, sortable in a
spreadsheet, and written by the toolkit in the same escaped form as `edition build
--list-edits` (backslash, tab and line ends as `\\\\`, `\\t`, `\\n`, `\\r`). The TEI edition
itself records what the corrections did (`choice/sic/corr`, `respStmt`, `revisionDesc`); a
standoff file would repeat that in a form few editors can write by hand.

**The file.** Its first line names the format and its version, `# edition corrections,
format 1`; the next line that is not blank and not a comment (`#` ...) is the header row; then
one correction a line, in the columns of `COLUMNS`:

| column | what it holds |
| --- | --- |
| id | the correction's name in this file (`c1`, `c2`, ...), unique |
| scan_page | the scan page of the anchor, 1-based ("scan page 1" is the file's first page) |
| kind | one of `KINDS` |
| found | the reading text the rules made at the anchor when the correction was made |
| replacement | the reading text the editor wants there (see `KINDS` for each kind) |
| note | the editor's note, free text (may be empty) |
| by | who made the correction (a person's name) |
| when | when, ISO 8601 in UTC (`2024-05-01T10:22:03Z`); corrections made together share it |
| offset | the anchor's raw offset into the scan's text as read (as `--list-edits` gives offsets) |
| original | the scan's own text at the anchor (raw), empty for an anchor at a point |
| before, after | the scan's text on each side of the anchor (`anchor.CONTEXT_CHARS` at most) |

Paragraph breaks in `found` and `replacement` are written as a blank line (`\\n\\n`), as the
reading text separates paragraphs. A malformed line is refused with a one-line
`CorrectionsError` naming the file and the line; nothing is guessed.
"""

from __future__ import annotations

import getpass
import hashlib
import os
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import regex

from edition.errors import CorrectionsError

#: The version of the file format this toolkit reads and writes.
FORMAT_VERSION = 1
#: The start of a corrections file's first line; the format version follows it.
MAGIC = "# edition corrections"
FIRST_LINE = f"{MAGIC}, format {FORMAT_VERSION}"
#: The columns of a corrections file, in order.
COLUMNS = ("id", "scan_page", "kind", "found", "replacement", "note", "by", "when", "offset",
           "original", "before", "after")
#: A corrections file's name is its scan's name with this suffix, in the scan's folder.
SUFFIX = ".corrections.tsv"
#: How a paragraph break reads in `found` and `replacement` (as in the reading text).
PARAGRAPH = "\n\n"

#: Every kind of correction, with what its anchor, `found` and `replacement` are.
KINDS: dict[str, str] = {
    "text": "the reading text of the anchor (a raw span) becomes `replacement`; shown in the TEI "
            "as choice with sic (the scan's) and corr (the editor's)",
    "hyphen-keep": "the line-end hyphen at the anchor stays in the word ('found' '-' or '', "
                   "'replacement' '-')",
    "hyphen-join": "the line-end hyphen at the anchor is removed and the word joined ('replacement' '')",
    "paragraph-break": "a new paragraph begins at the anchor, a point before its first letter",
    "paragraph-join": "the paragraph beginning at the anchor runs on from the one before it",
    "page-number": "the scan page beginning at the anchor has the printed number 'replacement' "
                   "(empty: no printed number)",
    "heading": "the block holding the anchor is a heading",
    "not-heading": "the block holding the anchor is a paragraph, not a heading",
    "furniture": "the anchor is page furniture (a running head, a page number) left in the text: "
                 "removed from the reading text, kept as fw",
    "not-furniture": "the anchor, removed by a rule as page furniture, is text: restored to the "
                     "reading text where it stands",
}
#: Kinds that record a decision, which stands whatever the rules now make at the anchor; the
#: others correct the text the rules made, and go stale when the rules make other text there.
DECISIONS = frozenset({"hyphen-keep", "hyphen-join", "paragraph-break", "paragraph-join",
                       "page-number"})
#: Kinds whose anchor is a point (no raw text of its own).
POINTS = frozenset({"paragraph-break", "paragraph-join", "page-number"})
#: An id: a letter and then letters, digits, hyphens or underscores.
IDENT = regex.compile(r"^\p{L}[\p{L}\p{N}_-]{0,40}$")
#: The escapes of a field (as `edition build --list-edits` writes them).
ESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction, as a line of the corrections file (see the module docstring for each
    field). `page` is 1-based; `offset` a raw character offset; `line` the line of the file it
    was read from (0 for one not read from a file)."""

    id: str
    page: int
    kind: str
    found: str
    replacement: str
    note: str
    by: str
    when: str
    offset: int
    original: str
    before: str
    after: str
    line: int = 0

    @property
    def end(self) -> int:
        """The raw offset just after the anchor's text."""
        return self.offset + len(self.original)

    @property
    def confirmation(self) -> bool:
        """True for a correction that confirms what a rule made (`edition review --accept`):
        its replacement is what it found."""
        return self.found == self.replacement and self.kind in (
            "text", "hyphen-keep", "hyphen-join", "page-number", "furniture")

    def row(self) -> str:
        """The correction as a line of the file (without the line end)."""
        values = (self.id, str(self.page), self.kind, self.found, self.replacement, self.note,
                  self.by, self.when, str(self.offset), self.original, self.before, self.after)
        return "\t".join(escape(v) for v in values)


@dataclass(frozen=True, slots=True)
class Corrections:
    """The corrections of one scan: the file they were read from (None for corrections not
    read from a file), its sha256, and the records in file order."""

    path: Path | None
    records: tuple[Correction, ...]
    sha256: str = ""

    @property
    def name(self) -> str:
        """The file's name, as messages and the teiHeader give it."""
        return self.path.name if self.path else "corrections"

    def where(self, c: Correction) -> str:
        """Where a correction is written, "NAME.corrections.tsv:7", for messages."""
        return f"{self.name}:{c.line}" if c.line else self.name


def escape(value: str) -> str:
    """A field as the file holds it: backslash, tab and line ends escaped."""
    return (value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))


def unescape(value: str) -> str:
    """A field's text; raises ValueError naming an unknown escape."""
    if "\\" not in value:
        return value
    out: list[str] = []
    k = 0
    while k < len(value):
        ch = value[k]
        if ch == "\\":
            nxt = value[k + 1 : k + 2]
            if nxt not in ESCAPES:
                raise ValueError(f"unknown escape '\\{nxt}' (use \\\\, \\t, \\n or \\r)")
            out.append(ESCAPES[nxt])
            k += 2
            continue
        out.append(ch)
        k += 1
    return "".join(out)


def parse_when(text: str) -> datetime | None:
    """An ISO 8601 date and time ("2024-05-01T10:22:03Z"), or None when it is not one."""
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _field_error(name: str, line: int, message: str) -> CorrectionsError:
    return CorrectionsError(f"{name}:{line}: {message}")


def _record(fields: list[str], name: str, line: int) -> Correction:
    """One correction from the fields of its line (raises CorrectionsError)."""
    if len(fields) != len(COLUMNS):
        raise _field_error(name, line, f"{len(fields)} tab-separated fields where a correction has "
                                       f"{len(COLUMNS)} ({', '.join(COLUMNS)})")
    values: dict[str, str] = {}
    for column, raw in zip(COLUMNS, fields, strict=True):
        try:
            values[column] = unescape(raw)
        except ValueError as err:
            raise _field_error(name, line, f"{column}: {err}") from None
    ident, kind = values["id"], values["kind"]
    if not IDENT.match(ident):
        raise _field_error(name, line, f"id {ident!r} is not a name (a letter, then letters, digits "
                                       "or hyphens: c1, c2, ...)")
    if kind not in KINDS:
        raise _field_error(name, line, f"kind {kind!r} is not one of {', '.join(KINDS)}")
    numbers: dict[str, int] = {}
    for column, least in (("scan_page", 1), ("offset", 0)):
        text = values[column]
        if not text.isascii() or not text.isdigit() or int(text) < least:
            raise _field_error(name, line, f"{column} {text!r} is not a whole number of "
                                           f"{least} or more")
        numbers[column] = int(text)
    if not values["by"].strip():
        raise _field_error(name, line, "by is empty: a correction names who made it")
    if parse_when(values["when"]) is None:
        raise _field_error(name, line, f"when {values['when']!r} is not an ISO 8601 date and time "
                                       "(2024-05-01T10:22:03Z)")
    original, replacement = values["original"], values["replacement"]
    if kind in POINTS and original:
        raise _field_error(name, line, f"a {kind} correction is anchored at a point: its original "
                                       "is empty")
    if kind not in POINTS and not original:
        raise _field_error(name, line, f"a {kind} correction needs the scan's text it is anchored "
                                       "to (original is empty)")
    if kind in ("hyphen-keep", "hyphen-join") and len(original) != 1:
        raise _field_error(name, line, f"a {kind} correction is anchored to the one hyphen "
                                       f"character, not {original!r}")
    if kind == "text" and "\n" in replacement:
        raise _field_error(name, line, "a text replacement holds a line break; a new paragraph is a "
                                       "paragraph-break correction")
    return Correction(ident, numbers["scan_page"], kind, values["found"], replacement,
                      values["note"], values["by"].strip(), values["when"], numbers["offset"],
                      original, values["before"], values["after"], line)


def parse(text: str, name: str) -> tuple[Correction, ...]:
    """The corrections of a file's text; `name` names it in errors.

    Raises CorrectionsError, naming the file and the line, for a file that is not a corrections
    file, one of a newer format, a header row that is not `COLUMNS`, or a malformed line.
    """
    lines = text.split("\n")
    first = lines[0].lstrip("\ufeff").rstrip("\r")
    m = regex.match(rf"^{regex.escape(MAGIC)},?\s+format\s+(\d+)\s*$", first)
    if not m:
        raise _field_error(name, 1, f"not an edition corrections file (its first line must be "
                                    f"{FIRST_LINE!r})")
    if int(m[1]) > FORMAT_VERSION:
        raise _field_error(name, 1, f"written in format {m[1]} by a newer edition; this one reads "
                                    f"format {FORMAT_VERSION}")
    records: list[Correction] = []
    seen: dict[str, int] = {}
    header = False
    for number, content in enumerate(lines[1:], start=2):
        content = content.rstrip("\r")
        if not content.strip() or content.startswith("#"):
            continue
        fields = content.split("\t")
        if not header:
            if tuple(f.strip() for f in fields) != COLUMNS:
                raise _field_error(name, number, "the header row must be the columns "
                                                 + "\\t".join(COLUMNS))
            header = True
            continue
        record = _record(fields, name, number)
        if record.id in seen:
            raise _field_error(name, number, f"id {record.id!r} is used twice (first on line "
                                             f"{seen[record.id]})")
        seen[record.id] = number
        records.append(record)
    return tuple(records)


def beside(source: Path) -> Path:
    """The corrections file of a scan: `NAME.corrections.tsv` in the scan's folder, NAME the
    source's file name without its extension (a directory or zip of page files: its name)."""
    stem = source.name if source.is_dir() else source.stem
    return source.parent / f"{stem}{SUFFIX}"


def load(path: Path) -> Corrections:
    """The corrections in the file at `path` (raises CorrectionsError when it cannot be read
    or is malformed)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise CorrectionsError(f"{path}: cannot read ({err.strerror or err})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CorrectionsError(f"{path.name}:{line}: not UTF-8 (byte {err.start})") from None
    return Corrections(path, parse(text, path.name), hashlib.sha256(data).hexdigest())


def load_beside(source: Path) -> Corrections | None:
    """The corrections of the scan at `source`, or None when it has no corrections file."""
    path = beside(source)
    return load(path) if path.is_file() else None


def dumps(records: list[Correction] | tuple[Correction, ...]) -> str:
    """A corrections file's text."""
    rows = [FIRST_LINE, "\t".join(COLUMNS), *(c.row() for c in records)]
    return "\n".join(rows) + "\n"


def save(path: Path, records: list[Correction] | tuple[Correction, ...]) -> None:
    """Write a corrections file atomically (a reader never sees half of it); raises OSError."""
    from edition.files import write_atomic

    write_atomic(path, dumps(records).encode("utf-8"))


def next_ids(records: list[Correction] | tuple[Correction, ...], count: int) -> list[str]:
    """`count` new ids after the highest `cN` of `records`."""
    top = max((int(c.id[1:]) for c in records if regex.match(r"^c\d+$", c.id)), default=0)
    return [f"c{top + k}" for k in range(1, count + 1)]


def numbered(records: list[Correction], existing: list[Correction] | tuple[Correction, ...]
             ) -> list[Correction]:
    """New records given the next free ids after `existing`."""
    ids = next_ids(existing, len(records))
    return [replace(c, id=ident) for c, ident in zip(records, ids, strict=True)]


def now() -> str:
    """The time of a correction session: now, in UTC to the second (SOURCE_DATE_EPOCH when it
    is set, as in reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = (datetime.fromtimestamp(int(epoch), tz=UTC) if epoch.isdigit()
              else datetime.now(tz=UTC))
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def editor_name(given: str | None) -> str:
    """Who is correcting: `given` (--by), else $EDITION_EDITOR, else the login name."""
    for name in (given, os.environ.get("EDITION_EDITOR")):
        if name and name.strip():
            return " ".join(name.split())
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"
