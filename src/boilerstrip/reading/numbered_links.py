"""Numbered link references (lynx, links, elinks dumps) read as plain text.

Text browsers dump a page with a number before every link, "[12]Home", and
a list of the numbered targets at the end under "References" ("12.
https://example.org/"). The numbers glue onto the link texts and the list
is a run of addresses; neither is text a reader sees. Both come off as the
page is read, before it is cut into blocks, and only when the page has such
a list (`has_numbered_links`), so a "[1]" footnote in plain text stays.
"""

from __future__ import annotations

import re

_REFERENCES_HEADING = re.compile(r"^[ \t]*References[ \t]*$", re.MULTILINE)
# "  12. https://example.org/a" (a target is printed as the page wrote it,
# spaces and all); the list may have lynx's subheadings
_TARGET = r"[ \t]*\d+\.[ \t]+[a-z][a-z0-9+.-]*:.*"
_TARGET_LINE = re.compile(f"^{_TARGET}$", re.MULTILINE)
_LIST_LINE = re.compile(f"^(?:{_TARGET}|[ \t]*(?:Visible|Hidden) links:?[ \t]*)$", re.MULTILINE)
_MARKER = re.compile(r"\[\d+\]")
# A page lists at least this many numbered targets.
MIN_REFERENCES = 3


def has_numbered_links(text: str) -> bool:
    """A "References" line with at least MIN_REFERENCES numbered targets after it."""
    if "References" not in text:
        return False  # most text, found at the speed of a substring search
    heading = _last_references_heading(text)
    if heading is None:
        return False
    found = _TARGET_LINE.finditer(text, heading.end())
    return all(next(found, None) is not None for _ in range(MIN_REFERENCES))


def without_numbered_links(text: str) -> str:
    """The text without link numbers and without the list of targets."""
    heading = _last_references_heading(text)
    if heading is not None:
        text = text[: heading.start()] + _LIST_LINE.sub("", text[heading.end() :])
    return _MARKER.sub("", text)


def _last_references_heading(text: str) -> re.Match[str] | None:
    # The browser's list comes last; an article may have a "References" heading of its own.
    headings = list(_REFERENCES_HEADING.finditer(text))
    return headings[-1] if headings else None
