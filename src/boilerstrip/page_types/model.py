"""The page-type model: weights read from a data file, a guess in pure Python.

A multinomial logistic regression, one per reading (HTML, text): each
feature is centred and scaled by the figures the training set gave it, each
type scores the weighted sum of the features plus its bias, and the softmax
of the scores is the probability of each type. The guess is the likeliest
type; its probability is the confidence. Seven types times a hundred-odd
features is a few hundred multiplications a page.

The weights are data (`weights.json` beside this module), written by
`benchmarks/train_page_types.py`, which also says how they were trained and
what they score. A file that is malformed, or that names features the
readings no longer make, is refused on load with a message naming the file.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml.html import fromstring

from boilerstrip.page_types.html_features import html_features
from boilerstrip.page_types.text_features import text_features

PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")
# A model per input kind, and one more for each that does without the
# page's address (a caller need not give it): the address alone is worth
# several points of accuracy when it is known, and weighs nothing when not.
READINGS = ("html", "text", "html_without_url", "text_without_url")
WITHOUT_URL = "_without_url"
URL_FEATURES = "url_"  # the prefix of the features read from the address (`cues.url_features`)
BUNDLED_WEIGHTS = Path(__file__).with_name("weights.json")


class PageTypeModelError(ValueError):
    """A weights file that cannot be used; the message names the file and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class Guess:
    page_type: str
    confidence: float


@dataclass(frozen=True)
class Classifier:
    """One reading's model: feature names, their centring and scale, a weight row and a bias per type."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[tuple[float, ...], ...]
    bias: tuple[float, ...]

    def probabilities(self, features: dict[str, float]) -> list[float]:
        values = [
            (features.get(name, 0.0) - mean) / scale
            for name, mean, scale in zip(self.features, self.mean, self.scale, strict=True)
        ]
        scores = [
            bias + sum(w * v for w, v in zip(row, values, strict=True))
            for row, bias in zip(self.weights, self.bias, strict=True)
        ]
        top = max(scores)
        exps = [math.exp(score - top) for score in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def guess(self, features: dict[str, float]) -> Guess:
        probabilities = self.probabilities(features)
        best = max(range(len(PAGE_TYPES)), key=probabilities.__getitem__)
        return Guess(PAGE_TYPES[best], probabilities[best])


@dataclass(frozen=True)
class PageTypeModel:
    """The classifier of every reading (`READINGS`), as one weights file holds them."""

    classifiers: dict[str, Classifier]

    def for_page(self, kind: str, has_url: bool) -> Classifier:
        """The classifier for a page of this input kind, with or without its address."""
        return self.classifiers[kind if has_url else kind + WITHOUT_URL]


def load_model(path: Path = BUNDLED_WEIGHTS) -> PageTypeModel:
    """Read and check a weights file; PageTypeModelError names the file and what is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PageTypeModelError(path, f"cannot read the weights: {exc}") from exc
    return model_of(data, path)


def feature_names() -> dict[str, frozenset[str]]:
    """The features each reading makes: those of an empty page (every reading
    names all of its features, whatever the page); without the address, all
    but the address's."""
    made = {
        "html": frozenset(html_features(fromstring("<html><body></body></html>"), None)),
        "text": frozenset(text_features([], None)),
    }
    blind = {
        kind + WITHOUT_URL: frozenset(f for f in names if not f.startswith(URL_FEATURES))
        for kind, names in made.items()
    }
    return made | blind


def model_of(data: Any, path: Path | str) -> PageTypeModel:
    """Check parsed weights (their shape, and that every feature they weigh
    is one the readings make) and build the model from them."""
    if not isinstance(data, dict):
        raise PageTypeModelError(path, "expected a JSON object")
    if data.get("types") != list(PAGE_TYPES):
        raise PageTypeModelError(path, f"`types` must be {list(PAGE_TYPES)}, in that order")
    readings = data.get("readings")
    if not isinstance(readings, dict) or set(readings) != set(READINGS):
        raise PageTypeModelError(path, f"`readings` must hold exactly {list(READINGS)}")
    known = feature_names()
    return PageTypeModel(
        {name: _classifier(readings[name], f"{path}, reading {name!r}", known[name]) for name in READINGS}
    )


def _classifier(data: Any, where: str, known: frozenset[str]) -> Classifier:
    if not isinstance(data, dict):
        raise PageTypeModelError(where, "expected an object")
    features = data.get("features")
    if not isinstance(features, list) or not features or not all(isinstance(f, str) for f in features):
        raise PageTypeModelError(where, "`features` must be a non-empty list of names")
    if len(set(features)) != len(features):
        raise PageTypeModelError(where, "`features` names a feature twice")
    if unknown := sorted(set(features) - known):
        raise PageTypeModelError(where, f"no reading makes the features {unknown} (retrain the model)")
    width = len(features)
    mean = _numbers(data.get("mean"), width, "mean", where)
    scale = _numbers(data.get("scale"), width, "scale", where)
    if any(s <= 0 for s in scale):
        raise PageTypeModelError(where, "every `scale` must be positive")
    rows = data.get("weights")
    if not isinstance(rows, list) or len(rows) != len(PAGE_TYPES):
        raise PageTypeModelError(where, f"`weights` must hold one row per type ({len(PAGE_TYPES)})")
    weights = tuple(_numbers(row, width, f"weights[{i}]", where) for i, row in enumerate(rows))
    bias = _numbers(data.get("bias"), len(PAGE_TYPES), "bias", where)
    return Classifier(tuple(features), mean, scale, weights, bias)


def _numbers(value: Any, length: int, name: str, where: str) -> tuple[float, ...]:
    if not isinstance(value, list) or len(value) != length:
        raise PageTypeModelError(where, f"`{name}` must be a list of {length} numbers")
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in value):
        raise PageTypeModelError(where, f"`{name}` must hold finite numbers only")
    return tuple(float(v) for v in value)
