"""What one evaluation run measured: per page, per system, and the verdict on a fixture.

Shared by the evaluator (`boilerstrip.quality.evaluate`), which makes them,
and the gate (`boilerstrip.quality.gate`), which judges them against pinned floors.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from boilerstrip.document import Record
from boilerstrip.quality import metric
from boilerstrip.quality.fixtures import Fixture, LabelCheck
from boilerstrip.reading.decode import Mode

# A fixture's body passes at this shingle F1: high enough that a dropped
# paragraph or a kept menu fails it, low enough to forgive a stray caption word.
FIXTURE_BODY_F1_PASS = 0.97
# The reference extractor: the throughput ratio and the page-by-page
# comparisons are against it.
TRAFILATURA = "trafilatura"
# Table column width for document names (benchmark ids are 64 hex digits).
NAME_WIDTH = 24


@dataclass(frozen=True)
class Labels:
    """A WCXB page's labels beside its body: the metadata and the snippet lists."""

    title: str | None
    author: str | None
    date: str | None
    with_: tuple[str, ...]  # pieces a correct body contains
    without: tuple[str, ...]  # pieces of boilerplate it must not contain


@dataclass(frozen=True)
class Page:
    """One page to evaluate, already read: what the cleaner gets and what it should give."""

    name: str
    data: bytes | str
    mode: Mode
    url: str | None
    html: str | None  # what trafilatura gets; None when the page has no HTML
    truth: str | None  # the gold body; None for snippet-only fixtures
    fixture: Fixture | None = None
    page_type: str | None = None  # WCXB: the labelled page type
    labels: Labels | None = None  # WCXB: metadata and snippet labels


@dataclass(frozen=True)
class Checks:
    """One system's output against a WCXB page's labels. A metadata check is
    None when the system gives no metadata (the line filters)."""

    with_found: int
    with_total: int
    without_leaked: int
    without_total: int
    title_ok: bool | None
    author_ok: bool | None
    date_ok: bool | None


@dataclass(frozen=True)
class Run:
    """One system's output on one page."""

    seconds: float
    score: metric.DocScore | None
    checks: Checks | None = None


@dataclass(frozen=True)
class Result:
    """Everything measured on one page."""

    page: Page
    ours: Run
    others: Mapping[str, Run]  # the compared systems that ran on this page, by name
    label: LabelCheck | None
    error: str | None
    record: Record | None = None  # our record, for the gate's diff and the page type

    @property
    def theirs(self) -> Run | None:
        """trafilatura's run, the one the throughput and the worst-page column refer to."""
        return self.others.get(TRAFILATURA)

    @property
    def passed(self) -> bool:
        """Fixture verdict: body F1 over the floor and every labelled check true."""
        if self.label is None:
            return True
        body_ok = self.ours.score is None or self.ours.score.f1 >= FIXTURE_BODY_F1_PASS
        return body_ok and not self.label.failures

    def failures(self) -> list[str]:
        out = []
        if self.ours.score is not None and self.ours.score.f1 < FIXTURE_BODY_F1_PASS:
            out.append(f"body F1 {self.ours.score.f1:.3f} < {FIXTURE_BODY_F1_PASS}")
        out += list(self.label.failures if self.label else ())
        if self.error:
            out.append(f"record error: {self.error}")
        return out


def summarise(runs: Sequence[Run], scorer: metric.Metric = metric.SHINGLES) -> dict[str, Any]:
    """Corpus figures and throughput for one system's runs (snippet rates when labelled)."""
    corpus = scorer.aggregate([run.score for run in runs if run.score is not None])
    seconds = sum(run.seconds for run in runs)
    figures: dict[str, Any] = {
        "precision": corpus.precision,
        "recall": corpus.recall,
        "f1": corpus.f1,
        "accuracy": corpus.accuracy,
        "documents": corpus.documents,
        "cleaned": len(runs),
        "seconds": seconds,
        "docs_per_second": len(runs) / seconds if seconds > 0 else None,
    }
    checks = [run.checks for run in runs if run.checks is not None]
    if checks:
        figures["with_rate"] = _mean_rate([(c.with_found, c.with_total) for c in checks])
        figures["without_rate"] = _mean_rate([(c.without_leaked, c.without_total) for c in checks])
        figures["with_found"] = sum(c.with_found for c in checks)
        figures["with_total"] = sum(c.with_total for c in checks)
        figures["without_leaked"] = sum(c.without_leaked for c in checks)
        figures["without_total"] = sum(c.without_total for c in checks)
    return figures


def _mean_rate(counts: Sequence[tuple[int, int]]) -> float | None:
    """The mean over pages of each page's share, as the benchmark averages everything
    over pages (pooling the snippets of all pages would weigh a page by its snippet
    count); pages without snippets of the kind stay out."""
    rates = [part / whole for part, whole in counts if whole]
    return sum(rates) / len(rates) if rates else None
