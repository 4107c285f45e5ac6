"""Pages the caller has parsed already: an lxml tree, or a BeautifulSoup document.

A caller who holds the parsed page should not have to serialise it for us to
parse it again. An lxml.html tree enters the Document as it is, copied (the
stages prune the tree they are given, and the caller's must stay whole) and
stripped of comments and processing instructions, as our own parser strips
them. A BeautifulSoup document is converted element by element
(`lxml.html.soupparser`); BeautifulSoup itself is never imported here unless
the caller has imported it, so it stays an optional dependency.
"""

from __future__ import annotations

import copy
import sys
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from boilerstrip.reading.decode import InputError
from boilerstrip.reading.page import EMPTY


def parsed_tree(data: object) -> lxml_html.HtmlElement | None:
    """The page's tree, as a copy the stages may prune, when `data` is a parsed
    page (an lxml element or element tree, a BeautifulSoup document); None for
    anything else. A tree without text is refused as `empty input`."""
    if isinstance(data, etree._ElementTree):
        data = data.getroot()
    if isinstance(data, lxml_html.HtmlElement):
        tree = copy.deepcopy(data)
    elif isinstance(data, etree._Element):
        # An XML tree has no HTML element classes (text_content() and the
        # like): it is read again by the HTML parser, the one case that pays
        # for a serialisation.
        tree = lxml_html.document_fromstring(etree.tostring(data, encoding="unicode"))
    elif _is_soup(data):
        tree = _from_soup(data)
    else:
        return None
    etree.strip_elements(tree, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    if not tree.xpath("boolean(normalize-space(string()))"):
        raise InputError(EMPTY)
    return tree


def is_parsed(data: object) -> bool:
    """Whether `data` is a parsed page `parsed_tree` takes, without converting it."""
    return isinstance(data, etree._ElementTree | etree._Element) or _is_soup(data)


def _is_soup(data: object) -> bool:
    # A caller holding a BeautifulSoup object has imported bs4 already.
    bs4 = sys.modules.get("bs4")
    return bs4 is not None and isinstance(data, bs4.element.Tag)


def _from_soup(soup: Any) -> lxml_html.HtmlElement:
    from lxml.html import soupparser  # imports bs4, which the caller has

    root = lxml_html.Element("html")
    # convert_tree hands back the children of the document's <html>: its
    # attributes (the page's language) are copied over by hand.
    html_tag = soup if getattr(soup, "name", None) == "html" else soup.find("html")
    if html_tag is not None:
        for name, value in html_tag.attrs.items():
            root.set(name, value if isinstance(value, str) else " ".join(value))
    root.extend(soupparser.convert_tree(soup))
    return root
