"""Footnotes: each note printed at the foot of a page is placed at its reference.

A reference and its note share a marker ("1") and a page: the note is looked
for on the page where the reference stands, then on the next page (a note
whose reference falls at the very end of a page may be printed overleaf).
"""

from __future__ import annotations

from collections.abc import Iterator

from edition.model import Block, Hi, Inline, NoteRef, PageBreak
from edition.warnings import BuildWarning


def _refs(nodes: list[Inline], page: int) -> Iterator[tuple[NoteRef, int]]:
    """Each note reference with the scan page it stands on."""
    for node in nodes:
        if isinstance(node, PageBreak):
            page = node.page
        elif isinstance(node, NoteRef):
            yield node, page
        elif isinstance(node, Hi):
            yield from _refs(node.children, page)


def place_notes(items: list[Block | PageBreak], notes: list[Block]) -> list[BuildWarning]:
    """Attach footnotes to their references in place; warnings for what stays unmatched.

    A footnote with no reference is not dropped: it stays in the reading order
    at the foot of its page.
    """
    free: dict[tuple[int, str], list[Block]] = {}
    for note in notes:  # a page may print two notes with one mark ("*" read for "†")
        free.setdefault((note.page, note.n), []).append(note)
    warnings: list[BuildWarning] = []
    for item in items:
        if not isinstance(item, Block):
            continue
        for ref, page in _refs(item.children, item.page):
            ref.page = page
            for key in ((page, ref.n), (page + 1, ref.n)):
                if free.get(key):
                    ref.note = free[key].pop(0)
                    break
            else:
                warnings.append(BuildWarning("W301", f"note reference {ref.n} has no footnote", page))
    left = [((page, n), note) for (page, n), found in free.items() for note in found]
    for (page, n), note in sorted(left, key=lambda kv: kv[0]):
        warnings.append(BuildWarning("W302", f"footnote {n} has no reference; kept at the page foot",
                                     page))
        at = next(
            (k for k, item in enumerate(items) if isinstance(item, PageBreak) and item.page > page),
            len(items),
        )
        items.insert(at, note)
    return warnings
