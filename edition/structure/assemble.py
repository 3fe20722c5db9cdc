"""Structure: the reading order cut into front matter and divisions, with quotations and closers.

Every division opening found by the division rule starts a `Div`; the page
breaks just before its heading move into it, so a chapter that begins on a new
page begins with that page's milestone. Inside a division, block quotations
and the closing signature become `Group`s; a heading that opens no division
(a quoted newspaper headline) stays text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from edition.model import Block, Gap, PageBreak
from edition.numbering import roman_to_int
from edition.rules.divisions import Opening
from edition.rules.paragraphs import SENTENCE_END
from edition.structure.closers import find_closer
from edition.structure.quotes import INTRODUCES, OPENS, find_quotes
from edition.warnings import BuildWarning

#: Division titles that name a division type of their own.
DIV_TYPES = {"introduction", "preface", "foreword", "prologue", "epilogue", "appendix",
             "conclusion", "afterword", "dedication"}


@dataclass(slots=True)
class Group:
    """Blocks that belong together: quoted matter ("quote"), speech ("said"), a closer ("closer")."""

    kind: str
    items: list[Block | PageBreak]


Item = Block | PageBreak | Group


@dataclass(slots=True)
class Div:
    """A division of the body: id, type, number, the page breaks before its heading, heading, content."""

    xml_id: str
    type: str
    n: str
    opening: Opening
    lead: list[PageBreak] = field(default_factory=list)
    heads: list[Block] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)


#: The xml:id prefix of a labelled division, by its type (others use the type itself).
ID_PREFIX = {"chapter": "ch"}


def div_id(opening: Opening) -> tuple[str, str]:
    """The xml:id and type of the division an opening starts."""
    if opening.label:
        number = roman_to_int(opening.label) or (int(opening.label) if opening.label.isdigit() else 0)
        kind = opening.kind or "chapter"
        return f"{ID_PREFIX.get(kind, kind)}{number}", kind
    word = "".join(c for c in opening.title.lower() if c.isalpha() or c == " ").split()
    kind = word[0] if word and word[0] in DIV_TYPES else opening.kind or "section"
    slug = "-".join(word[:4]) or ID_PREFIX.get(kind, kind)  # a label whose number is unread
    return slug, kind


def group(items: list[Block | PageBreak], marked: bool = True) -> list[Item]:
    """Items with block quotations and the closing signature gathered into groups.

    `marked` says the text marks quotations with quotation marks; where it does
    not (a repost that lost the typography), quoted matter is found by what
    introduces it.
    """
    closer = find_closer(items)
    body, tail = (items[:closer], items[closer:]) if closer is not None else (items, [])
    out: list[Item] = []
    k = 0
    for start, end, kind in find_quotes(body, marked):
        out.extend(body[k:start])
        for item in body[start:end]:
            if isinstance(item, Block):
                item.role = item.role or kind
        out.append(Group(kind, body[start:end]))
        k = end
    out.extend(body[k:])
    if tail:
        out.append(Group("closer", tail))
    return out


def assemble(
    items: list[Block | PageBreak], openings: list[Opening], body_page: int = 0,
    kind: str = "text",
) -> tuple[list[Block | PageBreak], list[Div]]:
    """Front matter and grouped divisions from the reading order.

    Without division openings, everything from the first page of prose
    (`body_page`) on is one division of type `kind` (an article, a chapterless text).
    """
    if openings:
        front, divs = _split(items, openings)
    else:
        at = next((k for k, item in enumerate(items)
                   if isinstance(item, Block) and item.page >= body_page), len(items))
        while at > 0 and isinstance(items[at - 1], PageBreak):
            at -= 1
        front = items[:at]
        whole = Opening(body_page, "", "", None, None, None)
        divs = [Div(kind, kind, "", whole, items=items[at:])] if items[at:] else []
    # a text that lost its quotation marks (an article reposted as plain text) has its
    # quotations found by their sentences (`edition.structure.quotes.unmarked_quotes`); a
    # scanned book keeps its marks, and a paragraph that goes on in lower case there is one
    # the OCR or the paragraph rule cut, not a quotation
    marked = kind != "article" or any(
        isinstance(a, Block) and isinstance(b, Block) and INTRODUCES.search(a.text)
        and OPENS.match(b.text)
        for div in divs for a, b in zip(div.items, div.items[1:], strict=False)
    )
    for div in divs:
        div.items = group(div.items, marked)  # type: ignore[arg-type]
    return front, divs


def _split(
    items: list[Block | PageBreak], openings: list[Opening]
) -> tuple[list[Block | PageBreak], list[Div]]:
    """Split the reading order at the division openings, keeping content after each heading.

    An opening with no heading lines (inferred from the running heads) opens its division at
    the first block that begins on its page or after, its heading left empty."""
    heads = {}
    for o in openings:
        for line in o.lines:
            if line is not None:
                heads[line.start] = o
    unheaded = sorted((o for o in openings if not o.lines), key=lambda o: o.page)
    front: list[Block | PageBreak] = []
    divs: list[Div] = []
    target: list[Block | PageBreak] = front

    def open_div(o: Opening) -> None:
        nonlocal target
        xml_id, kind = div_id(o)
        taken = {d.xml_id for d in divs}
        if xml_id in taken:  # the same label twice (a second book's chapter I)
            xml_id = next(f"{xml_id}-{k}" for k in range(2, len(divs) + 3)
                          if f"{xml_id}-{k}" not in taken)
        div = Div(xml_id, kind, o.label or (o.title if o.cert else ""), o)
        while target and isinstance(target[-1], PageBreak):
            div.lead.insert(0, target.pop())
        divs.append(div)
        target = div.items  # type: ignore[assignment]

    for item in items:
        if (unheaded and isinstance(item, Block) and item.page >= unheaded[0].page
                and item.line.start not in heads):
            open_div(unheaded.pop(0))
        o = heads.get(item.line.start) if isinstance(item, Block) else None
        if o is None:
            target.append(item)
            continue
        if not divs or divs[-1].opening is not o:
            open_div(o)
        item.role = "label" if item.line is o.label_line else "heading"  # type: ignore[union-attr]
        divs[-1].heads.append(item)  # type: ignore[arg-type]
    return front, divs


def mark_truncation(divs: list[Div]) -> list[BuildWarning]:
    """Mark a scan that stops mid-sentence with a gap at its end; the warning for the report."""
    last = divs[-1].items[-1] if divs and divs[-1].items else None
    if not isinstance(last, Block) or last.kind != "p":
        return []
    text = last.text.rstrip()
    if not text or SENTENCE_END.search(text):
        return []
    last.children.append(Gap("end-of-scan"))
    return [BuildWarning("W202", f"the scan ends mid-sentence (\"...{text[-30:]}\"): text after "
                                 "it is missing", last.page)]
