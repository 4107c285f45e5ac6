"""The elements of a page that carry a class, an itemprop, a rel or a data-author, read once.

The metadata stage asks the whole page for marked elements of several kinds:
byline markup, a forum's poster names, date containers, tag lists. Asked as
XPaths (`//*[contains(@class, 'date') ...]`), the four took longer than
parsing the page: libxml2 reads the class attribute afresh for every
`contains()` of every element. One XPath collects the elements that carry
one of these attributes, in document order, the first time any question is
asked, and each question then reads that list with the same tests the
XPath made (substrings of the class, exact attribute values, ancestors).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import cast

from lxml import etree
from lxml.html import HtmlElement

_MARKED = etree.XPath("//*[@class or @itemprop or @rel or @data-author]")


class MarkedElements:
    """A page's marked elements, each with its class attribute ("" when it has none)."""

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree

    @cached_property
    def elements(self) -> list[tuple[HtmlElement, str]]:
        # An attribute's presence is a cheap test for libxml2, where the
        # substrings of one are not. (`//*`, not a walk from the root: a page
        # may leave elements beside its root.)
        found = cast(list[HtmlElement], _MARKED(self.tree))
        return [(element, element.get("class", "")) for element in found]

    def with_class(self, *words: str) -> Iterator[tuple[HtmlElement, str]]:
        """The elements whose class holds one of the words, as a substring
        (`contains(@class, word)`), each with its class."""
        return ((element, classes) for element, classes in self.elements if any(w in classes for w in words))


def has_ancestor_with_class(element: HtmlElement, word: str) -> bool:
    """`ancestor::*[contains(@class, word)]`."""
    return any(word in ancestor.get("class", "") for ancestor in element.iterancestors())


def has_ancestor_tagged(element: HtmlElement, *tags: str) -> bool:
    """`ancestor::tag or ...`."""
    return any(ancestor.tag in tags for ancestor in element.iterancestors())
