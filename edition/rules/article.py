"""Article sources reposted to a mailing list: the list archive's furniture and the article's data.

A list archive wraps the post in its own lines: the subject with the list's
tag ("[Marxism] ..."), the poster's name and obfuscated address, the date of
posting and a footer about the list. They leave the text (rule
`list-archive`) and describe this copy in the teiHeader. The article's own head
matter is read for the header too: the journal line ("LRB, Vol. 41 No. 22 ·
21 November 2019", which leaves the text as `article-metadata`), the author's
byline, and, for a review, the reviewed book with its imprint, extent, price
and ISBN (which stay in the text and open the body).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import regex

from edition.model import Edit, Line, Scan, line_edit

LIST_RULE = "list-archive"
META_RULE = "article-metadata"

#: The subject line of a list post: the list's tag in brackets, then the subject.
SUBJECT = regex.compile(r"^\[(?P<list>[^\]]{1,40})\]\s+(?P<subject>\S.*)$")
#: The poster's name and address with "@" written " at ".
POSTER = regex.compile(r"^(?P<name>[^\s@][^@]*?)\s+(?P<address>[\w.+-]+ at [\w.-]+\.\w+)$")
#: The posting date as mail archives print it: "Sat Nov 16 06:58:36 MST 2019".
POSTED = regex.compile(
    r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+(?P<mon>\w{3})\s+(?P<day>\d{1,2})\s+"
    r"(?P<time>\d\d:\d\d:\d\d)\s+(?P<zone>[A-Z]{2,5})\s+(?P<year>\d{4})$"
)
#: The list's footer.
FOOTER = regex.compile(r"^More information about the (?P<list>.+?) mailing list\.?$")
#: A journal line: "LRB, Vol. 41 No. 22 · 21 November 2019".
JOURNAL = regex.compile(
    r"^(?P<journal>LRB|London Review of Books|[\w ]{2,40}),\s*Vol\.\s*(?P<volume>\d+)\s*"
    r"No\.\s*(?P<issue>\d+)\s*[·•,-]\s*(?P<date>\d{1,2}\s+\w+\s+\d{4})$"
)
#: A reviewed book: "Title by Author", then "Publisher, 448 pp, £25.00, March, ISBN ...".
REVIEWED = regex.compile(r"^(?P<title>.+?)\s+by\s+(?P<author>[^,]+?)$")
IMPRINT = regex.compile(
    r"^(?P<publisher>[^,]+),\s*(?P<pages>\d+)\s*pp,\s*(?P<price>[£$€][\d.,]+)"
    r"(?:,\s*(?P<month>[A-Z][a-z]+))?,\s*ISBN\s*(?P<isbn>[\d X-]+?)\s*$"
)
JOURNALS = {"LRB": "London Review of Books"}
ZONES = {"MST": "-07:00", "MDT": "-06:00", "PST": "-08:00", "PDT": "-07:00", "EST": "-05:00",
         "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00", "GMT": "+00:00", "UTC": "+00:00",
         "BST": "+01:00", "CET": "+01:00", "CEST": "+02:00"}
#: Lines at the top of a post searched for the list's and the article's head matter.
HEAD_LINES = 12


@dataclass(slots=True)
class Reviewed:
    """The book under review."""

    title: str
    author: str
    publisher: str = ""
    pages: str = ""
    price: str = ""
    isbn: str = ""
    month: str = ""
    lines: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """What the list archive and the article's head say about this copy and the article."""

    list_name: str = ""
    subject: str = ""
    poster: str = ""
    address: str = ""
    posted: str = ""
    posted_iso: str = ""
    journal: str = ""
    volume: str = ""
    issue: str = ""
    date: str = ""
    date_iso: str = ""
    author: str = ""
    author_line: Line | None = None
    reviewed: Reviewed | None = None

    def __bool__(self) -> bool:
        return bool(self.list_name or self.journal)


def _iso_day(text: str) -> str:
    """"21 November 2019" as 2019-11-21 (empty when it does not read)."""
    try:
        return datetime.strptime(" ".join(text.split()), "%d %B %Y").strftime("%Y-%m-%d")
    except ValueError:
        return ""


def find_article(scan: Scan) -> tuple[list[Edit], Article]:
    """The list archive's furniture as edits, and the article's data."""
    art = Article()
    edits: list[Edit] = []
    if not scan.pages:
        return edits, art
    first = scan.pages[0]
    lines = first.content_lines()
    head = lines[:HEAD_LINES]
    for k, line in enumerate(head):
        text = line.text.strip()
        if k == 0 and (m := SUBJECT.match(text)):
            art.list_name, art.subject = m["list"], m["subject"].strip()
            edits.append(line_edit(LIST_RULE, line, 0, "subject line of the list post"))
        elif art.list_name and not art.poster and (m := POSTER.match(text)):
            art.poster, art.address = m["name"].strip(), m["address"]
            edits.append(line_edit(LIST_RULE, line, 0, "poster and address"))
        elif art.list_name and not art.posted and (m := POSTED.match(text)):
            art.posted = text
            stamp = datetime.strptime(f"{m['day']} {m['mon']} {m['year']} {m['time']}",
                                      "%d %b %Y %H:%M:%S")
            art.posted_iso = stamp.strftime("%Y-%m-%dT%H:%M:%S") + ZONES.get(m["zone"], "")
            edits.append(line_edit(LIST_RULE, line, 0, "date of posting"))
        elif not art.journal and (m := JOURNAL.match(text)):
            art.journal = JOURNALS.get(m["journal"], m["journal"])
            art.volume, art.issue, art.date = m["volume"], m["issue"], m["date"]
            art.date_iso = _iso_day(m["date"])
            edits.append(line_edit(META_RULE, line, 0, "the journal's citation line"))
            if k + 1 < len(head) and len(head[k + 1].text.split()) <= 4:
                art.author_line = head[k + 1]
                art.author = head[k + 1].text.strip()
        elif art.journal and k + 1 < len(head) and (m := REVIEWED.match(text)) and (
                i := IMPRINT.match(head[k + 1].text.strip())):
            art.reviewed = Reviewed(m["title"].strip(), m["author"].strip(), i["publisher"].strip(),
                                    i["pages"], i["price"], " ".join(i["isbn"].split()),
                                    i["month"] or "", [line, head[k + 1]])
    for page in scan.pages:
        for line in page.content_lines():
            if art.list_name and (m := FOOTER.match(line.text.strip())):
                edits.append(line_edit(LIST_RULE, line, page.index, "footer of the list archive"))
    return edits, art
