"""A correction session: the scan and its corrections read, new corrections checked by building
the edition with them, and the file written; what `edition correct`, `absorb` and `review`
share.

New corrections are never written on trust: `check` builds the edition with the file's
corrections and the new ones, and a new correction that would not apply (stale, or redundant
where it is not a confirmation) is returned with the reason instead of being written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from edition.corrections.apply import APPLIED, CONFIRMED, Outcome
from edition.corrections.model import Correction, Corrections, beside, load_beside, numbered, save
from edition.errors import CorrectionsError
from edition.model import Scan
from edition.pipeline import Edition, build
from edition.read.text import read_scan


@dataclass(slots=True)
class Session:
    """A scan, its corrections file (path, and the corrections in it if it exists), and the
    edition as it stands with them."""

    source: Path
    scan: Scan
    path: Path
    corrections: Corrections | None
    edition: Edition
    rules: Edition | None = None
    written: list[Correction] = field(default_factory=list)

    @property
    def records(self) -> tuple[Correction, ...]:
        """The corrections in the file now."""
        return self.corrections.records if self.corrections else ()

    def rules_edition(self) -> Edition:
        """The edition the rules alone make (built once)."""
        if self.rules is None:
            self.rules = build(self.scan) if self.corrections else self.edition
        return self.rules


def open_session(source: Path, convention: str = "auto", encoding: str | None = None) -> Session:
    """Read the scan at `source` and its corrections, and build the edition with them (raises
    SourceError, CorrectionsError)."""
    scan = read_scan(source, convention, encoding)
    corrections = load_beside(source)
    return Session(source, scan, beside(source), corrections, build(scan, corrections))


def check(session: Session, keep: list[Correction], new: list[Correction]
          ) -> tuple[list[Correction], list[tuple[Correction, Outcome]]]:
    """Number the `new` corrections after the file's and build the edition with `keep` and
    them: the new ones that apply (or confirm), and those that would not, with their outcome."""
    numbered_new = numbered(new, session.records)
    trial = Corrections(session.path, (*keep, *numbered_new))
    edition = build(session.scan, trial)
    assert edition.corrections is not None
    outcomes = {o.correction.id: o for o in edition.corrections.outcomes}
    good = [c for c in numbered_new if outcomes[c.id].status in (APPLIED, CONFIRMED)]
    bad = [(c, outcomes[c.id]) for c in numbered_new if outcomes[c.id].status not in (APPLIED, CONFIRMED)]
    return good, bad


def write(session: Session, records: list[Correction]) -> None:
    """Write the corrections file (atomically); raises CorrectionsError when it cannot be."""
    try:
        save(session.path, records)
    except OSError as err:
        raise CorrectionsError(f"cannot write {session.path}: {err.strerror or err}") from None


def counted(n: int) -> str:
    """"1 correction", "2 corrections"."""
    return f"{n} correction{'s' if n != 1 else ''}"


def describe(c: Correction) -> str:
    """One correction in a line, for a person to review."""

    def show(text: str) -> str:
        return repr(text.replace("\n\n", "¶").replace("\n", "⏎"))

    what = {
        "text": f"{show(c.found)} -> {show(c.replacement)}",
        "hyphen-keep": "keep the line-end hyphen",
        "hyphen-join": "remove the line-end hyphen, join the word",
        "paragraph-break": "new paragraph before " + show(c.after[:20]),
        "paragraph-join": "run on the paragraph " + show(c.after[:20]),
        "page-number": f"printed page number {c.replacement or 'none'}"
                       + (f" (was {c.found})" if c.found and c.found != c.replacement else ""),
        "heading": f"{show(c.found)} is a heading",
        "not-heading": f"{show(c.found)} is not a heading",
        "furniture": f"{show(c.original)} is page furniture",
        "not-furniture": f"{show(c.original)} is text, not furniture",
    }[c.kind]
    if c.kind in ("hyphen-keep", "hyphen-join"):
        what += f" in {show(c.before[-12:] + c.original + c.after[:12])}"
    if c.confirmation:
        what = "confirms the rule's decision: " + what
    note = f"  ({c.note})" if c.note else ""
    return f"{c.id or '-':<6} scan page {c.page:<4} {c.kind:<16} {what}{note}"
