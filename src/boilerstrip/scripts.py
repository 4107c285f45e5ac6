"""Writing systems that put no space between words.

Chinese and Japanese run their words together: a paragraph is one long
string with no space in it, so every count of words (how long a block is,
whether it is prose, whether a line is short enough to be a headline) reads
it as one word. Here a run of Han characters or kana counts as one word per
CJK_CHARS_PER_WORD characters, about what the same text holds in a language
that spaces its words. Korean spaces its words and needs nothing.
"""

from __future__ import annotations

import re

# A Chinese word is one to three characters, most often two.
CJK_CHARS_PER_WORD = 2
# Hiragana, katakana, CJK unified ideographs and their extension A, compatibility ideographs.
_UNSPACED_RUN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# One range that holds them all (and more): a line with nothing in it has none.
_MAYBE_UNSPACED = re.compile("[\u3040-\ufaff]")


def unspaced_words(text: str) -> int:
    """The words that `text.split()` does not see: its Han and kana characters, counted as words."""
    if text.isascii() or _MAYBE_UNSPACED.search(text) is None:
        return 0  # most lines, found at C speed; then most others, in one cheap scan
    return sum(map(len, _UNSPACED_RUN.findall(text))) // CJK_CHARS_PER_WORD


def caseless(text: str) -> bool:
    """Whether no letter of the text has a case (CJK, Arabic, Hebrew, Thai...)."""
    return text.lower() == text.upper()


# Han, kana, CJK punctuation and full-width forms: text in them has no spaces.
_UNSPACED_CHAR = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def space_between(left: str, right: str) -> str:
    """What joins two pieces of a line a converter wrapped: nothing between
    Chinese or Japanese characters, a space otherwise."""
    unspaced = _UNSPACED_CHAR.match
    return "" if left and right and unspaced(left[-1]) and unspaced(right[0]) else " "
