"""The article-body metric: shingle F1 on word 4-grams, as the benchmark defines it.

Definition (from the development benchmark's README, implemented to the letter):

1. Tokenise both texts with the regex `\\w+` (Unicode; case is kept).
2. Shingles are the runs of `SHINGLE_SIZE` consecutive tokens, counted as a
   multiset. A text with fewer tokens is one shingle of all its tokens; an
   empty text has none.
3. tp = size of the multiset intersection, fp = predicted minus true,
   fn = true minus predicted; all three are divided by tp + fp + fn so that
   every document weighs the same whatever its length.
4. Per-document precision = tp / (tp + fp), recall = tp / (tp + fn). When
   fp = fn = 0 both are 1; when tp = fp = 0 precision is 0; when tp = fn = 0
   recall is 0.
5. Corpus precision and recall are means over documents: a document enters
   the precision mean only if tp + fp > 0 (it predicted something), the recall
   mean only if tp + fn > 0 (its truth says something). Corpus F1 is
   2PR / (P + R). Accuracy is the share of documents whose token lists are
   identical.

`DocScore.precision` is None exactly when the document stays out of the
precision mean (nothing predicted), and `recall` is None when it stays out of
the recall mean (nothing true); the per-document F1 still applies rule 4, so an
empty prediction of a non-empty truth scores F1 0 and two empty texts score 1.

`Metric` is what the evaluator holds: a name, a per-document score and a
corpus aggregate. `SHINGLES` is this metric; `boilerstrip.quality.word_metric`
gives the WCXB benchmark's bag-of-words metric in the same shape, so the
evaluator runs either without knowing which.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Word n-gram length of a shingle: fixed by the benchmark, not a tuning knob.
SHINGLE_SIZE = 4

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """The text's `\\w+` tokens in order (Unicode word characters, case kept)."""
    return _TOKEN.findall(text)


def shingles(words: Sequence[str], size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of `size`-token runs; fewer tokens make one short shingle, none make none."""
    if not words:
        return Counter()
    if len(words) < size:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


@dataclass(frozen=True)
class DocScore:
    """One document's score. tp, fp and fn are normalised to sum to 1 (or all 0)."""

    precision: float | None
    recall: float | None
    f1: float
    exact: bool
    tp: float
    fp: float
    fn: float


@dataclass(frozen=True)
class CorpusScore:
    """Scores over a set of documents: mean precision and recall, their F1, accuracy."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    documents: int


def score(predicted: str, truth: str) -> DocScore:
    """Score one predicted body against its true body."""
    predicted_tokens = tokens(predicted)
    true_tokens = tokens(truth)
    predicted_shingles = shingles(predicted_tokens)
    true_shingles = shingles(true_tokens)

    tp = float(sum((predicted_shingles & true_shingles).values()))
    fp = float(sum((predicted_shingles - true_shingles).values()))
    fn = float(sum((true_shingles - predicted_shingles).values()))
    total = tp + fp + fn
    if total > 0:
        tp, fp, fn = tp / total, fp / total, fn / total

    precision, recall = _precision_recall(tp, fp, fn)
    return DocScore(
        precision=precision if tp + fp > 0 else None,
        recall=recall if tp + fn > 0 else None,
        f1=_f1(precision, recall),
        exact=predicted_tokens == true_tokens,
        tp=tp,
        fp=fp,
        fn=fn,
    )


def aggregate(scores: Sequence[DocScore]) -> CorpusScore:
    """Corpus figures; a mean over no documents is 0."""
    precision = _mean([s.precision for s in scores if s.precision is not None])
    recall = _mean([s.recall for s in scores if s.recall is not None])
    exact = sum(1 for s in scores if s.exact)
    return CorpusScore(
        precision=precision,
        recall=recall,
        f1=_f1(precision, recall),
        accuracy=exact / len(scores) if scores else 0.0,
        documents=len(scores),
    )


def _precision_recall(tp: float, fp: float, fn: float) -> tuple[float, float]:
    """Rule 4 of the definition, edge cases included."""
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    return precision, recall


def _f1(precision: float, recall: float) -> float:
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


@dataclass(frozen=True)
class Metric:
    """A body metric as the evaluator uses it: score each document, then the corpus."""

    name: str
    score: Callable[[str, str], DocScore]
    aggregate: Callable[[Sequence[DocScore]], CorpusScore]


SHINGLES = Metric("shingle F1", score, aggregate)
