"""Where text mode's time goes, stage by stage, against trafilatura on the same pages.

    python benchmarks/text_stages.py ../shared/bench/dev [--inputs text_inscriptis] [--rounds 5]

Each round cleans every page's text dump stage by stage, timing each stage,
and (in the first rounds) extracts the page's HTML with trafilatura, page by
page in turn, so that machine load falls on both alike. Each page keeps its
fastest round per stage, which damps the noise of a shared machine. Prints
microseconds per page for each stage and the share of the speed budget it
takes: issue #20 asks text mode to clean a page 10 times faster than
trafilatura extracts it (#4's 20x was measured out of reach for any
pure-Python reader), so the budget is trafilatura's time / 10.

It also times a *bare read* of each page: split into lines, each line
lower-cased, cut into words and its function words counted, and nothing
else. Any text-mode cleaner that reads every line's words once (as finding
the article among menus and teasers takes) pays at least this in Python;
what is left of the budget after it is what every other step may cost.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from stage_timing import FastestPerPage, stage_seconds

from boilerstrip.cleaner import Cleaner
from boilerstrip.options import Options
from boilerstrip.quality.layouts import load_bench
from boilerstrip.reading.stopwords import STOPWORDS

TARGET_RATIO = 10
TRAFILATURA_ROUNDS = 2
_WORD = re.compile(r"\w+")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bench", type=Path)
    parser.add_argument("--inputs", default="text_html_text")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    import trafilatura

    pages = load_bench(args.bench, args.inputs)
    texts = [str(page.data) for page in pages]
    cleaner = Cleaner(Options(mode="text"))
    trafilatura.extract(pages[0].html)  # warm-up, untimed, for both
    cleaner.prepare()  # models loaded on first use, not charged to a page
    stage_seconds(cleaner, texts[0])

    forever = float("inf")
    theirs = [forever] * len(pages)
    ours = FastestPerPage(len(pages))
    bare = [forever] * len(pages)
    for round_number in range(args.rounds):
        for index, (page, text) in enumerate(zip(pages, texts, strict=True)):
            if round_number < TRAFILATURA_ROUNDS:
                start = time.perf_counter()
                trafilatura.extract(page.html)
                theirs[index] = min(theirs[index], time.perf_counter() - start)
            start = time.perf_counter()
            _bare_read(text)
            bare[index] = min(bare[index], time.perf_counter() - start)
            ours.add(index, stage_seconds(cleaner, text))

    per_page = ours.mean_per_page(1e6)
    total = sum(per_page.values())
    trafilatura_us = sum(theirs) / len(pages) * 1e6
    budget = trafilatura_us / TARGET_RATIO
    print(f"{len(pages)} pages, {args.inputs}, fastest of {args.rounds} rounds per page")
    print(f"trafilatura on the HTML   {trafilatura_us:8.0f} us/page")
    print(f"boilerstrip, all stages   {total:8.0f} us/page   ratio {trafilatura_us / total:.2f}x")
    print(f"budget for {TARGET_RATIO}x           {budget:8.0f} us/page")
    bare_us = sum(bare) / len(pages) * 1e6
    print(f"bare read of the words    {bare_us:8.0f} us/page   {bare_us / budget:.0%} of the budget")
    print(f"\n| stage | us/page | share of the {TARGET_RATIO}x budget |\n|---|---:|---:|")
    for stage, micros in sorted(per_page.items(), key=lambda item: -item[1]):
        print(f"| {stage} | {micros:.0f} | {micros / budget:.0%} |")
    return 0


def _bare_read(text: str) -> list[tuple[int, int]]:
    """Each non-blank line's word count and function-word count, and nothing else."""
    is_stopword = STOPWORDS.__contains__
    counts = []
    for line in text.split("\n"):
        if line.strip():
            words = _WORD.findall(line.lower())
            counts.append((len(words), sum(map(is_stopword, words))))
    return counts


if __name__ == "__main__":
    raise SystemExit(main())
