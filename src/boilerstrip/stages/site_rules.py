"""Apply a site's own rules to the parsed page: title, strip, body (see `boilerstrip.matching.sites`).

Runs after the metadata stage (which reads the untouched page) and before the
DOM stage. The order follows Full-Text RSS: the title is read from the whole
page, `strip` expressions remove their subtrees, then the first `body`
candidate that selects anything becomes the only content the later stages see.
Everything the rule removes is recorded under `site:<host>:strip` or
`site:<host>:body`.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml.html import HtmlElement

from boilerstrip.document import Document
from boilerstrip.matching.sites import SiteRule
from boilerstrip.reading.blocks import normalise_line
from boilerstrip.stages.dom_boilerplate import AUDIT_TEXT_CHARS

STAGE = "site_rules"
_SILENT_TAGS = frozenset({"script", "style", "noscript", "template"})


@dataclass(frozen=True)
class ApplySiteRule:
    site: SiteRule
    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        if doc.tree is None:
            return doc
        title = self._title(doc.tree)
        if title:
            # The site's own rule names its headline: no profile overrides it.
            doc.title = doc.stated_title = title
        for expr in self.site.strip:
            for element in _elements(expr.select(doc.tree)):
                if element.getparent() is not None:  # an earlier match may hold it
                    self._drop(doc, element, "strip")
        for expr in self.site.body:
            chosen = _outermost(_elements(expr.select(doc.tree)))
            if chosen:
                body = doc.tree.find("body")
                self._prune_to(doc, body if body is not None else doc.tree, chosen)
                break
        return doc

    def _title(self, tree: HtmlElement) -> str | None:
        for expr in self.site.title:
            for found in expr.select(tree):
                text = normalise_line(found.text_content() if isinstance(found, HtmlElement) else str(found))
                if text:
                    return text
        return None

    def _prune_to(self, doc: Document, root: HtmlElement, chosen: list[HtmlElement]) -> None:
        """Keep the chosen subtrees and their ancestors' skeleton; drop everything else."""
        keep = set(chosen)
        ancestors = {parent for element in chosen for parent in element.iterancestors()}
        stack = [root]
        while stack:
            element = stack.pop()
            if element in keep:
                continue
            element.text = None  # text outside the chosen subtrees is not content
            for child in list(element):
                child.tail = None
                if child in keep or child in ancestors:
                    stack.append(child)
                else:
                    self._drop(doc, child, "body")

    def _drop(self, doc: Document, element: HtmlElement, action: str) -> None:
        if isinstance(element.tag, str) and element.tag not in _SILENT_TAGS:
            text = " ".join(element.text_content().split())
            if len(text) > AUDIT_TEXT_CHARS:
                text = text[:AUDIT_TEXT_CHARS] + "…"
            doc.note_removal(self.name, self.site.rule_id(action), text)
        if element.getparent() is not None:
            element.drop_tree()  # keeps the text after it, which is still the page's


def _elements(found: list[object]) -> list[HtmlElement]:
    return [item for item in found if isinstance(item, HtmlElement)]


def _outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    """Drop matches nested inside other matches, keeping document order."""
    chosen = set(elements)
    return [e for e in elements if not any(parent in chosen for parent in e.iterancestors())]
