"""A re-implementation of the HTRC running-header remover, as a yardstick for bench/quality.py.

From its published description (see ../shared/STYLE.md), with its defaults:
candidate lines are the first and last few lines of each page; two candidates
are alike when 1 − Levenshtein / longer length ≥ 0.7; pages are compared
within a window of 6; clusters of 3 or more are running headers and footers;
lines of fewer than 4 letters are ignored. Its pipeline then trims lines and
joins line-end hyphens. Not part of the toolkit: used only to measure against.
"""

from __future__ import annotations

import regex
from rapidfuzz.distance import Levenshtein

CANDIDATES = 3
WINDOW = 6
LINK = 0.7
MIN_CLUSTER = 3
MIN_LETTERS = 4


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def clean(pages: list[list[str]]) -> str:
    """The text of the pages with HTRC's headers and footers removed, trimmed and dehyphenated."""
    cands: list[tuple[int, int, str]] = []  # page, line index, text
    for p, lines in enumerate(pages):
        idx = [k for k, ln in enumerate(lines) if ln.strip()]
        for k in idx[:CANDIDATES] + idx[-CANDIDATES:]:
            if _letters(lines[k]) >= MIN_LETTERS:
                cands.append((p, k, lines[k].strip()))
    cands = sorted(set(cands))
    parent = list(range(len(cands)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (pi, _, ti) in enumerate(cands):
        for j in range(i + 1, len(cands)):
            pj, _, tj = cands[j]
            if pj - pi > WINDOW:
                break
            if pj != pi and Levenshtein.normalized_similarity(ti, tj) >= LINK:
                parent[find(i)] = find(j)
    size: dict[int, int] = {}
    for i in range(len(cands)):
        size[find(i)] = size.get(find(i), 0) + 1
    drop = {(p, k) for i, (p, k, _) in enumerate(cands) if size[find(i)] >= MIN_CLUSTER}
    kept = [ln.strip() for p, lines in enumerate(pages) for k, ln in enumerate(lines)
            if (p, k) not in drop]
    text = "\n".join(kept)
    return regex.sub(r"(\p{L})-\n(\p{L})", r"\1\2", text)
