"""Parse a page's HTML, safely, and completely or not at all."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from lxml import etree
from lxml import html as lxml_html

from boilerstrip.reading.decode import LimitExceeded

T = TypeVar("T")

# libxml2 checks each attribute of a tag against every earlier one, so a tag
# costs the square of its attribute count in one C call no signal can stop:
# 20,000 attributes take 2.7 s, 120,000 about 100 s. Real tags carry a few
# dozen; a thousand costs a few milliseconds.
MAX_ATTRIBUTES_PER_TAG = 1000
# A start tag as libxml2 reads it: a quoted value after `=` may hold `>`; a
# stray quote elsewhere (`class="a" ">`, common on real pages) is a character
# of a name and opens nothing, so the tag ends at the next `>` (libxml2 gives
# `<div ">" a1 ... a20000>` one attribute). Every attribute takes at least two
# characters (a space and a name), so only a tag longer than twice the cap can
# be over it, and only those are counted.
# Possessive: a tag is read once, never given back (five times faster on real pages).
_START_TAG = re.compile(r"""<[A-Za-z](?:[^"'>=]++|=\s*+"[^"]*+"|=\s*+'[^']*+'|[="'])*+""")
_ATTRIBUTE = re.compile(r"""[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]*))?""")
# Where libxml2 reads raw text, not tags: `a<b` in a script is no tag.
_RAW_TEXT = re.compile(
    r"<(script|style|textarea|title|xmp|noembed|noframes|iframe|plaintext)\b.*?(?:</\1|\Z)", re.I | re.S
)


def parse_html(text: str, utf8_bytes: bytes | None = None) -> lxml_html.HtmlElement:
    check_attribute_counts(text)
    # Network access and entity expansion stay off: pages are untrusted.
    if utf8_bytes is not None:
        utf8_parser = _parser(encoding="utf-8")
        tree = lxml_html.document_fromstring(utf8_bytes, parser=utf8_parser)
        return check_parse_complete(tree, utf8_parser)
    parser = _parser()
    if text.lstrip().startswith("<?xml"):
        # lxml refuses str input that declares an encoding; it is decoded already.
        text = text[text.index("?>") + 2 :]
    return check_parse_complete(lxml_html.document_fromstring(text, parser=parser), parser)


def _parser(encoding: str | None = None) -> lxml_html.HTMLParser:
    """lxml.html's parser with one element class for every tag.

    lxml.html picks each element's Python class in a Python callback (forms,
    inputs and labels have classes of their own), and it runs every time an
    element is handed to Python: on every walk over the tree, ours and the
    extractor's, about a tenth of a page's time. Nothing here uses those
    classes, and a lookup in C gives the same HtmlElement for all.
    """
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, encoding=encoding)
    parser.set_element_class_lookup(_ONE_CLASS)
    return parser


_ONE_CLASS = etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement,
    comment=lxml_html.HtmlComment,
    pi=lxml_html.HtmlProcessingInstruction,
    entity=lxml_html.HtmlEntity,
)


def check_parse_complete(tree: T, parser: Any) -> T:
    """The parsed tree, unless libxml2 stopped early on one of its own limits.

    Past 256 levels of nesting or a 10 MB text node, libxml2 stops parsing and
    returns what it has read so far; the rest of the page would be lost
    without a word, so the page fails with libxml2's reason instead.
    """
    for error in parser.error_log:
        if error.level_name == "FATAL":
            reason = " ".join(str(error.message).split())
            raise LimitExceeded(f"HTML parser stopped early at line {error.line}: {reason}")
    return tree


def check_attribute_counts(text: str) -> None:
    """Refuse a page with a tag of more than MAX_ATTRIBUTES_PER_TAG attributes,
    before libxml2 spends quadratic time on it."""
    raw_text: list[tuple[int, int]] | None = None  # found only when a long tag needs it
    for tag in _START_TAG.finditer(text):
        if tag.end() - tag.start() <= 2 * MAX_ATTRIBUTES_PER_TAG:
            continue
        count = len(_ATTRIBUTE.findall(text, tag.start() + 1, tag.end())) - 1  # less the name
        if count <= MAX_ATTRIBUTES_PER_TAG:
            continue
        if raw_text is None:
            raw_text = [span.span() for span in _RAW_TEXT.finditer(text)]
        if any(start < tag.start() < end for start, end in raw_text):
            continue
        line = text.count("\n", 0, tag.start()) + 1
        raise LimitExceeded(
            f"too many attributes in one tag: more than {MAX_ATTRIBUTES_PER_TAG} at line {line}"
        )
