"""Score boilerstrip beside other open extractors on a benchmark directory.

    python benchmarks/compare_extractors.py ../shared/bench/dev [--inputs html]

Every system gets the same pages in the same process, page by page in turn,
so that machine load falls on all of them alike. The competitors always get
the page's HTML; boilerstrip gets the `--inputs` kind (HTML or a text dump).
Prints a Markdown table (precision, recall, F1 by the benchmark's shingle
metric, and pages per second) ready for the README.

Needs `pip install '.[compare]'` for readability-lxml; a missing competitor
is reported and skipped.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from boilerstrip.cleaner import Cleaner
from boilerstrip.quality import metric
from boilerstrip.quality.layouts import INPUT_KINDS, load_bench

Extractor = Callable[[str], str]


def _trafilatura(**options: bool) -> Extractor:
    import trafilatura

    return lambda html: trafilatura.extract(html, **options) or ""


def _readability() -> Extractor:
    from lxml import html as lxml_html
    from readability import Document

    def extract(page: str) -> str:
        text: str = lxml_html.fromstring(Document(page).summary(html_partial=True)).text_content()
        return text

    return extract


def competitors() -> dict[str, Extractor]:
    found: dict[str, Extractor] = {}
    makers: dict[str, Callable[[], Extractor]] = {
        "trafilatura (defaults)": lambda: _trafilatura(),
        "trafilatura (favor_precision)": lambda: _trafilatura(favor_precision=True),
        "readability-lxml": _readability,
    }
    for name, make in makers.items():
        try:
            found[name] = make()
        except ImportError as exc:
            print(f"skipping {name}: {exc}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bench", type=Path)
    parser.add_argument("--inputs", choices=INPUT_KINDS, default="html")
    args = parser.parse_args()
    pages = load_bench(args.bench, args.inputs)
    others = competitors()
    # One untimed page each first: trafilatura loads its stoplists on first use.
    cleaner = Cleaner()
    cleaner.clean(pages[0].data, mode=pages[0].mode)
    for extract in others.values():
        extract(pages[0].html or "")
    scores: dict[str, list[metric.DocScore]] = {"boilerstrip": [], **{n: [] for n in others}}
    seconds = dict.fromkeys(scores, 0.0)
    for page in pages:
        started = time.perf_counter()
        record = cleaner.clean(page.data, url=page.url, mode=page.mode)
        seconds["boilerstrip"] += time.perf_counter() - started
        scores["boilerstrip"].append(metric.score(record.body, page.truth or ""))
        for name, extract in others.items():
            started = time.perf_counter()
            text = extract(page.html or "")
            seconds[name] += time.perf_counter() - started
            scores[name].append(metric.score(text, page.truth or ""))
    print(f"\n{len(pages)} pages of {args.bench} (boilerstrip input: {args.inputs})\n")
    print("| system | precision | recall | F1 | pages/s |")
    print("|---|---|---|---|---|")
    for name, per_page in scores.items():
        corpus = metric.aggregate(per_page)
        rate = len(pages) / seconds[name] if seconds[name] else float("inf")
        label = f"**{name}**" if name == "boilerstrip" else name
        print(f"| {label} | {corpus.precision:.3f} | {corpus.recall:.3f} | {corpus.f1:.3f} | {rate:.1f} |")


if __name__ == "__main__":
    main()
