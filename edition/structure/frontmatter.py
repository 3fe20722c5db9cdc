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
from edition.rules.contents import Contents

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
    """The printed source as its preliminary pages describe it."""

    title: str = ""
    author: str = ""
    publisher: str = ""
    address: list[str] | None = None
    place: str = ""
    edition: str = ""
    year: str = ""
    printer: str = ""
    printer_place: str = ""


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
#: The heading of the page-number column on a contents page.
PAGE_COLUMN = regex.compile(r"^\s*pages?\.?\s*$", regex.I)


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
    heads = [b.page for b in items if isinstance(b, Block)
             and len(b.line.text) <= MAX_CONTENTS_HEAD + 6 and is_contents_head(b.text)]
    if not heads:
        return items
    first = heads[0]
    last = body - 1 if body is not None and body > first else heads[-1] + 1
    out: list[Block | PageBreak] = []
    for item in items:
        if (isinstance(item, PageBreak) or not first <= item.page <= last
                or item.kind != "p" or is_contents_head(item.text)
                or len(item.text.split()) > CONTENTS_ROW_WORDS):
            out.append(item)
            continue
        prev = next((x for x in reversed(out) if isinstance(x, Block)), None)
        if (prev is not None and prev.role == "contents-split" and prev.page == item.page
                and ENTRY_NUMBER.match(item.text.strip())
                and not ENTRY_NUMBER.match(prev.text.split()[-1] if prev.text.split() else "")):
            prev.children = [*prev.children, *item.children]
            continue
        item.kind, item.role = "row", "contents-split"
        out.append(item)
    return out


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


def text_is_long(text: str) -> bool:
    """True for a block of more than a few words (not a heading)."""
    return len(text.split()) > 4


def read_front(items: list[Block | PageBreak], contents: Contents | None) -> Source:
    """Assign roles to the front-matter blocks and collect the source's description."""
    source = Source()
    blocks = [item for item in items if isinstance(item, Block)]
    row_lines = {e.line.start for e in contents.entries} if contents else set()
    heads = [b for b in blocks if b.kind == "head" and (not contents or b.page != contents.page)]
    if heads:
        source.title = heads[0].text.strip()
    else:
        source.title = _caps_title(blocks)
    for block in blocks:
        lines = block_lines(block)
        text = " ".join(lines)
        if block.role == "contents-split":
            block.role = "contents-row"
        elif is_contents_head(block.text) and not text_is_long(block.text):
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
        elif BYLINE.match(lines[0]) and len(lines) > 1:
            block.role = "byline"
            source.author = " ".join(lines[1:]).strip()
        elif m := PRINTER.match(text):
            block.role = "printer"
            source.printer = m["name"].strip()
            source.printer_place = (m["place"] or "").strip()
        elif m := EDITION.search(text):
            block.role = "edition"
            source.edition, source.year = text.strip(), m["y"]
        elif source.author and not source.publisher and len(lines) >= 2 and text.isupper():
            block.role = "imprint"
            source.publisher = lines[0].rstrip(",. ")
            source.address = [line.rstrip(", ") for line in lines[1:]]
            source.place = lines[-1].split(",")[0].strip()
        else:
            block.role = "other"
    return source
