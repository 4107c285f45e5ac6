"""The characters a rule's match can open with: a second, cheaper gate.

A rule anchored at the start of a block (`full` and `start` rules, most of
them) can only match a block whose first character its pattern can begin
with: `^\\d{1,2} (?:min|minutes) read$` wants a digit, `^-?\\s*advertisement`
a dash, a space or an "a". Half the rules a block's words let through fail
on that first character. So each rule's pattern is read once, when the rules
load, for its *openings*: a set of characters, in the canonical lower case
of `boilerstrip.matching.keywords`, with every decimal digit read as DIGIT. The
screen reads each block's opening (`boilerstrip.reading.words.opening_of`), and its gates
(`boilerstrip.matching.screen.RuleGates`) pass over rules that cannot open with it.

Like the word gate, the reading is sound or silent: anything it does not
follow (a `.`, a negated or wide class, a back-reference, a pattern that
may match the empty string) gives no openings, and the rule is tried on
every block as before.
"""

from __future__ import annotations

import re
from functools import lru_cache

from boilerstrip.matching.regex_tree import (
    AnyChar,
    At,
    Atomic,
    Backref,
    Branch,
    Category,
    Char,
    CharClass,
    Conditional,
    Group,
    Look,
    Node,
    NotChar,
    Opaque,
    Range,
    Repeat,
    Seq,
    parse,
)
from boilerstrip.reading.words import DIGIT, opening_of

# Every character `\s` matches in a str pattern (those `str.isspace` accepts).
_SPACES = frozenset("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000")
_SPACES |= frozenset(map(chr, range(0x2000, 0x200B)))
# A class wider than this (a whole script, say) is not worth a set.
MAX_CLASS_CHARS = 128

# What a part of a pattern can begin with: (characters, may be empty), or
# None when the reading does not know.
Opening = tuple[frozenset[str], bool] | None
_ZERO_WIDTH: Opening = (frozenset(), True)


def rule_openings(pattern: re.Pattern[str], match: str) -> frozenset[str] | None:
    """The opening keys of every text the rule matches; None if unknown.

    Only `full` and `start` matches begin where the block begins.
    """
    if match == "search":
        return None
    return _openings(pattern.pattern, pattern.flags)


@lru_cache(maxsize=1024)
def _openings(source: str, flags: int) -> frozenset[str] | None:
    tree = parse(source, flags)
    found = None if tree is None else _sequence(tree)
    if found is None or found[1]:  # a match may be empty: it opens with anything
        return None
    return found[0]


def _sequence(nodes: Seq) -> Opening:
    """What a run of parts opens with: the first part's openings, and the
    next part's too while the ones before may match nothing."""
    chars: set[str] = set()
    for node in nodes:
        found = _part(node)
        if found is None:
            return None
        chars |= found[0]
        if not found[1]:
            return frozenset(chars), False
    return frozenset(chars), True


def _part(node: Node) -> Opening:
    match node:
        case Char(char):
            return frozenset({opening_of(char)}), False
        case CharClass(items, negated=False):
            return _char_class(items)
        case At() | Look():
            return _ZERO_WIDTH  # what it asserts, a later part still has to match
        case Group(body) | Atomic(body):
            return _sequence(body)
        case Branch(alternatives):
            return _either([_sequence(alternative) for alternative in alternatives])
        case Conditional(yes=yes, no=no):  # (?(1)yes|no): either branch
            return _either([_sequence(yes), _ZERO_WIDTH if no is None else _sequence(no)])
        case Repeat(low, body=body):
            found = _sequence(body)
            return None if found is None else (found[0], found[1] or low == 0)
        case CharClass() | NotChar() | AnyChar() | Backref() | Opaque():
            return None  # a negated class, any character, what a group matched: too wide to list


def _either(branches: list[Opening]) -> Opening:
    chars: set[str] = set()
    empty = False
    for found in branches:
        if found is None:
            return None
        chars |= found[0]
        empty = empty or found[1]
    return frozenset(chars), empty


def _char_class(items: tuple[Char | Range | Category, ...]) -> Opening:
    chars: set[str] = set()
    for item in items:
        match item:
            case Char(char):
                chars.add(opening_of(char))
            case Range() if len(item) <= MAX_CLASS_CHARS:
                chars.update(opening_of(char) for char in item.chars())
            case Category("digit"):
                chars.add(DIGIT)
            case Category("space"):
                chars |= _SPACES
            case _:  # \w, \S, a wide range ...: too wide to list
                return None
    return frozenset(chars), False
