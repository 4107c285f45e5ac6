"""A product's description as its JSON-LD states it, for a page whose DOM is thin.

Shop themes often print one line of the description and keep the rest in
a collapsed tab, a script-built widget, or only in the page's JSON-LD
`Product`; the extractor then finds a price and a cart button. The product
profile (`boilerstrip.page_types.profiles`, `jsonld_description_below_words`)
asks `ExtractMainContent` to add the stated description when the body it
found is shorter than that.
"""

from __future__ import annotations

import html
import re

from lxml.html import HtmlElement

from boilerstrip.reading.json_ld import ld_objects

_LD_SCRIPTS = "//script[@type='application/ld+json']"
# Some shops put the description's HTML in the JSON: a paragraph or line
# break becomes a line, any other tag a space.
_BREAK = re.compile(r"<(?:/p|br\s*/?|/li|/h\d)>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{0,500}>")


def jsonld_product_description(tree: HtmlElement) -> str | None:
    """The description of the first JSON-LD object typed Product, searching @graph."""
    for kinds, item in ld_objects(tree.xpath(_LD_SCRIPTS)):
        description = item.get("description")
        if "product" in kinds and isinstance(description, str):
            return _as_text(description) or None
    return None


def _as_text(description: str) -> str:
    text = _TAG.sub(" ", _BREAK.sub("\n", html.unescape(description)))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
