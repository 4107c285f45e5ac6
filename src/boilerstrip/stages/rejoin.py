"""Undo what text converters do to paragraphs before anything scores them.

Converters that wrap lines at a fixed width, or that break a line at every
inline tag, cut sentences in two; a half sentence looks like a menu entry to
every later stage. A line glued to the one before it (no blank line between)
that starts in lower case, under a line long enough to be prose that does not
end like a sentence, is the rest of that sentence and joins it.

List converters (inscriptis, lynx) print bullets ("* ", "+ ", "o ", "• ") in
front of list items and menu entries alike; the marker is layout, not text,
and it would hide the capital letter that the scorers look at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from boilerstrip.document import Block, Document

STAGE = "rejoin"
# A line this short is a menu entry or a label, not the first half of a
# sentence: "Impeachment" over "deposition transcripts" are two links.
REJOIN_MIN_WORDS = 5
# A bullet marker at the start of a line, then the item. "o" is inscriptis'
# third-level bullet; it counts only before a capital or digit, so the
# Portuguese or Italian word "o" opening a wrapped line is left alone.
# A dash is left alone: it also opens ad markers ("- Advertisement -"),
# negative numbers and dialogue, and it is no word for any scorer.
_BULLET = re.compile(r"(?:[*+•·▪‣◦]|o(?=\s+[A-Z0-9]))\s+(?=\S)")
# The line above ends mid-sentence: no terminal punctuation, no closing colon,
# no closing bracket (a parenthesised line, "(Reporting by ...)", is whole,
# and the desk initials under it are a line of their own).
_ENDS_SENTENCE = re.compile(r"""[.!?…:;)\]]["'”’»)\]]*$""")


@dataclass(frozen=True)
class RejoinBrokenLines:
    """Text input: join sentence halves, then take bullet markers off list items."""

    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        if doc.kind != "text":
            return doc
        joined: list[Block] = []
        for block in doc.blocks:
            previous = joined[-1] if joined else None
            if previous is not None and continues(previous, block):
                previous.text = f"{previous.text} {block.text}"
                continue
            joined.append(block)
        for block in joined:
            bullet = _BULLET.match(block.text) if block.text[:1] in _BULLET_STARTS else None
            if bullet is not None:
                block.text = block.text[bullet.end() :]
        doc.blocks = joined
        return doc


# First characters a bullet can start with: most lines start with none of
# them, which spares them the regex.
_BULLET_STARTS = frozenset("*+•·▪‣◦o")


def continues(previous: Block, block: Block) -> bool:
    """Whether `block` is the rest of the sentence that `previous` began."""
    first = block.text[:1]
    return (
        not block.gap_before
        and first.islower()
        and not _BULLET.match(block.text)
        and not previous.protected
        and previous.text.count(" ") + 1 >= REJOIN_MIN_WORDS
        and not _ENDS_SENTENCE.search(previous.text)
    )
