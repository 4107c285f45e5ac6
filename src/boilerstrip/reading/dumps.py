"""A text dump without the syntax its converter added.

Converters leave marks of their own in the text: Markdown (html2text,
markdownify), lynx's numbered links and their list of targets, Debian
html2text's underlined links and starred headings. Each is recognised and
taken off before the text is split into blocks, so the block rules see the
words a reader sees.
"""

from __future__ import annotations

from boilerstrip.reading.markdown import looks_like_markdown, plain_text
from boilerstrip.reading.numbered_links import has_numbered_links, without_numbered_links
from boilerstrip.reading.underlined_links import has_underlined_links, without_underlines


def dump_text(text: str) -> str:
    """The text of a dump without the syntax its converter added: numbered
    links (`boilerstrip.reading.numbered_links`), underlined links and starred
    headings (`boilerstrip.reading.underlined_links`), Markdown (`boilerstrip.reading.markdown`)."""
    if has_numbered_links(text):
        text = without_numbered_links(text)
    if has_underlined_links(text):
        text = without_underlines(text)
    if looks_like_markdown(text):
        text = plain_text(text)
    return text
