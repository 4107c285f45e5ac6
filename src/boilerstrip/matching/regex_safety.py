"""Refuse regexes that can backtrack catastrophically, before they meet a page.

Python's `re` cannot be interrupted, so a pattern like `(\\w+\\s?)+$` on a long
line hangs the whole batch. Two checks, both on the parsed pattern:

- structural: an unbounded repeat whose body can itself repeat without bound
  (star height above one, `(a+)+`) is refused;
- overlap: an unbounded repeat over alternatives that can begin with the same
  character (`(a|aa)*`, `(\\w|\\d\\d)+`, `(?:a{1,3})*`) is refused, because a
  string can then be split among the copies in exponentially many ways.
  Alternatives that differ at some character (`(?:news|sport)+`) pass, as
  does one that extends another only by characters no copy can start with
  (`(?:x\\s?)*`). Character sets are compared on a sample alphabet (ASCII
  plus letters, digits, spaces and punctuation from elsewhere in Unicode),
  which covers the classes rule authors use. (`re` itself merges
  one-character alternatives such as `(\\w|\\d)` into one class, which
  is safe.)

Rule authors write `(?:\\w+\\s){0,12}` instead. A pattern that passes both
checks is still timed against adversarial strings: in the test suite for the
bundled rules, and at load time for a user's rule files (`timed_reason`).
"""

from __future__ import annotations

import re._constants as sre_constants  # type: ignore[import-not-found]  # stable since 3.11
import re._parser as sre_parse  # type: ignore[import-not-found]
import string
import time
from collections.abc import Callable
from typing import Any

# A bounded repeat above this many copies behaves like an unbounded one.
LARGE_REPEAT = 100

_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT}
# Characters that stand for their classes when first-character sets are compared.
SAMPLE_ALPHABET = frozenset(string.printable + "éßÄñçøЖж中٣\u00a0\u2009\u2019\u201c—–…»«·•©")
_NEWLINE = "\n"
# How far alternatives are expanded and compared; patterns past these bounds
# are judged on what was seen, or refused when the alternatives are too many.
MAX_ALTERNATIVES = 256
MAX_PREFIX = 24
# A pattern's alternatives as sequences of character sets; None: anything from here.
_Sequence = tuple[frozenset[str] | None, ...]

# Strings built to make a backtracking pattern slow: long runs of one class,
# alternations of classes, near-misses. Length matches what block rules see.
ADVERSARIAL_LENGTH = 600
ADVERSARIAL_STRINGS = (
    "a" * ADVERSARIAL_LENGTH,
    " " * ADVERSARIAL_LENGTH,
    "1" * ADVERSARIAL_LENGTH,
    "a " * (ADVERSARIAL_LENGTH // 2),
    "- " * (ADVERSARIAL_LENGTH // 2),
    "1," * (ADVERSARIAL_LENGTH // 2),
    "a1" * (ADVERSARIAL_LENGTH // 2),
    "." * ADVERSARIAL_LENGTH,
    ("Home » " * 100)[:ADVERSARIAL_LENGTH] + "!",
)
# A safe pattern runs every adversarial string in a few milliseconds; one
# that takes this long on them is exponential or close to it.
MAX_ADVERSARIAL_SECONDS = 0.5


def unsafe_reason(pattern: str) -> str | None:
    """Why `pattern` is unsafe to run on untrusted text, or None if it is safe."""
    try:
        parsed = sre_parse.parse(pattern)
    except Exception:  # the caller's re.compile reports syntax errors
        return None
    return _scan(list(parsed), inside_unbounded=False)


def timed_reason(find: Callable[[str], object], budget: float = MAX_ADVERSARIAL_SECONDS) -> str | None:
    """Why a rule's matcher (`find`, as the pipeline calls it) is too slow on
    adversarial strings, or None if it is fast.

    A hanging pattern is cut short only between strings (`re` cannot be
    interrupted), so this runs after the structural checks, which refuse the
    shapes that hang outright.
    """
    started = time.perf_counter()
    for text in ADVERSARIAL_STRINGS:
        for probe in (text, text[:-1] + "\x00"):  # a failing tail forces full backtracking
            find(probe)
            elapsed = time.perf_counter() - started
            if elapsed > budget:
                return (
                    f"too slow on adversarial text ({elapsed:.2f} s > {budget:g} s on "
                    f"{len(probe)} characters of {text[:8]!r}...): it backtracks"
                )
    return None


def _is_unbounded(max_count: int) -> bool:
    return bool(max_count == sre_constants.MAXREPEAT or max_count > LARGE_REPEAT)


def _scan(items: list[tuple[Any, Any]], inside_unbounded: bool) -> str | None:
    for op, arg in items:
        if op in _REPEATS:
            _low, high, body = arg
            unbounded = _is_unbounded(high) and op != sre_constants.POSSESSIVE_REPEAT
            if unbounded and inside_unbounded:
                return "nested unbounded repeat (like (a+)+): catastrophic backtracking"
            found = _scan(list(body), inside_unbounded or unbounded)
            if not found and unbounded and _alternatives_overlap(list(body)):
                found = (
                    "unbounded repeat over alternatives that can start with the same "
                    "character (like (a|aa)* or (\\w|\\d\\d)+): catastrophic backtracking"
                )
        elif op == sre_constants.SUBPATTERN:
            found = _scan(list(arg[-1]), inside_unbounded)
        elif op == sre_constants.ATOMIC_GROUP:
            found = _scan(list(arg), inside_unbounded=False)
        elif op == sre_constants.BRANCH:
            found = next((r for r in (_scan(list(b), inside_unbounded) for b in arg[1]) if r), None)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            found = _scan(list(arg[1]), inside_unbounded)
        else:
            found = None
        if found:
            return found
    return None


def _alternatives_overlap(body: list[tuple[Any, Any]]) -> bool:
    """Whether one string can be split into copies of the repeated body in two ways.

    The body is expanded into its alternatives (branches, optional parts, one
    or two copies of a bounded repeat), each a sequence of character sets.
    Two alternatives are told apart when, at some position, their sets are
    disjoint. When one is a prefix of the other, the longer one's next
    character must be able to start a new copy for the split to be ambiguous.
    """
    alternatives = _alternatives(body)
    if len(alternatives) > MAX_ALTERNATIVES:
        return True  # too many to compare: assume the worst
    starts = frozenset().union(*(alt[0] for alt in alternatives if alt and alt[0] is not None))
    if any(alt and alt[0] is None for alt in alternatives):
        starts = SAMPLE_ALPHABET
    return any(_indistinct(a, b, starts) for i, a in enumerate(alternatives) for b in alternatives[i + 1 :])


def _indistinct(a: _Sequence, b: _Sequence, starts: frozenset[str]) -> bool:
    for x, y in zip(a, b, strict=False):
        if x is None or y is None:
            return True
        if not x & y:
            return False
    if len(a) == len(b):
        return True
    longer = a if len(a) > len(b) else b
    follow = longer[min(len(a), len(b))]
    return follow is None or bool(follow & starts)


def _alternatives(items: list[tuple[Any, Any]]) -> list[_Sequence]:
    """The ways `items` can match, as sequences of character sets (None: unknown)."""
    alternatives: list[_Sequence] = [()]
    for op, arg in items:
        tails = _item_alternatives(op, arg)
        alternatives = list(
            dict.fromkeys(
                head if head and head[-1] is None else (head + tail)[:MAX_PREFIX]
                for head in alternatives
                for tail in tails
            )
        )
        if len(alternatives) > MAX_ALTERNATIVES:
            break
    return alternatives


def _item_alternatives(op: Any, arg: Any) -> list[_Sequence]:
    if op in (sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.ANY, sre_constants.IN):
        return [(_first_of(op, arg)[0],)]
    if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return [()]
    if op == sre_constants.SUBPATTERN:
        return _alternatives(list(arg[-1]))
    if op == sre_constants.ATOMIC_GROUP:
        return _alternatives(list(arg))
    if op == sre_constants.BRANCH:
        return [alt for branch in arg[1] for alt in _alternatives(list(branch))]
    if op in _REPEATS:
        low, high, body = arg
        copy = _alternatives(list(body))
        fixed: list[_Sequence] = _alternatives(list(body) * min(low, MAX_PREFIX)) if low else [()]
        if high == low:
            return fixed
        if _is_unbounded(high):
            return [*fixed, *((*f, *c, None) for f in fixed for c in copy)]
        return [*fixed, *_alternatives(list(body) * min(low + 1, MAX_PREFIX))]
    return [(None,)]


def _first(items: list[tuple[Any, Any]]) -> tuple[frozenset[str], bool]:
    """The sample characters a sequence can begin with, and whether it can match empty."""
    chars: set[str] = set()
    for op, arg in items:
        item_chars, nullable = _first_of(op, arg)
        chars |= item_chars
        if not nullable:
            return frozenset(chars), False
    return frozenset(chars), True


def _first_of(op: Any, arg: Any) -> tuple[frozenset[str], bool]:
    if op == sre_constants.LITERAL:
        return _cased(chr(arg)), False
    if op == sre_constants.NOT_LITERAL:
        return SAMPLE_ALPHABET - _cased(chr(arg)), False
    if op == sre_constants.ANY:
        return SAMPLE_ALPHABET - {_NEWLINE}, False
    if op == sre_constants.IN:
        return frozenset(c for c in SAMPLE_ALPHABET if _in_class(c, list(arg))), False
    if op in _REPEATS:
        low, _high, body = arg
        chars, nullable = _first(list(body))
        return chars, nullable or low == 0
    if op == sre_constants.SUBPATTERN:
        return _first(list(arg[-1]))
    if op == sre_constants.ATOMIC_GROUP:
        return _first(list(arg))
    if op == sre_constants.BRANCH:
        results = [_first(list(branch)) for branch in arg[1]]
        return frozenset().union(*(r[0] for r in results)), any(r[1] for r in results)
    if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return frozenset(), True
    # Back-references and anything unforeseen: assume the worst.
    return SAMPLE_ALPHABET, True


def _cased(char: str) -> frozenset[str]:
    # Case-insensitive matching is the rules' default; fold both ways to be safe.
    return frozenset(c for c in (char, char.lower(), char.upper()) if len(c) == 1)


def _in_class(char: str, members: list[tuple[Any, Any]]) -> bool:
    negate = False
    found = False
    for op, arg in members:
        if op == sre_constants.NEGATE:
            negate = True
        elif op == sre_constants.LITERAL:
            found = found or char in _cased(chr(arg))
        elif op == sre_constants.RANGE:
            low, high = arg
            found = found or any(low <= ord(c) <= high for c in _cased(char))
        elif op == sre_constants.CATEGORY:
            found = found or _in_category(char, arg)
    return found != negate


def _in_category(char: str, category: Any) -> bool:
    name = str(category).upper()
    if "DIGIT" in name:
        hit = char.isdecimal()
    elif "SPACE" in name:
        hit = char.isspace()
    elif "WORD" in name:
        hit = char.isalnum() or char == "_"
    else:
        hit = False
    return not hit if "NOT" in name else hit
