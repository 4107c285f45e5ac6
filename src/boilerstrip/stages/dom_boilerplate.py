"""Drop boilerplate subtrees from the parsed page before content extraction.

Navigation, share bars, comment threads, ad slots and cookie boxes are easier
to recognise by their markup than by their text, so the DOM rules in
`rules/dom.toml` name them by tag, ARIA role and class/id tokens. A first
check keeps a greedy rule from proposing the article: a subtree holding much
of the page's paragraph text, or the headline or article body, is never
proposed. What is proposed is then weighed by the DOM guard
(`boilerstrip.stages.dom_guard`) and dropped by the prune stage below.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from lxml import etree
from lxml.html import HtmlElement

from boilerstrip.document import Cut, Document
from boilerstrip.matching.rules import DomRule, RuleSet
from boilerstrip.stages.comment_thread import THREAD_RULES, read_thread

STAGE = "dom"
# A subtree with more than this share of the page's text is content, whatever
# its class says (themes put "comments-enabled" on the article wrapper).
MAX_TEXT_SHARE = 0.4
# Pages that set their text in bare divs have little <p> text to measure by.
MIN_PARAGRAPH_CHARS = 200
# A subtree with less text than this cannot be holding the article.
MIN_CHARS_TO_HOLD_CONTENT = 200
# How much of a dropped subtree's text the audit trail keeps.
AUDIT_TEXT_CHARS = 300
# A consent manager's panel (its purposes, its vendors, a paragraph per kind
# of cookie) can hold more paragraph text than a forum thread set in bare
# divs: measured against the page, it would pass for the content. A subtree
# the consent rule names whose text speaks of cookies or consent at least
# once in CONSENT_WORDS_PER_MENTION words, and holds no headline or article,
# is a panel whatever its size (a page wrapper that a theme classes
# "cookie-notice-shown" holds the article's words, which mention neither).
CONSENT_RULE = "dom-cookie-consent"
CONSENT_WORDS_PER_MENTION = 100
_CONSENT_WORDS = re.compile(r"\b(?:cookies?|consent\w*|gdpr|privacy)\b", re.IGNORECASE)
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_NEVER_DROP = frozenset({"html", "body", "article", "main"})
# Quotations are content whatever their class says: embedded posts
# ("twitter-tweet") and pull quotes are part of the story.
_QUOTES = frozenset({"blockquote", "q"})
_NEVER_TEXT = frozenset({"script", "style", "noscript", "template"})
# Code is content whatever its spans' classes say: syntax highlighters mark a
# code comment "comment" (highlight.js, Prism, Pygments' long names) and a
# keyword or name with words the rules read as "nav" or "share". The walk
# neither proposes nor enters it.
_CODE = frozenset({"pre", "code"})
# Evidence that a subtree holds the article, whatever its class says: the
# headline, the article element, or a body class that the big CMSs use.
# (Blogger, for one, wraps the whole post in a "widget".)
_CONTENT_CLASSES = (
    "post-body",
    "entry-content",
    "article-body",
    "article-content",
    "story-body",
    "post-content",
)
# One pass over the subtree with one predicate (a union of paths scans it once per path).
# Compiled once: `element.xpath(string)` compiles its expression on every call.
_CONTENT_MARKERS = etree.XPath(
    "descendant-or-self::*[{}]".format(
        " or ".join(
            ["self::article", "self::main", "self::h1", "@itemprop='articleBody'"]
            + [f"contains(@class, '{name}')" for name in _CONTENT_CLASSES]
        )
    )
)


def element_tokens(element: HtmlElement) -> set[str]:
    """The class and id of an element, split into lower-case word tokens."""
    raw = f"{element.get('class', '')} {element.get('id', '')}".lower()
    return {token for token in _TOKEN_SPLIT.split(raw) if token}


def rule_matches(rule: DomRule, element: HtmlElement) -> bool:
    return DomRuleIndex((rule,)).match(element) is rule


class DomRuleIndex:
    """The DOM rules keyed by tag, role and token, so that each element costs
    three look-ups instead of a pass over every rule. The first rule in file
    order wins where two claim the same key."""

    def __init__(self, rules: tuple[DomRule, ...]) -> None:
        self.by_tag: dict[str, DomRule] = {}
        self.by_role: dict[str, DomRule] = {}
        self.by_token: dict[str, DomRule] = {}
        self.conditional: dict[str, list[DomRule]] = {}
        self.order = {rule.id: position for position, rule in enumerate(rules)}
        for rule in rules:
            if rule.conditional:
                for tag in rule.tags:
                    self.conditional.setdefault(tag, []).append(rule)
                continue
            for key, index in (
                (rule.tags, self.by_tag),
                (rule.roles, self.by_role),
                (rule.tokens, self.by_token),
            ):
                for name in key:
                    index.setdefault(name, rule)

    def match(self, element: HtmlElement) -> DomRule | None:
        tag = element.tag
        if not isinstance(tag, str):
            return None
        rule = self.by_tag.get(tag.lower())
        if rule is None:
            role = element.get("role")
            rule = self.by_role.get(role.strip().lower()) if role else None
        if rule is None and (element.get("class") or element.get("id")):
            claims = [self.by_token[t] for t in element_tokens(element) if t in self.by_token]
            # The first rule in file order wins, never the first token in set
            # order, which changes with Python's hash seed from run to run.
            rule = min(claims, key=lambda claim: self.order[claim.id]) if claims else None
        if rule is None and tag.lower() in self.conditional:
            rule = next((r for r in self.conditional[tag.lower()] if _content_matches(r, element)), None)
        return rule


def _content_matches(rule: DomRule, element: HtmlElement) -> bool:
    """A list of teasers: enough items, and most of its text is link text."""
    if rule.min_items is not None and len(element) < rule.min_items:
        return False
    if rule.min_link_density is None:
        return True
    text = len("".join(element.itertext()).strip())
    linked = sum(len("".join(a.itertext()).strip()) for a in element.iterfind(".//a"))
    return text > 0 and linked / text >= rule.min_link_density


class PageMeasure(NamedTuple):
    """A page's text measure (paragraph text, or all text on pages of bare divs) and its total."""

    measure: Callable[[HtmlElement], int]
    chars: int


@dataclass(frozen=True)
class FindBoilerplateSubtrees:
    """Propose the subtrees the DOM rules name as boilerplate (`Document.cuts`).

    Nothing is dropped here: a removal is evidence, and the DOM guard weighs
    it against where the page's main text is before the prune stage drops
    what stands. The walk does not enter a proposed subtree; when the guard
    undoes one (an article inside a "sidebar"), it asks for the proposals
    inside it (`propose`), so the share bar in the article still goes.

    With `comments`, a comment thread is read before anything is proposed
    (`boilerstrip.stages.comment_thread`): it leaves the body all the same.
    """

    rules: RuleSet
    name: str = STAGE
    comments: bool = False

    def __call__(self, doc: Document) -> Document:
        if doc.tree is None or not self.rules.dom_rules:
            return doc
        if self.comments:
            # Read before anything goes: a thread's container may be kept
            # (its comments are <article>s) and dropped piece by piece.
            index = self.index
            doc.comments = read_thread(root_of(doc.tree), lambda element: _claims_thread(index, element))
        doc.cuts += self.propose(doc.tree, root_of(doc.tree))
        return doc

    @cached_property
    def index(self) -> DomRuleIndex:
        return DomRuleIndex(self.rules.dom_rules)

    def measure_page(self, tree: HtmlElement) -> PageMeasure:
        """How the page's text is measured, and how much there is: read once
        for all the proposals made on one unpruned tree."""
        root = root_of(tree)
        # Measure by paragraph text, the article-shaped part of a page, unless
        # the page sets its text in bare divs.
        page_chars = _paragraph_chars(root)
        measure = _paragraph_chars
        if page_chars < MIN_PARAGRAPH_CHARS:
            measure, page_chars = _all_chars, _all_chars(root)
        return PageMeasure(measure, max(page_chars, 1))

    def inside(self, tree: HtmlElement) -> Callable[[HtmlElement], list[Cut]]:
        """What the rules name inside a subtree a guard keeps: the page is
        measured once, at the first call, for all of them."""
        page: list[PageMeasure] = []

        def propose_inside(element: HtmlElement) -> list[Cut]:
            if not page:
                page.append(self.measure_page(tree))
            return self.propose(tree, element, page[0])

        return propose_inside

    def propose(self, tree: HtmlElement, within: HtmlElement, page: PageMeasure | None = None) -> list[Cut]:
        """The subtrees below `within` the rules name, measured against the whole
        page (`page`, when the caller has measured it already)."""
        measure, page_chars = page or self.measure_page(tree)
        index = self.index
        cuts: list[Cut] = []
        # The walk uses its own stack because pages nest deeper than Python recurses.
        stack = list(reversed(within))
        while stack:
            element = stack.pop()
            if element.tag in _CODE:
                continue
            rule = index.match(element)
            if (
                rule is not None
                and element.tag not in _NEVER_DROP
                and (
                    _safe_to_drop(element, measure(element) / page_chars)
                    or is_consent_panel(rule.id, element)
                )
            ):
                cuts.append(Cut(element, self.name, rule.id))
                continue
            stack.extend(reversed(element))
        return cuts


@dataclass(frozen=True)
class PruneSubtrees:
    """Drop the proposed subtrees the guard left standing, and record each."""

    name: str = "prune"

    def __call__(self, doc: Document) -> Document:
        for cut in doc.cuts:
            doc.note_removal(cut.stage, cut.rule_id, audit_text(cut.element))
            if cut.element.getparent() is not None:
                cut.element.drop_tree()
        doc.cuts = []
        return doc


def root_of(tree: HtmlElement) -> HtmlElement:
    body = tree.find("body")
    return body if body is not None else tree


def audit_text(element: HtmlElement) -> str:
    """The text of a subtree as the audit trail keeps it: normalised, cut short."""
    text = " ".join(element.text_content().split())
    return text if len(text) <= AUDIT_TEXT_CHARS else text[:AUDIT_TEXT_CHARS] + "…"


def is_consent_panel(rule_id: str, element: HtmlElement) -> bool:
    """Whether a subtree the rule `rule_id` names is a consent manager's panel (above)."""
    if rule_id != CONSENT_RULE:
        return False
    text = element.text_content()
    mentions = len(_CONSENT_WORDS.findall(text))
    return mentions * CONSENT_WORDS_PER_MENTION >= len(text.split()) and not _CONTENT_MARKERS(element)


def _claims_thread(index: DomRuleIndex, element: HtmlElement) -> bool:
    rule = index.match(element)
    return rule is not None and rule.id in THREAD_RULES


def names_the_article(element: HtmlElement) -> bool:
    """Whether the markup calls this element the article: <article>, <main>,
    `itemprop="articleBody"`, or a body class of the big CMSs."""
    if element.tag in ("article", "main") or element.get("itemprop") == "articleBody":
        return True
    classes = element.get("class") or ""
    return any(name in classes for name in _CONTENT_CLASSES)


def _safe_to_drop(element: HtmlElement, text_share: float) -> bool:
    if element.tag in _NEVER_TEXT:
        return True
    if element.tag in _QUOTES or text_share > MAX_TEXT_SHARE:
        return False
    # Only a subtree with some text can hold the article; the search for
    # content markers below is costly, so small widgets skip it.
    if len(element.text_content()) < MIN_CHARS_TO_HOLD_CONTENT:
        return True
    return not _CONTENT_MARKERS(element)


def _paragraph_chars(element: HtmlElement) -> int:
    # Not the XPath ".//p//text()": libxml2 takes time quadratic in the page for it.
    return sum(len(t.strip()) for p in element.iter("p") for t in p.itertext())


def _all_chars(element: HtmlElement) -> int:
    return len(" ".join(element.text_content().split()))
