"""Division openings: where each chapter (and the Introduction) begins in the scan.

With a contents page, each entry is looked for, in order, on the pages after
the previous one: its title (and label, "I", "CHAPTER II") among the first
lines of a page. Without one, a chapter label line followed by a title line
opens a division. The heading lines found here are protected from the
running-header rule: a chapter title is never furniture on its own opening page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise

import regex
from rapidfuzz.distance import Indel, Levenshtein

from edition.model import Line, Scan
from edition.numbering import roman_to_int
from edition.rules import labels
from edition.rules.contents import Contents
from edition.rules.lexicon import zipf
from edition.rules.markup import strip_markup
from edition.warnings import BuildWarning

#: How many lines at the top of a page are searched for a division heading.
HEAD_ZONE = 3
#: Normalised similarity at or above which a heading line matches a contents title.
TITLE_MATCH = 0.8
#: A heading line is at most this long; longer lines are text and are not compared.
MAX_HEAD_CHARS = 200
#: A label line is at most this long.
MAX_LABEL_CHARS = 30
#: Most words in a division title line under its label.
TITLE_WORDS = 12
#: Share of a title line's letters in capitals.
TITLE_CAPS = 0.8


@dataclass(frozen=True, slots=True)
class Opening:
    """A division opening: scan page, label and title lines, printed page and contents row if
    listed; `kind` the division type its label names ("chapter", "letter", "book" ...; ""
    when none), `rank` how deep it sits (a book holds chapters), `more` further title lines,
    `inferred` True where its number was read from the sequence, not from the page;
    `run_in` True for a label run into its paragraph's first line (`label_line` then spans the
    label alone, from the raw line's start); `cert` "low" for a division no heading opens, its
    title read from the running heads (it has no lines: it opens at the first paragraph that
    begins on its page or after); `number_cert` how sure an inferred number is ("medium":
    from its kind's sequence; "low": across printed pages missing from the scan, see
    `doubtful_numbers`), "" for a number read on the page; `epigraph` True for a division
    whose lost heading an epigraph at its page's head stands for (see
    `edition.rules.verse.epigraph_openings`)."""

    page: int
    label: str
    title: str
    label_line: Line | None
    title_line: Line | None
    printed: int | None
    entry: Line | None = None
    kind: str = ""
    rank: int = labels.DEFAULT_RANK
    more: tuple[Line, ...] = ()
    inferred: bool = False
    run_in: bool = False
    cert: str = ""
    number_cert: str = ""
    epigraph: bool = False

    @property
    def lines(self) -> list[Line]:
        """The heading's lines: label, title and any further title lines."""
        return [ln for ln in (self.label_line, self.title_line, *self.more) if ln is not None]


#: What normalising removes: everything but letters.
NON_LETTERS = regex.compile(r"[^\p{L}]+")


def normalise(text: str) -> str:
    """Upper-case letters and single spaces only, letter-spacing closed up: the form headings
    are compared in."""
    return " ".join(NON_LETTERS.sub(" ", labels.despace(strip_markup(text))).upper().split())


def similarity(a: str, b: str) -> float:
    """1 − Levenshtein distance / longer length, on normalised text."""
    return Levenshtein.normalized_similarity(normalise(a), normalise(b))


def label_of(text: str) -> str | None:
    """The chapter number of a label line ("I", "XII", "3"), or None."""
    return labels.label_of(strip_markup(text))


def _is_speck(text: str) -> bool:
    """True for a line of at most three characters with no digit (a speck between lines)."""
    text = text.strip()
    return len(text) <= 3 and not any(c.isdigit() for c in text)


def _is_title(text: str) -> bool:
    """True for a short line in capitals under a label: the division's title."""
    text = strip_markup(text)
    letters = [c for c in text if c.isalpha()]
    return (bool(letters) and len(text.split()) <= TITLE_WORDS and not text.rstrip().endswith(",")
            and sum(c.isupper() for c in letters) >= TITLE_CAPS * len(letters))


#: Lines of text a page must hold after a title printed without its contents label for the
#: title to open its division there (a half-title page holds the title alone).
UNLABELLED_BODY_LINES = 5


def _match_entry(lines: list[Line], label: str, title: str) -> Opening | None:
    """The opening on a page whose top lines carry `title` (after `label`, when given). A
    title printed without the label the contents gives it (a book's first lecture, "USES OF
    GREAT MEN.", over its text; the contents list "I. — Uses of Great Men") opens its
    division where UNLABELLED_BODY_LINES lines of text follow it on the page."""
    for k, line in enumerate(lines[:HEAD_ZONE]):
        if len(line.text) > MAX_HEAD_CHARS or similarity(line.text, title) < TITLE_MATCH:
            continue
        before = lines[k - 1] if k else None
        found = label_of(before.text) if before else None
        if label and found != label and (found is not None or len(lines) - k - 1 <
                                         UNLABELLED_BODY_LINES):
            continue
        return Opening(0, label, strip_markup(line.text), before if found else None, line, None)
    return None


#: Share of contents entries that must be found for the contents to define the divisions.
CONTENTS_FOUND = 0.5


def find_openings(scan: Scan, contents: Contents | None) -> list[Opening]:
    """The division openings of the scan, in order.

    The contents page decides when most of its entries are found in the scan;
    otherwise (a contents page the OCR garbled, or one that lists sections
    rather than chapters) the chapter labels do, if they find more.
    """
    if contents is not None:
        listed = _from_contents(scan, contents)
        if len(listed) >= CONTENTS_FOUND * len(contents.entries):
            return listed
        labelled = _from_labels(scan)
        return labelled if len(labelled) > len(listed) else listed
    return _from_labels(scan)


def _from_contents(scan: Scan, contents: Contents) -> list[Opening]:
    """Each contents entry found in order on the pages after the contents page."""
    openings: list[Opening] = []
    start = contents.page + 1
    # the normalised top lines of every page, computed once: entries are many, pages more
    tops = [[normalise(ln.text) for ln in page.content_lines()[:HEAD_ZONE]
             if len(ln.text) <= MAX_HEAD_CHARS] for page in scan.pages]
    for entry in contents.entries:
        key = normalise(entry.title)
        for page in scan.pages[start:]:
            if not any(Levenshtein.normalized_similarity(key, top, score_cutoff=TITLE_MATCH)
                       for top in tops[page.index]):
                continue
            found = _match_entry(page.content_lines(), entry.label, entry.title)
            if found:
                openings.append(
                    Opening(page.index, entry.label, found.title, found.label_line,
                            found.title_line, entry.page, entry.line)
                )
                start = page.index + 1
                break
    return openings


#: Title lines a label may have under it ("SERMON IV." / "THE PATIENCE OF THE HUSBANDMAN.").
MAX_TITLE_LINES = 2


def _titles_under(lines: list[Line], k: int) -> list[Line]:
    """The title lines in capitals under the label on line `k` (specks passed over)."""
    after = [ln for ln in lines[k + 1 : k + 1 + MAX_TITLE_LINES + 1] if not _is_speck(ln.text)]
    titles: list[Line] = []
    for ln in after[:MAX_TITLE_LINES]:
        if not _is_title(ln.text) or labels.read_label(strip_markup(ln.text)):
            break
        titles.append(ln)
    return titles


Found = tuple[int, Line, labels.Label, list[Line]]


def _from_labels(scan: Scan) -> list[Opening]:
    """Openings marked by label lines: a worded label ("CHAPTER II", "LETTER III.", "Chapter %"),
    garbled or letter-spaced, anywhere on a page; or a bare number (Roman, over a title) among
    the first lines of a page; or, at a page's top, the book's own label word misread
    (`_misread_labels`). Each takes the title lines in capitals under it. A contents list's
    labels (`_listing`) and a run of quoted poems' (`_out_of_sequence`) open nothing. Numbers
    come from the sequence of each kind of label."""
    found: list[Found] = []
    for page in scan.pages:
        lines = page.content_lines()
        for k, line in enumerate(lines):
            text = strip_markup(line.text)
            if len(text) > MAX_LABEL_CHARS * 2 or k + 1 >= len(lines):
                continue
            label = labels.read_label(text)
            if label is None:
                continue
            titles = _titles_under(lines, k)
            # a bare number is a label only as a Roman numeral over a title near the top:
            # Arabic numbers there are page numbers
            bare = not label.kind and (k >= HEAD_ZONE or not text.rstrip(".").isupper()
                                       or not titles or text.strip(".").isdigit())
            if bare:
                continue
            found.append((page.index, line, label, titles))
            if not label.kind:
                break
    run_ins = _run_in_labels(scan, found)
    read_clean = bool(found)
    found = sorted(found + _misread_labels(scan, found) + run_ins, key=lambda f: f[1].start)
    found = [f for f in found if f not in _listing(found) and f not in _out_of_sequence(found)]
    run_in = {line.start for _, line, _, _ in run_ins}
    # each kind of label numbers its own sequence (BOOK I, CHAPTER I, II ... BOOK II), and a
    # label of a higher rank starts the sequences under it again (BOOK II, CHAPTER I); in a
    # book whose labels the OCR read none of, those found are too few to count: no numbers
    numbers: dict[int, tuple[str, bool]] = {}
    for kind in {label.kind for _, _, label, _ in found}:
        runs: list[list[int]] = [[]]
        for k, (_, _, label, _) in enumerate(found):
            if label.kind == kind:
                runs[-1].append(k)
            elif label.rank < labels.RANK.get(kind, labels.DEFAULT_RANK) and runs[-1]:
                runs.append([])
        for members in runs:
            printed = [found[k][2].number for k in members]
            numbered = (labels.number_labels(printed) if read_clean or any(printed)
                        else [("", False)] * len(members))
            for k, number in zip(members, numbered, strict=True):
                numbers[k] = number
    return [
        Opening(page, numbers[k][0], strip_markup(" ".join(ln.text for ln in titles)) if titles
                else "", line, titles[0] if titles else None, None, kind=label.kind or "chapter",
                rank=label.rank, more=tuple(titles[1:]), inferred=numbers[k][1],
                run_in=line.start in run_in)
        for k, (page, line, label, titles) in enumerate(found)
    ]


def doubtful_numbers(openings: list[Opening], missing_before: set[int]
                     ) -> tuple[list[Opening], list[BuildWarning]]:
    """The openings with the certainty of their numbers, and W111 for those in doubt.

    A number read from the page is certain; one inferred from its kind's sequence (a label
    the OCR garbled: "Chapter %") is of medium certainty, and of low certainty where printed
    pages are missing from the scan (`missing_before`: the scan pages before which they are)
    since the last number of its kind read on its page: a division may have opened on the
    missing pages, and every number after it is then one short (Persuasion 1901 loses pp.
    72-73, where chapter IX opens)."""
    out: list[Opening] = []
    doubtful: list[Opening] = []
    last_read: dict[str, int] = {}
    for o in openings:
        if not o.label:
            out.append(o)
            continue
        if not o.inferred:
            last_read[o.kind] = o.page
            out.append(o)
            continue
        since = last_read.get(o.kind, -1)
        low = any(since < p <= o.page for p in missing_before)
        o = replace(o, number_cert="low" if low else "medium")
        doubtful += [o] if low else []
        out.append(o)
    warnings = []
    if doubtful:
        first, last = doubtful[0], doubtful[-1]
        which = (f"number {first.label} is" if first is last
                 else f"numbers {first.label}-{last.label} are")
        warnings.append(BuildWarning(
            "W111", f"{first.kind} {which} inferred from the sequence across printed pages "
                    "missing from the scan: a heading may be lost with them (div n marked "
                    "certainty low)", first.page))
    return out, warnings


def skipped_numbers(openings: list[Opening]) -> list[BuildWarning]:
    """W110 where the numbers of a kind of division skip (CHAPTER III, then CHAPTER V): a
    heading lost to the OCR or to a missing page, reported, never renumbered. A division of a
    higher rank (a BOOK) starts its divisions' numbering again."""
    warnings: list[BuildWarning] = []
    last: dict[str, tuple[int, str]] = {}
    for o in openings:
        for kind in [k for k in last if labels.RANK.get(k, labels.DEFAULT_RANK) > o.rank]:
            del last[kind]  # a new book: its chapters count from one again
        value = _value(o.label)
        if value is None or not o.kind:
            continue
        before = last.get(o.kind)
        if before is not None and value > before[0] + 1:
            missing = value - before[0] - 1
            warnings.append(BuildWarning(
                "W110", f"{o.kind} numbers skip from {before[1]} to {o.label}: "
                        f"{missing} heading{'s' if missing > 1 else ''} not found", o.page))
        last[o.kind] = (value, o.label)
    return warnings


def _value(label: str) -> int | None:
    """A division number's value: Arabic or Roman figures."""
    if label.isdigit():
        return int(label)
    return roman_to_int(label)


#: Label lines with one word a book must print before a misreading of that word is taken for
#: it (`_misread_labels`).
OWN_WORD_MIN = 3
#: Indel similarity of a misread word's letters to the book's label word ("Cl)»t>ter" is
#: "clter", 0.67 of "chapter"; "CHAPTFJt" 0.67).
MISREAD_WORD = 0.6
#: Words a misread label line holds at most (the word and its number).
MISREAD_TOKENS = 3
#: Zipf frequency (English) under which a misread word is no word (as `lines.NOT_A_WORD`).
NOT_A_WORD = 1.5


def _label_words(found: list[Found]) -> list[str]:
    """The label words a misreading is compared with: the one this book prints on
    OWN_WORD_MIN label lines or more; in a book with no label read at all, the words for a
    chapter (of FALLBACK_LETTERS letters or more: a short word is like too much garbage)."""
    words = Counter(NON_LETTERS.sub("", labels.despace(strip_markup(ln.text)).split()[0]).lower()
                    for _, ln, label, _ in found if label.kind)
    if words:
        word, count = words.most_common(1)[0]
        return [word] if count >= OWN_WORD_MIN and word in labels.LABEL_WORDS else []
    return [w for w, kind in labels.LABEL_WORDS.items()
            if kind == "chapter" and len(w) >= FALLBACK_LETTERS]


#: Letters a chapter word needs to be compared with misreadings in a book with no label read.
FALLBACK_LETTERS = 6


def _misread(token: str, word: str) -> bool:
    """True when a line's first word is the label word misread: a capital, MISREAD_WORD like
    it, and no word of English ("Chapel" is like "chapter", and a word)."""
    letters = NON_LETTERS.sub("", token).lower()
    return (bool(letters) and token[:1].isupper()
            and Indel.normalized_similarity(letters, word) >= MISREAD_WORD
            and (letters == word or zipf(letters) < NOT_A_WORD))


def _misread_labels(scan: Scan, found: list[Found]) -> list[Found]:
    """Label lines the OCR misread ("Cl)»t>ter 3331.", "CHAPTFJt XVII.", the blackletter
    "Cjjapttr", "Chapter Jfiftetjn"), found only at a page's top (`HEAD_ZONE`) and only for
    the book's label words (`_label_words`): the line's first word is one of them misread
    (`_misread`) or as printed, and the rest, if any, a number read or garbled, or one word
    in capitals that is no word (an ordinal misread: "Jfiftetjn" for "Fifteenth")."""
    words = _label_words(found)
    taken = {ln.start for _, ln, _, _ in found}
    out: list[Found] = []
    for page in scan.pages if words else ():
        lines = page.content_lines()
        for k, line in enumerate(lines[:HEAD_ZONE]):
            tokens = strip_markup(line.text).split()
            if (line.start in taken or not 1 <= len(tokens) <= MISREAD_TOKENS
                    or len(line.text) > MAX_LABEL_CHARS or k + 1 >= len(lines)):
                continue
            word = next((w for w in words if _misread(tokens[0], w)), None)
            if word is None:
                continue
            rest = " ".join(tokens[1:])
            number = labels.label_of(f"{word} {rest}") if rest else None
            ordinal = (len(tokens) == 2 and tokens[1][:1].isupper()
                       and zipf(NON_LETTERS.sub("", tokens[1]).lower()) < NOT_A_WORD)
            if rest and number is None and not labels.garbled_number(rest) and not ordinal:
                continue
            value = labels.value_of(number) if number else None
            out.append((page.index, line, labels.Label(labels.LABEL_WORDS[word], number, value),
                        _titles_under(lines, k)))
            break
    return out


def _listing(found: list[Found]) -> list[Found]:
    """The labels of a list of divisions (a contents page the contents rule could not read:
    "CHAPTER I ... CHAPTER XVI", then the chapters themselves): a run of one kind's labels
    that its sequence starts again after (a number read clean back at the run's first), and
    that stands more than one to a page."""
    out: list[Found] = []
    for kind in {label.kind for _, _, label, _ in found if label.kind}:
        members = [f for f in found if f[2].kind == kind]
        values = [(k, f[2].value) for k, f in enumerate(members) if f[2].value is not None]
        if not values:
            continue
        first = values[0][1]
        restart = next((k for k, v in values[1:] if v == first), None)
        if restart is None:
            continue
        run = members[:restart]
        if len(run) > run[-1][0] - run[0][0] + 1:
            out += run
    return out


#: Share of a kind's clean numbers that break its sequence (backwards, or ahead by more than
#: labels allow for a lost heading) for the kind to be no sequence of divisions.
OUT_OF_SEQUENCE = 0.5


def _out_of_sequence(found: list[Found]) -> list[Found]:
    """The labels of a kind that numbers no sequence (poems quoted in a book of chapters:
    "Sonnet II.", "Sonnet 81st.", "Sonnet 107.", "Sonnet IX."): not the book's main kind, and
    OUT_OF_SEQUENCE of its steps between numbers read clean go back or leap."""
    kinds = Counter(label.kind for _, _, label, _ in found)
    if len(kinds) < 2:
        return []
    main = kinds.most_common(1)[0][0]
    out: list[Found] = []
    for kind in kinds:
        members = [f for f in found if f[2].kind == kind]
        values = [f[2].value for f in members if f[2].value is not None]
        steps = list(pairwise(values))
        breaks = sum(1 for a, b in steps if b <= a or b > a + labels.MAX_LEAP)
        if kind != main and steps and breaks >= OUT_OF_SEQUENCE * len(steps):
            out += members
    return out


#: Labels run into their paragraphs a kind needs, numbered in sequence, to open divisions (a
#: line opening "Chapter I.—" in prose is a reference; a run of them is a series: Coleridge's
#: "Thesis I.—" to "Thesis X.—").
RUN_IN_MIN = 3


def _run_in_labels(scan: Scan, found: list[Found]) -> list[Found]:
    """Labels run into the first line of their paragraphs (`labels.run_in_label`), where a
    kind has RUN_IN_MIN or more of them numbered one after another. Each is found as a line
    of its own: the raw line's start to the end of the label and its dash."""
    taken = {ln.start for _, ln, _, _ in found}
    candidates: list[Found] = []
    for page in scan.pages:
        for line in page.content_lines():
            if line.start in taken:
                continue
            lead = len(line.text) - len(line.text.lstrip())
            read = labels.run_in_label(line.text[lead:])
            if read is None:
                continue
            label, size = read
            head = Line(line.start, line.start + lead + size, line.text[: lead + size])
            candidates.append((page.index, head, label, []))
    out: list[Found] = []
    for kind in {label.kind for _, _, label, _ in candidates}:
        members = [f for f in candidates if f[2].kind == kind]
        values = [f[2].value for f in members]
        if len(members) >= RUN_IN_MIN and all(
                a is not None and b == a + 1 for a, b in pairwise(values)):
            out += members
    return out
