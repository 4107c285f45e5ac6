"""What counts as a page: the one decision on empty, binary and undecodable input.

Every entry point (`clean`, `clean_file`, `trace` and `explain`, the batch)
reads its input through `page_text`, so the same bytes are refused with the
same reason wherever they arrive:

- `empty input`: nothing but whitespace, before or after decoding;
- `binary input: not a text or HTML page`: control characters a text never
  holds (an image, an archive, an executable);
- `undecodable bytes: no charset reads this page`: decoded, the text is
  mostly replacement characters.

The tests are cheap (one pass over the first few KB, one count over the
text) and run before any parsing.
"""

from __future__ import annotations

import codecs

from boilerstrip.reading.decode import InputError, decode_strict_utf8

EMPTY = "empty input"
BINARY = "binary input: not a text or HTML page"
UNDECODABLE = "undecodable bytes: no charset reads this page"

# A text page has almost no control characters (tab, newline, form feed and
# escape aside); compressed data, images and executables have about 12% of
# them (32 of 256 byte values). A tenth of the first 8 KB is far from both.
BINARY_SNIFF_CHARS = 8192
BINARY_CONTROL_SHARE = 0.10
_TEXT_CONTROLS = (8, 9, 10, 12, 13, 27)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS)
_UNICODE_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)
# A page whose decoded text is more than this share of U+FFFD was not text in
# any charset we could find; a real page with a few bad bytes stays far below.
UNDECODABLE_SHARE = 0.05


def page_text(data: bytes | bytearray | str) -> tuple[str, bool]:
    """The page's text, and whether it was read as UTF-8 from the bytes as they
    are (the HTML parser may then take the bytes themselves); or InputError
    naming why this is not a page."""
    if isinstance(data, str):
        text, as_is = data, False
        if looks_binary(text):
            raise InputError(BINARY)
    else:
        raw = bytes(data)
        if not raw.strip():
            raise InputError(EMPTY)
        if looks_binary(raw):
            raise InputError(BINARY)
        text, as_is = decode_strict_utf8(raw)
    if not text.strip():
        raise InputError(EMPTY)
    if text.count("\ufffd") > UNDECODABLE_SHARE * len(text):
        raise InputError(UNDECODABLE)
    return text, as_is


def looks_binary(data: bytes | str) -> bool:
    """Whether the start of the input holds more control characters than any text does."""
    head = data[:BINARY_SNIFF_CHARS]
    if isinstance(head, bytes):
        if head.startswith(_UNICODE_BOMS):
            return False  # UTF-16 and UTF-32 text is full of NUL bytes
        head_bytes = head
    else:
        # Counted in its UTF-8 bytes, where a control character is one byte
        # and no other character has one: `str.translate` looks each
        # character up in a dict, some 30 times slower than `bytes.translate`.
        head_bytes = head.encode("utf-8", "surrogatepass")
    controls = len(head_bytes) - len(head_bytes.translate(None, _CONTROL_BYTES))
    return controls > BINARY_CONTROL_SHARE * len(head)
