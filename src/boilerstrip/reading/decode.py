"""From bytes on disk to text in memory: gzip, charset, and which kind of input.

Charset order follows what browsers trust: a byte-order mark, then the page's
own declaration (`<meta charset>` or the http-equiv form), then detection.
Pages lie about their charset often enough that a declaration is only
believed when the bytes decode under it; bytes that are valid UTF-8 with
non-ASCII content are read as UTF-8 whatever a single-byte declaration says,
because the reverse mistake (cp1252 that happens to be valid UTF-8) is rare.
Nothing here raises on bad bytes: the last resort decodes with replacement.
"""

from __future__ import annotations

import codecs
import os
import re
import zlib
from pathlib import Path
from typing import IO, Literal

Mode = Literal["auto", "html", "text"]
# The names of page files (each may also end in `.gz`): what a directory walk
# picks up and what a fixture's input may be called.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt", ".text")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Where a page may declare its charset: browsers look in the first 1024 bytes;
# real pages put it later often enough that a few KB is the practical window.
DECLARATION_WINDOW = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.IGNORECASE
)
# WHATWG: these labels mean windows-1252 in practice.
_CP1252_ALIASES = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "l1"}

# How much of the start of an input decides whether it is HTML.
SNIFF_WINDOW = 4096
_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
_HTML_TAG = re.compile(
    r"</?(p|div|span|a|br|li|ul|table|td|h[1-6]|script|article|section)\b[^>]{0,200}>", re.I
)
# Below this many tags in the sniff window, stray angle brackets are just text.
MIN_TAGS_FOR_HTML = 4

# Decompressed size cap: a gzip bomb must not take the machine down.
MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024


# Detection reads this much: enough to be sure, bounded for huge pages.
DETECTION_WINDOW = 256 * 1024
_TIE_PREFERENCE = {"utf_8": 0, "cp1252": 1, "iso8859_15": 2, "shift_jis": 3, "gb18030": 3, "euc_kr": 3}


class InputError(ValueError):
    """Input that cannot become a document; the message says why."""


class LimitExceeded(InputError):
    """A page over a size or work limit; the message names the limit."""


def read_bytes(path: str | os.PathLike[str], limit: int = MAX_DECOMPRESSED_BYTES) -> bytes:
    """A file's bytes, gunzipped when it is gzip (by magic number, not by name).

    Neither the file nor its decompressed content is read past `limit` bytes.
    """
    with Path(path).open("rb") as handle:
        try:
            return read_stream(handle, limit)
        except LimitExceeded as exc:
            size = os.fstat(handle.fileno()).st_size
            if size <= limit:  # a device, a pipe or a growing file: its size says nothing
                raise InputError(str(exc)) from None
            raise InputError(f"input too large: {size} bytes > limit {limit}") from None


def read_stream(stream: IO[bytes], limit: int = MAX_DECOMPRESSED_BYTES) -> bytes:
    """A stream's bytes (standard input, an open file), gunzipped when they
    are gzip; LimitExceeded past `limit` bytes, read or decompressed."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise LimitExceeded(f"input too large: more than {limit} bytes")
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, limit)
    return data


def gunzip(data: bytes, limit: int = MAX_DECOMPRESSED_BYTES) -> bytes:
    """Decompress gzip, every member of it (gzip files may be concatenated),
    refusing output past `limit` bytes and data that ends before its stream does:
    a cut download would otherwise give a page cut short without a word."""
    out = bytearray()
    rest = data
    while rest:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += inflater.decompress(rest, limit + 1 - len(out))
        except zlib.error as exc:
            raise InputError(f"corrupt gzip data: {exc}") from exc
        if len(out) > limit:
            raise InputError(f"gzip expands past {limit} bytes; refused")
        if not inflater.eof:
            raise InputError(f"truncated gzip data: the stream ends after {len(out)} bytes of output")
        rest = inflater.unused_data
        if rest and not rest.startswith(b"\x1f\x8b"):
            break  # trailing padding after the last member, as gzip(1) allows
    return bytes(out)


def decode(data: bytes) -> str:
    """Bytes to text by BOM, declaration, then detection; never raises."""
    return decode_strict_utf8(data)[0]


def decode_strict_utf8(data: bytes) -> tuple[str, bool]:
    """The text, and whether it was read as UTF-8 from the bytes as they are.

    In that case (most of the web) the HTML parser may take the original
    bytes with the encoding given, which is faster than parsing the text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), False
    declared = _declared_charset(data[:DECLARATION_WINDOW])
    if declared in (None, "cp1252") or str(declared).startswith("utf"):
        try:
            return data.decode("utf-8"), True
        except UnicodeDecodeError:
            pass
    if declared:
        try:
            return data.decode(declared), False
        except (LookupError, UnicodeError):  # UnicodeError: codecs such as 'undefined'
            pass
    return _detect(data), False


def decode_with_charset(data: bytes, charset: str | None) -> str:
    """Decode by the HTTP header's charset when the bytes agree with it, else as
    a file would be (BOM, `<meta charset>`, detection). Like browsers, valid
    UTF-8 wins over a Latin-1 label: servers send the default label blindly."""
    if charset is None or data.startswith(tuple(bom for bom, _ in _BOMS)):
        return decode(data)
    label = "cp1252" if charset.lower() in _CP1252_ALIASES else charset
    try:
        name = codecs.lookup(label).name
        if name in ("cp1252", "utf-8"):
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                pass
        return data.decode(name)
    except (LookupError, UnicodeError):
        return decode(data)


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii", errors="ignore").lower()
    if label in _CP1252_ALIASES:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes  # deferred: only mislabelled pages pay for it

    guesses = list(from_bytes(data[:DETECTION_WINDOW]))
    if not guesses:
        return data.decode("utf-8", errors="replace")
    # Ties are common between sibling code pages (cp1250 and cp1252 read
    # plain Western text identically); the web's usual legacy charsets win them.
    best = min(
        guesses,
        key=lambda g: (round(g.chaos, 3), -round(g.coherence, 3), _TIE_PREFERENCE.get(g.encoding, 9)),
    )
    return data.decode(best.encoding, errors="replace")


def sniff_mode(text: str) -> Literal["html", "text"]:
    """HTML when the text starts like a page or is thick with tags; text otherwise."""
    head = text[:SNIFF_WINDOW]
    if _HTML_START.match(head):
        return "html"
    return "html" if len(_HTML_TAG.findall(head)) >= MIN_TAGS_FOR_HTML else "text"
