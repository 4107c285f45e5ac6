"""Does the Markdown body say what `body` says? Shingle F1 of each against the gold text.

    python benchmarks/markdown_body.py ../shared/bench/dev [--inputs text_inscriptis]
    python benchmarks/markdown_body.py ../shared/bench/wcxb-dev [--types article,forum]

Cleans every page with `format="markdown"`, reads the Markdown back as text
through a CommonMark parser with GFM tables
(`boilerstrip.quality.markdown_text`), and prints the corpus F1 of `body`
and of that text, and the largest per-page difference. Issue #19 asks for
them to be within 0.002 of each other.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from boilerstrip.cleaner import Cleaner
from boilerstrip.options import Options
from boilerstrip.quality import layouts
from boilerstrip.quality.markdown_text import markdown_text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench", type=Path)
    parser.add_argument("--inputs", default=None)
    parser.add_argument("--types", default="")
    args = parser.parse_args()
    corpus = layouts.load(args.bench, args.inputs, [t for t in args.types.split(",") if t])
    metric = corpus.metric
    cleaner = Cleaner(Options(format="markdown"))
    body_scores, markdown_scores = [], []
    worst = (0.0, "")
    for page in corpus.pages:
        if page.truth is None:
            continue
        record = cleaner.clean(page.data, url=page.url, mode=page.mode)
        body = metric.score(record.body, page.truth)
        reduced = metric.score(markdown_text(record.body_markdown or ""), page.truth)
        body_scores.append(body)
        markdown_scores.append(reduced)
        worst = max(worst, (abs(body.f1 - reduced.f1), page.name))
    print(f"pages {len(body_scores)} ({args.bench.name}, {args.inputs or 'html'})")
    print(f"body      F1 {metric.aggregate(body_scores).f1:.4f}")
    print(f"markdown  F1 {metric.aggregate(markdown_scores).f1:.4f}")
    print(f"largest per-page difference {worst[0]:.4f}" + (f" ({worst[1]})" if worst[0] else ""))


if __name__ == "__main__":
    main()
