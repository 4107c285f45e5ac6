"""Undo a proposed DOM removal that would take the article with it.

The DOM rules read class and id words, and modern layouts put the article
inside wrappers whose classes say "sidebar", "footer", "nav" or "comments"
for reasons of layout; a forum thread's posts ARE its "comments". So a
proposed removal is evidence, not a verdict: before anything is dropped it
is weighed against an independent estimate of where the main text is (the
prose map of the unpruned tree, `boilerstrip.stages.prose_map`), and undone
when it would take most of it, unless an article-sized prose element
survives every proposed removal (ARTICLE_SURVIVES_CHARS):

- a removal that holds the prose element, or takes at least
  MAX_SHARE_OF_PROSE_ELEMENT of its prose, is undone;
- when one such removal is undone, every removal of the same rule goes too
  if together they hold at least MAX_RULE_SHARE_OF_PAGE of the page's prose
  (a thread's posts, each in its own "comment" box).

A consent manager's panel (`dom_boilerplate.is_consent_panel`) is no
candidate for the main text: its prose is left out of the map, and its
removal always stands.

Each undone removal is recorded (`Document.note_undone`) with the rule it
undid and the evidence, so the audit trail shows why the text stayed.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml.html import HtmlElement

from boilerstrip.document import Cut, Document
from boilerstrip.stages.dom_boilerplate import FindBoilerplateSubtrees, audit_text, is_consent_panel, root_of
from boilerstrip.stages.prose_map import ProseMap

STAGE = "dom_guard"
# A removal taking this share of the prose element's text takes the article.
MAX_SHARE_OF_PROSE_ELEMENT = 0.4
# A rule whose removals, one of them undone, hold this share of the page's
# prose is taking the content, not debris beside it.
MAX_RULE_SHARE_OF_PAGE = 0.5
# Below this much prose the prose element is a caption or a teaser, not
# evidence of an article worth guarding.
MIN_PROSE_ELEMENT_CHARS = 200
# The guard stands down when the page, without every proposed removal, still
# has an article-sized prose element: this many chars (about 170 words) and
# this share of the prose element's. A news story whose comment thread holds
# the longest prose keeps its story and loses the thread; a forum thread in
# "comment" boxes, or an article in a "sidebar" wrapper, leaves a few lines.
ARTICLE_SURVIVES_CHARS = 1000
ARTICLE_SURVIVES_SHARE = 0.5


@dataclass(frozen=True)
class GuardMainText:
    """Undo the proposed removals (`Document.cuts`) that take the main text."""

    finder: FindBoilerplateSubtrees
    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        if doc.tree is None or not doc.cuts:
            return doc
        prose = ProseMap.of(root_of(doc.tree))
        panels = [cut for cut in doc.cuts if is_consent_panel(cut.rule_id, cut.element)]
        if panels:
            prose = prose.without(set().union(*(prose.blocks_within(cut.element) for cut in panels)))
        main = prose.element
        doc.main_text_chars = prose.main_chars
        if main is None or prose.main_chars < MIN_PROSE_ELEMENT_CHARS or _article_survives(prose, doc.cuts):
            doc.pruned_prose_chars = _prose_left(prose, doc.cuts)
            return doc
        verdict = _Verdict(prose, main)
        standing: list[Cut] = []
        undone: list[tuple[Cut, str]] = []
        whole_rules: dict[str, str] = {}  # rules undone whole, and the evidence
        pending = [cut for cut in reversed(doc.cuts) if not any(cut is panel for panel in panels)]
        standing += panels
        propose_inside = self.finder.inside(doc.tree)
        while pending:
            while pending:
                cut = pending.pop()
                evidence = verdict.takes_main_text(cut.element)
                if evidence is None and cut.rule_id in whole_rules and prose.blocks_within(cut.element):
                    # Only the removals that hold prose: the rule's empty widgets still go.
                    evidence = whole_rules[cut.rule_id]
                if evidence is None:
                    standing.append(cut)
                    continue
                undone.append((cut, evidence))
                # What the rules name inside it is still debris, and weighed in turn.
                pending += reversed(propose_inside(cut.element))
            for rule_id in dict.fromkeys(cut.rule_id for cut, _ in undone):
                if rule_id in whole_rules:
                    continue
                rule_cuts = [cut for cut in standing if cut.rule_id == rule_id]
                taken = rule_cuts + [cut for cut, _ in undone if cut.rule_id == rule_id]
                evidence = verdict.takes_page_prose(taken)
                if evidence is not None:
                    whole_rules[rule_id] = evidence
                    standing = [cut for cut in standing if cut.rule_id != rule_id]
                    pending += reversed(rule_cuts)
        for cut, evidence in undone:
            doc.note_undone(self.name, cut.rule_id, evidence, audit_text(cut.element))
        doc.cuts = standing
        doc.pruned_prose_chars = _prose_left(prose, standing)
        return doc


def _prose_left(prose: ProseMap, cuts: list[Cut]) -> int:
    dropped: set[HtmlElement] = set()
    for cut in cuts:
        dropped |= prose.blocks_within(cut.element)
    return prose.total - sum(prose.chars[block] for block in dropped)


def _article_survives(prose: ProseMap, cuts: list[Cut]) -> bool:
    dropped: set[HtmlElement] = set()
    for cut in cuts:
        dropped |= prose.blocks_within(cut.element)
    left = prose.without(dropped).main_chars
    return left >= ARTICLE_SURVIVES_CHARS and left >= ARTICLE_SURVIVES_SHARE * prose.main_chars


class _Verdict:
    """Where the prose element lies, read once, and what a removal takes of it."""

    def __init__(self, prose: ProseMap, main: HtmlElement) -> None:
        self.prose = prose
        self.main_chars = prose.within(main)
        self.holding_main = {main, *main.iterancestors()}  # a removal of one of these takes it all
        self.inside_main = set(main.iter())

    def takes_main_text(self, element: HtmlElement) -> str | None:
        """The evidence that a removal takes the main text, or None."""
        if element in self.holding_main:
            return f"holds the prose element, {self.main_chars} chars of prose"
        if element not in self.inside_main:
            return None
        share = self.prose.within(element) / self.main_chars
        if share >= MAX_SHARE_OF_PROSE_ELEMENT:
            return f"takes {share:.0%} of the prose element's {self.main_chars} chars of prose"
        return None

    def takes_page_prose(self, cuts: list[Cut]) -> str | None:
        """The evidence that one rule's removals, all together, take most of the page's prose."""
        blocks: set[HtmlElement] = set()
        for cut in cuts:
            blocks |= self.prose.blocks_within(cut.element)
        share = sum(self.prose.chars[block] for block in blocks) / max(self.prose.total, 1)
        if share >= MAX_RULE_SHARE_OF_PAGE:
            return f"the rule's removals take {share:.0%} of the page's prose"
        return None
