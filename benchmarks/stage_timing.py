"""Each stage's time on each page, the fastest of several rounds kept.

Shared by `html_stages.py` and `text_stages.py`: a page goes through the
Cleaner's own loop, whose hook reports each step's time; keeping each
page's fastest round per stage damps the noise of a shared machine.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from boilerstrip.cleaner import Cleaner


def stage_seconds(cleaner: Cleaner, data: Any, url: str | None = None) -> Counter[str]:
    """One page through the Cleaner's loop: the seconds each stage took (the
    first, "read", makes the Document)."""
    spent: Counter[str] = Counter()

    def on_stage(name: str, seconds: float) -> None:
        spent[name] += seconds

    cleaner.trace(data, url=url, on_stage=on_stage)
    return spent


class FastestPerPage:
    """For each stage, each page's fastest time over the rounds."""

    def __init__(self, pages: int) -> None:
        self.pages = pages
        self.best: dict[str, list[float]] = {}

    def add(self, index: int, spent: Counter[str]) -> None:
        for stage, seconds in spent.items():
            best = self.best.setdefault(stage, [float("inf")] * self.pages)
            best[index] = min(best[index], seconds)

    def mean_per_page(self, unit: float) -> dict[str, float]:
        """Each stage's mean over the pages, in `unit`s of a second (1e3: ms)."""
        return {stage: sum(best) / self.pages * unit for stage, best in self.best.items()}
