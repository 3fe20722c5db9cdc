"""TEI elements in one canonical form: construction helpers, indentation and serialisation.

Output is byte-identical from run to run: no timestamps, attributes always in the order
written, two-space indentation of element-only content (mixed content is left exactly as built,
so no whitespace ever enters the text).
"""

from __future__ import annotations

from lxml import etree

from edition.check.schema import TEI_VERSION

TEI_NS = "http://www.tei-c.org/ns/1.0"
#: The collection's list of people, written beside the editions.
PERSONS_FILE = "persons.xml"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
#: The schema association: tei_all of exactly the release the editions are validated against
#: (edition.check.schema), from the TEI Consortium's vault of
#: releases (the "current" URL would silently name a later release).
SCHEMA_PI = (
    f'href="https://www.tei-c.org/Vault/P5/{TEI_VERSION}/xml/tei/custom/schema/relaxng/'
    'tei_all.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"'
)


def E(tag: str, *children: etree._Element | str, **attrs: str) -> etree._Element:
    """A TEI element with attributes in the given order and text or element children."""
    el = etree.Element(f"{{{TEI_NS}}}{tag}", nsmap={None: TEI_NS})
    for key, value in attrs.items():
        el.set(XML_ID if key == "xml_id" else XML_LANG if key == "xml_lang" else key, value)
    for child in children:
        if isinstance(child, str):
            add_text(el, child)
        else:
            el.append(child)
    return el


def sub(parent: etree._Element, tag: str, *children: etree._Element | str, **attrs: str) -> etree._Element:
    """Append a new TEI element to `parent` and return it."""
    el = E(tag, *children, **attrs)
    parent.append(el)
    return el


def add_text(parent: etree._Element, text: str) -> None:
    """Append text at the end of `parent`'s content."""
    if not text:
        return
    try:
        last = parent[-1]  # the last child directly (len() of an lxml element walks them all)
    except IndexError:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def flush(parent: etree._Element, buf: list[str]) -> None:
    """Append the gathered text to `parent` and empty the buffer."""
    if buf:
        add_text(parent, "".join(buf))
        buf.clear()


#: Elements whose content is text: never indented inside, so no whitespace enters the text.
MIXED = frozenset({
    "p", "head", "note", "hi", "fw", "item", "ref", "titlePart", "docAuthor", "docEdition",
    "docImprint", "byline", "publisher", "addrLine", "signed", "dateline", "seg", "title",
    "author", "resp", "name", "orgName", "change", "label", "idno", "institution", "repository",
    "date", "pubPlace", "edition", "language", "placeName", "l", "sp", "speaker",
    "measure", "extent", "biblScope", "docDate", "orig", "reg", "sic", "corr", "editor",
})


def indent(el: etree._Element, level: int = 0) -> None:
    """Indent element-only content two spaces a level; mixed content is left exactly as built."""
    local = etree.QName(el).localname
    if local in MIXED or not len(el) or (el.text or "").strip() or any(
        (child.tail or "").strip() for child in el
    ):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        child.tail = pad
        indent(child, level + 1)
    el[-1].tail = "\n" + "  " * level


def serialize(root: etree._Element) -> bytes:
    """The canonical bytes of a TEI document."""
    indent(root)
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False, pretty_print=True)
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        + f"<?xml-model {SCHEMA_PI}?>\n".encode()
        + body
    )

