"""Turn a rule's named groups into metadata values.

Debris often states facts about the page: a copyright line names the site,
a breadcrumb lists the categories, "12 Comments" counts the comments. Rules
capture them with named groups; this module gives each group its type.
"""

from __future__ import annotations

import re
from typing import Any

from boilerstrip.document import Document

_NUMBER_WORDS = {
    "no": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "kein": 0, "keine": 0, "aucun": 0, "ningún": 0, "nessun": 0, "nenhum": 0,
}  # fmt: skip
_CATEGORY_SEPARATORS = re.compile(r"\s*(?:[,»›>|/•·]|\s-\s)\s*")
_HOME = {"home", "startseite", "accueil", "inicio", "início", "casa"}
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
    return " ".join(text.split()) or None


def store_captures(doc: Document, match: re.Match[str]) -> None:
    for key, text in match.groupdict().items():
        if text:
            doc.set_metadata(key, typed_value(key, text))
