"""`edition text` and `edition diff` on the Krivitsky edition."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from lxml import etree

from edition.check.diff import account, unified
from edition.cli import main
from edition.write.report import COLOURS
from edition.write.text import diplomatic_text, edition_text, tei_text

from .conftest import KRIVITSKY, ROOT, TEI_NS

EDITION = ROOT / "tei" / "krivitsky-1940.xml"


def test_text_prints_the_reading_text(capsys, edition):
    assert main(["text", str(EDITION)]) == 0
    out = capsys.readouterr().out
    assert out == edition_text(edition)  # text(build(raw)) is the pipeline's own clean text
    assert "bureaucrats with a material stake" in out
    assert "## " not in out and "AMARSINGH" not in out
    # a footnote after its paragraph, its printed marker at the reference and on the note
    assert "known by its Russian initials as the O.M.S.[1] Until" in out
    assert "\n\n[1] Otdel Mezhdunarodnoi Svyazi.\n\n" in out


def test_text_is_deterministic_and_writes_a_file(tmp_path):
    out = tmp_path / "k.txt"
    assert main(["text", str(EDITION), "-o", str(out)]) == 0
    first = out.read_bytes()
    assert main(["text", str(EDITION), "-o", str(out)]) == 0
    assert out.read_bytes() == first


def test_pages_marks_printed_boundaries(tei):
    text = tei_text(tei, pages=True)
    assert "privileged bureau[p. 9]crats" in text
    assert "[p. 16 not scanned]" in text
    assert text.count("[p. ") == 297 - 7 + 1  # pages 7..297, 16 included


def test_diplomatic_text_rebuilds_the_raw_pages(tei, scan):
    pages = diplomatic_text(tei).split("\n\n\n\n")
    assert len(pages) == len(scan.pages)
    assert pages[8].startswith("INTRODUCTION\n\ncrats with a material stake")
    assert "privileged bureau-\n" in pages[7] + "\n"
    raw_page = scan.raw[scan.pages[30].start : scan.pages[30].end]
    assert _words(pages[30]) == _words(raw_page.replace("## ", "").replace("*", ""))


def _words(text: str) -> list[str]:
    return text.split()


def test_diff_accounts_for_everything(capsys):
    assert main(["diff", str(KRIVITSKY), str(EDITION)]) == 0
    out = capsys.readouterr().out
    assert "complete" in out and "running-header" in out and "library-stamp" in out


def test_diff_exits_1_on_a_tampered_edition(tmp_path, capsys):
    tree = etree.parse(str(EDITION))
    paragraph = tree.findall(".//t:body//t:p", TEI_NS)[40]
    lost = "".join(paragraph.itertext())[:40]
    paragraph.getparent().remove(paragraph)
    tampered = tmp_path / "krivitsky-1940.xml"
    tree.write(str(tampered), xml_declaration=True, encoding="UTF-8")
    assert main(["diff", str(KRIVITSKY), str(tampered)]) == 1
    out = capsys.readouterr().out
    assert "UNACCOUNTED" in out and lost[:30] in out


def test_diff_reports_text_the_scan_does_not_have(tmp_path):
    tree = etree.parse(str(EDITION))
    paragraph = tree.findall(".//t:body//t:p", TEI_NS)[40]
    paragraph.text = "An invented sentence. " + (paragraph.text or "")
    tampered = tmp_path / "krivitsky-1940.xml"
    tree.write(str(tampered), xml_declaration=True, encoding="UTF-8")
    report = account(KRIVITSKY, tampered)
    assert not report.complete and any("An invented sentence" in b for b in report.added)


def test_diff_refuses_a_bad_pairing(tmp_path, capsys):
    other = tmp_path / "other.txt"
    other.write_text("A different scan.\n\nWith other text.\n")
    assert main(["diff", str(other), str(EDITION)]) == 2
    err = capsys.readouterr().err
    assert "built from another raw file" in err and err.count("\n") == 1


def test_changes_json_and_unified(capsys):
    assert main(["diff", str(KRIVITSKY), str(EDITION), "--changes"]) == 0
    rows = [r.split("\t") for r in capsys.readouterr().out.splitlines()]
    assert rows[0] == ["page", "rule", "start", "end", "before", "after", "evidence"]
    assert all(len(r) == 7 for r in rows)
    assert any(r[:2] == ["p. 9", "hyphen-join"] for r in rows)
    assert any(r[1] == "mixed-script" and r[4:6] == ["Koutieпов", "Koutiepov"] for r in rows)
    assert main(["diff", str(KRIVITSKY), str(EDITION), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["complete"] is True and data["unaccounted"] == []
    assert {r["rule"] for r in data["rules"]} >= {"running-header", "hyphen-join"}
    report = account(KRIVITSKY, EDITION)
    diff = unified(report)
    assert diff.startswith("--- krivitsky-1940.txt") and "-## INTRODUCTION" in diff


def test_html_report_is_self_contained(tmp_path):
    out = tmp_path / "r.html"
    assert main(["diff", str(KRIVITSKY), str(EDITION), "--html", str(out)]) == 0
    html = out.read_text()
    assert html.count('<section class="page"') == 296
    assert "http://" not in html.split("<main>")[0] and "<script src" not in html
    assert 'data-e="' in html and "similarity" in html


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_html_report_renders_in_chromium(tmp_path):
    from collections import Counter

    from .png import pixels

    report, shot = tmp_path / "r.html", tmp_path / "shot.png"
    assert main(["diff", str(KRIVITSKY), str(EDITION), "--html", str(report)]) == 0
    done = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,900",
         f"--screenshot={shot}", report.as_uri()],
        capture_output=True, timeout=120, check=False)
    assert shot.exists(), done.stderr[-500:]
    width, height, rgb = pixels(shot.read_bytes())
    assert (width, height) == (1200, 900)
    colours = Counter(rgb)
    background = colours.most_common(1)[0][1]
    assert background < 0.95 * len(rgb), "the screenshot is blank"
    assert len(colours) > 50  # text, table rules, highlights: not a flat image
    stamp = tuple(int(COLOURS["library-stamp"][k : k + 2], 16) for k in (1, 3, 5))
    # the removed stamps are highlighted on both sides: raw on the left, edition on the right
    left = sum(1 for k, c in enumerate(rgb) if c == stamp and k % width < width // 2)
    right = sum(1 for k, c in enumerate(rgb) if c == stamp and k % width >= width // 2)
    assert left > 200 and right > 200


def test_html_report_marks_every_unaccounted_span_and_indexes_its_pages(monkeypatch):
    from html import escape

    from edition.check import diff as diff_module
    from edition.write.report import render

    real_build = diff_module.build

    def losing_stamps(scan):  # a rule that removes stamps without recording it
        edition = real_build(scan)
        edition.edits = [e for e in edition.edits if e.rule != "library-stamp"]
        return edition

    monkeypatch.setattr(diff_module, "build", losing_stamps)
    report = account(KRIVITSKY, EDITION)
    assert not report.complete and len(report.unaccounted) >= 2
    html = render(report)
    marked = "".join(m.split(">", 1)[1].split("</mark>")[0]
                     for m in html.split('<mark class="lost"')[1:])
    for start, end, _ in report.unaccounted:  # every unaccounted line is inside a red mark
        for line in report.edition.scan.raw[start:end].splitlines():
            assert not line.strip() or escape(line) in marked
    # the page index links every page; pages holding unaccounted text stand out in it
    assert html.count('<a href="#scan-') == len(report.edition.scan.pages)
    assert '<a href="#scan-1" class=bad>' in html and "raw scan (what the OCR gave)" in html


def test_the_diff_summary_adds_up_to_the_raw_text(capsys):
    assert main(["diff", str(KRIVITSKY), str(EDITION), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    parts = (data["kept_chars"] + data["whitespace_chars"] + data["unaccounted_chars"]
             + sum(r["chars"] for r in data["rules"]))
    assert parts == data["raw_chars"] == len(KRIVITSKY.read_text(encoding="utf-8"))
    assert main(["diff", str(KRIVITSKY), str(EDITION)]) == 0
    table = capsys.readouterr().out
    total = next(line for line in table.splitlines() if line.strip().startswith("total"))
    assert f"{data['raw_chars']:,}" in total


def test_paged_text_puts_a_space_after_a_page_that_begins_between_words(capsys):
    assert main(["text", str(EDITION), "--mark-pages"]) == 0
    out = capsys.readouterr().out
    assert "representative [p. 45] government" in out
    assert "]government" not in out.replace("[p. 45]government", "")
