"""The HTML diff report: page by page, raw scan on the left, edition on the right.

For a structured OCR source (hOCR, ALTO, PAGE) the raw side shows each page's lines in their
places on the page image: each line at its box, scaled to `LAYOUT_WIDTH` pixels for the page's
width, its height (or, for a long line, its width) setting its font size.

Self-contained (inline CSS and a few lines of script, no network). Every
recorded edit is a highlighted span on the raw side, coloured by rule, with its
rule and evidence on hover; its counterpart on the edition side (the running
header kept as furniture, the join inside a paragraph) carries the same
`data-e`, and hovering either side lights up both. A summary table and the
similarity of each page (textdistance's normalised Levenshtein similarity)
head the report.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

import textdistance

from edition.check.diff import Report, page_label, page_texts
from edition.model import Edit, Page

#: Colours per rule (background of the highlighted raw span).
COLOURS = {
    "library-stamp": "#f7c6c7", "running-header": "#ffe7a3", "markup": "#e3e3e3",
    "hyphen-join": "#b9e4c9", "paragraph-join": "#b9d7f0", "stray-mark": "#f0b9e4",
    "mixed-script": "#d6c5f0",
}

#: Width in CSS pixels of a page drawn with its lines in their places.
LAYOUT_WIDTH = 560
#: Share of a line's box height its text is set in (the rest is ascender and descender room).
LAYOUT_FONT_SHARE = 0.75
#: Average width of a character of a serif face in ems (Georgia's lower case is about 0.5):
#: a line's text is set no larger than fits its box's width.
LAYOUT_CHAR_EM = 0.5

CSS = """
body{font:14px/1.45 Georgia,serif;margin:0;color:#222;background:#fafafa}
header{padding:16px 24px;background:#fff;border-bottom:1px solid #ddd}
h1{font-size:20px;margin:0 0 8px}
table.summary{border-collapse:collapse;margin-top:8px}
table.summary td,table.summary th{border:1px solid #ccc;padding:3px 10px;text-align:right}
table.summary td:first-child,table.summary th:first-child{text-align:left}
.ok{color:#1a7f37;font-weight:bold}.bad{color:#b42318;font-weight:bold}
section.page{margin:16px 24px;background:#fff;border:1px solid #ddd}
section.page h2{font-size:15px;margin:0;padding:6px 12px;background:#f0f0f0;border-bottom:1px solid #ddd}
section.page h2 small{font-weight:normal;color:#555}
.cols{display:grid;grid-template-columns:1fr 1fr}
.raw,.ed{padding:8px 12px;overflow-wrap:anywhere}
.raw{white-space:pre-wrap;font:12px/1.4 Menlo,Consolas,monospace;border-right:1px solid #ddd}
.ed p{margin:0 0 8px}
.e{border-radius:3px;cursor:help}
.chip{display:inline-block;font:11px/1.3 sans-serif;padding:1px 5px;margin:0 4px 4px 0;border-radius:3px}
.hot{outline:2px solid #d33;background:#ffd54f!important}
.head{font:12px sans-serif;color:#555;padding:4px 12px;border-bottom:1px solid #eee;background:#fcfcfc}
mark.lost{background:#ffb3b3;outline:2px solid #b42318}
nav p{font:12px/1.8 sans-serif;margin:8px 0 0}nav a{margin-right:6px;color:#245}
nav a.bad{color:#b42318;font-weight:bold}
.layout{position:relative;background:#fffdf6;border:1px solid #e5dfcc;margin:0 auto}
.layout .ln{position:absolute;white-space:nowrap;overflow:hidden;font-family:Georgia,serif;
line-height:1}
.legend span{display:inline-block;padding:1px 6px;margin-right:6px;border-radius:3px;font:12px sans-serif}
"""

SCRIPT = """
document.addEventListener('mouseover',function(ev){
  var t=ev.target.closest('[data-e]');
  document.querySelectorAll('.hot').forEach(function(x){x.classList.remove('hot')});
  if(!t)return;
  document.querySelectorAll('[data-e="'+t.dataset.e+'"]').forEach(function(x){x.classList.add('hot')});
});
"""


def _raw_side(raw: str, start: int, end: int, edits: list[tuple[int, Edit]],
              lost: list[tuple[int, int]] | None = None) -> str:
    """A raw page as HTML with each edit highlighted, and each span nobody accounts for
    marked in red (`lost`: raw spans, which never overlap an edit)."""
    marks: list[tuple[int, int, int, Edit | None]] = [(e.start, e.end, k, e) for k, e in edits]
    marks += [(a, b, -1, None) for a, b in lost or []]
    marks.sort(key=lambda m: (m[0], m[1]))
    out, pos = [], start
    for a, b, k, e in marks:
        s, t = max(a, pos), min(b, end)
        if s < pos or s > end:
            continue
        out.append(escape(raw[pos:s]))
        if e is None:
            out.append(f'<mark class="lost" title="unaccounted for: in neither the reading text '
                       f'nor a recorded edit">{escape(raw[s:t])}</mark>')
            pos = max(pos, t)
            continue
        tip = escape(f"{e.rule}: {e.note}" + (f" → {e.replacement!r}" if e.replacement else ""))
        colour = COLOURS.get(e.rule, "#ddd")
        body = escape(raw[s:t]) if t > s else "¶" if e.rule == "paragraph-join" else "‸"
        out.append(f'<span class="e" data-e="{k}" style="background:{colour}" title="{tip}">'
                   f"{body}</span>")
        pos = max(pos, t)
    out.append(escape(raw[pos:end]))
    return "".join(out)


def _layout(raw: str, page: Page, edits: list[tuple[int, Edit]]) -> str | None:
    """A page's lines in their places (see the module's docstring), or None for a page with no
    size or no line boxes."""
    surface = page.surface
    if surface is None or not surface.width or not surface.height:
        return None
    zoned = [line for line in page.lines if line.zone is not None and line.zone.points]
    if not zoned:
        return None
    scale = LAYOUT_WIDTH / surface.width
    out = [f'<div class="layout" style="width:{LAYOUT_WIDTH}px;'
           f'height:{round(surface.height * scale)}px">']
    for line in zoned:
        left, top, right, bottom = line.zone.box  # type: ignore[union-attr]
        fits = (right - left) * scale / (LAYOUT_CHAR_EM * max(1, len(line.text)))
        size = max(4.0, min((bottom - top) * scale * LAYOUT_FONT_SHARE, fits))
        inside = [(k, e) for k, e in edits if (e.start < line.end and e.end > line.start)
                  or e.start == e.end == line.end]
        out.append(f'<div class="ln" title="{escape(line.zone.ident)}" '  # type: ignore[union-attr]
                   f'style="left:{left * scale:.1f}px;top:{top * scale:.1f}px;'
                   f'width:{max(1.0, (right - left) * scale):.1f}px;font-size:{size:.1f}px">'
                   f"{_raw_side(raw, line.start, line.end, inside)}</div>")
    out.append("</div>")
    return "".join(out)


def render(report: Report) -> str:
    """The whole report as one HTML document."""
    ed = report.edition
    raw = ed.scan.raw
    by_page: dict[int, list[tuple[int, Edit]]] = defaultdict(list)
    for k, e in enumerate(sorted(ed.edits, key=lambda e: (e.start, e.end))):
        by_page[ed.scan.page_of(e.start)].append((k, e))
    texts = page_texts(ed)
    similarity = textdistance.levenshtein.normalized_similarity
    lost_by_page: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for a, b, _ in report.unaccounted:  # a span over a page break is marked on each page
        for k in range(ed.scan.page_of(a), ed.scan.page_of(max(a, b - 1)) + 1):
            page = ed.scan.pages[k]
            if max(a, page.start) < min(b, page.end):
                lost_by_page[k].append((max(a, page.start), min(b, page.end)))
    sections, weighted, total = [], 0.0, 0
    index: list[str] = []
    for page in ed.scan.pages:
        raw_page = raw[page.start : page.end]
        edition_page = "\n\n".join(texts.get(page.index, []))
        score = similarity(raw_page, edition_page) if raw_page or edition_page else 1.0
        weighted += score * len(raw_page)
        total += len(raw_page)
        chips = "".join(
            f'<span class="chip e" data-e="{k}" style="background:{COLOURS.get(e.rule, "#ddd")}" '
            f'title="{escape(e.rule)}">{escape(e.rule)}: {escape(raw[e.start:e.end][:40] or "join")}'
            "</span>"
            for k, e in by_page[page.index] if e.rule in ("running-header", "library-stamp",
                                                          "paragraph-join", "hyphen-join")
        )
        paras = "".join(f"<p>{escape(t)}</p>" for t in texts.get(page.index, []))
        label = page_label(ed, page.index)
        where = "no printed number" if label.startswith("scan") else f"scan {page.index + 1}"
        lost = lost_by_page.get(page.index, [])
        flag = f' <strong class="bad">{len(lost)} unaccounted</strong>' if lost else ""
        index.append(f'<a href="#scan-{page.index + 1}"{" class=bad" if lost else ""}>'
                     f"{escape(label)}</a>")
        # a page with geometry is drawn line by line in its places, unless text on it is
        # unaccounted for: then the raw text, where every lost span is marked
        layout = None if lost else _layout(raw, page, by_page[page.index])
        raw_html = layout or _raw_side(raw, page.start, page.end, by_page[page.index], lost)
        sections.append(
            f'<section class="page" id="scan-{page.index + 1}"><h2>{label} '
            f"<small>{where} · similarity {score:.3f}</small>{flag}</h2>"
            '<div class="cols"><div class="head">raw scan (what the OCR gave)</div>'
            '<div class="head">edition (reading text of this page)</div>'
            f'<div class="raw">{raw_html}</div>'
            f'<div class="ed">{chips}{paras}</div></div></section>'
        )
    book = weighted / total if total else 1.0
    rows = "".join(
        f'<tr><td><span style="background:{COLOURS.get(t.rule, "#ddd")}">&nbsp;&nbsp;</span> '
        f"{escape(t.rule)}</td><td>{t.occurrences}</td><td>{t.chars}</td><td>{t.pages}</td></tr>"
        for t in report.totals
    )
    verdict = (
        '<span class="ok">complete: every raw character is accounted for</span>'
        if report.complete else
        f'<span class="bad">{len(report.unaccounted)} raw spans unaccounted for, '
        f"{len(report.added)} blocks not from the scan</span>"
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>edition diff: {escape(report.raw_name)} / {escape(report.edition_name)}</title>"
        f"<style>{CSS}</style></head><body><header>"
        f"<h1>{escape(report.raw_name)} → {escape(report.edition_name)}</h1>"
        f"<p>{verdict}. {report.raw_chars:,} raw characters: {report.kept_chars:,} in the reading "
        f"text, {report.whitespace_chars:,} whitespace; similarity of raw to edition "
        f"{book:.3f} (page similarities weighted by page length).</p>"
        "<table class=\"summary\"><tr><th>rule</th><th>occurrences</th><th>characters</th>"
        f"<th>pages</th></tr>{rows}</table>"
        f'<nav aria-label="pages"><p>Pages: {" ".join(index)}</p></nav>'
        f"</header><main>{''.join(sections)}</main>"
        f"<script>{SCRIPT}</script></body></html>\n"
    )
