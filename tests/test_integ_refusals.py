"""End-to-end: commands given the wrong thing refuse in one line, exit 2, and write nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from edition.cli import main

from .conftest import KRIVITSKY, ROOT

EDITION = ROOT / "tei" / "krivitsky-1940.xml"
PERSUASION = ROOT / "tests" / "data" / "corpus" / "persuasion-1901-p1-40.txt"


def _refused(capsys, argv: list[str], pattern: str) -> str:
    """Run the command line; assert one line on stderr, exit 2, nothing on stdout."""
    try:
        code = main(argv)
    except SystemExit as exit_info:  # argparse's own usage errors
        code = int(exit_info.code or 0)
    out, err = capsys.readouterr()
    assert code == 2, err
    assert err.count("\n") == 1 and pattern in err and "Traceback" not in err, err
    assert out == ""
    return err


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*")) if folder.exists() else []


@pytest.mark.parametrize("mode", [[], ["--mark-pages"], ["--pages"], ["--diplomatic"]])
def test_text_refuses_xml_that_is_not_tei_and_html(tmp_path, capsys, mode):
    alto = tmp_path / "page.xml"
    alto.write_text('<?xml version="1.0"?><alto xmlns="http://www.loc.gov/standards/alto/ns-v4#">'
                    "<Layout/></alto>")
    html = tmp_path / "page.html"
    html.write_text("<!DOCTYPE html><html><head><title>x</title></head><body><p>Hi<br></body>"
                    "</html>")
    xhtml = tmp_path / "page.xhtml"
    xhtml.write_text('<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Hi</p></body></html>')
    out = tmp_path / "out.txt"
    _refused(capsys, ["text", str(alto), *mode, "-o", str(out)], "not a TEI edition")
    _refused(capsys, ["text", str(html), *mode, "-o", str(out)], "not a TEI edition")
    _refused(capsys, ["text", str(xhtml), *mode, "-o", str(out)], "its root element is <html>")
    assert not out.exists()


@pytest.mark.parametrize("convention", ["form-feed", "djvu-blocks", "blank-runs"])
def test_a_page_convention_the_file_does_not_follow_is_refused(tmp_path, capsys, convention):
    # the Persuasion scan separates its pages with "<page N>" markers
    _refused(capsys, ["build", str(PERSUASION), "--page-convention", convention, "-o",
                      str(tmp_path)], f"page convention {convention}")
    assert _files(tmp_path) == []


def test_the_markers_convention_on_a_file_without_markers_is_refused(tmp_path, capsys):
    _refused(capsys, ["build", str(KRIVITSKY), "--pages", "markers", "-o", str(tmp_path)],
             "no page marker line")
    assert _files(tmp_path) == []


def test_diff_with_its_arguments_swapped_or_two_editions(capsys):
    _refused(capsys, ["diff", str(EDITION), str(KRIVITSKY)], "RAW must be the scan")
    _refused(capsys, ["diff", str(EDITION), str(EDITION)], "RAW must be the scan")
    _refused(capsys, ["diff", str(KRIVITSKY), str(KRIVITSKY)], "not a TEI edition")


def test_unknown_ignore_codes_and_conflicting_diff_flags_are_usage_errors(capsys):
    _refused(capsys, ["validate", str(EDITION), "--ignore", "NOPE"], "--ignore NOPE")
    _refused(capsys, ["diff", str(KRIVITSKY), str(EDITION), "--json", "--unified"],
             "not allowed with")
    _refused(capsys, ["diff", str(KRIVITSKY), str(EDITION), "--json", "--changes"],
             "not allowed with")


def test_dash_is_standard_output_and_never_a_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    script = Path(sys.executable).parent / "edition"
    done = subprocess.run([str(script), "text", str(EDITION), "-o", "-"], capture_output=True,
                          check=False)
    assert done.returncode == 0 and done.stdout.startswith(b"I WAS STALIN'S AGENT")
    done = subprocess.run([str(script), "build", str(KRIVITSKY), "-o", "-", "-q"],
                          capture_output=True, check=False)
    assert done.returncode == 0 and done.stdout == EDITION.read_bytes()
    assert _files(tmp_path) == []  # no directory named "-", no file of any kind


def test_build_reads_standard_input(tmp_path):
    script = Path(sys.executable).parent / "edition"
    done = subprocess.run([str(script), "build", "-", "--name", "krivitsky-1940", "-o",
                           str(tmp_path), "-q"], input=KRIVITSKY.read_bytes(),
                          capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert _files(tmp_path) == ["krivitsky-1940.xml"]
    assert (tmp_path / "krivitsky-1940.xml").read_bytes() == EDITION.read_bytes()


def test_dash_builds_exactly_one_source(tmp_path, capsys):
    _refused(capsys, ["build", str(KRIVITSKY), str(PERSUASION), "-o", "-"], "exactly one source")
    assert _files(tmp_path) == []


def test_a_collection_skips_what_is_evidently_not_a_scan_and_says_so(tmp_path, capsys):
    books = tmp_path / "books"
    books.mkdir()
    shutil.copy(PERSUASION, books / "raw.txt")
    (books / "SOURCE.md").write_text("# Where this scan comes from\n")
    (books / "README").write_text("notes\n")
    (books / "truth.txt").write_text("The transcription of the book.\n")
    (books / "notes.html").write_text("<html><body><p>A page about the book</p></body></html>")
    out = tmp_path / "out"
    assert main(["build", str(books), "-o", str(out), "--progress", "log"]) == 0
    err = capsys.readouterr().err
    assert "skipped 4 files that are not scans" in err
    assert all(name in err for name in ("SOURCE.md", "README", "truth.txt", "notes.html"))
    assert [p.name for p in out.glob("*.xml")] == ["books.xml"]


@pytest.mark.parametrize("command", [["build"], ["lines"], ["review"]])
def test_an_edition_or_other_xml_named_as_a_scan_is_refused(tmp_path, capsys, command):
    out = tmp_path / "out"
    extra = ["-o", str(out)] if command == ["build"] else []
    _refused(capsys, [*command, str(EDITION), *extra], "a TEI document (<TEI>), not an OCR scan")
    other = tmp_path / "table.xml"
    other.write_text('<?xml version="1.0"?>\n<table><row><cell>1</cell></row></table>\n',
                     encoding="utf-8")
    _refused(capsys, [*command, str(other), *extra], "XML (<table>) in no OCR format")
    assert _files(out) == []


def test_a_generic_file_name_takes_its_folders_name_unless_that_is_generic_too(tmp_path):
    from edition.read.text import scan_name

    (tmp_path / "persuasion-1901").mkdir()
    (tmp_path / "raw").mkdir()
    for path in (tmp_path / "persuasion-1901" / "raw.txt", tmp_path / "raw" / "book.txt"):
        shutil.copy(PERSUASION, path)
    assert scan_name(tmp_path / "persuasion-1901" / "raw.txt") == "persuasion-1901"
    assert scan_name(tmp_path / "raw" / "book.txt") == "book"


@pytest.mark.parametrize(("argv", "pattern"), [
    (["build", str(PERSUASION), "--max-mb", "-1"], "positive number of megabytes"),
    (["build", str(PERSUASION), "--max-mb", "nan"], "positive number of megabytes"),
    (["lines", str(PERSUASION), "--page", "0"], "must be a positive number"),
    (["lines", str(PERSUASION), "--page", "41"], "has scan pages 1-40"),
    (["build", str(PERSUASION), "--name", "other", "-o", "out"], "standard input (-) only"),
    (["correct", str(PERSUASION), "--page", "0", "--find", "bv", "--replace", "by"],
     "must be a positive number"),
])
def test_numbers_out_of_range_are_usage_errors(tmp_path, capsys, monkeypatch, argv, pattern):
    monkeypatch.chdir(tmp_path)
    _refused(capsys, argv, pattern)
    assert _files(tmp_path) == []
