"""Move the standfirst (the deck under the headline) out of the body.

Gold article bodies leave the standfirst out: it summarises the article and
belongs with the metadata. Two kinds of evidence find it. In HTML, a block
near the top that repeats the page's meta description word for word (one
that only starts like it is the CMS quoting the first paragraph, which stays). In text, the block
right under the headline when it does not end like a sentence: decks are
written as headlines are, without a final full stop, and first paragraphs
almost never are. A block that ends with a colon announces what follows
("Here's what the early reviews say:"): a first paragraph, not a deck.
A page type whose profile says `keep_standfirst` (a manual, a service page:
their summary is their first paragraph) keeps it in the body.
"""

from __future__ import annotations

from dataclasses import dataclass

from boilerstrip.document import Document
from boilerstrip.page_types.profiles import NO_PROFILES, Profiles
from boilerstrip.reading.blocks import ANNOUNCING, SENTENCE_STOPS, final_mark, same_text

STAGE = "standfirst"
# Only the first few body blocks can be a standfirst.
STANDFIRST_WINDOW = 4
# A deck is a full clause, not a two-word kicker, and shorter than a paragraph.
STANDFIRST_MIN_WORDS = 8
STANDFIRST_MAX_WORDS = 60
_PARAGRAPH_ENDS = SENTENCE_STOPS | ANNOUNCING


@dataclass(frozen=True)
class MoveStandfirst:
    name: str = STAGE
    profiles: Profiles = NO_PROFILES

    def __call__(self, doc: Document) -> Document:
        description = doc.metadata.get("description")
        head = [b for b in doc.blocks if b.kept][:STANDFIRST_WINDOW]
        keep = self.profiles.for_page(doc.metadata).keep_standfirst
        if isinstance(description, str) and description and not keep:
            for block in head:
                if same_text(block.text, description):
                    doc.remove(block, self.name, "standfirst-repeats-description")
                    return doc
        if doc.kind == "text" and doc.title:
            self._text_deck(doc)
        return doc

    def _text_deck(self, doc: Document) -> None:
        after_title = False
        for block in doc.blocks:
            if block.removed_by is not None and block.removed_by.rule_id == "title-headline":
                after_title = True
                continue
            if not after_title or not block.kept:
                continue
            words = block.words
            if (
                STANDFIRST_MIN_WORDS <= words <= STANDFIRST_MAX_WORDS
                and final_mark(block.text) not in _PARAGRAPH_ENDS
            ):
                doc.set_metadata("description", block.text)
                doc.remove(block, self.name, "standfirst-deck")
            return
