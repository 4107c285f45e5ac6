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

    The pick depends only on what the group's rules test before matching:
    which of their word limits the block is within, whether it is past
    MAX_RULE_TEXT characters, which of their words it holds, and whether it
    opens as one of them may. Blocks repeat those, so each pick
    is made once and looked up after.
    """

    def __init__(self, rules: Sequence[BlockRule]) -> None:
        self.rules = tuple(rules)
        self._limits = sorted({rule.max_words for rule in rules if rule.max_words is not None})
        self._words = frozenset(word for rule in rules if rule.required for word in rule.required)
        self._openings = frozenset(char for rule in rules if rule.openings for char in rule.openings)
        self._picked: dict[tuple[int, bool, frozenset[str], str], tuple[BlockRule, ...]] = {}

    def __call__(self, block: Block) -> Sequence[BlockRule]:
        screened = block.hits
        if screened is None or screened[0] is not block.text:
            return self.rules
        words, long, hits, opening = block.words, len(block.text) > MAX_RULE_TEXT, screened[1], screened[2]
        key = (
            bisect.bisect_left(self._limits, words),
            long,
            self._words.intersection(hits) if hits else hits,
            opening if opening in self._openings else "",  # no rule's opening: all alike
        )
        picked = self._picked.get(key)
        if picked is None:
            if len(self._picked) >= MAX_PICKS:
                self._picked.clear()
            picked = tuple(rule for rule in self.rules if _admits(rule, words, long, hits, opening))
            self._picked[key] = picked
        return picked


# Picks are remembered by block length and rule words held; a long batch
# meets only so many of those, and the memo starts again past this many.
MAX_PICKS = 4096


def _admits(rule: BlockRule, words: int, long: bool, hits: frozenset[str], opening: str) -> bool:
    """Whether the rule could match a block (what `BlockRule.find` would turn away at once)."""
    if (rule.max_words is not None and words > rule.max_words) or (long and rule.match != "start"):
        return False
    if rule.openings is not None and opening not in rule.openings:
        return False
    return rule.required is None or not rule.required.isdisjoint(hits)
