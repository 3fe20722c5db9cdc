"""Front matter: half-title, title page, imprint and contents, and the bibliographic data they give.

The preliminary pages before the first division are read for what a
cataloguer reads them for: the title, the author after "by", the publisher and
its address, the edition statement with its year, and the printer. Each block
gets a `role` that the TEI emitter turns into the proper title-page element;
what no rule recognises stays as a plain paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from edition.model import Block, Inline, LineJoin, PageBreak, plain
from edition.numbering import roman_to_int
from edition.rules.contents import Contents
from edition.rules.divisions import normalise
from edition.rules.labels import read_label

#: A byline: "by" alone on its line, before the author's name.
BYLINE = regex.compile(r"^\s*by\s*$", regex.I)
#: An edition statement with its year.
EDITION = regex.compile(
    r"\b(?:edition|published|impression|printed)\b.*?\b(?P<y>1[5-9]\d\d|20\d\d)\b", regex.I
)
#: A printer's imprint: "PRINTED IN ... BY NAME, PLACE".
PRINTER = regex.compile(
    r"^printed\b.*?\bby\s+(?P<name>.+?)(?:,\s*(?P<place>[^,]+?))?\.?$", regex.I | regex.S
)
#: Small words that stay lower case inside a title.
SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "and", "to", "by", "for", "at", "or"})


@dataclass(slots=True)
class Source:
    """The printed source as its preliminary pages describe it.

    `year_cert` is TEI's certainty of the year ("" when the title page states it; "medium"
    when it is read from an edition statement or a copyright line instead).
    """

    title: str = ""
    author: str = ""
    editor: str = ""
    publisher: str = ""
    address: list[str] | None = None
    place: str = ""
    edition: str = ""
    year: str = ""
    year_cert: str = ""
    printer: str = ""
    printer_place: str = ""


#: "BY NAME" on one line (not "PUBLISHED BY", "PRINTED BY", "ENTERED ... BY"): the author.
BY_NAME = regex.compile(r"^by\s+(?P<name>(?!the\s+author\b)[\p{L}][^,]*?)\s*(?:,.*)?[.,]?$", regex.I)
#: "EDITED BY NAME", or "EDITED BY" alone before the name's line.
EDITED_BY = regex.compile(r"^edited(?:,?\s+with\s+.*?,?)?\s+by\b\s*(?P<name>.*?)[.,]?$", regex.I)
#: A name with letters after it (a title-page author without "by"): "SIR ASTLEY COOPER, Bart.,
#: F.R.S.", "JOHN SMITH, M.D.".
POST_NOMINAL = regex.compile(
    r"^(?P<name>[\p{L}][\p{L}.' -]{3,40}?),\s*(?:bart|esq|f\.\s?r\.\s?s|m\.\s?d|ll\.\s?d|d\.\s?d|"
    r"k\.\s?c\.\s?b|m\.\s?a|ph\.\s?d|a\.\s?m)\b", regex.I)
#: A line that is an imprint date: a year in figures or Roman numerals, alone or after a place
#: ("1835.", "LONDON, 1889", "M DCC LXIX.").
YEAR_LINE = regex.compile(
    r"^(?:[\p{L}][\p{L} .,&:-]{0,40}[,:.]?\s+)?(?P<y>1[4-9]\d\d|20\d\d|M\s?[DCLXVI][DCLXVI\s]{2,14})[.,]?$")
#: A place of publication on a line of its own before the publisher ("LONDON:", "NEW-YORK:").
PLACE_LINE = regex.compile(r"^(?P<place>\p{Lu}[\p{L}.-]*(?:[ -]\p{Lu}[\p{L}.-]*)?)\s*[:.,]?$")
#: Words that are not places although set alone in capitals on a title page.
NOT_PLACE = frozenset({"by", "and", "of", "the", "or", "vol", "volume", "edition", "in"})
#: A publisher's line that runs on to the next ("AND", "&").
RUNS_ON = regex.compile(r"^(?:and|&)\b", regex.I)
#: Lines read for the imprint after the place: at most this many.
IMPRINT_LINES = 3


def title_case(text: str) -> str:
    """A title or name in capitals as a cataloguer writes it: "I Was Stalin's Agent"."""
    words = text.split()
    out = []
    for k, word in enumerate(words):
        low = word.lower()
        if k and low in SMALL_WORDS:
            out.append(low)
        elif regex.match(r"^(?:\p{L}\.)+$", word) or (word.isupper() and len(word) == 1):
            out.append(word.upper())
        else:
            out.append(low[:1].upper() + low[1:])
    return " ".join(out)


def block_lines(block: Block) -> list[str]:
    """The printed lines of a block."""
    lines: list[list[Inline]] = [[]]
    for node in block.children:
        if isinstance(node, LineJoin):
            lines.append([])
        else:
            lines[-1].append(node)
    return [plain(line).strip() for line in lines]


#: A contents entry's page number on a line of its own ("12", "ib." for ibidem).
ENTRY_NUMBER = regex.compile(r"^(?:\d{1,4}|[ivxlc]{1,6}|ib\.?)$", regex.I)
#: A contents entry's page number as the OCR garbles it, after leader dots or specks ("i6",
#: "lOI", ". 32", "• 139"): figures, or letters OCR makes of figures, four at most.
GARBLED_ENTRY_NUMBER = regex.compile(r"^[.•·,\s]*(?P<n>[\dilIoOsS]{1,4})$")
#: A chapter's label on a line of its own in a contents list, its figure perhaps misread ("I.",
#: "IV.", "11." for II, "vr." for VI): the entry's title follows on the next line.
ENTRY_LABEL = regex.compile(r"^[IVXLCivxlc1l|][IVXLCivxlcr1l|]{0,5}\.$")


def entry_number(text: str) -> bool:
    """True for a contents entry's page number alone on its line (ENTRY_NUMBER), or garbled
    (GARBLED_ENTRY_NUMBER) with at least one true figure in it."""
    text = text.strip()
    if ENTRY_NUMBER.match(text):
        return True
    m = GARBLED_ENTRY_NUMBER.match(text)
    return m is not None and any(c.isdigit() for c in m["n"])


#: Most words in one line of a contents list.
CONTENTS_ROW_WORDS = 16
#: A contents page heading.
CONTENTS_HEAD = regex.compile(r"^\s*(?:table\s+of\s+)?contents\.?\s*$", regex.I)


def is_contents_head(text: str) -> bool:
    """True for a contents heading, letter-spaced or not ("C O N T ENTS.")."""
    return len(text) <= MAX_CONTENTS_HEAD and bool(CONTENTS_HEAD.match(SPACES.sub("", text)))


#: The longest contents heading ("T A B L E  O F  C O N T E N T S").
MAX_CONTENTS_HEAD = 40
SPACES = regex.compile(r"\s+")
#: The heading of the page-number column on a contents page, or a row of column headings
#: ("CHAP.  PAGE").
PAGE_COLUMN = regex.compile(
    r"^\s*(?:(?:chap(?:ter)?s?|pages?|no|title|subject|section|part|book|letter|lecture|"
    r"essay|sermon)\.?\s*){1,3}$", regex.I)


def merge_split_rows(items: list[Block | PageBreak], body: int | None = None
                     ) -> list[Block | PageBreak]:
    """On contents pages, make every short line an entry of the contents list, and join an
    entry's title with its page number printed on its own line.

    Internet Archive text puts the title, the leader dots and the number of a
    contents entry on separate lines, and sometimes a whole column of numbers
    after a column of titles; all of it is the contents list, none of it prose.
    Contents pages run from the first page headed "Contents" to the last page
    before the body (`body`), or to the page after the last such heading.
    """
    heads = [b for b in items if isinstance(b, Block)
             and len(b.line.text) <= MAX_CONTENTS_HEAD + 6 and is_contents_head(b.text)]
    if not heads:
        return items
    first = heads[0].page
    last = body - 1 if body is not None and body > first else heads[-1].page + 1
    out: list[Block | PageBreak] = []
    started = False  # the list begins at its heading, not at the top of the heading's page
    for whole in items:
        started = started or whole is heads[0]
        on_contents = (isinstance(whole, Block) and started and first <= whole.page <= last
                       and whole.kind == "p")
        # a contents page sets one entry a line, however the OCR grouped its lines in blocks
        for item in _line_blocks(whole) if on_contents else [whole]:
            _contents_row(item, out, started, first, last)
    return out


def _line_blocks(block: Block) -> list[Block]:
    """A block cut at its line joins into one block per printed line."""
    out = [Block(block.kind, [], block.page, block.line, role=block.role)]
    for node in block.children:
        if isinstance(node, LineJoin) and node.line is not None:
            out.append(Block(block.kind, [], block.page, node.line, role=block.role))
        else:
            out[-1].children.append(node)
    return [b for b in out if b.children]


def _contents_row(item: Block | PageBreak, out: list[Block | PageBreak], started: bool,
                  first: int, last: int) -> None:
    """Append `item` to `out`, as a contents entry where it is one."""
    if (isinstance(item, PageBreak) or not started or not first <= item.page <= last
            or item.kind != "p" or is_contents_head(item.text)
            or len(item.text.split()) > CONTENTS_ROW_WORDS):
        out.append(item)
        return
    prev = next((x for x in reversed(out) if isinstance(x, Block)), None)
    if (prev is not None and prev.role == "contents-split" and prev.page == item.page
            and entry_number(item.text)
            and not entry_number(prev.text.split()[-1] if prev.text.split() else "")
            and not ENTRY_LABEL.match(prev.text.strip())):
        prev.children = [*prev.children, *item.children]  # an entry's number on its own line
        return
    if (prev is not None and prev.role == "contents-split" and prev.page == item.page
            and ENTRY_LABEL.match(prev.text.strip()) and not ENTRY_LABEL.match(item.text.strip())
            and not entry_number(item.text)):
        prev.children = [*prev.children, *item.children]  # the title after its label's line
        return
    item.kind, item.role = "row", "contents-split"
    out.append(item)


def _caps_title(blocks: list[Block]) -> str:
    """The first run of lines in capitals on the preliminary pages: a plain-text title page."""
    lines: list[str] = []
    for block in blocks:
        for line in block_lines(block):
            letters = [c for c in line if c.isalpha()]
            if letters and all(c.isupper() for c in letters) and len(line.split()) <= 8:
                lines.append(line)
            elif lines:
                return " ".join(lines)
    return " ".join(lines)


def _year(text: str) -> str | None:
    """The year of an imprint date line, in figures (a Roman year read as a number)."""
    m = YEAR_LINE.match(text.strip())
    if not m:
        return None
    year = m["y"].replace(" ", "")
    if year.isdigit():
        return year
    value = roman_to_int(year)
    return str(value) if value and 1450 <= value <= 1900 else None


#: A line that says whose the name above it is: "AUTHOR OF ...".
AUTHOR_OF = regex.compile(r"^a\S{2,5}or\s+of\b", regex.I)
#: A personal name as a title page sets it: capitalised words and initials ("S. T. COLERIDGE",
#: "CAPTAIN MAYNE REID", "Mrs. JULIAN MARSHALL"), particles allowed ("de", "van", "of").
NAME = regex.compile(r"^(?:(?:\p{Lu}[\p{L}'’.-]*|de|da|van|von|der|la|le|of|and|&)\s*){1,7}$")
#: The shape of a publisher's line: a firm's words.
FIRM = regex.compile(r"&|\b(?:co|company|sons?|brothers|publishers?|press|printed\s+for|"
                     r"printed\s+by|published\s+by|booksellers?)\b", regex.I)
#: A title page holds few lines; a page of more is a list (of the author's books, say).
TITLE_PAGE_LINES = 25
#: Lines of a title page that are not part of the title: volume statements, quotations.
NOT_TITLE = regex.compile(r"^(?:in\s+\w+\s+volumes|vol\b|volume\b|[\"“'(])", regex.I)


@dataclass(frozen=True, slots=True)
class _TitlePage:
    """A candidate title page: its index, the author line's index and name, and its score."""

    page: int
    line: int
    author: str
    score: int


def _candidate(k: int, lines: list[str]) -> _TitlePage | None:
    """The page as a title page: its author line (or, for a title page naming no author, its
    place line) and how much imprint (place, firm, year) stands after it."""
    def imprint(after: list[str]) -> int:
        return (any(_place(x) for x in after) + any(_year(x) for x in after)
                + any(FIRM.search(x) for x in after) - (len(lines) > TITLE_PAGE_LINES))

    for j, line in enumerate(lines):
        name = _author(line, lines[j + 1] if j + 1 < len(lines) else "",
                       lines[j + 1 : j + 3])
        if name:
            return _TitlePage(k, j, name, 1 + imprint(lines[j + 1 :]))
    # no author named: a page whose imprint (a place, then a firm or a year) follows its title;
    # the place is the line the firm or the year follows (a title's word alone in capitals,
    # "HISTORY", is no place)
    for j, line in enumerate(lines):
        if (j and _place(line) and imprint(lines[j:]) >= 2
                and any(FIRM.search(x) or _year(x) for x in lines[j + 1 : j + 1 + IMPRINT_LINES])):
            return _TitlePage(k, j - 1, "", imprint(lines[j:]))
    return None


def _place(line: str) -> str | None:
    """The place of a line set alone in capitals ("LONDON:", "NEW-YORK:"), or None."""
    m = PLACE_LINE.match(line.strip())
    if not m or not m["place"].isupper() or m["place"].lower().strip(".") in NOT_PLACE:
        return None
    return m["place"].rstrip(".")


def read_title_page(pages: list[list[str]], source: Source) -> tuple[str, int | None]:
    """Fill the source's author, editor, place, publisher and year from the title page, and
    return the title the page sets above its author ("" when no title page is found) and
    the title page's index in `pages` (None when none is found).

    `pages` holds the printed lines of each preliminary page in order (stamps and notices
    already removed). The title page is the page with an author ("BY NAME", a name with
    post-nominal letters, or a name above "AUTHOR OF ...") followed by the most imprint
    (place, publisher, year), and at most TITLE_PAGE_LINES lines. Only what the page states
    is taken; nothing is guessed.
    """
    for lines in pages:
        for j, line in enumerate(lines):
            if m := EDITED_BY.match(line.strip()):
                name = m["name"] or (lines[j + 1] if j + 1 < len(lines) else "")
                if name and not source.editor:
                    source.editor = name.strip(" .,")
    found = [c for k, lines in enumerate(pages) if (c := _candidate(k, lines))]
    if not found:
        return "", None
    best = max(found, key=lambda c: (c.score, -c.page))
    lines = pages[best.page]
    source.author = source.author or best.author
    end = best.line if best.author else best.line + 1
    title = [x.strip() for x in lines[:end]
             if not NOT_TITLE.match(x.strip()) and not BYLINE.match(x.strip())]
    after = lines[end:] if not best.author else lines[best.line + 1 :]
    for j, line in enumerate(after):
        year = _year(line)
        if year and not source.year:
            source.year, source.year_cert = year, ""
        place = _place(line)
        if (place and not source.place and j + 1 < len(after) and not _year(after[j + 1])
                and not _place(after[j + 1])):
            source.place = place
            # the firm's line, and the next only where the line runs on ("..., / AND / ...")
            publisher: list[str] = []
            for nxt in after[j + 1 : j + 1 + IMPRINT_LINES]:
                if _year(nxt) or (publisher and _place(nxt)):
                    break
                if publisher and not (publisher[-1].endswith((",", "&")) or RUNS_ON.match(
                        publisher[-1]) or RUNS_ON.match(nxt.strip())):
                    break
                publisher.append(nxt.strip())
            if publisher and not source.publisher:
                source.publisher = firm(" ".join(publisher))
    if not source.year and best.page + 1 < len(pages):
        # the imprint's date, which the scan split off onto the top of the next page
        source.year = next((y for x in pages[best.page + 1][:IMPRINT_LINES] if (y := _year(x))),
                           "")
    return " ".join(title), best.page


#: The formula before a firm's name on an imprint ("PUBLISHED BY", "Printed for"), perhaps run
#: into the name by the OCR ("PUBLISHED BYLEAVITT, LORD & CO.").
IMPRINT_FORMULA = regex.compile(r"^(?:published|printed|sold)\s+(?:by|for)(?:\s+|(?=\p{Lu}))",
                                regex.I)


def firm(line: str) -> str:
    """The publisher an imprint line names, without the formula before it (IMPRINT_FORMULA)
    and the stops after it: "PUBLISHED BYLEAVITT, LORD & CO." is "LEAVITT, LORD & CO"."""
    return IMPRINT_FORMULA.sub("", line.strip()).rstrip(" ,.")


def _author(line: str, following: str, after: list[str] | None = None) -> str | None:
    """The author a title-page line names: "BY NAME", "BY" before a name line, a name with
    post-nominal letters, or a name line above "AUTHOR OF ..."; None for anything else."""
    text = line.strip()
    if BYLINE.match(text):
        name = following.strip().rstrip(".,")
        return name if name and not _year(name) and NAME.match(name) else None
    if (m := BY_NAME.match(text)) and NAME.match(m["name"].strip()):
        return m["name"].strip()
    if m := POST_NOMINAL.match(text):
        return m["name"].strip()
    rest = [x for x in (after or []) if not x.strip().startswith("(")]
    if rest and AUTHOR_OF.match(rest[0].strip()) and NAME.match(text.rstrip(".,")):
        return text.rstrip(".,")
    return None


#: Headings of the divisions of front matter, with their TEI div types.
FRONT_DIVISIONS: dict[str, str] = {
    "preface": "preface", "introduction": "introduction", "foreword": "preface",
    "dedication": "dedication", "advertisement": "preface", "to the reader": "preface",
    "prefatory note": "preface", "acknowledgments": "acknowledgments",
    "acknowledgements": "acknowledgments", "list of illustrations": "illustrations",
    "illustrations": "illustrations", "errata": "errata", "introductory note": "introduction",
    "préface": "preface", "avant-propos": "preface", "vorrede": "preface", "vorwort": "preface",
    "einleitung": "introduction", "prefazione": "preface", "prólogo": "preface",
}


def front_division(line: str) -> str | None:
    """The div type a front-matter heading opens ("PREFACE" is a preface), or None: a line
    in capitals, or title case, naming one of FRONT_DIVISIONS."""
    text = line.strip().rstrip(".").strip()
    if not text or not (text.isupper() or text.istitle()):
        return None
    return FRONT_DIVISIONS.get(" ".join(text.lower().split()))


#: Words a title page's title cannot end with: the OCR lost the line after it ("THE LIFE &
#: LETTERS / OF" over a name set in ornamental type).
DANGLING = frozenset({"of", "and", "&", "the", "a", "an", "to", "in", "on", "for", "or", "by",
                      "de", "des", "du", "la", "le", "les", "von", "der", "die", "das", "und",
                      "di", "del", "della", "et", "y"})


def choose_title(title_page: str, heads: str, running: str) -> str:
    """The book's title for the teiHeader: the title page's where it is whole, else the
    short title the running heads carry (`running`, see `edition.pipeline.book_title`), else
    the first heading of the front matter (`heads`).

    The title page's title is taken when it holds the running head's title ("REPRESENTATIVE
    MEN: SEVEN LECTURES." over "REPRESENTATIVE MEN"); when it ends in a word that cannot end
    a title (DANGLING), the running head's title completes it ("THE LIFE & LETTERS OF" and
    "MARY WOLLSTONECRAFT SHELLEY"); a title page's title that shares nothing with the
    running heads (a series page's "EDITED BY ...") gives way to them."""
    words = title_page.split()
    if running:
        if title_page and normalise(running) in normalise(title_page):
            return title_page
        if words and words[-1].lower().strip(".,") in DANGLING:
            return f"{title_page} {running}"
        return running
    return title_page or heads


def read_front(items: list[Block | PageBreak], contents: Contents | None,
               running: str = "") -> Source:
    """Assign roles to the front-matter blocks and collect the source's description; the
    title is chosen with the running heads' short title `running` (see `choose_title`)."""
    source = Source()
    blocks = [item for item in items if isinstance(item, Block)]
    row_lines = {e.line.start for e in contents.entries} if contents else set()
    heads = [b for b in blocks if b.kind == "head" and (not contents or b.page != contents.page)]
    # a chapter's label listed in the contents ("CHAPTER I") is no title
    titled = [b for b in heads if read_label(b.text) is None]
    first_head = titled[0].text.strip() if titled else _caps_title(blocks)
    for block in blocks:
        lines = block_lines(block)
        text = " ".join(lines)
        if block.role == "contents-split":
            block.role = "contents-column" if PAGE_COLUMN.match(block.text) else "contents-row"
        elif is_contents_head(block.text):
            block.role = "contents-head"
        elif PAGE_COLUMN.match(block.text) and any(
                b.role == "contents-head" for b in blocks if b.page <= block.page):
            block.role = "contents-column"
        elif contents and block.page == contents.page:
            if block.kind == "head":
                block.role = "contents-head"
            elif block.line.start in row_lines:
                block.role = "contents-row"
            else:
                block.role = "contents-column"
        elif block.kind == "head":
            alone = sum(1 for b in blocks if b.page == block.page) == 1
            later = any(h.page > block.page and h.text == block.text for h in heads)
            block.role = "half-title" if alone and later else "title"
        elif len(lines) == 1 and (kind := front_division(lines[0])):
            block.role = f"front-head:{kind}"
        elif BYLINE.match(lines[0]) and len(lines) > 1:
            block.role = "byline"
            source.author = source.author or " ".join(lines[1:]).strip()
        elif m := PRINTER.match(text):
            block.role = "printer"
            source.printer = m["name"].strip()
            source.printer_place = (m["place"] or "").strip()
        elif m := EDITION.search(text):
            # "First Edition, 1898. Second Edition, 1900. Third Edition, 1901.": the copy in
            # hand is of the last edition the page names
            block.role = "edition"
            last = [line for line in lines if EDITION.search(line)][-1:] or [text]
            source.edition = last[0].strip()
            source.year = EDITION.search(last[0])["y"] if EDITION.search(last[0]) else m["y"]
        elif source.author and not source.publisher and len(lines) >= 2 and text.isupper() and (
                not _place(lines[0])):
            block.role = "imprint"
            source.publisher = firm(lines[0])
            source.address = [line.rstrip(", ") for line in lines[1:]]
            source.place = lines[-1].split(",")[0].strip()
        else:
            block.role = "other"
    pages: dict[int, list[str]] = {}
    for block in blocks:
        if not block.role.startswith("contents"):
            pages.setdefault(block.page, []).extend(block_lines(block))
    order = sorted(pages)
    title, at = read_title_page([pages[k] for k in order], source)
    source.title = choose_title(title, first_head, running) if title else (
        running or first_head)
    if at is not None:
        _title_page_roles([b for b in blocks if b.page == order[at]], title, source.author)
    _split_illustration_lists(items)
    return source


#: The end of an entry in a list of illustrations: where the plate stands, a page number (after
#: leaders or ditto marks), or the frontispiece or title page ("... (p. 8) . . Frontispiece",
#: "\"Well Done, Miss Anne!\" . . page 47", "... Louisa , „ 88").
ILLUSTRATION_END = regex.compile(r"(?:\d{1,4}|\b[ivxlc]{1,6}|frontispiece|title(?:-page)?)\.?\s*$",
                                 regex.I)


def _split_illustration_lists(items: list[Block | PageBreak]) -> None:
    """Make each entry of a list of illustrations (the blocks after a heading of the kind
    "illustrations") a block of its own, role "illustration": a printed line and the lines
    after it up to one that ends in where the plate stands (ILLUSTRATION_END). In place."""
    k, listing = 0, False
    while k < len(items):
        item = items[k]
        if isinstance(item, Block):
            if item.role == "front-head:illustrations":
                listing = True
            elif item.role != "other" or item.kind != "p":
                listing = False
            elif listing:
                entries = _entries(item)
                items[k : k + 1] = entries
                k += len(entries)
                continue
        k += 1


def _entries(block: Block) -> list[Block]:
    """A block of a list of illustrations cut into its entries (see ILLUSTRATION_END)."""
    out: list[Block] = []
    children: list[Inline] = []
    line_text: list[str] = []
    start = block.line
    for node in [*block.children, None]:
        if node is not None and not isinstance(node, LineJoin):
            children.append(node)
            line_text.append(plain([node]))
            continue
        ends = bool(ILLUSTRATION_END.search("".join(line_text))) or node is None
        if ends and children:
            out.append(Block(block.kind, children, block.page, start, role="illustration"))
            children = []
            if node is not None and node.line is not None:
                start = node.line
        elif node is not None:
            children.append(node)  # the entry runs on: the join between its lines stays
        line_text = []
    return out or [block]


#: Share of a line's letters in capitals for the line to be set in capitals.
CAPITALS_SHARE = 0.6


def _title_page_roles(blocks: list[Block], title: str, author: str = "") -> None:
    """The parts of a plain-text title page no other rule named: the title's lines (the main
    title, then subtitles, one run from the top), the author's line and the lines in
    capitals under it (the author's titles), the place line and the imprint lines under it
    (to the date), the date."""
    titled = ended = imprint = authored = False
    for block in blocks:
        if block.role != "other":
            ended = ended or titled
            imprint = authored = False
            continue
        lines = block_lines(block)
        text = " ".join(lines)
        if not ended and title and len(text) >= 2 and _in_title(text, title):
            block.role = "subtitle" if titled else "title"
            titled = True
            continue
        ended = ended or titled
        if len(lines) == 1 and _year(lines[0]):
            block.role, imprint, authored = "date", False, False
        elif author and author in text:
            block.role, imprint, authored = "author", False, True
        elif _place(lines[0]):
            block.role, imprint, authored = "imprint-place", True, False
        elif imprint and text.isupper():
            block.role = "imprint-more"
        elif authored and _capitals(text):
            block.role = "author-more"
        else:
            imprint = authored = False


def _capitals(text: str) -> bool:
    """Whether a line is set in capitals (OCR's misread letters in it allowed: at least
    CAPITALS_SHARE of its letters)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= CAPITALS_SHARE * len(letters)


def _in_title(text: str, title: str) -> bool:
    """Whether a block's text is a run of whole words of the title."""
    return f" {text} " in f" {title} "
