"""The TEI Stylesheets (the TEI's own conversions, on Saxon) over both golden editions: they
must succeed on anything the edition writes, and with the package's customisation
(edition/write/tei_stylesheets/) no running head may be spliced into a paragraph.

Skipped where the Stylesheets or Saxon are absent: set TEI_STYLESHEETS to the Stylesheets'
directory (a release, or Debian's tei-xsl at /usr/share/xml/tei/stylesheet) and SAXON_JAR to
Saxon-HE (Debian's libsaxonhe-java: /usr/share/java/Saxon-HE.jar)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest
from lxml import etree

from .conftest import ROOT

STYLESHEETS = Path(os.environ.get("TEI_STYLESHEETS", "/usr/share/xml/tei/stylesheet"))
SAXON = Path(os.environ.get("SAXON_JAR", "/usr/share/java/Saxon-HE.jar"))
pytestmark = pytest.mark.skipif(
    not ((STYLESHEETS / "html" / "html.xsl").is_file() and SAXON.is_file() and shutil.which("java")),
    reason="the TEI Stylesheets (TEI_STYLESHEETS) or Saxon-HE (SAXON_JAR) are not installed")

EDITIONS = [ROOT / "tei" / "krivitsky-1940.xml", ROOT / "tei" / "ali-lrb-2019.xml"]
T = "{http://www.tei-c.org/ns/1.0}"
X = "{http://www.w3.org/1999/xhtml}"
CUSTOM = Path(str(files("edition.write") / "tei_stylesheets"))


def saxon(source: Path, xsl: Path, *params: str, output: Path | None = None) -> subprocess.CompletedProcess:
    command = ["java", "-jar", str(SAXON), f"-s:{source}", f"-xsl:{xsl}", *params]
    if output is not None:
        command.append(f"-o:{output}")
    return subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)


def visible_paragraphs(doc: etree._Element) -> str:
    """The text of every <p> of an XHTML document, leaving out what is hidden."""
    out: list[str] = []

    def walk(el: etree._Element) -> None:
        if el.get("hidden") is not None:
            return
        out.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            out.append(child.tail or "")

    for p in doc.iter(X + "p"):
        walk(p)
        out.append("\n")
    return "".join(out)


def tei_paragraphs(root: etree._Element) -> str:
    """The reading text of every TEI <p> (furniture and notes left out)."""
    out: list[str] = []

    def walk(el: etree._Element) -> None:
        out.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str) and child.tag not in (T + "fw", T + "note"):
                walk(child)
            out.append(child.tail or "")

    for p in root.iter(T + "text"):
        for para in p.iter(T + "p"):
            walk(para)
            out.append("\n")
    return "".join(out)


def spliced(root: etree._Element, html: str) -> Counter:
    """Running heads that appear in the output's paragraphs more often than in the edition's."""
    heads = Counter("".join(fw.itertext()).strip() for fw in root.iter(T + "fw"))
    tei = tei_paragraphs(root)
    return Counter({h: html.count(h) - tei.count(h) for h in heads if html.count(h) > tei.count(h)})


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return tmp_path_factory.mktemp("stylesheets")


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda p: p.stem)
def test_the_stylesheets_html_conversion_succeeds(edition, out):
    target = out / f"{edition.stem}-plain.html"
    done = saxon(edition, STYLESHEETS / "html" / "html.xsl", output=target)
    assert done.returncode == 0, done.stderr[-2000:]
    assert etree.parse(str(target)).getroot().tag == X + "html"


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda p: p.stem)
def test_with_the_customisation_no_running_head_is_spliced(edition, out):
    target = out / f"{edition.stem}.html"
    done = saxon(edition, CUSTOM / "edition-html.xsl", f"stylesheets={STYLESHEETS.as_uri()}",
                 output=target)
    assert done.returncode == 0, done.stderr[-2000:]
    root = etree.parse(str(edition)).getroot()
    doc = etree.parse(str(target)).getroot()
    paragraphs = visible_paragraphs(doc)
    assert spliced(root, paragraphs) == Counter()
    ids = {el.get("id") for el in doc.iter() if el.get("id")}
    for pb in root.iter(T + "pb"):  # each page an empty anchor: nothing inside a word
        anchor = next(el for el in doc.iter() if el.get("id") == pb.get(
            "{http://www.w3.org/XML/1998/namespace}id"))
        assert anchor.get("class") == "pagebreak" and not "".join(anchor.itertext())
    assert "[Page" not in paragraphs
    labels = [a.find(X + "sup").text for a in doc.iter(X + "a") if a.get("class") == "notelink"]
    assert labels == [str(k) for k in range(1, len(labels) + 1)]
    if edition.stem == "krivitsky-1940":
        assert len(labels) == 4 and "we had learned to repeat" in paragraphs
        assert {"p7", "p43", "p297"} <= ids


@pytest.mark.skipif(not (STYLESHEETS / "epub3" / "tei-to-epub3.xsl").is_file(),
                    reason="the Stylesheets' EPUB 3 conversion is not installed")
@pytest.mark.parametrize("edition", EDITIONS, ids=lambda p: p.stem)
def test_the_customised_epub3_conversion_succeeds_without_splicing(edition, out):
    target = out / f"{edition.stem}-epub"
    css = STYLESHEETS / "css"
    done = saxon(edition, CUSTOM / "edition-epub3.xsl", f"stylesheets={STYLESHEETS.as_uri()}",
                 f"directory={target}", f"cssFile={css / 'tei.css'}",
                 f"cssODDFile={css / 'odd.css'}", f"cssPrintFile={css / 'epub-print.css'}")
    assert done.returncode == 0, done.stderr[-2000:]
    assert (target / "OPS" / "package.opf").is_file()
    root = etree.parse(str(edition)).getroot()
    text = "".join(visible_paragraphs(etree.parse(str(page)).getroot())
                   for page in sorted((target / "OPS").glob("*.html")))
    assert spliced(root, text) == Counter()
