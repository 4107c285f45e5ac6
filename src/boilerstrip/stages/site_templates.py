"""Drop the blocks a site repeats on many of its pages (template debris).

A single page cannot tell its article from its template; a batch can. The
batch runner (`boilerstrip.batch.templates`) learns, per host, the blocks that
recur on many pages, and hands each page the keys of its host's template
blocks. This stage removes the blocks whose key is in that set. It only runs
when the caller asked for cross-page cleaning: a single page without
`templates` passes through the pipeline exactly as before.

A key is a short hash of the block text folded for case and spacing, so a
template line that differs only in capitals or spaces from page to page
still counts as the same block.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from boilerstrip.document import Document

STAGE = "site_templates"
RULE_ID = "site-template"
# 8 bytes of BLAKE2b: collisions stay negligible (birthday bound ~4e9 blocks
# per host) while a key costs little memory in the per-host counts.
KEY_BYTES = 8
_SPACE = re.compile(r"\s+")


def block_key(text: str) -> str:
    """The key of a block's text, equal for texts that differ only in case or spacing."""
    folded = _SPACE.sub(" ", text.casefold()).strip()
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=KEY_BYTES).hexdigest()


@dataclass(frozen=True)
class DropSiteTemplates:
    """Remove every kept block whose key is one of the host's template keys."""

    templates: frozenset[str]
    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        if not self.templates:
            return doc
        for block in doc.blocks:
            if block.kept and block_key(block.text) in self.templates:
                doc.remove(block, self.name, RULE_ID)
        return doc
