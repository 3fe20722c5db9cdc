"""What a collection build shows while it runs and when it ends.

On a terminal: a progress bar (rich) with failures printed above it, and a
summary table at the end. Elsewhere (a log file, a CI job, a pipe): one plain
line per book as it finishes, then the same summary as plain text.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from edition.collection.batch import Record


@dataclass(slots=True)
class Totals:
    """The figures of a collection build."""

    books: int = 0
    built: int = 0
    skipped: int = 0
    failed: int = 0
    pages: int = 0
    built_pages: int = 0
    furniture: int = 0
    warnings: int = 0
    seconds: float = 0.0

    @classmethod
    def of(cls, records: list[Record], seconds: float) -> Totals:
        """Totals over records (pages and furniture of skipped books count: they are in the
        collection)."""
        t = cls(books=len(records), seconds=seconds)
        for r in records:
            t.built += r.status == "built"
            t.skipped += r.status == "skipped"
            t.failed += r.status == "failed"
            t.pages += r.pages
            t.built_pages += r.pages if r.status == "built" else 0
            t.furniture += r.furniture_removed
            t.warnings += len(r.warnings)
        return t

    def rows(self) -> list[tuple[str, str]]:
        """The summary as label/value rows."""
        rate = f"{self.built_pages / self.seconds:,.0f} pages built/s" if self.seconds > 0 else "-"
        return [
            ("books", f"{self.books:,}"),
            ("built", f"{self.built:,}"),
            ("skipped (unchanged)", f"{self.skipped:,}"),
            ("failed", f"{self.failed:,}"),
            ("scanned pages", f"{self.pages:,}"),
            ("furniture removed", f"{self.furniture:,} lines"),
            ("warnings", f"{self.warnings:,}"),
            ("time", f"{self.seconds:.2f} s ({rate})"),
        ]


def shown(path: str) -> str:
    """A path as short as it can be shown: relative to the working directory when inside it."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path


def _warning(data: dict[str, object]) -> str:
    """A warning recorded in the manifest, as one line."""
    from edition.warnings import BuildWarning

    return str(BuildWarning.from_dict(data))


def _line(record: Record) -> str:
    """One book's outcome in a line."""
    if record.status == "skipped":
        return f"skipped {shown(record.output)} (unchanged since it was built)"
    summary = f"{record.pages} pages, {record.divisions} divisions, {record.edits} edits"
    if record.warnings:
        summary += f", {len(record.warnings)} warnings"
    return f"wrote {shown(record.output)} ({summary})"


class LogReporter:
    """Plain lines on standard error (standard output is left for data: edit listings, an
    edition written to `-`): each book as it finishes, failures, and with `verbose` each
    warning; `quiet` keeps only failures."""

    def __init__(self, quiet: bool = False, out: TextIO | None = None,
                 err: TextIO | None = None, verbose: bool = False) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.out = out or sys.stderr
        self.err = err or sys.stderr
        self.total = 0
        self.count = 0

    def __enter__(self) -> LogReporter:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def start(self, total: int) -> None:
        """The number of books this run will report."""
        self.total = total

    def done(self, record: Record) -> None:
        """Report one finished book."""
        self.count += 1
        if record.status == "failed":
            self.err.write(f"edition: {record.error}\n")
            return
        if not self.quiet:
            counter = f" [{self.count}/{self.total}]" if self.total > 1 else ""
            self.out.write(_line(record) + counter + "\n")
            for warning in record.warnings if record.status == "built" and self.verbose else []:
                # the edition's name: "raw.txt" names no book in a folder of books
                name = Path(record.output).stem if record.output else Path(record.source).name
                self.err.write(f"  {name}: {_warning(warning)}\n")
        self.out.flush()

    def summary(self, totals: Totals) -> None:
        """The summary as aligned plain text."""
        if self.quiet:
            return
        self.out.write("summary\n")
        for label, value in totals.rows():
            self.out.write(f"  {label:<22}{value:>24}\n")


class BarReporter(LogReporter):
    """A rich progress bar on the terminal, failures above it, a summary table at the end."""

    def __init__(self, quiet: bool = False) -> None:
        super().__init__(quiet)
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.console = Console(stderr=True)
        self.progress = Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), TimeRemainingColumn(),
                                 TextColumn("{task.description}"), console=self.console,
                                 transient=False, auto_refresh=False)
        # refreshed by hand as books finish: no refresh thread, so worker processes can be
        # forked safely while the bar is shown
        self.task = self.progress.add_task("", total=None)

    def __enter__(self) -> BarReporter:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def start(self, total: int) -> None:
        """Size the bar."""
        super().start(total)
        self.progress.update(self.task, total=total)

    def done(self, record: Record) -> None:
        """Advance the bar; print a failure above it."""
        self.count += 1
        if record.status == "failed":
            self.console.print(f"[red]edition:[/red] {record.error}", markup=True,
                               highlight=False, soft_wrap=True)
        self.progress.update(self.task, advance=1, description=Path(record.source).name)
        self.progress.refresh()

    def summary(self, totals: Totals) -> None:
        """The summary as a table."""
        if self.quiet:
            return
        from rich.table import Table

        table = Table(title="edition build", show_header=False)
        table.add_column(style="bold")
        table.add_column(justify="right")
        for label, value in totals.rows():
            table.add_row(label, value)
        self.console.print(table)
