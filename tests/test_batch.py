"""Collection builds: sources from directories and globs, parallel processes, the manifest,
incremental rebuilds, progress and summary, and the Dask engine."""

from __future__ import annotations

import json
import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from edition.cli import main
from edition.collection import batch
from edition.errors import SourceError

from .conftest import ROOT
from .shelf import make_shelf

SHELF_BOOKS = 100


@pytest.fixture(scope="module")
def shelf(tmp_path_factory) -> Path:
    """100 small books cut from the repository's real scans, one of them corrupt."""
    root = tmp_path_factory.mktemp("shelf")
    make_shelf(root, SHELF_BOOKS, pages=3)
    (root / "book-0042.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    return root


def _records(path: Path) -> dict[str, dict]:
    return {Path(r["source"]).name: r for r in map(json.loads, path.read_text().splitlines())}


def _editions(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.xml"))}


def test_a_directory_of_100_books_with_a_corrupt_one(shelf, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(shelf), "-o", str(out), "-j", "2"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""  # status goes to stderr: stdout is for data
    assert captured.err.count("\nwrote ") + captured.err.startswith("wrote ") == SHELF_BOOKS - 1
    assert "book-0042.txt: is a PNG image" in captured.err
    assert "1 of 100 builds failed" in captured.err and "Traceback" not in captured.err
    summary = captured.err[captured.err.index("summary"):]
    assert "books" in summary and " 100\n" in summary and "failed" in summary
    records = _records(out / "manifest.jsonl")
    assert len(records) == SHELF_BOOKS
    bad = records.pop("book-0042.txt")
    assert bad["status"] == "failed" and bad["exit_code"] == 2 and "PNG" in bad["error"]
    assert {r["status"] for r in records.values()} == {"built"}
    assert all(r["pages"] > 0 and len(r["sha256"]) == 64 and r["output_sha256"]
               for r in records.values())
    assert len(_editions(out)) == SHELF_BOOKS - 1

    # the second run skips every unchanged book and still reports the corrupt one
    mtimes = {p.name: p.stat().st_mtime_ns for p in out.glob("*.xml")}
    assert main(["build", str(shelf), "-o", str(out), "-j", "2"]) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert sum(ln.startswith("skipped ") for ln in lines) == SHELF_BOOKS - 1
    assert not any(ln.startswith("wrote ") for ln in lines)
    assert "book-0042.txt: is a PNG image" in captured.err
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.xml")} == mtimes
    assert {r["status"] for n, r in _records(out / "manifest.jsonl").items()
            if n != "book-0042.txt"} == {"skipped"}


def test_only_changed_books_are_rebuilt_and_force_rebuilds_all(tmp_path, capsys):
    books = make_shelf(tmp_path / "books", 6, pages=2)
    out = tmp_path / "out"
    assert main(["build", "-q", str(tmp_path / "books"), "-o", str(out), "-j", "1"]) == 0
    books[2].write_text(books[2].read_text() + "\nA line added to the scan.\n")
    (out / "book-0004.xml").write_text("edited by hand")
    capsys.readouterr()
    assert main(["build", str(tmp_path / "books"), "-o", str(out), "-j", "1"]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert sorted(ln.split()[1].rsplit("/", 1)[-1] for ln in lines if ln.startswith("wrote")) == [
        "book-0002.xml", "book-0004.xml"]
    assert (out / "book-0004.xml").read_bytes().startswith(b"<?xml")
    assert main(["build", str(tmp_path / "books"), "-o", str(out), "--force"]) == 0
    assert capsys.readouterr().err.count("wrote ") == 6


def test_a_new_toolkit_or_new_options_rebuild(tmp_path, capsys, monkeypatch):
    make_shelf(tmp_path / "books", 3, pages=2)
    out = tmp_path / "out"
    args = ["build", str(tmp_path / "books"), "-o", str(out), "-j", "1"]
    assert main(args) == 0
    capsys.readouterr()
    assert main([*args, "--publisher", "A Press"]) == 0  # an option that changes the edition
    assert capsys.readouterr().err.count("wrote ") == 3
    batch.toolkit_hash.cache_clear()
    monkeypatch.setattr(batch, "__version__", "99.0")
    assert main([*args, "--publisher", "A Press"]) == 0
    assert capsys.readouterr().err.count("wrote ") == 3
    batch.toolkit_hash.cache_clear()


def test_parallel_builds_are_byte_identical_to_serial_ones(tmp_path):
    make_shelf(tmp_path / "books", 8, pages=3)
    for jobs in ("1", "2"):
        assert main(["build", "-q", str(tmp_path / "books"), "-o", str(tmp_path / jobs),
                     "-j", jobs]) == 0
    assert _editions(tmp_path / "1") == _editions(tmp_path / "2")


def test_the_dask_engine_writes_the_same_editions(tmp_path):
    pytest.importorskip("distributed")
    make_shelf(tmp_path / "books", 6, pages=3)
    (tmp_path / "books" / "book-0003.txt").write_bytes(b"\x00\x01binary")
    assert main(["build", "-q", str(tmp_path / "books"), "-o", str(tmp_path / "local"),
                 "-j", "2"]) == 2
    assert main(["build", "-q", str(tmp_path / "books"), "-o", str(tmp_path / "dask"),
                 "-j", "2", "--engine", "dask"]) == 2
    local, dask = _editions(tmp_path / "local"), _editions(tmp_path / "dask")
    assert len(local) == 5 and local == dask
    failed = _records(tmp_path / "dask" / "manifest.jsonl")["book-0003.txt"]
    assert failed["status"] == "failed" and "NUL" in failed["error"]


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path, capsys):
    pytest.importorskip("distributed")
    make_shelf(tmp_path / "books", 2, pages=2)
    code = main(["build", str(tmp_path / "books"), "-o", str(tmp_path / "out"), "--engine",
                 "dask", "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 2 and "cannot reach the Dask scheduler" in err and "Traceback" not in err
    # nothing was built, so nothing is recorded: no manifest at all, never an empty line
    assert not (tmp_path / "out" / "manifest.jsonl").exists()


def test_a_terminal_gets_a_progress_bar_and_a_summary_table(tmp_path):
    make_shelf(tmp_path / "books", 4, pages=2)
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "edition", "build", str(tmp_path / "books"),
                             "-o", str(tmp_path / "out"), "-j", "2"],
                            stdin=follower, stdout=follower, stderr=follower, cwd=ROOT,
                            env={**os.environ, "COLUMNS": "100", "TERM": "xterm"})
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    assert proc.wait(timeout=60) == 0
    text = output.decode("utf-8", errors="replace")
    assert "building" in text and "4/4" in text and "━" in text  # the bar, complete
    assert "edition build" in text and "scanned pages" in text and "wrote " not in text


def test_sources_from_globs_directories_and_page_directories(tmp_path):
    make_shelf(tmp_path / "a", 2, pages=2)
    make_shelf(tmp_path / "b" / "c", 1, pages=2)
    pages = tmp_path / "b" / "pagebook"
    pages.mkdir()
    for k in range(3):
        (pages / f"{k + 1:08d}.txt").write_text(f"page {k}\n")
    found = batch.expand([str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "a" / "*.txt")])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a/book-0000.txt", "a/book-0001.txt", "b/c/book-0000.txt", "b/pagebook"]
    with pytest.raises(SourceError, match="no file matches"):
        batch.expand([str(tmp_path / "*.nothing")])


def test_two_sources_with_one_edition_name_do_not_overwrite_each_other(tmp_path, capsys):
    make_shelf(tmp_path / "a", 1, pages=2)
    make_shelf(tmp_path / "b", 1, pages=2)
    out = tmp_path / "out"
    assert main(["build", "-q", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(out)]) == 2
    assert "would overwrite the one built from" in capsys.readouterr().err
    assert [p.name for p in out.glob("*.xml")] == ["book-0000.xml"]


def test_bad_job_counts_are_usage_errors(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "-j", "0"])
    assert exit_info.value.code == 2 and "positive" in capsys.readouterr().err


def test_an_interrupted_collection_keeps_the_record_of_what_it_finished(tmp_path, monkeypatch):
    from edition.collection import engines

    make_shelf(tmp_path / "books", 5, pages=2)

    def two_then_interrupt(jobs, workers, on_done):
        for job in jobs[:2]:
            on_done(batch.run_job(job))
        raise KeyboardInterrupt

    monkeypatch.setattr(engines, "run_local", two_then_interrupt)
    out = tmp_path / "out"
    assert main(["build", "-q", str(tmp_path / "books"), "-o", str(out)]) == 130
    assert sorted(_records(out / "manifest.jsonl")) == ["book-0000.txt", "book-0001.txt"]
    assert sorted(p.name for p in out.glob("*.xml")) == ["book-0000.xml", "book-0001.xml"]


def test_building_part_of_a_collection_keeps_the_others_in_the_manifest(tmp_path):
    books = make_shelf(tmp_path / "books", 3, pages=2)
    out = tmp_path / "out"
    manifest = tmp_path / "m.jsonl"
    assert main(["build", "-q", str(tmp_path / "books"), "-o", str(out), "--manifest",
                 str(manifest)]) == 0
    assert main(["build", "-q", str(books[1]), "-o", str(out), "--manifest", str(manifest)]) == 0
    records = _records(manifest)
    assert len(records) == 3 and records["book-0001.txt"]["status"] == "skipped"


def test_a_symbolic_link_that_loops_back_is_followed_once(tmp_path):
    make_shelf(tmp_path / "shelf", 2, pages=2)
    (tmp_path / "shelf" / "loop").symlink_to(tmp_path / "shelf", target_is_directory=True)
    assert [p.name for p in batch.expand([str(tmp_path / "shelf")])] == [
        "book-0000.txt", "book-0001.txt"]


def test_the_dask_engine_without_dask_or_a_scheduler_without_it_are_one_line(
        tmp_path, capsys, monkeypatch):
    make_shelf(tmp_path / "books", 2, pages=2)
    args = ["build", str(tmp_path / "books"), "-o", str(tmp_path / "out")]
    with pytest.raises(SystemExit) as exit_info:
        main([*args, "--scheduler", "tcp://127.0.0.1:8786"])
    assert exit_info.value.code == 2 and "--engine dask" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if not installed
    assert main([*args, "--engine", "dask"]) == 2
    assert "pip install 'edition[dask]'" in capsys.readouterr().err


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_a_parallel_build_within_two_seconds(tmp_path, signum):
    # one long book (the Krivitsky scan twelve times over: several seconds to build) and small
    # ones: a worker is deep in the long book when the signal comes
    books = tmp_path / "books"
    make_shelf(books, 12, pages=2)
    (books / "a-long-book.txt").write_text(
        (ROOT / "raw" / "krivitsky-1940.txt").read_text(encoding="utf-8") * 12, encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "edition", "build", str(books), "-o", str(out),
                             "-j", "2", "--progress", "log"], stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, cwd=ROOT)
    assert proc.stderr is not None
    finished = 0
    while finished < 2:  # two small books written: the long one is still being built
        line = proc.stderr.readline().decode()
        assert line, "the build ended before it could be interrupted"
        finished += line.startswith("wrote ")
    sent = time.monotonic()
    proc.send_signal(signum)
    rest = proc.stderr.read().decode()
    code = proc.wait(timeout=30)
    assert time.monotonic() - sent < 2.0
    assert code == 130 and "Traceback" not in rest
    records = _records(out / "manifest.jsonl")  # every line whole JSON
    assert len(records) >= 2 and "a-long-book.txt" not in records
    assert {r["status"] for r in records.values()} == {"built"}
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary file left
