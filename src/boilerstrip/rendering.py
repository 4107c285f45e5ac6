"""The body as Markdown or as clean HTML, drawn from the blocks that are left.

Every stage judges blocks of text, whatever format the caller wants; only
when the last one is done are the kept blocks drawn, with their shapes
(`boilerstrip.document.Shape`), as the extractor's own XML (`head`, `p`,
`list`/`item`, `table`/`row`/`cell`, `code`, `quote`, `ref`, `graphic`),
and that tree is printed by the extractor's converters, trafilatura's
Markdown writer (escaping, GFM tables, fenced code, nested lists) and its
HTML one. So what a removal takes out of `body` is out of every format,
and the formats hold the same words as `body`.

Two things the converters leave to us: a quotation is printed as plain
lines, so its lines get their `> `; and a GFM table needs a header row, so
a table that has none gets its first row as header (a table of cells
without heads has its column names there, more often than not).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from copy import deepcopy
from html import escape
from typing import Literal

from lxml import etree
from lxml.etree import _Element

from boilerstrip.document import Block, Record, Shape

BodyFormat = Literal["text", "markdown", "html"]
# A list item that still opens with its bullet (a text page's "- "): the list draws its own.
_MARKER = re.compile(r"^[-*•]\s+")
_PARAGRAPH = Shape()


def body_markdown(blocks: Iterable[Block], *, links: bool = False, images: bool = False) -> str:
    """The kept blocks as CommonMark with GFM tables."""
    from trafilatura.xml import xmltotxt  # deferred: only a Markdown body needs it

    chunks: list[str] = []
    run = etree.Element("body")
    for element in article_tree(blocks, links=links, images=images):
        if element.tag not in ("quote", "list"):
            run.append(element)
            continue
        if len(run):
            chunks.append(xmltotxt(run, include_formatting=True))
            run = etree.Element("body")
        chunks.append(_quotation(element) if element.tag == "quote" else _listing(element, ""))
    if len(run):
        chunks.append(xmltotxt(run, include_formatting=True))
    # The converter leaves a space after a table row's last pipe: no reader needs it.
    return "\n\n".join(
        "\n".join(line.rstrip() for line in chunk.strip().splitlines()) for chunk in chunks if chunk.strip()
    )


def _quotation(quote: _Element) -> str:
    paragraphs = [_inline(line) for line in quote]
    return "\n>\n".join("\n".join(f"> {line}" for line in text.splitlines()) for text in paragraphs if text)


def _listing(listing: _Element, indent: str) -> str:
    """A list, nested lists indented under their item's text: by the width of
    its marker, which CommonMark asks for ("1. " is three wide, "- " two)."""
    lines: list[str] = []
    for number, item in enumerate(listing.iterchildren("item"), start=1):
        marker = f"{number}. " if listing.get("rend") == "ol" else "- "
        own = deepcopy(item)
        for nested in own.findall("list"):
            own.remove(nested)
        text = _inline(own).splitlines() or [""]
        lines.append(f"{indent}{marker}{text[0]}")
        lines += [f"{indent}{' ' * len(marker)}{line}" for line in text[1:]]
        for nested in item.iterchildren("list"):
            lines.append(_listing(nested, indent + " " * len(marker)))
    return "\n".join(lines)


def _inline(element: _Element) -> str:
    """The element's text and inline markup (links, images) as Markdown, escaped."""
    from trafilatura.xml import xmltotxt

    paragraph = deepcopy(element)
    paragraph.tag = "p"
    paragraph.attrib.clear()
    wrapper = etree.Element("body")
    wrapper.append(paragraph)
    return str(xmltotxt(wrapper, include_formatting=True)).strip()


def body_html(blocks: Iterable[Block], *, links: bool = False, images: bool = False) -> str:
    """The kept blocks as an HTML fragment: headings, paragraphs, lists, tables, code, quotations."""
    from trafilatura.htmlprocessing import convert_to_html  # deferred: only an HTML body needs it

    body = etree.Element("body")
    for element in article_tree(blocks, links=links, images=images):
        body.append(element)
    for listing in body.iter("list"):
        if listing.get("rend") == "ol":
            listing.tag = "ol"  # the converter makes every list a <ul>
            listing.attrib.clear()
    html = convert_to_html(body)[0]
    return "\n".join(etree.tostring(child, method="html", encoding="unicode").strip() for child in html)


def page_document(record: Record, format: BodyFormat) -> str:
    """A page as a person reads it in that format: its title over its body
    ("" for a page that could not be cleaned). The record must carry that
    body (`boilerstrip.options.Options.format`)."""
    if record.error is not None:
        return ""
    if format == "markdown":
        head = f"# {_escape_markdown(record.title)}\n\n" if record.title else ""
        return head + (record.body_markdown or "")
    if format == "html":
        head = f"<h1>{escape(record.title)}</h1>\n" if record.title else ""
        return f"<article>\n{head}{record.body_html or ''}\n</article>"
    return f"{record.title}\n\n{record.body}" if record.title else record.body


def _escape_markdown(text: str) -> str:
    """The text as a Markdown heading's, escaped by the converter."""
    from trafilatura.xml import xmltotxt

    body = etree.Element("body")
    etree.SubElement(body, "head", rend="h1").text = text
    return str(xmltotxt(body, include_formatting=True)).strip().removeprefix("# ")


def article_tree(blocks: Iterable[Block], *, links: bool, images: bool) -> Iterator[_Element]:
    """The kept blocks as the extractor's XML elements, in order; the blocks
    of one list, table, code block or quotation make one element."""
    container: _Element | None = None
    open_group: tuple[str, int] | None = None
    lists: list[_Element] = []  # the open lists, outermost first
    last: _Element | None = None  # the element the last kept block went into
    previous_kept = False
    for block in blocks:
        if not block.kept:
            previous_kept = False
            continue
        shape = block.shape or _PARAGRAPH
        if shape.kind == "separator":
            continue
        if block.joined_by is not None and previous_kept and last is not None:
            _append_text(last, block.joined_by + block.text, shape.links if links else ())
            continue
        previous_kept = True
        key = (shape.kind, shape.group)
        if shape.kind in ("item", "row", "code", "quote") and key == open_group:
            assert container is not None
        else:
            if container is not None:
                yield _finished(container)
            container, open_group, lists = None, None, []
            if shape.kind in ("item", "row", "code", "quote"):
                container = etree.Element(_CONTAINER[shape.kind])
                open_group = key
                if shape.kind == "item":
                    container.set("rend", "ol" if shape.ordered else "ul")
                    lists = [container]
        if container is None:
            last = _element(block, shape, links)
            yield last
        else:
            last = _add_to(container, lists, block, shape, links)
        if images:
            for src, alt in shape.images:
                picture = etree.Element("graphic", src=src, alt=alt)
                if container is None:
                    yield picture
                elif shape.kind in ("item", "quote"):  # a row or a code block holds no picture
                    last.append(picture)
    if container is not None:
        yield _finished(container)


_CONTAINER = {"item": "list", "row": "table", "code": "code", "quote": "quote"}


def _element(block: Block, shape: Shape, links: bool) -> _Element:
    if shape.kind == "heading":
        element = etree.Element("head", rend=f"h{min(max(shape.level, 1), 6)}")
    else:
        element = etree.Element("p")
    _append_text(element, block.text, shape.links if links else ())
    return element


def _add_to(container: _Element, lists: list[_Element], block: Block, shape: Shape, links: bool) -> _Element:
    """Put the block into the open list, table, code block or quotation; the element it went into."""
    if shape.kind == "item":
        depth = max(1, shape.level)
        while len(lists) > depth:
            lists.pop()
        while len(lists) < depth and len(lists[-1]):
            nested = etree.SubElement(lists[-1][-1], "list", rend="ol" if shape.ordered else "ul")
            lists.append(nested)
        item = etree.SubElement(lists[-1], "item")
        _append_text(item, _MARKER.sub("", block.text, count=1), shape.links if links else ())
        return item
    if shape.kind == "row":
        row = etree.SubElement(container, "row")
        for text in shape.cells or (block.text,):
            cell = (
                etree.SubElement(row, "cell", role="head") if shape.header else etree.SubElement(row, "cell")
            )
            cell.text = text
        return row
    if shape.kind == "code":
        code = shape.cells[0] if shape.cells else block.text  # its indentation, when known
        container.text = code if container.text is None else f"{container.text}\n{code}"
        return container
    line = etree.SubElement(container, "p")
    _append_text(line, block.text, shape.links if links else ())
    return line


def _finished(container: _Element) -> _Element:
    """A table's rows made one width, with a header row; other containers as they are."""
    if container.tag != "table":
        return container
    rows = list(container)
    width = max(len(row) for row in rows)
    for row in rows:
        while len(row) < width:
            etree.SubElement(row, "cell", role="head") if row[0].get("role") else etree.SubElement(
                row, "cell"
            )
    if not any(cell.get("role") == "head" for cell in rows[0]):
        for cell in rows[0]:
            cell.set("role", "head")
    return container


def _append_text(element: _Element, text: str, links: tuple[tuple[str, str], ...]) -> None:
    """Add `text` at the end of the element, each linked phrase as a `ref` to its address."""
    spans = sorted(_link_spans(text, links))
    at = 0
    for start, end, href in spans:
        if start < at:
            continue  # overlaps a phrase already linked
        _put_text(element, text[at:start])
        ref = etree.SubElement(element, "ref", target=href)
        ref.text = text[start:end]
        at = end
    _put_text(element, text[at:])


def _link_spans(text: str, links: tuple[tuple[str, str], ...]) -> Iterator[tuple[int, int, str]]:
    for phrase, href in links:
        start = text.find(phrase)
        if start >= 0:
            yield start, start + len(phrase), href


def _put_text(element: _Element, text: str) -> None:
    if not text:
        return
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text
