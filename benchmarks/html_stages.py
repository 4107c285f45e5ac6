"""Where HTML mode's time goes, stage by stage, against trafilatura on the same pages.

    python benchmarks/html_stages.py ../shared/bench/wcxb-dev [--every 10] [--rounds 3]
    python benchmarks/html_stages.py ../shared/bench/dev

Each round cleans every page (as `eval` hands it over: the page's bytes)
stage by stage, timing each stage, and extracts the same page's HTML with
trafilatura's `extract()`, page by page in turn, so that machine load falls
on both alike. Each page keeps its fastest round per stage, which damps the
noise of a shared machine. Prints milliseconds per page for each stage, and
how often each of main_content's extractor passes ran and what it cost
(the fast pass, the full pass on doubt, the unpruned re-read).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stage_timing import FastestPerPage, stage_seconds

from boilerstrip.cleaner import Cleaner
from boilerstrip.quality.layouts import load
from boilerstrip.stages import main_content


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bench", type=Path)
    parser.add_argument("--every", type=int, default=1, help="every Nth page only")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    import trafilatura

    pages = [page for page in load(args.bench).pages if page.html is not None][:: args.every]
    cleaner = Cleaner()
    passes = _count_passes()
    trafilatura.extract(pages[0].html)  # warm-up, untimed, for both
    cleaner.prepare()  # models loaded on first use, not charged to a page
    stage_seconds(cleaner, pages[0].data, pages[0].url)

    theirs = [float("inf")] * len(pages)
    ours = FastestPerPage(len(pages))
    for _ in range(args.rounds):
        passes.clear()
        for index, page in enumerate(pages):
            start = time.perf_counter()
            trafilatura.extract(page.html)
            theirs[index] = min(theirs[index], time.perf_counter() - start)
            ours.add(index, stage_seconds(cleaner, page.data, page.url))

    per_page = ours.mean_per_page(1e3)
    total = sum(per_page.values())
    trafilatura_ms = sum(theirs) / len(pages) * 1e3
    print(f"{len(pages)} pages of {args.bench}, fastest of {args.rounds} rounds per page")
    print(f"trafilatura extract()     {trafilatura_ms:8.2f} ms/page")
    print(f"boilerstrip, all stages   {total:8.2f} ms/page   ratio {trafilatura_ms / total:.2f}x")
    print("\n| stage | ms/page | share |\n|---|---:|---:|")
    for stage, millis in sorted(per_page.items(), key=lambda item: -item[1]):
        print(f"| {stage} | {millis:.2f} | {millis / total:.0%} |")
    print("\nmain_content's extractor passes (last round): | pass | pages | ms/page over all pages |")
    for kind in ("fast", "full", "unpruned"):
        print(f"| {kind} | {passes[kind + ' n']:.0f} | {passes[kind] / len(pages) * 1e3:.2f} |")
    return 0


def _count_passes() -> Counter[str]:
    """Wrap main_content's extractor call to count and time each kind of pass."""
    passes: Counter[str] = Counter()
    extract: Callable[..., Any] = main_content._extract

    def counted(doc: Any, *, fast: bool, tree: Any = None, **kwargs: Any) -> Any:
        kind = "fast" if fast else "full" if tree is None else "unpruned"
        start = time.perf_counter()
        found = extract(doc, fast=fast, tree=tree, **kwargs)
        passes[kind] += time.perf_counter() - start
        passes[kind + " n"] += 1
        return found

    main_content._extract = counted  # type: ignore[assignment]
    return passes


if __name__ == "__main__":
    raise SystemExit(main())
