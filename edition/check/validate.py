"""Validate TEI files: TEI P5 tei_all validity plus the edition's own rules, safely and fast.

Safety: input is untrusted. A document with a DOCTYPE is refused before it is
parsed (no DTD, no entity expansion, no network, no huge trees), so external
entities are never read and entity bombs never expand.

Speed: compiling all of tei_all with libxml2 takes seconds. A document can
only use the element patterns whose names it contains, so every other named
element pattern is replaced by <notAllowed/> and unreachable definitions are
dropped; the pruned grammar compiles in milliseconds and gives exactly
tei_all's verdict (a valid derivation under tei_all uses no pattern that was
pruned, and pruning only ever removes possibilities). The pruned grammar is
then simplified here, by RELAX NG's own rules, rather than left to libxml2,
whose simplifier can corrupt its own data on such grammars (see `_hoist`).

Codes: TEI0xx reading and safety, TEI1xx schema, ED1xx the edition's rules.
A file can silence codes with a processing instruction in it,
`<?edition-validate ignore="ED105 ED106"?>`.
"""

from __future__ import annotations

import copy
import hashlib
import multiprocessing
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from edition.check.schema import SHA256, TEI_VERSION, cache_dir, tei_all
from edition.errors import SchemaError, SourceError
from edition.numbering import roman_to_int

#: Every problem code `validate_file` reports, and what it means.
CODES: dict[str, str] = {
    "TEI001": "DOCTYPE refused (no DTDs, entities or network, ever)",
    "TEI002": "not well-formed XML",
    "TEI003": "file too large",
    "TEI100": "not valid against tei_all",
    "TEI101": "not a TEI element",
    "ED101": "duplicate xml:id",
    "ED102": "dangling #pointer",
    "ED103": "break not yes/no/maybe",
    "ED104": "pb@n repeated",
    "ED105": "pb@n out of printed order",
    "ED106": "page furniture or a page marker left in the text",
    "ED107": "empty <p>",
    "ED108": "no source description",
    "ED109": "no encoding decisions",
}

TEI_NS = "http://www.tei-c.org/ns/1.0"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
T = f"{{{TEI_NS}}}"
R = f"{{{RNG_NS}}}"
#: Values the edition accepts for @break (TEI suggests them; the schema accepts any token).
BREAK_VALUES = frozenset({"yes", "no", "maybe"})
#: Attributes whose values are pointers that must resolve when they are local (#id).
POINTER_ATTRS = ("target", "corresp", "ref", "facs", "sameAs", "copyOf", "next", "prev",
                 "who", "resp", "source", "rendition", "hand", "ana", "edRef")
#: The processing instruction that silences codes in one file.
IGNORE_PI = "edition-validate"
#: A paragraph that is only this is a page number left in the text.
BARE_NUMBER = re.compile(r"\d{1,4}|[ivxlcdm]{1,8}", re.I)
#: A scan's page marker left in the text: "<page 12>" (HathiTrust collectors) or
#: "-----File: 001.png-----" (Distributed Proofreaders).
PAGE_MARKER = re.compile(r"<page\s+\d+>|-{3,}\s*File:\s*\S+?\s*-{3,}")
#: Running headers this long or longer, in capitals, are looked for inside paragraphs.
MIN_HEADER_CHARS = 8
#: A paragraph longer than this is never a header or heading left as text.
MAX_HEADER_CHARS = 120
#: Largest input accepted (bytes); larger files are refused rather than parsed.
MAX_BYTES = 256 * 1024 * 1024
#: XML prolog items allowed before the root element: declaration, PIs, comments, whitespace.
_PROLOG_ITEM = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.S)


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: where, its stable code, and a message for a person."""

    file: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.code} {self.message}"


def _parser() -> etree.XMLParser:
    """A parser for untrusted input: no DTD, no entities, no network, no huge trees."""
    return etree.XMLParser(load_dtd=False, dtd_validation=False, resolve_entities=False,
                           no_network=True, huge_tree=False, remove_comments=False,
                           collect_ids=False)


def has_doctype(data: bytes) -> bool:
    """True when the prolog (before the root element) holds a document type declaration."""
    pos = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    while True:
        m = _PROLOG_ITEM.match(data, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    return data.startswith(b"<!DOCTYPE", pos)


def parse(data: bytes, name: str) -> tuple[etree._ElementTree | None, list[Problem]]:
    """Parse untrusted bytes, refusing a DOCTYPE; the tree, or the problems that stopped it."""
    if has_doctype(data):
        return None, [Problem(name, 1, "TEI001", "document has a DOCTYPE; DTDs and entities "
                                                 "are refused for safety (TEI needs neither)")]
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as err:
        line = err.lineno or 1
        return None, [Problem(name, line, "TEI002", f"not well-formed XML: {err.msg}")]
    return tree, []


def load_tei(path: Path, what: str = "a TEI edition") -> etree._Element:
    """The root element of the TEI document at `path` (`-` reads standard input).

    Raises SourceError (one line, exit 2 at the command line) for a file that cannot be
    read, is not well-formed XML, or is XML but not TEI (an HTML page, ALTO, another
    format); `what` names what the caller needed, for the message.
    """
    if str(path) == "-":
        import sys

        data = sys.stdin.buffer.read()
    else:
        try:
            data = path.read_bytes()
        except OSError as err:
            raise SourceError(f"{path}: cannot read ({err.strerror or err})") from None
    tree, problems = parse(data, str(path))
    if tree is None:
        raise SourceError(f"{path}: not {what} ({problems[0].message})")
    root = tree.getroot()
    if root.tag not in (T + "TEI", T + "teiCorpus"):
        tag = etree.QName(root).localname if isinstance(root.tag, str) else "?"
        raise SourceError(f"{path}: not {what} (its root element is <{tag}>, not <TEI> in the "
                          "TEI namespace)")
    return root


def looks_like_tei(path: Path) -> bool:
    """True when the file at `path` evidently is a TEI document (an XML prolog or element in
    its first 4 KB naming the TEI namespace); False when it cannot be read."""
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"<") and TEI_NS.encode() in head


# --- schema ---------------------------------------------------------------------


@lru_cache(maxsize=2)
def _grammar(path: str) -> etree._ElementTree:
    """The parsed RELAX NG grammar (tei_all, or the one `--schema` names; parsed once per
    process). Raises SchemaError for a file that cannot be read or is not a RELAX NG grammar."""
    try:
        tree = etree.parse(path, _parser())
    except OSError as err:
        raise SchemaError(f"{path}: cannot read the schema ({err})") from None
    except etree.XMLSyntaxError as err:
        raise SchemaError(f"{path}:{err.lineno or 1}: not a RELAX NG schema (not well-formed "
                          f"XML: {err.msg})") from None
    if tree.getroot().tag != R + "grammar" and not str(tree.getroot().tag).startswith(R):
        raise SchemaError(f"{path}: not a RELAX NG schema (its root is "
                          f"<{etree.QName(tree.getroot()).localname}>)")
    return tree


@lru_cache(maxsize=2)
def _schema_names(path: str) -> frozenset[tuple[str, str]]:
    """Every element name tei_all defines."""
    return frozenset(
        name for el in _grammar(path).getroot().iter(R + "element")
        if (name := _pattern_name(el)) is not None
    )


def _pattern_name(el: etree._Element) -> tuple[str, str] | None:
    """The (namespace, local name) an element pattern matches, or None for a name class."""
    name = el.get("name")
    if name is None:
        return None
    if ":" in name:
        prefix, local = name.split(":", 1)
        return el.nsmap.get(prefix, ""), local
    node: etree._Element | None = el
    while node is not None:
        if node.get("ns") is not None:
            return node.get("ns") or "", name.strip()
        node = node.getparent()
    return "", name.strip()


#: RELAX NG elements that are patterns (the rest are name classes, parameters, annotations).
PATTERNS = frozenset({
    "element", "attribute", "group", "interleave", "choice", "optional", "zeroOrMore",
    "oneOrMore", "list", "mixed", "ref", "parentRef", "empty", "text", "value", "data",
    "notAllowed", "externalRef", "grammar",
})
#: Patterns that match nothing as soon as one of their parts matches nothing.
ALL_OF = frozenset({"group", "interleave", "oneOrMore", "mixed", "list", "element", "attribute"})


_KINDS = {R + k: k for k in PATTERNS}


def _kind(el: etree._Element) -> str | None:
    """The RELAX NG pattern an element is, or None for anything else."""
    return _KINDS.get(el.tag)


def _parts(el: etree._Element) -> list[etree._Element]:
    """The sub-patterns of a pattern (an unnamed element's or attribute's name class excluded)."""
    kids = [c for c in el if _kind(c)]
    if el.get("name") is None and _kind(el) in ("element", "attribute") and len(el):
        first = next((c for c in el if isinstance(c.tag, str)), None)
        kids = [c for c in kids if c is not first]
    return kids


def _replace(el: etree._Element, kind: str) -> etree._Element:
    """Put an empty pattern of `kind` (notAllowed or empty) in the place of `el`."""
    stub = etree.Element(R + kind)
    stub.tail = el.tail
    el.getparent().replace(el, stub)
    return stub


def _hoist(el: etree._Element, child: etree._Element) -> etree._Element:
    """Put a pattern's only sub-pattern in its place (RELAX NG simplification, section 4.12).

    libxml2 before 2.15 (lxml's wheels bundle 2.14) does this itself while simplifying, by
    splicing its linked lists of definitions in place. When the group is the content of a
    recursive element (listPerson may hold listPerson) that element is simplified a second
    time, re-entrantly, while the first pass still holds the group's old `next` link; the
    attribute references then get linked into a cycle and compiling the schema never ends
    (libxml2 commit bb7169b5, "Fix relaxng is parsed to an infinite attrs->next loop"). Pruning
    makes such groups (listPerson's group loses its optional head, desc and relation parts);
    hoisted here, libxml2 has nothing to splice.
    """
    child.tail = el.tail
    el.getparent().replace(el, child)
    return child


def _drop_empty(el: etree._Element, parts: list[etree._Element]) -> None:
    """Remove <empty/> parts of a sequence that has other parts."""
    empties = [c for c in parts if _kind(c) == "empty"]
    if empties and len(empties) < len(parts):
        for c in empties:
            el.remove(c)


def _reachable(grammar: etree._ElementTree, names: set[tuple[str, str]]) -> etree._ElementTree:
    """A copy of the grammar's start and of the definitions it can reach without entering an
    element pattern for a name not in `names` (the rest could only be reached through
    patterns that pruning makes notAllowed): a tenth of tei_all for a typical edition, so the
    pruning that follows has that much less to copy and to analyse."""
    root = grammar.getroot()
    defines: dict[str, list[etree._Element]] = {}
    for d in root.iter(R + "define"):
        defines.setdefault(d.get("name"), []).append(d)
    reached: set[str] = set()
    stack = list(root.iterchildren(R + "start"))
    while stack:
        for child in stack.pop().iterchildren(R + "*"):
            if child.tag == R + "ref":
                name = child.get("name")
                if name not in reached:
                    reached.add(name)
                    stack.extend(defines.get(name, ()))
            elif child.tag != R + "element" or (
                (name := _pattern_name(child)) is None or name in names
            ):
                stack.append(child)
    copied = etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap)
    for child in root.iterchildren(R + "start", R + "define"):
        if child.tag == R + "start" or child.get("name") in reached:
            copied.append(copy.deepcopy(child))
    return etree.ElementTree(copied)


def prune(grammar: etree._ElementTree, names: set[tuple[str, str]]) -> etree._ElementTree:
    """tei_all reduced to what a document with these element names can use.

    Element patterns for other names become notAllowed; notAllowed is then
    simplified away as RELAX NG's own simplification rules say (a choice drops
    it, a group containing it is notAllowed, an optional one is empty), so that
    libxml2 can compile the small grammar that is left into fast automata.
    """
    tree = _reachable(grammar, names)
    root = tree.getroot()
    for el in list(root.iter(R + "element")):
        name = _pattern_name(el)
        if name is not None and name not in names:
            _replace(el, "notAllowed")
    defines: dict[str, list[etree._Element]] = {}
    users: dict[str, set[str]] = {}
    for d in root.iter(R + "define"):
        defines.setdefault(d.get("name"), []).append(d)
        for ref in d.iter(R + "ref"):
            users.setdefault(ref.get("name"), set()).add(d.get("name"))
    dead: set[str] = set()

    def na(el: etree._Element) -> bool:
        kind = _kind(el)
        if kind == "notAllowed":
            return True
        if kind == "ref":
            return el.get("name") in dead
        if kind == "choice":
            return all(na(c) for c in _parts(el))
        if kind in ALL_OF:
            return any(na(c) for c in _parts(el))
        return False

    def define_na(name: str) -> bool:
        bodies = [any(na(c) for c in _parts(d)) for d in defines.get(name, [])]
        if not bodies:
            return False
        combine = {d.get("combine") for d in defines[name]}
        return all(bodies) if "choice" in combine else any(bodies)

    work = list(defines)
    while work:
        name = work.pop()
        if name not in dead and define_na(name):
            dead.add(name)
            work.extend(users.get(name, ()))

    def rewrite(el: etree._Element) -> etree._Element:
        for child in _parts(el):
            rewrite(child)
        kind = _kind(el)
        parts = _parts(el)
        if kind == "ref" and el.get("name") in dead:
            return _replace(el, "notAllowed")
        if kind == "choice":
            alive = [c for c in parts if _kind(c) != "notAllowed"]
            if not alive:
                return _replace(el, "notAllowed")
            for c in parts:
                if c not in alive:
                    el.remove(c)
            if len(alive) == 1 and len(el) == 1:
                alive[0].tail = el.tail
                el.getparent().replace(el, alive[0])
                return alive[0]
        elif kind in ALL_OF and any(_kind(c) == "notAllowed" for c in parts):
            return _replace(el, "notAllowed")
        elif kind in ("optional", "zeroOrMore") and parts and (
            any(_kind(c) == "notAllowed" for c in parts) or all(_kind(c) == "empty" for c in parts)
        ):
            # optional(p) is choice(p, empty) and zeroOrMore(p) is optional(oneOrMore(p)): with p
            # notAllowed both are empty (libxml2 would make them notAllowed instead)
            return _replace(el, "empty")
        elif kind in ALL_OF:
            # group(p, empty) is p: libxml2 mis-compiles an <empty/> left inside a sequence
            if kind in ("group", "interleave", "oneOrMore") and parts and all(
                _kind(c) == "empty" for c in parts
            ):
                return _replace(el, "empty")
            _drop_empty(el, parts)
            rest = _parts(el)
            if kind in ("group", "interleave") and len(rest) == 1:
                # group(p) is p. Left to libxml2, this splice corrupts its definition lists when
                # the group is the content of a recursive element (see _hoist)
                return _hoist(el, rest[0])
        return el

    reached: set[str] = set()
    stack: list[etree._Element] = list(root.findall(R + "start"))
    while stack:
        node = stack.pop()
        for part in _parts(node):
            rewrite(part)
        _drop_empty(node, _parts(node))
        for ref in node.iter(R + "ref"):
            name = ref.get("name")
            if name not in reached and name not in dead:
                reached.add(name)
                stack.extend(defines.get(name, []))
    for name, ds in defines.items():
        if name not in reached:
            for d in ds:
                root.remove(d)
    return tree


def _attribute_value(tree: etree._ElementTree, line: int, element: str, attr: str) -> str | None:
    """The value of `attr` on the element named `element` that starts on `line`, if found."""
    names = [attr, f"{{http://www.w3.org/XML/1998/namespace}}{attr}"]
    for el in tree.iter():
        if isinstance(el.tag, str) and el.sourceline == line and etree.QName(el).localname == element:
            for key in names:
                if el.get(key) is not None:
                    return el.get(key)
    return None


def _friendly(message: str, tree: etree._ElementTree, line: int) -> str:
    """libxml2's RELAX NG message in words a person can act on."""
    if m := re.match(r"Did not expect element (\S+) there", message):
        return f"element <{m[1]}> is not allowed here"
    if m := re.match(r"Invalid attribute (\S+) for element (\S+)", message):
        value = _attribute_value(tree, line, m[2], m[1])
        if m[1] == "id":
            return f"xml:id={value!r} on <{m[2]}> is not a unique, well-formed identifier"
        if value is not None:
            return (f"attribute {m[1]}={value!r} on <{m[2]}>: not allowed on this element, "
                    "or the value is not of the form TEI requires")
        return f"attribute {m[1]} is not allowed on <{m[2]}>"
    if m := re.match(r"Expecting element (\S+), got (\S+)", message):
        return f"expected <{m[1]}> here, found <{m[2]}>"
    if m := re.match(r"Expecting an element (\S+), got nothing", message):
        return f"<{m[1]}> is required here but missing"
    if m := re.match(r"Element (\S+) failed to validate (?:attributes|content)", message):
        return (f"the content or attributes of <{m[1]}> do not match what TEI allows there "
                "(a required child missing, or one out of place)")
    if m := re.match(r"Element (\S+) has extra content: (\S+)", message):
        return f"<{m[1]}> has content TEI does not allow there ({m[2]})"
    return message.rstrip(".")


#: The revision of `prune`'s output, part of the cache key: raise it whenever `prune` changes
#: what it writes, so grammars pruned by an earlier version are never read again.
#: 2: single-child groups hoisted (grammars of revision 1 could hang libxml2).
PRUNE_REVISION = 2


def _cached_prune(path: str, grammar: etree._ElementTree,
                  names: set[tuple[str, str]]) -> etree._ElementTree:
    """The pruned grammar for these names, from the user's cache when it was made before."""
    listed = "\n".join(sorted(f"{ns} {local}" for ns, local in names))
    key = hashlib.sha256(f"{SHA256}\n{PRUNE_REVISION}\n{listed}".encode()).hexdigest()[:32]
    cached = cache_dir() / "pruned" / f"{key}.rng"
    if not path.endswith(f"tei_all-{TEI_VERSION}.rng"):
        return prune(grammar, names)  # another grammar (--schema) is never cached as tei_all's
    try:
        return etree.parse(str(cached), _parser())
    except (OSError, etree.XMLSyntaxError):
        pass
    pruned = prune(grammar, names)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(etree.tostring(pruned))
        os.replace(tmp, cached)
    except OSError:
        pass  # a cache that cannot be written only costs time
    return pruned


#: Seconds libxml2 may take to compile and check a reduced grammar: a safety net only. The
#: reduced grammars that used to hang it (a listPerson of person entries: see `_hoist`) now
#: compile in milliseconds; should another libxml2 defect hang on some grammar, all of
#: tei_all is used instead, which is slow (seconds) but always finishes.
FAST_TIMEOUT = 5.0


def _guarded(grammar: etree._ElementTree, tree: etree._ElementTree
             ) -> tuple[bool, list[tuple[int, str]]] | None:
    """Compile and run a grammar in a child process: (valid, errors), or None when it runs
    past FAST_TIMEOUT (the child is killed; nothing hangs)."""
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)

    def work() -> None:
        relaxng = etree.RelaxNG(grammar)
        valid = relaxng.validate(tree)
        send.send((valid, [(e.line, e.message) for e in relaxng.error_log]))

    child = ctx.Process(target=work, daemon=True)
    child.start()
    if receive.poll(FAST_TIMEOUT):
        result: tuple[bool, list[tuple[int, str]]] = receive.recv()
        child.join()
        return result
    child.kill()
    child.join()
    return None


@lru_cache(maxsize=1)
def _full(path: str) -> etree.RelaxNG:
    """All of tei_all, compiled (seconds: the fallback only)."""
    return etree.RelaxNG(_grammar(path))


def _slow_log(grammar: etree._ElementTree, tree: etree._ElementTree,
              names: set[tuple[str, str]]) -> list[tuple[int, str]] | None:
    """Errors from the unsimplified pruned grammar (interpretive, slower); None when valid."""
    slow = copy.deepcopy(grammar)
    for el in list(slow.getroot().iter(R + "element")):
        name = _pattern_name(el)
        if name is not None and name not in names:
            _replace(el, "notAllowed")
    relaxng = etree.RelaxNG(slow)
    if relaxng.validate(tree):
        return None
    return [(e.line, e.message) for e in relaxng.error_log] or [(1, "not valid against tei_all")]


def schema_problems(tree: etree._ElementTree, name: str, schema: Path | None) -> list[Problem]:
    """tei_all validity of a parsed document."""
    path = str(tei_all(schema))
    root = tree.getroot()
    elements = [el for el in tree.iter() if isinstance(el.tag, str)]
    qnames = [etree.QName(el) for el in elements]
    if not any(q.namespace == TEI_NS for q in qnames):
        where = f"namespace {qnames[0].namespace}" if qnames[0].namespace else "no namespace"
        return [
            Problem(name, root.sourceline or 1, "TEI101",
                    f"<{qnames[0].localname}> and all {len(elements) - 1} elements under it are "
                    f"in {where}; TEI elements belong to {TEI_NS}"),
            Problem(name, root.sourceline or 1, "TEI100",
                    "not a TEI document: its root must be <TEI> or <teiCorpus> in the TEI namespace"),
        ]
    known = _schema_names(path)
    names = {(q.namespace or "", q.localname) for q in qnames}
    problems: list[Problem] = []
    for el, qn in zip(elements, qnames, strict=True):
        if (qn.namespace or "", qn.localname) not in known:
            where = f"in namespace {qn.namespace}" if qn.namespace else "in no namespace"
            problems.append(Problem(name, el.sourceline or 1, "TEI101",
                                    f"<{qn.localname}> {where} is not a TEI element"))
    grammar = _grammar(path)
    pruned = _cached_prune(path, grammar, names)
    start = pruned.getroot().find(R + "start")
    if start is not None and all(_kind(c) == "notAllowed" for c in _parts(start)):
        # Nothing can be valid: an element the document needs (a required child) is absent.
        log = _slow_log(grammar, tree, names) or [(1, "not valid against tei_all")]
    else:
        fast = _guarded(pruned, tree)
        if fast is None:
            # libxml2 did not finish on this reduced grammar: use all of tei_all
            full = _full(path)
            if full.validate(tree):
                return problems
            log = [(e.line, e.message) for e in full.error_log] or [(1, "not valid")]
        else:
            valid, fast_log = fast
            if valid:
                return problems
            # Confirm with libxml2's interpretive validator on the unsimplified grammar: an
            # "invalid" is only reported when both agree, so a quirk of libxml2's compiled
            # automata can never fail a valid document (valid documents stay on the fast path).
            slow = _slow_log(grammar, tree, names)
            if slow is None:
                return problems
            log = fast_log or slow
    specific = [(ln, m) for ln, m in log if "failed to validate content" not in m]
    seen: set[tuple[int, str]] = set()
    for line, message in specific or log[:1]:
        text = _friendly(message, tree, line)
        if (line, text) not in seen:
            seen.add((line, text))
            problems.append(Problem(name, line or 1, "TEI100", text))
    if not seen:  # pragma: no cover - libxml2 logs a reason on one path or the other
        problems.append(Problem(name, 1, "TEI100", "not valid against tei_all"))
    return problems


# --- the edition's own rules --------------------------------------------------------


def _text_of(el: etree._Element) -> str:
    """An element's own reading text: without <fw>, <note> or milestones."""
    out = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in (T + "fw", T + "note"):
            out.append(_text_of(child))
        out.append(child.tail or "")
    return "".join(out)


def _page_value(n: str) -> tuple[str, int] | None:
    """A printed page label as (system, value): Arabic or Roman, or None."""
    n = n.strip().strip("[]")
    if n.isdigit():
        return "arabic", int(n)
    value = roman_to_int(n)
    return ("roman", value) if value else None


def edition_problems(tree: etree._ElementTree, name: str) -> list[Problem]:
    """The edition's own rules, which schema validation cannot check."""
    problems: list[Problem] = []
    root = tree.getroot()

    def add(el: etree._Element, code: str, message: str) -> None:
        problems.append(Problem(name, el.sourceline or 1, code, message))

    ids: dict[str, etree._Element] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        value = el.get(XML_ID)
        if value is None:
            continue
        if value in ids:
            add(el, "ED101", f"xml:id {value!r} is used twice (first on line {ids[value].sourceline})")
        else:
            ids[value] = el
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in POINTER_ATTRS:
            for pointer in (el.get(attr) or "").split():
                if pointer.startswith("#") and pointer[1:] not in ids:
                    add(el, "ED102", f"{attr}={pointer!r} on <{etree.QName(el).localname}> "
                                     "points to no xml:id in this file")
        brk = el.get("break")
        if brk is not None and brk not in BREAK_VALUES:
            add(el, "ED103", f"break={brk!r}: use yes, no or maybe")
    _page_rules(root, add)
    _text_rules(root, add)
    _header_rules(root, add)
    return problems


def _page_rules(root: etree._Element, add) -> None:  # noqa: ANN001
    """pb@n unique, and in printed order within each numbering system."""
    seen: dict[str, int] = {}
    last: dict[str, tuple[int, str]] = {}
    for pb in root.iter(T + "pb"):
        n = pb.get("n")
        if n is None or pb.get("ed"):
            continue
        if n in seen:
            add(pb, "ED104", f"pb n={n!r} occurs twice (first on line {seen[n]})")
            continue
        seen[n] = pb.sourceline or 1
        value = _page_value(n)
        if value is None:
            continue
        system, number = value
        if system in last and number <= last[system][0]:
            add(pb, "ED105", f"pb n={n!r} comes after page {last[system][1]}: pages out of order")
        last[system] = (number, n)


def _at_page_edge(p: etree._Element) -> bool:
    """True for a paragraph right after a page's milestone (or its furniture) or right before one."""
    before, after = p.getprevious(), p.getnext()
    return (before is not None and before.tag in (T + "pb", T + "fw")) or (
        after is not None and after.tag == T + "pb")


def _left_inside(header: str, text: str) -> bool:
    """True when a header's text stands inside running prose (lower case on either side)."""
    start = text.find(header)
    while start >= 0:
        before = text[:start].rstrip()
        after = text[start + len(header):].lstrip()
        if (after[:1].islower()) or (before and before.split()[-1][:1].islower()
                                     and not before.endswith((".", ":", ";"))):
            return True
        start = text.find(header, start + 1)
    return False


def _text_rules(root: etree._Element, add) -> None:  # noqa: ANN001
    """No empty paragraphs; no page furniture left as text."""
    furniture = {t for fw in root.iter(T + "fw") if (t := " ".join(_text_of(fw).split()))}
    inside = [f for f in furniture if len(f) >= MIN_HEADER_CHARS and f.isupper()]
    heads = {" ".join(_text_of(h).split()) for h in root.iter(T + "head")}
    for p in root.iter(T + "p"):
        text = " ".join(_text_of(p).split())
        if not text and not len(p):
            add(p, "ED107", "empty <p>")
        elif m := PAGE_MARKER.search(text):
            add(p, "ED106", f"the scan's page marker {m.group(0)!r} left in the text")
        elif BARE_NUMBER.fullmatch(text) and (_at_page_edge(p) or len(p.getparent()) <= 2):
            add(p, "ED106", f"paragraph {text!r} is a bare page number (page furniture)")
        elif len(text) < MAX_HEADER_CHARS and _at_page_edge(p) and (
            text in furniture or (text in heads and text.isupper())
        ):
            add(p, "ED106", f"paragraph {text[:60]!r} repeats a running header or heading")
        else:
            for header in inside:
                if header in text and _left_inside(header, text):
                    add(p, "ED106", f"running header {header!r} left inside a paragraph")
                    break


def _header_rules(root: etree._Element, add) -> None:  # noqa: ANN001
    """The teiHeader records the source and the encoding decisions."""
    header = root.find(T + "teiHeader")
    if header is None:
        return  # the schema reports a missing teiHeader
    source = header.find(f"{T}fileDesc/{T}sourceDesc")
    described = source is not None and any(
        child.tag in (T + "bibl", T + "biblStruct", T + "biblFull", T + "msDesc", T + "listBibl")
        for child in source
    )
    if not described:
        add(source if source is not None else header, "ED108",
            "teiHeader does not describe the source (no bibl, biblStruct or msDesc in sourceDesc)")
    decl = header.find(f"{T}encodingDesc/{T}editorialDecl")
    if decl is None or not len(decl):
        add(header, "ED109", "teiHeader does not record the encoding decisions (no editorialDecl)")


# --- a file -----------------------------------------------------------------------


def ignored_codes(tree: etree._ElementTree) -> set[str]:
    """Codes silenced in the file by <?edition-validate ignore="..."?>."""
    codes: set[str] = set()
    root = tree.getroot()
    nodes = list(root.itersiblings(preceding=True)) + list(root.iter(etree.ProcessingInstruction))
    for node in nodes:
        if isinstance(node, etree._ProcessingInstruction) and node.target == IGNORE_PI:
            codes.update(node.get("ignore", "").split())
    return codes


def validate_file(path: Path, schema: Path | None = None, ignore: set[str] | None = None) -> list[Problem]:
    """Every problem of one TEI file, sorted by line; an empty list means valid."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return [Problem(str(path), 1, "TEI003", f"file of {size:,} bytes is larger than "
                                                    f"the {MAX_BYTES:,} accepted")]
        data = path.read_bytes()
    except OSError as err:
        raise SourceError(f"{path}: cannot read ({err.strerror or err})") from None
    name = str(path)
    tree, problems = parse(data, name)
    if tree is None:
        return problems
    problems = schema_problems(tree, name, schema) + edition_problems(tree, name)
    silenced = ignored_codes(tree) | (ignore or set())
    return sorted((p for p in problems if p.code not in silenced), key=lambda p: (p.line, p.code))
