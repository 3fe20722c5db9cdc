"""METS (Metadata Encoding and Transmission Standard) files whose file groups hold ALTO or PAGE.

The pages are those of the physical structural map (`structMap[@TYPE="PHYSICAL"]`, its
`div[@TYPE="page"]` in `@ORDER`, else document order), each with its `@ORDERLABEL` as label.
Of each page's files (`fptr/@FILEID`, or `area/@FILEID` inside one), the full text is the one
in the file group that holds the most full-text files present beside the METS file (an
`FLocat/@xlink:href` relative to the METS file, or its bare name there, each perhaps
gzip-compressed: OCR-D and Kitodo exports keep either layout); the image is the file of an
image group (`@MIMETYPE` image/*, by `IMAGE_GROUPS` preference), a URL when its href is one.
A page whose full text is not present is a page without text (its image is still a surface
of the facsimile).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from edition.errors import SourceError

METS_NS = "http://www.loc.gov/METS/"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
#: Image file groups in order of preference for a surface's image (the DFG viewer's names
#: first: MAX is the largest image, DEFAULT the viewing size).
IMAGE_GROUPS = ("IIIF", "MAX", "DEFAULT", "ORIGINAL", "PRESENTATION")


@dataclass(frozen=True, slots=True)
class MetsPage:
    """One page of the physical structure: its order label, full-text file (a path beside the
    METS file, or None when it is not present) and image (a URL, or a file name)."""

    label: str
    text: Path | None
    text_href: str
    image_url: str
    image: str


def _local(tag: object) -> str:
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _is_url(href: str) -> bool:
    """True for an http(s) URL."""
    return urlparse(href).scheme in ("http", "https")


def locate(base: Path, href: str) -> Path | None:
    """The local file an `FLocat` href names, relative to the METS file's folder or by its bare
    name there, or a gzip-compressed copy of either (name.gz); None when none is present (or the
    href is a remote URL)."""
    if not href or _is_url(href):
        return None
    parsed = urlparse(href)
    path = unquote(parsed.path if parsed.scheme == "file" else href)
    name = Path(path).name
    for candidate in (base / path, base / name, base / f"{path}.gz", base / f"{name}.gz"):
        try:
            if candidate.is_file():
                return candidate
        except OSError:
            continue
    return None


class EmptyMetsError(SourceError):
    """A METS file that lists no pages (a Transkribus export can be one): a directory holding
    it is read by its page files instead."""


def read_mets(data: bytes, path: Path, is_fulltext: Callable[[Path], bool]) -> list[MetsPage]:
    """The pages of the METS file `data` at `path`; `is_fulltext` tells a present file that
    holds ALTO or PAGE.

    Raises SourceError for XML that is not well-formed, EmptyMetsError (a SourceError) for
    one with no physical page sequence.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise SourceError(f"{path}:{err.lineno or 1}: not well-formed XML ({err.msg})") from None
    files: dict[str, tuple[str, str, str]] = {}  # file ID -> group USE, MIMETYPE, href
    groups: list[str] = []
    for group in root.iter(f"{{{METS_NS}}}fileGrp"):
        use = group.get("USE", "")
        groups.append(use)
        for f in group.iter(f"{{{METS_NS}}}file"):
            loc = next(f.iter(f"{{{METS_NS}}}FLocat"), None)
            href = loc.get(XLINK_HREF, "") if loc is not None else ""
            files[f.get("ID", "")] = (use, f.get("MIMETYPE", ""), href)
    pages = _physical_pages(root)
    if not pages:
        raise EmptyMetsError(f"{path}: a METS file without a physical structure map of pages")
    base = path.parent
    present: dict[str, int] = {}
    located: dict[str, Path] = {}
    for _, ids in pages:
        for fid in ids:
            use, mime, href = files.get(fid, ("", "", ""))
            if mime.startswith("image/") or fid in located:
                continue
            local = locate(base, href)
            if local is not None and is_fulltext(local):
                located[fid] = local
                present[use] = present.get(use, 0) + 1
    if not present:
        raise SourceError(f"{path}: none of its pages' ALTO or PAGE files is present beside it")
    text_group = max(present, key=lambda use: (present[use], -groups.index(use)))
    image_rank = {use: k for k, use in enumerate(IMAGE_GROUPS)}
    out: list[MetsPage] = []
    for label, ids in pages:
        text: Path | None = None
        text_href = ""
        images: list[tuple[int, str]] = []
        for fid in ids:
            use, mime, href = files.get(fid, ("", "", ""))
            if use == text_group and text is None:
                text, text_href = located.get(fid), href
            elif mime.startswith("image/"):
                images.append((image_rank.get(use, len(IMAGE_GROUPS)), href))
        href = min(images)[1] if images else ""
        out.append(MetsPage(label, text, text_href, href if _is_url(href) else "",
                            "" if _is_url(href) else href))
    return out


def _physical_pages(root: etree._Element) -> list[tuple[str, list[str]]]:
    """The pages of the physical structure map: order label and file IDs, in order."""
    for smap in root.iter(f"{{{METS_NS}}}structMap"):
        if smap.get("TYPE", "").upper() != "PHYSICAL":
            continue
        divs = [d for d in smap.iter(f"{{{METS_NS}}}div") if d.get("TYPE", "").lower() == "page"]
        keyed = []
        for k, div in enumerate(divs):
            try:
                order = int(div.get("ORDER", ""))
            except ValueError:
                order = k + 1
            ids = [el.get("FILEID", "") for el in div.iter(f"{{{METS_NS}}}fptr",
                                                           f"{{{METS_NS}}}area")
                   if el.get("FILEID")]
            keyed.append((order, k, (div.get("ORDERLABEL", "").strip(), ids)))
        return [item for _, _, item in sorted(keyed)]
    return []
