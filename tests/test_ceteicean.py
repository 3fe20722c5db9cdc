"""The CETEIcean behaviours and CSS shipped with the package, on the Krivitsky edition in
headless Chromium. CETEIcean itself is not part of the package: the test runs where
EDITION_CETEICEAN names its browser build (CI installs it from npm into a temporary
directory when npm is there) and is skipped elsewhere."""

from __future__ import annotations

import json
import os
import shutil
import time
from importlib.resources import files
from pathlib import Path

import pytest

from .chromium import Browser, available
from .conftest import ROOT

CETEI = os.environ.get("EDITION_CETEICEAN", "")
pytestmark = pytest.mark.skipif(
    not (CETEI and Path(CETEI).is_file() and available()),
    reason="set EDITION_CETEICEAN to CETEIcean's dist/CETEI.js (and install chromium)")

VISIBLE_FW = "[...document.querySelectorAll('tei-fw')].filter(e => e.getClientRects().length).length"
HARNESS = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>CETEIcean</title>
<link rel="stylesheet" href="edition-tei.css"></head>
<body><div id="TEI"></div>
<script src="CETEI.js"></script><script src="edition-behaviors.js"></script>
<script>
const xml = %s;
const c = new CETEI();
c.addBehaviors(editionBehaviors);
c.makeHTML5(xml, (data) => { document.getElementById("TEI").appendChild(data);
                             document.body.dataset.done = "1"; });
</script></body></html>
"""


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    site = tmp_path_factory.mktemp("ceteicean")
    shutil.copyfile(CETEI, site / "CETEI.js")
    for name in ("edition-behaviors.js", "edition-tei.css"):
        (site / name).write_text((files("edition.write") / "ceteicean" / name).read_text())
    tei = (ROOT / "tei" / "krivitsky-1940.xml").read_text(encoding="utf-8")
    (site / "index.html").write_text(HARNESS % json.dumps(tei).replace("</", "<\\/"))
    with Browser(tmp_path_factory.mktemp("profile")) as browser:
        browser.open((site / "index.html").as_uri())
        for _ in range(100):
            if browser.js("document.body.dataset.done") == "1":
                break
            time.sleep(0.1)
        yield browser


def test_running_heads_are_hidden_and_shown_in_the_diplomatic_view(page):
    assert page.js(VISIBLE_FW) == 0
    text = page.js("[...document.querySelectorAll('tei-p')].find(p => p.textContent.includes("
                   "'we had learned')).innerText")
    assert "we had learned to repeat" in text and "INTRODUCTION" not in text
    page.js("document.getElementById('TEI').classList.add('edition-diplomatic')")
    assert page.js(VISIBLE_FW) == 132
    page.js("document.getElementById('TEI').classList.remove('edition-diplomatic')")


def test_page_numbers_stand_in_the_margin_as_anchors(page):
    assert page.js("document.getElementById('p43').localName") == "tei-pb"
    assert page.js("document.querySelector('#p43 a.edition-pb').getAttribute('href')") == "#p43"
    before = "getComputedStyle(document.querySelector('#p43 a'), '::before')"
    assert page.js(f"{before}.content") == '"43"' and page.js(f"{before}.position") == "absolute"
    assert page.js("document.querySelector('#p16 a').dataset.n") == "[16]"


def test_footnotes_are_numbered_in_order(page):
    labels = page.js("[...document.querySelectorAll('a.edition-noteref')].map(a => a.textContent)")
    assert labels == ["1", "2", "3", "4"]
    assert page.js("document.querySelector('a.edition-noteref').title") == "marker as printed: 1"
    target = page.js("document.querySelectorAll('a.edition-noteref')[1].getAttribute('href')")
    assert "Otdel Mezhdunarodnoi Svyazi." in page.js(f"document.querySelector({target!r}).innerText")
