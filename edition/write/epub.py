"""An EPUB 3 of a TEI edition, made by hand after the EPUB 3.3 specification, epubcheck its judge.

The reading text only (no furniture; editors' corrections as corrected), one XHTML content
document per part (the title pages, each front division, each chapter, each back division),
an "about this edition" document from the teiHeader, a navigation document with the contents,
the landmarks and a page-list of the printed page numbers (`pb/@n`, each a
`epub:type="pagebreak"` anchor in the text, so reading systems show the printed pages), notes
as EPUB footnotes (`epub:type="noteref"` to an `aside epub:type="footnote"`).

The bytes are deterministic: the archive's entries are in a fixed order with fixed
timestamps and attributes, and the package's dates come from the teiHeader, not the clock, so
building the same TEI twice gives the same file.
"""

from __future__ import annotations

import hashlib
import re
import uuid
import zipfile
from pathlib import Path

from lxml import etree

from edition import __version__
from edition.errors import BuildError
from edition.write.html import (
    EPUB_TYPE,
    IMAGE_TYPES,
    OPS_NS,
    XML_ID,
    Book,
    Part,
    T,
    about,
    asset,
    citation,
    convert,
    environment,
    load_tei,
    plain,
)

XHTML_NS = "http://www.w3.org/1999/xhtml"
#: The UUID namespace under which an edition's identifier is derived from its scan's sha256
#: (uuid5 of "edition:" + the digest): the same scan gives the same identifier.
ID_NAMESPACE = uuid.NAMESPACE_URL
#: Earliest timestamp a ZIP entry can hold (the DOS date epoch).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
#: A W3C date or dateTime at the start of a TEI @when.
WHEN = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}):(\d{2}):(\d{2}))?")


def header_date(root: etree._Element) -> tuple[int, int, int, int, int, int]:
    """The package's modification time, from the teiHeader: the latest @when of a
    revisionDesc change or the publicationStmt's date; else the printed source's date (the
    header records no date for the edition itself); else the ZIP epoch. Year to second."""
    header = root.find(T + "teiHeader")
    found: list[tuple[int, ...]] = []
    if header is not None:
        for path in (f"{T}revisionDesc//{T}change", f"{T}fileDesc/{T}publicationStmt//{T}date"):
            for el in header.iterfind(path):
                if (m := WHEN.match(el.get("when", ""))):
                    found.append(tuple(int(g or d) for g, d in zip(m.groups(), "111000", strict=True)))
        if not found:
            for el in header.iterfind(f"{T}fileDesc/{T}sourceDesc//{T}imprint/{T}date"):
                if (m := WHEN.match(el.get("when", ""))):
                    found.append(tuple(int(g or d) for g, d in zip(m.groups(), "111000", strict=True)))
    if not found:
        return ZIP_EPOCH
    return max(found)  # type: ignore[return-value]


def identifier(root: etree._Element, data: bytes) -> str:
    """The publication's unique identifier: a UUID derived from the scan's sha256 in the
    header (bibl[@type='scan']/idno[@type='sha256']), else from the TEI bytes."""
    idno = root.find(f"{T}teiHeader//{T}bibl[@type='scan']/{T}idno[@type='sha256']")
    seed = plain(idno) if idno is not None and plain(idno) else hashlib.sha256(data).hexdigest()
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, 'edition:' + seed)}"


def _file(k: int) -> str:
    """The content document of part k."""
    return f"part-{k:03d}.xhtml"


def _relink(book: Book) -> None:
    """Point every link at the content document that holds its target; a link to nothing the
    EPUB holds (another file, an id the text does not render) is left as plain text."""
    for k, part in enumerate(book.parts):
        for a in list(part.element.iter("a")):
            href = a.get("href", "")
            if href.startswith("#"):
                where = book.ids.get(href[1:])
                if where is not None:
                    a.set("href", href if where == k else _file(where) + href)
                    continue
            elif re.match(r"^(https?|mailto):", href):
                continue
            a.tag = "span"
            for attr in ("href", "role"):
                a.attrib.pop(attr, None)
        for img in part.element.iter("img"):
            img.set("src", "../" + img.get("src", ""))


def _xhtml(body: etree._Element, title: str, lang: str, body_type: str | None = None) -> bytes:
    """A complete XHTML content document around an HTML element (tags put in the XHTML
    namespace)."""
    for el in body.iter():
        if isinstance(el.tag, str) and not el.tag.startswith("{"):
            el.tag = f"{{{XHTML_NS}}}{el.tag}"
    html = etree.Element(f"{{{XHTML_NS}}}html", nsmap={None: XHTML_NS, "epub": OPS_NS})
    html.set("lang", lang)
    html.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    head = etree.SubElement(html, f"{{{XHTML_NS}}}head")
    etree.SubElement(head, f"{{{XHTML_NS}}}meta", charset="utf-8")
    etree.SubElement(head, f"{{{XHTML_NS}}}title").text = title
    etree.SubElement(head, f"{{{XHTML_NS}}}link", rel="stylesheet", type="text/css",
                     href="../css/edition.css")
    page = etree.SubElement(html, f"{{{XHTML_NS}}}body")
    if body_type:
        page.set(EPUB_TYPE, body_type)
    page.append(body)
    return etree.tostring(html, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>")


def _title_part(book: Book) -> Part:
    """A title page from the header, for a TEI with no titlePage."""
    section = etree.Element("section", {"class": "part titlepage generated"})
    section.set(EPUB_TYPE, "titlepage")
    h1 = etree.SubElement(section, "h1", {"class": "docTitle"})
    h1.text = book.title
    for author in book.authors:
        etree.SubElement(section, "p", {"class": "byline"}).text = author
    return Part(section, "titlepage", "Title page")


def _about_part(root: etree._Element) -> etree._Element:
    """The "about this edition" document's body, from the teiHeader."""
    section = etree.Element("section", {"class": "about", "aria-labelledby": "about"})
    section.set(EPUB_TYPE, "colophon")
    etree.SubElement(section, "h1", id="about").text = "About this edition"
    for k, sec in enumerate(about(root, xml=True), start=1):
        box = etree.SubElement(section, "section", {"aria-labelledby": f"about-{k}"})
        etree.SubElement(box, "h2", id=f"about-{k}").text = sec.title
        if sec.rows:
            dl = etree.SubElement(box, "dl")
            for term, value in sec.rows:
                etree.SubElement(dl, "dt").text = term
                etree.SubElement(dl, "dd").text = value
        for block in sec.blocks:
            for el in etree.fromstring(f"<div>{block}</div>"):
                box.append(el)
    return section


def render_epub(root: etree._Element, data: bytes = b"", source_dir: Path | None = None) -> bytes:
    """The EPUB bytes of a TEI document (`data`: its bytes, for the identifier when the header
    names no scan digest; `source_dir`: where figures' image files are looked for)."""
    book = convert(root, source_dir, epub=True)
    if not any(p.kind == "titlepage" for p in book.parts):
        book.parts.insert(0, _title_part(book))
        book.ids = {k: v + 1 for k, v in book.ids.items()}
        for page in book.pages:
            page.part += 1
        for entry in book.toc:
            entry.part += 1
    _relink(book)
    lang = book.lang
    files: dict[str, bytes] = {}
    spine: list[dict[str, str]] = []
    for k, part in enumerate(book.parts):
        name = _file(k)
        body_type = {"frontmatter": "frontmatter", "bodymatter": "bodymatter",
                     "backmatter": "backmatter", "titlepage": "frontmatter"}[part.kind]
        files[f"EPUB/text/{name}"] = _xhtml(part.element, part.title, lang, body_type)
        spine.append({"id": f"part-{k:03d}", "href": f"text/{name}"})
    files["EPUB/text/about.xhtml"] = _xhtml(_about_part(root), "About this edition", "en",
                                            "backmatter")
    spine.append({"id": "about", "href": "text/about.xhtml"})
    images = []
    for k, (target, path) in enumerate(sorted(book.images.items())):
        files[f"EPUB/{target}"] = path.read_bytes()
        images.append({"id": f"img-{k}", "href": target,
                       "type": IMAGE_TYPES[Path(target).suffix.lower()]})
    env = environment()
    pages = [{"href": f"text/{_file(p.part)}#{p.anchor}", "label": p.n} for p in book.pages if p.n]
    toc = [{"href": f"text/{_file(e.part)}#{e.anchor}", "title": e.title, "depth": e.depth}
           for e in book.toc]
    body_start = next((k for k, p in enumerate(book.parts) if p.kind == "bodymatter"), 0)
    files["EPUB/nav.xhtml"] = env.get_template("nav.xhtml.j2").render(  # type: ignore[attr-defined]
        title=book.title, lang=lang, toc=_nest(toc), pages=pages,
        titlepage=f"text/{_file(0)}", bodymatter=f"text/{_file(body_start)}").encode("utf-8")
    files["EPUB/css/edition.css"] = asset("epub.css").encode("utf-8")
    when = header_date(root)
    source = root.find(f"{T}teiHeader/{T}fileDesc/{T}sourceDesc/{T}biblStruct")
    header_dates = [el.get("when", "") for el in root.iterfind(
        f"{T}teiHeader/{T}fileDesc/{T}publicationStmt//{T}date")]
    files["EPUB/package.opf"] = env.get_template("package.opf.j2").render(  # type: ignore[attr-defined]
        identifier=identifier(root, data), title=book.title, subtitle=book.subtitle,
        authors=book.authors, lang=lang, version=__version__,
        modified="{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*when),
        date=next((d for d in header_dates if WHEN.match(d)), ""),
        source=citation(source) if source is not None else "",
        licence=_licence(root), spine=spine, images=images,
        has_pages=bool(pages)).encode("utf-8")
    files["META-INF/container.xml"] = asset("container.xml").encode("utf-8")
    return _zip(files, max(when, ZIP_EPOCH))


def _nest(entries: list[dict[str, object]]) -> list[dict[str, object]]:
    """Contents entries (each with a depth) as a tree: each entry gets its `children`."""
    root: list[dict[str, object]] = []
    stack: list[tuple[int, list[dict[str, object]]]] = [(0, root)]
    for entry in entries:
        node = {**entry, "children": []}
        depth = int(entry["depth"])  # type: ignore[call-overload]
        while len(stack) > 1 and stack[-1][0] >= depth:
            stack.pop()
        stack[-1][1].append(node)
        stack.append((depth, node["children"]))  # type: ignore[arg-type]
    return root


def _licence(root: etree._Element) -> str:
    """The licence the header states (availability/licence or its text); '' when it states
    none (an EPUB says nothing rather than invent one)."""
    for el in root.iterfind(f"{T}teiHeader/{T}fileDesc/{T}publicationStmt/{T}availability"):
        text = plain(el)
        if text:
            return text
        for lic in el.iter(T + "licence"):
            if lic.get("target"):
                return lic.get("target", "")
    return ""


def _zip(files: dict[str, bytes], when: tuple[int, ...]) -> bytes:
    """The OCF container: `mimetype` first and stored, then every file deflated, in name order,
    with the same timestamp and attributes whatever the machine."""
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        entries = [("mimetype", b"application/epub+zip")]
        entries += [("META-INF/container.xml", files.pop("META-INF/container.xml"))]
        entries += sorted(files.items())
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=when[:6])  # type: ignore[arg-type]
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            if name == "mimetype":
                info.compress_type = zipfile.ZIP_STORED
                archive.writestr(info, data)
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data, compresslevel=9)
    return out.getvalue()


def write_epub(tei_path: Path, output: Path) -> Path:
    """Write the EPUB of the TEI file `tei_path` to `output`, atomically.

    Raises SourceError when the input is not a readable TEI document (nothing is written),
    BuildError when the output cannot be written.
    """
    from edition.files import write_atomic

    root = load_tei(tei_path)
    data = render_epub(root, tei_path.read_bytes(), tei_path.parent)
    try:
        write_atomic(output, data)
    except OSError as err:
        raise BuildError(f"cannot write {output}: {err.strerror or err}") from None
    return output


__all__ = ["XML_ID", "header_date", "identifier", "render_epub", "write_epub"]
