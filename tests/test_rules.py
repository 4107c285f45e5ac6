"""Every rule's own examples, the loader's refusals, and regex safety."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from lxml import html as lxml_html

from boilerstrip.matching.regex_safety import unsafe_reason
from boilerstrip.matching.rules import MAX_RULE_TEXT, BlockRule, DomRule, RuleError, load_rules
from boilerstrip.stages.dom_boilerplate import rule_matches

BUNDLED = load_rules()
BLOCK_RULES = BUNDLED.all_block_rules()
DOM_RULES = list(BUNDLED.dom_rules)


def _examples(rules: list[BlockRule] | list[DomRule], attr: str) -> list[tuple[str, str]]:
    return [(rule.id, example) for rule in rules for example in getattr(rule, attr)]


def test_bundled_rules_cover_every_kind_of_debris() -> None:
    from boilerstrip.pipeline import BLOCK_KINDS

    missing = [kind for kind in BLOCK_KINDS if not BUNDLED.block_kind(kind)]
    assert not missing, f"no rule file for {missing}"
    assert DOM_RULES, "no dom rules"


@pytest.mark.parametrize(("rule_id", "example"), _examples(BLOCK_RULES, "must_match"))
def test_block_rule_matches_its_examples(rule_id: str, example: str) -> None:
    rule = next(r for r in BLOCK_RULES if r.id == rule_id)
    assert rule.find(example), f"{rule_id} misses {example!r}"


@pytest.mark.parametrize(("rule_id", "example"), _examples(BLOCK_RULES, "must_not_match"))
def test_block_rule_spares_its_counter_examples(rule_id: str, example: str) -> None:
    rule = next(r for r in BLOCK_RULES if r.id == rule_id)
    assert not rule.find(example), f"{rule_id} wrongly matches {example!r}"


def _root(snippet: str) -> lxml_html.HtmlElement:
    return lxml_html.fragment_fromstring(snippet)


@pytest.mark.parametrize(("rule_id", "snippet"), _examples(DOM_RULES, "must_match"))
def test_dom_rule_matches_its_examples(rule_id: str, snippet: str) -> None:
    rule = next(r for r in DOM_RULES if r.id == rule_id)
    assert rule_matches(rule, _root(snippet))


@pytest.mark.parametrize(("rule_id", "snippet"), _examples(DOM_RULES, "must_not_match"))
def test_dom_rule_spares_its_counter_examples(rule_id: str, snippet: str) -> None:
    rule = next(r for r in DOM_RULES if r.id == rule_id)
    assert not rule_matches(rule, _root(snippet))


# Strings built to make a backtracking regex slow: long runs of one
# character class, alternations of classes, and near-misses of markers.
ADVERSARIAL = [
    "a" * MAX_RULE_TEXT,
    " " * MAX_RULE_TEXT,
    "a " * (MAX_RULE_TEXT // 2),
    "- " * (MAX_RULE_TEXT // 2),
    "1," * (MAX_RULE_TEXT // 2),
    ("Advertisement " * 60)[:MAX_RULE_TEXT],
    ("Home » " * 100)[:MAX_RULE_TEXT] + "!",
    ("© 2024 " * 100)[:MAX_RULE_TEXT],
]
# Generous for a slow CI machine; a catastrophic pattern takes seconds to forever.
MAX_SECONDS_PER_RULE = 0.25


@pytest.mark.parametrize("rule_id", [r.id for r in BLOCK_RULES])
def test_block_rule_is_fast_on_adversarial_text(rule_id: str) -> None:
    rule = next(r for r in BLOCK_RULES if r.id == rule_id)
    started = time.perf_counter()
    for text in ADVERSARIAL:
        rule.find(text)  # the rule's own match mode, as the pipeline runs it
    assert time.perf_counter() - started < MAX_SECONDS_PER_RULE


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(\w+\s?)+$", r"(?:x|y+)*z", r"(.*,)*end"])
def test_catastrophic_shapes_are_refused(pattern: str) -> None:
    assert unsafe_reason(pattern)


@pytest.mark.parametrize("pattern", [r"(?:\w+\s){0,12}end", r"-\s*advertisement\s*-", r"[^,]+,\s*"])
def test_ordinary_patterns_pass(pattern: str) -> None:
    assert unsafe_reason(pattern) is None


GOOD_RULE = """
[[rule]]
id = "x-marker"
description = "a marker"
action = "drop"
pattern = 'marker'
[rule.examples]
match = ["marker"]
no_match = ["a marker in a sentence that goes on"]
"""


def _write(tmp_path: Path, body: str, name: str = "extra.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (GOOD_RULE.replace('action = "drop"', 'action = "explode"'), "action must be one of"),
        (GOOD_RULE.replace("pattern = 'marker'", "pattern = '(mark'"), "does not compile"),
        (GOOD_RULE.replace("pattern = 'marker'", r"pattern = '(\w+\s?)+$'"), "unsafe pattern"),
        (
            GOOD_RULE.replace('no_match = ["a marker in a sentence that goes on"]', 'no_match = ["marker"]'),
            "matches its own no_match",
        ),
        (GOOD_RULE.replace('description = "a marker"\n', ""), "description is required"),
        (
            GOOD_RULE.replace('no_match = ["a marker in a sentence that goes on"]', "no_match = []"),
            "at least one",
        ),
        (GOOD_RULE.replace("pattern = 'marker'", "pattern = '(?P<colour>marker)'"), "named groups"),
        ("bogus = 1\n" + GOOD_RULE, "unknown"),
        (GOOD_RULE.replace("[rule.examples]", "max_words = -3\n[rule.examples]"), "max_words"),
    ],
)
def test_malformed_rule_file_names_file_rule_and_reason(tmp_path: Path, body: str, reason: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(RuleError) as caught:
        load_rules(tmp_path)
    message = str(caught.value)
    assert str(path) in message
    assert reason in message
    if "bogus" not in body:
        assert "x-marker" in message


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "[[rule]\nid = ")
    with pytest.raises(RuleError, match=re.escape(str(path))):
        load_rules(tmp_path)


def test_duplicate_id_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, GOOD_RULE, "a.toml")
    _write(tmp_path, GOOD_RULE, "b.toml")
    with pytest.raises(RuleError, match="duplicate id"):
        load_rules(tmp_path)


def test_user_rules_add_a_stage_and_disable_a_bundled_rule(tmp_path: Path) -> None:
    victim = BLOCK_RULES[0].id
    _write(tmp_path, f'disable = ["{victim}"]\n' + GOOD_RULE)
    rules = load_rules(tmp_path)
    ids = {r.id for r in rules.all_block_rules()}
    assert "x-marker" in ids
    assert victim not in ids
    assert rules.block_kind("extra")[0].id == "x-marker"


def test_disabling_an_unknown_id_is_an_error() -> None:
    with pytest.raises(RuleError, match="no rule has the id"):
        load_rules(disable=["no-such-rule"])
