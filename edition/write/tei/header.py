"""The teiHeader: the edition, the printed source, the library copy, the encoding decisions."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import regex
from lxml import etree

from edition import __released__, __version__
from edition.pipeline import Edition
from edition.read.characters import describe
from edition.rules.language import NAMES
from edition.structure.frontmatter import title_case
from edition.write.tei.xml import E, add_text, sub

#: Titles of the reasons a rule removed or changed text, as the header describes them.
RULE_TITLES = {
    "library-stamp": "the copy's stamps, bookplates, shelf marks, loan slips and storage labels "
                     "(recorded in the manuscript description)",
    "running-header": "running headers (kept as fw after each page milestone)",
    "markup": "the OCR pipeline's markup (headings, italics, note markers, escapes)",
    "hyphen-join": "hyphens at page ends (removed where the word was broken, kept in compounds)",
    "paragraph-join": "page breaks inside paragraphs (paragraphs rejoined)",
    "stray-mark": "stray marks (ticks, specks)",
    "mixed-script": "words mixing Latin and Cyrillic letters (read as Latin)",
    "digitisation-notice": "the digitiser's notices and watermarks (described with the scan)",
    "page-marker": "the scan's page marker lines",
    "page-number": "printed page numbers (kept as fw, read into pb n)",
    "ocr-noise": "OCR noise from plates, blank leaves and specks",
    "leader-dots": "leader dots in the contents",
    "signature-mark": "signature marks (kept as fw)",
    "catchword": "catchwords (kept as fw)",
    "split-word": "words the OCR split over two lines without a hyphen (rejoined)",
    "plate": "plates and their captions (figure with its head at the plate's place; the "
             "paragraph runs on around it)",
    "long-s": "long s read by the OCR as f (restored as s; choice/orig/reg; ambiguous words "
              "flagged)",
    "ligature": "ligature characters (read as their letters; choice/orig/reg)",
    "unicode-nfc": "decomposed accents (composed, Unicode NFC; choice/orig/reg)",
    "soft-hyphen": "soft hyphens inside words (dropped; choice/orig/reg)",
    "letter-spacing": "letter-spaced lines (read closed up; choice/orig/reg)",
    "list-archive": "the mailing-list archive's subject, poster, date and footer (in sourceDesc)",
    "article-metadata": "the journal's citation line (in sourceDesc)",
    "footnote": "footnote marks at the notes and in the text (each note placed at its "
                "reference, the mark kept as its n)",
    "editor": "an editor's corrections, applied after the rules (corrections file in sourceDesc; "
              "corr, fw and pb name the editor in resp)",
}


def _month_iso(month: str, year: str) -> str:
    """"March", "2019" as 2019-03."""
    months = ["january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december"]
    return f"{year}-{months.index(month.lower()) + 1:02d}" if month.lower() in months else year


#: A digitiser's notice that speaks of rights.
RIGHTS = regex.compile(r"public\s+domain|copyright|rights\b", regex.I)


def long_s_policy(ed: Edition) -> str:
    """What the header says of a book whose OCR read its long s as f (`edition.rules.long_s`)."""
    return (f"the OCR read this book's long s as f ({ed.long_s.evidence} of {ed.long_s.tokens} "
            "words with an f where a long s can stand read as a word only with s): a word whose "
            "s-reading is a word and whose f-reading is none, or a hundred times rarer, is "
            "restored, shown as choice with orig (the OCR's f) and reg (s); a word that reads as "
            "a word either way (fame, same) is left as scanned and its edit flagged uncertain.")


def edition_date() -> str:
    """The date an edition states for itself: SOURCE_DATE_EPOCH's day when it is set (the
    reproducible-builds convention), else the release date of the toolkit that made it (an
    edition is a deterministic function of its scan and the toolkit's version)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).strftime("%Y-%m-%d")
    return __released__


class HeaderWriter:
    """Writes the teiHeader of an edition (a part of `Emitter`)."""

    ed: Edition
    publisher: str
    mentions: dict[str, list[str]]
    current_page: str
    page_ids: dict[str, str]
    id_owner: dict[str, int]
    note_count: int

    def header(self, tei: etree._Element) -> None:
        """The teiHeader: the edition, the printed source, the copy, the encoding, the change."""
        ed, src = self.ed, self.ed.source
        title = title_case(src.title) if src.title else ed.scan.name
        author = title_case(src.author) if src.author else ""
        header = sub(tei, "teiHeader")
        file_desc = sub(header, "fileDesc")
        stmt = sub(file_desc, "titleStmt")
        sub(stmt, "title", title, type="main")
        sub(stmt, "title", self.subtitle(), type="sub")
        if author:
            sub(stmt, "author", author)
        if src.editor:
            sub(stmt, "editor", title_case(src.editor))
        resp = sub(stmt, "respStmt")
        sub(resp, "resp", "OCR clean-up and TEI encoding")
        sub(resp, "name", f"edition {__version__}", type="software")
        self.editors(stmt)
        self.publication(file_desc)
        source_desc = sub(file_desc, "sourceDesc")
        if ed.article:
            self.article_bibl(source_desc, title, author)
        else:
            self.bibl(source_desc, title, author)
        scan = sub(source_desc, "bibl", type="scan")
        sub(scan, "title", ed.scan.name)
        sub(scan, "idno", ed.scan.sha256, type="sha256")
        sub(scan, "extent", f"{len(ed.scan.pages)} scanned pages")
        decoding = ed.scan.decoding
        if not decoding.plain:
            sub(scan, "idno", decoding.encoding, type="encoding")
            note = sub(scan, "note", describe(decoding), type="decoding", xml_id="scan-decoding")
            if decoding.replaced:
                note.set("subtype", "replace-undecodable")
        if ed.copy.notices:
            notes = sub(scan, "note", "The digitiser's notices and watermarks, as the OCR read "
                                      "them (removed from the text):", type="digitisation")
            nlst = sub(notes, "list")
            for page, text in ed.copy.notices:
                sub(nlst, "item", text, n=self.page_label(page))
        self.corrections_bibl(source_desc)
        if ed.copy.stamps:
            self.ms_desc(source_desc)
        self.encoding(header)
        profile = sub(header, "profileDesc")
        usage = sub(profile, "langUsage")
        for tag, name, percent in self.languages():
            sub(usage, "language", name, ident=tag, usage=str(percent))
        rev = sub(header, "revisionDesc")
        sub(rev, "change", f"Edition generated by edition {__version__} from the raw scan "
                           f"{ed.scan.name} (read as {ed.scan.encoding}, pages split by "
                           f"{ed.scan.convention}): {len(ed.edits)} recorded edits.",
            when=edition_date())
        self.sessions(rev)

    def editors(self, stmt: etree._Element) -> None:
        """The people whose corrections the edition applies, each with the xml:id their
        corrections point to (corr/@resp, fw/@resp, pb/@resp, change/@who)."""
        applied = self.ed.corrections
        if applied is None or not applied.editors:
            return
        resp = sub(stmt, "respStmt")
        sub(resp, "resp", f"corrections of the text ({applied.corrections.name}), applied after "
                          "the rules")
        for name, ident in applied.editors.items():
            sub(resp, "name", name, xml_id=ident)

    def corrections_bibl(self, parent: etree._Element) -> None:
        """The corrections file the edition applies: its name, sha256 (`edition diff` checks it)
        and what became of its corrections."""
        applied = self.ed.corrections
        if applied is None:
            return
        bibl = sub(parent, "bibl", type="corrections")
        sub(bibl, "title", applied.corrections.name)
        sub(bibl, "idno", applied.corrections.sha256, type="sha256")
        sub(bibl, "extent", _outcomes(applied.outcomes))

    def sessions(self, rev: etree._Element) -> None:
        """One change per correction session (one editor, one time), oldest first."""
        applied = self.ed.corrections
        if applied is None:
            return
        for by, when, outcomes in applied.sessions():
            kinds: dict[str, int] = {}
            for o in outcomes:
                kinds[o.correction.kind] = kinds.get(o.correction.kind, 0) + 1
            what = ", ".join(f"{n} {kind}" for kind, n in kinds.items())
            sub(rev, "change", f"Corrections by {by} ({what}): {_outcomes(outcomes)}.",
                when=when, who=f"#{applied.editors[by]}")

    def languages(self) -> list[tuple[str, str, int]]:
        """The languages of the text: the book's (detected on the whole scan) and those of
        passages in another, each with its share of the text's letters in whole percent
        (TEI language/@usage: the book's language has what the others leave, and each other
        at least 1), the book's first, then largest first."""
        main = self.ed.language
        letters: dict[str, int] = {}
        for block in self.ed.blocks():
            tag = block.lang or main.tag
            letters[tag] = letters.get(tag, 0) + sum(map(str.isalpha, block.text))
        total = sum(letters.values()) or 1
        others = {t: max(1, round(100 * n / total)) for t, n in letters.items() if t != main.tag}
        shares = {main.tag: max(1, 100 - sum(others.values())), **others}
        out = []
        for tag in sorted(shares, key=lambda t: (t != main.tag, -shares[t], t)):
            code = tag.partition("-")[0]
            out.append((tag, NAMES.get(code, main.name if tag == main.tag else code), shares[tag]))
        return out

    def subtitle(self) -> str:
        """What the edition is made from, in words: a book's scan, or an article's copy."""
        art = self.ed.article
        if art and art.list_name:
            return f"A digital edition of the article as posted to the {art.list_name} mailing list"
        if art:
            return "A digital edition of the article from its text"
        return ("A digital edition from the OCR scan of a library copy" if self.ed.copy
                else "A digital edition from an OCR scan")

    def publication(self, file_desc: etree._Element) -> None:
        """Who publishes the edition (as configured; otherwise the toolkit as the authority
        that made it available), when, its identifier, and what is known of its availability:
        the printed source's rights are not asserted, and no licence is implied."""
        ed = self.ed
        pub = sub(file_desc, "publicationStmt")
        if self.publisher:
            sub(pub, "publisher", self.publisher)
        else:
            sub(pub, "authority", f"edition {__version__} (no publisher named)")
        sub(pub, "date", edition_date(), when=edition_date())
        sub(pub, "idno", ed.scan.name, type="edition")
        availability = sub(pub, "availability", status="unknown")
        sub(availability, "p", "The copyright status of the printed source is not asserted by this "
                               "edition, and no licence is granted by it; check the source's "
                               "status where you use it.")
        notice = self.rights_notice()
        if notice:
            sub(availability, "p", notice)

    def rights_notice(self) -> str:
        """What the scan itself says of the book's rights (a digitiser's notice naming the
        public domain or rights), quoted with its scan page; "" when it says nothing."""
        for page, text in self.ed.copy.notices:
            if RIGHTS.search(text):
                return f"The scan's digitisation notice (scan page {page + 1}) says: \"{text}\""
        return ""

    def bibl(self, parent: etree._Element, title: str, author: str) -> None:
        """The printed source as a structured bibliographic record; as a plain <bibl> when the
        preliminary pages give no imprint at all (biblStruct's imprint cannot be empty, and a
        placeholder would say what nobody read)."""
        src = self.ed.source
        if not (src.place or src.publisher or src.year or src.printer):
            bibl = sub(parent, "bibl", type="source")
            if author:
                sub(bibl, "author", author)
            if src.editor:
                sub(bibl, "editor", title_case(src.editor))
            sub(bibl, "title", title, level="m")
            if src.edition:
                sub(bibl, "edition", src.edition)
            return
        monogr = sub(sub(parent, "biblStruct", type="source"), "monogr")
        if author:
            sub(monogr, "author", author)
        if src.editor:
            sub(monogr, "editor", title_case(src.editor))
        sub(monogr, "title", title, level="m")
        if src.edition:
            sub(monogr, "edition", src.edition)
        imprint = sub(monogr, "imprint")
        if src.place:
            sub(imprint, "pubPlace", title_case(src.place))
        if src.publisher:
            sub(imprint, "publisher", title_case(src.publisher))
        if src.year:
            date = sub(imprint, "date", src.year, when=src.year)
            if src.year_cert:
                date.set("cert", src.year_cert)
        if src.printer:
            resp = sub(imprint, "respStmt")
            sub(resp, "resp", "printer")
            org = sub(resp, "orgName", title_case(src.printer))
            if src.printer_place:
                add_text(org, ", ")
                sub(org, "placeName", title_case(src.printer_place))

    def article_bibl(self, parent: etree._Element, title: str, author: str) -> None:
        """An article: its journal, issue and date; a review's book as a related item; the
        list post this copy comes from."""
        art = self.ed.article
        struct = sub(parent, "biblStruct", type="article")
        analytic = sub(struct, "analytic")
        if author:
            sub(analytic, "author", author)
        sub(analytic, "title", title, level="a")
        monogr = sub(struct, "monogr")
        sub(monogr, "title", art.journal, level="j")
        imprint = sub(monogr, "imprint")
        if art.volume:
            sub(imprint, "biblScope", art.volume, unit="volume")
        if art.issue:
            sub(imprint, "biblScope", art.issue, unit="issue")
        if art.date_iso:
            sub(imprint, "date", art.date, when=art.date_iso)
        elif art.date:
            sub(imprint, "date", art.date)
        if art.reviewed:
            book = art.reviewed
            related = sub(struct, "relatedItem", type="reviewed")
            rmonogr = sub(sub(related, "biblStruct"), "monogr")
            sub(rmonogr, "author", book.author)
            sub(rmonogr, "title", book.title, level="m")
            if book.isbn:
                sub(rmonogr, "idno", book.isbn, type="ISBN")
            rimprint = sub(rmonogr, "imprint")
            if book.publisher:
                sub(rimprint, "publisher", book.publisher)
            year = art.date_iso[:4]
            if year and book.month:
                sub(rimprint, "date", f"{book.month} {year}", when=_month_iso(book.month, year))
            elif year:
                sub(rimprint, "date", year, when=year)
            if book.pages:
                sub(rmonogr, "extent", E("measure", f"{book.pages} pp", unit="pages",
                                         quantity=book.pages))
            if book.price:
                sub(rmonogr.getparent(), "note", book.price, type="price")
        if art.list_name:
            post = sub(parent, "bibl", type="repost")
            sub(post, "title", f"[{art.list_name}] {art.subject}")
            resp = sub(post, "respStmt")
            sub(resp, "resp", f"posted to the {art.list_name} mailing list by")
            sub(resp, "name", art.poster)
            if art.posted_iso:
                sub(post, "date", art.posted, when=art.posted_iso)

    def ms_desc(self, parent: etree._Element) -> None:
        """The library copy: its holder, identifiers, stamps and accession."""
        copy = self.ed.copy
        ms = sub(parent, "msDesc", type="copy")
        ident = sub(ms, "msIdentifier")
        if copy.institution:
            sub(ident, "institution", title_case(" ".join(copy.institution)))
        if copy.repository:
            sub(ident, "repository", title_case(" ".join(copy.repository)))
        for kind, value in copy.idnos:
            sub(ident, "idno", value, type=kind)
        phys = sub(ms, "physDesc")
        additions = sub(phys, "additions")
        p = sub(additions, "p", "Library stamps, bookplates, shelf marks, loan slips and storage "
                                "labels on the copy, as the OCR read them (removed from the "
                                "text):")
        lst = sub(p, "list")
        for page, text in copy.stamps:
            sub(lst, "item", text, n=self.page_label(page))
        if copy.accession_date is not None:
            date = copy.accession_date
            acq = sub(sub(ms, "history"), "acquisition")
            accession = [v for k, v in copy.idnos if k == "accession"]
            if any(c.isalpha() for c in date.text) and not accession:
                # a date stamped with its month's name: most often the day the copy came in
                sub(acq, "p", "A date stamped on the preliminary leaves, most likely the day "
                              "the library received the copy: ",
                    E("date", date.text, when=date.iso, cert=date.cert), ".")
            else:
                sub(acq, "p", f"Accessioned{' as no. ' + accession[0] if accession else ''} "
                              "on ", E("date", date.text, when=date.iso, cert=date.cert), ".")

    def page_label(self, page: int) -> str:
        """How the header names a scanned page: its printed number, or its scan sequence."""
        n = self.ed.pagination.n(page)
        return f"p. {n}" if n is not None else f"scan {page + 1}"

    def encoding(self, header: etree._Element) -> None:
        """How the edition treated the scan: what was removed, joined, corrected and inferred."""
        ed = self.ed
        enc = sub(header, "encodingDesc")
        sub(sub(enc, "projectDesc"), "p",
            "A reading edition of a library's OCR scan, made by named rules: every character "
            "removed or changed is recorded with its rule and raw offsets by the toolkit.")
        decl = sub(enc, "editorialDecl")
        rules = ed.edits_by_rule()
        counts = "; ".join(
            f"{len(v)} × {RULE_TITLES.get(k, k)}" for k, v in sorted(rules.items())
        )
        editors = ""
        if ed.corrections is not None:
            editors = (f" An editor's corrections ({ed.corrections.corrections.name}) are applied "
                       "after the rules and recorded as edits of the rule editor: corrected text "
                       "as choice with sic (the scan's) and corr (resp: who corrected it), page "
                       "furniture the editor took out of the text as fw, printed page numbers "
                       "the editor gave as pb with resp.")
        fixes = [what for rule, what in (
            ("stray-mark", "stray marks removed"),
            ("mixed-script", "words mixing Latin and Cyrillic letters read as Latin (choice "
                             "with sic and corr)"),
            ("long-s", "the long s the OCR read as f restored (choice with orig and reg)"),
            ("split-word", "words the OCR split over two lines without a hyphen rejoined"),
        ) if rule in rules]
        sub(sub(decl, "correction", method="markup"), "p",
            "OCR slips corrected only where a rule makes the fix unambiguous"
            + (": " + "; ".join(fixes) if fixes else ": none was needed") + "."
            + editors + " Recorded edits: " + (counts or "none") + ".")
        sub(sub(decl, "hyphenation", eol="hard"), "p",
            "A word broken across a page is rejoined (pb with break=\"no\"; rend=\"hyphen\" where "
            "a soft hyphen was removed), decided by the book's own spellings, then a word-frequency "
            "lexicon, then affix rules; true compounds keep their hyphen.")
        folios = ed.pagination.folios
        read = sum(1 for f in folios if f.how == "anchor")
        inferred = sum(1 for f in folios if f.how == "inferred")
        uncertain = sum(1 for f in folios if f.how == "uncertain")
        sub(sub(decl, "interpretation"), "p",
            "Running headers are found by their recurrence on nearby pages and kept as fw after "
            "each page milestone. Printed page numbers (pb n) are read on the page or from the "
            "contents and inferred along the page sequence between them: "
            f"{read} read, {inferred} inferred (pb cert=\"high\": every reading of the sequence "
            f"agrees), {uncertain} uncertain (cert=\"low\"). Printed pages missing from the scan "
            "(the numbers skip where the text does not run on) are marked pb type=\"unscanned\"; "
            "preliminary pages with no printed number have none.")
        sub(sub(decl, "normalization"), "p",
            "The OCR pipeline's markup (heading marks, asterisks for italics, superscript note "
            "markers, backslash escapes) is read as structure; paragraphs continued across page "
            "breaks are rejoined. Ligature characters are read as their letters, decomposed "
            "accents as composed ones (Unicode NFC) and soft hyphens inside words are dropped, "
            "each shown as choice with orig (the scan's) and reg (the reading text's); "
            + (long_s_policy(ed) if ed.long_s.on else "the long s is kept as printed."))
        if not ed.scan.decoding.plain:
            sub(sub(decl, "normalization", source="#scan-decoding"), "p",
                "Before any rule, the scan file's bytes were read as text and its characters "
                "normalised, each change recorded so that the file can be rebuilt: "
                + describe(ed.scan.decoding))
        app = sub(sub(enc, "appInfo"), "application", ident="edition", version=__version__)
        sub(app, "label", "edition")


def _outcomes(outcomes: list) -> str:  # list of edition.corrections.apply.Outcome
    """What became of some corrections, in words: "20 corrections: 18 applied, 2 stale"."""
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    words = {"applied": "applied", "confirmed": "confirmed", "stale": "not applied (stale)",
             "redundant": "redundant (a rule makes them)"}
    parts = [f"{counts[k]} {words[k]}" for k in words if counts.get(k)]
    total = len(outcomes)
    return f"{total} correction{'s' if total != 1 else ''}" + (": " + ", ".join(parts) if parts else "")
