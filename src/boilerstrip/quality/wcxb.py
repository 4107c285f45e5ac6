"""The WCXB labels: reading a page's label file, and checking an output against it.

A WCXB page (`ground-truth/<id>.json`) is labelled with its page type
(`_internal.page_type.primary`) and, under `ground_truth`, its title, author,
publish date, main content and two snippet lists: `with` (pieces a correct
body contains) and `without` (pieces of boilerplate it must not contain).

The checks, one set per system and page:

- snippets: a piece is found when it is a case-insensitive substring of the
  body; a page's rates are its share of `with` pieces found and of `without`
  pieces leaked, and the corpus rates their means over the pages that have
  such pieces (this reproduces the reference figures of the benchmark's
  README: trafilatura's 73.6% and 6.3%, where pooling all pieces gives 73.7%
  and 6.4%);
- title: equal after folding case and runs of whitespace;
- author: every name token of the label (lower-cased `\\w+`) among the tokens
  of the predicted author string, so "Dr. Jane Q. Smith" matches a label
  "Jane Smith", and a list of authors matches a label naming one of them;
- date: the same YYYY-MM-DD prefix.

A page labelled with no title, author or date checks right only when the
system gives none either: inventing an author is as wrong as missing one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from boilerstrip.document import Record
from boilerstrip.quality.results import Checks, Labels
from boilerstrip.quality.word_metric import words

PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")
# Older label files and some classifiers say `category` for a collection page.
PAGE_TYPE_ALIASES = {"category": "collection"}
# A date is compared on its calendar day: YYYY-MM-DD, the first ten characters.
DATE_PREFIX = len("YYYY-MM-DD")

# (title, author, date) of a page, as a system reads them.
Metadata = tuple[str | None, str | None, str | None]


def page_type(name: object) -> str | None:
    """The canonical page type of a label or a prediction; None when it is none of the seven."""
    if not isinstance(name, str):
        return None
    name = PAGE_TYPE_ALIASES.get(name.strip().lower(), name.strip().lower())
    return name if name in PAGE_TYPES else None


def read_label(path: Path) -> tuple[str, str, str | None, Labels]:
    """A label file's (page type, main content, url, labels); ValueError names the file."""
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read the label: {exc}") from exc
    truth = entry.get("ground_truth") if isinstance(entry, dict) else None
    if not isinstance(truth, dict):
        raise ValueError(f"{path}: no `ground_truth` object")
    internal = entry.get("_internal")
    primary = internal.get("page_type", {}).get("primary") if isinstance(internal, dict) else None
    kind = page_type(primary)
    if kind is None:
        raise ValueError(f"{path}: _internal.page_type.primary {primary!r} is none of {PAGE_TYPES}")
    # Two pages of the dev split have no main content at all: an empty reference.
    body = _text(truth, "main_content", path) or ""
    labels = Labels(
        title=_text(truth, "title", path),
        author=_text(truth, "author", path),
        date=_text(truth, "publish_date", path),
        with_=_pieces(truth, "with", path),
        without=_pieces(truth, "without", path),
    )
    url = entry.get("url")
    return kind, body, url if isinstance(url, str) else None, labels


def check(labels: Labels, body: str, metadata: tuple[str | None, str | None, str | None] | None) -> Checks:
    """One output against the labels; `metadata` is (title, author, date), None for a
    system that gives no metadata."""
    folded = body.lower()
    found = sum(1 for piece in labels.with_ if piece.lower() in folded)
    leaked = sum(1 for piece in labels.without if piece.lower() in folded)
    title_ok = author_ok = date_ok = None
    if metadata is not None:
        title, author, date = metadata
        title_ok = _fold(title) == _fold(labels.title)
        author_ok = _author_ok(author, labels.author)
        date_ok = _day(date) == _day(labels.date)
    return Checks(found, len(labels.with_), leaked, len(labels.without), title_ok, author_ok, date_ok)


def record_metadata(record: Record) -> Metadata:
    """boilerstrip's (title, author, date); a list of authors is joined."""
    author = record.metadata.get("author")
    if isinstance(author, list | tuple):
        author = ", ".join(str(name) for name in author)
    date = record.metadata.get("date")
    return record.title, None if author is None else str(author), None if date is None else str(date)


def _author_ok(predicted: str | None, label: str | None) -> bool:
    wanted = set(words(label or ""))
    given = set(words(predicted or ""))
    return wanted <= given if wanted else not given


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _day(date: str | None) -> str:
    return (date or "").strip()[:DATE_PREFIX]


def _text(truth: dict[str, Any], key: str, path: Path) -> str | None:
    value = truth.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{path}: ground_truth.{key} must be a string or null")
    return value


def _pieces(truth: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    value = truth.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(piece, str) for piece in value):
        raise ValueError(f"{path}: ground_truth.{key} must be a list of strings")
    return tuple(value)
