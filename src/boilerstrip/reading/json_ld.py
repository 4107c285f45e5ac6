"""JSON-LD, the structured data a page declares about itself, read safely.

A page may hold several `<script type="application/ld+json">` blocks, each
an object, a list of objects, or an `@graph` of them; the stages that read
it (the metadata's article, a product's description, the page-type cues)
want each object with its declared types.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from lxml.html import HtmlElement

# A block past this size is a catalogue, not a description of the page:
# it is not parsed whole (parsing is linear, but a page may hold many).
MAX_JSON_LD_CHARS = 200_000


def ld_objects(scripts: Iterable[HtmlElement]) -> Iterator[tuple[frozenset[str], dict[str, Any]]]:
    """Every JSON-LD object of the scripts, in page order, with its `@type`s lower-cased;
    blocks too large or not JSON are passed over."""
    for script in scripts:
        raw = script.text or ""
        if len(raw) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        for item in _objects(data):
            kinds = item.get("@type", "")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            yield frozenset(str(kind).lower() for kind in kinds), item


def _objects(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [item for element in data for item in _objects(element)]
    if isinstance(data, dict):
        return [data, *_objects(data.get("@graph", []))]
    return []
