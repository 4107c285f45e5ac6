"""Refuse regexes that can backtrack catastrophically, before they meet a page.

Python's `re` can be stopped only by a signal, on the main thread; in a
thread pool or a Dask worker nothing interrupts it, so a pattern like
`(\\w+\\s?)+$` on a long line would hang its page. Two checks, both on the pattern's tree
(`boilerstrip.matching.regex_tree`):

- structural: an unbounded repeat whose body can itself repeat without bound
  (star height above one, `(a+)+`) is refused;
- overlap: an unbounded repeat over alternatives that can begin with the same
  character (`(a|aa)*`, `(\\w|\\d\\d)+`, `(?:a{1,3})*`) is refused, because a
  string can then be split among the copies in exponentially many ways.
  The branches of a conditional are read as alternatives, and a copy that
  can start with anything (a back-reference) overlaps. For a user's rules
  (`strict`) the same holds for bounded repeats of varying count
  (`(?:q{1,100}){1,100}`).
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

import string
import time
from collections.abc import Callable

from boilerstrip.limits import Limits, TimeLimitExceeded, deadline
from boilerstrip.matching.regex_tree import (
    AnyChar,
    At,
    Atomic,
    Branch,
    Category,
    CategoryName,
    Char,
    CharClass,
    Conditional,
    Group,
    Look,
    Node,
    NotChar,
    Range,
    Repeat,
    Seq,
    parse,
)

# A bounded repeat above this many copies behaves like an unbounded one.
LARGE_REPEAT = 100

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


def unsafe_reason(pattern: str, *, strict: bool = False) -> str | None:
    """Why `pattern` is unsafe to run on untrusted text, or None if it is safe.

    `strict` (a user's rules) also refuses bounded repeats of varying count
    over alternatives that overlap, such as `(?:q{1,100}){1,100}`: the copies
    can split a string in up to bound^length ways, and no sample of strings
    proves a given bound harmless. The bundled rules use small bounds of that
    shape and are timed in the test suite instead.
    """
    tree = parse(pattern)  # None: the caller's re.compile reports the syntax error
    if tree is None:
        return None
    return _scan(tree, inside_unbounded=False, strict=strict, alphabet=SAMPLE_ALPHABET | _own_chars(tree))


def timed_reason(find: Callable[[str], object], budget: float = MAX_ADVERSARIAL_SECONDS) -> str | None:
    """Why a rule's matcher (`find`, as the pipeline calls it) is too slow on
    adversarial strings, or None if it is fast.

    On the main thread an alarm stops a match that runs past the budget (`re`
    checks for signals as it backtracks), so the check itself is bounded.
    Elsewhere a match runs to its end: the structural checks, which run
    first and refuse the shapes that hang outright, are what bound it there.
    """
    started = time.perf_counter()
    probe = ""
    try:
        with deadline(Limits(timeout=budget)):
            for text in ADVERSARIAL_STRINGS:
                for probe in (text, text[:-1] + "\x00"):  # a failing tail forces full backtracking
                    find(probe)
                    if time.perf_counter() - started > budget:
                        return _too_slow(time.perf_counter() - started, budget, probe)
    except TimeLimitExceeded:
        return _too_slow(time.perf_counter() - started, budget, probe)
    return None


def _too_slow(elapsed: float, budget: float, probe: str) -> str:
    return (
        f"too slow on adversarial text ({elapsed:.2f} s > {budget:g} s on "
        f"{len(probe)} characters of {probe[:8]!r}...): it backtracks"
    )


NESTED = "nested unbounded repeat (like (a+)+): catastrophic backtracking"
OVERLAP = (
    "unbounded repeat over alternatives that can start with the same "
    "character (like (a|aa)* or (\\w|\\d\\d)+): catastrophic backtracking"
)


BOUNDED_OVERLAP = (
    "repeat of varying count over alternatives that can start with the same character "
    "(like (?:a{1,100}){1,100}): up to bound^length ways to split a line; make it possessive "
    "({1,6}+) or atomic ((?>...)), or the alternatives distinct"
)


def _is_unbounded(high: int | None) -> bool:
    return high is None or high > LARGE_REPEAT


def _scan(nodes: Seq, inside_unbounded: bool, strict: bool, alphabet: frozenset[str]) -> str | None:
    for node in nodes:
        match node:
            case Repeat(low, high, body, mode):
                # A possessive repeat never gives back a copy, so it cannot split a string two ways.
                unbounded = _is_unbounded(high) and mode != "possessive"
                if unbounded and inside_unbounded:
                    return NESTED
                found = _scan(body, inside_unbounded or unbounded, strict, alphabet)
                varying = strict and mode != "possessive" and high != low and (high is None or high > 1)
                if not found and (unbounded or varying) and _alternatives_overlap(body, alphabet):
                    found = OVERLAP if unbounded else BOUNDED_OVERLAP
            case Group(body) | Look(body):
                found = _scan(body, inside_unbounded, strict, alphabet)
            case Atomic(body):  # it never backtracks into its body: what is inside starts afresh
                found = _scan(body, False, strict, alphabet)
            case Branch(alternatives):
                found = _first_reason(alternatives, inside_unbounded, strict, alphabet)
            case Conditional(_, yes, no):  # either branch may run: both are read as a Branch's
                found = _first_reason((yes, no or ()), inside_unbounded, strict, alphabet)
            case _:  # characters, anchors, back-references
                found = None
        if found:
            return found
    return None


def _first_reason(
    alternatives: tuple[Seq, ...], inside_unbounded: bool, strict: bool, alphabet: frozenset[str]
) -> str | None:
    return next((r for r in (_scan(a, inside_unbounded, strict, alphabet) for a in alternatives) if r), None)


def _alternatives_overlap(body: Seq, alphabet: frozenset[str]) -> bool:
    """Whether one string can be split into copies of the repeated body in two ways.

    The body is expanded into its alternatives (branches, optional parts, one
    or two copies of a bounded repeat), each a sequence of character sets.
    Two alternatives are told apart when, at some position, their sets are
    disjoint. When one is a prefix of the other, the longer one's next
    character must be able to start a new copy for the split to be ambiguous.
    """
    alternatives = _alternatives(body, alphabet)
    if len(alternatives) > MAX_ALTERNATIVES:
        return True  # too many to compare: assume the worst
    if any(alt[:1] == (None,) for alt in alternatives):
        return True  # a copy that can start with anything (a back-reference) can overlap the next
    starts = frozenset().union(*(alt[0] for alt in alternatives if alt and alt[0] is not None))
    if any(alt and alt[0] is None for alt in alternatives):
        starts = alphabet
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


def _alternatives(nodes: Seq, alphabet: frozenset[str]) -> list[_Sequence]:
    """The ways `nodes` can match, as sequences of character sets (None: unknown)."""
    alternatives: list[_Sequence] = [()]
    for node in nodes:
        tails = _node_alternatives(node, alphabet)
        alternatives = list(
            dict.fromkeys(
                head if head and head[-1] is None else (head + tail)[:MAX_PREFIX]
                for head in alternatives
                for tail in tails
            )
        )
        if len(alternatives) > MAX_ALTERNATIVES:
            break
        if all(len(alt) >= MAX_PREFIX or alt[-1:] == (None,) for alt in alternatives):
            # Every alternative is as long as is compared, or open-ended: the
            # rest cannot change them, and expanding it (nested bounded
            # repeats, `((a{24}){24}){24}`) would cost its full size.
            break
    return alternatives


def _node_alternatives(node: Node, alphabet: frozenset[str]) -> list[_Sequence]:
    match node:
        case Char() | NotChar() | AnyChar() | CharClass():
            return [(_sample_chars(node, alphabet),)]
        case At() | Look():
            return [()]
        case Group(body) | Atomic(body):
            return _alternatives(body, alphabet)
        case Branch(alternatives):
            return [alt for branch in alternatives for alt in _alternatives(branch, alphabet)]
        case Conditional(_, yes, no):
            return [*_alternatives(yes, alphabet), *_alternatives(no or (), alphabet)]
        case Repeat(low, high, body):
            copy = _alternatives(body, alphabet)
            fixed: list[_Sequence] = _alternatives(body * min(low, MAX_PREFIX), alphabet) if low else [()]
            if high == low:
                return fixed
            if _is_unbounded(high):
                return [*fixed, *((*f, *c, None) for f in fixed for c in copy)]
            return [*fixed, *_alternatives(body * min(low + 1, MAX_PREFIX), alphabet)]
        case _:  # back-references, conditionals, anything unforeseen: anything from here
            return [(None,)]


def _sample_chars(node: Char | NotChar | AnyChar | CharClass, alphabet: frozenset[str]) -> frozenset[str]:
    """The characters of the sample alphabet that `node` matches, in either case."""
    match node:
        case Char(char):
            return _cased(char)
        case NotChar(char):
            return alphabet - _cased(char)
        case AnyChar():
            return alphabet - {_NEWLINE}
        case CharClass(items, negated):
            return frozenset(c for c in alphabet if _in_class(c, items) != negated)


def _own_chars(nodes: Seq) -> frozenset[str]:
    """Every character the pattern names, and both ends of every range it
    names. Added to the sample alphabet, they make set comparisons exact for
    characters and ranges: two ranges that overlap share an end of one of
    them, so `[\u0500-\u0510]` meets itself even though no sample character
    lies in it."""
    found: set[str] = set()
    for node in nodes:
        match node:
            case Char(char) | NotChar(char):
                found.add(char)
            case CharClass(items):
                for item in items:
                    if isinstance(item, Char):
                        found.add(item.char)
                    elif isinstance(item, Range):
                        found.update((item.low, item.high))
            case Repeat(body=body) | Group(body) | Look(body) | Atomic(body):
                found |= _own_chars(body)
            case Branch(alternatives):
                found = found.union(*(_own_chars(alt) for alt in alternatives))
            case Conditional(_, yes, no):
                found |= _own_chars(yes) | _own_chars(no or ())
    return frozenset(found)


def _cased(char: str) -> frozenset[str]:
    # Case-insensitive matching is the rules' default; fold both ways to be safe.
    return frozenset(c for c in (char, char.lower(), char.upper()) if len(c) == 1)


def _in_class(char: str, items: tuple[Char | Range | Category, ...]) -> bool:
    for item in items:
        match item:
            case Char(member):
                hit = char in _cased(member)
            case Range():
                hit = any(c in item for c in _cased(char))
            case Category(name):
                hit = _in_category(char, name)
        if hit:
            return True
    return False


def _in_category(char: str, name: CategoryName) -> bool:
    kind = name.removeprefix("not_")
    if kind == "digit":
        hit = char.isdecimal()
    elif kind == "space":
        hit = char.isspace()
    else:
        hit = char.isalnum() or char == "_"
    return hit != name.startswith("not_")
