"""The command line: a thin layer that turns library calls into messages and exit codes.

Exit codes: 0 ok; 1 a build failed or a check did not pass; 2 bad usage or
unreadable input; 130 interrupted. Errors are one line on stderr, never a traceback. Each
command lives in `edition.commands`.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence

from edition import __version__
from edition.commands import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE
from edition.commands import absorb as absorb_command
from edition.commands import build as build_command
from edition.commands import correct as correct_command
from edition.commands import diff as diff_command
from edition.commands import epub as epub_command
from edition.commands import html as html_command
from edition.commands import lines as lines_command
from edition.commands import review as review_command
from edition.commands import text as text_command
from edition.commands import validate as validate_command
from edition.errors import STOP, EditionError, EngineError, SchemaError, SourceError

#: The commands, each a module with `register(subparsers)` and `run(args) -> exit code`.
COMMANDS = {"build": build_command, "validate": validate_command, "text": text_command,
            "diff": diff_command, "html": html_command, "epub": epub_command,
            "lines": lines_command, "correct": correct_command, "absorb": absorb_command,
            "review": review_command}


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports bad usage in one line with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"edition: {message} (see 'edition --help')\n")
        raise SystemExit(EXIT_USAGE)


def parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    top = _Parser(prog="edition", description=__doc__.splitlines()[0])
    top.add_argument("--version", action="version", version=f"edition {__version__}")
    commands = top.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for module in COMMANDS.values():
        module.register(commands)
    return top


def _terminate(signum: int, frame: object) -> None:
    """Ctrl-C and SIGTERM (a batch system stopping the job) unwind as KeyboardInterrupt, so
    temporary files go; the stop is also recorded, because an exception raised while Python
    runs a finaliser is swallowed, and the build must not then go on to write its edition."""
    STOP.set()
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    cli = parser()
    args = cli.parse_args(argv)
    if args.command == "build" and args.scheduler and args.engine != "dask":
        cli.error("--scheduler names a Dask scheduler: use it with --engine dask")
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
        signal.signal(signal.SIGINT, _terminate)
    try:
        code = COMMANDS[args.command].run(args)
        if STOP.is_set():
            raise KeyboardInterrupt
        return code
    except SourceError as err:
        print(f"edition: {err}", file=sys.stderr)
        return EXIT_USAGE
    except (SchemaError, EngineError) as err:
        print(f"edition: {err}", file=sys.stderr)
        return EXIT_USAGE
    except EditionError as err:
        print(f"edition: {err}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("edition: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader of our output went away (`edition validate ... | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
