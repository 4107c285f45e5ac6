"""The words a rule cannot match without, and the gate they make.

Trying every rule of every kind on every block is most of what cleaning
plain text costs, and almost every try fails. But most rules name a word:
no text matches `^-?\\s*advertisement\\s*-?$` unless "advertisement" is one
of its words. So each rule's pattern is read once, when the rules
load, for a set of *required words*: any text the rule matches contains one
of them as a whole word. A block's words are found once, when the page is
screened (`boilerstrip.matching.screen`); a rule is tried only on blocks that have
one of its required words. The gate only ever turns away blocks the rule cannot
match, so it changes what is removed by nothing, only what it costs.

The reading walks the pattern's tree (`boilerstrip.matching.regex_tree`),
keeping for each part only the shape of what it can match: where words
start and end, and which words it certainly holds whole, i.e. bounded on
both sides by non-letters, an anchor or `\\b` (see `Shape` below). Anything
the reading does not follow (a `.*`, a class like `\\w`, a back-reference) is
opaque: the words beside it are not whole, and a rule whose every word
touches something opaque gets no gate and is tried on every block of a
length it admits, as before.

Case: words are compared in one canonical lower case, the one in which two
characters that `re.IGNORECASE` treats as equal ("s" and the long s "ſ",
"i" and the dotless "ı") are also equal, so the gate is safe for every rule,
case-sensitive or not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import product
from typing import Any

from boilerstrip.matching.regex_tree import (
    At,
    Atomic,
    Branch,
    Category,
    Char,
    CharClass,
    Conditional,
    Group,
    Look,
    Node,
    Range,
    Repeat,
    Seq,
    parse,
)
from boilerstrip.reading.words import DIGIT, LETTER_RUN, SYMBOL_SET, canonical

# The reading keeps, for each string a pattern part can match, only its
# *shape*: a string with no separator in it is one word fragment,
# ("frag", text); a string with separators is ("split", head, best, tail):
# the fragment before its first separator, the most selective words it
# certainly holds whole, and the fragment after its last separator. A
# fragment is None when unknown (what `\w+` or `.*` matched), and an unknown
# fragment never joins into a known word. Anything the reading does not
# follow is ("split", None, None, None): it may hold separators or not, and
# either way the words whole on each side of it stay whole.
Shape = tuple[Any, ...]
Shapes = frozenset[Shape]
_UNKNOWN: Shape = ("split", None, None, None)
_SEPARATOR: Shape = ("split", "", None, "")
_EMPTY: Shape = ("frag", "")
_DIGIT_TERM: Shape = ("split", "", frozenset({DIGIT}), "")
# A part whose shapes outnumber this is widened: its fragments are forgotten,
# its whole words kept. It bounds the reading's cost (about 0.4 s for the
# bundled rules, once per process).
MAX_SHAPES = 512


def required_words(pattern: re.Pattern[str], match: str) -> frozenset[str] | None:
    """Words (canonical) one of which stands whole in any text the rule matches; None if unknown.

    `match` is the rule's mode: a `full` match is bounded by the block's
    edges, a `start` match by its beginning, a `search` match by neither.
    """
    return _required_words(pattern.pattern, pattern.flags, match)


@lru_cache(maxsize=1024)  # rule sets are loaded again with user rules; the reading is the same
def _required_words(source: str, flags: int, match: str) -> frozenset[str] | None:
    tree = parse(source, flags)
    if tree is None:
        return None
    left = _SEPARATOR if match in ("full", "start") else _UNKNOWN
    right = _SEPARATOR if match == "full" else _UNKNOWN
    found = _required(_sequence([_sequence_of(tree, frozenset({left})), frozenset({right})]))
    if tree and isinstance(tree[0], Look) and tree[0].ahead and not tree[0].negative:
        # A lookahead that opens the pattern checks the text the match
        # starts with: its words are required too, and may be the better gate.
        ahead = _required(_sequence([_sequence_of(tree[0].body, frozenset({left})), frozenset({_UNKNOWN})]))
        if ahead is not None and (found is None or _selectivity(ahead) > _selectivity(found)):
            found = ahead
    return found


def _required(shapes: Shapes) -> frozenset[str] | None:
    required: set[str] = set()
    for shape in shapes:
        if shape[0] == "frag" or shape[2] is None:
            return None
        required |= shape[2]
    return frozenset(required)


def _sequence_of(nodes: Seq, before: Shapes = frozenset({_EMPTY})) -> Shapes:
    """The shapes of a sequence of regex parts, read after a string of shape `before`.

    Where what came before ends in a separator, each part is read knowing
    it: the words at its start are whole from the outset, so widening a
    large part (an alternation of many phrases) does not forget them.
    """
    shapes = before
    for node in nodes:
        after_separator = all(shape[0] == "split" and shape[3] == "" for shape in shapes)
        shapes = _sequence([shapes, _part(node, after_separator)])
    return shapes


def _part(node: Node, after_separator: bool = False) -> Shapes:
    start = frozenset({_SEPARATOR if after_separator else _EMPTY})
    match node:
        case Char(char):
            return _char_shapes({canonical(char)})
        case CharClass(items, negated=False):
            return _char_set(items)
        case At("non_boundary"):
            return frozenset({_EMPTY})
        case At():  # \b, and the edges of the text or of a line
            return frozenset({_SEPARATOR})
        case Look(body, ahead=True, negative=False) if _starts_with_separator(_sequence_of(body)):
            # A lookahead that sees a separator next, "(?=\\s+\\d{4})": whatever
            # follows, the word before it ends here.
            return frozenset({_SEPARATOR})
        case Look():
            return frozenset({_EMPTY})  # zero-width: its neighbours touch in the text
        case Group(body) | Atomic(body):
            return _sequence_of(body, start)
        case Conditional(yes=yes, no=no):  # (?(1)yes|no): either branch
            return _sequence_of(yes, start) | (start if no is None else _sequence_of(no, start))
        case Branch(alternatives):
            return _widen_if_large(frozenset().union(*(_sequence_of(alt, start) for alt in alternatives)))
        case Repeat(low, high, body):
            return _repeat(low, high, _sequence_of(body))
        case _:  # any character, a negated class, a back-reference: what they match is not known
            return frozenset({_UNKNOWN})


def _starts_with_separator(shapes: Shapes) -> bool:
    return all(shape[0] == "split" and shape[1] == "" for shape in shapes)


def _char_shapes(chars: Iterable[str]) -> Shapes:
    shapes = frozenset(_char_shape(c) for c in chars)
    if _SEPARATOR in shapes:
        # A class that may match a plain separator requires none of its
        # digits or symbols; keeping them would only multiply the shapes.
        return frozenset(shape for shape in shapes if shape[0] == "frag") | {_SEPARATOR}
    return shapes


def _char_shape(char: str) -> Shape:
    """A letter is a word fragment; a digit or a symbol parts words and is a term itself."""
    if LETTER_RUN.fullmatch(char):
        return ("frag", char)
    if char.isdecimal():
        return _DIGIT_TERM
    if char in SYMBOL_SET:
        return ("split", "", frozenset({char}), "")
    return _SEPARATOR


def _char_set(items: tuple[Char | Range | Category, ...]) -> Shapes:
    chars: set[str] = set()
    for item in items:
        match item:
            case Char(char):
                chars.add(canonical(char))
            case Range() if len(item) <= 128:
                chars.update(canonical(char) for char in item.chars())
            case Category("space" | "not_word"):
                chars.add(" ")
            case Category("digit"):
                chars.add("0")
            case _:
                return frozenset({_UNKNOWN})
    shapes = _char_shapes(chars)
    if len(shapes) <= 8:  # separators all count as one
        return shapes
    return frozenset({_UNKNOWN})


def _repeat(low: int, high: int | None, body: Shapes) -> Shapes:
    if all(shape == _EMPTY or shape[1::2] == ("", "") for shape in body):
        # Runs of spaces, punctuation, digits and symbols: one copy is as good
        # as many, and when there may be none, its terms are not required.
        return frozenset({_EMPTY, _SEPARATOR}) if low == 0 or _EMPTY in body else body
    if high == low and low <= 3:
        return _sequence([body] * low)
    if low == 0 and high == 1:
        return body | {_EMPTY}
    # One or more copies: the words whole inside a copy stay whole; the
    # copies' edges join into words of unknown length.
    copies = _widen(body)
    return copies | {_EMPTY} if low == 0 else copies


def _sequence(parts: Sequence[Shapes]) -> Shapes:
    shapes: Shapes = frozenset({_EMPTY})
    for part in parts:
        if len(shapes) * len(part) > MAX_SHAPES:
            shapes, part = _merged(shapes), _merged(part)
        if len(shapes) * len(part) > MAX_SHAPES and len(shapes) * len(_widen(part)) <= MAX_SHAPES:
            # The part's far edge is the cheaper to forget: what came before
            # keeps its last word, which the part's first separator makes whole.
            part = _widen(part)
        if len(shapes) * len(part) > MAX_SHAPES:
            shapes = _widen(shapes)
        if len(shapes) * len(part) > MAX_SHAPES:
            part = _widen(part)
        shapes = frozenset(_join(a, b) for a, b in product(shapes, part))
    return _widen_if_large(shapes)


def _merged(shapes: Shapes) -> Shapes:
    """One shape per pair of edges: strings that differ only in the words they
    certainly hold become one that holds a word of either ("with AP" and
    "inputs from AP" both open on a separator and end in the fragment "ap").
    Nothing is forgotten but which word went with which string, so merging
    comes before widening when a part has too many shapes."""
    words_by_edges: dict[tuple[str | None, str | None], frozenset[str] | None] = {}
    fragments = set()
    for shape in shapes:
        if shape[0] == "frag":
            fragments.add(shape)
            continue
        edges = (shape[1], shape[3])
        if edges not in words_by_edges:
            words_by_edges[edges] = shape[2]
        else:
            known = words_by_edges[edges]
            words_by_edges[edges] = None if known is None or shape[2] is None else known | shape[2]
    merged = {("split", head, words, tail) for (head, tail), words in words_by_edges.items()}
    return frozenset(fragments) | merged


def _join(left: Shape, right: Shape) -> Shape:
    """The shape of a string of shape `left` followed by one of shape `right`."""
    if left[0] == "frag" and right[0] == "frag":
        return ("frag", _glue(left[1], right[1]))
    if left[0] == "frag":
        return ("split", _glue(left[1], right[1]), right[2], right[3])
    if right[0] == "frag":
        return ("split", left[1], left[2], _glue(left[3], right[1]))
    # Where they meet, left's tail and right's head form one word, whole
    # because separators bound it on both sides.
    middle = _glue(left[3], right[1])
    candidates = [left[2], right[2], frozenset({middle}) if middle else None]
    best = max((c for c in candidates if c), key=_selectivity, default=None)
    return ("split", left[1], best, right[3])


def _glue(a: str | None, b: str | None) -> str | None:
    return None if a is None or b is None else a + b


def _widen(shapes: Shapes) -> Shapes:
    """Forget the word fragments at the edges, keep the whole words: far fewer shapes.

    An edge that is a separator (an empty fragment) is kept: it is what
    makes the next part's first word whole.
    """
    return frozenset(
        (_EMPTY if s == _EMPTY else _UNKNOWN)
        if s[0] == "frag"
        else ("split", _forgotten(s[1]), s[2], _forgotten(s[3]))
        for s in shapes
    )


def _forgotten(fragment: str | None) -> str | None:
    return "" if fragment == "" else None


def _widen_if_large(shapes: Shapes) -> Shapes:
    if len(shapes) > MAX_SHAPES:
        shapes = _merged(shapes)
    return _widen(shapes) if len(shapes) > MAX_SHAPES else shapes


def _selectivity(required: frozenset[str]) -> tuple[int, int]:
    """Prefer requirements whose words are long (rare), then fewer of them."""
    return (min(len(word) for word in required), -len(required))
