"""Build one raw scan into its TEI file: read, clean, emit, check, write atomically.

The output is written to a temporary file beside the target and renamed into
place only when complete and well-formed, so a failed or interrupted build
never leaves a half-written edition, and the raw file is only ever read.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.errors import BuildError
from edition.pipeline import Edition, build
from edition.read.text import MAX_SOURCE_BYTES, read_scan
from edition.write.tei import serialize, to_tei_and_people


@dataclass(frozen=True, slots=True)
class Built:
    """A finished build: where it was written, the edition, and where each person is named."""

    path: Path
    edition: Edition
    people: dict[str, list[str]] = field(default_factory=dict)


def render(edition: Edition, lines: bool = False) -> bytes:
    """The TEI bytes of an edition, checked to parse back as well-formed XML (`lines`: keep
    each printed line break as <lb facs/>)."""
    return render_with_people(edition, lines)[0]


def render_with_people(edition: Edition, lines: bool = False,
                       ) -> tuple[bytes, dict[str, list[str]]]:
    """The TEI bytes of an edition and the pages where each listed person is named."""
    try:
        root, people = to_tei_and_people(edition, lines)
        data = serialize(root)
    except ValueError as err:  # lxml refuses text that XML cannot hold
        raise BuildError(f"cannot encode as XML: {err}") from None
    check_well_formed(data)
    return data, people


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


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an edition is a normal file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build_file(source: Path, outdir: Path, convention: str = "auto", encoding: str | None = None,
               replace: bool = False, max_bytes: int = MAX_SOURCE_BYTES,
               lines: bool = False) -> Built:
    """Build `source` into `outdir/<stem>.xml` (the options: see `read_scan`; `lines` keeps
    each printed line break of a source with geometry as <lb facs/>)."""
    edition = build(read_scan(source, convention, encoding, replace, max_bytes))
    data, people = render_with_people(edition, lines)
    target = outdir / f"{edition.scan.name}.xml"
    try:
        write_atomic(target, data)
    except OSError as err:
        raise BuildError(f"cannot write {target}: {err.strerror or err}") from None
    return Built(target, edition, people)
