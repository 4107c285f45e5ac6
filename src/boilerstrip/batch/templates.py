"""Learn a site's template blocks from a batch (the first pass of `--site-templates`).

Every page is run through the pipeline up to the `site_templates` stage, by
the same Cleaner and under the same limits as the second pass
(`boilerstrip.batch.work.keys_job`), and gives the keys of the blocks still
kept there (each counted once per page).
Per host, a block is template debris when it appears on at least
`TEMPLATE_MIN_PAGES` pages and on at least `TEMPLATE_MIN_SHARE` of the
host's pages. The second pass hands each page its host's keys, and
`boilerstrip.stages.site_templates` removes them with rule id `site-template`.

A page's host is its URL's host name (`www.` set aside). A saved file has no
URL, so the folder it sits in stands for its site: people save a site's pages
together.

Memory: one counter entry per distinct block key per host (a 16-character
key and an int, about 150 bytes), so it grows with the distinct blocks of the
batch, unlike the rest of the batch which stays flat. The learned templates
are small and are saved beside the output, so a resumed run skips this pass.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from boilerstrip.batch.inputs import Item

# A block shared by two pages may be a quotation both carry; from three pages
# on, repetition is a pattern. Below half of a host's pages, a recurring block
# is more likely a section's than the site's (a series footer), and the
# article text of a story republished on the same site twice stays safe.
TEMPLATE_MIN_PAGES = 3
TEMPLATE_MIN_SHARE = 0.5


def host_of(item: Item) -> str:
    if item.url:
        try:
            host = (urlsplit(item.url).hostname or "").lower().removeprefix("www.")
        except ValueError:  # `http://[::1/`: no host to read; the page's folder stands in
            host = ""
        if host:
            return host
    where = item.path if item.path is not None else item.source.split("#", 1)[0]
    return "folder:" + os.path.dirname(where)


@dataclass
class TemplateLearner:
    """Per-host page counts and block counts, then the template keys per host."""

    pages: Counter[str] = field(default_factory=Counter)
    blocks: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, host: str, keys: Iterable[str]) -> None:
        self.pages[host] += 1
        self.blocks.setdefault(host, Counter()).update(set(keys))

    def templates(self) -> dict[str, frozenset[str]]:
        learned: dict[str, frozenset[str]] = {}
        for host, counts in self.blocks.items():
            needed = max(TEMPLATE_MIN_PAGES, TEMPLATE_MIN_SHARE * self.pages[host])
            keys = frozenset(key for key, count in counts.items() if count >= needed)
            if keys:
                learned[host] = keys
        return learned


def save_templates(path: Path, fingerprint: str, templates: dict[str, frozenset[str]]) -> None:
    """Written beside the output and renamed into place: a crash leaves none or all."""
    partial = path.with_name(path.name + ".tmp")
    data = {
        "fingerprint": fingerprint,
        "hosts": {host: sorted(keys) for host, keys in sorted(templates.items())},
    }
    with partial.open("w", encoding="utf-8") as handle:
        json.dump(data, handle)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(path)


def load_templates(path: Path, fingerprint: str) -> dict[str, frozenset[str]] | None:
    """What a run with the same fingerprint learned, or None."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("fingerprint") != fingerprint:
        return None
    return {str(host): frozenset(map(str, keys)) for host, keys in data["hosts"].items()}
