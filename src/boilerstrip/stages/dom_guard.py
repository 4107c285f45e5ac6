"""Undo a proposed DOM removal that would take the article with it.

The DOM rules read class and id words, and modern layouts put the article
inside wrappers whose classes say "sidebar", "footer", "nav" or "comments"
for reasons of layout; a forum thread's posts ARE its "comments". So a
proposed removal is evidence, not a verdict: before anything is dropped it
is weighed against an independent estimate of where the main text is (the
prose map of the unpruned tree, `boilerstrip.stages.prose_map`), and undone
when it would take most of it:

- a removal that holds the prose element, or takes at least
  MAX_SHARE_OF_PROSE_ELEMENT of its prose, is undone;
- when one such removal is undone, every removal of the same rule goes too
  if together they hold at least MAX_RULE_SHARE_OF_PAGE of the page's prose
  (a thread's posts, each in its own "comment" box).

Each undone removal is recorded (`Document.note_undone`) with the rule it
undid and the evidence, so the audit trail shows why the text stayed.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml.html import HtmlElement

from boilerstrip.document import Cut, Document
from boilerstrip.stages.dom_boilerplate import audit_text
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


@dataclass(frozen=True)
class GuardMainText:
    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        if doc.tree is None or not doc.cuts:
            return doc
        body = doc.tree.find("body")
        prose = ProseMap.of(body if body is not None else doc.tree)
        if prose.element is None:
            return doc
        main_chars = prose.within(prose.element)
        if main_chars < MIN_PROSE_ELEMENT_CHARS:
            return doc
        undone: dict[int, str] = {}
        for cut in doc.cuts:
            evidence = _takes_main_text(cut.element, prose, main_chars)
            if evidence:
                undone[id(cut)] = evidence
        for rule_id in {cut.rule_id for cut in doc.cuts if id(cut) in undone}:
            _undo_whole_rule(doc.cuts, rule_id, prose, undone)
        for cut in doc.cuts:
            if id(cut) in undone:
                doc.note_undone(self.name, cut.rule_id, undone[id(cut)], audit_text(cut.element))
        doc.cuts = [cut for cut in doc.cuts if id(cut) not in undone]
        return doc


def _takes_main_text(element: HtmlElement, prose: ProseMap, main_chars: int) -> str | None:
    """The evidence that a removal takes the main text, or None."""
    main = prose.element
    assert main is not None
    if element is main or any(ancestor is element for ancestor in main.iterancestors()):
        return f"holds the prose element, {main_chars} chars of prose"
    if not any(ancestor is main for ancestor in element.iterancestors()):
        return None
    share = prose.within(element) / main_chars
    if share >= MAX_SHARE_OF_PROSE_ELEMENT:
        return f"takes {share:.0%} of the prose element's {main_chars} chars of prose"
    return None


def _undo_whole_rule(cuts: list[Cut], rule_id: str, prose: ProseMap, undone: dict[int, str]) -> None:
    """Undo every removal of a rule that, all together, holds most of the page's prose."""
    held = {id(cut): prose.blocks_within(cut.element) for cut in cuts if cut.rule_id == rule_id}
    blocks = set().union(*held.values())
    share = sum(prose.chars[block] for block in blocks) / max(prose.total, 1)
    if share < MAX_RULE_SHARE_OF_PAGE:
        return
    # Only the removals that hold prose: the rule's empty widgets still go.
    for cut in cuts:
        if held.get(id(cut)) and id(cut) not in undone:
            undone[id(cut)] = f"{rule_id} would take {share:.0%} of the page's prose"
