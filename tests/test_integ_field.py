"""End-to-end: the field cases, small inputs shaped like real reports from people who clean OCR.

Each case folder in tests/data/field holds the input (`raw.txt` or `pages/`), `CASE.md` (the
report it comes from and what the edition must hold) and `expect.json` (the checks). A case is
built as a user builds it and every check of its expect.json is evaluated here:

- text_contains / text_absent: strings in the reading text (`edition text`), whitespace runs
  collapsed, soft hyphens ignored;
- pb: the n of every scanned page's <pb>, in order (pb type="unscanned" skipped), null for none;
- heads: each string within the heads of a division, in document order; divs_min: divisions
  with a head, at least;
- lang: the primary language subtag in force on <text>;
- valid (`edition validate` finds nothing), diff_complete (`edition diff` complete);
- header_absent: strings the teiHeader must not hold; notes: <note> elements in <body>;
  verse_lines_min: <l> elements in <text>, at least.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from edition.check.diff import account
from edition.check.validate import validate_file
from edition.cli import main
from edition.write.text import tei_text

from .conftest import ROOT

FIELD = ROOT / "tests" / "data" / "field"
T = "{http://www.tei-c.org/ns/1.0}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: The cases that hold; a case joins when the work its kind needs is done.
HOLDING = sorted(p.name for p in FIELD.iterdir() if (p / "expect.json").exists())


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def _digits(text: str | None) -> str | None:
    """Decimal digits of any script as ASCII ("٤٥" as "45")."""
    if text is None:
        return None
    import unicodedata

    return "".join(str(unicodedata.decimal(c)) if unicodedata.decimal(c, None) is not None
                   else c for c in text)


def _heads(div: etree._Element) -> str:
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = etree.QName(el).localname if isinstance(el.tag, str) else ""
        if tag == "lb":
            parts.append(" ")
        elif tag in ("note", "fw") or not tag:
            return
        else:
            parts.append(el.text or "")
            for child in el:
                walk(child)
                parts.append(child.tail or "")

    for head in div.findall(f"{T}head"):
        walk(head)
        parts.append(" ")
    return _collapse("".join(parts))


def _build(case: Path, tmp: Path) -> tuple[Path, Path]:
    """Build the case as a user would (its input copied under the case's name); the source
    and the edition."""
    expect = json.loads((case / "expect.json").read_text(encoding="utf-8"))
    source_name = expect.get("source") or ("raw.txt" if (case / "raw.txt").exists() else "pages")
    work = tmp / case.name
    work.mkdir()
    source = work / source_name
    if (case / source_name).is_dir():
        shutil.copytree(case / source_name, source)
    else:
        shutil.copy2(case / source_name, source)
    out = tmp / "out"
    assert main(["build", str(source), "-o", str(out), "-j", "1", "-q",
                 *expect.get("build_args", [])]) == 0
    stem = case.name if source.name == "raw.txt" else source.stem
    return source, out / f"{stem}.xml"


@pytest.mark.parametrize("name", HOLDING)
def test_field_case_holds(name, tmp_path):
    case = FIELD / name
    expect = json.loads((case / "expect.json").read_text(encoding="utf-8"))
    source, edition = _build(case, tmp_path)
    root = etree.parse(str(edition)).getroot()
    text = _collapse(tei_text(root))
    failures: list[str] = []
    for want in expect.get("text_contains", []):
        if _collapse(want) not in text:
            failures.append(f"text lacks {want!r}")
    for want in expect.get("text_absent", []):
        if re.sub(r"\s+", " ", want.replace("\u00ad", "")) in text:
            failures.append(f"text holds {want!r}")
    if "pb" in expect:
        got = [_digits(pb.get("n")) for pb in root.iter(f"{T}pb") if pb.get("type") != "unscanned"]
        want_pb = [_digits(n) if n else None for n in expect["pb"]]
        if got != want_pb:
            failures.append(f"pb {got} != {want_pb}")
    for n in expect.get("pb_contains", []):
        if _digits(n) not in {_digits(pb.get("n")) for pb in root.iter(f"{T}pb")}:
            failures.append(f"no pb n={n}")
    divs = [d for d in root.iter() if isinstance(d.tag, str)
            and re.fullmatch(r"div\d?", etree.QName(d).localname) and d.find(f"{T}head") is not None]
    heads = [_heads(d) for d in divs]
    at = 0
    for want in expect.get("heads", []):
        found = next((k for k in range(at, len(heads)) if _collapse(want) in heads[k]), None)
        if found is None:
            failures.append(f"no division headed {want!r} (heads: {heads})")
        else:
            at = found + 1
    if len([h for h in heads if h]) < expect.get("divs_min", 0):
        failures.append(f"{len(heads)} divisions with a head, want {expect['divs_min']}")
    if "lang" in expect:
        text_el = root.find(f"{T}text")
        lang = (text_el.get(XML_LANG) if text_el is not None else None) or root.get(XML_LANG)
        if (lang or "").split("-")[0] != expect["lang"]:
            failures.append(f"lang {lang!r} != {expect['lang']!r}")
    if expect.get("valid") and (problems := validate_file(edition)):
        failures.append(f"invalid: {[str(p) for p in problems[:3]]}")
    if expect.get("diff_complete") and not account(source, edition).complete:
        failures.append("diff incomplete")
    header = root.find(f"{T}teiHeader")
    serial = _collapse(re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", etree.tostring(header, encoding="unicode")))
    header_text = _collapse("".join(header.itertext()))
    for want in expect.get("header_absent", []):
        if _collapse(want) in serial or _collapse(want) in header_text:
            failures.append(f"teiHeader holds {want!r}")
    if "notes" in expect:
        body = root.find(f"{T}text/{T}body")
        notes = [n for n in body.iter(f"{T}note") if n.getparent().tag != f"{T}note"
                 and not any(a.tag == f"{T}note" for a in n.iterancestors())]
        if len(notes) != expect["notes"]:
            failures.append(f"{len(notes)} notes, want {expect['notes']}")
    if "verse_lines_min" in expect:
        lines = len(list(root.find(f"{T}text").iter(f"{T}l")))
        if lines < expect["verse_lines_min"]:
            failures.append(f"{lines} verse lines, want {expect['verse_lines_min']}")
    assert not failures, f"{name}: " + "; ".join(failures)
