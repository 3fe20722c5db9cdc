"""The commands of the command line, one module each: `register` adds its options to the
parser, `run` does the work through library calls and returns the exit code.

Exit codes: 0 ok; 1 a build failed or a check did not pass; 2 bad usage or unreadable input;
130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from edition.errors import BuildError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def positive(text: str) -> int:
    """A positive whole number, for -j."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive number, not {text!r}")
    return value


def write_or_print(text: str, output: Path | None) -> None:
    """Print `text`, or write it atomically to `output`."""
    if output is None:
        sys.stdout.write(text)
        return
    from edition.build import write_atomic

    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as err:
        raise BuildError(f"cannot write {output}: {err.strerror or err}") from None
