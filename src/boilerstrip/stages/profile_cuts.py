"""Undo the DOM proposals that the page type's profile says are content.

A forum thread sets its posts in "comment" boxes; on a page the classifier
is sure is a forum, the `dom-comments` proposals are the page, not debris
beside it. The profile (`boilerstrip.page_types.profiles`) names the DOM
rules its type switches off; their proposals are undone here, before the
DOM guard weighs the rest, and recorded with the profile as the evidence.
What the rules name inside an undone subtree is still proposed, and a
switched-off rule's proposals in there stand when they hold a few words
at most: a post's author line and its "Reply" links go, as the DOM guard
lets a rule's empty widgets go when it undoes the rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from boilerstrip.document import Cut, Document
from boilerstrip.page_types.profiles import Profiles
from boilerstrip.stages.dom_boilerplate import FindBoilerplateSubtrees, audit_text

STAGE = "profile"
# A nested proposal of a switched-off rule with fewer words than this is a
# post's widget (author and date, "Reply Quote Report"), not a post: even a
# one-line reply ("Spot on, that fixed it.") has more.
MAX_WIDGET_WORDS = 6


@dataclass(frozen=True)
class UndoProfileCuts:
    finder: FindBoilerplateSubtrees
    profiles: Profiles
    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        if doc.tree is None or not doc.cuts:
            return doc
        profile = self.profiles.for_page(doc.metadata)
        if not profile.dom_rules_off:
            return doc
        evidence = f"the {profile.page_type} profile keeps what {{}} names"
        propose_inside = self.finder.inside(doc.tree)
        standing: list[Cut] = []
        pending = [(cut, False) for cut in reversed(doc.cuts)]
        while pending:
            cut, nested = pending.pop()
            if cut.rule_id not in profile.dom_rules_off or (nested and _is_widget(cut)):
                standing.append(cut)
                continue
            doc.note_undone(self.name, cut.rule_id, evidence.format(cut.rule_id), audit_text(cut.element))
            pending += [(inner, True) for inner in reversed(propose_inside(cut.element))]
        doc.cuts = standing
        return doc


def _is_widget(cut: Cut) -> bool:
    return len(cut.element.text_content().split()) < MAX_WIDGET_WORDS
