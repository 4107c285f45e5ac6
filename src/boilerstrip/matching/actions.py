"""What a block rule does once it matches: each action, whole, in one place.

A rule file names its action (`action = "drop_with_list"`); this table says
what that does to the page's blocks, and where in the page it may act. The
rule loader takes its list of valid names from here, and the block-rule
stage (`boilerstrip.stages.block_rules`) applies whatever it finds here, so a
new action is one function and one entry below.

An action gets the document, the index of the matched block, and the stage
and rule to record; the block is never protected (the stage checks) but the
blocks it reaches beyond it may be, and `Document.remove` spares those.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from boilerstrip.document import Block, Document
from boilerstrip.reading.blocks import is_prose, list_number

# Teaser lists under a "Related articles" heading are short headline lines.
# A line this long, or a prose block, ends the list.
LIST_ITEM_MAX_WORDS = 22
# A caption is one short sentence; and a page "parts paragraphs with blank
# lines" when at least this share of its blocks has one before it.
CAPTION_MAX_WORDS = 30
PARAGRAPH_GAP_SHARE = 0.5
# A cut that would take more than this share of the body's words is taking
# the article, not its tail: a heading rule ("About the company", "Comments")
# that fires above most of the text matched a heading inside the article, or
# a page whose comments are its content. The cut is undone and recorded.
MAX_CUT_SHARE = 0.5
# A text page's cut is undone only when it would take nearly all the body:
# the dump's article finder keeps more of a page than the extractor does, and
# a story's comment thread or footer can be most of what it kept (the dev
# dumps lost 0.01 F1 at 0.5, none at 0.8). At 0.8 a caption's copyright line
# or an "About <a book>" heading inside a long article no longer takes the
# article: WCXB dev, html_text / inscriptis dumps, all 0.802 / 0.804 -> 0.804
# / 0.806 (articles 0.915 / 0.918 -> 0.917 / 0.920; no cap at all before).
TEXT_MAX_CUT_SHARE = 0.8
# The action of a keep rule: it protects the blocks it matches (the `keep`
# stage) and is never applied as a removal.
KEEP = "keep"
# The actions that cut a block and everything after it.
CUT_REST = "cut_rest"
CUT_REST_ALWAYS = "cut_rest_always"
CUTS = frozenset({CUT_REST, CUT_REST_ALWAYS})

Apply = Callable[[Document, int, str, str, re.Pattern[str]], None]


@dataclass(frozen=True)
class BlockAction:
    """One action: what it does, and whether it waits for the article to begin.

    `after_start` actions reach past their block (everything after it), so a
    match above the article (a "Comments" link in the menu) must not fire.
    """

    apply: Apply
    after_start: bool = False


def _drop(doc: Document, index: int, stage: str, rule_id: str, pattern: re.Pattern[str]) -> None:
    doc.remove(doc.blocks[index], stage, rule_id)


def _cut_rest(doc: Document, index: int, stage: str, rule_id: str, pattern: re.Pattern[str]) -> None:
    """The block and everything after it: a comment section, the page's tail,
    unless that is most of the body of an HTML page (MAX_CUT_SHARE), or
    nearly all of a text page's (TEXT_MAX_CUT_SHARE)."""
    share = MAX_CUT_SHARE if doc.kind == "html" else TEXT_MAX_CUT_SHARE
    guarded_cut(doc, index, stage, rule_id, pattern, share=share)


def guarded_cut(
    doc: Document,
    index: int,
    stage: str,
    rule_id: str,
    pattern: re.Pattern[str],
    *,
    stand_down: int = 0,
    share: float = MAX_CUT_SHARE,
) -> None:
    """The block and everything after it, unless that is more than `share` of
    the body (MAX_CUT_SHARE by default): then the cut is undone and recorded.
    With `stand_down`, the cut stands whenever that many words are kept above it: an article
    lies there, and what the heading opens is its comment thread."""
    taken = sum(block.words for block in doc.blocks[index:] if block.kept and not block.protected)
    body = sum(block.words for block in doc.blocks if block.kept)
    if taken > share * body and not (stand_down and body - taken >= stand_down):
        evidence = f"would cut {taken} of the body's {body} words"
        doc.note_undone(stage, rule_id, evidence, doc.blocks[index].text)
        return
    _cut_rest_always(doc, index, stage, rule_id, pattern)


def _cut_rest_always(doc: Document, index: int, stage: str, rule_id: str, pattern: re.Pattern[str]) -> None:
    """The block and everything after it, however much of the body that is:
    for a heading that is evidence enough on its own ("167 comments")."""
    for block in doc.blocks[index:]:
        doc.remove(block, stage, rule_id)


def _drop_with_caption(doc: Document, index: int, stage: str, rule_id: str, pattern: re.Pattern[str]) -> None:
    """A credit, and the short line right under it when no blank line parts them.

    Only layout tells a caption from a one-sentence paragraph, so the caption
    goes only on pages that part their paragraphs with blank lines.
    """
    doc.remove(doc.blocks[index], stage, rule_id)
    following = doc.blocks[index + 1 : index + 2]
    if not following or following[0].gap_before or following[0].words > CAPTION_MAX_WORDS:
        return
    gaps = sum(block.gap_before for block in doc.blocks)
    if gaps >= PARAGRAPH_GAP_SHARE * len(doc.blocks):
        doc.remove(following[0], stage, rule_id)


def _drop_with_list(doc: Document, index: int, stage: str, rule_id: str, pattern: re.Pattern[str]) -> None:
    """A heading and the list under it: its short headline lines, and a
    numbered list ("1. ...", "2. ...") for as long as its numbers run,
    however long its items (a teaser's headline and summary on one line)."""
    doc.remove(doc.blocks[index], stage, rule_id)
    number = 1
    for later in doc.blocks[index + 1 :]:
        if not later.kept:
            continue
        if list_number(later.text) == str(number):
            number += 1
        elif _ends_list(later):
            break
        doc.remove(later, stage, rule_id)


def _ends_list(block: Block) -> bool:
    """A paragraph ends a teaser list; a headline, even one ending in '?', does not."""
    return block.words > LIST_ITEM_MAX_WORDS or (is_prose(block.text) and block.text.rstrip()[-1:] in ".…")


def _strip(doc: Document, index: int, stage: str, rule_id: str, pattern: re.Pattern[str]) -> None:
    """Cut what the pattern matches out of the block; drop the block if nothing is left."""
    block = doc.blocks[index]
    remainder = pattern.sub(" ", block.text).strip()
    if not remainder:
        doc.remove(block, stage, rule_id)
        return
    removed = " … ".join(match.group(0).strip() for match in pattern.finditer(block.text))
    doc.note_removal(stage, rule_id, removed)
    block.text = " ".join(remainder.split())
    doc.rescreen(index)  # what is left may be debris of another kind


def _never(doc: Document, index: int, stage: str, rule_id: str, pattern: re.Pattern[str]) -> None:
    raise AssertionError("a keep rule protects; it is never applied as a removal")


ACTIONS: dict[str, BlockAction] = {
    "drop": BlockAction(_drop),
    "drop_with_list": BlockAction(_drop_with_list),
    "drop_with_caption": BlockAction(_drop_with_caption),
    CUT_REST: BlockAction(_cut_rest, after_start=True),
    CUT_REST_ALWAYS: BlockAction(_cut_rest_always, after_start=True),
    "strip": BlockAction(_strip),
    KEEP: BlockAction(_never),
}
