"""Where pages print who wrote them, read from the parsed tree.

The metadata stage asks these in turn after JSON-LD (`boilerstrip.stages.html_metadata`):
meta tags, byline markup (schema.org and rel=author anywhere; a class that
says author, byline or user name only around the headline, since elsewhere
such classes name review, teaser and comment authors), a "By ..." line
printed under the headline, and a thread's first poster. Each gives the
names as `boilerstrip.reading.names` reads them, or [].
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from typing import Any

from lxml.html import HtmlElement

from boilerstrip.reading.dates import text_after
from boilerstrip.reading.marked import MarkedElements, has_ancestor_tagged
from boilerstrip.reading.names import author_names

_AUTHOR_CLASSES = (
    "//*[(contains(@class, 'author') or contains(@class, 'byline') or contains(@class, 'username')"
    " or contains(@href, '/author/')) and not(ancestor::*[contains(@class, 'comment')])]"
)
# A user name is a word or a few.
MAX_POSTER_WORDS = 4
# Byline boxes are short; one of more words is a bio. Pages with many author
# boxes are listings: the first few are enough.
MAX_BYLINE_BOX_WORDS = 20
MAX_BYLINE_CANDIDATES = 10
# "By Jane Doe" / "by Jane Doe and John Smith" / "Written by: Jane Doe" as
# printed under a headline.
_NAME = r"[A-ZÀ-Þ][\w'’.-]+(?:\s+(?:[A-ZÀ-Þ][\w'’.-]*|van|von|de|der|da|del|la|le)){0,4}"
_PRINTED_BYLINE = re.compile(
    r"^(?:(?:[Ww]ritten|[Pp]osted|[Pp]ublished|WRITTEN|POSTED|PUBLISHED)\s+)?(?:[Bb]y|BY)\s*:?\s+"
    rf"(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)",
    re.MULTILINE,
)
# The headline's container this many levels up is its article header.
HEADLINE_NEIGHBOURHOOD = 3


def meta_people(meta: dict[str, Any]) -> list[str]:
    """The names of the first author meta tag (name/property -> content) that holds any."""
    for key in ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author"):
        value = meta.get(key)
        if value and (names := author_names(str(value))):
            return names
    return []


def markup_people(marked: MarkedElements, headline: HtmlElement | None) -> list[str]:
    """The first byline markup that holds names: the precise kinds anywhere
    (schema.org, rel=author, a name inside an author box), then an element
    whose class says author, byline or user name, but only around the
    headline: elsewhere such classes name review, teaser and comment authors."""
    precise = [
        names
        for element in islice(_author_markup(marked), MAX_BYLINE_CANDIDATES)
        if (names := _box_names(element))
    ]
    # Forum software marks each post's poster as its author: markup naming
    # several people is a thread's, and its author is the thread's first
    # poster, whom the thread's header names, not whoever posts first on
    # this page (a later page of the thread, or an answer sorted first).
    if len({tuple(names) for names in precise}) > 1:
        return first_poster(marked) or precise[0]
    if precise:
        return precise[0]
    around = headline.xpath(f"ancestor::*[{HEADLINE_NEIGHBOURHOOD}]") if headline is not None else []
    for element in around:
        for found in element.xpath("." + _AUTHOR_CLASSES)[:MAX_BYLINE_CANDIDATES]:
            if names := _box_names(found):
                return names
    return []


def _box_names(element: HtmlElement) -> list[str]:
    """The names a byline box holds; [] for a box of more words (a bio)."""
    text = "\n".join(t.strip() for t in element.itertext() if t.strip())
    return author_names(text) if len(text.split()) <= MAX_BYLINE_BOX_WORDS else []


def _author_markup(marked: MarkedElements) -> Iterator[HtmlElement]:
    """Where pages mark up their byline: schema.org's author (or a name
    inside one), rel=author, an author-name class, microformats' p-author,
    a byline class."""
    for element, classes in marked.elements:
        itemprop = element.get("itemprop")
        spaced = f" {classes} "
        if (
            itemprop == "author"
            or element.get("rel") == "author"
            or (itemprop == "name" and any(a.get("itemprop") == "author" for a in element.iterancestors()))
            or ("author" in classes and ("name" in classes or "fn" in classes))
            or " p-author " in spaced
            or " byline " in spaced
        ):
            yield element


def byline_under(headline: HtmlElement | None) -> list[str]:
    match = _PRINTED_BYLINE.search(text_after(headline, "\n")) if headline is not None else None
    return author_names(match.group("names")) if match else []


def first_poster(marked: MarkedElements) -> list[str]:
    """A thread's author is its first post's: forum software marks the post
    (`data-author`) or the poster's name (a `username` class) on every post,
    outside the page's navigation and header."""
    posters = (
        element
        for element, classes in marked.elements
        if (element.get("data-author") is not None or "sername" in classes)
        and not has_ancestor_tagged(element, "nav", "header")
    )
    for element in islice(posters, MAX_BYLINE_CANDIDATES):
        text = element.get("data-author") or element.text_content()
        if len(text.split()) <= MAX_POSTER_WORDS and (names := author_names(text)):
            return names[:1]
    return []
