"""Text into blocks, and the few facts about a block that every stage asks.

A block is one line of the text after whitespace is tidied: scrapes and
extractor output both put one paragraph, heading or list item on a line. The
notion of *prose* (a sentence-shaped block of some length) anchors positional
rules: "head" debris comes before the article's first prose block, "tail"
debris after its last.
"""

from __future__ import annotations

import re
import unicodedata

from boilerstrip.reading.scripts import unspaced_words
from boilerstrip.reading.words import fold

# Zero-width and formatting characters that scrapes carry but readers never
# see; and spaces other than the plain one.
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ODD_SPACE_CHARS = "\t\u00a0\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_ODD_SPACE = re.compile(f"[{_ODD_SPACE_CHARS}]")
# Whether a text holds any of them is asked character by character
# (`str.__contains__`): 7 times cheaper on the dev dumps than one search for
# the character class, and free for characters wider than the text's own.
_UNUSUAL = _INVISIBLE_CHARS + _ODD_SPACE_CHARS
# Two spaces or more: the literal opening lets `re` skip ahead (3 times
# cheaper than " {2,}" on the dev dumps).
_SPACE_RUN = re.compile("  +")

# A block of at least this many words that ends like a sentence is prose.
# Eight keeps short real paragraphs ("He declined to comment.") out of it while
# counting every one-line article paragraph in the seeds.
PROSE_MIN_WORDS = 8
# The marks a sentence ends with (`final_mark`): stops, in Latin and full-width
# forms; a colon that announces what follows; and a semicolon, which ends a
# clause well enough for a block to count as prose.
SENTENCE_STOPS = frozenset(".!?…。！？")
ANNOUNCING = frozenset(":：")
_SENTENCE_ENDS = SENTENCE_STOPS | ANNOUNCING | frozenset(";；")
_CLOSERS = "\"'”’»)]」』）】"
# Emoji, their modifiers and joiners: symbols, not the end of a sentence.
_TRAILING_SYMBOLS = frozenset(("So", "Sk", "Mn", "Cf"))


def normalise_line(line: str) -> str:
    return tidy(line).strip()


def tidy(text: str) -> str:
    """Drop invisible characters, compose accents (NFC), make every run of spaces one space.

    Each step first asks, at C speed, whether there is anything to do: most
    text has no invisible or odd space characters, and ASCII has no accents.
    """
    if not text.isascii():
        if any(char in text for char in _UNUSUAL):
            text = _ODD_SPACE.sub(" ", _INVISIBLE.sub("", text))
        text = unicodedata.normalize("NFC", text)
    elif "\t" in text:
        text = text.replace("\t", " ")
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    return text


# A numbered list item opens "1. " or "1) ".
_LIST_NUMBER = re.compile(r"(\d{1,3})[.)] ")


def list_number(text: str) -> str | None:
    """The number a numbered list item opens with ("12) Foo" -> "12"), if it opens with one."""
    match = _LIST_NUMBER.match(text)
    return match.group(1) if match else None


def is_prose(text: str, word_count: int | None = None) -> bool:
    if word_count is None:
        word_count = len(text.split()) + unspaced_words(text)
    return word_count >= PROSE_MIN_WORDS and final_mark(text) in _SENTENCE_ENDS


def final_mark(text: str) -> str:
    """The character a block ends with, past closing quotes and brackets and
    past trailing emoji ("See you there! 🙂" ends with "!")."""
    text = text.rstrip(_CLOSERS)
    if text[-1:].isascii():
        return text[-1:]
    end = len(text)  # walked back by index: a line of emoji costs one pass
    while end and (text[end - 1].isspace() or _is_symbol(text[end - 1])):
        end -= 1
    return text[:end].rstrip(_CLOSERS)[-1:]


def _is_symbol(char: str) -> bool:
    return not char.isascii() and unicodedata.category(char) in _TRAILING_SYMBOLS


def same_text(a: str, b: str) -> bool:
    """Equal after case, punctuation and spacing are set aside (title repeats)."""
    folded = fold(a)
    return bool(folded) and folded == fold(b)
