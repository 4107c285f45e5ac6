"""The human report of `boilerstrip eval` on fixtures and on the development benchmark.

A row per fixture (or the benchmark's worst pages), the failures of each
fixture that failed, then a summary line per system and the throughput ratio.
The WCXB report, with its rows per page type, is `boilerstrip.quality.wcxb_report`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from boilerstrip.quality.results import NAME_WIDTH, Result, Run


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
