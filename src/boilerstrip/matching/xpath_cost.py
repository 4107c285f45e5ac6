"""Refuse site-rule XPaths whose cost can grow with the square of the page.

libxml2 evaluates an XPath in one C call that no signal or watchdog can
stop, so its cost must be bounded before it runs. With the page capped at
`MAX_TREE_NODES` elements, a path that visits each element a bounded number
of times is cheap; two shapes are not, and both are refused when a site file
loads:

- an absolute path inside a predicate (`//*[count(//*) > 0]`): the whole
  page is walked again for every element it tests,
  29.8 s on a page of 48,000 elements;
- the `following`, `preceding`, `following-sibling` and `preceding-sibling`
  axes: from each of many nodes they collect most of the page
  (`//*/following-sibling::p[1]` takes 7 s on 48,000 paragraphs in a row).

What site rules need stays: child and descendant steps (`//div[@class='x']//p`),
relative paths in predicates (`//div[.//p]`, `//div[count(p) > 2]`), the
ancestor and parent axes (bounded by libxml2's 256 levels of nesting) and
every function over them.
"""

from __future__ import annotations

import re

_LITERAL = re.compile(r""""[^"]*"|'[^']*'""")
_QUADRATIC_AXIS = re.compile(r"\b(following|preceding|following-sibling|preceding-sibling)\s*::")
# Where a new expression starts, so a `/` there begins an absolute path:
# after `[`, `(`, `,`, an operator, or a keyword operator.
_EXPRESSION_START = re.compile(r"(?:[\[(,=<>|+-]|\b(?:and|or|div|mod))\s*$")


def costly_reason(expression: str) -> str | None:
    """Why `expression` may cost the square of the page, or None when it cannot."""
    text = _LITERAL.sub('""', expression)  # a '/' or an axis name inside a string is text
    axis = _QUADRATIC_AXIS.search(text)
    if axis:
        return f"the {axis.group(1)} axis can visit the whole page from every node; not allowed"
    depth = 0  # of predicates: what is inside one runs once per node it tests
    for position, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "/" and depth > 0 and _EXPRESSION_START.search(text[:position]):
            return "an absolute path inside a predicate walks the whole page for every node it tests"
    return None
