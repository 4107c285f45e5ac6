"""Where a page's prose is, read from the tree before anything is dropped.

An estimate of the main text that owes nothing to the DOM rules' class
words: every run of text that is not link text, code or a form control is
counted towards the block element that holds it (a paragraph, a list item,
a div that sets its text bare), and the element whose blocks hold the most
prose, counted the way readability scores a container (a block's prose to
its parent, half of it to its grandparent), is the page's prose element.
The DOM guard (`boilerstrip.stages.dom_guard`) weighs every proposed
removal against this map.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml.html import HtmlElement

# A block with less prose than this is a menu entry, a label or a button's
# worth of text, and says nothing about where the article is.
MIN_BLOCK_CHARS = 25
# The share of a block's prose its container's parent gets as well: enough to
# prefer the wrapper of an article's paragraphs over one of them, little
# enough that the page's <body> does not win on every page.
GRANDPARENT_SHARE = 0.5
# Text under these is not prose: link text, code, controls, hidden data.
_SILENT = frozenset(
    {"a", "script", "style", "template", "button", "select", "option", "textarea", "svg", "iframe", "head"}
)
# Elements that hold a paragraph's worth of text in a page's flow; inline
# tags (b, em, span, ...) hand their text to the block around them.
BLOCK_TAGS = frozenset(
    {
        "p", "div", "li", "td", "th", "dd", "dt", "pre", "blockquote", "section", "article", "main",
        "body", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "aside", "nav", "figure",
        "figcaption", "form", "table", "tr", "tbody", "ul", "ol", "dl", "details", "summary",
        "address", "center", "fieldset", "noscript",
    }
)  # fmt: skip


@dataclass(frozen=True)
class ProseMap:
    """The prose chars of each block element, and the page's prose element."""

    chars: dict[HtmlElement, int]
    element: HtmlElement | None

    @classmethod
    def of(cls, root: HtmlElement) -> ProseMap:
        chars = {block: n for block, n in _block_chars(root).items() if n >= MIN_BLOCK_CHARS}
        return cls(chars, _best_container(chars))

    def without(self, dropped: set[HtmlElement]) -> ProseMap:
        """The map of what is left once the `dropped` blocks are gone."""
        chars = {block: n for block, n in self.chars.items() if block not in dropped}
        return ProseMap(chars, _best_container(chars))

    @property
    def main_chars(self) -> int:
        return self.within(self.element) if self.element is not None else 0

    @property
    def total(self) -> int:
        """The prose of the whole page."""
        return sum(self.chars.values())

    def within(self, element: HtmlElement) -> int:
        """The prose held by a subtree."""
        chars = self.chars
        return sum(chars.get(descendant, 0) for descendant in element.iter())

    def blocks_within(self, element: HtmlElement) -> set[HtmlElement]:
        chars = self.chars
        return {descendant for descendant in element.iter() if descendant in chars}


def _best_container(chars: dict[HtmlElement, int]) -> HtmlElement | None:
    """The element whose blocks hold the most prose, scored as readability scores."""
    scores: dict[HtmlElement, float] = {}
    for block, n in chars.items():
        parent = block.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + n
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] = scores.get(grandparent, 0.0) + GRANDPARENT_SHARE * n
    return max(scores, key=lambda e: scores[e]) if scores else None


def _block_chars(root: HtmlElement) -> dict[HtmlElement, int]:
    """Every block's own prose: its text and the text of its inline children.

    One walk with its own stack (pages nest deeper than Python recurses); an
    element's tail belongs to the block around its parent, and nothing under
    a silent element counts.
    """
    chars: dict[HtmlElement, int] = {}
    stack: list[tuple[HtmlElement, HtmlElement]] = [(root, root)]
    while stack:
        element, around = stack.pop()
        tail = element.tail
        if tail and not tail.isspace():
            chars[around] = chars.get(around, 0) + len(tail.strip())
        tag = element.tag
        if not isinstance(tag, str) or tag in _SILENT:
            continue  # a comment or processing instruction, or silent text
        block = element if tag in BLOCK_TAGS else around
        text = element.text
        if text and not text.isspace():
            chars[block] = chars.get(block, 0) + len(text.strip())
        stack.extend((child, block) for child in element)
    return chars
