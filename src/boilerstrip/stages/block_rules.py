"""Apply one kind of block rules (one file of `rules/`) to a document.

Every debris stage of the text pipeline is an instance of `BlockRuleStage`
named after its rule file, so adding a wording to a kind never touches code.
The stage walks the kept blocks in order; the first rule of the kind that
matches a block decides its fate. (Named groups are read earlier, by the
captured-metadata stage, before any removal.)
"""

from __future__ import annotations

from dataclasses import dataclass

from boilerstrip.document import Block, Document, article_span
from boilerstrip.matching.rules import BlockRule, RuleSet
from boilerstrip.matching.screen import (
    KEEP,
    RulePicker,
    RuleScreen,
    candidates,
    removal_rules,
    rescreen,
    screen_blocks,
    screen_of,
)
from boilerstrip.reading.blocks import is_prose, list_number

# Teaser lists under a "Related articles" heading are short headline lines.
# A line this long, or a prose block, ends the list.
LIST_ITEM_MAX_WORDS = 22
# A caption is one short sentence; and a page "parts paragraphs with blank
# lines" when at least this share of its blocks has one before it.
CAPTION_MAX_WORDS = 30
PARAGRAPH_GAP_SHARE = 0.5


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
    """Remove the debris of one kind, as its rule file says."""

    name: str
    pick: RulePicker

    @property
    def rules(self) -> tuple[BlockRule, ...]:
        return self.pick.rules

    @classmethod
    def for_kind(cls, ruleset: RuleSet, kind: str) -> BlockRuleStage:
        return cls(name=kind, pick=screen_of(ruleset).picker(removal_rules(ruleset.block_kind(kind))))

    def __call__(self, doc: Document) -> Document:
        if not self.rules:
            return doc
        span: tuple[int, int] | None = None  # where the article lies; found when first needed
        for index in candidates(doc, self.name):
            block = doc.blocks[index]
            if not block.kept:
                continue
            for rule in self.pick(block):
                if not rule.find(block.text, block.words):
                    continue
                span = span or article_span(doc)
                if in_place(rule, index, *span):
                    self._apply(doc, index, rule)
                    break
        return doc

    def _apply(self, doc: Document, index: int, rule: BlockRule) -> None:
        block = doc.blocks[index]
        if block.protected:
            return
        if rule.action == "strip":
            _strip(doc, block, self.name, rule)
            rescreen(doc, index)  # what is left may be debris of another kind
            return
        doc.remove(block, self.name, rule.id)
        if rule.action == "cut_rest":
            for later in doc.blocks[index + 1 :]:
                doc.remove(later, self.name, rule.id)
        elif rule.action == "drop_with_caption":
            _drop_attached_caption(doc, index, self.name, rule.id)
        elif rule.action == "drop_with_list":
            _drop_list(doc, index, self.name, rule.id)


def _drop_attached_caption(doc: Document, index: int, stage: str, rule_id: str) -> None:
    """Drop the short line right under a credit when no blank line parts them.

    Only layout tells a caption from a one-sentence paragraph, so this acts
    only on pages that part their paragraphs with blank lines.
    """
    following = doc.blocks[index + 1 : index + 2]
    if not following or following[0].gap_before or following[0].words > CAPTION_MAX_WORDS:
        return
    gaps = sum(block.gap_before for block in doc.blocks)
    if gaps >= PARAGRAPH_GAP_SHARE * len(doc.blocks):
        doc.remove(following[0], stage, rule_id)


def _drop_list(doc: Document, index: int, stage: str, rule_id: str) -> None:
    """Drop the list under the heading at `index`: its short headline lines,
    and a numbered list ("1. ...", "2. ...") for as long as its numbers run,
    however long its items (a teaser's headline and summary on one line)."""
    number = 1
    for later in doc.blocks[index + 1 :]:
        if not later.kept:
            continue
        if list_number(later.text) == str(number):
            number += 1
        elif _ends_list(later):
            break
        doc.remove(later, stage, rule_id)


def _ends_list(block: Block) -> bool:
    """A paragraph ends a teaser list; a headline, even one ending in '?', does not."""
    return block.words > LIST_ITEM_MAX_WORDS or (is_prose(block.text) and block.text.rstrip()[-1:] in ".…")


def in_place(rule: BlockRule, index: int, start: int, end: int) -> bool:
    """Whether a block at `index` sits where the rule may act.

    `cut_rest` only ever fires after the article has begun: a "Comments" link
    in the menu must not take the whole article with it.
    """
    if rule.action == "cut_rest" or rule.where == "after_start":
        return index > start
    if rule.where == "head":
        return index < start
    if rule.where == "tail":
        return index > end
    return True


def _strip(doc: Document, block: Block, stage: str, rule: BlockRule) -> None:
    remainder = rule.pattern.sub(" ", block.text).strip()
    removed = block.text if not remainder else _removed_part(block.text, rule)
    if not remainder:
        doc.remove(block, stage, rule.id)
        return
    doc.note_removal(stage, rule.id, removed)
    block.text = " ".join(remainder.split())


def _removed_part(text: str, rule: BlockRule) -> str:
    return " … ".join(match.group(0).strip() for match in rule.pattern.finditer(text))
