"""What a build tells its user: warnings, each with a stable code and kind, like validation codes.

A warning is a claim a scholar will rely on ("printed page 16 is not in the scan", "text is
lost here"), so each kind has one code that never changes meaning, and a rule emits one only
on the evidence its docstring states. Warnings name scan pages 1-based ("scan page 1" is the
first page of the file), as every output of the toolkit does.

| code | kind | emitted when |
| --- | --- | --- |
| W101 | pages-missing | the printed sequence skips and the text does not run on there |
| W102 | page-number-uncertain | a page's printed number depends on a choice the evidence leaves open |
| W103 | page-side | a running head stands on the other side (recto/verso) than elsewhere |
| W104 | pages-extra | a stretch holds more scanned pages than printed ones, not all of them blank |
| W105 | page-numbers-unread | no printed page number could be read or calibrated at all |
| W106 | page-break-lost | a scan page holds two printed pages (a running head inside it, or as long as two) |
| W107 | page-numbers-repeat | printed numbers occur twice (a second volume bound in, a misread folio) |
| W110 | division-number-skipped | the numbers of the division headings skip one (a heading lost) |
| W111 | division-number-doubtful | division numbers inferred from the sequence across missing printed pages |
| W201 | text-lost | a paragraph stops mid-sentence and the next starts anew, and nothing explains it |
| W202 | scan-truncated | the scan ends mid-sentence |
| W301 | note-unmatched | a note reference has no footnote on its page or the next |
| W302 | note-orphan | a footnote has no reference (kept at the foot of its page) |
| W401 | uncertain-decisions | a rule made decisions it flagged for review (one warning per rule) |
| W501 | lexicon-missing | the word list could not be loaded (decisions use the book's own words) |
| W601 | correction-stale | a correction not applied: its anchor is gone, or the rules make other text there |
| W602 | correction-redundant | an editor's correction is not needed: a rule now makes it by itself |
| W701 | self-check | the edition fails one of its own checks (`edition validate`'s ED codes) |
"""

from __future__ import annotations

from dataclasses import dataclass

#: Every warning kind: code -> kind name.
KINDS: dict[str, str] = {
    "W101": "pages-missing",
    "W102": "page-number-uncertain",
    "W103": "page-side",
    "W104": "pages-extra",
    "W105": "page-numbers-unread",
    "W106": "page-break-lost",
    "W107": "page-numbers-repeat",
    "W110": "division-number-skipped",
    "W111": "division-number-doubtful",
    "W201": "text-lost",
    "W202": "scan-truncated",
    "W301": "note-unmatched",
    "W302": "note-orphan",
    "W401": "uncertain-decisions",
    "W701": "self-check",
    "W501": "lexicon-missing",
    "W601": "correction-stale",
    "W602": "correction-redundant",
}


@dataclass(frozen=True, slots=True)
class BuildWarning:
    """One warning: its code (a key of `KINDS`), the message, and the scan page it concerns
    (0-based index into `Scan.pages`, or None for the whole book)."""

    code: str
    message: str
    page: int | None = None

    def __post_init__(self) -> None:
        if self.code not in KINDS:
            raise ValueError(f"unknown warning code {self.code!r}")

    @property
    def kind(self) -> str:
        """The warning's kind name ("pages-missing", ...)."""
        return KINDS[self.code]

    @property
    def where(self) -> str:
        """The scan page as a person reads it ("scan page 1" is the file's first), or ""."""
        return f"scan page {self.page + 1}" if self.page is not None else ""

    def __str__(self) -> str:
        place = f"{self.where}: " if self.page is not None else ""
        return f"{self.code} {place}{self.message}"

    def to_dict(self) -> dict[str, object]:
        """The warning as JSON data (page 1-based, or null)."""
        return {"code": self.code, "kind": self.kind,
                "page": None if self.page is None else self.page + 1, "message": self.message}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> BuildWarning:
        """A warning read back from `to_dict` data."""
        page = data.get("page")
        return cls(str(data["code"]), str(data["message"]),
                   int(page) - 1 if isinstance(page, int) else None)


def page_ranges(pages: list[int]) -> str:
    """0-based scan page indexes as 1-based ranges a person reads: "1-5, 8, 10-11"."""
    out: list[str] = []
    ordered = sorted(set(pages))
    if not ordered:
        return ""
    start = prev = ordered[0]
    for p in [*ordered[1:], None]:
        if p is not None and p == prev + 1:
            prev = p
            continue
        out.append(str(start + 1) if start == prev else f"{start + 1}-{prev + 1}")
        if p is not None:
            start = prev = p
    return ", ".join(out)
