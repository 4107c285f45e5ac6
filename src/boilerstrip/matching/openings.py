"""The characters a rule's match can open with: a second, cheaper gate.

A rule anchored at the start of a block (`full` and `start` rules, most of
them) can only match a block whose first character its pattern can begin
with: `^\\d{1,2} (?:min|minutes) read$` wants a digit, `^-?\\s*advertisement`
a dash, a space or an "a". Half the rules a block's words let through fail
on that first character. So each rule's pattern is read once, when the rules
load, for its *openings*: a set of characters, in the canonical lower case
of `boilerstrip.matching.keywords`, with every decimal digit read as DIGIT. The
screen reads each block's opening (`opening_of`), and its gates
(`boilerstrip.matching.screen.RuleGates`) pass over rules that cannot open with it.

Like the word gate, the reading is sound or silent: anything it does not
follow (a `.`, a negated or wide class, a back-reference, a pattern that
may match the empty string) gives no openings, and the rule is tried on
every block as before.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from boilerstrip.reading.words import DIGIT, canonical

_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

# Every character `\s` matches in a str pattern (those `str.isspace` accepts).
_SPACES = frozenset("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000")
_SPACES |= frozenset(map(chr, range(0x2000, 0x200B)))
# A class wider than this (a whole script, say) is not worth a set.
MAX_CLASS_CHARS = 128

# What a part of a pattern can begin with: (characters, may be empty), or
# None when the reading does not know.
Opening = tuple[frozenset[str], bool] | None
_ZERO_WIDTH: Opening = (frozenset(), True)


def opening_of(text: str) -> str:
    """The key of a block's first character, as rule openings are written."""
    first = text[:1]
    if first.isdecimal():
        return DIGIT
    return first.lower() if first.isascii() else canonical(first)[:1]


def rule_openings(pattern: re.Pattern[str], match: str) -> frozenset[str] | None:
    """The opening keys of every text the rule matches; None if unknown.

    Only `full` and `start` matches begin where the block begins.
    """
    if match == "search":
        return None
    return _openings(pattern.pattern, pattern.flags)


@lru_cache(maxsize=1024)
def _openings(source: str, flags: int) -> frozenset[str] | None:
    try:
        tree = _parser.parse(source, flags)
    except Exception:  # re compiled it; a parser change must not break loading
        return None
    found = _sequence(tree)
    if found is None or found[1]:  # a match may be empty: it opens with anything
        return None
    return found[0]


def _sequence(items: Sequence[tuple[Any, Any]]) -> Opening:
    """What a run of parts opens with: the first part's openings, and the
    next part's too while the ones before may match nothing."""
    chars: set[str] = set()
    for op, arg in items:
        found = _part(op, arg)
        if found is None:
            return None
        chars |= found[0]
        if not found[1]:
            return frozenset(chars), False
    return frozenset(chars), True


def _part(op: Any, arg: Any) -> Opening:  # one case per regex operator
    if op is _c.LITERAL:
        return frozenset({opening_of(chr(arg))}), False
    if op is _c.IN:
        return _char_class(arg)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _ZERO_WIDTH  # what it asserts, a later part still has to match
    if op is _c.SUBPATTERN:
        return _sequence(arg[-1])
    if op is _c.ATOMIC_GROUP:
        return _sequence(arg)
    if op is _c.BRANCH:
        return _either([_sequence(branch) for branch in arg[1]])
    if op is _c.GROUPREF_EXISTS:  # (?(1)yes|no): either branch
        _, yes, no = arg
        return _either([_sequence(yes), _sequence(no) if no is not None else _ZERO_WIDTH])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _, body = arg
        found = _sequence(body)
        return None if found is None else (found[0], found[1] or low == 0)
    return None


def _either(branches: list[Opening]) -> Opening:
    chars: set[str] = set()
    empty = False
    for found in branches:
        if found is None:
            return None
        chars |= found[0]
        empty = empty or found[1]
    return frozenset(chars), empty


def _char_class(items: Sequence[tuple[Any, Any]]) -> Opening:
    chars: set[str] = set()
    for op, arg in items:
        if op is _c.LITERAL:
            chars.add(opening_of(chr(arg)))
        elif op is _c.RANGE and arg[1] - arg[0] < MAX_CLASS_CHARS:
            chars.update(opening_of(chr(code)) for code in range(arg[0], arg[1] + 1))
        elif op is _c.CATEGORY and arg is _c.CATEGORY_DIGIT:
            chars.add(DIGIT)
        elif op is _c.CATEGORY and arg is _c.CATEGORY_SPACE:
            chars |= _SPACES
        else:  # a negated class, \w, \S ...: too wide to list
            return None
    return frozenset(chars), False
