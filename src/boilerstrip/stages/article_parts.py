"""Put back together an article that the page splits into several parts.

Many CMSs cut a long article into sibling containers with one class
("article-body", "article__chunk"), with ads and teasers between them; an
extractor that picks the best single container keeps only one part. The
evidence here is independent of the extractor: the container holding the
most paragraph text, and its siblings-in-class holding a fair share of it.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from boilerstrip.reading.blocks import normalise_line

# A part must hold at least this share of the biggest part's paragraph text:
# enough to skip a one-line teaser box that happens to share the class.
MIN_PART_SHARE = 0.1
_BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre")


def gather_article_parts(tree: HtmlElement) -> list[tuple[str, str]] | None:
    """Every block of every part of a split article, as (text, tag), or None
    when the page's biggest paragraph container has no siblings-in-class."""
    chars: dict[HtmlElement, int] = {}
    for paragraph in tree.iter("p"):
        parent = paragraph.getparent()
        if parent is not None:
            chars[parent] = chars.get(parent, 0) + len(paragraph.text_content().strip())
    if not chars:
        return None
    biggest = max(chars, key=lambda element: chars[element])
    name = biggest.get("class")
    if not name:
        return None
    floor = MIN_PART_SHARE * chars[biggest]
    parts = {
        el for el, n in chars.items() if n >= floor and el.tag == biggest.tag and el.get("class") == name
    }
    if len(parts) < 2:
        return None
    lines: list[tuple[str, str]] = []
    for part in tree.iter(biggest.tag):  # document order
        if part in parts:
            lines += _block_texts(part)
    return lines


def _block_texts(part: HtmlElement) -> list[tuple[str, str]]:
    texts = []
    for element in part.iter(*_BLOCK_TAGS):
        if _inside_block(element, part):
            continue  # its text is already in the enclosing block
        text = normalise_line(element.text_content())
        if text:
            texts.append((text, str(element.tag)))
    return texts


def _inside_block(element: HtmlElement, part: HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is part:
            return False
        if ancestor.tag in _BLOCK_TAGS:
            return True
    return False
