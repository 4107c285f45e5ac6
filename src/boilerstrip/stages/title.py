"""Find the headline, take it out of the body, and drop its repeats.

HTML pages get their title from the metadata stage (the `<h1>` confirmed by
og:title or `<title>`); this stage then only removes the body blocks that
repeat it. Text has no markup, so the headline is found by how a reader finds
it: a short line near the top, not a sentence, usually printed twice (page
heading and article heading) or right before the first prose. A trailing
" | Section" on the headline moves into `metadata.section`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from boilerstrip.blocks import is_prose, same_text
from boilerstrip.document import Block, Document

STAGE = "title"
# The headline sits among the first blocks that survive the chrome stages.
TITLE_WINDOW = 12
# Headlines run from a few words to a long sentence; beyond this it is prose.
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 30
# A headline is followed by the article within a few blocks (a standfirst,
# a caption, an ad marker may sit between).
MAX_GAP_TO_PROSE = 4
_SECTION_SUFFIX = re.compile(r"^(?P<title>.{10,}?)\s+[|｜]\s+(?P<section>[^|｜]{2,40})$")


@dataclass(frozen=True)
class FindTextTitle:
    """Text input: pick the headline block and move it out of the body."""

    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        if doc.title is not None:
            return doc
        window = [(i, b) for i, b in enumerate(doc.blocks) if b.kept][:TITLE_WINDOW]
        chosen = _repeated_headline(window) or _headline_before_prose(doc, window)
        if chosen is None:
            return doc
        headline = chosen.text
        match = _SECTION_SUFFIX.match(headline)
        if match:
            headline = match.group("title").strip()
            doc.set_metadata("section", match.group("section").strip())
        doc.title = headline
        doc.remove(chosen, self.name, "title-headline")
        return doc


@dataclass(frozen=True)
class DropTitleRepeats:
    """Both inputs: a block that only repeats the title is not body text."""

    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        if not doc.title:
            return doc
        for block in doc.blocks:
            if block.kept and (same_text(block.text, doc.title) or _title_with_suffix(block.text, doc.title)):
                doc.remove(block, self.name, "title-repeat")
        return doc


def _title_with_suffix(text: str, title: str) -> bool:
    match = _SECTION_SUFFIX.match(text)
    return bool(match and same_text(match.group("title"), title))


def _looks_like_headline(text: str) -> bool:
    words = len(text.split())
    return TITLE_MIN_WORDS <= words <= TITLE_MAX_WORDS and not (
        is_prose(text) and text.rstrip()[-1:] == "."
    )


def _repeated_headline(window: list[tuple[int, Block]]) -> Block | None:
    """The first headline-like block that the window prints twice."""
    for position, (_, block) in enumerate(window):
        if not _looks_like_headline(block.text):
            continue
        for _, other in window[position + 1 :]:
            if same_text(other.text, block.text) or _title_with_suffix(block.text, other.text):
                return block
    return None


def _headline_before_prose(doc: Document, window: list[tuple[int, Block]]) -> Block | None:
    """The first headline-like block that prose follows closely."""
    for index, block in window:
        if not _looks_like_headline(block.text):
            continue
        following = [b for b in doc.blocks[index + 1 : index + 1 + MAX_GAP_TO_PROSE] if b.kept]
        if any(is_prose(b.text) for b in following):
            return block
    return None
