"""A regex pattern as a small typed tree: the one place that reads `re`'s parser.

Three readings of a rule's pattern need its structure: the words a match
cannot do without (`boilerstrip.matching.keywords`), the characters a match
can open with (`boilerstrip.matching.openings`) and the shapes that backtrack
catastrophically (`boilerstrip.matching.regex_safety`). `re` has no public
syntax tree, only its private parser, `re._parser`, whose output is nested
tuples of opcodes that may change with any Python release. This module reads
that output once per pattern into the frozen nodes below, so a parser change
is met here alone, and each reading is a `match` over node types.

A pattern is a `Seq`: the tuple of nodes that match one after another. The
tree is the one `re` compiles, not the source as written, so it has already
been simplified a little, and the readings rely on it:

- a non-capturing group without flags is spliced into its parent
  (`(?:ab)c` is three `Char`s; `(?:ab)*` a `Repeat` whose body is `a`, `b`);
- alternatives of one character each become one class (`a|b|\\d` is a
  `CharClass`), and a prefix common to all alternatives is taken out of
  them (`abc|ade` is `Char("a")` then a `Branch` of `bc` and `de`; `ab|ac`
  is `Char("a")` then the class `[bc]`);
- `\\d` on its own is a `CharClass` of one `Category`; `[a]` is a `Char`,
  `[^a]` a `NotChar`.

Case is not folded: `(?i)` and `re.IGNORECASE` act when the pattern is
compiled, so the readings fold case themselves where it matters.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

# The parser `re` compiles patterns with, and its opcodes (modules without type stubs).
_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")


@dataclass(frozen=True, slots=True)
class Char:
    """One character: `a`, `\\.`, `\\u00e9`."""

    char: str


@dataclass(frozen=True, slots=True)
class NotChar:
    """`[^a]`: any one character but this one."""

    char: str


@dataclass(frozen=True, slots=True)
class AnyChar:
    """`.`: any one character but a newline (any at all under `re.DOTALL`)."""


@dataclass(frozen=True, slots=True)
class Range:
    """`a-z` inside a class: the characters from `low` to `high`, both included."""

    low: str
    high: str

    def __len__(self) -> int:
        return ord(self.high) - ord(self.low) + 1

    def __contains__(self, char: object) -> bool:
        return isinstance(char, str) and self.low <= char <= self.high

    def chars(self) -> list[str]:
        return [chr(code) for code in range(ord(self.low), ord(self.high) + 1)]


CategoryName = Literal["digit", "not_digit", "space", "not_space", "word", "not_word"]


@dataclass(frozen=True, slots=True)
class Category:
    """`\\d`, `\\D`, `\\s`, `\\S`, `\\w` or `\\W` inside a class."""

    name: CategoryName


@dataclass(frozen=True, slots=True)
class CharClass:
    """`[a-z_\\d]`: one character that is any of `items` (none of them when `negated`)."""

    items: tuple[Char | Range | Category, ...]
    negated: bool = False


RepeatMode = Literal["greedy", "lazy", "possessive"]


@dataclass(frozen=True, slots=True)
class Repeat:
    """`x*`, `x+?`, `x{2,5}`, `x?+`: from `low` to `high` copies of `body` (`high` None: no limit).

    `lazy` is `*?` and the like; `possessive` (`*+`) never gives back what it matched.
    """

    low: int
    high: int | None
    body: Seq
    mode: RepeatMode = "greedy"


@dataclass(frozen=True, slots=True)
class Group:
    """`(...)`, `(?P<name>...)` (a capturing group: `number` set) or `(?i:...)` (flags, no number)."""

    body: Seq
    number: int | None = None
    flags_on: re.RegexFlag = re.NOFLAG
    flags_off: re.RegexFlag = re.NOFLAG


@dataclass(frozen=True, slots=True)
class Atomic:
    """`(?>...)`: matches `body` once and never backtracks into it."""

    body: Seq


@dataclass(frozen=True, slots=True)
class Branch:
    """`x|y|z`: any one of the alternatives."""

    alternatives: tuple[Seq, ...]


@dataclass(frozen=True, slots=True)
class Look:
    """`(?=...)`, `(?!...)`, `(?<=...)`, `(?<!...)`: a zero-width check of the text
    that follows (`ahead`) or precedes."""

    body: Seq
    ahead: bool = True
    negative: bool = False


AtKind = Literal["beginning", "beginning_string", "end", "end_string", "boundary", "non_boundary"]


@dataclass(frozen=True, slots=True)
class At:
    """A zero-width anchor: `^` beginning, `\\A` beginning_string, `$` end, `\\Z` end_string,
    `\\b` boundary, `\\B` non_boundary."""

    kind: AtKind


@dataclass(frozen=True, slots=True)
class Backref:
    """`\\1`, `(?P=name)`: the text group `number` matched."""

    number: int


@dataclass(frozen=True, slots=True)
class Conditional:
    """`(?(1)yes|no)`: `yes` if group `number` matched, else `no` (None when absent: nothing)."""

    number: int
    yes: Seq
    no: Seq | None


@dataclass(frozen=True, slots=True)
class Opaque:
    """Something this module does not know (a later Python's opcode): readings treat it as unknown."""

    what: str


Node = (
    Char
    | NotChar
    | AnyChar
    | CharClass
    | Repeat
    | Group
    | Atomic
    | Branch
    | Look
    | At
    | Backref
    | Conditional
    | Opaque
)
Seq = tuple[Node, ...]


def parse(source: str, flags: int = 0) -> Seq | None:
    """The tree of `source`, or None when `re`'s parser refuses it.

    `re.compile` is what reports a bad pattern to the rule author; here any
    failure, a change in the parser's output included, only means "unknown".
    """
    # Of the flags, only re.VERBOSE changes the tree; the others act when
    # `re` compiles it. So a rule's tree is parsed once for all its readings.
    return _parse(source, bool(flags & re.VERBOSE))


@lru_cache(maxsize=1024)
def _parse(source: str, verbose: bool) -> Seq | None:
    try:
        return _seq(_parser.parse(source, re.VERBOSE if verbose else 0))
    except Exception:
        return None


_REPEAT_MODES: dict[Any, RepeatMode] = {
    _c.MAX_REPEAT: "greedy",
    _c.MIN_REPEAT: "lazy",
    _c.POSSESSIVE_REPEAT: "possessive",
}
_AT_KINDS: dict[Any, AtKind] = {
    _c.AT_BEGINNING: "beginning",
    _c.AT_BEGINNING_STRING: "beginning_string",
    _c.AT_END: "end",
    _c.AT_END_STRING: "end_string",
    _c.AT_BOUNDARY: "boundary",
    _c.AT_NON_BOUNDARY: "non_boundary",
}
_CATEGORIES: dict[Any, CategoryName] = {
    _c.CATEGORY_DIGIT: "digit",
    _c.CATEGORY_NOT_DIGIT: "not_digit",
    _c.CATEGORY_SPACE: "space",
    _c.CATEGORY_NOT_SPACE: "not_space",
    _c.CATEGORY_WORD: "word",
    _c.CATEGORY_NOT_WORD: "not_word",
}


def _seq(items: Any) -> Seq:
    return tuple(_node(op, arg) for op, arg in items)


def _node(op: Any, arg: Any) -> Node:  # one case per opcode the parser emits
    # Opcodes, anchors and categories are ints numbered apart: compare each with its own kind only.
    if op is _c.LITERAL:
        return Char(chr(arg))
    if op is _c.NOT_LITERAL:
        return NotChar(chr(arg))
    if op is _c.ANY:
        return AnyChar()
    if op is _c.IN:
        return _char_class(arg)
    if op in _REPEAT_MODES:
        low, high, body = arg
        return Repeat(low, None if high == _c.MAXREPEAT else high, _seq(body), _REPEAT_MODES[op])
    if op is _c.SUBPATTERN:
        number, flags_on, flags_off, body = arg
        return Group(_seq(body), number, re.RegexFlag(flags_on), re.RegexFlag(flags_off))
    if op is _c.ATOMIC_GROUP:
        return Atomic(_seq(arg))
    if op is _c.BRANCH:
        return Branch(tuple(_seq(alternative) for alternative in arg[1]))
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        direction, body = arg
        return Look(_seq(body), ahead=direction == 1, negative=op is _c.ASSERT_NOT)
    if op is _c.AT and arg in _AT_KINDS:
        return At(_AT_KINDS[arg])
    if op is _c.GROUPREF:
        return Backref(arg)
    if op is _c.GROUPREF_EXISTS:
        number, yes, no = arg
        return Conditional(number, _seq(yes), None if no is None else _seq(no))
    return Opaque(f"{op} {arg!r}")


def _char_class(items: Any) -> CharClass | Opaque:
    members: list[Char | Range | Category] = []
    negated = False
    for op, arg in items:
        if op is _c.NEGATE:
            negated = True
        elif op is _c.LITERAL:
            members.append(Char(chr(arg)))
        elif op is _c.RANGE:
            members.append(Range(chr(arg[0]), chr(arg[1])))
        elif op is _c.CATEGORY and arg in _CATEGORIES:
            members.append(Category(_CATEGORIES[arg]))
        else:
            return Opaque(f"{op} {arg!r} in a class")
    return CharClass(tuple(members), negated)
