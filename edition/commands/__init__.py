"""The commands of the command line, one module each: `register` adds its options to the
parser, `run` does the work through library calls and returns the exit code.

Exit codes: 0 ok; 1 a build failed or a check did not pass; 2 bad usage or unreadable input;
130 interrupted. Every command takes `-q` (errors only) and `-v` (say more); `-` names standard
input or output where a stream is natural.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from edition.errors import BuildError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
#: The path that names standard input or output.
STREAM = Path("-")


def positive(text: str) -> int:
    """A positive whole number, for -j."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive number, not {text!r}")
    return value


def positive_mb(text: str) -> float:
    """A positive size in megabytes, for --max-mb."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of megabytes, not {text!r}")
    return value


def add_command(commands: argparse._SubParsersAction, name: str, summary: str,
                examples: str) -> argparse.ArgumentParser:
    """A command's parser: a one-line summary, the examples as the epilog, -v and -q."""
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=summary, description=summary[:1].upper() + summary[1:] + ".",
        epilog="examples:\n" + examples, formatter_class=argparse.RawDescriptionHelpFormatter)
    talk = parser.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_const", dest="verbosity", const=0,
                      default=1, help="print errors only")
    talk.add_argument("-v", "--verbose", action="store_const", dest="verbosity", const=2,
                      help="say more: each warning, each step")
    return parser


def write_or_print(text: str | bytes, output: Path | None) -> None:
    """Print `text` (for no output or `-`), or write it atomically to `output`."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if output is None or output == STREAM:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from edition.files import write_atomic

    try:
        write_atomic(output, data)
    except OSError as err:
        raise BuildError(f"cannot write {output}: {err.strerror or err}") from None


def say(args: argparse.Namespace, message: str, level: int = 1) -> None:
    """A status line on standard error, shown at verbosity `level` or more."""
    if getattr(args, "verbosity", 1) >= level:
        print(message, file=sys.stderr)


def add_scan_arguments(parser: argparse.ArgumentParser) -> None:
    """SCAN and how to read it, and who is correcting: for the commands that make corrections
    (`correct`, `absorb`, `review`)."""
    from edition.read.text import CONVENTIONS

    parser.add_argument("scan", type=Path, help="the raw scan; its corrections are kept beside it "
                                                "in NAME.corrections.tsv")
    parser.add_argument("--by", default=None, metavar="NAME",
                        help="who makes the corrections (default: $EDITION_EDITOR, else the "
                             "login name)")
    parser.add_argument("--note", default="", help="a note kept with each correction made")
    parser.add_argument("--page-convention", "--pages", dest="pages",
                        choices=["auto", *CONVENTIONS], default="auto",
                        help="how the scan separates its pages, as for 'edition build'")
    parser.add_argument("--encoding", default=None, metavar="CODEC",
                        help="the scan's encoding, as for 'edition build' (default: detected)")
