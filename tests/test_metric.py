"""The shingle metric, case by case against the benchmark's definition (hand-computed)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boilerstrip.quality.metric import SHINGLE_SIZE, CorpusScore, DocScore, aggregate, score, tokens


def approx_score(doc: DocScore, **expected: object) -> None:
    for name, value in expected.items():
        got = getattr(doc, name)
        if isinstance(value, float):
            assert got == pytest.approx(value), name
        else:
            assert got == value, name


# --- tokenisation ---------------------------------------------------------------


def test_tokens_are_unicode_word_runs_with_case_kept() -> None:
    assert tokens("Hello, wörld! 42 ça_va — Straße") == ["Hello", "wörld", "42", "ça_va", "Straße"]


def test_tokens_of_punctuation_and_space_are_empty() -> None:
    assert tokens("") == []
    assert tokens(" \n — !!! ") == []


def test_shingle_size_is_the_benchmarks() -> None:
    assert SHINGLE_SIZE == 4


# --- one document ---------------------------------------------------------------


def test_identical_texts_score_one() -> None:
    approx_score(
        score("a b c d e", "a b c d e"),
        precision=1.0,
        recall=1.0,
        f1=1.0,
        exact=True,
        tp=1.0,
        fp=0.0,
        fn=0.0,
    )


def test_punctuation_and_layout_do_not_count() -> None:
    doc = score("Hello, world!\n\nFoo bar.", "Hello world Foo   bar")
    approx_score(doc, f1=1.0, exact=True)


def test_case_counts() -> None:
    approx_score(score("A b c d", "a b c d"), f1=0.0, exact=False)


def test_disjoint_texts_score_zero() -> None:
    # one shingle each, no overlap: tp 0, fp 1/2, fn 1/2
    approx_score(
        score("a b c d", "e f g h"),
        precision=0.0,
        recall=0.0,
        f1=0.0,
        exact=False,
        tp=0.0,
        fp=0.5,
        fn=0.5,
    )


def test_partial_overlap() -> None:
    # predicted {abcd, bcde}, true {abcd, bcdf}: tp = fp = fn = 1, normalised to 1/3
    approx_score(
        score("a b c d e", "a b c d f"),
        precision=0.5,
        recall=0.5,
        f1=0.5,
        tp=1 / 3,
        fp=1 / 3,
        fn=1 / 3,
    )


def test_counts_are_normalised_per_document() -> None:
    long = " ".join(f"w{i}" for i in range(1000))
    doc = score(long, long + " extra")  # 997 shingles vs 998: tp 997, fn 1
    assert doc.tp + doc.fp + doc.fn == pytest.approx(1.0)
    approx_score(doc, precision=1.0, recall=997 / 998, fn=1 / 998)


def test_duplicates_count_as_a_multiset_in_the_prediction() -> None:
    # predicted shingles {abcd: 2, bcda, cdab, dabc}, true {abcd: 1}: tp 1, fp 4, fn 0
    doc = score("a b c d a b c d", "a b c d")
    approx_score(doc, precision=0.2, recall=1.0, f1=1 / 3, tp=0.2, fp=0.8, fn=0.0, exact=False)


def test_duplicates_count_as_a_multiset_in_the_truth() -> None:
    approx_score(score("a b c d", "a b c d a b c d"), precision=1.0, recall=0.2, f1=1 / 3)


def test_a_repeated_shingle_is_matched_once_per_occurrence() -> None:
    # "x x x x x" has shingle xxxx twice; the truth has it once: tp 1, fp 1
    approx_score(score("x x x x x", "x x x x"), precision=0.5, recall=1.0, tp=0.5, fp=0.5)


def test_fewer_than_four_tokens_make_one_shingle() -> None:
    approx_score(score("a b c", "a b c"), precision=1.0, recall=1.0, f1=1.0, exact=True)
    # ("a","b","c") vs ("a","b"): different shingles, nothing matches
    approx_score(score("a b c", "a b"), precision=0.0, recall=0.0, f1=0.0, tp=0.0)
    # a short text's one shingle is not any 4-gram of a longer one
    approx_score(score("a b c", "a b c d"), f1=0.0, fp=0.5, fn=0.5)
    approx_score(score("one", "one"), f1=1.0, exact=True)


def test_both_empty_is_perfect_but_enters_no_mean() -> None:
    approx_score(
        score("", " -- "),
        precision=None,
        recall=None,
        f1=1.0,
        exact=True,
        tp=0.0,
        fp=0.0,
        fn=0.0,
    )


def test_empty_prediction_has_no_precision_and_zero_recall() -> None:
    # tp = fp = 0: precision would be 0, but the document stays out of the precision mean
    approx_score(
        score("", "a b c d e"),
        precision=None,
        recall=0.0,
        f1=0.0,
        exact=False,
        tp=0.0,
        fp=0.0,
        fn=1.0,
    )


def test_empty_truth_has_zero_precision_and_no_recall() -> None:
    approx_score(
        score("a b c d e", ""),
        precision=0.0,
        recall=None,
        f1=0.0,
        exact=False,
        tp=0.0,
        fp=1.0,
        fn=0.0,
    )


# --- the corpus -----------------------------------------------------------------


def test_corpus_means_precision_and_recall_then_takes_their_f1() -> None:
    # per-document F1 is 1/3 for both; corpus P = R = (1 + 0.2) / 2 = 0.6, so F1 0.6
    corpus = aggregate([score("a b c d", "a b c d a b c d"), score("a b c d a b c d", "a b c d")])
    assert (corpus.precision, corpus.recall, corpus.f1) == pytest.approx((0.6, 0.6, 0.6))
    assert (corpus.accuracy, corpus.documents) == (0.0, 2)


def test_corpus_of_one_right_and_one_wrong() -> None:
    corpus = aggregate([score("a b c d", "a b c d"), score("a b c d", "e f g h")])
    assert (corpus.precision, corpus.recall, corpus.f1) == pytest.approx((0.5, 0.5, 0.5))
    assert corpus.accuracy == 0.5
    assert corpus.documents == 2


def test_empty_prediction_enters_only_the_recall_mean() -> None:
    corpus = aggregate([score("", "a b c d"), score("a b c d", "a b c d")])
    assert corpus.precision == pytest.approx(1.0)  # mean of [1]
    assert corpus.recall == pytest.approx(0.5)  # mean of [0, 1]
    assert corpus.f1 == pytest.approx(2 / 3)


def test_empty_truth_enters_only_the_precision_mean() -> None:
    corpus = aggregate([score("a b c d", ""), score("a b c d", "a b c d")])
    assert corpus.precision == pytest.approx(0.5)  # mean of [0, 1]
    assert corpus.recall == pytest.approx(1.0)  # mean of [1]
    assert corpus.f1 == pytest.approx(2 / 3)


def test_both_empty_enters_no_mean_but_counts_for_accuracy() -> None:
    corpus = aggregate([score("", ""), score("a b c d e", "a b c d f")])
    assert (corpus.precision, corpus.recall, corpus.f1) == pytest.approx((0.5, 0.5, 0.5))
    assert corpus.accuracy == 0.5
    assert corpus.documents == 2


def test_accuracy_is_the_share_of_identical_token_lists() -> None:
    docs = [score("A, b c.", "A b c"), score("a b c d", "a b c d e"), score("x", "y"), score("", "")]
    assert aggregate(docs).accuracy == 0.5


def test_a_mean_over_no_documents_is_zero() -> None:
    assert aggregate([]) == CorpusScore(0.0, 0.0, 0.0, 0.0, 0)
    only_empty_predictions = aggregate([score("", "a b c d"), score("", "e f")])
    assert (only_empty_predictions.precision, only_empty_predictions.f1) == (0.0, 0.0)


# --- properties -----------------------------------------------------------------

words = st.lists(st.sampled_from(["a", "b", "c", "Ä", "d1"]), max_size=12).map(" ".join)


@given(words)
def test_a_text_scores_one_against_itself(text: str) -> None:
    doc = score(text, text)
    assert doc.f1 == 1.0 and doc.exact
    assert doc.fp == doc.fn == 0.0


@given(words, words)
def test_swapping_texts_swaps_precision_and_recall(a: str, b: str) -> None:
    forward, backward = score(a, b), score(b, a)
    assert forward.precision == backward.recall
    assert forward.recall == backward.precision
    assert forward.f1 == pytest.approx(backward.f1)
    assert forward.tp + forward.fp + forward.fn in (0.0, pytest.approx(1.0))
    assert 0.0 <= forward.f1 <= 1.0
