"""Drop boilerplate subtrees from the parsed page before content extraction.

Navigation, share bars, comment threads, ad slots and cookie boxes are easier
to recognise by their markup than by their text, so the DOM rules in
`rules/dom.toml` name them by tag, ARIA role and class/id tokens. One guard
keeps a greedy rule from deleting the article: a subtree holding most of the
page's paragraph text, or the article element itself, is never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from boilerstrip.document import Document
from boilerstrip.rules import DomRule, RuleSet

STAGE = "dom"
# A subtree with more than this share of the page's text is content, whatever
# its class says (themes put "comments-enabled" on the article wrapper).
MAX_TEXT_SHARE = 0.4
# Pages that set their text in bare divs have little <p> text to measure by.
MIN_PARAGRAPH_CHARS = 200
# How much of a dropped subtree's text the audit trail keeps.
AUDIT_TEXT_CHARS = 300
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_NEVER_DROP = frozenset({"html", "body", "article", "main"})
_NEVER_TEXT = frozenset({"script", "style", "noscript", "template"})
_CONTENT_MARKERS = ".//article | .//main | .//*[@itemprop='articleBody']"


def element_tokens(element: HtmlElement) -> set[str]:
    """The class and id of an element, split into lower-case word tokens."""
    raw = f"{element.get('class', '')} {element.get('id', '')}".lower()
    return {token for token in _TOKEN_SPLIT.split(raw) if token}


def rule_matches(rule: DomRule, element: HtmlElement) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.lower() in rule.tags:
        return True
    role = (element.get("role") or "").strip().lower()
    if role and role in rule.roles:
        return True
    return bool(rule.tokens and element_tokens(element) & rule.tokens)


@dataclass(frozen=True)
class DropBoilerplateSubtrees:
    rules: RuleSet
    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        if doc.tree is None or not self.rules.dom_rules:
            return doc
        body = doc.tree.find("body")
        root = body if body is not None else doc.tree
        # Measure by paragraph text, the article-shaped part of a page, unless
        # the page sets its text in bare divs.
        measure = _paragraph_chars if _paragraph_chars(root) >= MIN_PARAGRAPH_CHARS else _all_chars
        page_chars = max(measure(root), 1)
        # Collect first, then drop: removing while iterating skips siblings.
        doomed: list[tuple[HtmlElement, DomRule]] = []
        for element in root.iter():
            if not isinstance(element.tag, str) or element.tag.lower() in _NEVER_DROP:
                continue
            if any(element is d or _is_ancestor(d, element) for d, _ in doomed[-1:]):
                continue
            rule = next((r for r in self.rules.dom_rules if rule_matches(r, element)), None)
            if rule is not None and _safe_to_drop(element, rule, measure(element) / page_chars):
                doomed.append((element, rule))
        for element, rule in doomed:
            text = " ".join(element.text_content().split())
            if len(text) > AUDIT_TEXT_CHARS:
                text = text[:AUDIT_TEXT_CHARS] + "…"
            doc.note_removal(self.name, rule.id, text)
            if element.getparent() is not None:
                element.drop_tree()
        return doc


def _safe_to_drop(element: HtmlElement, rule: DomRule, text_share: float) -> bool:
    if element.tag in _NEVER_TEXT:
        return True
    if element.xpath(_CONTENT_MARKERS):
        return False
    return text_share <= MAX_TEXT_SHARE


def _paragraph_chars(element: HtmlElement) -> int:
    return sum(len(t.strip()) for t in element.xpath(".//p//text()"))


def _all_chars(element: HtmlElement) -> int:
    return len(" ".join(element.text_content().split()))


def _is_ancestor(ancestor: HtmlElement, element: HtmlElement) -> bool:
    return any(parent is ancestor for parent in element.iterancestors())
