"""Whole collections: which sources to build, which are unchanged, and what each build did.

A collection build is a list of `Job`s, each built by `run_job` (a pure function
of its job, so any engine can run it: in this process, in a pool of processes,
on a Dask cluster) into a `Record`. Records are written to a JSON Lines
manifest beside the editions; a source whose raw bytes, build options and
toolkit are unchanged since its recorded build, and whose edition is still the
file that build wrote, is skipped.
"""

from __future__ import annotations

import glob
import hashlib
import json
import time
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from edition import __version__
from edition.errors import EditionError, SourceError
from edition.read.text import not_a_scan

if TYPE_CHECKING:
    from edition.pipeline import Edition

#: A page file's name in a directory of page files: a page number (HathiTrust's 00000001.txt).
#: A name with words in it (book-0001.txt) is a book of a collection, not a page.
PAGE_FILE = regex.compile(r"^\d{1,8}\.(?:txt|TXT)$")
#: Share of a directory's files that must be page files for it to be one book.
PAGE_DIR_SHARE = 0.9
#: Rules whose edits remove page furniture (counted in the summary as furniture removed).
FURNITURE_RULES = frozenset({
    "running-header", "page-number", "library-stamp", "digitisation-notice", "page-marker",
    "signature-mark", "catchword", "ocr-noise", "leader-dots", "list-archive",
})
#: The manifest's name inside the output directory.
MANIFEST = "manifest.jsonl"
#: The end of a corrections file's name (`edition.corrections.model.SUFFIX`): read with its book.
CORRECTIONS = ".corrections.tsv"


@dataclass(frozen=True, slots=True)
class Options:
    """The build options that change an edition (part of what makes a build unchanged):
    how the source is read, and what the teiHeader says of the edition's publisher."""

    convention: str = "auto"
    encoding: str | None = None
    replace: bool = False
    max_bytes: int = 256 * 2**20
    publisher: str = ""
    lines: bool = False
    corrections: bool = True  # apply the editor's corrections beside the source


@dataclass(frozen=True, slots=True)
class Job:
    """One source to build into `outdir`; `list_edits` asks for the edit lines back."""

    source: str
    outdir: str
    options: Options = field(default_factory=Options)
    list_edits: bool = False


@dataclass(slots=True)
class Record:
    """What became of one source: one line of the manifest."""

    source: str
    status: str  # "built", "skipped" or "failed"
    output: str = ""
    sha256: str = ""
    output_sha256: str = ""
    toolkit: str = __version__
    toolkit_hash: str = ""
    options: dict[str, object] = field(default_factory=dict)
    pages: int = 0
    divisions: int = 0
    edits: int = 0
    furniture_removed: int = 0
    warnings: list[dict[str, object]] = field(default_factory=list)  # BuildWarning.to_dict()
    error: str = ""
    exit_code: int = 0
    seconds: float = 0.0
    corrections_sha256: str = ""  # of the corrections file applied ("" for none)
    people: dict[str, list[str]] = field(default_factory=dict)
    edit_lines: list[str] = field(default_factory=list)

    @classmethod
    def from_manifest(cls, data: dict[str, object]) -> Record:
        """A record read back from a manifest line (fields it does not know are ignored)."""
        return cls(**{k: v for k, v in data.items() if k in cls.__slots__})  # type: ignore[arg-type,attr-defined]

    def to_json(self) -> str:
        """The manifest line (the edit listing is for the terminal, not the manifest)."""
        data = asdict(self)
        data.pop("edit_lines")
        return json.dumps(data, ensure_ascii=False, sort_keys=True)


@lru_cache(maxsize=1)
def toolkit_hash() -> str:
    """A digest of the toolkit's code and data: any change to a rule changes it."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent  # the whole edition package
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".tsv"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _digest(path: Path) -> str:
    """sha256 of a file, read a megabyte at a time (raises OSError)."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def source_hash(path: Path) -> str:
    """sha256 of a source's bytes (of each page file's name and digest, for a directory)."""
    if path.is_dir():
        digest = hashlib.sha256()
        for page in sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")):
            digest.update(page.name.encode() + b"\0")
            digest.update(bytes.fromhex(_digest(page)))
        return digest.hexdigest()
    return _digest(path)


def is_page_directory(path: Path) -> bool:
    """True for a directory of page files (one book), not a directory of books: text page files
    by their names, structured OCR page files (or a METS file) by their content."""
    from edition.read.sources import book_directory

    if book_directory(path):
        return True
    files = [p for p in path.iterdir() if not p.name.startswith(".")]
    if not files or any(p.is_dir() for p in files):
        return False
    return sum(1 for p in files if PAGE_FILE.match(p.name)) >= PAGE_DIR_SHARE * len(files)


def _collect(path: Path, out: list[Path], seen: set[Path] | None = None,
             ignored: list[Path] | None = None) -> None:
    """The sources under `path`: a file, a directory of page files, or a directory of books
    (each directory visited once, so a symbolic link that loops back is harmless); files in
    a directory that are evidently not scans go to `ignored`."""
    seen = set() if seen is None else seen
    if path.is_dir() and not is_page_directory(path):
        if path.resolve() in seen:
            return
        seen.add(path.resolve())
        for child in sorted(path.iterdir()):
            if child.name.startswith(".") or child.name.endswith(CORRECTIONS):
                continue  # hidden, or a book's corrections (read with the book)
            if child.is_file() and not_a_scan(child):
                if ignored is not None:
                    ignored.append(child)
                continue
            _collect(child, out, seen, ignored)
    else:
        out.append(path)


def expand(arguments: list[str], ignored: list[Path] | None = None) -> list[Path]:
    """Sources from command-line arguments: files, directories of books, directories of page
    files, and glob patterns (`'raw/**/*.txt'`), in a stable order without repeats. Files
    inside directories that are evidently not scans (`not_a_scan`) are left out and listed in
    `ignored`.

    Raises SourceError for an argument that names nothing.
    """
    found: list[Path] = []
    for arg in arguments:
        if glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise SourceError(f"{arg}: no file matches")
            for match in matches:
                _collect(Path(match), found, ignored=ignored)
        elif Path(arg).exists():
            _collect(Path(arg), found, ignored=ignored)
        else:
            found.append(Path(arg))  # reported as unreadable by its own build
    seen: set[Path] = set()
    return [p for p in found if not (p.resolve() in seen or seen.add(p.resolve()))]


def read_manifest(path: Path) -> dict[str, dict[str, object]]:
    """The last record of each source in a manifest (an unreadable line is ignored)."""
    records: dict[str, dict[str, object]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return records
    for line in lines:
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict) and isinstance(record.get("source"), str):
            records[record["source"]] = record
    return records


def _file_hash(path: Path) -> str:
    """sha256 of a file, or "" when it cannot be read."""
    try:
        return _digest(path)
    except OSError:
        return ""


def corrections_hash(source: Path, options: Options) -> str:
    """sha256 of the corrections file the build of `source` applies ("" for none)."""
    from edition.corrections.model import beside

    path = beside(source)
    return _file_hash(path) if options.corrections and path.is_file() else ""


def unchanged(job: Job, previous: dict[str, object] | None, raw_sha: str) -> bool:
    """True when `previous` built this source, unchanged, with these options and this toolkit,
    with the same corrections file (or none), and its edition is still the file that build
    wrote."""
    if not previous or previous.get("status") not in ("built", "skipped"):
        return False
    if (previous.get("sha256") != raw_sha or previous.get("toolkit_hash") != toolkit_hash()
            or previous.get("options") != asdict(job.options)):
        return False
    if previous.get("corrections_sha256", "") != corrections_hash(Path(job.source), job.options):
        return False
    output = Path(str(previous.get("output", "")))
    return output.is_file() and _file_hash(output) == previous.get("output_sha256")


#: The columns of an edit listing (`edition build --list-edits`), one edit a row.
EDIT_COLUMNS = ("book", "scan_page", "rule", "start", "end", "before", "after", "uncertain",
                "evidence")


def tsv_field(value: str) -> str:
    """A field of a tab-separated row: backslash, tab and line ends escaped as \\ \\t \\n \\r."""
    return (value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))


def edit_rows(edition: Edition) -> list[str]:
    """Every recorded edit of an edition as a tab-separated row of EDIT_COLUMNS (scan pages
    1-based, raw offsets into the text as read, before and after escaped by `tsv_field`)."""
    raw, book = edition.scan.raw, edition.scan.name
    return ["\t".join([tsv_field(book), str(e.page + 1), e.rule, str(e.start), str(e.end),
                       tsv_field(raw[e.start:e.end]), tsv_field(e.replacement),
                       "yes" if e.uncertain else "no", tsv_field(e.note)])
            for e in edition.edits]


def run_job(job: Job) -> Record:
    """Build one job into its Record; never raises for a bad source (the record says why)."""
    from edition.build import build_file

    started = time.perf_counter()
    source = Path(job.source)
    record = Record(job.source, "failed", toolkit_hash=toolkit_hash(),
                    options=asdict(job.options))
    try:
        # only a file or a directory is hashed: a pipe or a device may never end
        record.sha256 = source_hash(source) if source.is_file() or source.is_dir() else ""
        o = job.options
        built = build_file(source, Path(job.outdir), o.convention, o.encoding, o.replace,
                           o.max_bytes, o.publisher, o.lines, o.corrections)
    except SourceError as err:
        record.error, record.exit_code = str(err), 2
    except EditionError as err:  # BuildError and any other failure of a read source
        record.error, record.exit_code = f"{source}: {err}", 1
    except OSError as err:
        record.error, record.exit_code = f"{source}: cannot read ({err.strerror or err})", 2
    else:
        edition = built.edition
        record.status = "built"
        record.output = str(built.path)
        record.output_sha256 = _file_hash(built.path)
        record.pages = len(edition.scan.pages)
        record.divisions = len(edition.divs)
        record.edits = len(edition.edits)
        record.furniture_removed = sum(1 for e in edition.edits if e.rule in FURNITURE_RULES)
        record.warnings = [w.to_dict() for w in edition.warnings]
        record.people = built.people
        if edition.corrections is not None:
            record.corrections_sha256 = edition.corrections.corrections.sha256
        if job.list_edits:
            record.edit_lines = edit_rows(edition)
    record.seconds = round(time.perf_counter() - started, 3)
    return record


def skipped(job: Job, previous: dict[str, object]) -> Record:
    """The record of a source left as it was built before."""
    record = Record.from_manifest(previous)
    record.status, record.seconds, record.source = "skipped", 0.0, job.source
    return record


def update_manifest(path: Path, previous: dict[str, dict[str, object]],
                    records: list[Record]) -> None:
    """The manifest with this run's records, keeping the records of sources it did not touch."""
    kept = {r.source: r for r in records}
    older = [Record.from_manifest(rec) for src, rec in previous.items() if src not in kept]
    write_manifest(path, older + list(kept.values()))


def write_manifest(path: Path, records: list[Record]) -> None:
    """The manifest, one record per source in source order, written atomically."""
    from edition.files import write_atomic

    if not records:
        return  # nothing to record: no file rather than an empty line
    lines = [r.to_json() for r in sorted(records, key=lambda r: r.source)]
    write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))


@dataclass(slots=True)
class Plan:
    """The jobs to run, and the records already known (skipped, or refused before building)."""

    jobs: list[Job]
    done: list[Record]


def plan(sources: list[Path], outdir: Path, options: Options, force: bool = False,
         list_edits: bool = False, manifest: dict[str, dict[str, object]] | None = None) -> Plan:
    """Which sources to build: unchanged ones are skipped (unless `force`), and a source whose
    edition would overwrite another's in this run is refused."""
    from edition.read.text import scan_name

    manifest = manifest or {}
    jobs: list[Job] = []
    done: list[Record] = []
    names: dict[str, str] = {}
    for source in sources:
        key = str(source.resolve()) if source.exists() else str(source)
        job = Job(key, str(outdir.resolve()), options, list_edits)
        name = scan_name(source)
        if name in names:
            done.append(Record(key, "failed", exit_code=2, options=asdict(options),
                               error=f"{source}: its edition {name}.xml would overwrite the one "
                                     f"built from {names[name]}"))
            continue
        names[name] = str(source)
        previous = manifest.get(key)
        if not force and previous and (source.is_file() or source.is_dir()):
            try:
                if unchanged(job, previous, source_hash(source)):
                    done.append(skipped(job, previous))
                    continue
            except OSError:
                pass  # its build will say why it cannot be read
        jobs.append(job)
    return Plan(jobs, done)
