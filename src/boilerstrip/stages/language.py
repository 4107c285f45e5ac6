"""Name the language of a text page, from its kept text.

An HTML page usually says its language (`<html lang>`, og:locale: the
metadata stage reads it); a text page never does. This stage, in the text
pipeline, asks py3langid (langid.py's model:
97 languages, pure Python and NumPy, wheels for every platform) about the
article text that survived the cleaning, so menus and cookie banners in
another language do not vote. It removes nothing.

The model is loaded on first use, not at import: `import boilerstrip`
stays light, and a run that never meets an unlabelled page never loads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import Any

from boilerstrip.document import Document

STAGE = "language"
# The first thousand characters of the article say its language as well as
# more does: on 300 wcxb-dev text dumps, 500 chars left 7 pages undecided,
# 1,000, 2,000 and 3,000 left 3, at 3.0, 5.2 and 6.7 ms a page.
SAMPLE_CHARS = 1000
# Under this many letters the guess is a coin toss (a headline, a price list).
MIN_LETTERS = 40
# py3langid's normalised probability for its best language; under it the
# text is mixed or too short to tell, and the record says nothing.
MIN_PROBABILITY = 0.9
# Words that are English's own and common (none is a frequent word of another
# web language: not "is", "to", "for", "on", "was", which are). English prose
# has one in six to one in ten of its words among them; on 1,687 text dumps
# (wcxb-dev, news, fixtures, seeds) no page the model did not call English
# with confidence had more than one in twenty-four, and every page at one in
# ten or more was English to the model. Saying so without the model saves
# about 1 ms a page on half the pages (py3langid reads its sample a byte at
# a time in Python).
ENGLISH_MARKERS = frozenset(
    {"the", "and", "that", "with", "this", "from", "have", "were", "which", "their", "they"}
    | {"been", "would", "there"}
)
ENGLISH_SHARE = 0.1
MIN_WORDS = 20
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class GuessLanguage:
    name: str = STAGE

    def prepare(self) -> None:
        _identifier()

    def __call__(self, doc: Document) -> Document:
        if doc.metadata.get("language"):
            return doc
        text = _sample(doc)
        if not _has_letters(text, MIN_LETTERS):
            return doc
        if _plainly_english(text):
            doc.set_metadata("language", "en")
            return doc
        language, probability = _identifier().classify(text)
        if probability >= MIN_PROBABILITY:
            doc.set_metadata("language", str(language))
        return doc


def _sample(doc: Document) -> str:
    """The kept blocks' text, up to about SAMPLE_CHARS characters."""
    texts = [block.text for block in doc.kept_blocks()]
    ends = list(accumulate(len(text) + 1 for text in texts))
    count = next((n for n, end in enumerate(ends, 1) if end >= SAMPLE_CHARS), len(texts))
    return "\n".join(texts[:count])[:SAMPLE_CHARS]


def _has_letters(text: str, least: int) -> bool:
    """Whether `text` holds `least` letters: its opening is counted first,
    since prose meets the bar there and the whole sample need not be read."""
    opening = text[: least * 2]
    return sum(map(str.isalpha, opening)) >= least or sum(map(str.isalpha, text)) >= least


def _plainly_english(text: str) -> bool:
    words = _WORD.findall(text.casefold())
    markers = sum(1 for word in words if word in ENGLISH_MARKERS)
    return len(words) >= MIN_WORDS and markers >= ENGLISH_SHARE * len(words)


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
