"""Text input: tell the article's headings and list items from its paragraphs.

A plain-text page has no markup; its layout is in its lines. A list item is
a line that opens with a bullet (the ones `boilerstrip.stages.rejoin` took
off are marked there), and a heading a short line that ends no sentence,
standing above a paragraph. Only the Markdown and HTML bodies read these
shapes; no block is removed or changed here.
"""

from __future__ import annotations

from dataclasses import dataclass

from boilerstrip.document import Document, Shape
from boilerstrip.reading.blocks import final_mark, is_prose

STAGE = "text_shapes"
# A heading is short: a line of more words is a paragraph that lacks its stop.
HEADING_MAX_WORDS = 12
_SENTENCE_MARKS = frozenset(".!?…。！？:;,")
_BULLETS = ("- ", "* ", "• ")
_ITEM = Shape("item", level=1)
_HEADING = Shape("heading", level=2)


@dataclass(frozen=True)
class MarkTextShapes:
    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        kept = [block for block in doc.blocks if block.kept]
        for block, following in zip(kept, [*kept[1:], None], strict=True):
            if block.shape is not None or block.joined_by is not None:
                continue
            if block.text.startswith(_BULLETS):
                block.shape = _ITEM
            elif (
                following is not None
                and block.words <= HEADING_MAX_WORDS
                and final_mark(block.text) not in _SENTENCE_MARKS
                and is_prose(following.text, following.words)
            ):
                block.shape = _HEADING
        return doc
