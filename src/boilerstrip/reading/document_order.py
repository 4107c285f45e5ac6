"""The text nodes of a tree after or before an element, in reading order, lazily.

What a reader sees right under a headline (a byline, a dateline) is a few
hundred characters; the XPath `following::text()` hands over every text node
to the end of the page (thousands, each made a Python string that knows its
element) before the first is read. These walks give them one at a time, in
the XPath axes' order, each with the element it belongs to: the element
whose `text` it is, or, for a tail, the element it follows (as lxml's
`getparent()` of an XPath text result says).
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree
from lxml.html import HtmlElement


def texts_after(element: HtmlElement) -> Iterator[tuple[str, HtmlElement]]:
    """The axis `following::text()`: every text after the element's end, nearest first."""
    node: HtmlElement | None = element
    while node is not None:
        if node.tail:
            yield node.tail, node
        for sibling in node.itersiblings():
            for event, inner in etree.iterwalk(sibling, events=("start", "end")):
                if event == "start":
                    if inner.text and isinstance(inner.tag, str):
                        yield inner.text, inner
                elif inner.tail:
                    yield inner.tail, inner
        node = node.getparent()


def texts_before(element: HtmlElement) -> Iterator[tuple[str, HtmlElement]]:
    """The axis `preceding::text()`: every text before the element's start
    that is not in an ancestor's own opening, nearest first. An ancestor's
    `text` precedes it; its tail does not."""
    node = element
    while (parent := node.getparent()) is not None:
        for sibling in node.itersiblings(preceding=True):
            yield from _backwards(sibling)
        if parent.text:
            yield parent.text, parent
        node = parent


def _backwards(subtree: HtmlElement) -> Iterator[tuple[str, HtmlElement]]:
    """A subtree's texts, its tail included, last first (its own stack: pages
    nest deeper than Python recurses)."""
    # An entry is an element still to open (True) or its text, due once its children are done.
    stack: list[tuple[HtmlElement, bool]] = [(subtree, True)]
    while stack:
        element, opening = stack.pop()
        if not opening:
            if element.text and isinstance(element.tag, str):
                yield element.text, element
            continue
        if element.tail:
            yield element.tail, element
        stack.append((element, False))
        stack.extend((child, True) for child in element)  # the last child is popped first
