"""Which rules are worth trying on which blocks, found once per page.

Most blocks match no rule, and finding that out rule by rule, kind by kind,
was most of what cleaning cost. The screen finds it out once per block, for
every rule of every kind at the same time, from the tests a rule makes
before it matches:

- words: most rules cannot match without one of a few words ("advertisement",
  "comments"; see `boilerstrip.matching.keywords`). A block's words are intersected with
  the words of every rule at once;
- length: a rule's word limit, and MAX_RULE_TEXT for all but `start` rules;
- opening: a rule anchored at the block's start can only match a block whose
  first character it can open with (`boilerstrip.matching.openings`).

Each test is a bit mask over all the rules, and a block's mask (their AND)
names the rules worth trying on it. A kind's stage walks only the blocks
whose mask holds one of its rules, and tries only those rules. The screen
only ever turns away blocks a rule cannot match: it changes the cost of
cleaning, never the result (the tests check that on every rule's own
examples, and on random patterns and texts).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from boilerstrip.document import Block, Document
from boilerstrip.matching.actions import KEEP as KEEP_ACTION
from boilerstrip.matching.rules import MAX_RULE_TEXT, BlockRule, RuleSet

# The group of keep rules and the group of rules that capture metadata,
# whatever file they come from (no file stem has a colon).
KEEP = ":keep"
CAPTURE = ":capture"


class RuleGates:
    """The tests each rule makes before matching, as bit masks over a list of rules.

    A rule is worth trying on a block when the block passes the tests the
    rule makes before matching (`BlockRule.find`, `boilerstrip.matching.openings`):
    its word limit, the MAX_RULE_TEXT limit (for all but `start` rules), its
    opening characters and its words. Bit i of a mask stands for rule i, and
    each test is one mask per outcome, so a block's mask is a few look-ups
    and an AND of integers.
    """

    def __init__(self, rules: Sequence[BlockRule]) -> None:
        self.rules = tuple(rules)
        self.bit = {rule: 1 << i for i, rule in enumerate(self.rules)}
        self._limits = sorted({rule.max_words for rule in self.rules if rule.max_words is not None})
        # Index i: the rules that admit a block longer than the i shortest
        # limits (the index `bisect` finds for its word count); past the
        # longest limit, only the rules with none.
        self._by_length = [
            self.mask_of(rule.max_words is None or rule.max_words >= limit for rule in self.rules)
            for limit in self._limits
        ] + [self.mask_of(rule.max_words is None for rule in self.rules)]
        self._by_size = {
            False: self.mask_of(True for _ in self.rules),
            True: self.mask_of(rule.match == "start" for rule in self.rules),
        }
        openers = {char for rule in self.rules if rule.openings for char in rule.openings}
        self._by_opening = {
            char: self.mask_of(rule.openings is None or char in rule.openings for rule in self.rules)
            for char in openers
        }
        self._opening_unlisted = self.mask_of(rule.openings is None for rule in self.rules)
        words = {word for rule in self.rules if rule.required for word in rule.required}
        self._by_word = {
            word: self.mask_of(rule.required is not None and word in rule.required for rule in self.rules)
            for word in words
        }
        self.words = frozenset(words)
        self._wordless = self.mask_of(rule.required is None for rule in self.rules)
        self._within: dict[int, _Tables] = {}

    def mask_of(self, admitted: Iterable[bool]) -> int:
        """Bit i set when rule i is admitted."""
        return sum(1 << i for i, admits in enumerate(admitted) if admits)

    def masks(self, blocks: Iterable[Block], within: int = -1) -> list[int]:
        """For each block, the mask of the rules worth trying on it, among the
        rules of `within` (all by default).

        One pass with every table at hand: a page has hundreds of blocks. A
        test that leaves no rule ends the block's turn: the text around an
        article, screened for the few rules that capture metadata, mostly
        stops at the first.
        """
        words, by_word, worth_without_words, limits, by_length, by_size, by_opening, opening_unlisted = (
            self._tables(within)
        )
        found = []
        for block in blocks:
            text, _, rule_words, opening = block.reading
            worth = worth_without_words
            for word in words.intersection(rule_words):
                worth |= by_word[word]
            if worth:
                worth &= (
                    by_length[bisect.bisect_left(limits, block.words)] & by_size[len(text) > MAX_RULE_TEXT]
                )
                if worth:
                    worth &= by_opening.get(opening, opening_unlisted)
            found.append(worth)
        return found

    def _tables(self, within: int) -> _Tables:
        """The tests' masks cut down to the rules of `within` (made once for each)."""
        tables = self._within.get(within)
        if tables is None:
            words = frozenset(word for word in self.words if self._by_word[word] & within)
            tables = self._within[within] = (
                words,
                {word: self._by_word[word] & within for word in words},
                self._wordless & within,
                self._limits,
                [mask & within for mask in self._by_length],
                {size: mask & within for size, mask in self._by_size.items()},
                {char: mask & within for char, mask in self._by_opening.items()},
                self._opening_unlisted & within,
            )
        return tables


# What `RuleGates.masks` reads, for one set of rules: the words, the mask of
# each word, the mask of rules with no words, the word limits and the masks
# of each length, of each size, of each opening and of the unlisted openings.
_Tables = tuple[
    frozenset[str], dict[str, int], int, list[int], list[int], dict[bool, int], dict[str, int], int
]


@dataclass(frozen=True)
class RuleScreen:
    """The screen for one rule set: its groups of rules, and the gates of all of them."""

    groups: dict[str, tuple[BlockRule, ...]]
    gates: RuleGates
    # group -> the mask of its rules
    group_bits: dict[str, int]
    # mask -> the groups with a rule in it (filled as pages come)
    _groups_by_mask: dict[int, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, groups: dict[str, tuple[BlockRule, ...]]) -> RuleScreen:
        # A rule that captures metadata sits in its kind's group and in the
        # capture group: one rule, one bit.
        distinct = list(dict.fromkeys(rule for rules in groups.values() for rule in rules))
        gates = RuleGates(distinct)
        bits = {group: gates.mask_of(rule in rules for rule in distinct) for group, rules in groups.items()}
        return cls(groups=groups, gates=gates, group_bits=bits)

    def picker(self, rules: Sequence[BlockRule]) -> RulePicker:
        """A picker for `rules` (all in this screen's groups), in their order."""
        return RulePicker(rules, self.gates)

    def groups_of(self, mask: int) -> tuple[str, ...]:
        """The groups with a rule in `mask`."""
        found = self._groups_by_mask.get(mask)
        if found is None:
            found = tuple(group for group, bits in self.group_bits.items() if mask & bits)
            self._groups_by_mask[mask] = found
        return found


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
    return tuple(rule for rule in rules if rule.action != KEEP_ACTION)


def screen_blocks(doc: Document, screen: RuleScreen) -> None:
    """Record, for each group, the indices of the blocks its rules are worth trying on.

    A block already removed (text mode drops the page around the article
    first) is only read for metadata: it is a candidate of the capturing
    rules alone.
    """
    candidates: dict[str, list[int]] = {group: [] for group in screen.groups}
    gates = screen.gates
    kept = iter(gates.masks([block for block in doc.blocks if block.kept]))
    removed = iter(
        gates.masks([block for block in doc.blocks if not block.kept], screen.group_bits.get(CAPTURE, 0))
    )
    for index, block in enumerate(doc.blocks):
        if block.kept:
            worth = next(kept)
            for group in screen.groups_of(worth):
                candidates[group].append(index)
        else:
            worth = next(removed)
            if worth:
                candidates[CAPTURE].append(index)
        block.hits = (block.text, worth, gates)
    doc.candidates = candidates


def candidates(doc: Document, group: str) -> Iterable[int]:
    """Indices of the blocks worth trying the group's rules on, in page order.

    Before the screen has run (a stage used on its own), that is every block.
    """
    if doc.candidates is None:
        return range(len(doc.blocks))
    return doc.candidates.get(group, ())


class RulePicker:
    """Picks, for a screened block, the rules of one group worth trying on it, in the group's order.

    The screen left on the block the mask of every rule worth trying on it
    (`RuleGates`); the picker keeps the bits of its own rules, and makes the
    tuple of rules for each mask once. A block the screen did not see, or
    whose text a stage changed since, gets every rule.
    """

    def __init__(self, rules: Sequence[BlockRule], gates: RuleGates) -> None:
        self.rules = tuple(rules)
        self.gates = gates
        self._bits = tuple((gates.bit[rule], rule) for rule in self.rules)
        self.bits = sum(bit for bit, _ in self._bits)
        self._picked: dict[int, tuple[BlockRule, ...]] = {}

    def __call__(self, block: Block) -> Sequence[BlockRule]:
        screened = block.hits
        if screened is None or screened[0] is not block.text or screened[2] is not self.gates:
            return self.rules
        worth = screened[1] & self.bits
        picked = self._picked.get(worth)
        if picked is None:
            picked = self._picked[worth] = tuple(rule for bit, rule in self._bits if worth & bit)
        return picked
