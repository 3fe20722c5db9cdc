"""The exceptions library code raises; only the CLI turns them into messages and exit codes."""

import threading

#: Set when the user asked the process to stop (Ctrl-C, SIGTERM); a build then writes no
#: edition, even where the KeyboardInterrupt that carried the request was swallowed (Python
#: ignores exceptions raised while it runs a finaliser). The CLI exits 130.
STOP = threading.Event()


class EditionError(Exception):
    """Base class for every error the toolkit reports to a user."""


class SourceError(EditionError):
    """A raw source cannot be read or decoded (the CLI exits 2)."""


class BuildError(EditionError):
    """A source was read but no valid edition could be made from it (the CLI exits 1)."""


class SchemaError(EditionError):
    """The TEI schema could not be obtained or compiled (the CLI exits 2)."""


class EngineError(EditionError):
    """An engine cannot run (Dask missing, its scheduler unreachable) (the CLI exits 2)."""


class CorrectionsError(SourceError):
    """An editor's corrections file cannot be read, or a line of it is malformed; the message
    names the file and the line (the CLI exits 2, as for any unreadable input)."""
