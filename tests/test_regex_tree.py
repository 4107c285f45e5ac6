"""The pattern tree the regex readings share: one node kind per construct `re` parses."""

from __future__ import annotations

import re

import pytest

from boilerstrip.matching import keywords, openings, regex_safety
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
    NotChar,
    Opaque,
    Range,
    Repeat,
    parse,
)

a, b, c = Char("a"), Char("b"), Char("c")


@pytest.mark.parametrize(
    ("pattern", "tree"),
    [
        ("ab", (a, b)),
        ("[^a]", (NotChar("a"),)),
        (".", (AnyChar(),)),
        (r"[a-c_\d]", (CharClass((Range("a", "c"), Char("_"), Category("digit"))),)),
        (r"[^\s\W]", (CharClass((Category("space"), Category("not_word")), negated=True),)),
        (r"\S", (CharClass((Category("not_space"),)),)),
        ("a*", (Repeat(0, None, (a,)),)),
        ("a+?", (Repeat(1, None, (a,), "lazy"),)),
        ("a{2,5}+", (Repeat(2, 5, (a,), "possessive"),)),
        ("a?", (Repeat(0, 1, (a,)),)),
        ("(a)", (Group((a,), 1),)),
        ("(?P<author>a)(b)", (Group((a,), 1), Group((b,), 2))),
        ("(?i:a)", (Group((a,), None, flags_on=re.IGNORECASE),)),
        ("(?-i:a)", (Group((a,), None, flags_off=re.IGNORECASE),)),
        ("(?:ab)c", (a, b, c)),  # a plain group is spliced into its parent...
        ("(?:ab)*", (Repeat(0, None, (a, b)),)),  # ...or is the repeat's body
        ("(?>a+)", (Atomic((Repeat(1, None, (a,)),)),)),
        ("ab|c", (Branch(((a, b), (c,))),)),
        ("a|b", (CharClass((a, b)),)),  # one-character alternatives become a class
        ("abc|ade", (a, Branch(((b, c), (Char("d"), Char("e")))))),  # a common prefix is taken out
        ("ab|ac", (a, CharClass((b, c)))),
        (
            "(?=a)(?!b)(?<=c)(?<!a)",
            (
                Look((a,)),
                Look((b,), negative=True),
                Look((c,), ahead=False),
                Look((a,), ahead=False, negative=True),
            ),
        ),
        (
            r"^\A$\Z\b\B",
            tuple(
                At(kind)
                for kind in ("beginning", "beginning_string", "end", "end_string", "boundary", "non_boundary")
            ),
        ),
        (r"(a)\1", (Group((a,), 1), Backref(1))),
        ("(a)(?(1)b|c)", (Group((a,), 1), Conditional(1, (b,), (c,)))),
        ("(a)(?(1)b)", (Group((a,), 1), Conditional(1, (b,), None))),
    ],
)
def test_each_construct_has_its_node(pattern: str, tree: tuple[object, ...]) -> None:
    assert parse(pattern) == tree


def test_only_verbose_changes_the_tree() -> None:
    assert parse("a b", re.VERBOSE) == (a, b)
    assert parse("a b", re.IGNORECASE) == parse("a b") == (a, Char(" "), b)


def test_a_pattern_the_parser_refuses_has_no_tree() -> None:
    assert parse("(a") is None
    assert parse("a{3,2}") is None


def test_ranges_count_and_hold_their_characters() -> None:
    letters = Range("a", "e")
    assert len(letters) == 5 and letters.chars() == list("abcde")
    assert "c" in letters and "f" not in letters


def test_readings_treat_an_unknown_node_as_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    """A later Python's opcode becomes Opaque: no gate, no openings, and the
    safety check assumes the worst inside a repeat."""
    monkeypatch.setattr(keywords, "parse", lambda source, flags=0: (Char("x"), Opaque("NEW")))
    monkeypatch.setattr(openings, "parse", lambda source, flags=0: (Opaque("NEW"), Char("x")))
    unknown_or_a = Branch(((Opaque("NEW"),), (a,)))
    monkeypatch.setattr(regex_safety, "parse", lambda source, flags=0: (Repeat(0, None, (unknown_or_a,)),))
    pattern = re.compile("opaque-node-test")  # a source no cache has seen
    assert keywords.required_words(pattern, "full") is None
    assert openings.rule_openings(pattern, "full") is None
    assert regex_safety.unsafe_reason("opaque-node-test") is not None
