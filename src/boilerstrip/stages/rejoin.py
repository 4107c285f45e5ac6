"""Undo what text converters do to paragraphs before anything scores them.

Converters that wrap lines at a fixed width, or that break a line at every
inline tag, cut sentences in two; a half sentence looks like a menu entry to
every later stage. A line glued to the one before it (no blank line between)
that starts in lower case, under a line long enough to be prose that does not
end like a sentence, is the rest of that sentence and joins it. On a page
wrapped at a fixed width (found from its line lengths, `wrap_width`), a line
also joins the one above when that one ended only because this line's first
word did not fit, whatever that word is: wrapped lines open with names,
numbers and quotes as often as with lower-case words. Converters that break
at every tag print a link's text on a line of its own: a line that opens
with a comma, a stop or a closing quote is the tail of the line above; a
few words between a sentence in progress and a line that goes on with it
are that sentence's link; a line that ends with an article or a preposition
goes on with the next line, whatever that opens with; and a few words over a
sentence that opens in lower case are its subject ("Maria Lopez" / "has
led the board since 2019.").

List converters (inscriptis, lynx) print bullets ("* ", "+ ", "o ", "• ") in
front of list items and menu entries alike; the marker is layout, not text,
and it would hide the capital letter that the scorers look at.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

from boilerstrip.document import Block, Document, Shape
from boilerstrip.reading.blocks import list_number
from boilerstrip.reading.scripts import has_wide, space_between, terminal_columns

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
# Converters that break a line at every inline tag leave a link's text on a
# line of its own; a link text runs to this many words.
LINK_TEXT_MAX_WORDS = 4
# Punctuation that goes on with a sentence and cannot open one: a line that
# starts with it is the tail of the line above ("on Facebook" / ", Twitter",
# "the Harbour Rovers" / "’ coach").
_CONTINUING = frozenset(",.;:!?)]’”")
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
        width, measure = wrap_width(doc.blocks) or (None, len)
        blocks = doc.blocks
        joined: list[Block] = []
        line_length = 0  # of the line above, as printed (a joined block is longer)
        for index, block in enumerate(blocks):
            previous = joined[-1] if joined else None
            if previous is None or block.gap_before:
                joined.append(block)  # a blank line above: nothing joins across it
            elif tails(previous, block):
                previous.text += block.text  # "Facebook" + ", Twitter"
            elif (
                continues(previous, block)
                or subject_of(previous, block)
                or bridges(previous, block, blocks[index + 1] if index + 1 < len(blocks) else None)
                or (width is not None and wrapped(line_length, block, width, measure))
            ):
                previous.text += space_between(previous.text, block.text) + block.text
            else:
                joined.append(block)
            if width is not None:
                # A rule (lynx prints `<hr>` as underscores) fills no line of text.
                line_length = 0 if _is_rule(block.text) else measure(block.text)
        for block in joined:
            bullet = _BULLET.match(block.text) if block.text[:1] in _BULLET_STARTS else None
            if bullet is not None:
                block.text = block.text[bullet.end() :]
                block.shape = LIST_ITEM
        doc.blocks = joined
        return doc


# What a line that lost its bullet is: an item of a list (one list per run of them).
LIST_ITEM = Shape("item", level=1)
# First characters a bullet can start with: most lines start with none of
# them, which spares them the regex.
_BULLET_STARTS = frozenset("*+•·▪‣◦o")


def continues(previous: Block, block: Block) -> bool:
    """Whether `block` is the rest of the sentence that `previous` began."""
    return (
        not block.gap_before
        and _in_progress(previous)
        and (block.text[:1].islower() or _dangles(previous.text))
        and not _BULLET.match(block.text)
        and list_number(block.text) is None
    )


# Words no sentence ends with: articles, and the conjunctions and
# prepositions that always take a word after them. A line that ends with one
# goes on on the next line, whatever that line opens with ("for the" /
# "Harbour Rovers").
_DANGLING = frozenset(
    """
    the a an of and or to for with by from at
    der die den dem des ein eine einen einem einer le la les un une du au aux
    el los las una del il gli della dei delle um uma
    """.split()  # noqa: SIM905  # a word list reads best as words
)


def _dangles(text: str) -> bool:
    """Whether the line ends with a word that no sentence ends with, in lower
    case or in a title's capitals ("Release Clause To"; but "Vitamin A" is whole)."""
    last = text[text.rfind(" ") + 1 :]
    return last in _DANGLING or (len(last) > 1 and last.lower() in _DANGLING)


def subject_of(previous: Block, block: Block) -> bool:
    """Whether `previous` is a link's text that opens the sentence `block` goes on with."""
    return (
        not block.gap_before
        and block.text[:1].islower()
        and block.text.split(" ", 1)[0].isalpha()  # a word, not a URL or a domain
        and block.text.count(" ") + 1 >= REJOIN_MIN_WORDS
        and _ENDS_SENTENCE.search(block.text) is not None
        and not _BULLET.match(block.text)
        and not previous.protected
        and previous.text.count(" ") + 1 <= LINK_TEXT_MAX_WORDS
        and not _ENDS_SENTENCE.search(previous.text)
        and list_number(previous.text) is None
    )


def tails(previous: Block, block: Block) -> bool:
    """Whether `block` opens with punctuation that goes on with the line above."""
    return block.text[:1] in _CONTINUING and not block.gap_before and not previous.protected


def bridges(previous: Block, block: Block, following: Block | None) -> bool:
    """Whether `block` is a link's text inside the sentence `previous` began:
    a few words, between a sentence in progress and a line that goes on with
    it ("visit us on" / "Facebook" / "and Twitter"). A numbered list item
    ("8) Beetle Derby") opens a line of its own."""
    return (
        following is not None
        and not block.gap_before
        and not following.gap_before
        and (following.text[:1].islower() or following.text[:1] in _CONTINUING)
        and block.text.count(" ") + 1 <= LINK_TEXT_MAX_WORDS
        and _in_progress(previous)
        and not _ENDS_SENTENCE.search(block.text)
        and list_number(block.text) is None
        and not _BULLET.match(following.text)
    )


def _in_progress(previous: Block) -> bool:
    """A line long enough to be prose that does not end like a sentence."""
    return (
        not previous.protected
        and previous.text.count(" ") + 1 >= REJOIN_MIN_WORDS
        and not _ENDS_SENTENCE.search(previous.text)
    )


# Hard-wrapped text (html2text, lynx, w3m, `fold`, mail) fills its lines up
# to a fixed width, and a line ends early only where the next word would not
# fit. Such a page has a *wrap width*: hardly a line is longer, and many of
# its longer lines end just short of it.
MIN_WRAP_WIDTH = 50
MAX_WRAP_WIDTH = 160
# Lines past the width (an unbreakable URL) may be this share of the page.
OVER_WIDTH_SHARE = 0.02
# A filled line ends within this many characters of the width (a long word's length).
WRAP_SLACK = 12
# At least this many lines end that near the width, and at least this share
# of the lines longer than half of it (the rest are paragraphs' last lines,
# headings, menu entries).
MIN_WRAPPED_LINES = 5
NEAR_WIDTH_SHARE = 0.3
# Measured in the converter's own measure, most filled lines end this close
# to the width; in the other, they scatter (`wrap_width`).
CLOSE_SLACK = 3


# Terminals give Han, kana, Hangul and full-width forms two columns. Some
# converters (w3m, elinks) wrap such text by columns, others (lynx,
# html2text) by characters; a page's wrapped lines line up in one measure.
Measure = Callable[[str], int]


def wrap_width(blocks: list[Block]) -> tuple[int, Measure] | None:
    """The width the page's lines were wrapped at and the measure of it
    (characters or columns), or None when they were not wrapped."""
    by_characters = _fit([len(block.text) for block in blocks])
    if not any(has_wide(block.text) for block in blocks):
        return None if by_characters is None else (by_characters[0], len)
    by_columns = _fit([terminal_columns(block.text) for block in blocks])
    fits = [(fit, measure) for fit, measure in ((by_characters, len), (by_columns, terminal_columns)) if fit]
    if not fits:
        return None
    (width, _), measure = max(fits, key=lambda found: found[0][1])  # where more lines line up
    return width, measure


def _fit(lengths: list[int]) -> tuple[int, int] | None:
    """The wrap width of lines of these lengths, and how many lines end
    within CLOSE_SLACK of it; None when they were not wrapped."""
    over = sum(length > MAX_WRAP_WIDTH for length in lengths)
    if over > OVER_WIDTH_SHARE * len(lengths):
        return None  # most pages: their paragraphs are lines of their own
    histogram = [0] * (MAX_WRAP_WIDTH + 1)
    for length in lengths:
        if length <= MAX_WRAP_WIDTH:
            histogram[length] += 1
    up_to = list(accumulate(histogram))  # up_to[n]: lines of at most n characters
    for width in range(MAX_WRAP_WIDTH, MIN_WRAP_WIDTH - 1, -1):
        if over > OVER_WIDTH_SHARE * len(lengths):
            return None
        if not histogram[width]:
            continue
        near = up_to[width] - up_to[width - WRAP_SLACK - 1]
        longer_than_half = up_to[width] - up_to[width // 2]
        if near >= MIN_WRAPPED_LINES and near >= NEAR_WIDTH_SHARE * longer_than_half:
            return width, up_to[width] - up_to[width - CLOSE_SLACK - 1]
        over += histogram[width]
    return None


def wrapped(line_length: int, block: Block, width: int, measure: Measure) -> bool:
    """Whether the line above (`line_length` long, in `measure`) ended only
    because the first word of `block` did not fit in the width. A rule (a
    line of underscores or dashes) is no word."""
    first_word = block.text.split(" ", 1)[0]
    return (
        not block.gap_before
        and line_length + 1 + measure(first_word) > width
        and not _BULLET.match(block.text)
        and not _is_rule(block.text)
    )


_WORDLESS = re.compile(r"[\W_]+")


def _is_rule(text: str) -> bool:
    """A line of no word: underscores, dashes, stars (a rule, `<hr>`)."""
    return not text[:1].isalnum() and _WORDLESS.fullmatch(text) is not None
