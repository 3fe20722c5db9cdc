"""Character normalisation of decoded text, every change recorded and reversible.

Three stages, in this order, each a pure function of the text before it:

1. `line-end`: CRLF and CR line ends read as LF. A file with one style
   throughout is recorded by its style alone; a file that mixes them records
   each CR and CRLF where it stood.
2. `mojibake`: UTF-8 text that was once decoded as Windows-1252 or Latin-1
   ("Ã©" for "é", "â€™" for "’") repaired by `ftfy`, only on lines where ftfy
   finds a plain encode/decode round trip that makes the line less strange.
3. `control-character` (C0/C1 controls other than tab, line feed and form
   feed, and the non-characters U+FFFE/U+FFFF: none may stand in a TEI
   document), `zero-width` (zero-width spaces, word joiners, a byte-order mark
   inside the text, and zero-width (non-)joiners between two Latin letters) are
   removed; `space` (tabs, no-break and other fixed-width spaces) become a
   plain space.

`restore()` undoes the stages, so the decoded file can always be rebuilt from
the normalised text and its record: nothing is lost.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import regex

from edition.model import CharFix, Decoding

#: Characters removed as controls: not text, and (most of them) not allowed in XML 1.0.
CONTROL = r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]"
#: Invisible characters removed as zero-width: they split words for no reader.
ZERO_WIDTH = r"[\u200b\u2060\ufeff\u180e]|(?<=\p{Latin})[\u200c\u200d](?=\p{Latin})"
#: Whitespace characters read as a plain space (same length, so offsets are kept).
SPACE = r"[\u00a0\u2000-\u200a\u202f\u205f]"

_CHARS = regex.compile(rf"(?P<control>{CONTROL})|(?P<zero>{ZERO_WIDTH})|(?P<space>{SPACE})")
#: Every character stage 3 may change, as one plain class: a text without any is passed over
#: at the speed of a character-class scan (the full pattern, with its look-behind, is slower).
_ANY_CHAR = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff\u200b-\u200d\u2060\ufeff\u180e"
    "\u00a0\u2000-\u200a\u202f\u205f]")
_RULES = {"control": "control-character", "zero": "zero-width", "space": "space"}
#: A carriage return, with the line feed that may follow it.
_CR = regex.compile(r"\r\n?")

#: A UTF-8 continuation byte (0x80-0xBF) as Windows-1252 or Latin-1 shows it.
_CONT = (r"[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
         r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
#: What UTF-8 read as Windows-1252 or Latin-1 leaves behind: a lead byte's letter (Â-ß for two
#: bytes, à-ï for three, ð-ô for four) followed by as many continuation characters. Only lines
#: holding one are shown to ftfy.
MOJIBAKE_HINT = regex.compile(
    rf"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}"
)
#: The lead characters of MOJIBAKE_HINT, found first by a plain class scan (fast).
_LEAD = re.compile("[\u00c2-\u00f4]")
#: ftfy repair plans accepted as certain: one re-encoding, then UTF-8; or ftfy's repair of
#: only those sequences that are UTF-8 bytes read one by one (a line mixing good text and
#: mojibake).
CERTAIN_PLANS = frozenset({
    (("apply", "decode_inconsistent_utf8"),),
    (("encode", "sloppy-windows-1252"), ("decode", "utf-8")),
    (("encode", "latin-1"), ("decode", "utf-8")),
    (("encode", "windows-1252"), ("decode", "utf-8")),
})


@dataclass(frozen=True, slots=True)
class Normalised:
    """Normalised text, its line-end style ("LF", "CRLF", "CR", "mixed") and every fix.

    `fixes` are in stage order; each fix's `at` is an offset in the text its own
    stage produced.
    """

    text: str
    newline: str
    fixes: tuple[CharFix, ...]


def line_ends(text: str) -> tuple[str, str, list[CharFix]]:
    """Stage 1: line ends as LF; the style found, and per-place fixes when styles mix."""
    if "\r" not in text:
        return text, "LF", []
    crlf = text.count("\r\n")
    if crlf == text.count("\r") == text.count("\n"):
        return text.replace("\r\n", "\n"), "CRLF", []
    if "\n" not in text:
        return text.replace("\r", "\n"), "CR", []
    text, fixes = _recorded_sub(_CR, text, lambda m: ("line-end", "\n"))
    return text, "mixed", fixes


def _recorded_sub(pattern: regex.Pattern[str], text: str,
                  fix_of: Callable[[regex.Match[str]], tuple[str, str]]) -> tuple[str, list[CharFix]]:
    """`pattern` replaced in `text` by what `fix_of` gives (rule, replacement), each replacement
    recorded at its offset in the new text."""
    fixes: list[CharFix] = []
    shift = 0

    def fix(m: regex.Match[str]) -> str:
        nonlocal shift
        rule, new = fix_of(m)
        fixes.append(CharFix(rule, m.start() - shift, m.group(), new))
        shift += len(m.group()) - len(new)
        return new

    return pattern.sub(fix, text), fixes


def _differences(before: str, after: str) -> list[tuple[int, str, str]]:
    """Where two versions of a line differ: offset in `after`, old text, new text."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [(j1, before[i1:i2], after[j1:j2])
            for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def mojibake(text: str) -> tuple[str, list[CharFix]]:
    """Stage 2: lines of UTF-8 read in a single-byte encoding, repaired where certain."""
    if not any(MOJIBAKE_HINT.match(text, m.start()) for m in _LEAD.finditer(text)):
        return text, []
    import ftfy  # loaded only for text that shows the pattern

    fixes: list[CharFix] = []
    out: list[str] = []
    pos = 0
    for line in text.split("\n"):
        if MOJIBAKE_HINT.search(line):
            fixed, plan = ftfy.fix_encoding_and_explain(line)
            steps = tuple((step[0], step[1]) for step in plan or [])
            if fixed != line and steps in CERTAIN_PLANS and "\ufffd" not in fixed:
                fixes += [CharFix("mojibake", pos + at, old, new)
                          for at, old, new in _differences(line, fixed)]
                line = fixed
        out.append(line)
        pos += len(line) + 1
    return "\n".join(out), fixes


def characters(text: str) -> tuple[str, list[CharFix]]:
    """Stage 3: controls and zero-width characters removed, odd spaces made plain."""
    if not _ANY_CHAR.search(text):
        return text, []

    def fix_of(m: regex.Match[str]) -> tuple[str, str]:
        rule = _RULES[m.lastgroup or "control"]
        return rule, " " if rule == "space" else ""

    return _recorded_sub(_CHARS, text, fix_of)


def normalise(text: str) -> Normalised:
    """All three stages over decoded text."""
    text, newline, ends = line_ends(text)
    text, repaired = mojibake(text)
    text, chars = characters(text)
    return Normalised(text, newline, (*ends, *repaired, *chars))


def _undo(text: str, fixes: list[CharFix]) -> str:
    """The text one stage was given, from its output and its fixes."""
    parts: list[str] = []
    pos = 0
    for f in fixes:
        parts.append(text[pos : f.at])
        parts.append(f.original)
        pos = f.at + len(f.replacement)
    parts.append(text[pos:])
    return "".join(parts)


def restore(text: str, newline: str, fixes: tuple[CharFix, ...]) -> str:
    """The decoded file text, rebuilt from normalised text and its record."""
    by_stage = {rule: [f for f in fixes if f.rule in rules]
                for rule, rules in (("chars", {"control-character", "zero-width", "space"}),
                                    ("mojibake", {"mojibake"}), ("ends", {"line-end"}))}
    text = _undo(text, by_stage["chars"])
    text = _undo(text, by_stage["mojibake"])
    if newline == "CRLF":
        return text.replace("\n", "\r\n")
    if newline == "CR":
        return text.replace("\n", "\r")
    return _undo(text, by_stage["ends"])


#: How each normalisation rule is named in the teiHeader and in reports.
RULE_TITLES = {
    "line-end": "line ends read as LF",
    "mojibake": "mojibake repaired (UTF-8 once read in a single-byte encoding)",
    "control-character": "control characters removed",
    "zero-width": "zero-width characters removed",
    "space": "no-break and fixed-width spaces read as plain spaces",
    "soft-hyphen": "soft hyphens of a structured OCR source read as the printed hyphen at a line "
                   "end, removed inside a line (edition.read.layout)",
}


def describe(decoding: Decoding) -> str:
    """The reading of a file's bytes and its character fixes, in one sentence for a person."""
    what = f"Decoded as {decoding.encoding}"
    what += " after a byte-order mark" if decoding.bom else ""
    what += f" ({decoding.reason})"
    parts = [what]
    if decoding.replaced:
        parts.append(f"{len(decoding.replaced)} undecodable bytes read as U+FFFD "
                     f"(first at byte {decoding.replaced[0]})")
    if decoding.newline in ("CRLF", "CR"):
        parts.append(f"{decoding.newline} line ends read as LF")
    counts: dict[str, Counter[str]] = {}
    for f in decoding.fixes:
        key = _show(f.original) + (f" → {f.replacement}" if f.rule == "mojibake" else "")
        counts.setdefault(f.rule, Counter())[key] += 1
    for rule, seen in counts.items():
        shown = ", ".join(f"{k} ×{n}" for k, n in seen.most_common(5))
        more = "…" if len(seen) > 5 else ""
        parts.append(f"{sum(seen.values())} × {RULE_TITLES.get(rule, rule)} ({shown}{more})")
    return "; ".join(parts) + "."


def _show(chars: str) -> str:
    """Text as itself, with each invisible character written as its code point."""
    return " ".join("".join(ch if ch.isprintable() and not ch.isspace() else f" U+{ord(ch):04X} "
                             for ch in chars).split())
