"""Build one raw scan into its TEI file: read, clean, emit, check, write atomically.

The output is written to a temporary file beside the target and renamed into
place only when complete and well-formed, so a failed or interrupted build
never leaves a half-written edition, and the raw file is only ever read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.errors import STOP, BuildError
from edition.files import write_atomic
from edition.pipeline import Edition, build
from edition.read.text import MAX_SOURCE_BYTES, read_scan
from edition.warnings import BuildWarning
from edition.write.tei import serialize, to_tei_and_people


@dataclass(frozen=True, slots=True)
class Built:
    """A finished build: where it was written, the edition, and where each person is named."""

    path: Path
    edition: Edition
    people: dict[str, list[str]] = field(default_factory=dict)


def render(edition: Edition, publisher: str = "", lines: bool = False) -> bytes:
    """The TEI bytes of an edition, checked to parse back as well-formed XML (`publisher`:
    who publishes it; `lines`: keep each printed line break as <lb facs/>)."""
    return render_with_people(edition, publisher, lines)[0]


def render_with_people(edition: Edition, publisher: str = "", lines: bool = False
                       ) -> tuple[bytes, dict[str, list[str]]]:
    """The TEI bytes of an edition and the pages where each listed person is named.

    Raises BuildError when the edition would break its own guarantees: XML that cannot be
    written, or an accounting that is not complete (`check_accounting`).
    """
    try:
        root, people = to_tei_and_people(edition, publisher, lines)
        data = serialize(root)
    except ValueError as err:  # lxml refuses text that XML cannot hold
        raise BuildError(f"cannot encode as XML: {err}") from None
    check_well_formed(data)
    check_accounting(edition, root)
    edition.warnings.extend(self_check(root))
    return data, people


def self_check(root: etree._Element) -> list[BuildWarning]:
    """The edition's own rules (`edition validate`'s ED codes, without the schema) run on the
    TEI before it is written: what they find is said at build time (W701), not left for a
    later validation to discover."""
    from edition.check.validate import edition_problems

    return [BuildWarning("W701", f"the edition fails its own check {p.code}: {p.message}")
            for p in edition_problems(etree.ElementTree(root), "")]


def check_accounting(edition: Edition, root: etree._Element) -> None:
    """Raise BuildError unless raw = kept + recorded holds for this edition: every text node
    of the model is its raw span with its edits applied, every raw character is kept or
    covered by an edit, and the TEI holds the model's reading text, no more, no less (what
    `edition diff` checks). The message names the first failure and its scan page."""
    from edition.check.accounting import account
    from edition.check.diff import unaccounted_and_added

    scan = edition.scan
    model = account(edition)
    for start, end, expected, got in model.mismatched[:1]:
        raise BuildError(f"accounting failed at scan page {scan.page_of(start) + 1} (raw "
                         f"{start}-{end}): the edition holds {got[:40]!r} where the scan with its "
                         f"recorded edits reads {expected[:40]!r}")
    unaccounted, added = unaccounted_and_added(edition, root)
    lost = [(a, b) for a, b in model.unaccounted] + unaccounted
    if lost:
        a, b = min(lost)
        raise BuildError(f"accounting incomplete: scan page {scan.page_of(a) + 1} (raw {a}-{b}) "
                         f"{scan.raw[a:b].strip()[:60]!r} is neither in the edition's text nor in "
                         f"a recorded edit ({len(lost)} such spans); no edition written")
    if added:
        raise BuildError(f"accounting failed: the edition holds text the scan lacks: "
                         f"{added[0][:60]!r} ({len(added)} blocks); no edition "
                         "written")


class _Discard:
    """A parser target that keeps nothing: parsing with it checks well-formedness only."""

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        """Ignore an element's start."""

    def end(self, tag: str) -> None:
        """Ignore an element's end."""

    def data(self, text: str) -> None:
        """Ignore text."""

    def close(self) -> None:
        """Nothing was built."""


def check_well_formed(data: bytes) -> None:
    """Raise BuildError unless `data` is well-formed XML (no tree is built: a 60 MB edition is
    checked in the memory of its bytes)."""
    parser = etree.XMLParser(target=_Discard(), resolve_entities=False, no_network=True,
                             huge_tree=True)
    try:
        etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise BuildError(f"emitter produced ill-formed XML: {err}") from None


def build_file(source: Path, outdir: Path, convention: str = "auto", encoding: str | None = None,
               replace: bool = False, max_bytes: int = MAX_SOURCE_BYTES,
               publisher: str = "", lines: bool = False, corrections: bool = True) -> Built:
    """Build `source` into `outdir/<stem>.xml` (the reading options: see `read_scan`;
    `publisher` is named in the teiHeader; `lines` keeps each printed line break of a source
    with geometry as <lb facs/>; with `corrections`, the editor's corrections beside the source,
    `NAME.corrections.tsv`, are applied after the rules). Raises CorrectionsError for a
    corrections file that cannot be read."""
    from edition.corrections.model import load_beside

    scan = read_scan(source, convention, encoding, replace, max_bytes)
    edition = build(scan, load_beside(source) if corrections else None)
    data, people = render_with_people(edition, publisher, lines)
    target = outdir / f"{edition.scan.name}.xml"
    if STOP.is_set():  # asked to stop while building: no edition is written
        raise KeyboardInterrupt
    try:
        write_atomic(target, data)
    except OSError as err:
        raise BuildError(f"cannot write {target}: {err.strerror or err}") from None
    return Built(target, edition, people)
