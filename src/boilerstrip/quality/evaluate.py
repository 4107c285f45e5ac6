"""`boilerstrip eval`: score the cleaner on labelled pages, optionally beside trafilatura.

Two layouts are understood:

- a benchmark folder (it holds `ground-truth.json`, `{id: {"articleBody", "url"}}`)
  with the pages under `html/<id>.html.gz` or as text dumps under `<inputs>/<id>.txt`;
- a fixtures folder: every folder below it with an `expected.json` is a case
  (see `boilerstrip.quality.fixtures`).

Each page is cleaned with `boilerstrip.api.clean`, its body scored with the
shingle metric (`boilerstrip.quality.metric`). With `--compare trafilatura` the same
pages go through `trafilatura.extract` with its defaults, page by page in
alternation so that both systems see the same machine state. Only the cleaning
calls are timed: reading, gunzipping and decoding happen outside the clock, and
each system first processes the first page once, untimed, so that one-off
imports and lazy set-up are not charged to whichever page comes first.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from boilerstrip import options as cleaning
from boilerstrip.cleaner import Cleaner
from boilerstrip.document import Record
from boilerstrip.exits import FAILED, OK, UsageError
from boilerstrip.quality import metric
from boilerstrip.quality.fixtures import FixtureError, check_label, load_fixtures
from boilerstrip.quality.results import NAME_WIDTH, Page, Result, Run
from boilerstrip.reading.decode import Mode, decode, read_bytes, sniff_mode

GROUND_TRUTH_FILE = "ground-truth.json"
INPUT_KINDS = ("html", "text_html_text", "text_inscriptis")
DEFAULT_INPUTS = "html"
DEFAULT_WORST = 10
EXAMPLES = """examples:
  boilerstrip eval fixtures/                                   score every fixture
  boilerstrip eval fixtures/ --baseline eval-baseline.json     the gate: fail on a regression
  boilerstrip eval BENCH/ --inputs text_html_text --compare trafilatura

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
    add("path", type=Path, help="benchmark folder or fixtures folder")
    add(
        "--inputs",
        choices=INPUT_KINDS,
        default=None,
        help=f"benchmark only: which input to clean (default {DEFAULT_INPUTS})",
    )
    add("--json", action="store_true", help="print one JSON object instead of the table")
    add("--compare", choices=("trafilatura",), default=None, help="also run another extractor")
    add(
        "--worst",
        type=int,
        default=DEFAULT_WORST,
        metavar="N",
        help=f"benchmark only: list the N worst pages (default {DEFAULT_WORST})",
    )
    cleaning.add_arguments(parser, ("rules", "disable", "site_config"))
    add("--baseline", type=Path, metavar="FILE", help="fixtures only: gate on the floors pinned here")
    add("--update", action="store_true", help="with --baseline: re-pin (floors only go up)")
    add("--allow-lower", action="store_true", help="with --update: let floors go down")
    parser.set_defaults(func=run, prog=parser.prog)


def run(args: argparse.Namespace) -> int:
    """Evaluate, print the report, return the exit code."""
    root: Path = args.path
    try:
        cleaner = Cleaner(cleaning.from_args(args))  # a bad rule file fails here, before any page
        if (root / GROUND_TRUTH_FILE).is_file():
            layout, pages = "bench", load_bench(root, args.inputs or DEFAULT_INPUTS)
        elif args.inputs is not None:
            raise ValueError(f"--inputs needs a benchmark folder with {GROUND_TRUTH_FILE}")
        else:
            layout, pages = "fixtures", fixture_pages(root)
        if args.baseline is not None and (layout != "fixtures" or args.json):
            raise ValueError("--baseline gates a fixtures folder, and prints a table, not --json")
        if (args.update and args.baseline is None) or (args.allow_lower and not args.update):
            raise ValueError("--update needs --baseline, and --allow-lower needs --update")
    except (OSError, ValueError) as exc:  # FixtureError and RuleError are ValueErrors
        raise UsageError(str(exc)) from None

    compare = args.compare is not None
    results = evaluate(pages, cleaner, compare=compare)
    if args.baseline is not None:
        from boilerstrip.quality import gate  # only the gate needs it

        return gate.run(results, args.baseline, update=args.update, allow_lower=args.allow_lower)
    report = build_report(layout, root, results, compare=compare)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_table(layout, results, report, worst=args.worst)
    failed = any(not result.passed for result in results)
    errors = any(result.error for result in results)
    return FAILED if (layout == "fixtures" and failed) or errors else OK


def load_bench(root: Path, inputs: str) -> list[Page]:
    """Read every benchmark page (gunzipped) and its gold body, in id order."""
    truth = json.loads((root / GROUND_TRUTH_FILE).read_text(encoding="utf-8"))
    if not isinstance(truth, dict):
        raise ValueError(f"{root / GROUND_TRUTH_FILE}: expected a JSON object")
    pages = []
    for page_id in sorted(truth):
        entry = truth[page_id]
        if not isinstance(entry, dict) or not isinstance(entry.get("articleBody"), str):
            raise ValueError(f"{root / GROUND_TRUTH_FILE}: {page_id} has no articleBody string")
        html = read_bytes(root / "html" / f"{page_id}.html.gz")
        html_text = html.decode("utf-8", errors="replace")
        if inputs == "html":
            data: bytes | str = html
            mode: Mode = "html"
        else:
            data = (root / inputs / f"{page_id}.txt").read_text(encoding="utf-8")
            mode = "text"
        pages.append(Page(page_id, data, mode, entry.get("url"), html_text, entry["articleBody"]))
    return pages


def fixture_pages(root: Path) -> list[Page]:
    """Read every fixture under `root`; HTML inputs are also offered to trafilatura."""
    fixtures = load_fixtures(root)
    if not fixtures:
        raise FixtureError(f"{root}: neither a benchmark ({GROUND_TRUTH_FILE}) nor a fixtures folder")
    pages = []
    for fixture in fixtures:
        data = read_bytes(fixture.input_path)
        text = decode(data)
        is_html = fixture.mode == "html" or (fixture.mode == "auto" and sniff_mode(text) == "html")
        pages.append(
            Page(
                fixture.name,
                data,
                fixture.mode,
                fixture.url,
                text if is_html else None,
                fixture.body,
                fixture,
            )
        )
    return pages


def evaluate(pages: Sequence[Page], cleaner: Cleaner | None = None, *, compare: bool = False) -> list[Result]:
    """Clean (and optionally extract) each page in turn and score it."""
    cleaner = cleaner or Cleaner()
    extract: Callable[[str], str | None] | None = None
    if compare:
        import trafilatura

        extract = trafilatura.extract

    def clean(page: Page) -> Record:
        return cleaner.clean(page.data, url=page.url, mode=page.mode)

    html_pages = [page.html for page in pages if page.html is not None]
    if pages:  # warm-up, untimed: one-off imports and lazy set-up are charged to no page
        clean(pages[0])
    if extract is not None and html_pages:
        extract(html_pages[0])

    results = []
    for page in pages:
        start = time.perf_counter()
        record = clean(page)
        ours = Run(time.perf_counter() - start, _score(record.body, page.truth))

        theirs = None
        if extract is not None and page.html is not None:
            start = time.perf_counter()
            extracted = extract(page.html)
            theirs = Run(time.perf_counter() - start, _score(extracted or "", page.truth))

        label = None
        if page.fixture is not None:
            label = check_label(page.fixture, record.title, record.body, record.metadata)
        results.append(Result(page, ours, theirs, label, record.error, record))
    return results


def _score(predicted: str, truth: str | None) -> metric.DocScore | None:
    return None if truth is None else metric.score(predicted, truth)


def summarise(runs: Sequence[Run]) -> dict[str, Any]:
    """Corpus figures and throughput for one system's runs."""
    corpus = metric.aggregate([run.score for run in runs if run.score is not None])
    seconds = sum(run.seconds for run in runs)
    return {
        "precision": corpus.precision,
        "recall": corpus.recall,
        "f1": corpus.f1,
        "accuracy": corpus.accuracy,
        "documents": corpus.documents,
        "cleaned": len(runs),
        "seconds": seconds,
        "docs_per_second": len(runs) / seconds if seconds > 0 else None,
    }


def throughput_ratio(results: Sequence[Result]) -> float | None:
    """Our docs/s over trafilatura's, on the pages both systems ran."""
    both = [r for r in results if r.theirs is not None]
    ours = sum(r.ours.seconds for r in both)
    theirs = sum(r.theirs.seconds for r in both if r.theirs is not None)
    return theirs / ours if both and ours > 0 else None


def build_report(layout: str, root: Path, results: Sequence[Result], *, compare: bool) -> dict[str, Any]:
    """The JSON report: per-document figures, a summary per system, the throughput ratio."""
    summary = {"boilerstrip": summarise([r.ours for r in results])}
    if compare:
        summary["trafilatura"] = summarise([r.theirs for r in results if r.theirs is not None])
    report: dict[str, Any] = {
        "layout": layout,
        "path": str(root),
        "documents": [_document(r, compare=compare) for r in results],
        "summary": summary,
    }
    if compare:
        report["throughput_ratio"] = throughput_ratio(results)
    if layout == "fixtures":
        report["passed"] = sum(1 for r in results if r.passed)
        report["failed"] = sum(1 for r in results if not r.passed)
    return report


def _document(result: Result, *, compare: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"id": result.page.name, **_score_dict(result.ours)}
    if compare:
        out["trafilatura"] = _score_dict(result.theirs) if result.theirs else None
    if result.label is not None:
        out["title_ok"] = result.label.title_ok
        out["metadata_ok"] = result.label.metadata_ok
        out["snippets_ok"] = result.label.snippets_ok
        out["passed"] = result.passed
        out["failures"] = result.failures()
    if result.error:
        out["error"] = result.error
    return out


def _score_dict(run: Run) -> dict[str, Any]:
    s = run.score
    return {
        "precision": s.precision if s else None,
        "recall": s.recall if s else None,
        "f1": s.f1 if s else None,
        "exact": s.exact if s else None,
        "seconds": run.seconds,
    }


def print_table(layout: str, results: Sequence[Result], report: dict[str, Any], *, worst: int) -> None:
    """The human report: a row per document (or the worst N), then the summary lines."""
    compare = "throughput_ratio" in report
    if layout == "bench":
        shown = sorted(results, key=lambda r: (_f1(r.ours), r.page.name))[: max(worst, 0)]
        print(f"worst {len(shown)} of {len(results)} pages by F1")
    else:
        shown = list(results)

    header = f"{'document':<{NAME_WIDTH}}  {'P':>5}  {'R':>5}  {'F1':>5}"
    if compare:
        header += f"  {'traf F1':>7}"
    if layout == "fixtures":
        header += "  title  meta   snip   result"
    print(header)
    for result in shown:
        print(_row(result, layout, compare))

    for result in shown:
        if not result.passed or result.error:
            print(f"{'FAIL' if not result.passed else 'error'} {result.page.name}")
            print("".join(f"    {failure}\n" for failure in result.failures()), end="")
    print()
    for system, figures in report["summary"].items():
        print(_summary_line(system, figures))
    if compare:
        ratio = report["throughput_ratio"]
        shown_ratio = "n/a" if ratio is None else f"{ratio:.2f}"
        print(f"throughput ratio (boilerstrip/trafilatura): {shown_ratio}")
    if layout == "fixtures":
        print(f"fixtures  passed {report['passed']}  failed {report['failed']}")


def _row(result: Result, layout: str, compare: bool) -> str:
    name = result.page.name
    if len(name) > NAME_WIDTH:
        name = name[: NAME_WIDTH - 1] + "…"
    s = result.ours.score
    if s is None:
        row = f"{name:<{NAME_WIDTH}}  {_num(None)}  {_num(None)}  {_num(None)}"
    else:
        row = f"{name:<{NAME_WIDTH}}  {_num(s.precision)}  {_num(s.recall)}  {_num(s.f1)}"
    if compare:
        theirs = result.theirs.score if result.theirs else None
        row += f"  {_num(theirs.f1 if theirs else None):>7}"
    if result.label is not None:
        label = result.label
        checks = (label.title_ok, label.metadata_ok, label.snippets_ok)
        row += "  " + "  ".join(f"{_flag(ok):<5}" for ok in checks)
        row += "  " + ("pass" if result.passed else "FAIL")
    return row


def _summary_line(system: str, figures: dict[str, Any]) -> str:
    rate = figures["docs_per_second"]
    return (
        f"{system:<12} P {figures['precision']:.3f}  R {figures['recall']:.3f}"
        f"  F1 {figures['f1']:.3f}  acc {figures['accuracy']:.3f}"
        f"  docs {figures['documents']}  docs/s {'n/a' if rate is None else f'{rate:.1f}'}"
    )


def _f1(run: Run) -> float:
    """Sort key: unscored pages (snippet-only) sort last."""
    return run.score.f1 if run.score is not None else 2.0


def _num(value: float | None) -> str:
    return "    —" if value is None else f"{value:.3f}"


def _flag(ok: bool | None) -> str:
    return "—" if ok is None else ("ok" if ok else "NO")
