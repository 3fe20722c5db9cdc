"""Shared fixtures: the project's own raw scan, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edition.pipeline import Edition, build
from edition.reader import read_scan
from edition.tei import serialize, to_tei

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
