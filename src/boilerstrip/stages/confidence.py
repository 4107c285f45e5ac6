"""How much to trust the record: `metadata.confidence`, from 0 to 1.

The last stage of both pipelines. It changes no block; it reads the evidence
the cleaned document already holds and says how likely the body is to be the
page's main text, so that a user can route the doubtful pages to another
extractor or to a person. The evidence is the audit trail and the blocks:

- how much text is kept, in how many blocks and how long they are (a body of
  three short lines is rarely a whole article);
- what share of the text the stages saw went, and to which kind of removal:
  DOM rules (whole subtrees, keyed to class words), block rules, or the text
  article finder (a whole page cut to one run), how many removals there were
  and how large the largest was;
- whether what is kept reads as prose: the share of its words in blocks that
  end like sentences, the share of function words, the share of short lines
  (menus and cards are short lines without function words);
- whether a title was found, and whether the headline stood in the text
  (the title stages removed it there), and whether a guard undid a removal (an
  `undone:RULE` entry: the page fooled a rule once, and may have fooled
  another);
- the page type, when a stage has guessed one (`metadata.page_type`): pages
  other than articles and documentation are harder for every extractor.

The model is a logistic regression on these features, its weights a small
data file beside this module (`confidence.json`), fitted by
`benchmarks/train_confidence.py` on the WCXB dev pages with the page's word F1
as target. It is loaded and checked once; scoring a page is a few dozen
multiplications.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TypeGuard

from boilerstrip.document import Block, Document, is_prose_block
from boilerstrip.reading.stopwords import is_stopword

STAGE = "confidence"
WEIGHTS_FILE = "confidence.json"
# The stages whose removals are whole subtrees of the HTML tree.
DOM_STAGES = frozenset({"dom", "dom_guard", "prune", "site_rules"})
# The stage that cuts a text page down to its article.
FINDER_STAGE = "text_content"
# A guard that stood a removal down records it under this rule-id prefix.
UNDONE = "undone:"
# The title stages' removals of the headline where it stood in the text:
# the article the title heads was found, not only its name in the markup.
TITLE_STAGES = frozenset({"title", "title_repeats"})
# A kept block this short is a label, a menu entry or a card's line, not a paragraph.
SHORT_BLOCK_WORDS = 5
# Page types whose main text is running prose, which is what every stage is built for.
PROSE_PAGE_TYPES = frozenset({"article", "documentation"})
# The confidence is rounded: more digits would claim a precision it has not.
DIGITS = 3

FEATURES = (
    "log_kept_words",
    "log_kept_blocks",
    "log_mean_block_words",
    "kept_share",
    "dom_removed_share",
    "block_removed_share",
    "finder_removed_share",
    "prose_share",
    "function_word_share",
    "short_block_share",
    "has_title",
    "title_in_text",
    "log_removals",
    "largest_removal_share",
    "undone",
    "html",
    "prose_page_type",
    "other_page_type",
)


class WeightsError(ValueError):
    """The weights file is malformed; the message names it."""


@dataclass(frozen=True)
class Model:
    """A logistic regression on standardised features: every feature is
    centred and scaled as in training, then weighed."""

    intercept: float
    weights: dict[str, float]
    means: dict[str, float]
    scales: dict[str, float]

    def score(self, features: dict[str, float]) -> float:
        z = self.intercept
        for name, weight in self.weights.items():
            z += weight * (features[name] - self.means[name]) / self.scales[name]
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


@dataclass(frozen=True)
class ScoreConfidence:
    """Set `metadata.confidence` from the cleaned document's evidence."""

    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        doc.metadata[STAGE] = round(load_model().score(features(doc)), DIGITS)
        return doc


def features(doc: Document) -> dict[str, float]:
    """The evidence the model weighs, each a number (shares from 0 to 1)."""
    kept = [block for block in doc.blocks if block.kept]
    kept_words = sum(block.words for block in kept)
    removed_words = {"dom": 0, "block": 0, "finder": 0}
    undone = title_in_text = False
    largest = removals = 0
    for removal in doc.removals:
        if removal.rule_id.startswith(UNDONE):
            undone = True
            continue
        removals += 1
        words = len(removal.text.split())
        removed_words[_kind_of(removal.stage)] += words
        largest = max(largest, words)
        title_in_text = title_in_text or removal.stage in TITLE_STAGES
    seen = max(kept_words + sum(removed_words.values()), 1)
    page_type = doc.metadata.get("page_type")
    return {
        "log_kept_words": math.log1p(kept_words),
        "log_kept_blocks": math.log1p(len(kept)),
        "log_mean_block_words": math.log1p(kept_words / len(kept)) if kept else 0.0,
        "kept_share": kept_words / seen,
        "dom_removed_share": removed_words["dom"] / seen,
        "block_removed_share": removed_words["block"] / seen,
        "finder_removed_share": removed_words["finder"] / seen,
        "prose_share": _share(kept, kept_words, is_prose_block),
        "function_word_share": _function_words(kept) / kept_words if kept_words else 0.0,
        "short_block_share": sum(1 for b in kept if b.words < SHORT_BLOCK_WORDS) / len(kept) if kept else 1.0,
        "has_title": 1.0 if doc.title else 0.0,
        "title_in_text": 1.0 if title_in_text else 0.0,
        # How much debris the page had: a page of many widgets, menus and
        # teasers is a layout the rules may have misread somewhere.
        "log_removals": math.log1p(removals),
        "largest_removal_share": largest / seen,
        "undone": 1.0 if undone else 0.0,
        "html": 1.0 if doc.kind == "html" else 0.0,
        "prose_page_type": 1.0 if page_type in PROSE_PAGE_TYPES else 0.0,
        "other_page_type": 1.0 if page_type is not None and page_type not in PROSE_PAGE_TYPES else 0.0,
    }


def _function_words(blocks: list[Block]) -> int:
    # The blocks' tokens are read once per text and shared with the rule stages.
    return sum(sum(map(is_stopword, block.tokens)) for block in blocks)


def _kind_of(stage: str) -> str:
    """Which kind of removal a stage makes: DOM subtrees, the text finder's cut, or block rules."""
    if stage in DOM_STAGES:
        return "dom"
    return "finder" if stage == FINDER_STAGE else "block"


def _share(blocks: list[Block], words: int, test: Callable[[Block], bool]) -> float:
    """The share of the words that stand in blocks passing `test`."""
    return sum(block.words for block in blocks if test(block)) / words if words else 0.0


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The bundled weights, read and checked once per process."""
    resource = files("boilerstrip.stages").joinpath(WEIGHTS_FILE)
    return parse_model(resource.read_text(encoding="utf-8"), WEIGHTS_FILE)


def parse_model(text: str, name: str) -> Model:
    """A Model from the text of a weights file; WeightsError names the file and the fault."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise WeightsError(f"{name}: not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise WeightsError(f"{name}: must be a JSON object")
    intercept = data.get("intercept")
    if not _number(intercept):
        raise WeightsError(f"{name}: 'intercept' must be a number")
    tables = {}
    for key in ("weights", "means", "scales"):
        table = data.get(key)
        if not isinstance(table, dict) or set(table) != set(FEATURES):
            raise WeightsError(f"{name}: '{key}' must give a number for each of {', '.join(FEATURES)}")
        if not all(_number(value) for value in table.values()):
            raise WeightsError(f"{name}: every value of '{key}' must be a number")
        tables[key] = {feature: float(table[feature]) for feature in FEATURES}
    if not all(scale > 0 for scale in tables["scales"].values()):
        raise WeightsError(f"{name}: every scale must be above 0")
    return Model(float(intercept), tables["weights"], tables["means"], tables["scales"])


def _number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
