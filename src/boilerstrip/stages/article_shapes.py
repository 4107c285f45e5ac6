"""Give the article's blocks their shapes: headings, list items, table rows, code, quotations.

The extractor hands over its article as a small XML tree (`head`, `p`,
`list`/`item`, `table`/`row`/`cell`, `code`, `quote`), and its plain text,
one line per element, is what becomes the blocks. The blocks stay exactly
as they are (the body and every stage's verdict do not change); each one
is matched, in order, to the element its line came from, and takes that
element's shape (`boilerstrip.document.Shape`). A line that matches no
element (a paragraph cut at a `<br>`) stays a paragraph.

Links and images are read from the page itself, before extraction, since
asking the extractor for them changes what it extracts: a block's links are
the anchors of the element its text came from, its images the `<img>`s
that follow that element.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import urljoin

from lxml.etree import _Element
from lxml.html import HtmlElement

from boilerstrip.document import Block, Shape
from boilerstrip.reading.blocks import normalise_line
from boilerstrip.reading.words import fold

# A block is looked for among this many elements past the last one matched:
# enough to step over lines the text left out (an empty cell, an image),
# few enough that a repeated line cannot match an element far down the page.
MATCH_WINDOW = 8
# The extractor names heading levels "h1".."h6"; a heading without one is a section's (h2).
DEFAULT_HEADING_LEVEL = 2
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "figcaption", "blockquote", "pre")

Entry = tuple[str, Shape]
_PARAGRAPH = Shape()
_PART_SHAPES = {
    "h2": Shape("heading", level=2),
    "h3": Shape("heading", level=3),
    "h4": Shape("heading", level=4),
    "li": Shape("item", level=1),
    "blockquote": Shape("quote"),
    "pre": Shape("code"),
}


def article_entries(article: _Element) -> list[Entry]:
    """(folded text, shape) for every line the extractor's tree prints, in order."""
    return list(_entries(article, itertools.count(1)))


def part_entries(parts: list[tuple[str, str]]) -> list[Entry]:
    """(folded text, shape) for the (text, tag) blocks of a gathered article
    (`boilerstrip.stages.article_parts`)."""
    return [(fold(text), _PART_SHAPES.get(tag, _PARAGRAPH)) for text, tag in parts]


def shape_blocks(blocks: list[Block], entries: list[Entry]) -> None:
    """Match each block to the entry of the line it came from, in order, and give it that shape."""
    start = 0
    for block in blocks:
        key = block.folded
        for index in range(start, min(start + MATCH_WINDOW, len(entries))):
            if entries[index][0] == key:
                block.shape = entries[index][1]
                start = index + 1
                break


def _entries(element: _Element, groups: Iterator[int]) -> Iterator[Entry]:
    """(folded text, shape) for every line the element's text would give, in order."""
    for child in element:
        tag = child.tag
        if tag == "head":
            rend = child.get("rend") or ""
            level = int(rend[1]) if rend[1:2].isdigit() else DEFAULT_HEADING_LEVEL
            yield _key(child), Shape("heading", level=level)
        elif tag == "list":
            yield from _items(child, 1, next(groups), groups)
        elif tag == "table":
            group = next(groups)
            for row in child.iter("row"):
                cells = tuple(normalise_line(_text(cell)) for cell in row.iter("cell"))
                header = any(cell.get("role") == "head" for cell in row.iter("cell"))
                yield fold(" ".join(cells)), Shape("row", cells=cells, header=header, group=group)
                if header:  # the plain text rules the header off with a line of its own
                    yield "", Shape("separator", group=group)
        elif tag == "code":
            group = next(groups)
            for line in _text(child).splitlines():
                if line.strip():  # the line as printed, indented: blocks are stripped
                    yield fold(line), Shape("code", cells=(line.rstrip(),), group=group)
        elif tag == "quote":
            group = next(groups)
            shape = Shape("quote", group=group)
            lines = [_key(p) for p in child.iter("p")] or [_key(child)]
            yield from ((line, shape) for line in lines)
        elif tag != "graphic":
            yield _key(child), _PARAGRAPH


def _items(listing: _Element, depth: int, group: int, groups: Iterator[int]) -> Iterator[Entry]:
    ordered = listing.get("rend") == "ol"
    for item in listing.iter("item"):
        if item.getparent() is not listing:
            continue  # a nested list's item: its own list yields it
        # Block children (a teaser's headings) print with a space between them.
        own = " ".join(
            [item.text or "", *(_text(child) + (child.tail or "") for child in item if child.tag != "list")]
        )
        yield fold(own), Shape("item", level=depth, ordered=ordered, group=group)
        for nested in item.iterchildren("list"):
            yield from _items(nested, depth + 1, group, groups)


def _key(element: _Element) -> str:
    return fold(" ".join(map(str, element.itertext())))


def _text(element: _Element) -> str:
    return "".join(map(str, element.itertext()))


Placed = tuple[str, str, str]  # (folded text of a block element, address, text or alt)


def page_links_and_images(
    tree: HtmlElement, url: str | None, *, links: bool, images: bool
) -> tuple[list[Placed], list[Placed]]:
    """The page's anchors, each with the folded text of the block element it
    sits in, and its images, each with that of the block element before it;
    addresses made absolute against the page's URL when it has one."""
    anchors: list[Placed] = []
    pictures: list[Placed] = []
    before = ""
    for element in tree.iter("a", "img", *_BLOCK_TAGS):
        tag = element.tag
        if tag == "a" and links:
            text, href = normalise_line(element.text_content()), element.get("href") or ""
            holder = next(element.iterancestors(*_BLOCK_TAGS), None)
            if text and holder is not None and href and not href.startswith(("#", "javascript:")):
                anchors.append((fold(holder.text_content()), urljoin(url or "", href), text))
        elif tag == "img" and images:
            src = element.get("src") or element.get("data-src") or ""
            if src and not src.startswith("data:"):
                pictures.append((before, urljoin(url or "", src), normalise_line(element.get("alt") or "")))
        elif tag not in ("a", "img"):
            before = fold(element.text_content()) or before
    return anchors, pictures


def attach_links_and_images(blocks: list[Block], anchors: list[Placed], pictures: list[Placed]) -> None:
    """Give each block the links of the element its text came from, and the
    images that followed that element. A link is known by its element, never
    by its words alone: a menu's "News" must not link every "news" in the article."""
    links: dict[str, list[tuple[str, str]]] = {}
    for holder, href, text in anchors:
        links.setdefault(holder, []).append((text, href))
    after: dict[str, list[tuple[str, str]]] = {}
    for before, src, alt in pictures:
        after.setdefault(before, []).append((src, alt))
    for block in blocks:
        found = tuple((text, href) for text, href in links.get(block.folded, ()) if text in block.text)
        placed = tuple(after.pop(block.folded, ())) if block.folded else ()
        if found or placed:
            block.shape = replace(block.shape or Shape(), links=found, images=placed)
