"""Read the facts that debris states about the page, before any of it goes.

A copyright line names the site, a breadcrumb lists the categories, "12
Comments" counts the comments. Rules capture these with named groups. This
stage runs every capturing rule over every block before the removal stages,
because removal order would otherwise decide what is seen: a comment
section cut to the end of the page takes the copyright line with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from boilerstrip.document import Document, article_span
from boilerstrip.matching.rules import BlockRule, RuleSet
from boilerstrip.matching.screen import CAPTURE, RulePicker, candidates, screen_of
from boilerstrip.reading.dates import read_date
from boilerstrip.reading.names import author_names, byline

STAGE = "captured_metadata"
_NUMBER_WORDS = {
    "no": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "kein": 0, "keine": 0, "aucun": 0, "ningún": 0, "nessun": 0, "nenhum": 0,
}  # fmt: skip
_CATEGORY_SEPARATORS = re.compile(r"\s*(?:[,»›>|/•·]|\s-\s)\s*")
_HOME = {"home", "startseite", "accueil", "inicio", "início", "casa", "homepage"}
# A breadcrumb's last crumb is usually the page's own title, not a category;
# categories are short, so a long crumb is dropped.
MAX_CATEGORY_WORDS = 5


def parse_count(text: str) -> int | None:
    """'1,234' -> 1234, '2.5K' -> 2500, 'No' -> 0, 'One' -> 1."""
    value = text.strip().lower()
    if value in _NUMBER_WORDS:
        return _NUMBER_WORDS[value]
    match = re.fullmatch(r"(\d[\d,.\s]*)([km])?", value)
    if not match:
        return None
    digits, scale = match.groups()
    if scale:
        number = float(digits.replace(",", ".").replace(" ", ""))
        return int(number * (1000 if scale == "k" else 1_000_000))
    return int(re.sub(r"\D", "", digits))


def parse_categories(text: str) -> list[str]:
    crumbs = [c.strip(" .:") for c in _CATEGORY_SEPARATORS.split(text)]
    return [c for c in crumbs if c and c.lower() not in _HOME and len(c.split()) <= MAX_CATEGORY_WORDS]


def typed_value(key: str, text: str) -> Any:
    if key in ("comment_count", "view_count"):
        return parse_count(text)
    if key == "categories":
        return parse_categories(text)
    if key == "date":
        return read_date(text)  # a day as markup gives it; a dateline without a year is none
    if key == "author":
        return byline(author_names(text))
    return " ".join(text.split()).strip(" ,;:|–—-") or None


@dataclass(frozen=True)
class ReadCapturedMetadata:
    """Fill metadata from every capturing rule's first match, in pipeline order."""

    pick: RulePicker  # the capturing rules, in pipeline order
    name: str = STAGE

    @property
    def rules(self) -> tuple[BlockRule, ...]:
        return self.pick.rules

    @classmethod
    def from_rules(cls, ruleset: RuleSet, kinds: tuple[str, ...]) -> ReadCapturedMetadata:
        ordered = [rule for kind in kinds for rule in ruleset.block_kind(kind)]
        rules = tuple(rule for rule in ordered if rule.pattern.groupindex)
        return cls(screen_of(ruleset).picker(rules))

    def __call__(self, doc: Document) -> Document:
        # An HTML page's date is the metadata stage's: markup, or what is printed
        # by the headline. A dateline line further down an HTML page is, on
        # wcxb-dev, mostly a teaser's or a review's (listings, shops).
        # Each rule's first match in page order, found in one walk over the
        # blocks that might hold one; then applied rule by rule, so that a
        # field goes to the first rule, in pipeline order, that fills it.
        start, end = article_span(doc)
        pending = {rule for rule in self.rules if not _filled(rule, doc)}
        first: dict[BlockRule, re.Match[str]] = {}
        for index in candidates(doc, CAPTURE):
            if not pending:
                break
            block = doc.blocks[index]
            for rule in self.pick(block):
                if rule not in pending:
                    continue
                if (rule.where == "head" and index >= start) or (rule.where == "tail" and index <= end):
                    continue
                match = rule.find(block.text, block.words)
                if match:
                    first[rule] = match
                    pending.discard(rule)
        for rule in self.rules:
            match = first.get(rule)
            if match is None or _filled(rule, doc):
                continue  # no match, or a stronger source (the page's own metadata) already said
            for key, text in match.groupdict().items():
                if text and not (key == "date" and doc.kind == "html"):
                    doc.set_metadata(key, typed_value(key, text))
        return doc


def _filled(rule: BlockRule, doc: Document) -> bool:
    return all(key in doc.metadata for key in rule.pattern.groupindex)
