"""Apply one kind of block rules (one file of `rules/`) to a document.

Every debris stage of the text pipeline is an instance of `BlockRuleStage`
named after its rule file, so adding a wording to a kind never touches code.
The stage walks the kept blocks in order; the first rule of the kind that
matches a block decides its fate. (Named groups are read earlier, by the
captured-metadata stage, before any removal.)
"""

from __future__ import annotations

from dataclasses import dataclass

from boilerstrip.blocks import article_span, is_prose
from boilerstrip.document import Block, Document
from boilerstrip.rules import MAX_RULE_TEXT, BlockRule, RuleSet, Screen

# Teaser lists under a "Related articles" heading are short headline lines.
# A line this long, or a prose block, ends the list.
LIST_ITEM_MAX_WORDS = 22
# A caption is one short sentence; and a page "parts paragraphs with blank
# lines" when at least this share of its blocks has one before it.
CAPTION_MAX_WORDS = 30
PARAGRAPH_GAP_SHARE = 0.5


@dataclass(frozen=True)
class ProtectByKeepRules:
    """Stage 0: mark blocks that a keep rule claims, so no later stage removes them."""

    rules: RuleSet
    name: str = "keep"

    def __call__(self, doc: Document) -> Document:
        keep = self.rules.keep_rules
        for block in doc.blocks:
            if any(rule.find(block.text) for rule in keep):
                block.protected = True
        return doc


@dataclass(frozen=True)
class BlockRuleStage:
    """Remove the debris of one kind, as its rule file says."""

    name: str
    screen: Screen

    @property
    def rules(self) -> tuple[BlockRule, ...]:
        return self.screen.rules

    @classmethod
    def for_kind(cls, ruleset: RuleSet, kind: str) -> BlockRuleStage:
        return cls(name=kind, screen=ruleset.screen(kind))

    def __call__(self, doc: Document) -> Document:
        if not self.rules:
            return doc
        kept = [index for index, block in enumerate(doc.blocks) if block.removed_by is None]
        start, end = article_span(doc)
        # Most blocks match no rule: one combined regex, compiled once with the
        # rule set, turns them away before each rule is tried in turn (rules it
        # cannot speak for cheaply are always tried).
        prefilters, unanchored = self.screen.prefilters, self.screen.unanchored
        for index in kept:
            block = doc.blocks[index]
            if not block.kept:
                continue
            words = block.words
            rules = self.rules
            prefilter = next(regex for limit, regex in prefilters if words <= limit)
            if prefilter is not None and not prefilter.match(block.text[:MAX_RULE_TEXT]):
                rules = unanchored
                if not rules:
                    continue
            for rule in rules:
                match = rule.find(block.text, words)
                if match and in_place(rule, index, start, end):
                    self._apply(doc, index, rule)
                    break
        return doc

    def _apply(self, doc: Document, index: int, rule: BlockRule) -> None:
        block = doc.blocks[index]
        if block.protected:
            return
        if rule.action == "strip":
            _strip(doc, block, self.name, rule)
            return
        doc.remove(block, self.name, rule.id)
        if rule.action == "cut_rest":
            for later in doc.blocks[index + 1 :]:
                doc.remove(later, self.name, rule.id)
        elif rule.action == "drop_with_caption":
            _drop_attached_caption(doc, index, self.name, rule.id)
        elif rule.action == "drop_with_list":
            for later in doc.blocks[index + 1 :]:
                if not later.kept:
                    continue
                if _ends_list(later):
                    break
                doc.remove(later, self.name, rule.id)


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
