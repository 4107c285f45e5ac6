"""Apply one kind of block rules (one file of `rules/`) to a document.

Every debris stage of the text pipeline is an instance of `BlockRuleStage`
named after its rule file, so adding a wording to a kind never touches code.
The stage walks the kept blocks in order; the first rule of the kind that
matches a block decides its fate, by its action (`boilerstrip.matching.actions`).
(Named groups are read earlier, by the captured-metadata stage, before any removal.)
A page type's profile may switch rules off for its pages (`block_rules_off`):
a manual's "DISCUSSION" section or its "See also" list is the page's own.
"""

from __future__ import annotations

from dataclasses import dataclass

from boilerstrip.document import Document, article_span
from boilerstrip.matching.actions import ACTIONS, CUT_REST_ALWAYS, CUTS, guarded_cut
from boilerstrip.matching.rules import BlockRule, RuleSet
from boilerstrip.matching.screen import (
    KEEP,
    RulePicker,
    RuleScreen,
    candidates,
    removal_rules,
    screen_blocks,
    screen_of,
)
from boilerstrip.page_types.profiles import NO_PROFILES, Profiles

# On a text page whose profile guards the cuts (`text_guard_cuts`: a forum,
# where "12 replies" or "Add a comment" heads the posts), a cut that would
# take most of the body is undone; a comment count's cut (`cut_rest_always`)
# stands when this many words are kept above it: then a story lies there, and
# the count opens its comment thread (a news page read as a forum). Forum F1
# on the WCXB dumps is flat from 150 to 400 words (0.691-0.693); the news
# dumps lose a story's page from about 300 (docs/history.md).
ARTICLE_ABOVE_CUT_WORDS = 200
# ... unless the classifier is this sure the page is a thread: a question and
# its answers (the question has a comment count of its own under it, and a
# story's worth of words above it), not a story and its comments. WCXB dev
# forum pages, word F1 html_text / inscriptis: 0.694 / 0.692 without, 0.701 /
# 0.698 at 0.8, 0.9 and 0.95 alike; the highest is kept, a story read as a
# forum being seldom typed that surely.
SURE_THREAD_CONFIDENCE = 0.95


@dataclass(frozen=True)
class ScreenBlocks:
    """Find, once, which blocks each kind's rules might match (`boilerstrip.matching.screen`)."""

    screen: RuleScreen
    name: str = "screen"

    def __call__(self, doc: Document) -> Document:
        screen_blocks(doc, self.screen)
        return doc


@dataclass(frozen=True)
class ProtectByKeepRules:
    """Mark blocks that a keep rule claims, so no later stage removes them."""

    pick: RulePicker
    name: str = "keep"

    @classmethod
    def from_rules(cls, ruleset: RuleSet) -> ProtectByKeepRules:
        return cls(screen_of(ruleset).picker(ruleset.keep_rules))

    def __call__(self, doc: Document) -> Document:
        if not self.pick.rules:
            return doc
        for index in candidates(doc, KEEP):
            block = doc.blocks[index]
            if any(rule.find(block.text) for rule in self.pick(block)):
                block.protected = True
        return doc


@dataclass(frozen=True)
class BlockRuleStage:
    """Remove the debris of one kind, as its rule file says; on a text page
    whose type's profile guards the cuts (`text_guard_cuts`), no cut that
    takes most of the body."""

    name: str
    pick: RulePicker
    profiles: Profiles = NO_PROFILES

    @property
    def rules(self) -> tuple[BlockRule, ...]:
        return self.pick.rules

    @classmethod
    def for_kind(cls, ruleset: RuleSet, kind: str, profiles: Profiles = NO_PROFILES) -> BlockRuleStage:
        picker = screen_of(ruleset).picker(removal_rules(ruleset.block_kind(kind)))
        return cls(name=kind, pick=picker, profiles=profiles)

    def __call__(self, doc: Document) -> Document:
        if not self.rules:
            return doc
        profile = self.profiles.for_page(doc.metadata)
        off = profile.block_rules_off
        # A text page's profile may guard the cuts (HTML pages guard theirs in the action).
        guard = doc.kind == "text" and profile.text_guard_cuts
        confidence = doc.metadata.get("page_type_confidence")
        sure = isinstance(confidence, float) and confidence >= SURE_THREAD_CONFIDENCE
        span: tuple[int, int] | None = None  # where the article lies; found when first needed
        for index in candidates(doc, self.name):
            block = doc.blocks[index]
            if not block.kept:
                continue
            text, words = block.text, block.words
            for rule in self.pick(block):
                if rule.id in off or not rule.find(text, words):
                    continue
                span = span or article_span(doc)
                if in_place(rule, index, *span):
                    self._apply(doc, index, rule, guard, sure)
                    break
        return doc

    def _apply(self, doc: Document, index: int, rule: BlockRule, guard: bool, sure: bool) -> None:
        if doc.blocks[index].protected:
            return
        if guard and rule.action in CUTS:
            # A count ("167 comments") is evidence enough under a story;
            # a heading ("Add a comment") is not, even there, nor a count
            # on a page surely a thread.
            stand_down = ARTICLE_ABOVE_CUT_WORDS if rule.action == CUT_REST_ALWAYS and not sure else 0
            guarded_cut(doc, index, self.name, rule.id, rule.pattern, stand_down=stand_down)
        else:
            ACTIONS[rule.action].apply(doc, index, self.name, rule.id, rule.pattern)


def in_place(rule: BlockRule, index: int, start: int, end: int) -> bool:
    """Whether a block at `index` sits where the rule may act: `where` says, and
    an action that reaches past its block only fires after the article has begun."""
    if ACTIONS[rule.action].after_start or rule.where == "after_start":
        return index > start
    if rule.where == "head":
        return index < start
    if rule.where == "tail":
        return index > end
    return True
