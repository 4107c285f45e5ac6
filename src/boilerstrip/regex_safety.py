"""Refuse regexes that can backtrack catastrophically, before they meet a page.

Python's `re` cannot be interrupted, so a pattern like `(\\w+\\s?)+$` on a long
line hangs the whole batch. The check is structural: an unbounded repeat whose
body can itself repeat without bound (star height above one) is refused, as
is an unbounded repeat over alternatives that can match the same text. Rule
authors write `(?:\\w+\\s){0,12}` instead; the test suite also times every
bundled pattern against strings built to make bad patterns slow.
"""

from __future__ import annotations

import re._constants as sre_constants  # type: ignore[import-not-found]  # stable since 3.11
import re._parser as sre_parse  # type: ignore[import-not-found]
from typing import Any

# A bounded repeat above this many copies behaves like an unbounded one.
LARGE_REPEAT = 100

_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT}


def unsafe_reason(pattern: str) -> str | None:
    """Why `pattern` is unsafe to run on untrusted text, or None if it is safe."""
    try:
        parsed = sre_parse.parse(pattern)
    except Exception:  # the caller's re.compile reports syntax errors
        return None
    return _scan(list(parsed), inside_unbounded=False)


def _is_unbounded(max_count: int) -> bool:
    return bool(max_count == sre_constants.MAXREPEAT or max_count > LARGE_REPEAT)


def _scan(items: list[tuple[Any, Any]], inside_unbounded: bool) -> str | None:
    for op, arg in items:
        if op in _REPEATS:
            _low, high, body = arg
            unbounded = _is_unbounded(high)
            if unbounded and inside_unbounded and op != sre_constants.POSSESSIVE_REPEAT:
                return "nested unbounded repeat (like (a+)+): catastrophic backtracking"
            if unbounded and _has_unbounded_branch_overlap(list(body)):
                return "unbounded repeat over a group of alternatives that can repeat"
            found = _scan(list(body), inside_unbounded or unbounded)
        elif op == sre_constants.SUBPATTERN:
            found = _scan(list(arg[-1]), inside_unbounded)
        elif op == sre_constants.BRANCH:
            found = next((r for r in (_scan(list(b), inside_unbounded) for b in arg[1]) if r), None)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            found = _scan(list(arg[1]), inside_unbounded)
        else:
            found = None
        if found:
            return found
    return None


def _has_unbounded_branch_overlap(body: list[tuple[Any, Any]]) -> bool:
    """(a|a)* style: alternatives inside an unbounded repeat where one is a repeat."""
    for op, arg in body:
        if op == sre_constants.SUBPATTERN:
            return _has_unbounded_branch_overlap(list(arg[-1]))
        if op == sre_constants.BRANCH:
            return any(
                sub_op in _REPEATS and _is_unbounded(sub_arg[1])
                for branch in arg[1]
                for sub_op, sub_arg in list(branch)
            )
    return False
