"""End-to-end: the command line as a user runs it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from edition.cli import main

from .conftest import KRIVITSKY, ROOT


def test_build_writes_the_edition_and_leaves_raw_alone(tmp_path, capsys):
    before = KRIVITSKY.read_bytes()
    assert main(["build", str(KRIVITSKY), "-o", str(tmp_path)]) == 0
    status = capsys.readouterr()
    out = tmp_path / "krivitsky-1940.xml"
    assert out.read_bytes() == (ROOT / "tei" / "krivitsky-1940.xml").read_bytes()
    assert KRIVITSKY.read_bytes() == before
    assert "wrote" in status.err and status.out == ""  # status on stderr, stdout for data
    assert [p.name for p in tmp_path.iterdir()] == ["krivitsky-1940.xml"]  # no temp files left
    assert oct(out.stat().st_mode & 0o777) != oct(0o600)


def test_default_sources_are_every_file_in_raw(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["build", "-q", "-o", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [p.stem + ".xml" for p in (ROOT / "raw").iterdir()]
        + ["manifest.jsonl", "persons.xml", "warnings.tsv"]
    )


def test_missing_source_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["build", str(tmp_path / "none.txt"), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot read" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_undecodable_source_is_exit_2_and_nothing_written(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("café".encode() + b" hello \xff\xfe world")
    out = tmp_path / "out"
    assert main(["build", str(bad), "-o", str(out)]) == 2
    assert "byte 12" in capsys.readouterr().err
    assert not out.exists() or list(out.iterdir()) == []


def test_one_bad_file_does_not_stop_the_others(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff")
    out = tmp_path / "out"
    assert main(["build", str(bad), str(KRIVITSKY), "-o", str(out)]) == 2
    assert (out / "krivitsky-1940.xml").exists()
    assert "1 of 2 builds failed" in capsys.readouterr().err


def test_bad_usage_is_exit_2(capsys):
    assert _exit(["frobnicate"]) == 2
    assert "see 'edition --help'" in capsys.readouterr().err


def _exit(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as done:
        return int(done.code)


def test_list_edits_prints_rule_and_raw_span(tmp_path, capsys):
    assert main(["build", str(KRIVITSKY), "-q", "--list-edits", "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    rows = [r.split("\t") for r in out.splitlines()]  # nothing but the table on stdout
    assert rows[0] == ["book", "scan_page", "rule", "start", "end", "before", "after",
                       "uncertain", "evidence"]
    assert all(len(r) == 9 for r in rows)
    assert {r[0] for r in rows[1:]} == {"krivitsky-1940"}
    assert {"library-stamp", "running-header", "hyphen-join", "mixed-script"} <= {
        r[2] for r in rows[1:]}
    # scan pages are 1-based: the stamps stand on the first two pages of the file
    assert {r[1] for r in rows[1:] if r[2] == "library-stamp"} >= {"1", "2"}
    raw = KRIVITSKY.read_text(encoding="utf-8")
    assert all(raw[int(r[3]):int(r[4])] == r[5].replace("\\n", "\n") for r in rows[1:]
               if "\\" not in r[5].replace("\\n", ""))


def test_console_script_and_module_entry_points(tmp_path):
    # the console script of the environment running the tests, never whatever `edition` PATH
    # happens to hold (a fresh clone has none on PATH unless the venv is activated)
    script = Path(sys.executable).parent / "edition"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for cmd in ([str(script)], [sys.executable, "-m", "edition"]):
        done = subprocess.run([*cmd, "build", str(KRIVITSKY), "-q", "-o", str(tmp_path)],
                              capture_output=True, text=True, env=env, check=False)
        assert done.returncode == 0, done.stderr
        assert (tmp_path / "krivitsky-1940.xml").exists()


def test_a_build_interrupted_while_writing_keeps_the_old_edition_and_no_temp_file(
        tmp_path, monkeypatch, capsys):
    old = tmp_path / "krivitsky-1940.xml"
    old.write_bytes(b"the edition built yesterday")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr("edition.files.os.replace", interrupted)
    assert main(["build", "-q", str(KRIVITSKY), "-o", str(tmp_path)]) == 130
    assert "interrupted" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["krivitsky-1940.xml"]
    assert old.read_bytes() == b"the edition built yesterday"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_killed_build_leaves_no_file_behind(tmp_path, sig):
    big = tmp_path / "big.txt"
    big.write_bytes(KRIVITSKY.read_bytes() * 12)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "edition", "build", "-q", str(big), "-o", str(out)],
                            stderr=subprocess.PIPE)
    time.sleep(1.0)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"Traceback" not in err and err.decode().strip() == "edition: interrupted"
    assert not out.exists() or list(out.iterdir()) == []


def test_a_device_or_pipe_is_refused_without_reading_it(tmp_path, capsys):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert main(["build", str(fifo), "/dev/zero", "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("not a regular file") == 2 and "Traceback" not in err


@pytest.mark.parametrize("command", ["build", "text", "diff", "validate"])
def test_every_command_has_help_with_examples_and_verbosity(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    assert "examples:" in out and f"edition {command}" in out.split("examples:")[1]
    assert "-q, --quiet" in out and "-v, --verbose" in out


def test_a_build_whose_accounting_fails_exits_1_and_writes_nothing(tmp_path, capsys,
                                                                     monkeypatch):
    # break a rule on purpose: running heads still leave the text, but no edit records them
    from edition import pipeline

    real = pipeline.find_headers

    def unrecorded(scan, openings, skip, *frames):
        _, headers = real(scan, openings, skip, *frames)
        return [], headers

    monkeypatch.setattr(pipeline, "find_headers", unrecorded)
    assert main(["build", str(KRIVITSKY), "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "accounting incomplete: scan page " in err
    assert "no edition written" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []
