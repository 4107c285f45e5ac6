"""Read the page's own statements about itself: headline, author, date, site.

Runs first on the parsed tree, before any subtree is dropped, because the
evidence lives in what later stages remove (JSON-LD scripts, the header).
Sources, strongest first: JSON-LD, OpenGraph and article meta tags, then
plain meta tags and markup. The headline is the `<h1>` when the page's title
or og:title confirms it, because `<title>` carries suffix soup
("Headline | Section | Site"); the choice is `boilerstrip.reading.headlines`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

from boilerstrip.document import Document
from boilerstrip.reading.blocks import normalise_line
from boilerstrip.reading.bylines import byline_under, first_poster, markup_people, meta_people
from boilerstrip.reading.dates import date_element, date_near, iso_day
from boilerstrip.reading.headlines import choose_headline, stated_headline
from boilerstrip.reading.json_ld import ld_objects
from boilerstrip.reading.marked import MarkedElements
from boilerstrip.reading.names import author_names, byline
from boilerstrip.reading.urls import page_host, page_url
from boilerstrip.stages.dom_boilerplate import element_tokens

STAGE = "metadata"
_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle", "webpage", "report"}
_TOPIC_TOKENS = frozenset({"tags", "tag", "topics", "keywords", "tagged", "taglist", "tagcloud"})
_TOPIC_CLASSES = ("tag", "topic", "keyword")
# A tag list is a handful of short names; more is a site-wide tag cloud.
MAX_TAGS = 15
MAX_TAG_WORDS = 4


@dataclass(frozen=True)
class ReadHtmlMetadata:
    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        if doc.tree is None:
            return doc
        tree = doc.tree
        marks = _landmarks(tree)
        marked = MarkedElements(tree)  # read at the first question, if any is asked
        meta = _meta_tags(marks.metas)
        ld = _json_ld_article(marks.ld_scripts)
        site_name = _first(
            _ld_name(ld.get("publisher")), meta.get("og:site_name"), meta.get("application-name")
        )
        claims, headings = _titles(marks, meta, ld)
        doc.title = choose_headline(claims, headings, site_name)
        doc.stated_title = stated_headline(claims, site_name)
        # Bylines and datelines are read where the reader finds them: by the headline.
        headline = _headline_element(marks.h1s, doc.title)
        authors = _authors(ld, meta, marked, headline)
        doc.set_metadata("author", byline(authors))
        doc.set_metadata("authors", authors if len(authors) > 1 else None)
        doc.set_metadata(
            "date", _date(ld, meta, marks.time) or _visible_date(headline) or date_element(marked)
        )
        doc.set_metadata("site_name", site_name)
        doc.set_metadata("language", _language(tree, meta))
        doc.set_metadata(
            "description",
            _first(meta.get("og:description"), meta.get("description"), _text(ld.get("description"))),
        )
        # Markup scans walk the whole tree: only when the page's own statements are silent.
        doc.set_metadata(
            "categories",
            _as_list(ld.get("articleSection"))
            or _as_list(meta.get("article:section"))
            or _rel_links(tree, "category"),
        )
        doc.set_metadata(
            "tags",
            _as_list(ld.get("keywords"))
            or meta.get("article:tag[]")
            or _as_list(meta.get("keywords"))
            or _rel_links(tree, "tag")
            or _topic_list(marked),
        )
        # The canonical URL, absolute (resolved against the page's own) and
        # without trackers; the page's own URL when it states none.
        doc.set_metadata("url", page_url(_canonical(marks.canonical, meta), doc.url) or page_url(doc.url))
        doc.set_metadata("hostname", page_host(doc.metadata.get("url")))
        doc.set_metadata("image", _first(meta.get("og:image"), _ld_image(ld.get("image"))))
        return doc


def _clean(text: str) -> str:
    """One line, entities decoded: markup escaped twice ("&amp;amp;", or
    "&quot" without its semicolon) reaches the text still escaped once."""
    return normalise_line(html.unescape(text)) if "&" in text else normalise_line(text)


# Text a heading carries for screen readers only ("Collection: Green Tea"
# shows as "Green Tea"): the reader's headline is what the page prints.
_SCREEN_READER_ONLY = re.compile(
    r"\b(?:sr-only|visually-hidden|visuallyhidden|screen-reader-text|a11y-hidden)\b"
)


def _heading(element: HtmlElement) -> str:
    """A heading's printed text on one line, without screen-reader-only parts
    and the permalink mark documentation tools append ("Install¶"); a line
    break prints as a space ("News Product<br>Management")."""
    hidden = [e for e in element.iterdescendants() if _SCREEN_READER_ONLY.search(str(e.get("class") or ""))]
    if hidden or element.find(".//br") is not None:
        text = "".join(_printed_text(element, frozenset(map(id, hidden))))
    else:
        text = element.text_content()
    return " ".join(_clean(text).split()).rstrip("¶#🔗 ").strip()


def _printed_text(element: HtmlElement, hidden: frozenset[int]) -> list[str]:
    """The element's text in order, leaving out the hidden descendants' own text."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "br":
            parts.append(" ")
        elif isinstance(child.tag, str) and id(child) not in hidden:  # not a comment
            parts.extend(_printed_text(child, hidden))
        parts.append(child.tail or "")
    return parts


def _first(*values: Any) -> Any:
    return next((v for v in values if v), None)


def _text(value: Any) -> str | None:
    return _clean(value) or None if isinstance(value, str) else None


@dataclass
class _Landmarks:
    """The elements this stage reads, found in one pass over the tree."""

    metas: list[HtmlElement] = field(default_factory=list)
    ld_scripts: list[HtmlElement] = field(default_factory=list)
    h1s: list[HtmlElement] = field(default_factory=list)
    time: HtmlElement | None = None
    canonical: HtmlElement | None = None
    title: HtmlElement | None = None


def _landmarks(tree: HtmlElement) -> _Landmarks:
    marks = _Landmarks()
    for element in tree.iter("meta", "script", "h1", "time", "link", "title"):
        tag = element.tag
        if tag == "meta":
            marks.metas.append(element)
        elif tag == "script":
            if element.get("type") == "application/ld+json":
                marks.ld_scripts.append(element)
        elif tag == "h1":
            marks.h1s.append(element)
        elif tag == "time":
            if marks.time is None and element.get("datetime") is not None:
                marks.time = element
        elif tag == "link":
            if marks.canonical is None and element.get("rel") == "canonical":
                marks.canonical = element
        elif marks.title is None:
            marks.title = element
    return marks


def _meta_tags(metas: list[HtmlElement]) -> dict[str, Any]:
    """name/property -> content; repeated article:tag collected under 'article:tag[]'."""
    found: dict[str, Any] = {}
    for element in metas:
        key = (
            (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        )
        content = _clean(element.get("content") or "")
        if not key or not content:
            continue
        if key == "article:tag":
            found.setdefault("article:tag[]", []).append(content)
        found.setdefault(key, content)
    return found


def _json_ld_article(scripts: list[HtmlElement]) -> dict[str, Any]:
    """The first JSON-LD object typed as an article, else as a web page, searching
    @graph; an author given only by reference (`{"@id": ...}`, as Yoast's graph
    does) is replaced by the object it names."""
    objects = list(ld_objects(scripts))
    article = next((item for kinds, item in objects if kinds & _ARTICLE_TYPES - {"webpage"}), None)
    if article is None:
        article = next((item for kinds, item in objects if "webpage" in kinds), {})
    author = article.get("author")
    if isinstance(author, dict | list) and objects:
        by_id = {item["@id"]: item for _, item in objects if isinstance(item.get("@id"), str)}
        refs = author if isinstance(author, list) else [author]
        article = {**article, "author": [_resolved(ref, by_id) for ref in refs]}
    return article


def _resolved(ref: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    """A reference to another object of the graph, replaced by that object."""
    if isinstance(ref, dict) and "name" not in ref and isinstance(ref.get("@id"), str):
        return by_id.get(ref["@id"], ref)
    return ref


def _ld_name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _ld_image(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text(value.get("url"))
    return _text(value)


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list):
        return [_clean(str(part)) for part in value if str(part).strip()]
    return []


def _authors(
    ld: dict[str, Any], meta: dict[str, Any], marked: MarkedElements, headline: HtmlElement | None
) -> list[str]:
    """The article's authors, from the strongest source that names a person:
    JSON-LD, meta tags, byline markup, then a "By ..." line under the headline.
    An organisation named as the author is kept: readers (and the WCXB
    labels) take the byline as printed, and passing organisations over lost
    more pages than it won on wcxb-dev."""
    # Each later source costs more (markup walks the whole tree): asked in turn.
    return (
        _ld_people(ld.get("author"))
        or meta_people(meta)
        or markup_people(marked, headline)
        or byline_under(headline)
        or first_poster(marked)
    )


def _ld_people(value: Any) -> list[str]:
    found = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in found:
        name = _ld_name(item)
        names += author_names(name) if name else []
    return list(dict.fromkeys(names))


def _headline_element(h1s: list[HtmlElement], title: str | None) -> HtmlElement | None:
    """The <h1> that printed the headline, else the first with text (not a site's logo
    when the headline came from the title)."""
    printed = next((h1 for h1 in h1s if title and _heading(h1) == title), None)
    return printed if printed is not None else next((h1 for h1 in h1s if h1.text_content().strip()), None)


def _topic_list(marked: MarkedElements) -> list[str]:
    """The links of a container whose class names it a tag or topic list."""
    for container, _ in marked.with_class(*_TOPIC_CLASSES):
        if not element_tokens(container) & _TOPIC_TOKENS:
            continue
        names = [_clean(a.text_content()) for a in container.iterfind(".//a")]
        names = [n for n in names if n and len(n.split()) <= MAX_TAG_WORDS]
        if 0 < len(names) <= MAX_TAGS:
            return list(dict.fromkeys(names))
    return []


def _rel_links(tree: HtmlElement, kind: str) -> list[str]:
    """WordPress and friends mark category links rel="category tag", tag links rel="tag"."""
    names: list[str] = []
    for link in tree.iterfind(".//a[@rel]"):
        rel = link.get("rel", "").lower().split()
        wanted = "category" in rel if kind == "category" else rel == ["tag"]
        name = _clean(link.text_content())
        if wanted and name and name not in names:
            names.append(name)
    return names


def _date(ld: dict[str, Any], meta: dict[str, Any], time_element: HtmlElement | None) -> str | None:
    candidates = (
        ld.get("datePublished"),
        meta.get("article:published_time"),
        meta.get("og:published_time"),
        meta.get("date"),
        meta.get("pubdate"),
        meta.get("dc.date"),
        meta.get("dc.date.issued"),
        ld.get("dateCreated"),
        time_element.get("datetime") if time_element is not None else None,
    )
    # Only ISO 8601 is taken from markup: a printed form there ("Nov 05, 2025")
    # is, on wcxb-dev, more often a template's date than the article's.
    return next((day for value in candidates if value and (day := iso_day(str(value)))), None)


def _visible_date(headline: HtmlElement | None) -> str | None:
    """The date a reader sees by the headline, in whatever form it is printed.
    Pages that state no date in markup mostly print one there (blog posts,
    forum threads); htmldate's whole-page search, measured on wcxb-dev, dates
    many more pages whose label has no date (shop, service and listing pages
    print dates in footers and teasers) than it dates right."""
    return date_near(headline) if headline is not None else None


def _language(tree: HtmlElement, meta: dict[str, Any]) -> str | None:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or meta.get("og:locale")
    if not lang:
        return None
    return str(lang).replace("_", "-").split("-")[0].lower() or None


def _canonical(link: HtmlElement | None, meta: dict[str, Any]) -> str | None:
    href = link.get("href") if link is not None else None
    canonical = (href or "").strip() or meta.get("og:url")
    return str(canonical) if canonical else None


def _titles(
    marks: _Landmarks, meta: dict[str, Any], ld: dict[str, Any]
) -> tuple[list[str], list[tuple[str, bool]]]:
    """The stated titles (strongest first) and the <h1> texts, each with
    whether its markup names it the headline."""
    claims = [
        c
        for c in (
            _text(ld.get("headline")),
            meta.get("og:title"),
            meta.get("twitter:title"),
            _clean(marks.title.text_content()) if marks.title is not None else None,
        )
        if c
    ]
    headings = [(text, h1.get("itemprop") == "headline") for h1 in marks.h1s if (text := _heading(h1))]
    return claims, headings
