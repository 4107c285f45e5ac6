"""Find the headline, take it out of the body, and drop its repeats.

HTML pages get their title from the metadata stage (the `<h1>` confirmed by
og:title or `<title>`); this stage then only removes the body blocks that
repeat it. Text has no markup, so the headline is found by how a reader finds
it: a short line near the top, not a sentence, usually printed twice (page
heading and article heading, or the last crumb of a breadcrumb) or right
before the first prose. The masthead (a line that is just the site name) is
never the headline. A trailing
" | Section" on the headline moves into `metadata.section`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from boilerstrip.blocks import is_prose, same_text
from boilerstrip.document import Block, Document
from boilerstrip.stopwords import stopword_count

STAGE = "title"
# The headline sits among the first blocks that survive the chrome stages.
TITLE_WINDOW = 12
# Headlines run from a few words to a long sentence; beyond this it is prose.
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 30
# A headline is followed by the article within a few blocks (a standfirst,
# a caption, an ad marker may sit between).
MAX_GAP_TO_PROSE = 4
# Headlines do not end with a full stop; a question or exclamation mark is fine.
_ENDS_WITH_FULL_STOP = re.compile(r"""\.["'”’»)\]]*$""")
_SECTION_SUFFIX = re.compile(r"^(?P<title>.{10,}?)\s+[|｜]\s+(?P<section>[^|｜]{2,40})$")


@dataclass(frozen=True)
class FindTextTitle:
    """Text input: pick the headline block and move it out of the body."""

    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        if doc.title is not None:
            return doc
        kept = [block for block in doc.blocks if block.kept]
        window = kept[:TITLE_WINDOW]
        # Repeats count even when an earlier stage removed them: the crumb
        # that ends a breadcrumb trail is the headline printed once more.
        seen = doc.blocks[: doc.blocks.index(window[-1]) + 1] if window else []
        site_name = str(doc.metadata.get("site_name", ""))
        window = [b for b in window if not (site_name and same_text(b.text, site_name))]
        chosen = _confirmed_headline(window, seen) or _headline_before_prose(kept, window)
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


@dataclass(frozen=True)
class DropChromeAboveHeadline:
    """Both inputs: what sits above the headline and is not prose is page chrome
    (mastheads, menus, sign-in links, cookie buttons, kickers). The article
    starts at its headline; prose above it is kept in case the guess was wrong."""

    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        headline = _headline_position(doc)
        if headline is None:
            return doc
        for block in doc.blocks[:headline]:
            if block.kept and not is_prose(block.text):
                doc.remove(block, self.name, "title-chrome-above")
        return doc


def _headline_position(doc: Document) -> int | None:
    """Index of the first block taken as the headline, if it sits near the top."""
    for index, block in enumerate(doc.blocks):
        removal = block.removed_by
        if removal is not None and removal.stage == STAGE:
            kept_before = sum(1 for b in doc.blocks[:index] if b.kept)
            return index if kept_before < TITLE_WINDOW else None
    return None


def _title_with_suffix(text: str, title: str) -> bool:
    match = _SECTION_SUFFIX.match(text)
    return bool(match and same_text(match.group("title"), title))


def _looks_like_headline(text: str) -> bool:
    """A few words to a long line, no full stop, and written in a language:
    menus and tag rows ("Markets Commodities Energy") have no function words."""
    words = len(re.findall(r"\w+", text))
    return (
        TITLE_MIN_WORDS <= words <= TITLE_MAX_WORDS
        and not _ENDS_WITH_FULL_STOP.search(text)
        and stopword_count(text) > 0
    )


def _confirmed_headline(window: list[Block], seen: list[Block]) -> Block | None:
    """The first headline-like block printed again nearby, whole or as a crumb's tail."""
    for block in window:
        if not _looks_like_headline(block.text):
            continue
        for other in seen:
            if other is block:
                continue
            if same_text(other.text, block.text) or _title_with_suffix(block.text, other.text):
                return block
            if len(other.text) > len(block.text) and _fold(other.text).endswith(" " + _fold(block.text)):
                return block
    return None


def _headline_before_prose(kept: list[Block], window: list[Block]) -> Block | None:
    """The first headline-like block that prose follows within a few kept blocks."""
    for position, block in enumerate(window):
        if not _looks_like_headline(block.text):
            continue
        if any(is_prose(b.text) for b in kept[position + 1 : position + 1 + MAX_GAP_TO_PROSE]):
            return block
    return None


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))
