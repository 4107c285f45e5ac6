"""The text of a pruned page's main region, one line per block.

The extractor finds an article: the one container of paragraphs, with the
link-dense blocks around it taken for navigation. On a listing or a
collection the content is a run of cards whose titles are links, and the
extractor keeps the one paragraph-like box among them (an intro, a podcast
blurb) and drops every card. For such a page the text of the whole region is
the better reading: what the DOM stage left of the page's `<main>` (or of its
body when it marks none), block by block as a browser would set it out,
with the block rules still to clean it.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from boilerstrip.reading.blocks import normalise_line
from boilerstrip.stages.prose_map import BLOCK_TAGS

# Text under these is no reading matter: code run by the page, hidden data,
# and form controls (a filter panel's options, a button's label).
_SILENT = frozenset(
    {
        "script", "style", "template", "head", "title", "noscript", "svg",
        "button", "select", "option", "textarea",
    }
)  # fmt: skip
# The page's own landmarks around its content: menus, side columns, the
# site's footer, and a header that holds a menu (the site's; an article's
# header holds its headline). Read whole, a region brings them along when the
# DOM rules' class words did not name them.
_LANDMARKS = frozenset({"nav", "aside", "footer"})
# An element the page hides in its own markup is not shown until a script
# shows it: a popup's form, a closed modal. (Classes that hide are the DOM
# rules' to name; only the markup's own word is taken here.)
# A page that hides nearly all of its region is one a script reveals whole
# (an anti-flicker wrapper, a page shown once its app loads): then the hidden
# text is the content, and it is read. On the WCXB dev pages whose reading
# changes, the share the markup hid was 1.0 on such pages and 0.85 on a
# landing page's popup forms; 0.5 read the popups of that page and of a
# listing (F1 0.8414 -> 0.8417 against 0.8412 with no such bar).
MAX_HIDDEN_SHARE = 0.9
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.IGNORECASE)
# A page's declared main region is its content's when it holds at least this
# share of the text left in the body; less, and it is one widget so marked
# (a hero banner), and the body is read instead.
MIN_MAIN_SHARE = 0.3


def main_region(tree: HtmlElement) -> HtmlElement:
    """The element whose text is read: the page's `<main>` (or `role="main"`)
    when it holds a fair share of the body's text, else the body."""
    body = tree.find("body")
    root = body if body is not None else tree
    marked = next(iter(root.xpath("(.//main | .//*[@role='main'])[1]")), None)
    if marked is not None and _chars(marked) >= MIN_MAIN_SHARE * _chars(root):
        return marked
    return root


def region_text(region: HtmlElement) -> str:
    """The region's visible text, a line per block element (and per `<br>`),
    less what the markup hides unless that is most of it."""
    shown, met_hidden = _read(region, skip_hidden=True)
    if not met_hidden:
        return shown
    whole, _ = _read(region, skip_hidden=False)
    if visible_chars(shown) < (1 - MAX_HIDDEN_SHARE) * visible_chars(whole):
        return whole
    return shown


def _read(region: HtmlElement, *, skip_hidden: bool) -> tuple[str, bool]:
    """The region's text, and whether an element the markup hides was met."""
    lines: list[str] = []
    met_hidden = False
    current: list[str] = []
    # The elements whose text is not read, outermost first, each judged once, as it opens.
    silencing: list[HtmlElement] = []

    def close_line() -> None:
        if current:
            line = normalise_line(" ".join("".join(current).split()))
            if line:
                lines.append(line)
            current.clear()

    for event, element in etree.iterwalk(region, events=("start", "end")):
        tag = element.tag
        if not isinstance(tag, str):
            if event == "end" and not silencing and element.tail:
                current.append(element.tail)  # a comment's tail is text of its parent
            continue
        if event == "start":
            hidden = _is_hidden(element)
            met_hidden = met_hidden or (hidden and not silencing)
            if tag in _SILENT or _is_landmark(element) or (skip_hidden and hidden):
                silencing.append(element)
            elif not silencing:
                if tag in BLOCK_TAGS or tag == "br":
                    close_line()
                if element.text:
                    current.append(element.text)
            continue
        if silencing and silencing[-1] is element:
            silencing.pop()
        elif not silencing and tag in BLOCK_TAGS:
            close_line()
        if not silencing and element.tail and element is not region:
            current.append(element.tail)
    close_line()
    return "\n".join(lines), met_hidden


def _is_landmark(element: HtmlElement) -> bool:
    tag = element.tag
    return tag in _LANDMARKS or (tag == "header" and next(element.iter("nav"), None) is not None)


def _is_hidden(element: HtmlElement) -> bool:
    """Whether the markup hides the element; a tab panel that is not the open
    one is hidden too, but it is content a click shows (a product's specs, a
    landing page's features), not a popup."""
    attrib = element.attrib
    if attrib.get("role") == "tabpanel":
        return False
    return "hidden" in attrib or bool(_HIDDEN_STYLE.search(attrib.get("style", "")))


def _chars(element: HtmlElement) -> int:
    return visible_chars(element.text_content())


def visible_chars(text: str) -> int:
    """The characters of a text less its white space."""
    return len("".join(text.split()))
