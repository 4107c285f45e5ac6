"""The one thing that flows through the pipeline, and the record it becomes.

A page enters as bytes, becomes a `Document`, passes through named stages and
leaves as a `Record`. Both input kinds (HTML and plain text) converge on the
same list of `Block`s, so every block rule serves both. A stage never deletes a
block silently: it marks it removed and appends a `Removal` naming itself and
the rule that fired, which is what `--explain` shows.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from lxml.html import HtmlElement

from boilerstrip.reading.blocks import is_prose, tidy
from boilerstrip.reading.decode import LimitExceeded
from boilerstrip.reading.scripts import unspaced_words
from boilerstrip.reading.urls import page_url
from boilerstrip.reading.words import opening_of, read_lines, read_terms

# A line that becomes a block: one with something other than whitespace on it.
_NON_EMPTY_LINE = re.compile(r"^[^\S\n]*\S", re.MULTILINE)

InputKind = Literal["html", "text"]
# A "separator" is the line that rules a table's header off in plain text:
# the Markdown and HTML bodies draw their own.
ShapeKind = Literal["paragraph", "heading", "item", "row", "separator", "code", "quote"]


@dataclass(frozen=True, slots=True)
class Shape:
    """What a block is in the article's layout, read from the extractor's
    structure (HTML) or from the line's own markers (text).

    It changes no stage's verdict: the block rules judge the text as ever,
    and the Markdown and HTML bodies (`boilerstrip.rendering`) are drawn from
    the shapes of the blocks that are left. `level` is a heading's level
    (1-6) or a list item's depth (1 at the top); `cells` a table row's
    cells (a code line's one cell is the line indented as it was),
    `header` whether they are column heads; blocks of one list,
    table, code block or quotation share a `group`. `links` are the
    (text, address) pairs that the block's text holds, `images` the
    (address, alt text) pairs that stood after it in the page.
    """

    kind: ShapeKind = "paragraph"
    level: int = 0
    ordered: bool = False
    cells: tuple[str, ...] = ()
    header: bool = False
    group: int = 0
    links: tuple[tuple[str, str], ...] = ()
    images: tuple[tuple[str, str], ...] = ()


class Removal(NamedTuple):
    """One piece of text a stage dropped, and why.

    A tuple rather than a dataclass: text mode records one for every line
    of a page's menus and footers, and a tuple is the cheapest to make.
    """

    stage: str
    rule_id: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"stage": self.stage, "rule_id": self.rule_id, "text": self.text}


class Cut(NamedTuple):
    """A subtree a stage proposes to drop from the parsed page, and why.

    Proposed, not yet dropped: the DOM guard (`boilerstrip.stages.dom_guard`)
    may undo it, and the prune stage drops what is left and records it.
    """

    element: HtmlElement
    stage: str
    rule_id: str


# A removal the guard undid is recorded under this prefix of its rule id
# ("undone:dom-sidebar"), with the evidence and the text it kept.
UNDONE = "undone:"


# Blocks are compared by identity (eq=False): two menu lines with the same
# text are still two blocks, and `list.index` must find the one asked for.
@dataclass(slots=True, eq=False)
class Block:
    """A paragraph-sized unit of text: a line of a scrape, a paragraph of HTML.

    `gap_before` tells whether a blank line separated this block from the one
    before it in the source, which text-mode heuristics use as layout evidence.
    A `protected` block was claimed by a keep rule: no later stage removes it.
    A block `joined_by` a space or by nothing is the rest of the line of the
    block before it (a collapsed page cut into pieces,
    `boilerstrip.stages.run_on`): the body joins the two with it when both
    are kept, so the line reads as it did. It is None for a block that
    starts a line. `shape` is its place in the layout, when known (a
    heading, a list item, a table row; see `Shape`); None reads as a paragraph.
    """

    text: str
    gap_before: bool = True
    removed_by: Removal | None = None
    protected: bool = False
    joined_by: str | None = None
    shape: Shape | None = None
    # Every stage asks for the word count; it is counted once per text, as
    # are the block's tokens and words (`boilerstrip.reading.words.read_terms`).
    _counted: tuple[str, int, int] = field(default=("", 0, 0), repr=False, compare=False)
    _terms: tuple[str, list[str], list[str], str] = field(default=("", [], [], ""), repr=False, compare=False)
    _folded: tuple[str, str] = field(default=("", ""), repr=False, compare=False)
    # What the rule screen found in the block: its text then, the mask of
    # the rules worth trying on it and the gates that made the mask
    # (`boilerstrip.matching.screen`); None until screened.
    hits: tuple[str, int, Any] | None = field(default=None, repr=False, compare=False)
    # Whether no stage removed it (`removed_by` is None): stages ask this of
    # every block, over and over, and a field is read at a fraction of the
    # cost of a property. `Document.remove` is the one place that changes it.
    kept: bool = field(default=True, init=False, compare=False)

    def __post_init__(self) -> None:
        self.kept = self.removed_by is None

    @property
    def words(self) -> int:
        """Words as a reader counts them: spaced ones, and Han and kana (`boilerstrip.reading.scripts`)."""
        counted = self._counted  # asked for all the time: the cached case makes no call
        return (counted if counted[0] is self.text else self._count())[1]

    @property
    def unspaced(self) -> int:
        """The words in runs of Han and kana, which no space parts (0 for most text)."""
        counted = self._counted
        return (counted if counted[0] is self.text else self._count())[2]

    def _count(self) -> tuple[str, int, int]:
        text = self.text
        unspaced = 0 if text.isascii() else unspaced_words(text)
        counted = self._counted = (text, len(text.split()) + unspaced, unspaced)
        return counted

    @property
    def tokens(self) -> list[str]:
        """Runs of word characters, in canonical lower case: what the text scorer counts."""
        return self._read()[1]

    @property
    def rule_words(self) -> list[str]:
        """Runs of letters, in canonical lower case: what the rule screen looks for."""
        return self._read()[2]

    @property
    def reading(self) -> tuple[str, list[str], list[str], str]:
        """Its text, tokens, rule words and opening (`boilerstrip.reading.words.opening_of`),
        read at once: what the rule screen asks of every block."""
        terms = self._terms
        if terms[0] is not self.text:
            terms = self._terms = (self.text, *read_terms(self.text), opening_of(self.text))
        return terms

    def _read(self) -> tuple[str, list[str], list[str], str]:
        return self.reading

    @property
    def folded(self) -> str:
        """The text as two wordings of a line are compared (`boilerstrip.reading.words.fold`)."""
        text, folded = self._folded
        if text is not self.text:
            folded = " ".join(self.tokens)  # = fold(self.text)
            self._folded = (self.text, folded)
        return folded


class Comment(NamedTuple):
    """One comment of the page's thread: who wrote it, when (as the page
    gives it), and what it says; author and date are None when not given."""

    author: str | None
    date: str | None
    text: str

    def to_dict(self) -> dict[str, str | None]:
        return {"author": self.author, "date": self.date, "text": self.text}


@dataclass
class Document:
    """A page in flight: its source, its blocks, its metadata, its audit trail."""

    raw_text: str
    kind: InputKind
    url: str | None = None
    source: str | None = None
    tree: HtmlElement | None = None
    title: str | None = None
    # The headline the page's title states (og:title or <title>, suffix soup
    # stripped), which may not be the <h1> it prints (`title`): a page type's
    # profile may prefer it (`Profile.title_headline`).
    stated_title: str | None = None
    blocks: list[Block] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    removals: list[Removal] = field(default_factory=list)
    # Subtrees proposed for dropping (`boilerstrip.stages.dom_boilerplate`), none inside another.
    cuts: list[Cut] = field(default_factory=list)
    # The size of the main text, in chars of prose, as the DOM guard estimated
    # it on the unpruned tree (`boilerstrip.stages.prose_map`); 0 when unknown.
    main_text_chars: int = 0
    # The prose of the whole page, in chars, that the removals left standing
    # after the DOM guard take nothing of (an article split over several
    # containers holds more than the main one); 0 when unknown.
    pruned_prose_chars: int = 0
    # Whether an HTML page's blocks are its main region read whole
    # (`boilerstrip.stages.region_text`), items and their labels, as a text
    # page's are, rather than an extracted article.
    region_read: bool = False
    # The comment thread, read as it was removed (only when asked for: `Options.comments`).
    comments: list[Comment] = field(default_factory=list)
    # For each group of rules, the blocks worth trying them on (`boilerstrip.matching.screen`).
    candidates: dict[str, list[int]] | None = None

    def kept_blocks(self) -> list[Block]:
        return [block for block in self.blocks if block.kept]

    def remove(self, block: Block, stage: str, rule_id: str) -> bool:
        """Mark `block` removed unless a keep rule protects it; say whether it went."""
        if block.protected or not block.kept:
            return False
        block.removed_by = Removal(stage, rule_id, block.text)
        block.kept = False
        self.removals.append(block.removed_by)
        return True

    def rescreen(self, index: int) -> None:
        """A stage rewrote the block at `index`: from now on every group of
        rules tries it (`boilerstrip.matching.screen`)."""
        if self.candidates is None:
            return
        for found in self.candidates.values():
            if index not in found:
                bisect.insort(found, index)

    def note_removal(self, stage: str, rule_id: str, text: str) -> None:
        """Record text dropped before blocks exist (a DOM subtree, a stripped phrase)."""
        if text.strip():
            self.removals.append(Removal(stage, rule_id, text))

    def note_undone(self, stage: str, rule_id: str, evidence: str, text: str) -> None:
        """Record a removal a guard undid: which rule's, on what evidence, and the text it kept."""
        self.removals.append(Removal(stage, UNDONE + rule_id, f"[{evidence}] {text}"))

    def set_metadata(self, key: str, value: Any) -> None:
        """Fill a metadata field unless an earlier, stronger source already did."""
        if value not in (None, "", [], {}) and key not in self.metadata:
            self.metadata[key] = value


@dataclass
class Record:
    """The clean result for one page: what users store and what fixtures label.

    `body_markdown` and `body_html` are the body in those formats, and
    `comments` the comment thread, when they were asked for
    (`boilerstrip.options.Options`); None otherwise.
    """

    title: str | None
    body: str
    metadata: dict[str, Any] = field(default_factory=dict)
    source: str | None = None
    url: str | None = None
    error: str | None = None
    removed: list[Removal] | None = None
    body_markdown: str | None = None
    body_html: str | None = None
    comments: list[Comment] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "body": self.body,
        }
        if self.body_markdown is not None:
            out["body_markdown"] = self.body_markdown
        if self.body_html is not None:
            out["body_html"] = self.body_html
        out["metadata"] = self.metadata
        if self.comments is not None:
            out["comments"] = [comment.to_dict() for comment in self.comments]
        if self.error is not None:
            out["error"] = self.error
        if self.removed is not None:
            out["removed"] = [removal.to_dict() for removal in self.removed]
        return out

    @classmethod
    def failure(cls, reason: str, *, source: str | None = None, url: str | None = None) -> Record:
        """A record that stands in for a page that could not be cleaned; `url`
        is the input's, stated as every record states it (`boilerstrip.reading.urls`)."""
        return cls(title=None, body="", source=source, url=page_url(url), error=reason)


def split_blocks(text: str, max_blocks: int | None = None) -> list[Block]:
    """One block per non-empty line; a blank line before it sets `gap_before`.

    Past `max_blocks` non-empty lines, LimitExceeded, found by counting before
    anything is split: 20 MB of short lines would otherwise cost a gigabyte
    of line objects before any limit could look at them.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if max_blocks is not None and text.count("\n") >= max_blocks:
        _check_line_count(text, max_blocks)
    # Tidied as one text, then cut into lines: the same as tidying each
    # line, at a fraction of the cost (no tidying joins or splits lines).
    text = tidy(text)
    blocks: list[Block] = []
    gap = True
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            gap = True
            continue
        blocks.append(Block(line, gap))
        gap = False
    return blocks


def read_blocks(blocks: list[Block]) -> list[list[str]]:
    """Every block's tokens (`Block.tokens`), the page read in one pass
    (`boilerstrip.reading.words.read_lines`); each block keeps its reading."""
    texts = [block.text for block in blocks]
    tokens = []
    for block, text, (words, terms, opening) in zip(blocks, texts, read_lines(texts), strict=True):
        block._terms = (text, words, terms, opening)
        tokens.append(words)
    return tokens


def _check_line_count(text: str, max_blocks: int) -> None:
    for count, _ in enumerate(_NON_EMPTY_LINE.finditer(text), start=1):  # one match at a time
        if count > max_blocks:
            raise LimitExceeded(f"too many text blocks: more than {max_blocks} lines before they are split")


def is_prose_block(block: Block) -> bool:
    return is_prose(block.text, block.words)


def article_span(doc: Document) -> tuple[int, int]:
    """Indices of the first and last kept prose block, or (len, -1) when none."""
    blocks = doc.blocks
    first = next((i for i, block in enumerate(blocks) if block.kept and is_prose_block(block)), None)
    if first is None:
        return len(blocks), -1
    last = next(
        i for i in range(len(blocks) - 1, first - 1, -1) if blocks[i].kept and is_prose_block(blocks[i])
    )
    return first, last


def body_text(doc: Document) -> str:
    """The record body: kept blocks, paragraphs separated by a blank line.

    A kept block that goes on with the line of the kept block before it
    (`Block.joined_by`) joins that one's paragraph as it was joined in the line.
    """
    paragraphs: list[list[str]] = []
    previous_kept = False
    for block in doc.blocks:
        if block.kept:
            if block.joined_by is not None and previous_kept:
                paragraphs[-1] += (block.joined_by, block.text)
            else:
                paragraphs.append([block.text])
        previous_kept = block.kept
    return "\n\n".join("".join(paragraph) for paragraph in paragraphs)
