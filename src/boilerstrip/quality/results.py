"""What one evaluation run measured: per page, per system, and the verdict on a fixture.

Shared by the evaluator (`boilerstrip.quality.evaluate`), which makes them,
and the gate (`boilerstrip.quality.gate`), which judges them against pinned floors.
"""

from __future__ import annotations

from dataclasses import dataclass

from boilerstrip.document import Record
from boilerstrip.quality import metric
from boilerstrip.quality.fixtures import Fixture, LabelCheck
from boilerstrip.reading.decode import Mode

# A fixture's body passes at this shingle F1: high enough that a dropped
# paragraph or a kept menu fails it, low enough to forgive a stray caption word.
FIXTURE_BODY_F1_PASS = 0.97
# Table column width for document names (benchmark ids are 64 hex digits).
NAME_WIDTH = 24


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


@dataclass(frozen=True)
class Run:
    """One system's output on one page."""

    seconds: float
    score: metric.DocScore | None


@dataclass(frozen=True)
class Result:
    """Everything measured on one page."""

    page: Page
    ours: Run
    theirs: Run | None
    label: LabelCheck | None
    error: str | None
    record: Record | None = None  # our record, for the gate's diff

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
