"""The WCXB sections of `boilerstrip eval`: what they measure, and how they print.

- a row per page type and one for all pages, for every system (P, R, F1,
  the share of `with` snippets found and of `without` snippets leaked, all
  means over pages);
- with trafilatura compared, the pages whose F1 falls more than
  `FAR_BELOW` under trafilatura's: the count, the share and the ids;
- title, author and date accuracy of every system that gives metadata;
- when the records carry a page type (`metadata["page_type"]`): its accuracy
  and the confusion matrix, labelled types in rows, predicted in columns;
- when they carry a confidence (`metadata["confidence"]`, 0 to 1): its
  Spearman rank correlation with the page's F1, and the pages under
  `LOW_CONFIDENCE` with their mean F1. A confidence worth having ranks the
  pages the way their F1 does, and its low pages score low.

Sections a run has nothing for are left out, silently.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from typing import Any

from boilerstrip.quality import metric, wcxb
from boilerstrip.quality.results import NAME_WIDTH, TRAFILATURA, Result, Run, summarise

# A page this far under trafilatura's F1 has lost a block of its content or
# kept a page of chrome, not missed a caption: the pages to read first.
FAR_BELOW = 0.3
# Under this confidence the cleaner says it is guessing; those pages' mean F1
# shows whether it knows when it is.
LOW_CONFIDENCE = 0.5
ALL = "all"
METADATA_CHECKS = ("title", "author", "date")
NO_PREDICTION = "—"
CORNER = "label \\ predicted"


def sections(results: Sequence[Result], compare: Sequence[str], scorer: metric.Metric) -> dict[str, Any]:
    """The WCXB parts of the JSON report."""
    names = ["boilerstrip", *compare]
    out: dict[str, Any] = {"by_type": {name: by_type(results, name, scorer) for name in names}}
    if TRAFILATURA in compare:
        out["below_trafilatura"] = below_trafilatura(results)
    out["metadata"] = {name: found for name in names if (found := metadata_accuracy(results, name))}
    if types := page_types(results):
        out["page_types"] = types
    if confidence := confidence_figures(results):
        out["confidence"] = confidence
    return out


def _runs(results: Sequence[Result], name: str) -> list[tuple[Result, Run]]:
    if name == "boilerstrip":
        return [(r, r.ours) for r in results]
    return [(r, r.others[name]) for r in results if name in r.others]


def by_type(results: Sequence[Result], name: str, scorer: metric.Metric) -> dict[str, Any]:
    """One system's summary per labelled page type (in the benchmark's order), then all pages."""
    runs = _runs(results, name)
    rows = {}
    for kind in wcxb.PAGE_TYPES:
        of_kind = [run for result, run in runs if result.page.page_type == kind]
        if of_kind:
            rows[kind] = summarise(of_kind, scorer)
    rows[ALL] = summarise([run for _, run in runs], scorer)
    return rows


def below_trafilatura(results: Sequence[Result]) -> dict[str, Any]:
    """The pages where our F1 is more than FAR_BELOW under trafilatura's."""
    both = [(r, r.ours.score, r.theirs.score) for r in results if r.theirs is not None]
    scored = [(r, ours, theirs) for r, ours, theirs in both if ours is not None and theirs is not None]
    far = [r.page.name for r, ours, theirs in scored if ours.f1 < theirs.f1 - FAR_BELOW]
    return {
        "margin": FAR_BELOW,
        "pages": len(far),
        "of": len(scored),
        "share": len(far) / len(scored) if scored else None,
        "ids": far,
    }


def metadata_accuracy(results: Sequence[Result], name: str) -> dict[str, Any] | None:
    """Share of pages whose title, author and date check right; None for a system without them."""
    checks = [run.checks for _, run in _runs(results, name) if run.checks is not None]
    if not checks or checks[0].title_ok is None:
        return None
    out: dict[str, Any] = {"pages": len(checks)}
    for field in METADATA_CHECKS:
        out[field] = sum(1 for c in checks if getattr(c, f"{field}_ok")) / len(checks)
    return out


def page_types(results: Sequence[Result]) -> dict[str, Any] | None:
    """Page-type accuracy and the confusion matrix (label -> predicted -> pages)."""
    predicted = [_predicted_type(r) for r in results]
    if all(kind == NO_PREDICTION for kind in predicted):
        return None
    pairs = [(r.page.page_type or NO_PREDICTION, kind) for r, kind in zip(results, predicted, strict=True)]
    confusion: dict[str, dict[str, int]] = {}
    for (label, kind), count in sorted(Counter(pairs).items(), key=lambda item: _type_order(item[0])):
        confusion.setdefault(label, {})[kind] = count
    right = sum(1 for label, kind in pairs if label == kind)
    return {"accuracy": right / len(pairs), "right": right, "pages": len(pairs), "confusion": confusion}


def _predicted_type(result: Result) -> str:
    value = result.record.metadata.get("page_type") if result.record is not None else None
    if value is None:
        return NO_PREDICTION
    return wcxb.page_type(value) or str(value)


def _type_order(pair: tuple[str, str]) -> tuple[int, str, int, str]:
    def rank(kind: str) -> int:
        return wcxb.PAGE_TYPES.index(kind) if kind in wcxb.PAGE_TYPES else len(wcxb.PAGE_TYPES)

    return rank(pair[0]), pair[0], rank(pair[1]), pair[1]


def confidence_figures(results: Sequence[Result]) -> dict[str, Any] | None:
    """Spearman's rank correlation of confidence and F1, and the low-confidence pages."""
    pairs = []
    for r in results:
        value = r.record.metadata.get("confidence") if r.record is not None else None
        if isinstance(value, int | float) and not isinstance(value, bool) and r.ours.score is not None:
            pairs.append((float(value), r.ours.score.f1))
    if not pairs:
        return None
    low = [f1 for confidence, f1 in pairs if confidence < LOW_CONFIDENCE]
    return {
        "pages": len(pairs),
        "spearman": spearman([c for c, _ in pairs], [f1 for _, f1 in pairs]),
        "low_confidence": LOW_CONFIDENCE,
        "low_pages": len(low),
        "low_mean_f1": sum(low) / len(low) if low else None,
    }


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rho: Pearson's correlation of the ranks (ties share their mean rank);
    None when it is undefined (fewer than two pages, or one side constant)."""
    try:
        return statistics.correlation(ranks(xs), ranks(ys))
    except statistics.StatisticsError:
        return None


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks; equal values get the mean of the ranks they span."""
    order = sorted(range(len(values)), key=values.__getitem__)
    out = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            out[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return out


# --- printing -------------------------------------------------------------------


def print_report(results: Sequence[Result], built: dict[str, Any], *, worst: int) -> None:
    """The human report: the worst pages, the rows per type, speed, metadata, page types."""
    compared = [name for name in built["summary"] if name != "boilerstrip"]
    _print_worst(results, worst, TRAFILATURA in compared)
    print(f"\n{built['metric']} and snippet rates, means over pages")
    print(f"{'type':<14} {'system':<12} {'pages':>5}  {'P':>5}  {'R':>5}  {'F1':>5}  {'with':>6}  {'w/o':>6}")
    for kind in [*wcxb.PAGE_TYPES, ALL]:
        for number, name in enumerate(["boilerstrip", *compared]):
            row = built["by_type"][name].get(kind)
            if row is not None:
                print(f"{kind if number == 0 else '':<14} {name:<12} {_type_row(row)}")

    print()
    for name, figures in built["summary"].items():
        rate = figures["docs_per_second"]
        print(f"{name:<12} {figures['cleaned']} pages in {figures['seconds']:.1f} s, docs/s {_rate(rate)}")
    if "throughput_ratio" in built:
        ratio = built["throughput_ratio"]
        print(f"throughput ratio (boilerstrip/trafilatura): {'n/a' if ratio is None else f'{ratio:.2f}'}")
    if "below_trafilatura" in built:
        below = built["below_trafilatura"]
        print(
            f"pages more than {below['margin']:.1f} F1 below trafilatura: {below['pages']} of {below['of']}"
            f" ({_percent(below['share'])})"
        )
    if built["metadata"]:
        print()
        for field in METADATA_CHECKS:
            cells = "  ".join(f"{name} {found[field]:.3f}" for name, found in built["metadata"].items())
            print(f"{field + ' accuracy':<16} {cells}")
    if "page_types" in built:
        _print_page_types(built["page_types"])
    if "confidence" in built:
        c = built["confidence"]
        rho = "n/a" if c["spearman"] is None else f"{c['spearman']:.3f}"
        low = "n/a" if c["low_mean_f1"] is None else f"{c['low_mean_f1']:.3f}"
        print(f"\nconfidence: Spearman {rho} with the page's F1 over {c['pages']} pages")
        print(f"confidence < {c['low_confidence']}: {c['low_pages']} pages, mean F1 {low}")


def _print_worst(results: Sequence[Result], worst: int, compare: bool) -> None:
    def f1(result: Result) -> float:
        return result.ours.score.f1 if result.ours.score is not None else 2.0

    shown = sorted(results, key=lambda r: (f1(r), r.page.name))[: max(worst, 0)]
    print(f"worst {len(shown)} of {len(results)} pages by F1")
    print(
        f"{'page':<{NAME_WIDTH}}  {'type':<13}  {'P':>5}  {'R':>5}  {'F1':>5}"
        + ("  traf F1" if compare else "")
    )
    for result in shown:
        s = result.ours.score
        cells = [s.precision, s.recall, s.f1] if s is not None else [None, None, None]
        row = f"{result.page.name[:NAME_WIDTH]:<{NAME_WIDTH}}  {result.page.page_type or '':<13}  "
        row += "  ".join(_num(value) for value in cells)
        if compare:
            theirs = result.theirs.score if result.theirs is not None else None
            row += f"  {_num(theirs.f1 if theirs else None):>7}"
        print(row + (f"  error: {result.error}" if result.error else ""))


def _type_row(row: dict[str, Any]) -> str:
    cells = "  ".join(_num(row[key]) for key in ("precision", "recall", "f1"))
    return (
        f"{row['documents']:>5}  {cells}  {_percent(row.get('with_rate')):>6}"
        f"  {_percent(row.get('without_rate')):>6}"
    )


def _print_page_types(types: dict[str, Any]) -> None:
    confusion: dict[str, dict[str, int]] = types["confusion"]
    columns = sorted({kind for row in confusion.values() for kind in row}, key=lambda k: _type_order((k, k)))
    print(f"\npage type: {types['right']} of {types['pages']} right ({_percent(types['accuracy'])})")
    widths = [max(len(kind), len("00000")) for kind in columns]
    print(f"{CORNER:<{len(CORNER)}}" + "".join(f"  {k:>{w}}" for k, w in zip(columns, widths, strict=True)))
    for label, row in confusion.items():
        counts = "".join(f"  {row.get(k, 0):>{w}}" for k, w in zip(columns, widths, strict=True))
        print(f"{label:<{len(CORNER)}}{counts}")


def _num(value: float | None) -> str:
    return "    —" if value is None else f"{value:.3f}"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def _rate(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"
