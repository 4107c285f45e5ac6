"""What a plain-text page shows about its type, as named numbers.

A text dump has lost its markup, so the evidence is in the lines
themselves: a forum thread repeats its post headers (a name, a date or
"3 days ago", "Reply"), a shop prints prices and "Add to cart", a grid of
cards repeats the same shape of line (a short name, a price, a rating)
many times, documentation has code lines, and an article has one long run
of prose. Read from every block of the page as split, before the article
finder keeps one run of it.

The features, each a number (counts as `counted` logs):
- line shapes: the share of short lines, of prose, of lines ending in "?";
  the longest run of prose; how often the most repeated sequence of three
  line shapes comes back (cards, posts);
- dated lines, relative dates ("2 days ago"), price lines, code lines;
- the URL's words and the page's cue phrases and prices (`cues`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate

from boilerstrip.document import Block, is_prose_block
from boilerstrip.page_types.cues import counted, phrase_features, url_features

# A line of at most this many words is short: a name, a button, a price.
SHORT_LINE_WORDS = 4
# A line of this many words that ends no sentence is a title (`_is_title`).
TITLE_MIN_WORDS = 5
TITLE_MAX_WORDS = 16
# A line of code: braces, semicolons, calls, assignments, prompts, keywords.
_CODE_LINE = re.compile(
    r"[{};]\s*$|^\s*[}{]|^\s*(?:\$|>>>|#include|import |from \S+ import|def |class |function |const |let |"
    r"var |return |public |private |<\w+[^>]*>$|//|#!)|\w+\([^)]*\)\s*[;{]?$|^\s*\w+(?:\.\w+)+\(|=>|:=|==",
)
# `_CODE_LINE` is searched for as its parts (`_is_code`), each at a fraction
# of its cost: the openings are matched at the line's start alone, the
# endings searched for from their first character (which the search skips
# to), and the operators are substrings. (A call's word is one word
# character before its parenthesis: a search needs no more.)
_CODE_OPENING = re.compile(
    r"\s*(?:[}{]|\$|>>>|#include|import |from \S+ import|def |class |function |const |let |"
    r"var |return |public |private |<\w+[^>]*>$|//|#!|\w+(?:\.\w+)+\()"
)
_CODE_CLOSER = re.compile(r"[{};]\s*$")
_CODE_CALL = re.compile(r"\((?<=\w\()[^)]*\)\s*[;{]?$")
_CODE_OPERATORS = ("=>", ":=", "==")
# A line that holds a mark of code, or a digit: one match per such line (to
# its end), in the page's lines joined by line breaks. Opening with a class
# of characters, the search skips to the next one at C's speed.
_CODE_MARK_LINE = re.compile(r"[{};()=$>#/<][^\n]*")
_DIGIT_LINE = re.compile(r"\d[^\n]*")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
# A date: 12/05/2024, 2024-05-12, May 12, 2024 or 12 May 2024.
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|{_MONTH}[a-z]*\.? \d{{1,2}},? \d{{4}}|\d{{1,2}} {_MONTH}[a-z]*\.? \d{{4}})\b",
    re.IGNORECASE,
)
# `_DATE` is searched for as its two halves, each at a fraction of its
# cost. Opening with a word boundary, `_DATE` tries every position of the
# line; the dates that open with a digit are found by a pattern that
# opens with the digit (the boundary checked behind it), which the search
# skips to, and the one that opens with a month's name is looked for only
# where the number and year it ends with stand.
_DATE_FROM_DIGIT = re.compile(
    rf"\d(?<!\w\d)(?:\d?[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{3}}-\d{{2}}-\d{{2}}"
    rf"|\d? (?i:{_MONTH}[a-z]*)\.? \d{{4}})\b"
)
_DATE_FROM_MONTH = re.compile(rf"\b{_MONTH}[a-z]*\.? \d{{1,2}},? \d{{4}}\b", re.IGNORECASE)
_DAY_AND_YEAR = re.compile(r"\d,? \d\d\d\d")
_RELATIVE_DATE = re.compile(
    r"\b\d+\s?(?:s|m|h|d|w|y|mo|min|hr|sec|second|minute|hour|day|week|month|year)s?\s+ago\b", re.IGNORECASE
)
_PRICE_LINE = re.compile(
    r"^(?:from |now |was |sale )?(?:[$€£¥₹]\s?\d[\d.,]*|\d[\d.,]*\s?(?:€|£|kr|zł))\b", re.IGNORECASE
)


def text_features(blocks: Sequence[Block], url: str | None) -> dict[str, float]:
    """The named features of a page's lines (its address, when known, adds its words)."""
    lines = [block.text for block in blocks]
    joined = "\n".join(lines)
    lowered = joined.lower()
    count = len(lines) or 1
    words = [block.words for block in blocks]
    prose = [is_prose_block(block) for block in blocks]
    # Each line is tried once per pattern, and only when it holds what the
    # pattern needs: a digit (dates, prices) or a mark of code. The page is
    # scanned once for the lines that do, most lines do not, and each of
    # them is then read on its own.
    starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))  # each line's offset
    with_digit = _lines_holding(_DIGIT_LINE, joined, starts)
    dated = {i for i in with_digit if _is_dated(lines[i])}
    ago = {i for i in with_digit if _RELATIVE_DATE.search(lines[i])} if "ago" in lowered else set()
    priced = {i for i in with_digit if _PRICE_LINE.match(lines[i])}
    code = sum(1 for i in _lines_holding(_CODE_MARK_LINE, joined, starts) if _is_code(lines[i]))
    features = url_features(url)
    features |= {
        "lines": counted(len(lines)),
        "words": counted(sum(words)),
        "short_share": sum(1 for n in words if n <= SHORT_LINE_WORDS) / count,
        "prose_share": sum(prose) / count,
        "prose_words_share": sum(n for n, p in zip(words, prose, strict=True) if p) / (sum(words) or 1),
        "longest_prose_run": counted(_longest_run(prose, words)),
        "title_lines": counted(sum(1 for line, n in zip(lines, words, strict=True) if _is_title(line, n))),
        "question_lines": counted(sum(1 for line in lines if line.endswith("?"))),
        "dated_lines": counted(len(dated)),
        "ago_lines": counted(len(ago)),
        "price_lines": counted(len(priced)),
        "code_lines": counted(code),
        "code_share": code / count,
        "shape_repeats": counted(_shape_repeats(lines, words, dated | ago, priced)),
        "repeated_lines": counted(_repeated_lines(lines)),
    }
    features |= phrase_features(lowered)
    return features


def _lines_holding(pattern: re.Pattern[str], joined: str, starts: Sequence[int]) -> set[int]:
    """The indices of the lines in which `pattern` finds a match, searched
    for in the lines `joined` by line breaks, which open at `starts`."""
    return {bisect_right(starts, match.start()) - 1 for match in pattern.finditer(joined)}


def _is_code(line: str) -> bool:
    """Whether `_CODE_LINE` finds code in the line (read as its parts)."""
    return (
        any(operator in line for operator in _CODE_OPERATORS)
        or _CODE_OPENING.match(line) is not None
        or _CODE_CLOSER.search(line) is not None
        or _CODE_CALL.search(line) is not None
    )


def _is_dated(line: str) -> bool:
    """Whether `_DATE` finds a date in the line (read as its two halves)."""
    if _DATE_FROM_DIGIT.search(line) is not None:
        return True
    return _DAY_AND_YEAR.search(line) is not None and _DATE_FROM_MONTH.search(line) is not None


def _is_title(line: str, words: int) -> bool:
    """A line that names something at some length and ends no sentence: a
    teaser's or a post's title, a product's name, a heading."""
    return TITLE_MIN_WORDS <= words <= TITLE_MAX_WORDS and line[-1] not in ".!?:;,"


def _longest_run(prose: Sequence[bool], words: Sequence[int]) -> int:
    """The words of the longest run of consecutive prose lines."""
    best = run = 0
    for is_prose_line, n in zip(prose, words, strict=True):
        run = run + n if is_prose_line else 0
        best = max(best, run)
    return best


def _shape(line: str, words: int) -> str:
    """A line's shape: its length class and whether it ends a sentence, or
    "9" for a number alone (a number is one word)."""
    if words == 1 and line.replace(",", "").replace(".", "").isdigit():
        return "9"
    size = "s" if words <= SHORT_LINE_WORDS else "m" if words < 15 else "l"
    return size + ("." if line[-1] in ".!?" else "")


def _shape_repeats(lines: Sequence[str], words: Sequence[int], dated: set[int], priced: set[int]) -> int:
    """How often the most frequent sequence of three line shapes comes back
    (other than three short lines, which any menu repeats). A price line's
    shape is "$", a dated line's "d"."""
    shapes = [_shape(line, n) for line, n in zip(lines, words, strict=True)]
    for i in dated:
        shapes[i] = "d"
    for i in priced:
        shapes[i] = "$"
    triples = Counter(zip(shapes, shapes[1:], shapes[2:], strict=False))
    triples.pop(("s", "s", "s"), None)
    return max(triples.values(), default=0)


def _repeated_lines(lines: Sequence[str]) -> int:
    """Lines printed three times or more ("Reply", "Add to cart", "Read more")."""
    return sum(n for n in Counter(lines).values() if n >= 3)
