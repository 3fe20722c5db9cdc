"""The copy's own marks and the digitiser's: data about the copy and the scan, not text of the book.

A library copy carries its owner's marks where no text of the book stands: on the leaves
before the text (`edition.rules.leaves`) and after it. A line there is a copy mark only when
it has the shape of one:

- an institution's name: a short name-shaped line (capitalised words) with a library noun
  (library, college, university, institute, academy, museum, athenaeum, seminary), and no
  word of a book's own title page ("printed", "published", "press", "author" ...), with the
  capitalised lines next to it that complete the name ("THE LIBRARY / OF / THE UNIVERSITY /
  OF CALIFORNIA / LOS ANGELES");
- a provenance mark: "FROM THE LIBRARY OF", "GIFT OF", "BEQUEST OF", "EX LIBRIS", "CLASS OF
  1861", with the name lines after it;
- a label with its value: class, call, book, accession numbers, and accession dates;
- a due-date slip or loan notice ("DATE DUE", "THE BORROWER WILL BE CHARGED ...",
  "PRINTED IN U.S.A.") with the capitalised lines of its block;
- a shelf mark or barcode: a line of identifiers with seven digits or more, or a barcode's
  bars read as a run of I, l and 1;
- a stamped date ("OCT 11 1999", "SEPTEMBER 28, 1934") next to another mark.

A line of prose is never a copy mark, wherever it stands. The marks become a `CopyRecord`
for the teiHeader (msDesc) and leave the text as edits of the rule `library-stamp`.

Digitisation notices and watermarks are the scanner's, anywhere in the scan: the Internet
Archive's and Google's notices (a whole notice page too), and Google's watermark at the foot
of a page in every form the OCR garbles it to ("Digitized by Google", "Digitized by VjOOQIC",
"byGoogle"). They leave the text as edits of `digitisation-notice` and are described with
the scan (bibl type="scan"); storage labels ("(RECAP)") are the library's, with its stamps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from edition.model import Edit, Line, Scan, line_edit
from edition.rules.leaves import Leaves, find_leaves, is_prose_line
from edition.rules.markup import heading_level

RULE = "library-stamp"
NOTICE_RULE = "digitisation-notice"

#: A stamp value (number, class mark or date) is at most this long.
MAX_VALUE_CHARS = 16
#: An institution's name line has at most this many words.
MAX_NAME_WORDS = 8
#: Digits a shelf-mark or barcode line holds at least.
SHELF_MARK_DIGITS = 7

#: A stamp label, with the value on the same line or on the next.
LABEL = regex.compile(
    r"^(?P<label>class|call|book|acc(?:ession)?|accn|reg(?:istration)?)\s*\.?\s*"
    r"(?:no|number|num)\s*[.:]?\s*(?P<value>.*)$",
    regex.I,
)
#: Nouns that name a library or the institution it belongs to.
INSTITUTION = regex.compile(
    r"\b(?:librar(?:y|ies)|college|university|universit[äà]t|institut(?:e|ion)?|academy|museum"
    r"|athen(?:a)?eum|seminary|bibliot(?:h)?(?:ek|èque|eca|heca))\b", regex.I
)
#: Words of a book's own title page or imprint, never of a stamp.
NOT_A_STAMP = regex.compile(
    r"\b(?:printed|published|publishers?|press|sold|author|edition|member|fellow|professor|"
    r"lecturer|delivered|read\s+before|surgeon|by|copyright|catalog\w*|card|isbn|issn|lccn)\b",
    regex.I,
)
#: A name as a stamp sets it: capitalised words, and the small words between them.
NAME_SHAPE = regex.compile(
    r"^(?:(?:\p{Lu}[\p{L}'’.&-]*|of|the|and|at|in|de|la|du|für|zu|[&,.])\s*){1,8}$")
#: A short line in capitals or capitalised words, completing a name on the line beside it.
CAPS_WORD = regex.compile(r"^\p{Lu}[\p{Lu}\p{Ll}'.,-]*(?:\s+\p{Lu}[\p{Lu}\p{Ll}'.,-]*){0,3}$")
#: A connecting line of a name set over several lines ("OF", "OF THE").
CONNECTOR = regex.compile(r"^(?:of|of\s+the|the|and|at)$", regex.I)
#: A provenance mark: a bookplate's or a gift's wording.
PROVENANCE = regex.compile(
    r"^(?:(?:from\s+)?the\s+library\s+of|gift\s+of|the\s+gift\s+of|bequest\s+of|bequeathed\s+by|"
    r"presented\s+(?:by|to)|ex\s+libris|purchased\s+(?:from|with)|bought\s+with|"
    r"class\s+of\s+\d{4})\b", regex.I)
#: A loan slip or due-date notice.
SLIP = regex.compile(
    r"\b(?:date\s+due|due\s+date|overdue|borrower|renew(?:al|able|ed)?|non-?renewable|"
    r"stamped\s+below|last\s+date|date\s+stamped|returned?\s+(?:to|on|by)|due\b|"
    r"u\.\s?s\.\s?a\.?\s*\W*$)", regex.I)
#: The wording of a loan slip, a book card or a library form in any case: a line of it is a
#: mark even where it reads like a sentence ("This book is DUE on the last date stamped below").
SLIP_WORDING = regex.compile(
    r"\b(?:stamped\s+below|date\s+due|due\s+on\s+the\s+last|overdue|borrower|"
    r"non-?renewable|do\s+not\s+remove|book\s+card|renewals?\b)|^form\s+\p{L}{0,2}\d", regex.I)
#: A barcode's bars as the OCR reads them.
BARS = regex.compile(r"[Il1|!]{10,}")
#: A stamped date: "OCT111999", "NOV22-99", "SEPTEMBER 28, 1934".
STAMP_DATE = regex.compile(
    r"^\W*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d{1,2}\s*[,'-]?\s*"
    r"(?:\d{2}|\d{4})\W*$", regex.I)
#: A value: a number, a class mark such as 947.01 or K92I, or a date such as 9-2-47.
VALUE = regex.compile(r"^[\p{Lu}\d][\p{Lu}\d./-]*\.?$")
#: A day-month-year date as written by hand in accession registers (9-2-47, 09/02/1947).
DATE = regex.compile(r"^(?P<d>\d{1,2})[-./](?P<m>\d{1,2})[-./](?P<y>\d{2}|\d{4})\.?$")

#: The scanner's notices: the Internet Archive's, Google's and Microsoft's; a storage label.
NOTICE = regex.compile(
    r"^(?:digiti[sz]ed\s+by\s+(?:the\s+)?(?:internet\s+archive|google|microsoft)\b.*"
    r"|https?://(?:www\.)?archive\.org/details/\S+)$",
    regex.I,
)
#: Storage labels: the library's, kept with its stamps.
STORAGE = regex.compile(r"^\((?:RECAP)\)$|\bregional\s+library\s+facility\b", regex.I)


def is_storage_label(text: str) -> bool:
    """Whether a line is (or holds) a storage label: `STORAGE` finds one in it. An ASCII line
    that neither starts with "(" nor holds "facility" in any case holds none: such lines, most
    of a book, are answered without the case-insensitive search (the costliest test of a line
    in `find_notices`, which tries every line of the book)."""
    if text.isascii() and not text.startswith("(") and "facility" not in text.lower():
        return False
    return STORAGE.search(text) is not None
#: The lines that continue an Internet Archive notice ("in 2015", "with funding from ...").
NOTICE_CONTINUED = regex.compile(r"^(?:in\s+\d{4}\b.*|with\s+funding\s+from\b.*)$", regex.I)
#: A notice line after which the next line is the funder's name.
FUNDED_BY = regex.compile(r"\bwith\s+funding\s+from\s*$", regex.I)
#: "Digitized" as the OCR spells it in a watermark.
DIGITIZED = r"d\s?[il1]\s?[gq]\s?[il1]\s?[tlf]\s?[il1]\s?[sz]\s?e\s?d"
#: Google's name as the OCR garbles it in the watermark: "Google", "VjOOQIC", "OOglC",
#: "Goo^^le": a first letter (or a look-alike pair), two o's, a g (or q, or carets), an l
#: (or I, i, 1), and a final e (or c).
GOOGLE = r"(?:G|[VvLlC][jJiI]?|\S?)[oO0]{2}(?:[gqQG]\^*|\^+)?[lLIi1][eEcC]"
#: Google's watermark at the foot of a page: "Digitized by" and whatever the OCR made of
#: "Google", or "by" fused to a Google-shaped word (both specific enough on their own).
WATERMARK = regex.compile(rf"^(?:{DIGITIZED}\s*(?:by|hy|bv)?\s*\S{{0,9}}|(?:by|hy)\s*{GOOGLE})$",
                          regex.I)
#: A Google-shaped word alone at the foot of a page: a watermark only where the scan holds
#: WATERMARK_RECUR such feet or more (a catchword could have the shape once).
BARE_WATERMARK = regex.compile(rf"^{GOOGLE}$")
WATERMARK_RECUR = 3
#: Phrases of Google's notice page (as in many Google-digitised volumes), found with up to two
#: OCR slips each; a page holding NOTICE_PHRASES_MIN of them is the notice.
NOTICE_PHRASES = (
    "digital copy of a book", "preserved for generations", "scanned by google",
    "usage guidelines", "about google book search", "google's mission",
    "public domain materials", "attribution watermark", "books.google.com",
    "make non-commercial use",
)
NOTICE_PHRASES_MIN = 2
#: Words of those phrases long enough to survive the OCR in most copies, looked for exactly
#: before the phrases are searched with slips allowed.
NOTICE_WORDS = ("google", "generations", "guidelines", "mission", "attribution", "watermark",
                "domain", "commercial", "digital", "discoverable")
#: Lines at the foot of a page where a watermark stands.
FOOT_LINES = 2

LABEL_TYPES = {"class": "class", "call": "call", "book": "book", "reg": "registration"}


@dataclass(frozen=True, slots=True)
class StampDate:
    """An accession date as written, and its ISO reading with the certainty of that reading."""

    text: str
    iso: str
    cert: str


@dataclass(slots=True)
class CopyRecord:
    """What the copy's marks and the scanner's notices say.

    `institution` and `repository` hold the holder's name as the stamps print it (the
    institution, and the library within it); `stamps` every copy mark with its scan page
    (0-based), front and end leaves alike; `notices` the digitiser's notices and watermarks.
    """

    institution: list[str] = field(default_factory=list)
    repository: list[str] = field(default_factory=list)
    idnos: list[tuple[str, str]] = field(default_factory=list)
    accession_date: StampDate | None = None
    stamps: list[tuple[int, str]] = field(default_factory=list)  # (scan page, stamp line)
    notices: list[tuple[int, str]] = field(default_factory=list)  # the digitiser's

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


#: A date stamped with its month's name: "OCT 8 1896", "SEPTEMBER 28, 1934", "OCT111999".
STAMPED = regex.compile(
    r"^\W*(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*"
    r"(?P<d>\d{1,2})\s*[,'-]?\s*(?P<y>\d{4}|\d{2})\W*$", regex.I)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def read_stamped_date(text: str, century: int = 1900) -> StampDate | None:
    """A date stamped with its month's name, read as ISO (certainty "medium"), or None."""
    m = STAMPED.match(text.strip())
    if not m:
        return None
    d, y = int(m["d"]), int(m["y"])
    if len(m["y"]) == 2:
        y += century
    if not 1 <= d <= 31:
        return None
    month = MONTHS.index(m["mon"].lower()) + 1
    return StampDate(text.strip(), f"{y:04d}-{month:02d}-{d:02d}", "medium")


def _label_type(label: str) -> str:
    """The identifier type of a stamp label word."""
    label = label.lower()
    if label.startswith("acc"):
        return "accession"
    return LABEL_TYPES.get(label[:4] if label.startswith("reg") else label, label)


def is_institution(text: str) -> bool:
    """True for a line that names a library or its institution, as a stamp sets it."""
    return (bool(INSTITUTION.search(text)) and len(text.split()) <= MAX_NAME_WORDS
            and bool(NAME_SHAPE.match(text)) and not NOT_A_STAMP.search(text))


def is_shelf_mark(text: str) -> bool:
    """True for a shelf mark or a barcode's line: identifiers with SHELF_MARK_DIGITS digits or
    more and no word of three lower-case letters, or a barcode's bars."""
    if BARS.search(text):
        return True
    if NOT_A_STAMP.search(text):  # an ISBN, a catalogue card number: the book's own
        return False
    digits = sum(c.isdigit() for c in text)
    return (digits >= SHELF_MARK_DIGITS and len(text.split()) <= 8
            and not regex.search(r"\p{Ll}{3}", text))


def _is_caps(text: str) -> bool:
    """True for a line whose letters are mostly capitals."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def _region_lines(scan: Scan, leaves: Leaves) -> list[list[tuple[int, Line]]]:
    """The lines of the preliminary leaves, and those of the final leaves: where a copy's
    marks stand (each a list of (page, line) in order)."""
    front: list[tuple[int, Line]] = []
    back: list[tuple[int, Line]] = []
    for page in scan.pages:
        if leaves.preliminary(page.index):
            front.extend((page.index, line) for line in page.content_lines())
        elif leaves.final(page.index):
            back.extend((page.index, line) for line in page.content_lines())
    return [front, back]


def find_stamps(scan: Scan) -> tuple[list[Edit], CopyRecord]:
    """The copy marks of the preliminary and final leaves, and the digitiser's notices
    anywhere, as edits; and the copy record they make."""
    record = CopyRecord()
    edits = find_notices(scan, record)
    taken = {e.start for e in edits}  # where each notice line's text begins
    leaves = find_leaves(scan)
    for front, lines in zip((True, False), _region_lines(scan, leaves), strict=True):
        edits += _stamps([(p, ln) for p, ln in lines
                          if ln.start + len(ln.text) - len(ln.text.lstrip()) not in taken],
                         record, front)
    return sorted(edits, key=lambda e: e.start), record


def _stamps(lines: list[tuple[int, Line]], record: CopyRecord, front: bool = True) -> list[Edit]:
    """The copy marks among `lines` (of one region: the `front` leaves or the back ones). A
    date stamped on the front leaves ("OCT 8 1896", "SEPTEMBER 28, 1934") is taken for the
    date the library received the copy (certainty "medium": a stamp names no purpose); on the
    back leaves a stamped date is a loan's."""
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

    texts = [line.text.strip() for _, line in lines]
    for k, text in enumerate(texts):
        if SLIP_WORDING.search(text) and len(text) <= 80:
            marked[k] = "slip"
            continue
        if heading_level(text) or is_prose_line(text):
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
        elif PROVENANCE.match(text):
            marked[k] = "provenance"
        elif is_institution(text):
            marked[k] = "name"
        elif SLIP.search(text) and _is_caps(text):
            marked[k] = "slip"
        elif is_storage_label(text):
            marked[k] = "storage"
        elif is_shelf_mark(text):
            marked[k] = "shelf mark"
        elif (stamped := read_stamped_date(text)) is not None:
            marked[k] = "date"
            if front and record.accession_date is None:
                record.accession_date = stamped
        elif is_garbled_barcode(text):
            marked[k] = "barcode"
    # A number repeated from an accession stamp, next to an accession label, is the same stamp.
    for k, text in enumerate(texts):
        if k not in marked and text in accessions and marked.get(k + 1) == "label":
            marked[k] = "value"
    _extend(texts, [page for page, _ in lines], marked)
    _split_call_numbers(texts, [page for page, _ in lines], marked)
    edits: list[Edit] = []
    names: list[list[str]] = []
    for k in sorted(marked):
        page, line = lines[k]
        text = texts[k]
        edits.append(line_edit(RULE, line, page, marked[k]))
        record.stamps.append((page, text))
        if marked[k] == "name":
            if names and k - 1 in marked and marked[k - 1] == "name":
                names[-1].append(text)
            else:
                names.append([text])
    _holder(names, record)
    return edits


#: Characters a speck of a loan slip's OCR holds at most ("all*", "fltto*", "«*■").
SLIP_SPECK_CHARS = 12
#: A symbol no word holds: the OCR's reading of a slip's rules and printing.
SYMBOL = regex.compile(r"[^\p{L}\p{N}\s.,;:'’\-]")


def _slip_speck(text: str) -> bool:
    """A short line beside a loan slip's wording that is the OCR's reading of the slip's
    rules and print: at most SLIP_SPECK_CHARS, with a symbol in it."""
    return 0 < len(text) <= SLIP_SPECK_CHARS and bool(SYMBOL.search(text))


#: A barcode's human-readable number as the OCR garbles it: groups of letters and figures
#: ("CX 000 3?a flS4", "3 9015 00321 1234"), most of them holding a figure.
BARCODE_GROUPS = regex.compile(r"^[\p{L}\d?]{1,6}(?:\s+[\p{L}\d?]{1,6}){2,5}$")
#: Characters a barcode line holds at most.
BARCODE_CHARS = 32


def is_garbled_barcode(text: str) -> bool:
    """A line of a barcode's number: three to six groups of at most six letters and figures,
    more than half of them holding a figure, no group a word of four letters or more."""
    if len(text) > BARCODE_CHARS or not BARCODE_GROUPS.match(text):
        return False
    groups = text.split()
    figures = sum(1 for g in groups if any(c.isdigit() for c in g))
    return figures * 2 > len(groups) and not any(g.isalpha() and len(g) >= 4 for g in groups)


#: A Library of Congress call number as a spine label sets it, a line or two for each part:
#: the class letters, the class number, the Cutter number ("PS / 1678 / F5zm", "PR 4161 .B6").
LC_CALL_NUMBER = regex.compile(r"^\p{Lu}{1,3}\s*\d{1,4}(?:\.\d+)?\s*\.?\p{Lu}\d+\p{L}{0,3}$")
#: Characters each line of a call number split over lines holds at most.
CALL_PART_CHARS = 8


def _split_call_numbers(texts: list[str], pages: list[int], marked: dict[int, str]) -> None:
    """Mark a call number set over two or three short lines (LC_CALL_NUMBER, each line
    CALL_PART_CHARS at most, on one page) on a leaf that carries another of the copy's marks."""
    if not marked:
        return
    for k in range(len(texts)):
        for n in (3, 2):
            part = range(k, k + n)
            if (k + n > len(texts) or any(j in marked for j in part)
                    or len({pages[j] for j in part}) > 1
                    or not any(pages[j] == pages[k] for j in marked)
                    or any(len(texts[j]) > CALL_PART_CHARS for j in part)):
                continue
            if LC_CALL_NUMBER.match(" ".join(texts[j] for j in part)):
                marked.update({j: "call number" for j in part})
                break


def _extend(texts: list[str], pages: list[int], marked: dict[int, str]) -> None:
    """Complete the marks with the lines that belong to them: the capitalised lines that
    finish a name or a bookplate's owner; the capitalised lines of a slip's block and its
    specks; a stamped date next to a mark, and the capitalised lines around a stamped date.
    A line on another page than the mark belongs to it only when it stands alone on its page
    (a stamp printed over two leaves: "AMARSINGH" / "COLLEGE")."""
    alone = {p for p in pages if pages.count(p) == 1}
    changed = True
    while changed:
        changed = False
        for k in sorted(marked):
            kind = marked[k]
            for j in (k - 1, k + 1):
                if j < 0 or j >= len(texts) or j in marked:
                    continue
                if pages[j] != pages[k] and pages[j] not in alone:
                    continue
                text = texts[j]
                if heading_level(text) or is_prose_line(text) or NOT_A_STAMP.search(text):
                    continue
                if kind in ("name", "provenance") and (
                        CONNECTOR.match(text) or (CAPS_WORD.match(text) and (
                            j > k or not INSTITUTION.search(text)))):
                    # the name runs on over lines: before an institution line ("AMARSINGH /
                    # COLLEGE"), after it ("OF CALIFORNIA / LOS ANGELES"), after a bookplate
                    marked[j] = "name" if kind == "name" else "provenance"
                    changed = True
                elif kind == "slip" and ((_is_caps(text) and len(text) <= 60)
                                         or _slip_speck(text)):
                    marked[j] = "slip"
                    changed = True
                elif STAMP_DATE.match(text):
                    marked[j] = "date"
                    changed = True
                elif kind in ("date", "stamp") and ((_is_caps(text) and len(text) <= 40)
                                                    or _slip_speck(text)):
                    # the rest of a date stamp: "RECEIVED" / "OCT 8 1896" / "WIS. HIST.
                    # SOCIETY." (the OCR's "RBCRIVBD"), and its specks
                    marked[j] = "stamp"
                    changed = True


def _holder(names: list[list[str]], record: CopyRecord) -> None:
    """The holder the stamps name, as the institution and the library within it.

    The first stamp names it ("THE LIBRARY OF THE UNIVERSITY OF CALIFORNIA": a library of an
    institution); a line naming a library is the repository, another the institution; when
    the first stamp names no library, the next stamp's library lines complete it (a stamp
    printed in two parts: "AMARSINGH COLLEGE" ... "Library"). Later stamps stay stamps.
    """
    if record.institution or record.repository or not names:
        return
    text = " ".join(names[0])
    if m := regex.match(r"^(?:the\s+)?(library)\s+of\s+(?:the\s+)?(.+)$", text, regex.I):
        record.repository.append(m[1])
        record.institution.append(m[2])
        return
    library = regex.compile(r"\blibrar(?:y|ies)\b", regex.I)
    for line in names[0]:
        (record.repository if library.search(line) else record.institution).append(line)
    if not record.repository and len(names) > 1:
        record.repository.extend(line for line in names[1] if library.search(line))


def _is_notice_page(lines: list[Line]) -> bool:
    """True for Google's notice page: it holds NOTICE_PHRASES_MIN of its phrases (each found
    allowing two OCR slips). Only a page holding NOTICE_PHRASES_MIN of the notice's words
    exactly (`NOTICE_WORDS`) is searched so: the fuzzy search is slow, and a page without
    them is no notice."""
    text = " ".join(" ".join(line.text.split()) for line in lines).lower()
    if sum(1 for word in NOTICE_WORDS if word in text) < NOTICE_PHRASES_MIN:
        return False
    text = regex.sub(r"\s*\.\s*", ".", text)
    found = sum(1 for phrase in NOTICE_PHRASES
                if regex.search(f"(?:{regex.escape(phrase)}){{e<=2}}", text))
    return found >= NOTICE_PHRASES_MIN


def find_notices(scan: Scan, record: CopyRecord) -> list[Edit]:
    """Digitisation notices, watermarks and storage labels on any page, as edits; the
    notices go to the record (`notices`), storage labels to its stamps."""
    edits: list[Edit] = []
    feet = [ln.text.strip() for page in scan.pages for ln in page.content_lines()[-FOOT_LINES:]]
    recurs = sum(1 for t in feet if WATERMARK.match(t) or BARE_WATERMARK.match(t))
    bare_ok = recurs >= WATERMARK_RECUR
    for page in scan.pages:
        lines = [ln for ln in page.content_lines()]
        if len(lines) >= 3 and _is_notice_page(lines):
            for line in lines:
                edits.append(line_edit(NOTICE_RULE, line, page.index,
                                       "the digitiser's notice page"))
                record.notices.append((page.index, line.text.strip()))
            continue
        after_notice = False
        foot = {ln.start for ln in lines[-FOOT_LINES:]}
        for line in lines:
            text = line.text.strip()
            funder = after_notice and FUNDED_BY.search(edits[-1].note and record.notices[-1][1])
            if NOTICE.match(text) or (after_notice and NOTICE_CONTINUED.match(text)) or funder or (
                    line.start in foot and (WATERMARK.match(text)
                                            or (bare_ok and BARE_WATERMARK.match(text)))):
                edits.append(line_edit(NOTICE_RULE, line, page.index,
                                       "added by the digitiser"))
                record.notices.append((page.index, text))
                after_notice = True
            elif is_storage_label(text) and len(text.split()) <= MAX_NAME_WORDS:
                edits.append(line_edit(RULE, line, page.index, "storage label"))
                record.stamps.append((page.index, text))
                after_notice = False
            else:
                after_notice = False
    return edits
