"""Guess what kind of page this is, for the stages and the profiles that follow.

Writes `metadata.page_type` (article, forum, product, collection, listing,
documentation, service) and `metadata.page_type_confidence` (the model's
probability for it, 0-1). It removes nothing and changes no block: it only
reads the page, whole, before anything is dropped (an HTML page's tree
right after its metadata is read, a text page's lines before the article
finder keeps one run of them), because the evidence of a page's type is
largely in what the cleaner removes. The features and the model are in
`boilerstrip.page_types`; their accuracy in `docs/page-types.md`.
"""

from __future__ import annotations

from dataclasses import dataclass

from boilerstrip.document import Document
from boilerstrip.page_types.cues import readable_address
from boilerstrip.page_types.html_features import html_features
from boilerstrip.page_types.model import PageTypeModel
from boilerstrip.page_types.text_features import text_features

STAGE = "page_type"
# The probability is rounded: two decimals say all a caller can use of it,
# and keep records stable across platforms' last-bit differences.
CONFIDENCE_DECIMALS = 2


@dataclass(frozen=True)
class GuessPageType:
    model: PageTypeModel
    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        classifier = self.model.for_page(doc.kind, has_url=address_of(doc) is not None)
        guess = classifier.guess(features_of(doc))
        doc.set_metadata("page_type", guess.page_type)
        doc.set_metadata("page_type_confidence", round(guess.confidence, CONFIDENCE_DECIMALS))
        return doc


def address_of(doc: Document) -> str | None:
    """The page's address: the caller's, or else the one the page declares
    (None when neither is given, or can be read)."""
    url: str | None = doc.url or doc.metadata.get("url")
    return readable_address(url)


def features_of(doc: Document) -> dict[str, float]:
    """The page's features as the model reads them (the training script reads them so too)."""
    url = address_of(doc)
    if doc.tree is not None:
        return html_features(doc.tree, url)
    return text_features(doc.blocks, url)
