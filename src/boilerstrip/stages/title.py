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
from itertools import islice

from boilerstrip.document import Block, Document
from boilerstrip.reading.blocks import is_prose, same_text
from boilerstrip.reading.scripts import caseless, unspaced_words
from boilerstrip.reading.stopwords import stopword_count
from boilerstrip.reading.words import fold

# One name per stage: it is the `stage` of every removal in the audit trail.
STAGE = "title"
REPEATS_STAGE = "title_repeats"
CHROME_STAGE = "chrome_above_title"
_HEADLINE_STAGES = frozenset({STAGE, REPEATS_STAGE})
# The headline sits among the first blocks that survive the chrome stages.
TITLE_WINDOW = 12
# Headlines run from a few words to a long sentence; beyond this it is prose.
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 30
# A line that opens a longer one (a teaser of this very article: headline,
# then summary) confirms it as the headline when it is at least this long;
# a shorter one is as often the first words of a paragraph ("The al-Tanf base").
TEASER_HEADLINE_MIN_WORDS = 6
# A headline is followed by the article within a few blocks (a standfirst,
# a caption, an ad marker may sit between).
MAX_GAP_TO_PROSE = 4
# Headlines do not end with a full stop; a question or exclamation mark is fine.
_ENDS_WITH_FULL_STOP = re.compile(r"""[.。]["'”’»)\]」』）】]*$""")
# A full stop between words inside the line: a caption or prose, not a headline.
# `\w\w`, not `\w{2,}`: the same matches, found in linear time (on one 10 MB
# word, `\w{2,}` ran to its end from every position and back).
_SENTENCE_BREAK = re.compile(r"\w\w[.!?]\s+[A-Z]")
_SECTION_SUFFIX = re.compile(r"^(?P<title>.{10,}?)\s+[|｜]\s+(?P<section>[^|｜]{2,40})$")


@dataclass(frozen=True)
class FindTextTitle:
    """Text input: pick the headline block and move it out of the body."""

    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        if doc.title is not None:
            return doc
        window = list(islice((block for block in doc.blocks if block.kept), TITLE_WINDOW))
        # Repeats count even when an earlier stage removed them: the crumb
        # that ends a breadcrumb trail is the headline printed once more.
        seen = doc.blocks[: doc.blocks.index(window[-1]) + 1] if window else []
        site_name = fold(str(doc.metadata.get("site_name", "")))
        window = [b for b in window if not (site_name and b.folded == site_name)]
        chosen = _confirmed_headline(window, seen) or _headline_before_prose(doc, window)
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

    name: str = REPEATS_STAGE

    def __call__(self, doc: Document) -> Document:
        if not doc.title:
            return doc
        title = fold(doc.title)  # folded once; each block keeps its own fold
        for block in doc.blocks:
            if not block.kept:
                continue
            if (title and block.folded == title) or _title_with_suffix(block.text, doc.title):
                doc.remove(block, self.name, "title-repeat")
        return doc


@dataclass(frozen=True)
class DropChromeAboveHeadline:
    """Both inputs: what sits above the headline and is not prose is page chrome
    (mastheads, menus, sign-in links, cookie buttons, kickers). The article
    starts at its headline; prose above it is kept in case the guess was wrong."""

    name: str = CHROME_STAGE

    def __call__(self, doc: Document) -> Document:
        headline = _headline_position(doc)
        if headline is None:
            return doc
        for block in doc.blocks[:headline]:
            if block.kept and not is_prose(block.text):
                doc.remove(block, self.name, "title-chrome-above")
        return doc


def _headline_position(doc: Document) -> int | None:
    """Index of the first block taken as the headline (or as a repeat of it),
    if it sits near the top."""
    for index, block in enumerate(doc.blocks):
        removal = block.removed_by
        if removal is not None and removal.stage in _HEADLINE_STAGES:
            kept_before = sum(1 for b in doc.blocks[:index] if b.kept)
            return index if kept_before < TITLE_WINDOW else None
    return None


def _title_with_suffix(text: str, title: str) -> bool:
    if "|" not in text and "｜" not in text:
        return False  # the suffix's bar; most blocks have none
    match = _SECTION_SUFFIX.match(text)
    return bool(match and same_text(match.group("title"), title))


def _looks_like_headline(text: str) -> bool:
    """A few words to a long line, no full stop, not a menu row, no sentence break."""
    words = len(re.findall(r"\w+", text)) + unspaced_words(text)
    return (
        TITLE_MIN_WORDS <= words <= TITLE_MAX_WORDS
        and not _ENDS_WITH_FULL_STOP.search(text)
        and _reads_as_language(text)
        and not _SENTENCE_BREAK.search(text)
    )


def _reads_as_language(text: str) -> bool:
    """Menus and tag rows capitalise every word and have no function words
    ("Markets Commodities Energy Mining"); headlines have one or the other.
    In a script without case (Chinese, Arabic), case tells nothing."""
    return (
        stopword_count(text) > 0
        or any(word[:1].islower() for word in re.findall(r"\w+", text))
        or caseless(text)
    )


def _confirmed_headline(window: list[Block], seen: list[Block]) -> Block | None:
    """The first headline-like block printed again nearby: whole, as a crumb's
    tail, or as the head of a teaser for this very article (headline, then summary)."""
    others: list[tuple[Block, str, int]] | None = None  # read once, when a candidate needs them
    for block in window:
        if not _looks_like_headline(block.text):
            continue
        if others is None:
            others = [(other, other.folded, len(other.text)) for other in seen]
        folded, length = block.folded, len(block.text)
        teaser_like = block.words >= TEASER_HEADLINE_MIN_WORDS
        # A long headline may close a crumb trail that a text browser glued
        # together ("HomeSportBREAKING: ..."); a short one must close it whole.
        tail, head = folded if teaser_like else " " + folded, folded + " "
        suffixed = _SECTION_SUFFIX.match(block.text)
        title_part = fold(suffixed.group("title")) if suffixed else None
        for other, other_folded, other_length in others:
            if other is block:
                continue
            if (other_folded == folded and folded) or (title_part and other_folded == title_part):
                return block
            if other_length > length and (
                other_folded.endswith(tail) or (teaser_like and other_folded.startswith(head))
            ):
                return block
    return None


def _headline_before_prose(doc: Document, window: list[Block]) -> Block | None:
    """The headline among the headline-like lines above the first paragraph.

    The last such line is the headline, unless it sits directly under another
    one with nothing between them in the page: then the pair is headline and
    deck, and the first is the headline. (A tagline sits above the menu, so
    removed chrome separates it from the headline.)
    """
    prose_at = next((i for i, b in enumerate(doc.blocks) if b.kept and is_prose(b.text)), None)
    if prose_at is None or any(block.joined_by is not None for block in doc.blocks[:prose_at]):
        return None  # a collapsed page (`stages.run_on`): where a line sits tells nothing
    positions = {id(block): index for index, block in enumerate(doc.blocks[:prose_at])}
    above = [b for b in window if id(b) in positions and _looks_like_headline(b.text)]
    if not above:
        return None
    last = above[-1]
    position = positions[id(last)]
    kept_between = [b for b in doc.blocks[position + 1 : prose_at] if b.kept]
    if len(kept_between) >= MAX_GAP_TO_PROSE:
        return None
    if len(above) >= 2 and position > 0 and doc.blocks[position - 1] is above[-2]:
        return above[-2]
    return last
