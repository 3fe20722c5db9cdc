"""Shared fixtures: the project's own raw scan, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edition.pipeline import Edition, build
from edition.read.text import read_scan
from edition.write.tei import serialize, to_tei

ROOT = Path(__file__).resolve().parent.parent
KRIVITSKY = ROOT / "raw" / "krivitsky-1940.txt"
TEI_NS = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="session")
def scan():
    return read_scan(KRIVITSKY)


@pytest.fixture(scope="session")
def edition(scan) -> Edition:
    return build(scan)


@pytest.fixture(scope="session")
def tei_bytes(edition) -> bytes:
    return serialize(to_tei(edition))


@pytest.fixture(scope="session")
def tei(tei_bytes):
    return etree.fromstring(tei_bytes)


@pytest.fixture(scope="session")
def schema_path():
    from edition.check.schema import tei_all
    from edition.errors import SchemaError

    try:
        return tei_all()
    except SchemaError as err:  # only without network and without a cached copy
        pytest.fail(str(err))


@pytest.fixture(scope="session")
def full_tei_all(schema_path):
    """All of tei_all compiled by libxml2 (slow: once per session)."""
    return etree.RelaxNG(etree.parse(str(schema_path)))
