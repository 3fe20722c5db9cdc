"""Printed page numbers for every scanned page, read or inferred from the sequence.

Anchors are pages whose printed number is known: chapter openings whose
first page the contents page gives (and, where a scan shows them, numbers read
from the furniture). Between two anchors the printed numbers advance one per
scanned page; when the printed interval is longer than the scanned one, the
scan skipped pages. A skipped page can only sit at a boundary where the text
does not run on (a paragraph or word continuing across a boundary proves no
page is missing there); among those boundaries, the placement that best keeps
each running header on one side of the opening (verso even, recto odd) wins,
and ties go to the last boundary, before the next division, where blank
versos are. Pages whose number depends on an unresolved choice are reported
as uncertain; preliminary pages before the first anchor carry no printed
number and are reported as unnumbered.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field, replace
from itertools import combinations_with_replacement, pairwise

from edition.numbering import int_to_roman
from edition.warnings import BuildWarning, page_ranges

#: A running header whose pages agree in parity this often is one-sided (verso or recto).
ONE_SIDED = 0.8
#: Most placements of skipped pages tried in one interval (beyond, they go at its end).
MAX_PLACEMENTS = 2000


@dataclass(frozen=True, slots=True)
class Anchor:
    """A scan page whose printed number is known, and how it is known."""

    page: int
    number: int
    source: str
    roman: bool = False


@dataclass(frozen=True, slots=True)
class Folio:
    """The printed number of one scanned page; `n` is None where the book prints none."""

    page: int
    n: str | None
    how: str  # "anchor" | "inferred" | "uncertain" | "unnumbered"
    value: int | None = None


@dataclass(slots=True)
class Pagination:
    """The printed number of each scanned page, skipped printed pages and what to report."""

    folios: list[Folio]
    skipped: dict[int, list[int]] = field(default_factory=dict)  # before scan page -> numbers
    warnings: list[BuildWarning] = field(default_factory=list)
    parity_checked: int = 0  # header pages whose side was checked against their number
    plates: set[int] = field(default_factory=set)  # scan pages taken for unnumbered plates
    merged: dict[int, int] = field(default_factory=dict)  # scan page -> second printed page on it

    def n(self, page: int) -> str | None:
        """The printed number of scan page `page`, if any."""
        return self.folios[page].n


def _label(number: int, roman: bool, zero: str = "0") -> str:
    """A printed page label, in the book's digits (`zero` is its digit zero: "0", or "٠" for
    Arabic-Indic figures) or in lower-case Roman figures."""
    if roman:
        return int_to_roman(number).lower()
    text = str(number)
    return text if zero == "0" else "".join(chr(ord(zero) + int(c)) for c in text)


def _sides(
    sides: list[list[int]], anchors: list[Anchor], n_pages: int
) -> list[tuple[list[int], int]]:
    """Each one-sided running header with the parity its pages keep (0 even, 1 odd).

    The parity is read from provisional numbers (counted from the nearest
    anchor before, as if no page were missing); a header whose pages do not
    agree `ONE_SIDED` of the time (one used on both sides) tells nothing.
    """
    provisional: dict[int, int] = {}
    for a, b in zip(anchors, [*anchors[1:], Anchor(n_pages, 0, "end")], strict=True):
        for p in range(a.page, b.page):
            provisional[p] = a.number + p - a.page
    out: list[tuple[list[int], int]] = []
    for members in sides:
        known = [provisional[p] % 2 for p in members if p in provisional]
        if len(known) >= 2:
            odd = sum(known)
            if odd >= ONE_SIDED * len(known):
                out.append((members, 1))
            elif len(known) - odd >= ONE_SIDED * len(known):
                out.append((members, 0))
    return out


def _parity_score(numbers: dict[int, int], sides: list[tuple[list[int], int]]) -> int:
    """How many header pages sit on the side their header keeps."""
    return sum(
        1 for members, parity in sides for p in members
        if p in numbers and numbers[p] % 2 == parity
    )


def paginate(
    n_pages: int,
    anchors: list[Anchor],
    continues: set[int],
    sides: list[list[int]],
    plates: set[int] | None = None,
    sizes: list[int] | None = None,
    zero: str = "0",
    breaks_lost: set[int] | None = None,
) -> Pagination:
    """Printed numbers for `n_pages` scan pages.

    `continues` holds k for each boundary between pages k and k+1 where the text
    runs on; `sides` lists, per running-header cluster, the pages it stands on;
    `plates` are the scan pages with no text (plates and blank leaves), which an
    interval holding more scanned than printed pages leaves unnumbered first;
    `sizes` the number of lines on each scan page; `zero` the digit zero of the figures the
    book prints its page numbers in (`pb/@n` keeps them: "١٢", not "12"); `breaks_lost` the
    scan pages with a running head inside them (a page break the scan lost: such a page holds
    two printed pages).

    Where the printed numbers skip but the text runs on at every page break between them,
    no printed page is missing: the scan lost a page break, and the longest scan pages there
    hold two printed pages each (`merged`); no page is marked unscanned.
    """
    anchors = sorted({a.page: a for a in anchors}.values(), key=lambda a: a.page)
    numbers: dict[int, int] = {}
    how: dict[int, str] = {}
    roman: dict[int, bool] = {}
    result = Pagination([])
    if not anchors:
        result.folios = [Folio(p, None, "unnumbered") for p in range(n_pages)]
        result.warnings.append(BuildWarning(
            "W105", "no printed page number could be read or calibrated: pages carry no number"))
        return result
    first = anchors[0]
    one_sided = _sides(sides, anchors, n_pages)
    side_of: dict[int, list[int]] = {}
    for k, (members, _) in enumerate(one_sided):
        for p in members:
            side_of.setdefault(p, []).append(k)
    for a in anchors:
        numbers[a.page], how[a.page], roman[a.page] = a.number, "anchor", a.roman
    for a, b in pairwise(anchors):
        _fill(a, b, numbers, how, roman, continues, one_sided, result, plates or set(), side_of,
              sizes or [], breaks_lost or set())
    last = anchors[-1]
    # the leaves after the book's last page of text (blank leaves, the library's slips and
    # labels, their stamps already taken out) carry no printed number
    end = n_pages
    while end > last.page + 1 and (end - 1) in (plates or set()):
        end -= 1
    for p in range(last.page + 1, end):
        numbers[p], how[p], roman[p] = last.number + p - last.page, "inferred", last.roman
    # the pages before the first number read whose text runs on into it (a chapter's or a
    # preface's opening page, which prints no number) continue its sequence backwards
    start = first.page
    while (start > 0 and start - 1 in continues and (start - 1) not in (plates or set())
           and first.number - (first.page - start + 1) >= 1):
        start -= 1
        numbers[start], how[start], roman[start] = (first.number - (first.page - start),
                                                    "inferred", first.roman)
    for p in range(n_pages):
        if p < start or p in result.plates or p >= end:
            result.folios.append(Folio(p, None, "plate" if p in result.plates else "unnumbered"))
        else:
            result.folios.append(Folio(p, _label(numbers[p], roman[p], zero), how[p],
                                       numbers[p]))
    result.parity_checked = sum(len(members) for members, _ in one_sided)
    for members, parity in one_sided:
        wrong = [p for p in members if p in numbers and numbers[p] % 2 != parity]
        if wrong:
            side = "odd (recto)" if parity else "even (verso)"
            result.warnings.append(BuildWarning(
                "W103", f"scan pages {page_ranges(wrong)} carry a running header otherwise on "
                        f"{side} pages: their printed numbers may be off", wrong[0]))
    _repeats(result)
    uncertain = [f.page for f in result.folios if f.how == "uncertain"]
    if uncertain:
        result.warnings.append(BuildWarning(
            "W102", f"printed numbers of scan pages {page_ranges(uncertain)} are uncertain",
            uncertain[0]))
    return result


def _repeats(result: Pagination) -> None:
    """Report printed numbers given to two scan pages (W107). A number inferred for the later
    page, not read on it, becomes uncertain: the sequence that gave it is in doubt. Numbers
    read on both pages stay (a second volume or part bound into the scan numbers its pages
    again)."""
    seen: dict[str, int] = {}
    repeated: list[int] = []
    for k, folio in enumerate(result.folios):
        if folio.n is None:
            continue
        if folio.n in seen:
            repeated.append(folio.page)
            if folio.how == "inferred":
                result.folios[k] = replace(folio, how="uncertain")
        else:
            seen[folio.n] = folio.page
    if repeated:
        result.warnings.append(BuildWarning(
            "W107", f"scan pages {page_ranges(repeated)} carry printed numbers that earlier "
                    "pages carry too (a second volume or part, or a misread folio)",
            repeated[0]))


#: Lines a scan page holds, at least, as a share of the book's usual page (the median of its
#: pages with text), to be taken for two printed pages run together (a lost page break).
MERGED_PAGE_SIZE = 1.6


def _long_pages(pages: range, sizes: list[int]) -> list[int]:
    """The scan pages among `pages` long enough to hold two printed pages (MERGED_PAGE_SIZE);
    without the pages' sizes, every page (nothing tells them apart)."""
    if not sizes:
        return list(pages)
    usual = statistics.median([n for n in sizes if n] or [0])
    return [p for p in pages if p < len(sizes) and sizes[p] >= MERGED_PAGE_SIZE * usual]


def _merge(a: Anchor, b: Anchor, merged: list[int], numbers: dict[int, int],
           how: dict[int, str], roman: dict[int, bool], result: Pagination, why: str) -> None:
    """Number the pages from anchor a to b where each page of `merged` holds two printed
    pages (W106, saying `why`); nothing is marked unscanned."""
    number = a.number
    for p in range(a.page, b.page):
        if p != a.page:
            numbers[p], how[p], roman[p] = number, "inferred", a.roman
        if p in merged:
            result.merged[p] = number + 1
            result.warnings.append(BuildWarning(
                "W106", f"scan page {p + 1} seems to hold printed pages {number} and "
                        f"{number + 1}: {why}", p))
            number += 1
        number += 1


def _fill(
    a: Anchor,
    b: Anchor,
    numbers: dict[int, int],
    how: dict[int, str],
    roman: dict[int, bool],
    continues: set[int],
    sides: list[tuple[list[int], int]],
    result: Pagination,
    plates: set[int],
    side_of: dict[int, list[int]],
    sizes: list[int],
    breaks_lost: set[int],
) -> None:
    """Number the pages strictly between anchors a and b, placing skipped pages."""
    inner = list(range(a.page + 1, b.page))
    missing = (b.number - a.number) - (b.page - a.page)
    if a.roman != b.roman:
        for p in inner:
            numbers[p], how[p], roman[p] = a.number + p - a.page, "uncertain", a.roman
        return
    if missing < 0:
        # more scanned pages than printed ones: unnumbered plates (or blank leaves) inserted;
        # pages without text are taken for them first, then the last pages of the interval
        extra = -missing
        chosen = [p for p in inner if p in plates][:extra]
        chosen += [p for p in reversed(inner) if p not in chosen][: extra - len(chosen)]
        number = a.number
        for p in inner:
            if p in chosen:
                result.plates.add(p)
                continue
            number += 1
            numbers[p], how[p], roman[p] = number, "inferred" if all(
                c in plates for c in chosen) else "uncertain", a.roman
        if not all(c in plates for c in chosen):
            result.warnings.append(BuildWarning(
                "W104", f"scan pages {a.page + 1}-{b.page + 1} hold {extra} more pages than "
                        f"printed pages {a.number}-{b.number}, not all of them blank: numbers "
                        "uncertain", a.page))
        return
    # boundary k sits between scan pages k and k+1; a skipped page can only sit where text breaks
    open_bounds = [k for k in range(a.page, b.page) if k not in continues]
    long_pages = _long_pages(range(a.page, b.page), sizes)
    lost = [p for p in range(a.page, b.page) if p in breaks_lost]
    if missing and len(lost) >= missing:
        # a running head stands inside these pages: the scan lost their page breaks
        _merge(a, b, lost[:missing], numbers, how, roman, result,
               "a running head stands inside it, where the scan lost a page break")
        return
    if missing and not open_bounds and len(long_pages) >= missing:
        # the text runs on at every break and the longest pages are long enough for two
        _merge(a, b, sorted(sorted(long_pages, key=lambda p: -sizes[p])[:missing]), numbers,
               how, roman, result, f"the text runs on at every page break between printed pages "
               f"{a.number} and {b.number} and the page is as long as two, so the scan lost a "
               "page break, not a page")
        return
    if missing and not open_bounds:
        # the text runs on at every break (no sentence ends there), but no page is long enough
        # to hold two printed pages: pages are missing after all, their place uncertain (a
        # page ends mid-sentence more often than not)
        open_bounds = list(range(a.page, b.page))
    if missing and len(open_bounds) ** missing > MAX_PLACEMENTS:
        # too many ways to search: the gaps go where no text runs on, at the latest bounds
        placements = [tuple(sorted((open_bounds * missing)[-missing:]))]
    elif missing:
        placements = sorted(set(combinations_with_replacement(open_bounds, missing)))
    else:
        placements = [()]
    local_pages: dict[int, list[int]] = {}
    for p in inner:
        for side in side_of.get(p, ()):
            local_pages.setdefault(side, []).append(p)
    local = [(pages, sides[side][1]) for side, pages in local_pages.items()]
    scored: list[tuple[int, int, tuple[int, ...], dict[int, int]]] = []
    for place in placements:
        trial: dict[int, int] = {}
        for p in inner:
            trial[p] = a.number + (p - a.page) + sum(1 for k in place if k < p)
        scored.append((_parity_score(trial, local), sum(place), place, trial))
    best_score = max(s[0] for s in scored)
    best = [s for s in scored if s[0] == best_score]
    chosen = max(best, key=lambda s: s[1])
    for p, value in chosen[3].items():
        agree = all(s[3][p] == value for s in best)
        numbers[p], how[p], roman[p] = value, "inferred" if agree else "uncertain", a.roman
    value = {a.page: a.number, b.page: b.number, **chosen[3]}
    for k in sorted(set(chosen[2])):
        nums = list(range(value[k] + 1, value[k + 1]))
        if nums:
            result.skipped[k + 1] = nums
            result.warnings.append(BuildWarning(
                "W101", f"printed page(s) {', '.join(map(str, nums))} not in the scan "
                        f"(before scan page {k + 2})", k + 1))
