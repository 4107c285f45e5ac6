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
from collections import Counter
from collections.abc import Sequence

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
_CODE_MARK = re.compile(r"[{};()=$>#/<]")
_DIGIT = re.compile(r"\d")
_DATE = re.compile(
    r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
    r"nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"\.? \d{4})\b",
    re.IGNORECASE,
)
# What every date `_DATE` reads holds: a digit before a separator, three
# more digits or a month's first letter. A search for it skips to the page's
# digits, where `_DATE`, opening with a word boundary, tries every position.
_DATE_HINT = re.compile(r"\d(?:[/.-]\d|\d\d\d| [jfmasond])", re.IGNORECASE)
_RELATIVE_DATE = re.compile(
    r"\b\d+\s?(?:s|m|h|d|w|y|mo|min|hr|sec|second|minute|hour|day|week|month|year)s?\s+ago\b", re.IGNORECASE
)
_PRICE_LINE = re.compile(
    r"^(?:from |now |was |sale )?(?:[$€£¥₹]\s?\d[\d.,]*|\d[\d.,]*\s?(?:€|£|kr|zł))\b", re.IGNORECASE
)


def text_features(blocks: Sequence[Block], url: str | None) -> dict[str, float]:
    """The named features of a page's lines (its address, when known, adds its words)."""
    lines = [block.text for block in blocks]
    lowered = "\n".join(lines).lower()
    count = len(lines) or 1
    words = [block.words for block in blocks]
    prose = [is_prose_block(block) for block in blocks]
    # Each line is tried once per pattern, and only when it holds what the pattern needs.
    digits = [bool(_DIGIT.search(line)) for line in lines]
    dated = [d and _may_be_dated(line) for d, line in zip(digits, lines, strict=True)]
    has_ago = "ago" in lowered  # the relative date's one word
    ago = [has_ago and d and bool(_RELATIVE_DATE.search(line)) for d, line in zip(digits, lines, strict=True)]
    priced = [d and bool(_PRICE_LINE.match(line)) for d, line in zip(digits, lines, strict=True)]
    code = sum(1 for line in lines if _CODE_MARK.search(line) and _CODE_LINE.search(line))
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
        "dated_lines": counted(sum(dated)),
        "ago_lines": counted(sum(ago)),
        "price_lines": counted(sum(priced)),
        "code_lines": counted(code),
        "code_share": code / count,
        "shape_repeats": counted(_shape_repeats(lines, words, dated, ago, priced)),
        "repeated_lines": counted(_repeated_lines(lines)),
    }
    features |= phrase_features(lowered)
    return features


def _may_be_dated(line: str) -> bool:
    return _DATE_HINT.search(line) is not None and _DATE.search(line) is not None


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


def _shape(line: str, words: int, dated: bool, priced: bool) -> str:
    """A line's shape: its length class, and whether it is a price, a date, a number or ends a sentence."""
    if priced:
        return "$"
    if dated:
        return "d"
    if line.replace(",", "").replace(".", "").isdigit():
        return "9"
    size = "s" if words <= SHORT_LINE_WORDS else "m" if words < 15 else "l"
    return size + ("." if line[-1] in ".!?" else "")


def _shape_repeats(
    lines: Sequence[str],
    words: Sequence[int],
    dated: Sequence[bool],
    ago: Sequence[bool],
    priced: Sequence[bool],
) -> int:
    """How often the most frequent sequence of three line shapes comes back
    (other than three short lines, which any menu repeats)."""
    shapes = [
        _shape(line, n, d or a, p) for line, n, d, a, p in zip(lines, words, dated, ago, priced, strict=True)
    ]
    triples = Counter(tuple(shapes[i : i + 3]) for i in range(len(shapes) - 2))
    triples.pop(("s", "s", "s"), None)
    return max(triples.values(), default=0)


def _repeated_lines(lines: Sequence[str]) -> int:
    """Lines printed three times or more ("Reply", "Add to cart", "Read more")."""
    return sum(n for n in Counter(lines).values() if n >= 3)
