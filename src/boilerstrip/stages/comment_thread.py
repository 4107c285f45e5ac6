"""Read the comment thread that the DOM stage drops: who wrote each comment, when, and what.

A thread is a list of like items, each a comment: an element whose class or
id names it one (`comment`, `comment-12`, `schema.org/Comment`), or an item
of a list that names itself a comment list. Inside an item the author is the
element marked as the author's name (`fn`, `author`, `username`,
`itemprop="author"`), the date its `<time>` or the element marked as a date,
and the text its paragraphs, or the element marked as the comment's content.
Replies nested inside a comment are comments of their own, and no part of
their parent's text. The markers are the ones comment systems share
(WordPress, Drupal, schema.org microdata), not any one site's.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml.html import HtmlElement

from boilerstrip.document import Comment
from boilerstrip.reading.blocks import normalise_line

# The DOM rules whose subtrees hold comment threads (`rules/dom.toml`).
THREAD_RULES = frozenset({"dom-comments"})
# Whole class names, as comment systems write them.
_ITEM_CLASSES = frozenset({"comment", "comment-item", "commentitem", "comment-entry", "post-reply"})
_ITEM_ID = re.compile(r"^(?:li-)?comment-\d+$")
_LIST_CLASSES = frozenset({"commentlist", "comment-list", "comments-list", "comments"})
_AUTHOR_CLASSES = frozenset(
    {
        "fn",
        "author",
        "comment-author",
        "comment-author-name",
        "username",
        "user-name",
        "nickname",
        "author-name",
    }
)
_DATE_CLASSES = frozenset(
    {"date", "comment-date", "published", "timestamp", "comment-time", "comment-metadata"}
)
_TEXT_CLASSES = frozenset(
    {"comment-content", "comment-text", "comment-message", "text", "content", "message"}
)
# "Jane says:" in WordPress themes: the verb is layout, not the name.
_SAYS = re.compile(r"\s+(?:says|said|wrote)\s*:?\s*$", re.IGNORECASE)


def read_thread(page: HtmlElement, in_thread: Callable[[HtmlElement], bool]) -> list[Comment]:
    """The comments of the page, in page order, from the elements that
    `in_thread` claims (the DOM rule for comment threads); [] when there are
    none (a comment form, a count, a widget that loads them later).

    Only comments marked up as items count. A box of bare paragraphs under
    "2 Comments" is no evidence of where one comment ends: on the dev pages
    such boxes held comment policies and "log in to comment" notices as
    often as comments. An item that holds a headline is an article that
    calls itself a comment (an opinion column), not a reader's, and a thread
    holding one is no thread.
    """
    comments: list[Comment] = []
    for thread in _outermost(page, in_thread):
        if next(thread.iter("h1"), None) is None:
            parts = _parts_of_items(thread)
            comments += [
                comment for item, own in parts.items() if (comment := _comment(item, own)) is not None
            ]
    return comments


def _parts_of_items(thread: HtmlElement) -> dict[HtmlElement, list[HtmlElement]]:
    """Each comment item of the thread, in page order, and the elements that
    are its own: inside it, but not inside a reply nested in it. One pass,
    whatever the depth of the thread."""
    owner: dict[HtmlElement, HtmlElement | None] = {}
    parts: dict[HtmlElement, list[HtmlElement]] = {}
    for element in thread.iter():
        parent = element.getparent()
        above = owner.get(parent) if parent is not None else None
        if _is_item(element):
            owner[element] = element
            parts[element] = []
        else:
            owner[element] = above
            if above is not None and isinstance(element.tag, str):
                parts[above].append(element)
    return parts


def _outermost(page: HtmlElement, claims: Callable[[HtmlElement], bool]) -> list[HtmlElement]:
    """The elements `claims` holds to, but none inside another, in page order."""
    found: list[HtmlElement] = []
    stack = [page]
    while stack:
        element = stack.pop()
        if isinstance(element.tag, str) and claims(element):
            found.append(element)
            continue
        stack.extend(reversed(element))
    return found


def _classes(element: HtmlElement) -> set[str]:
    return set((element.get("class") or "").lower().split())


def _is_item(element: HtmlElement) -> bool:
    if not isinstance(element.tag, str):
        return False
    if "schema.org/Comment" in (element.get("itemtype") or ""):
        return True
    if _ITEM_ID.match(element.get("id") or "") or _classes(element) & _ITEM_CLASSES:
        return True
    parent = element.getparent()
    return element.tag in ("li", "article") and parent is not None and bool(_classes(parent) & _LIST_CLASSES)


def _comment(item: HtmlElement, parts: list[HtmlElement]) -> Comment | None:
    author = _first_text(parts, _AUTHOR_CLASSES, "author")
    time = next((element for element in parts if element.tag == "time"), None)
    date = (time.get("datetime") or normalise_line(time.text_content())) if time is not None else None
    date = date or _first_text(parts, _DATE_CLASSES, "datePublished")
    content = next((element for element in parts if _marked(element, _TEXT_CLASSES, "text")), None)
    paragraphs = [
        normalise_line(p.text_content())
        for p in parts
        if p.tag == "p" and (content is None or any(a is content for a in p.iterancestors()))
    ]
    text = "\n\n".join(p for p in paragraphs if p)
    if not text and content is not None:
        text = normalise_line(content.text_content())
    if not text or not (author or date):
        return None  # a label or a count that looks like an item, not a comment
    return Comment(author=_SAYS.sub("", author) if author else None, date=date or None, text=text)


def _first_text(parts: list[HtmlElement], classes: frozenset[str], itemprop: str) -> str | None:
    for element in parts:
        if _marked(element, classes, itemprop):
            text = normalise_line(element.text_content())
            if text:
                return text
    return None


def _marked(element: HtmlElement, classes: frozenset[str], itemprop: str) -> bool:
    return element.get("itemprop") == itemprop or bool(_classes(element) & classes)
