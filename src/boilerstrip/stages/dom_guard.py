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
  (a thread's posts, each in its own "comment" box);
- one rule's removals inside the prose element that together take
  MAX_SHARE_OF_PROSE_ELEMENT of its prose, a paragraph or more each
  (MIN_PART_CHARS), are undone even when the article would survive: they
  are its own parts (a review's product boxes, each a "widget"). Comment
  threads are left out: a story's thread often sits in its container;
- so are the removals of a rule that names the prose element's own box,
  inside the element the markup calls the article (`<article>`, an
  `entry-content`...), when they hold as much prose (a page builder sets
  every section of the article in a "widget" panel).

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
from boilerstrip.stages.comment_thread import THREAD_RULES
from boilerstrip.stages.dom_boilerplate import (
    DomRuleIndex,
    FindBoilerplateSubtrees,
    audit_text,
    is_consent_panel,
    names_the_article,
    root_of,
)
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
# The rules whose class words page builders use for layout: every section of
# an article built with one is a "widget" panel. (A rule that names a consent
# box or a modal around the prose element has found debris that holds prose,
# not the article: WCXB dev, 2 pages up and 2 down, net -0.43 F1, when the
# cookie-consent rule was let in.)
LAYOUT_WORD_RULES = frozenset({"dom-sidebar"})
# The article's own parts that a rule misnames inside the prose element (a
# review's product boxes, each a "widget") hold paragraphs: this many chars
# of prose each, on average. A carousel of one-line promos is debris.
MIN_PART_CHARS = 300


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
        if main is None or prose.main_chars < MIN_PROSE_ELEMENT_CHARS:
            doc.pruned_prose_chars = _prose_left(prose, doc.cuts)
            return doc
        verdict = _Verdict(prose, main)
        # A rule whose removals inside the prose element take much of it is
        # naming the article's own parts (a review's product boxes, each a
        # "widget"): undone even when the rest of the article would survive.
        families = {**verdict.kin_of_main(doc.cuts, self.finder.index), **verdict.families_in_main(doc.cuts)}
        survives = _article_survives(prose, doc.cuts)
        if survives and not families:
            doc.pruned_prose_chars = _prose_left(prose, doc.cuts)
            return doc
        standing: list[Cut] = []
        undone: list[tuple[Cut, str]] = []
        whole_rules: dict[str, str] = {}  # rules undone whole, and the evidence
        panel_ids = {id(panel) for panel in panels}
        pending = [cut for cut in reversed(doc.cuts) if id(cut) not in panel_ids]
        standing += panels
        propose_inside = self.finder.inside(doc.tree)
        while pending:
            while pending:
                cut = pending.pop()
                evidence = None if survives else verdict.takes_main_text(cut.element)
                if evidence is None and cut.rule_id in families:
                    scope, family_evidence = families[cut.rule_id]
                    if verdict.holds_prose_within(cut.element, scope):
                        evidence = family_evidence
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
                if rule_id in whole_rules or survives:
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
        self.main = main
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

    def holds_prose_within(self, element: HtmlElement, scope: HtmlElement) -> bool:
        """Whether a removal lies inside `scope` (not around the prose element) and holds prose."""
        if element in self.holding_main or not any(parent is scope for parent in element.iterancestors()):
            return False
        return bool(self.prose.blocks_within(element))

    def kin_of_main(self, cuts: list[Cut], index: DomRuleIndex) -> dict[str, tuple[HtmlElement, str]]:
        """The layout rules that name the prose element's own box, below the
        element the markup calls the article, and whose removals inside that element hold
        MAX_SHARE_OF_PROSE_ELEMENT as much prose as the prose element: a page
        builder sets every section in a "widget" panel (a promo box or two
        in the article hold less)."""
        kin: list[str] = []
        for container in (self.main, *self.main.iterancestors()):
            if names_the_article(container):
                break
            rule = index.match(container)
            if rule is not None and rule.id in LAYOUT_WORD_RULES:
                kin.append(rule.id)
        else:
            return {}
        families: dict[str, tuple[HtmlElement, str]] = {}
        for rule_id in kin:
            held: set[HtmlElement] = set()
            for cut in cuts:
                if cut.rule_id == rule_id and self.holds_prose_within(cut.element, container):
                    held |= self.prose.blocks_within(cut.element)
            share = sum(self.prose.chars[block] for block in held) / max(self.main_chars, 1)
            if share >= MAX_SHARE_OF_PROSE_ELEMENT:
                evidence = (
                    f"the rule names the prose element's own box; its removals in the article's "
                    f"<{container.tag}> hold {share:.0%} as much prose"
                )
                families[rule_id] = (container, evidence)
        return families

    def families_in_main(self, cuts: list[Cut]) -> dict[str, tuple[HtmlElement, str]]:
        """The rules whose removals inside the prose element, all together, take
        MAX_SHARE_OF_PROSE_ELEMENT of its prose, and the evidence for each."""
        blocks: dict[str, set[HtmlElement]] = {}
        counts: dict[str, int] = {}
        for cut in cuts:
            # A story's comment thread often sits in the container of its
            # paragraphs, and is no part of it: the checks above weigh threads.
            if cut.rule_id not in THREAD_RULES and self.holds_prose_within(cut.element, self.main):
                blocks.setdefault(cut.rule_id, set()).update(self.prose.blocks_within(cut.element))
                counts[cut.rule_id] = counts.get(cut.rule_id, 0) + 1
        families: dict[str, tuple[HtmlElement, str]] = {}
        for rule_id, held in blocks.items():
            chars = sum(self.prose.chars[block] for block in held)
            share = chars / max(self.main_chars, 1)
            if share >= MAX_SHARE_OF_PROSE_ELEMENT and chars >= MIN_PART_CHARS * counts[rule_id]:
                evidence = f"the rule's removals inside the prose element take {share:.0%} of it"
                families[rule_id] = (self.main, evidence)
        return families

    def takes_page_prose(self, cuts: list[Cut]) -> str | None:
        """The evidence that one rule's removals, all together, take most of the page's prose."""
        blocks: set[HtmlElement] = set()
        for cut in cuts:
            blocks |= self.prose.blocks_within(cut.element)
        share = sum(self.prose.chars[block] for block in blocks) / max(self.prose.total, 1)
        if share >= MAX_RULE_SHARE_OF_PAGE:
            return f"the rule's removals take {share:.0%} of the page's prose"
        return None
