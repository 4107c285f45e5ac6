"""Markdown and HTML read back as a reader sees them: the check that those bodies say what `body` says.

A Markdown body is parsed as CommonMark with GFM tables (markdown-it-py, the
Python port of the reference parser family; `pip install 'boilerstrip[test]'`),
and its text taken from the HTML it renders, each block and table cell a
line of its own. Scored against the same gold text as `body`, it must score
the same; tables must parse as tables (`table_cells`).
"""

from __future__ import annotations

from typing import Any

from lxml import html as lxml_html

# Elements whose text stands apart from the next element's.
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "pre", "blockquote", "tr")


def markdown_html(markdown: str) -> str:
    """The HTML a CommonMark parser with GFM tables renders the Markdown as."""
    return str(_parser().render(markdown))


def markdown_text(markdown: str) -> str:
    """The text of the Markdown, one block per line."""
    return html_text(markdown_html(markdown))


def html_text(fragment: str) -> str:
    """The text of an HTML fragment (an HTML body), one block or cell per line."""
    if not fragment.strip():
        return ""
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def table_cells(markdown: str) -> list[list[list[str]]]:
    """Every table the Markdown parses to, as rows of cell texts (header row first)."""
    rendered = markdown_html(markdown)
    if "<table" not in rendered:
        return []
    root = lxml_html.fragment_fromstring(rendered, create_parent="div")
    return [
        [[cell.text_content().strip() for cell in row.iter("th", "td")] for row in table.iter("tr")]
        for table in root.iter("table")
    ]


def _parser() -> Any:
    from markdown_it import MarkdownIt  # deferred: a test and benchmark dependency only

    return MarkdownIt("commonmark").enable("table")
