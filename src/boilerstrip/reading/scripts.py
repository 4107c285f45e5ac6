"""Writing systems that put no space between words.

Chinese and Japanese run their words together: a paragraph is one long
string with no space in it, so every count of words (how long a block is,
whether it is prose, whether a line is short enough to be a headline) reads
it as one word. Here a run of Han characters or kana counts as one word per
CJK_CHARS_PER_WORD characters, about what the same text holds in a language
that spaces its words. Korean spaces its words and needs nothing.

The same scripts take two columns each on a terminal, which is how some
text browsers measure the width they wrap lines at (`terminal_columns`).
"""

from __future__ import annotations

import re

# A Chinese word is one to three characters, most often two.
CJK_CHARS_PER_WORD = 2
# Hiragana, katakana, CJK unified ideographs and their extension A, compatibility ideographs.
_HAN_AND_KANA = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_UNSPACED_RUN = re.compile(f"[{_HAN_AND_KANA}]+")
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


# Han and kana, CJK punctuation and full-width forms: text in them has no spaces.
_UNSPACED_CHAR = re.compile(f"[{_HAN_AND_KANA}\u3000-\u303f\uff00-\uffef]")


def space_between(left: str, right: str) -> str:
    """What joins two pieces of a line a converter wrapped: nothing between
    Chinese or Japanese characters, a space otherwise."""
    unspaced = _UNSPACED_CHAR.match
    return "" if left and right and unspaced(left[-1]) and unspaced(right[0]) else " "


# What a terminal gives two columns: Hangul, Han and kana with the CJK
# symbols and punctuation around them, full-width forms.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)


def terminal_columns(text: str) -> int:
    """The columns a terminal gives the text (two for a wide character)."""
    return len(text) if text.isascii() else len(text) + len(_WIDE.findall(text))


def has_wide(text: str) -> bool:
    """Whether the text holds a character a terminal gives two columns."""
    return not text.isascii() and _WIDE.search(text) is not None
