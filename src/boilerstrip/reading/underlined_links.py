"""Dumps whose converter underlined link texts, read as plain text.

Debian's html2text prints a link's text with its spaces turned into
underscores ("Privacy_Policy", "Who_will_make_the_Rock_Hall_in_2020?") and a
heading between runs of asterisks ("****** Bridge plan approved ******").
Left so, a linked name in a paragraph is one long word that no reader sees,
and a teaser's headline is a single word, which no scorer reads as one. The
underscores become spaces again and the asterisks come off, and only on a
page that shows the convention (`has_underlined_links`): snake_case in
ordinary text stays.
"""

from __future__ import annotations

import re

# Two capitalised words joined by an underscore ("Privacy_Policy"): what the
# convention prints for nearly every menu entry. Text of other origins holds
# them too (credits, handles), so a page shows the convention only with a
# starred heading as well, which no other converter prints.
_SIGN = re.compile(r"\b[A-Z][a-z]+_[A-Z][a-z]+")
MIN_SIGNS = 2
# An underscore between two characters of a word: the space of a link's text.
_UNDERLINE = re.compile(r"(?<=[^\s_])_(?=[^\s_])")
# "****** Title ******" (h1) to "** Title **"; a heading may be a link too.
_STARRED_HEADING = re.compile(r"^[ \t]*\*{2,6}[ \t]+(.+?)[ \t]+\*{2,6}[ \t]*$", re.MULTILINE)


def has_underlined_links(text: str) -> bool:
    """A starred heading, and MIN_SIGNS different pairs of capitalised words
    joined by an underscore."""
    if "_" not in text or "** " not in text:
        return False  # most text, found at the speed of a substring search
    if _STARRED_HEADING.search(text) is None:
        return False
    signs: set[str] = set()
    for sign in _SIGN.finditer(text):
        signs.add(sign.group())
        if len(signs) >= MIN_SIGNS:
            return True
    return False


def without_underlines(text: str) -> str:
    """The text with link texts' underscores made spaces and headings' asterisks taken off."""
    return _UNDERLINE.sub(" ", _STARRED_HEADING.sub(r"\1", text))
