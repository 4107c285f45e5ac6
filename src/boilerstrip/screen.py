"""Which blocks each kind of rule could match, found once per page.

Most blocks match no rule, and finding that out rule by rule, kind by kind,
was most of what cleaning cost. The screen finds it out once per block, in
two cheap tests run for every kind at the same time:

- words: most rules cannot match without one of a few words ("advertisement",
  "comments"; see `boilerstrip.keywords`). A block's words are intersected with
  the words of every rule at once; the kinds whose words it has are its
  candidates.
- length: the rules that name no word (dates, counts, captions) mostly
  bound the length of what they match; a block no longer than that is a
  candidate for their kind.

A stage then tries its rules only on its candidates, and of those only the
rules whose words the block has and that can open with its first character
(`boilerstrip.openings`). The screen only ever turns away blocks a
rule cannot match: it changes the cost of cleaning, never the result (the
tests check that on every rule's own examples).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from boilerstrip.document import Block, Document
from boilerstrip.openings import opening_of
from boilerstrip.rules import MAX_RULE_TEXT, BlockRule, RuleSet

# The group of keep rules and the group of rules that capture metadata,
# whatever file they come from (no file stem has a colon).
KEEP = ":keep"
CAPTURE = ":capture"


@dataclass(frozen=True)
class RuleScreen:
    """The screen for one rule set: each group's words, and its wordless rules' reach."""

    groups: dict[str, tuple[BlockRule, ...]]
    # word -> the groups with a rule that needs it
    word_groups: dict[str, frozenset[str]]
    words: frozenset[str]
    # The wordless rules' reach: a block of at most N words is a candidate of
    # every group listed under N or more (longest reach first).
    reach: tuple[tuple[float, frozenset[str]], ...]
    # A block outside the article is read by the capturing rules alone: their
    # words, and the longest block their wordless rules reach.
    capture: tuple[frozenset[str], float]
    # word count -> the groups its wordless rules reach (filled as pages come)
    _reached: dict[int, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, groups: dict[str, tuple[BlockRule, ...]]) -> RuleScreen:
        word_groups: dict[str, set[str]] = {}
        reach: dict[float, set[str]] = {}
        for group, rules in groups.items():
            for rule in rules:
                if rule.required is not None:
                    for word in rule.required:
                        word_groups.setdefault(word, set()).add(group)
                else:
                    limit = float("inf") if rule.max_words is None else rule.max_words
                    reach.setdefault(limit, set()).add(group)
        capturing = groups.get(CAPTURE, ())
        return cls(
            groups=groups,
            word_groups={word: frozenset(found) for word, found in word_groups.items()},
            words=frozenset(word_groups),
            reach=tuple((limit, frozenset(reach[limit])) for limit in sorted(reach, reverse=True)),
            capture=(
                frozenset(word for rule in capturing if rule.required for word in rule.required),
                max((limit for limit, found in reach.items() if CAPTURE in found), default=-1.0),
            ),
        )

    def hits_of(self, block: Block) -> frozenset[str]:
        """The rule words the block holds (in all of it: rules that read only
        the first MAX_RULE_TEXT characters may find fewer, never more)."""
        return self.words.intersection(block.rule_words)

    def groups_of(self, block: Block, hits: frozenset[str]) -> frozenset[str]:
        """The groups whose rules might match a block holding the rule words `hits`."""
        words = block.words
        reached = self._reached.get(words)
        if reached is None:
            reached = frozenset().union(*(groups for limit, groups in self.reach if words <= limit))
            self._reached[words] = reached
        if not hits:
            return reached
        return reached.union(*(self.word_groups[word] for word in hits))


def screen_of(ruleset: RuleSet) -> RuleScreen:
    """The screen of a rule set: its removal rules by kind, and its keep rules."""
    screen = ruleset.derived.get("screen")
    if not isinstance(screen, RuleScreen):
        groups = {kind: removal_rules(rules) for kind, rules in ruleset.block_rules.items()}
        capturing = tuple(rule for rule in ruleset.all_block_rules() if rule.pattern.groupindex)
        screen = RuleScreen.of({**groups, KEEP: ruleset.keep_rules, CAPTURE: capturing})
        ruleset.derived["screen"] = screen
    return screen


def removal_rules(rules: Iterable[BlockRule]) -> tuple[BlockRule, ...]:
    return tuple(rule for rule in rules if rule.action != "keep")


def screen_blocks(doc: Document, screen: RuleScreen) -> None:
    """Record, for each group, the indices of the blocks its rules might match.

    A block already removed (text mode drops the page around the article
    first) is only read for metadata: it is a candidate of the capturing
    rules alone.
    """
    candidates: dict[str, list[int]] = {group: [] for group in screen.groups}
    captured = candidates[CAPTURE]
    capture_words, capture_reach = screen.capture
    for index, block in enumerate(doc.blocks):
        if block.kept:
            hits = screen.hits_of(block)
            for group in screen.groups_of(block, hits):
                candidates[group].append(index)
        else:
            # Only the capturing rules read it: their words are all it needs.
            hits = capture_words.intersection(block.rule_words)
            if not hits and block.words > capture_reach:
                continue
            captured.append(index)
        block.hits = (block.text, hits, opening_of(block.text))
    doc.candidates = candidates


def rescreen(doc: Document, index: int) -> None:
    """A stage rewrote the block at `index`: from now on every group tries it."""
    if doc.candidates is None:
        return
    for found in doc.candidates.values():
        if index not in found:
            bisect.insort(found, index)


def candidates(doc: Document, group: str) -> Iterable[int]:
    """Indices of the blocks worth trying the group's rules on, in page order.

    Before the screen has run (a stage used on its own), that is every block.
    """
    if doc.candidates is None:
        return range(len(doc.blocks))
    return doc.candidates.get(group, ())


class RulePicker:
    """Picks, for a screened block, the rules of one group worth trying on it, in order.

    A rule is worth trying when the block passes the tests the rule makes
    before matching (`BlockRule.find`, `boilerstrip.openings`): its word
    limit, the MAX_RULE_TEXT limit (for all but `start` rules), its opening
    characters and its words. Each test is kept as a bit mask over the
    group's rules, so a pick is a few look-ups and an AND of integers, and
    the tuple of rules for each mask is made once.
    """

    def __init__(self, rules: Sequence[BlockRule]) -> None:
        self.rules = tuple(rules)
        self._limits = sorted({rule.max_words for rule in self.rules if rule.max_words is not None})
        # Index i: the rules that admit a block longer than the i shortest
        # limits (the index `bisect` finds for its word count); past the
        # longest limit, only the rules with none.
        self._by_length = [
            self._mask(rule.max_words is None or rule.max_words >= limit for rule in self.rules)
            for limit in self._limits
        ] + [self._mask(rule.max_words is None for rule in self.rules)]
        self._by_size = {
            False: self._mask(True for _ in self.rules),
            True: self._mask(rule.match == "start" for rule in self.rules),
        }
        openers = {char for rule in self.rules if rule.openings for char in rule.openings}
        self._by_opening = {
            char: self._mask(rule.openings is None or char in rule.openings for rule in self.rules)
            for char in openers
        }
        self._opening_unlisted = self._mask(rule.openings is None for rule in self.rules)
        words = {word for rule in self.rules if rule.required for word in rule.required}
        self._by_word = {
            word: self._mask(rule.required is not None and word in rule.required for rule in self.rules)
            for word in words
        }
        self._words = frozenset(words)
        self._wordless = self._mask(rule.required is None for rule in self.rules)
        self._picked: dict[int, tuple[BlockRule, ...]] = {}

    @staticmethod
    def _mask(admitted: Iterable[bool]) -> int:
        """Bit i set when rule i is admitted."""
        return sum(1 << i for i, admits in enumerate(admitted) if admits)

    def __call__(self, block: Block) -> Sequence[BlockRule]:
        screened = block.hits
        if screened is None or screened[0] is not block.text:
            return self.rules
        worth = self._wordless
        hits = screened[1]
        if hits:
            for word in self._words.intersection(hits):
                worth |= self._by_word[word]
        worth &= self._by_length[bisect.bisect_left(self._limits, block.words)]
        worth &= self._by_size[len(block.text) > MAX_RULE_TEXT]
        worth &= self._by_opening.get(screened[2], self._opening_unlisted)
        picked = self._picked.get(worth)
        if picked is None:
            picked = self._picked[worth] = tuple(rule for i, rule in enumerate(self.rules) if worth >> i & 1)
        return picked
