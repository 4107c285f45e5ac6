"""Find the article in the pruned HTML tree and turn it into blocks.

trafilatura is the content extractor: after the DOM stage has cut the
obvious boilerplate it works on a smaller, cleaner tree, which makes it both
faster and more precise. Its text output puts one paragraph, heading or list
item per line, which is exactly our block shape, so both input kinds meet here.
When it finds nothing, the page's visible text is the fallback, and the block
stages still clean it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml.etree import _Element

from boilerstrip.document import Document, split_blocks
from boilerstrip.stages.article_parts import gather_article_parts
from boilerstrip.stages.article_shapes import (
    article_entries,
    attach_links_and_images,
    page_links_and_images,
    part_entries,
    shape_blocks,
)

STAGE = "main_content"


# Below this share of the pruned page's paragraph text, the fast pass is
# taken to have missed part of the article. Tuned on the dev pages together
# with the DOM rules: 0.5-0.7 give the same F1; 0.6 sits in the middle.
MIN_SHARE_OF_PARAGRAPH_TEXT = 0.6
# Gathered parts are trusted when they hold at least this share of the lines
# the fast pass found.
MIN_AGREEMENT = 0.5


@dataclass(frozen=True)
class ExtractMainContent:
    """`shapes` gives the blocks their layout (`boilerstrip.stages.article_shapes`),
    for a Markdown or HTML body; `links` and `images` add the page's links
    and images to it. Without them the stage does no more than it must."""

    name: str = STAGE
    shapes: bool = False
    links: bool = False
    images: bool = False

    def __call__(self, doc: Document) -> Document:
        if doc.tree is None:
            return doc
        found = None
        if self.links or self.images:
            found = page_links_and_images(doc.tree, doc.url, links=self.links, images=self.images)
        article = _extract(doc)
        text = _plain_text(article)
        entries = article_entries(article) if self.shapes and article is not None else []
        # A second, independent estimate of the article's size: the paragraph
        # text left after the DOM stage pruned the page. When the extractor
        # returns far less, the article is probably split into several parts
        # that it did not join: gather the parts ourselves. The two candidates
        # must agree: the parts of a split article contain the part the
        # extractor found; a grid of teaser cards that share a class does not.
        # (trafilatura's slower full pass, with its fallback extractors, did
        # no better on the dev pages once this was in place.)
        paragraph_chars = sum(len(t.strip()) for p in doc.tree.iter("p") for t in p.itertext())
        if len(text or "") < MIN_SHARE_OF_PARAGRAPH_TEXT * paragraph_chars:
            parts = gather_article_parts(doc.tree)
            joined = "\n".join(line for line, _ in parts or ())
            if parts and _contains_most_of(joined, text or "") and len(joined) > len(text or ""):
                text, entries = joined, part_entries(parts) if self.shapes else []
        if not text:
            body = doc.tree.find("body")
            text, entries = (body if body is not None else doc.tree).text_content(), []
        doc.blocks = split_blocks(text)
        if entries:
            shape_blocks(doc.blocks, entries)
        if found is not None:
            attach_links_and_images(doc.blocks, *found)
        doc.tree = None  # the tree is spent; release it before the block stages
        return doc


def _extract(doc: Document) -> _Element | None:
    """The article as the extractor's XML tree (`head`, `p`, `list`, `table`, ...), or None."""
    import trafilatura  # deferred: `import boilerstrip` stays light
    from trafilatura.settings import Document as Extracted

    # The tree, not the text: its text is the same (`_plain_text`), and the
    # tree also tells which line is a heading, a list item or a table row.
    found = trafilatura.bare_extraction(
        doc.tree,
        url=doc.url,
        as_dict=False,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        include_images=False,
        deduplicate=False,  # its cache would make output depend on earlier pages
        # Its fallback extractors (readability, jusText) cost a third of its
        # time and, on a tree the DOM stage has already pruned, lose more than
        # they add: dev F1 0.969 -> 0.970 and 55 -> 68 pages/s without them.
        fast=True,
    )
    return found.body if isinstance(found, Extracted) else None


def _plain_text(article: _Element | None) -> str | None:
    """The article's text as the extractor prints it: one line per paragraph,
    heading, list item or table row."""
    if article is None:
        return None
    from trafilatura.utils import normalize_unicode
    from trafilatura.xml import xmltotxt

    return normalize_unicode(xmltotxt(article, include_formatting=False)) or None


def _contains_most_of(candidate: str, found: str) -> bool:
    lines = [line.strip() for line in found.splitlines() if line.strip()]
    if not lines:
        return True
    held = sum(1 for line in lines if line in candidate)
    return held >= MIN_AGREEMENT * len(lines)
