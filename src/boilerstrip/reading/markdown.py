"""Markdown dumps read as the plain text a reader sees.

More and more page text reaches users as Markdown: html2text, markdownify,
pandoc and the crawlers that feed language models print links as
`[text](url)`, images as `![alt](src)`, headings as `# Title`, emphasis as
`**bold**`, and escape punctuation (`\\-`). Left in, a page's link targets
read as long runs of words ("https www example com topics tech"), which
makes menus look like prose and pads every paragraph with words no reader
sees. Like HTML tags in HTML mode, Markdown syntax is layout, not text: it
is taken off as the page is read, before it is cut into blocks, and only
when the page reads as Markdown (`looks_like_markdown`), so plain text with
a stray bracket or hash is left alone.
"""

from __future__ import annotations

import re

# Converters wrap long link texts, targets and image alts onto several lines,
# so the inline constructs may span lines. Link texts hold no brackets (an
# image inside a link goes first) and targets and titles no parentheses,
# but escaped ones ("\\(", which html2text writes in a link's title).
# A link opens at a bracket that is not escaped, and its parts are read
# possessively: hostile text ("[\\[\\[...") costs one pass, not one per bracket.
_TEXT = r"(?:[^\[\]\\]|\\.)"
_TARGET = r"\((?:[^()\\]|\\.){0,2000}+\)"
_IMAGE = re.compile(rf"!\[{_TEXT}{{0,1000}}+\]{_TARGET}")
_LINK = re.compile(rf"(?<!\\)\[({_TEXT}{{0,1000}}+)\]{_TARGET}")
_REFERENCE_LINK = re.compile(rf"(?<!\\)\[({_TEXT}{{1,1000}}+)\]\[[^\[\]\n]{{0,100}}\]")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>")
# The emphasised text stops at the next marker, so each try ends there (linear time).
_STRONG = re.compile(r"(\*\*|__)(?=\S)((?:(?!\1)[^\n]){1,1000}?)(?<=\S)\1")
_BARE_MARKERS = re.compile(r"(?<![\w*])(?:\*\*|__)(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
# Line syntax: whole lines that are only markup, and markers that open a line.
_MARKUP_LINE = re.compile(
    r"^[ \t]*(?:(?:```|~~~).*|\[[^\]\n]+\]:[ \t]*\S+.*|(?:[-=*_][ \t]*){3,})$", re.MULTILINE
)
_LINE_MARKERS = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|(?:>[ \t]?)+)", re.MULTILINE)
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$", re.MULTILINE)

# What makes a text Markdown: links or images, headings, escapes.
_MARKDOWN_SIGNS = re.compile(r"\]\(|^ {0,3}#{1,6} \S|\\[-*_#.!\[\]()]", re.MULTILINE)
MIN_MARKDOWN_SIGNS = 3


def looks_like_markdown(text: str) -> bool:
    """At least MIN_MARKDOWN_SIGNS links, images, headings or escapes."""
    if "](" not in text and "\\" not in text and "# " not in text:
        return False  # most plain text, found at the speed of a substring search
    signs = _MARKDOWN_SIGNS.finditer(text)
    return all(next(signs, None) is not None for _ in range(MIN_MARKDOWN_SIGNS))


def plain_text(markdown: str) -> str:
    """The text of a Markdown page: link texts without targets, no images, no markers."""
    text = _MARKUP_LINE.sub("", markdown)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REFERENCE_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub("", text)
    text = _LINE_MARKERS.sub("", text)
    text = _CLOSING_HASHES.sub("", text)
    for _ in range(2):  # "**a __b__ c**": one level of nesting
        text = _STRONG.sub(r"\2", text)
    text = _BARE_MARKERS.sub("", text)
    return _ESCAPE.sub(r"\1", text)
