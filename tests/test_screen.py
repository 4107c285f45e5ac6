"""The rule screen: the words read from patterns, and the promise that screening
changes what cleaning costs, never what it removes."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from boilerstrip.cleaner import record_of
from boilerstrip.document import Block
from boilerstrip.matching.keywords import required_words
from boilerstrip.matching.openings import rule_openings
from boilerstrip.matching.rules import BlockRule, load_rules
from boilerstrip.matching.screen import CAPTURE, RuleScreen, screen_of
from boilerstrip.options import Options
from boilerstrip.pipeline import build_pipeline, make_document
from boilerstrip.quality.fixtures import load_fixtures
from boilerstrip.reading.decode import decode, read_bytes, sniff_mode
from boilerstrip.reading.words import DIGIT, canonical, opening_of, read_lines, read_terms, terms_of
from boilerstrip.stages.block_rules import ScreenBlocks
from sample_article import ARTICLE, TITLE

BUNDLED = load_rules()
GATED = [rule for rule in BUNDLED.all_block_rules() if rule.required is not None]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _passes_gate(rule: BlockRule, text: str) -> bool:
    required = rule.required
    return required is None or not required.isdisjoint(terms_of(text))


# --- reading words from patterns ----------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "match", "expected"),
    [
        (r"-?\s*advertisement\s*-?", "full", {"advertisement"}),
        (r"(?:share|tweet)(?: this)?", "full", {"share", "tweet"}),
        (r"\d+ comments?", "full", {"comment", "comments"}),
        (r"[-_*]*ad[-_*]*", "full", {"ad"}),  # "_" and digits part words
        (r"foo bar baz", "search", {"bar"}),  # a search match's ends may sit inside words
        (r"related\w*", "full", None),  # "relatedness": no whole word is certain
        (r".*", "full", None),
        (r"\d{4}-\d{2}-\d{2}", "full", {DIGIT}),  # a digit is a term: which one is not
        (r"©\s*\d{4} \w+", "full", {"©"}),  # so are a few symbols
        (r"[\s|©]*\d+ views", "full", {"views"}),  # an optional symbol is not required
        (
            r"copyright(?=\s+\d{4})\s*\d{4}",
            "full",
            {"copyright"},
        ),  # a lookahead that sees a space ends a word
        (r"copyright\d{4}", "full", {"copyright"}),  # digits part words, as in "©2024Copyright"
        (r"(?=[^\n]{0,99}?\breserved\b)[^\n]*", "full", {"reserved"}),  # an opening lookahead's words
        (
            r"\s*(?:share|send|post|tweet) (?:this|it)(?: (?:on|via) (?:facebook|x|email))?",
            "full",
            {"share", "send", "post", "tweet", "facebook", "email"},
        ),  # each reading keeps its longest word
    ],
)
def test_required_words_are_read_from_the_pattern(
    pattern: str, match: str, expected: set[str] | None
) -> None:
    found = required_words(re.compile(pattern, re.IGNORECASE), match)
    assert (set(found) if found is not None else None) == expected


def test_canonical_case_makes_ignorecase_equal_characters_equal() -> None:
    # re.IGNORECASE matches "s" to the long s and "i" to the dotless i.
    assert canonical("ſHARE") == canonical("share") == "share"
    assert canonical("LİKE") == canonical("lıke") == "like"
    assert read_terms("12Shares | e-mail_this")[1][:4] == ["shares", "e", "mail", "this"]


def test_a_block_reads_as_tokens_for_the_scorer_and_terms_for_the_screen() -> None:
    tokens, terms = read_terms("12Shares | e-mail_this © (AP)")
    assert tokens == ["12shares", "e", "mail_this", "ap"]
    assert set(terms) == {"shares", "e", "mail", "this", "ap", "|", "©", "(", DIGIT}
    assert read_terms("Plain words only") == (["plain", "words", "only"], ["plain", "words", "only"])


def test_a_page_read_at_once_reads_each_line_as_it_reads_alone() -> None:
    lines = [
        "12Shares | e-mail_this © (AP)",
        "Plain words only",
        "İSTANBUL'DA ſHARE ½ and x²",  # one lower case for the page: "İ" and the long s
        "ΟΔΥΣΣΕΥΣ ΚΑΙ ΣΟΦΙΑ",  # final sigma at a word's end, whatever the next line
        "2024年6月12日 ニュース／経済 ★★★",
        "snake_case_word 3rd १२३ digits",  # Devanagari digits are digits too
        "१२ digits open this line",
        "ſhare: a long s opens this one",
        "",
        "Ünïcödé words, then ASCII ones",
    ]
    read = read_lines(lines)
    assert [(tokens, sorted(terms), opening) for tokens, terms, opening in read] == [
        (tokens, sorted(terms), opening_of(line))
        for line, (tokens, terms) in zip(lines, map(read_terms, lines), strict=True)
    ]
    assert [opening for _, _, opening in read][:3] == ["0", "p", "i"]
    broken = ["a line\nwith a break", "B"]
    assert read_lines(broken) == [(*read_terms(line), opening_of(line)) for line in broken]


def test_most_bundled_rules_name_their_words() -> None:
    # The screen pays off only when most rules can be gated by words.
    assert len(GATED) >= len(BUNDLED.all_block_rules()) // 2


@pytest.mark.parametrize("rule", GATED, ids=lambda rule: rule.id)
def test_every_text_a_gated_rule_matches_holds_one_of_its_words(rule: BlockRule) -> None:
    """The examples, and variants of them in case, framing and odd letters."""
    rng = random.Random(rule.id)
    for example in rule.must_match:
        for variant in [example, *(_variant(example, rng) for _ in range(40))]:
            if rule.find(variant):
                assert _passes_gate(rule, variant), (rule.id, variant)


OPENED = [rule for rule in BUNDLED.all_block_rules() if rule.openings is not None]


_SPACES = {chr(code) for code in range(0x3001) if chr(code).isspace()}  # what \s matches


@pytest.mark.parametrize(
    ("pattern", "match", "expected"),
    [
        (r"-?\s*advertisement", "full", {"-", "a", *_SPACES}),
        (r"\d+ min read", "full", {DIGIT}),  # every decimal digit is one key
        (r"(?:share|Tweet)(?: this)?", "start", {"s", "t"}),  # in lower case
        (r"(x)?(?(1)y|z)", "full", {"x", "y", "z"}),  # either branch of a conditional
        (r"(?:sponsored)?", "full", None),  # may match nothing: opens with anything
        (r"[^a]dvert", "full", None),  # a negated class: too wide to list
        (r"advert", "search", None),  # a search match starts anywhere
    ],
)
def test_rule_openings_are_read_from_the_pattern(pattern: str, match: str, expected: set[str] | None) -> None:
    found = rule_openings(re.compile(pattern, re.IGNORECASE), match)
    assert (set(found) if found is not None else None) == expected


# Characters where case folding and digits are at their oddest: the Kelvin
# sign and "k", the long s, dotted and dotless i, sharp s, Arabic-Indic digits.
_ODD_ALPHABET = [*"aAkK\u212asſSiIİı1٣0 \u00a0-•©(éÉßẞ_."]


def _random_pattern(rng: random.Random, depth: int = 0) -> str:
    """A small pattern of literals, classes, groups, repeats, alternations and lookaheads."""
    if depth > 2:
        return re.escape(rng.choice(_ODD_ALPHABET))
    parts = []
    for _ in range(rng.randint(1, 3)):
        roll = rng.random()
        if roll < 0.35:
            parts.append(re.escape(rng.choice(_ODD_ALPHABET)))
        elif roll < 0.5:
            parts.append("[" + "".join(re.escape(rng.choice(_ODD_ALPHABET)) for _ in range(2)) + "]")
        elif roll < 0.55:
            parts.append(rng.choice([r"\d", r"\s", "[a-z]", "[A-Z]", r"\w", "."]))
        elif roll < 0.7:
            parts.append(f"(?:{_random_pattern(rng, depth + 1)}|{_random_pattern(rng, depth + 1)})")
        elif roll < 0.8:
            parts.append(f"({_random_pattern(rng, depth + 1)})" + rng.choice(["", "?", "*", "+", "{1,3}"]))
        elif roll < 0.9:
            parts.append(rng.choice(["(?=", "(?!"]) + _random_pattern(rng, depth + 1) + ")")
        else:
            parts.append(f"(?:{_random_pattern(rng, depth + 1)})" + rng.choice(["?", "*", "{2}", "{0,3}"]))
    return "".join(parts)


def test_openings_hold_for_random_patterns_and_texts() -> None:
    """Whatever a pattern fully matches (or matches at the start) opens as its openings say."""
    rng = random.Random(4)
    checked = 0
    for _ in range(3000):
        pattern = _random_pattern(rng)
        if rng.random() < 0.1:
            pattern = f"(x)?{pattern}(?(1)a|b)"
        try:
            compiled = re.compile(pattern, rng.choice([0, re.IGNORECASE]))
        except re.error:
            continue
        for match in ("full", "start"):
            openings = rule_openings(compiled, match)
            if openings is None:
                continue
            for _ in range(20):
                text = "".join(rng.choice(_ODD_ALPHABET) for _ in range(rng.randint(1, 6)))
                found = compiled.fullmatch(text) if match == "full" else compiled.match(text)
                if found:
                    checked += 1
                    assert opening_of(text) in openings, (pattern, compiled.flags, match, text)
    assert checked > 1000  # the patterns did match, so the property was tried


@pytest.mark.slow
def test_required_words_hold_for_random_patterns_and_texts() -> None:
    """Whatever a pattern matches holds one of its required terms, in every match mode."""
    rng = random.Random(7)
    checked = 0
    for _ in range(2000):
        try:
            compiled = re.compile(_random_pattern(rng), rng.choice([0, re.IGNORECASE]))
        except re.error:
            continue
        for match in ("full", "start", "search"):
            required = required_words(compiled, match)
            if required is None:
                continue
            find = {"full": compiled.fullmatch, "start": compiled.match, "search": compiled.search}[match]
            for _ in range(20):
                text = "".join(rng.choice(_ODD_ALPHABET) for _ in range(rng.randint(1, 7)))
                if find(text):
                    checked += 1
                    assert not required.isdisjoint(terms_of(text)), (compiled.pattern, match, text)
    assert checked > 200  # the patterns did match, so the property was tried


def test_most_anchored_rules_name_their_openings() -> None:
    anchored = [rule for rule in BUNDLED.all_block_rules() if rule.match != "search"]
    assert len(OPENED) >= len(anchored) // 2


@pytest.mark.parametrize("rule", OPENED, ids=lambda rule: rule.id)
def test_every_text_a_rule_matches_opens_with_one_of_its_openings(rule: BlockRule) -> None:
    rng = random.Random(rule.id)
    assert rule.openings is not None
    for example in rule.must_match:
        for variant in [example, *(_variant(example, rng) for _ in range(40))]:
            if rule.find(variant):
                assert opening_of(variant) in rule.openings, (rule.id, variant)


def _variant(text: str, rng: random.Random) -> str:
    chars = [c.upper() if rng.random() < 0.3 else c for c in text]
    swaps = {"s": "ſ", "i": "ı", "k": "\u212a", " ": rng.choice(["  ", " - ", "\u00a0", "_"])}
    chars = [swaps[c] if c in swaps and rng.random() < 0.2 else c for c in chars]
    frame = rng.choice(["", "• ", "- ", "12 ", "[", "("])
    return frame + "".join(chars) + rng.choice(["", " •", ".", "!", " 3", ")"])


# --- the screen never changes a result ----------------------------------------


def _pages() -> list[tuple[str, str]]:
    pages = [(fixture.name, decode(read_bytes(fixture.input_path))) for fixture in load_fixtures(FIXTURES)]
    debris = ["Home » World", "- Advertisement -", "Share this article", "12 Comments", "© 2024 Example News"]
    return [*pages, ("sample-article", "\n\n".join([TITLE, *debris[:2], *ARTICLE, *debris[2:]]))]


PAGES = _pages()


@pytest.mark.parametrize(("name", "page"), PAGES, ids=[name for name, _ in PAGES])
def test_screening_changes_no_record(name: str, page: str) -> None:
    kind = sniff_mode(page)
    stages = build_pipeline(BUNDLED, kind)
    unscreened = [stage for stage in stages if not isinstance(stage, ScreenBlocks)]
    assert len(unscreened) == len(stages) - 1

    def clean(chosen: list) -> dict[str, object]:  # type: ignore[type-arg]
        doc = make_document(page, kind, url=None, source=name)
        for stage in chosen:
            doc = stage(doc)
        return record_of(doc, Options(explain=True)).to_dict()

    assert clean(stages) == clean(unscreened)


@pytest.mark.parametrize("group", sorted(screen_of(BUNDLED).groups))
def test_the_screen_offers_each_rule_every_block_it_matches(group: str) -> None:
    """Every rule's examples, and variants of them, screened as blocks of a page:
    the block is a candidate of the rule's group, and the picker offers the rule."""
    screen = screen_of(BUNDLED)
    rules = screen.groups[group]
    pick = screen.picker(rules)
    rng = random.Random(group)
    for rule in rules:
        texts = [_variant(example, rng) for example in rule.must_match for _ in range(5)]
        doc = make_document("\n".join([*rule.must_match, *texts]), "text", url=None, source=None)
        ScreenBlocks(screen)(doc)
        assert doc.candidates is not None
        for index, block in enumerate(doc.blocks):
            if rule.find(block.text, block.words):
                assert index in doc.candidates[group], (rule.id, block.text)
                assert rule in pick(block), (rule.id, block.text)


def test_the_page_around_the_article_is_screened_for_every_capture_it_holds() -> None:
    """Blocks removed before the screen (text mode's article finder) are
    candidates of the capturing rules for every block such a rule matches."""
    screen = screen_of(BUNDLED)
    rules = screen.groups[CAPTURE]
    pick = screen.picker(rules)
    rng = random.Random(CAPTURE)
    texts = [_variant(example, rng) for rule in rules for example in rule.must_match for _ in range(3)]
    doc = make_document("\n".join(texts), "text", url=None, source=None)
    for block in doc.blocks[::2]:
        doc.remove(block, "test", "outside")
    ScreenBlocks(screen)(doc)
    assert doc.candidates is not None
    for index, block in enumerate(doc.blocks):
        for rule in rules:
            if rule.find(block.text, block.words):
                assert index in doc.candidates[CAPTURE], (rule.id, block.text)
                assert rule in pick(block), (rule.id, block.text)


@pytest.mark.slow
def test_the_gates_admit_every_block_a_random_rule_matches() -> None:
    """Random patterns as rules of every mode and limit, screened together."""
    rng = random.Random(11)
    rules = []
    for number in range(300):
        try:
            compiled = re.compile(_random_pattern(rng), rng.choice([0, re.IGNORECASE]))
        except re.error:
            continue
        match = rng.choice(["full", "start", "search"])
        rules.append(
            BlockRule(
                id=f"random-{number}",
                kind="random",
                description="",
                action="drop",
                pattern=compiled,
                match=match,
                max_words=rng.choice([None, 1, 2, 4]),
                required=required_words(compiled, match),
                openings=rule_openings(compiled, match),
            )
        )
    screen = RuleScreen.of({"random": tuple(rules)})
    pick = screen.picker(rules)
    texts = ["".join(rng.choice(_ODD_ALPHABET) for _ in range(rng.randint(1, 9))) for _ in range(3000)]
    doc = make_document("\n".join(texts), "text", url=None, source=None)
    ScreenBlocks(screen)(doc)
    assert doc.candidates is not None
    checked = 0
    for index, block in enumerate(doc.blocks):
        picked = pick(block)
        for rule in rules:
            if rule.find(block.text, block.words):
                checked += 1
                assert index in doc.candidates["random"] and rule in picked, (
                    rule.pattern.pattern,
                    block.text,
                )
    assert checked > 500  # the rules did match, so the property was tried


def test_a_block_changed_after_screening_gets_every_rule() -> None:
    screen = screen_of(BUNDLED)
    rules = [rule for rule in BUNDLED.block_kind("share")]
    pick = screen.picker(rules)
    block = Block("A plain sentence about the weather, long enough to be prose.")
    block.hits = (block.text, screen.gates.masks([block])[0], screen.gates)
    assert len(pick(block)) < len(rules)
    block.text = "Share this article"  # a stage stripped or rewrote it
    assert list(pick(block)) == rules


def test_a_block_screened_by_other_gates_gets_every_rule() -> None:
    rules = [rule for rule in BUNDLED.block_kind("share")]
    other = RuleScreen.of({"share": tuple(rules)})
    block = Block("A plain sentence about the weather, long enough to be prose.")
    block.hits = (block.text, 0, other.gates)
    assert list(screen_of(BUNDLED).picker(rules)(block)) == rules
    assert list(other.picker(rules)(block)) == []


def test_a_block_rewritten_by_a_stage_becomes_a_candidate_of_every_kind() -> None:
    screen = screen_of(BUNDLED)
    worded = next(kind for kind, rules in screen.groups.items() if rules and all(r.required for r in rules))
    doc = make_document("\n".join(ARTICLE), "text", url=None, source=None)
    ScreenBlocks(screen)(doc)
    assert doc.candidates is not None
    assert 1 not in doc.candidates[worded]  # a paragraph with none of the words its rules need
    doc.rescreen(1)
    assert all(1 in found and found == sorted(found) for found in doc.candidates.values())
