"""`boilerstrip eval`: score the cleaner on labelled pages, optionally beside other systems.

The folder says how (`boilerstrip.quality.layouts`): a WCXB folder is scored
with that benchmark's bag-of-words F1, its snippets and its metadata labels,
a row per page type; the development benchmark and a fixtures folder with the
shingle metric. Each page is cleaned with a `Cleaner` and its body scored.

With `--compare` the same pages go through other systems
(`boilerstrip.quality.systems`): trafilatura's `extract` with its defaults on
the HTML, and, on text dumps, the C4 line filter and the raw dump. All of
them run page by page in alternation, so that they see the same machine
state. Only the cleaning and extraction calls are timed: reading, gunzipping,
decoding and metadata extraction happen outside the clock, and each system
first processes the first page once, untimed, so that one-off imports and lazy
set-up are not charged to whichever page comes first.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, get_args

from boilerstrip import options as cleaning
from boilerstrip.cleaner import Cleaner
from boilerstrip.document import Record
from boilerstrip.exits import FAILED, OK, UsageError
from boilerstrip.quality import layouts, metric, report, systems, wcxb, wcxb_report
from boilerstrip.quality.fixtures import check_label
from boilerstrip.quality.layouts import Corpus
from boilerstrip.quality.results import TRAFILATURA, Page, Result, Run, summarise
from boilerstrip.quality.systems import System
from boilerstrip.rendering import BodyFormat

DEFAULT_WORST = 10
EXAMPLES = """examples:
  boilerstrip eval fixtures/                                   score every fixture
  boilerstrip eval fixtures/ --baseline eval-baseline.json     the gate: fail on a regression
  boilerstrip eval BENCH/ --inputs text_html_text --compare trafilatura
  boilerstrip eval WCXB/ --compare trafilatura --types forum,listing

exit status: 0 every fixture passed (or every page cleaned), 1 a fixture failed,
a regression, or a page gave an error record, 2 a usage error
"""


def register(subparsers: Any) -> None:
    """Add the `eval` subcommand to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "eval",
        help="score the cleaner on a benchmark folder or on labelled fixtures",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = parser.add_argument
    add("path", type=Path, help="WCXB folder, benchmark folder or fixtures folder")
    add(
        "--inputs",
        default=None,
        metavar="KIND|DIR",
        help=f"benchmarks only: what to clean, 'html' (the default) or a folder of <id>.txt "
        f"text dumps ({', '.join(layouts.INPUT_KINDS[1:])} in the development benchmark)",
    )
    add("--json", action="store_true", help="print one JSON object instead of the table")
    add(
        "--compare",
        type=_names,
        action="extend",
        default=[],
        metavar="SYSTEM[,SYSTEM]",
        help=f"also run other systems: {', '.join(systems.SYSTEMS)} (repeatable); c4 and raw read text dumps",
    )
    add(
        "--types",
        type=_names,
        action="extend",
        default=[],
        metavar="TYPE[,TYPE]",
        help=f"WCXB only: evaluate these page types ({', '.join(wcxb.PAGE_TYPES)})",
    )
    add(
        "--worst",
        type=int,
        default=DEFAULT_WORST,
        metavar="N",
        help=f"benchmarks only: list the N worst pages (default {DEFAULT_WORST})",
    )
    cleaning.add_arguments(parser, ("rules", "disable", "site_config", "links", "images"))
    add(
        "--format",
        choices=get_args(BodyFormat),
        default="text",
        help="also draw each body as Markdown or HTML, to see what it costs (the score is body's)",
    )
    add("--baseline", type=Path, metavar="FILE", help="fixtures only: gate on the floors pinned here")
    add("--update", action="store_true", help="with --baseline: re-pin (floors only go up)")
    add("--allow-lower", action="store_true", help="with --update: let floors go down")
    parser.set_defaults(func=run, prog=parser.prog)


def _names(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


def run(args: argparse.Namespace) -> int:
    """Evaluate, print the report, return the exit code."""
    root: Path = args.path
    try:
        cleaner = Cleaner(cleaning.from_args(args, format=args.format))  # a bad rule file fails here
        compare = list(dict.fromkeys(args.compare))  # each system once, in the order named
        for name in compare:
            systems.system(name)  # an unknown name fails here, before any page is read
        corpus = layouts.load(root, args.inputs, args.types)
        _check_inputs(corpus, compare)
        if args.baseline is not None and (corpus.layout != "fixtures" or args.json):
            raise ValueError("--baseline gates a fixtures folder, and prints a table, not --json")
        if (args.update and args.baseline is None) or (args.allow_lower and not args.update):
            raise ValueError("--update needs --baseline, and --allow-lower needs --update")
    except (OSError, ValueError) as exc:  # FixtureError and RuleError are ValueErrors
        raise UsageError(str(exc)) from None

    results = evaluate(corpus.pages, cleaner, compare=compare, scorer=corpus.metric)
    if args.baseline is not None:
        from boilerstrip.quality import gate  # only the gate needs it

        return gate.run(results, args.baseline, update=args.update, allow_lower=args.allow_lower)
    built = build_report(corpus, root, results, compare=compare)
    if args.json:
        print(json.dumps(built, indent=2, ensure_ascii=False))
    elif corpus.layout == "wcxb":
        wcxb_report.print_report(results, built, worst=args.worst)
    else:
        report.print_table(corpus.layout, results, built, worst=args.worst)
    failed = any(not result.passed for result in results)
    errors = any(result.error for result in results)
    return FAILED if (corpus.layout == "fixtures" and failed) or errors else OK


def _check_inputs(corpus: Corpus, compare: Sequence[str]) -> None:
    """A line filter compares only on text dumps: refuse it before any page is cleaned."""
    for name in compare:
        if not systems.system(name).reads_html and any(page.mode != "text" for page in corpus.pages):
            raise ValueError(f"--compare {name} reads text dumps: pass --inputs DIR with a benchmark")


def evaluate(
    pages: Sequence[Page],
    cleaner: Cleaner | None = None,
    *,
    compare: Sequence[str] = (),
    scorer: metric.Metric = metric.SHINGLES,
) -> list[Result]:
    """Clean (and run each compared system on) each page in turn and score it."""
    cleaner = cleaner or Cleaner()
    others = [systems.system(name) for name in compare]

    def clean(page: Page) -> Record:
        return cleaner.clean(page.data, url=page.url, mode=page.mode)

    if pages:  # warm-up, untimed: one-off imports and lazy set-up are charged to no page
        cleaner.prepare()
        clean(pages[0])
    for system in others:
        first = next((text for text in map(system.input, pages) if text is not None), None)
        if first is not None:
            system.extract(first)

    results = []
    for page in pages:
        start = time.perf_counter()
        record = clean(page)
        seconds = time.perf_counter() - start
        checks = None
        if page.labels is not None:
            checks = wcxb.check(page.labels, record.body, wcxb.record_metadata(record))
        ours = Run(seconds, _score(scorer, record.body, page.truth), checks)
        theirs = {system.name: run for system in others if (run := _run(system, page, scorer))}

        label = None
        if page.fixture is not None:
            label = check_label(page.fixture, record.title, record.body, record.metadata)
        results.append(Result(page, ours, theirs, label, record.error, record))
    return results


def _run(system: System, page: Page, scorer: metric.Metric) -> Run | None:
    """One compared system on one page, timed; None when the page lacks its input."""
    text = system.input(page)
    if text is None:
        return None
    start = time.perf_counter()
    body = system.extract(text) or ""
    seconds = time.perf_counter() - start
    checks = None
    if page.labels is not None:  # metadata outside the clock: the throughput is body extraction
        found = system.metadata(text) if system.metadata is not None else None
        checks = wcxb.check(page.labels, body, found)
    return Run(seconds, _score(scorer, body, page.truth), checks)


def _score(scorer: metric.Metric, predicted: str, truth: str | None) -> metric.DocScore | None:
    return None if truth is None else scorer.score(predicted, truth)


def throughput_ratio(results: Sequence[Result]) -> float | None:
    """Our docs/s over trafilatura's, on the pages both systems ran."""
    both = [r for r in results if r.theirs is not None]
    ours = sum(r.ours.seconds for r in both)
    theirs = sum(r.theirs.seconds for r in both if r.theirs is not None)
    return theirs / ours if both and ours > 0 else None


def build_report(
    corpus: Corpus, root: Path, results: Sequence[Result], *, compare: Sequence[str]
) -> dict[str, Any]:
    """The JSON report: per-document figures, a summary per system, the throughput ratio,
    and for WCXB the rows per page type, the metadata accuracy and the page-type sections."""
    summary = {"boilerstrip": summarise([r.ours for r in results], corpus.metric)}
    for name in compare:
        summary[name] = summarise([r.others[name] for r in results if name in r.others], corpus.metric)
    built: dict[str, Any] = {"layout": corpus.layout, "path": str(root)}
    if corpus.layout == "wcxb":
        built["metric"] = corpus.metric.name
    built["documents"] = [_document(r, compare) for r in results]
    built["summary"] = summary
    if TRAFILATURA in compare:
        built["throughput_ratio"] = throughput_ratio(results)
    if corpus.layout == "wcxb":
        built |= wcxb_report.sections(results, compare, corpus.metric)
    if corpus.layout == "fixtures":
        built["passed"] = sum(1 for r in results if r.passed)
        built["failed"] = sum(1 for r in results if not r.passed)
    return built


def _document(result: Result, compare: Sequence[str]) -> dict[str, Any]:
    page = result.page
    out: dict[str, Any] = {"id": page.name}
    if page.page_type is not None:
        out |= {"page_type": page.page_type, "url": page.url, "error": result.error}
    out |= _run_dict(result.ours)
    predicted = result.record.metadata if result.record is not None else {}
    if "page_type" in predicted:
        out["predicted_page_type"] = predicted["page_type"]
    if "confidence" in predicted:
        out["confidence"] = predicted["confidence"]
    for name in compare:
        run = result.others.get(name)
        out[name] = _run_dict(run) if run else None
    if result.label is not None:
        out["title_ok"] = result.label.title_ok
        out["metadata_ok"] = result.label.metadata_ok
        out["snippets_ok"] = result.label.snippets_ok
        out["passed"] = result.passed
        out["failures"] = result.failures()
    if result.error:
        out["error"] = result.error
    return out


def _run_dict(run: Run) -> dict[str, Any]:
    s = run.score
    out = {
        "precision": s.precision if s else None,
        "recall": s.recall if s else None,
        "f1": s.f1 if s else None,
        "exact": s.exact if s else None,
        "seconds": run.seconds,
    }
    if run.checks is not None:
        out |= asdict(run.checks)
    return out
