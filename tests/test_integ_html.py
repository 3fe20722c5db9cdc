"""End-to-end: the HTML edition rendered in headless Chromium, checked on screen.

Screenshots of the title page, a chapter opening (with its page number in the margin), a
chapter opening with a footnote and verse, and the diplomatic view; each is checked for its
content through the rendered page (what is visible, where) and through its pixels.
"""

from __future__ import annotations

from collections import Counter

import pytest

from edition.cli import main

from .chromium import Browser, available
from .conftest import ROOT
from .png import pixels

pytestmark = pytest.mark.skipif(not available(), reason="chromium is not installed")

KRIVITSKY = ROOT / "tei" / "krivitsky-1940.xml"
FEATURES = ROOT / "tests" / "data" / "render" / "features.xml"
#: The reading view's colours (edition.css, light scheme): page, panel (bar and furniture).
BG, PANEL = (0xFD, 0xFC, 0xF8), (0xF1, 0xEE, 0xE4)
VISIBLE_FW = "[...document.querySelectorAll('.fw')].filter(e => e.getClientRects().length).length"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    assert main(["html", str(KRIVITSKY), "-o", str(out), "-q"]) == 0
    assert main(["html", str(FEATURES), "-o", str(out), "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with Browser(tmp_path_factory.mktemp("profile")) as b:
        yield b


def rect(browser: Browser, selector: str) -> dict[str, float]:
    return browser.js(f"(() => {{ const r = document.querySelector({selector!r})"
                      ".getBoundingClientRect(); return {left: r.left, right: r.right, "
                      "top: r.top, bottom: r.bottom}; })()")  # type: ignore[return-value]


def region(shot: tuple[int, int, list], box: dict[str, float]) -> Counter:
    """The colours of the screenshot inside a box (CSS pixels at scale 1)."""
    width, height, rgb = shot
    x0, x1 = max(0, int(box["left"])), min(width, int(box["right"]) + 1)
    y0, y1 = max(0, int(box["top"])), min(height, int(box["bottom"]) + 1)
    return Counter(rgb[y * width + x] for y in range(y0, y1) for x in range(x0, x1))


def dark(colours: Counter) -> int:
    """How many pixels are clearly darker than the page (text)."""
    return sum(n for c, n in colours.items() if sum(c) < 3 * 160)


def test_title_page(site, browser, tmp_path):
    browser.open((site / "krivitsky-1940.html").as_uri())
    shot = pixels(browser.screenshot(tmp_path / "title.png"))
    assert browser.js("document.documentElement.lang") == "en"
    title = rect(browser, "h1.docTitle")
    assert 0 < title["top"] < 900
    assert browser.js("document.querySelector('h1.docTitle').innerText") == "I WAS STALIN'S AGENT"
    assert "W. G. KRIVITSKY" in browser.js("document.querySelector('main').innerText")
    assert dark(region(shot, title)) > 500  # the title is drawn
    assert Counter(shot[2]).most_common(1)[0][0] == BG


def test_a_cited_page_opens_at_its_number_in_the_margin(site, browser, tmp_path):
    browser.open((site / "krivitsky-1940.html").as_uri() + "#p43")
    shot = pixels(browser.screenshot(tmp_path / "p43.png"))
    anchor = rect(browser, "#p43")
    assert browser.js("scrollY") > 10000 and 0 <= anchor["top"] < 60  # opened at page 43
    heading = rect(browser, "#ch2 h2")
    assert heading["top"] < 200 and "THE END OF THE COMMUNIST INTERNATIONAL" in browser.js(
        "document.querySelector('#ch2 h2').innerText")
    text = rect(browser, "#ch2 > p")
    assert browser.js("getComputedStyle(document.querySelector('#p43'), '::before').content") \
        == '"43"'
    assert dark(region(shot, margin(anchor, text))) > 20  # the number is drawn in the margin
    # the next page's number sits in the margin beside the line where page 44 begins
    p44 = rect(browser, "#p44")
    assert p44["top"] > anchor["top"] and dark(region(shot, margin(p44, text))) > 20
    assert dark(region(shot, margin({"top": p44["top"] - 60, "bottom": p44["top"] - 30}, text))) \
        == 0  # and nothing else is there


def margin(line: dict[str, float], text: dict[str, float]) -> dict[str, float]:
    """The margin left of the text column, beside a line."""
    return {"left": 0, "right": text["left"] - 2, "top": line["top"] - 2,
            "bottom": max(line["bottom"], line["top"] + 16) + 2}


def test_chapter_opening_with_a_footnote_and_verse(site, browser, tmp_path):
    browser.open((site / "features.html").as_uri() + "#p1")
    shot = pixels(browser.screenshot(tmp_path / "verse.png"))
    ref = rect(browser, "a.noteref")
    line = rect(browser, "#ch1 > p")
    assert browser.js("document.querySelector('a.noteref').innerText") == "1"
    assert ref["bottom"] < line["top"] + 20  # a superscript in the first line
    assert browser.js("document.querySelector(document.querySelector('a.noteref')"
                      ".getAttribute('href')).innerText").startswith("1")
    lines = browser.js("[...document.querySelectorAll('.l')].map(e => { const r = "
                       "document.createRange(); r.selectNodeContents(e); const b = "
                       "r.getClientRects()[0]; return [b.top, b.left]; })")
    tops = [t for t, _ in lines]  # type: ignore[union-attr]
    assert len(lines) == 6 and tops == sorted(tops) and len(set(tops)) == 6  # a line each
    lefts = [left for _, left in lines]  # type: ignore[union-attr]
    assert lefts[1] > lefts[0] and lefts[3] > lefts[2] and lefts[0] == lefts[2]  # indents
    verse = rect(browser, ".lg")
    assert dark(region(shot, verse)) > 1000
    assert "misprinted" in browser.js("document.querySelector('#ch1').innerText")
    assert "misprmted" not in browser.js("document.querySelector('#ch1').innerText")


def test_reading_view_has_no_furniture_and_the_diplomatic_view_shows_it(site, browser, tmp_path):
    browser.open((site / "krivitsky-1940.html").as_uri() + "#p8")
    reading = pixels(browser.screenshot(tmp_path / "reading.png"))
    assert browser.js(VISIBLE_FW) == 0
    paragraph = "[...document.querySelectorAll('p')].find(p => p.textContent.includes('we had " \
                "learned')).innerText"
    assert "we had learned to repeat" in browser.js(paragraph)
    width = reading[0]
    below_bar = reading[2][60 * width:]
    assert PANEL not in set(below_bar)  # no furniture box anywhere on the screen

    browser.open((site / "krivitsky-1940.html").as_uri() + "?view=diplomatic#p8")
    diplomatic = pixels(browser.screenshot(tmp_path / "diplomatic.png"))
    assert browser.js("document.getElementById('view-diplomatic').checked") is True
    assert browser.js(VISIBLE_FW) == 132
    assert "learned \nINTRODUCTION\nto repeat" in browser.js(paragraph)  # as the page had it
    fw = rect(browser, "#p8 ~ .fw")
    assert 0 < fw["top"] < 900 and region(diplomatic, fw)[PANEL] > 1000  # drawn on the page
    # the printed note markers come back in the diplomatic view
    assert browser.js("getComputedStyle(document.querySelector('a.noteref .printed')).display") \
        == "inline"


def test_a_phone_reads_without_sideways_scrolling(site, tmp_path):
    with Browser(tmp_path / "profile", width=390, height=844) as phone:
        phone.open((site / "krivitsky-1940.html").as_uri() + "#p43")
        phone.screenshot(tmp_path / "phone.png")
        assert phone.js("document.documentElement.scrollWidth") <= 390
        shot = pixels((tmp_path / "phone.png").read_bytes())
        anchor, text = rect(phone, "#p43"), rect(phone, "#ch2 > p")
        assert text["left"] > 30 and dark(region(shot, margin(anchor, text))) > 10
