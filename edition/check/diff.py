"""Diff an edition against its raw scan: a complete accounting of every raw character.

The edition is checked against the raw scan it names (sha256 in its
sourceDesc); a pair that does not belong together is refused, not diffed into
nonsense. The pipeline is run again on the raw scan, which gives the
provenance of every character (kept, and where; removed, and by which rule);
the edition's reading text is then aligned block by block with the rebuilt
reading text. A block the edition lacks leaves its raw characters
unaccounted for; a block the edition adds is reported as text not in the scan.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition import __version__
from edition.check.accounting import uncovered_runs
from edition.check.validate import load_tei, looks_like_tei
from edition.corrections.model import Corrections
from edition.errors import EditionError
from edition.model import Block, Edit, Hi, Inline, NoteRef, PageBreak, Text, iter_text
from edition.pipeline import Edition, build
from edition.read.text import read_scan
from edition.write.text import tei_text

TEI = "{http://www.tei-c.org/ns/1.0}"


class PairingError(EditionError):
    """The edition was not built from this raw scan."""


@dataclass(frozen=True, slots=True)
class RuleTotal:
    """How often a rule acted, on how many characters and pages."""

    rule: str
    occurrences: int
    chars: int
    pages: int


@dataclass(frozen=True, slots=True)
class Change:
    """One recorded change, for the listing: where, which rule, before and after, why."""

    page: str
    rule: str
    start: int
    end: int
    before: str
    after: str
    note: str


@dataclass(slots=True)
class Report:
    """The whole accounting of a raw scan against its edition.

    Every character of the raw text (the file as read, after the reading rules) falls in
    exactly one category, so `kept_chars + whitespace_chars + sum of totals' chars +
    unaccounted_chars == raw_chars`: kept in the reading text; whitespace between kept text
    (line ends, spaces) that no rule needed to record; removed or changed by a rule (each
    character counted once, for the rule whose edit covers it); or unaccounted for.
    `reading` lists what the reading rules changed while the file's bytes became that text.
    """

    raw_name: str
    edition_name: str
    raw_chars: int
    kept_chars: int
    whitespace_chars: int
    totals: list[RuleTotal]
    changes: list[Change]
    unaccounted: list[tuple[int, int, str]]  # raw span and the page it is on
    added: list[str]  # edition blocks with no source in the raw scan
    edition: Edition
    reading_text: str
    warnings: list[str] = field(default_factory=list)
    reading: list[RuleTotal] = field(default_factory=list)
    unaccounted_chars: int = 0

    @property
    def complete(self) -> bool:
        """True when every raw character is accounted for and the edition adds nothing."""
        return not self.unaccounted and not self.added


def page_label(edition: Edition, page: int) -> str:
    """A scan page as a reader cites it: "p. 43", or "scan 3" where no number is printed."""
    n = edition.pagination.n(page)
    return f"p. {n}" if n is not None else f"scan {page + 1}"


def _scan_identity(root: etree._Element) -> tuple[str | None, str | None]:
    """The raw scan's sha256 and the toolkit version an edition records."""
    sha = root.findtext(f".//{TEI}sourceDesc/{TEI}bibl[@type='scan']/{TEI}idno[@type='sha256']")
    app = root.find(f".//{TEI}appInfo/{TEI}application[@ident='edition']")
    return sha, (app.get("version") if app is not None else None)


def check_pairing(edition: Edition, root: etree._Element, edition_name: str) -> list[str]:
    """Refuse an edition built from another raw file; warnings for softer mismatches."""
    sha, version = _scan_identity(root)
    if sha is None:
        raise PairingError(f"{edition_name} does not record the raw scan it was built from "
                           "(no sha256 in sourceDesc); it cannot be paired safely")
    if sha != edition.scan.sha256:
        raise PairingError(
            f"{edition_name} was built from another raw file (sha256 {sha[:12]}…, "
            f"this scan is {edition.scan.sha256[:12]}…)"
        )
    if version != __version__:
        return [f"{edition_name} was built by edition {version}, this is {__version__}: "
                "rule changes since then show as differences"]
    return []


def _block_texts(edition: Edition) -> list[tuple[Block, str]]:
    """The rebuilt edition's reading-text blocks with their text."""
    return [(b, t) for b in edition.blocks() if (t := b.text.strip())]


def _text_nodes(nodes: list[Inline]) -> list[Text]:
    """Text nodes of a block, footnotes excluded (they are blocks of their own)."""
    return [node for node in iter_text(nodes) if node.start >= 0]


def account(raw_path: Path, edition_path: Path) -> Report:
    """The accounting of `raw_path` against the edition at `edition_path`.

    Raises PairingError when the two do not belong together (the raw file is itself an
    edition, as when the arguments are swapped; or the edition was built from another
    file), SourceError when either cannot be read.
    """
    if looks_like_tei(raw_path):
        raise PairingError(f"RAW must be the scan the edition was built from: {raw_path} is a "
                           "TEI document (usage: edition diff RAW EDITION)")
    root = load_tei(edition_path, "a TEI edition (usage: edition diff RAW EDITION)")
    scan_bibl = f".//{TEI}sourceDesc/{TEI}bibl[@type='scan']"
    encoding = root.findtext(f"{scan_bibl}/{TEI}idno[@type='encoding']")
    replace = root.find(f"{scan_bibl}/{TEI}note[@subtype='replace-undecodable']") is not None
    corrections, notes = paired_corrections(raw_path, root, edition_path.name)
    scan = read_scan(raw_path, encoding=encoding, replace=replace)
    edition = build(scan, corrections) if corrections is not None else build(scan)
    warnings = check_pairing(edition, root, edition_path.name) + notes
    return account_edition(edition, root, raw_path.name, edition_path.name, warnings)


def paired_corrections(raw_path: Path, root: etree._Element, edition_name: str
                       ) -> tuple[Corrections | None, list[str]]:
    """The editor's corrections the edition applies, read from beside the raw scan, and notes.

    An edition records the sha256 of the corrections file it applied; a file that has changed
    since, or is gone, is refused (PairingError: rebuild the edition), since the diff would
    then count the difference as text nobody accounts for. A corrections file beside the scan
    that the edition does not apply (built before it, or with --no-corrections) is left out,
    with a note.
    """
    from edition.corrections.model import beside, load

    path = beside(raw_path)
    recorded = root.findtext(f".//{TEI}sourceDesc/{TEI}bibl[@type='corrections']/"
                             f"{TEI}idno[@type='sha256']")
    if recorded is None:
        return None, ([f"{edition_name} does not apply {path.name} (built without it): the diff "
                       "leaves it out"] if path.is_file() else [])
    if not path.is_file():
        raise PairingError(f"{edition_name} applies the corrections file {path.name} (sha256 "
                           f"{recorded[:12]}…), which is not beside {raw_path}")
    corrections = load(path)
    if corrections.sha256 != recorded:
        raise PairingError(f"{path.name} has changed since {edition_name} was built (sha256 "
                           f"{recorded[:12]}…, now {corrections.sha256[:12]}…): rebuild the "
                           "edition first")
    return corrections, []


def account_edition(edition: Edition, root: etree._Element, raw_name: str = "",
                    edition_name: str = "", warnings: list[str] | None = None) -> Report:
    """The accounting of a built edition against its TEI document: what `edition diff` checks,
    without reading or building again.

    The TEI's reading text is aligned block by block with the model's (whitespace runs
    compared as one space: whitespace is layout, not text); the raw characters of every
    aligned block are kept, those of recorded edits removed or changed by their rule, and any
    other non-blank raw character is unaccounted for.
    """
    raw = edition.scan.raw
    covered, added, edits, rules = _coverage(edition, root)
    code = {rule: k + 2 for k, rule in enumerate(rules)}
    counts = [0] + [covered.count(k) for k in range(1, len(rules) + 2)]
    unaccounted: list[tuple[int, int, str]] = []
    whitespace = unaccounted_chars = 0
    for pos, end in uncovered_runs(covered):
        chunk = raw[pos:end]
        if chunk.strip():
            unaccounted.append((pos, end, page_label(edition, edition.scan.page_of(pos))))
            unaccounted_chars += end - pos
        else:
            whitespace += end - pos
    rule_totals = [RuleTotal(t.rule, t.occurrences, counts[code[t.rule]], t.pages)
                   for t in totals(edition)]
    return Report(raw_name or edition.scan.name, edition_name, len(raw), counts[1], whitespace,
                  rule_totals, reading_changes(edition) + changes(edition, edits), unaccounted,
                  added, edition, tei_text(root), warnings or [], reading_totals(edition),
                  unaccounted_chars)


def unaccounted_and_added(edition: Edition, root: etree._Element
                          ) -> tuple[list[tuple[int, int]], list[str]]:
    """What `account_edition` finds wrong, and only that (the build's check, which needs no
    report): the raw spans [start, end) holding a character neither kept nor recorded, and
    the TEI's blocks that hold text the scan lacks."""
    raw = edition.scan.raw
    covered, added, _, _ = _coverage(edition, root)
    return [(a, b) for a, b in uncovered_runs(covered) if raw[a:b].strip()], added


def _coverage(edition: Edition, root: etree._Element
              ) -> tuple[bytearray, list[str], list[Edit], list[str]]:
    """What each raw character is (0 not covered, 1 kept in the reading text, 2 + k removed or
    changed by the k-th of the rules; an edit inside kept text wins: the character was
    changed), the TEI's blocks the model lacks, the edits in raw order, and the rules."""
    raw = edition.scan.raw
    ours = [(b, " ".join(t.split())) for b, t in _block_texts(edition)]
    theirs = [" ".join(b.split()) for b in tei_text(root, markers=False).split("\n\n")
              if b.strip()]
    matcher = difflib.SequenceMatcher(None, [t for _, t in ours], theirs, autojunk=False)
    covered = bytearray(len(raw))
    added: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for block, _ in ours[i1:i2]:
                for node in _text_nodes(block.children):
                    covered[node.start : node.end] = b"\x01" * (node.end - node.start)
        else:
            added.extend(theirs[j1:j2])
    edits = sorted(edition.edits, key=lambda e: e.start)
    rules = sorted({e.rule for e in edits})
    code = {rule: k + 2 for k, rule in enumerate(rules)}
    for e in edits:
        covered[e.start : e.end] = bytes([code[e.rule]]) * (e.end - e.start)
    return covered, added, edits, rules


def totals(edition: Edition) -> list[RuleTotal]:
    """Per rule: occurrences, characters and pages."""
    occurrences: dict[str, int] = defaultdict(int)
    chars: dict[str, int] = defaultdict(int)
    pages: dict[str, set[int]] = defaultdict(set)
    for e in edition.edits:
        occurrences[e.rule] += 1
        chars[e.rule] += e.end - e.start
        pages[e.rule].add(e.page)
    return [RuleTotal(r, occurrences[r], chars[r], len(pages[r])) for r in sorted(occurrences)]


def reading_totals(edition: Edition) -> list[RuleTotal]:
    """Per character rule applied while reading the file (edition.read.characters)."""
    scan = edition.scan
    dec = scan.decoding
    out: list[RuleTotal] = []
    if dec.newline in ("CRLF", "CR"):
        ends = scan.raw.count("\n")
        out.append(RuleTotal("line-end", ends, ends, len(scan.pages)))
    if dec.replaced:
        out.append(RuleTotal("undecodable-byte", len(dec.replaced), len(dec.replaced), 0))
    by_rule: dict[str, list[int]] = defaultdict(list)
    chars: dict[str, int] = defaultdict(int)
    for f in dec.fixes:
        by_rule[f.rule].append(scan.page_of(f.at))
        chars[f.rule] += len(f.original)
    out += [RuleTotal(r, len(p), chars[r], len(set(p))) for r, p in sorted(by_rule.items())]
    return out


def reading_changes(edition: Edition) -> list[Change]:
    """Every character fix made while reading the file, as changes (offsets are approximate
    for the stages before the last: see edition.read.characters)."""
    scan = edition.scan
    return [Change(page_label(edition, scan.page_of(f.at)), f.rule, f.at, f.at + len(f.replacement),
                   f.original, f.replacement, "while reading the file")
            for f in scan.decoding.fixes]


def changes(edition: Edition, edits: list[Edit]) -> list[Change]:
    """Every recorded change in raw order, with its page, rule, before and after."""
    raw = edition.scan.raw
    return [
        Change(page_label(edition, e.page if e.page >= 0 else edition.scan.page_of(e.start)),
               e.rule, e.start, e.end, raw[e.start : e.end], e.replacement,
               e.note + (" [uncertain]" if e.uncertain else ""))
        for e in edits
    ]


def unified(report: Report) -> str:
    """A unified diff of the raw scan against the edition's reading text."""
    raw_lines = report.edition.scan.raw.splitlines(keepends=True)
    text_lines = report.reading_text.splitlines(keepends=True)
    return "".join(difflib.unified_diff(raw_lines, text_lines, report.raw_name,
                                        report.edition_name + " (reading text)", n=1))


def page_texts(edition: Edition) -> dict[int, list[str]]:
    """The edition's reading text page by page: block fragments on each scanned page."""
    pages: dict[int, list[str]] = defaultdict(list)

    def walk(nodes: list[Inline], page: int, out: list[str]) -> int:
        for node in nodes:
            if isinstance(node, PageBreak):
                pages[page].append("".join(out).strip())
                out.clear()
                page = node.page
            elif isinstance(node, Text):
                out.append(node.text)
            elif isinstance(node, Hi):
                page = walk(node.children, page, out)
            elif isinstance(node, NoteRef):
                continue
            else:
                out.append(" ")
        return page

    for block in edition.blocks():
        if block.kind == "row":  # a table row, a contents entry: its cells apart
            pages[block.page].append(block.text.strip())
            continue
        out: list[str] = []
        page = walk(block.children, block.page, out)
        pages[page].append("".join(out).strip())
    return {p: [t for t in texts if t] for p, texts in pages.items()}
