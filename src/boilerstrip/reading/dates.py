"""Dates as pages print them, read into `YYYY-MM-DD`.

Markup states a date in ISO form (`2024-05-14T09:30:00Z`); a reader sees it
in a dozen others: "May 14, 2024", "14 May 2024", "14. Mai 2024",
"14 de mayo de 2024", "14/05/2024", "2024年5月14日". `read_date` finds the
first of these in a piece of text and gives the calendar day. A numeric date
is read day first (the form of most of the world) unless its first number can
only be a month ("05/14/2024"). A year alone or a month and a year is no date
(a copyright line, an archive heading): the record's date is a day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from itertools import islice

from lxml.html import HtmlElement

from boilerstrip.reading.document_order import texts_after, texts_before
from boilerstrip.reading.marked import MarkedElements, has_ancestor_with_class

# Month names and their usual abbreviations in the languages the rules know.
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan janvier janv januar jän enero ene gennaio gen janeiro januari",
        "february feb février févr fevrier februar febrero febbraio fevereiro februari",
        "march mar mars märz marz marzo março maart",
        "april apr avril abril aprile",
        "may mai mayo maggio mag maio mei",
        "june jun juin juni junio giugno giu junho",
        "july jul juillet juil juli julio luglio lug julho",
        "august aug août aout agosto ago augustus",
        "september sep sept septembre septiembre settembre set setembro",
        "october oct octobre oktober octubre ottobre ott outubro okt",
        "november nov novembre noviembre novembro",
        "december dec décembre decembre dezember dez diciembre dic dicembre dezembro",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS.setdefault(_name, _number)

_MONTH = r"(?P<month>" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º)?\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Each form as a reader meets it; the first that matches anywhere in the text wins.
_ISO = re.compile(rf"(?<!\d){_YEAR}-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)")  # with a time or not
_FORMS = (
    _ISO,
    re.compile(rf"\b{_YEAR}年\s?(?P<month>[01]?\d)\s?月\s?(?P<day>[0-3]?\d)\s?日"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s*(?:de\s+)?{_MONTH},?\s*(?:de\s+)?{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_YEAR}/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)\b"),
    re.compile(r"\b(?P<first>[0-3]?\d)[./](?P<second>[0-3]?\d)[./]" + _YEAR + r"\b"),
)


def read_date(text: str) -> str | None:
    """The first calendar day printed in `text`, as `YYYY-MM-DD`; None when it prints none."""
    found: list[tuple[int, str]] = []
    for form in _FORMS:
        for match in form.finditer(text):
            day = _day_of(match.groupdict())
            if day is not None:
                found.append((match.start(), day))
                break
    return min(found)[1] if found else None


def iso_day(text: str) -> str | None:
    """The calendar day of the first ISO 8601 date in `text` (markup's form)."""
    match = _ISO.search(text)
    return _day_of(match.groupdict()) if match else None


def _day_of(parts: dict[str, str | None]) -> str | None:
    if parts.get("first") is not None:
        first, second = int(parts["first"] or 0), int(parts["second"] or 0)
        month, day = (first, second) if second > 12 else (second, first)
    else:
        name = (parts["month"] or "").lower().rstrip(".")
        month = int(name) if name.isdigit() else _MONTHS.get(name, 0)
        day = int(parts["day"] or 0)
    try:
        return date(int(parts["year"] or 0), month, day).isoformat()
    except ValueError:
        return None


# What a reader sees around a headline: the text after it up to this many
# characters (a byline and dateline sit right under it), and before it up to
# this many (a kicker or a dateline above it). Measured on wcxb-dev: wider
# windows reach the first paragraphs and the dates they cite.
AFTER_HEADLINE_CHARS = 300
BEFORE_HEADLINE_CHARS = 150
# Text nodes looked at before the headline; a page's header is not read whole.
BEFORE_HEADLINE_NODES = 30
_UNSEEN = frozenset({"script", "style", "noscript", "template"})


def date_near(headline: HtmlElement) -> str | None:
    """The date printed right under the headline, else right above it."""
    return read_date(text_after(headline)) or read_date(text_before(headline))


def text_after(headline: HtmlElement, joiner: str = " ") -> str:
    """What a reader sees right under the headline (a byline, a dateline)."""
    return joiner.join(_visible_text(texts_after(headline), AFTER_HEADLINE_CHARS))


def text_before(headline: HtmlElement) -> str:
    """What a reader sees right above the headline (a kicker, a dateline)."""
    nearest_first = islice(texts_before(headline), BEFORE_HEADLINE_NODES)
    return " ".join(reversed(_visible_text(nearest_first, BEFORE_HEADLINE_CHARS)))


# Elements whose class says they hold the page's date, unless in a comment; a date is a short text.
_DATE_CLASSES = ("date", "posted", "publish")
MAX_DATE_WORDS = 10
MAX_DATED_ELEMENTS = 1


def date_element(marked: MarkedElements) -> str | None:
    """The date in an element whose class says it is one ("post-date"), when
    it is the page's only one: a listing has one per teaser (allowing two, for
    published and updated, dated more listing and shop pages than articles on wcxb-dev)."""
    found: list[str] = []
    for element, _ in marked.with_class(*_DATE_CLASSES):
        if has_ancestor_with_class(element, "comment"):
            continue
        text = element.text_content()
        day = read_date(text) if len(text.split()) <= MAX_DATE_WORDS else None
        if day:
            found.append(day)
            if len(found) > MAX_DATED_ELEMENTS:
                return None
    return found[0] if found else None


def _visible_text(nodes: Iterable[tuple[str, HtmlElement]], limit: int) -> list[str]:
    """Text nodes in the order given, without script and style, until `limit` characters."""
    pieces: list[str] = []
    length = 0
    for node, owner in nodes:
        text = node.strip()
        if not text or owner.tag in _UNSEEN:
            continue
        pieces.append(text)
        length += len(text)
        if length > limit:
            break
    return pieces
