"""Bytes to text: which encoding a raw scan is in, and whether it is text at all.

The decision is made from the bytes alone, by rules a person can check:

1. a byte-order mark names the encoding (UTF-8, UTF-16 or UTF-32);
2. bytes that decode as UTF-8 are UTF-8;
3. UTF-16 without a mark shows as NUL bytes in every other position;
4. any other NUL byte, a known binary signature or a high share of control
   bytes means the file is not text, and it is refused;
5. bytes that hold no multi-byte UTF-8 sequence at all, and few bytes above
   0x7F, are a legacy single-byte file: Windows-1252 when bytes 0x80-0x9F
   (its curly quotes and dashes) occur, ISO-8859-1 when none do (the two
   agree there) or when a byte Windows-1252 leaves undefined occurs (more
   high bytes than Western European text holds is refused: the encoding must
   be named);
6. bytes that hold valid multi-byte UTF-8 sequences *and* invalid ones are
   damaged UTF-8: an error naming the byte offset, unless the caller opts into
   replacement, in which case each bad byte becomes U+FFFD and is recorded.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import regex

from edition.errors import SourceError

#: Byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Signatures of binary formats a scanning pipeline leaves beside its text files.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"AT&TFORM", "a DjVu document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-zip archive"),
    (b"PK\x03\x04", "a zip archive that cannot be opened (damaged or truncated)"),
    (b"\x7fELF", "an executable"),
)

#: Share of even or odd bytes that must be NUL for BOM-less text to be read as UTF-16.
UTF16_NUL_SHARE = 0.3
#: Share of control bytes (other than tab, line feed, carriage return, form feed and
#: escape) above which a file is binary data, not text with a few stray controls.
BINARY_CONTROL_SHARE = 0.05
#: Largest share of non-ASCII bytes (among non-blank bytes) a legacy single-byte text may
#: hold: Western European prose has a few per cent (accents, curly quotes); binary data or a
#: text in a non-Latin script has far more, and is not guessed at.
LEGACY_MAX_HIGH_SHARE = 0.3
#: Bytes Windows-1252 leaves undefined; a legacy file holding any is read as ISO-8859-1.
CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
#: How many bytes the binary tests look at (a signature is at the start; a share needs few).
SNIFF_BYTES = 1 << 16

_UTF8_MULTIBYTE = regex.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_CONTROL_BYTES = regex.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and how it was decoded.

    `encoding` is the codec's name as the teiHeader records it; `bom` says a
    byte-order mark was dropped; `reason` is the rule that chose the encoding,
    in words; `replaced` are the byte offsets of undecodable bytes that became
    U+FFFD (only when replacement was asked for).
    """

    text: str
    encoding: str
    bom: bool = False
    reason: str = "valid UTF-8"
    replaced: tuple[int, ...] = ()


def _binary_kind(data: bytes) -> str | None:
    """What a file is, when its first bytes are a known binary signature."""
    for magic, kind in SIGNATURES:
        if data.startswith(magic):
            return kind
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 byte order of BOM-less text whose even or odd bytes are mostly NUL."""
    sample = data[:SNIFF_BYTES]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even = sample[0::2].count(0) / (len(sample) // 2)
    odd = sample[1::2].count(0) / (len(sample) // 2)
    if odd >= UTF16_NUL_SHARE and even < UTF16_NUL_SHARE / 10:
        return "utf-16-le"
    if even >= UTF16_NUL_SHARE and odd < UTF16_NUL_SHARE / 10:
        return "utf-16-be"
    return None


def _strict(data: bytes, codec: str, name: str, offset: int) -> str:
    """`data` decoded by `codec`, or a SourceError naming the first bad byte."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        bad = data[err.start : err.start + 1]
        raise SourceError(
            f"{name}: not valid {codec.upper()} at byte {offset + err.start} ({bad!r})"
        ) from None


def _replace_undecodable(data: bytes) -> tuple[str, tuple[int, ...]]:
    """UTF-8 with each undecodable byte replaced by U+FFFD, and those bytes' offsets."""
    parts: list[str] = []
    replaced: list[int] = []
    pos = 0
    while pos < len(data):
        try:
            parts.append(data[pos:].decode("utf-8"))
            break
        except UnicodeDecodeError as err:
            parts.append(data[pos : pos + err.start].decode("utf-8"))
            bad_start, bad_end = pos + err.start, pos + err.end
            parts.append("\ufffd" * (bad_end - bad_start))
            replaced.extend(range(bad_start, bad_end))
            pos = bad_end
    return "".join(parts), tuple(replaced)


def _decode_after(data: bytes, skip: int, codec: str, name: str, replace: bool,
                  reason: str) -> Decoded:
    """`data` after its first `skip` bytes (a byte-order mark) decoded by `codec`: strictly, or
    for UTF-8 with `replace`, each bad byte as U+FFFD with its offset in the whole file."""
    body = data[skip:]
    if replace and codec == "utf-8":
        text, replaced = _replace_undecodable(body)
        return Decoded(text, codec, skip > 0, reason, tuple(b + skip for b in replaced))
    return Decoded(_strict(body, codec, name, skip), codec, skip > 0, reason)


def decode_bytes(data: bytes, name: str, encoding: str | None = None,
                 replace: bool = False) -> Decoded:
    """Decode a raw scan's bytes by the rules of this module (`encoding` forces a codec).

    Raises SourceError for binary data, an unknown codec, and undecodable
    bytes (unless `replace`).
    """
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise SourceError(f"{name}: unknown encoding {encoding!r}") from None
        skip = len(codecs.BOM_UTF8) if (codec.startswith("utf-8")
                                           and data.startswith(codecs.BOM_UTF8)) else 0
        return _decode_after(data, skip, codec, name, replace, "named by the user")
    for bom_bytes, codec in BOMS:
        if data.startswith(bom_bytes):
            return _decode_after(data, len(bom_bytes), codec, name, replace, "byte-order mark")
    kind = _binary_kind(data)
    if kind is not None:
        raise SourceError(f"{name}: is {kind}, not OCR text")
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise SourceError(f"{name}: NUL byte at byte {data.index(0)}; binary data, not OCR text")
        return Decoded(_strict(data, codec, name, 0), codec, False,
                       "NUL bytes in alternate positions (UTF-16 without a byte-order mark)")
    _refuse_binary(data, name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        first_bad = err.start
    if _UTF8_MULTIBYTE.search(data):
        if replace:
            text, replaced = _replace_undecodable(data)
            return Decoded(text, "utf-8", False, "UTF-8 with undecodable bytes replaced", replaced)
        bad = data[first_bad : first_bad + 1]
        raise SourceError(
            f"{name}: not valid UTF-8 at byte {first_bad} ({bad!r}); the file holds UTF-8 "
            "sequences too, so it is damaged rather than in a legacy encoding "
            "(--replace-undecodable reads each bad byte as U+FFFD)"
        )
    high = sum(1 for b in data[:SNIFF_BYTES] if b >= 0x80)
    solid = sum(1 for b in data[:SNIFF_BYTES] if b > 0x20)
    if high > LEGACY_MAX_HIGH_SHARE * solid:
        raise SourceError(
            f"{name}: not UTF-8, and {high} of its first {solid} non-blank bytes are above 0x7F: "
            "binary data, or an encoding that cannot be told from the bytes (name it with "
            "--encoding)")
    if not regex.search(rb"[\x80-\x9f]", data):
        return Decoded(data.decode("iso-8859-1"), "iso-8859-1", False,
                       "no UTF-8 sequences and no bytes 0x80-0x9F, where Latin-1 and "
                       "Windows-1252 agree")
    if CP1252_UNDEFINED.intersection(data):
        return Decoded(data.decode("iso-8859-1"), "iso-8859-1", False,
                       "no UTF-8 sequences; bytes Windows-1252 leaves undefined")
    return Decoded(data.decode("windows-1252"), "windows-1252", False,
                   "no UTF-8 sequences; bytes 0x80-0x9F are Windows-1252 punctuation")


def _refuse_binary(data: bytes, name: str) -> None:
    """Raise SourceError when `data` holds a high share of control bytes."""
    sample = data[:SNIFF_BYTES]
    controls = len(_CONTROL_BYTES.findall(sample))
    if sample and controls / len(sample) > BINARY_CONTROL_SHARE:
        raise SourceError(f"{name}: {controls} control bytes in the first {len(sample)}; "
                          "binary data, not OCR text")
