"""Parse a page's HTML, safely, and completely or not at all."""

from __future__ import annotations

from typing import Any, TypeVar

from lxml import html as lxml_html

from boilerstrip.reading.decode import LimitExceeded

T = TypeVar("T")


def parse_html(text: str, utf8_bytes: bytes | None = None) -> lxml_html.HtmlElement:
    # Network access and entity expansion stay off: pages are untrusted.
    if utf8_bytes is not None:
        utf8_parser = lxml_html.HTMLParser(
            remove_comments=True, remove_pis=True, no_network=True, encoding="utf-8"
        )
        tree = lxml_html.document_fromstring(utf8_bytes, parser=utf8_parser)
        return check_parse_complete(tree, utf8_parser)
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    if text.lstrip().startswith("<?xml"):
        # lxml refuses str input that declares an encoding; it is decoded already.
        text = text[text.index("?>") + 2 :]
    return check_parse_complete(lxml_html.document_fromstring(text, parser=parser), parser)


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
