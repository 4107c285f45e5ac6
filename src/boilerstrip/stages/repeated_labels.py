"""Drop the labels a page's template prints beside every item.

A forum thread prints the same few words around each post ("Joined",
"Messages", "Reply", "Level 5"), and a list of cards prints them under each
card ("Read more", "Add to cart", "Free shipping"). When the article finder
keeps such a page's posts or cards (`boilerstrip.stages.text_content`), it
keeps their labels with them. An article's own lines are printed once: a
short line printed REPEATED_LABEL_MIN times or more on the page, that ends
no sentence, is the template's. It runs after the rule stages, so that a
label a rule knows (an ad marker, a reply button) is recorded under that
rule, and after the title stage, which reads repeated lines for the
headline. An HTML page whose main region was read whole
(`Document.region_read`: a listing, a thread) brings its labels along in
the same way; an extracted article has already left them out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from boilerstrip.document import Document
from boilerstrip.reading.blocks import SENTENCE_STOPS, final_mark

STAGE = "repeated_labels"
RULE_REPEATED_LABEL = "repeated-label"

# Three prints make a template: a line printed twice is as often a headline
# printed as page title and heading, or a quote repeated in a reply. Tuned on
# the WCXB development pages flattened by html_text (forums gained ~0.01 F1)
# with the news dumps unchanged.
REPEATED_LABEL_MIN = 3
# A label is a few words; a headline or a question printed three times is
# not one.
LABEL_MAX_WORDS = 4


@dataclass(frozen=True)
class DropRepeatedLabels:
    """Drop the short lines that the page prints beside each of its items."""

    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        if doc.kind != "text" and not doc.region_read:
            return doc
        printed = Counter(block.text for block in doc.blocks)
        if not printed or max(printed.values()) < REPEATED_LABEL_MIN:
            return doc
        for block in doc.kept_blocks():
            if (
                printed[block.text] >= REPEATED_LABEL_MIN
                and block.words <= LABEL_MAX_WORDS
                and final_mark(block.text) not in SENTENCE_STOPS
            ):
                doc.remove(block, self.name, RULE_REPEATED_LABEL)
        return doc
