"""The hostile-input corpus (tests/data/hostile, made by its make.py): every file gets a valid
edition that loses nothing, or one clear line, exit 2 and nothing written."""

from __future__ import annotations

import hashlib
import shlex
from pathlib import Path

import pytest
import regex

from edition.check.diff import account
from edition.check.validate import parse, validate_file
from edition.cli import main
from edition.write.text import tei_text

HOSTILE = Path(__file__).parent / "data" / "hostile"


def _rows() -> list[tuple[str, list[str], int, str, str]]:
    rows = []
    for line in (HOSTILE / "EXPECTED.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, options, code, expect, header = line.split("\t")
        rows.append((name, [] if options == "-" else shlex.split(options), int(code), expect,
                     header))
    return rows


ROWS = _rows()


def _fingerprint(path: Path) -> tuple[str, int]:
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files if f.is_file()))
    return digest.hexdigest(), max(f.stat().st_mtime_ns for f in files)


def _build(name: str, options: list[str], out: Path, capsys) -> tuple[int, str]:
    code = main(["build", "-q", str(HOSTILE / name), "-o", str(out), *options])
    return code, capsys.readouterr().err


def _reading_text(path: Path) -> str:
    tree, problems = parse(path.read_bytes(), str(path))
    assert tree is not None, problems
    return tei_text(tree.getroot())


@pytest.fixture(scope="module")
def base_text(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("base")
    assert main(["build", "-q", str(HOSTILE / "utf8.txt"), "-o", str(out)]) == 0
    return _reading_text(out / "utf8.xml")


def _words(text: str) -> list[str]:
    return regex.findall(r"\w+", text)


@pytest.mark.parametrize(("name", "options", "code", "expect", "header"), ROWS,
                         ids=[f"{r[0]}{' ' + ' '.join(r[1]) if r[1] else ''}" for r in ROWS])
def test_hostile_file(name, options, code, expect, header, tmp_path, capsys, base_text):
    source = HOSTILE / name
    before = _fingerprint(source)
    out = tmp_path / "out"
    got, err = _build(name, options, out, capsys)
    assert _fingerprint(source) == before, "the raw file was touched"
    assert "Traceback" not in err
    assert got == code, err
    written = sorted(out.iterdir()) if out.exists() else []
    if code:
        assert err.count("\n") == 1 and regex.search(expect, err), err
        assert written == [], "a failed build left a file behind"
        return
    assert [p.name for p in written] == [f"{source.stem}.xml"], "temporary files left behind"
    edition = written[0]
    assert validate_file(edition) == []
    report = account(source, edition)
    assert report.complete, (report.unaccounted[:3], report.added[:3])
    data = edition.read_bytes().decode("utf-8")
    if header != "-":
        head = data[: data.index("</teiHeader>")]
        assert regex.search(header, head, regex.S), header
    text = _reading_text(edition)
    if expect == "same-text":
        assert text == base_text
    elif expect == "same-text-but-fffd":
        assert "\ufffd" in text and text.replace("\ufffd", "") == base_text
    elif expect == "same-words":
        assert _words(text) == _words(base_text)
    elif expect == "transcoded":
        # the same edition as from the file transcoded to UTF-8 by the codec the header names
        codec = regex.search(r'idno type="encoding">([^<]+)<', data).group(1)
        plain = tmp_path / "plain" / name
        plain.parent.mkdir()
        plain.write_bytes(source.read_bytes().decode(codec).encode("utf-8"))
        assert main(["build", "-q", str(plain), "-o", str(tmp_path / "plain-out")]) == 0
        assert text == _reading_text(tmp_path / "plain-out" / edition.name)
    elif expect == "words-kept":
        raw = source.read_bytes().decode("utf-8", errors="replace")
        assert _words(text) == _words(regex.sub(r"[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff]", "", raw))
    elif expect == "last-line-kept":
        last = source.read_text(encoding="utf-8").strip().splitlines()[-1]
        assert text.rstrip().endswith(last)
    else:
        pytest.fail(f"unknown expectation {expect}")


def test_every_corpus_file_is_listed():
    listed = {r[0] for r in ROWS}
    present = {p.name for p in HOSTILE.iterdir() if p.name not in {"make.py", "EXPECTED.tsv"}}
    assert present == listed


def test_a_batch_over_the_corpus_builds_the_good_files_and_lists_the_bad(tmp_path, capsys):
    plain = {r[0] for r in ROWS if not r[1]}
    failing = {r[0] for r in ROWS if not r[1] and r[2]}
    sources = [str(HOSTILE / name) for name in sorted(plain)]
    out = tmp_path / "out"
    assert main(["build", "-q", *sources, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    summary = err.strip().splitlines()[-1]
    assert summary.startswith(f"edition: {len(failing)} of {len(plain)} builds failed")
    assert {Path(p).name for p in summary.split(": ", 2)[2].split(", ")} == failing
    built = {p.name for p in out.glob("*.xml")}
    assert built == {f"{Path(n).stem}.xml" for n in plain - failing}
