"""The WCXB benchmark's body metric: bag-of-words F1, averaged over pages.

Definition (the benchmark's own, as its README states it):

1. Tokenise both texts with the regex `\\w+` (Unicode) and lower-case them.
2. Count the tokens as a multiset; tp = size of the multiset intersection,
   fp = predicted minus true, fn = true minus predicted.
3. Per-page precision = tp / (tp + fp), recall = tp / (tp + fn), F1 their
   harmonic mean; an empty side gives 0. An empty reference is the one
   exception: it scores 1 for an empty output and 0 for anything else.
4. Corpus precision, recall and F1 are the means over pages of the per-page
   figures (unlike the shingle metric, whose corpus F1 is the F1 of the mean
   precision and recall). Accuracy is the share of pages whose token lists
   are identical.

Word order does not count: a page that keeps the right words in a shuffled
order scores 1, and a table or a list scores the same however an extractor
lays it out. On the benchmark's pages, `trafilatura.extract` with its defaults
scores F1 0.818 under this definition, the figure the README gives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from boilerstrip.quality.metric import CorpusScore, DocScore, Metric, tokens


def words(text: str) -> list[str]:
    """The text's `\\w+` tokens, lower-cased, in order."""
    return [token.lower() for token in tokens(text)]


def score(predicted: str, truth: str) -> DocScore:
    """Score one page's output against its reference body."""
    predicted_words = words(predicted)
    true_words = words(truth)
    exact = predicted_words == true_words
    if not true_words:  # rule 3's exception: only silence is right
        hit = 1.0 if not predicted_words else 0.0
        return DocScore(hit, hit, hit, exact, tp=0.0, fp=1.0 - hit, fn=0.0)

    predicted_bag, true_bag = Counter(predicted_words), Counter(true_words)
    tp = sum((predicted_bag & true_bag).values())
    fp = len(predicted_words) - tp
    fn = len(true_words) - tp
    precision = tp / len(predicted_words) if predicted_words else 0.0
    recall = tp / len(true_words)
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    total = tp + fp + fn
    return DocScore(precision, recall, f1, exact, tp=tp / total, fp=fp / total, fn=fn / total)


def aggregate(scores: Sequence[DocScore]) -> CorpusScore:
    """Means over pages; a mean over no pages is 0."""
    count = len(scores)

    def mean(values: Sequence[float | None]) -> float:
        return sum(value or 0.0 for value in values) / count if count else 0.0

    return CorpusScore(
        precision=mean([s.precision for s in scores]),
        recall=mean([s.recall for s in scores]),
        f1=mean([s.f1 for s in scores]),
        accuracy=mean([1.0 if s.exact else 0.0 for s in scores]),
        documents=count,
    )


WORDS = Metric("word F1", score, aggregate)
