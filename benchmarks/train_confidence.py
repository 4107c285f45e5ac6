"""Fit the confidence model (`boilerstrip/stages/confidence.json`) on WCXB dev.

    python benchmarks/train_confidence.py ../shared/bench/wcxb-dev [--dev ../shared/bench/dev] \
        [--features scratch/features.jsonl] [--write]

1. Clean every page, and keep, per page, the confidence stage's features
   (`boilerstrip.stages.confidence.features`) and the body's word F1 against
   the label (`boilerstrip.quality.word_metric`, the benchmark's metric).
   `--features FILE` caches them (JSON lines): a second run with the same
   file only fits. `--dev` adds the news pages of the dev benchmark (HTML and
   both text dumps), so that text input is in the training set too.
2. Fit a logistic regression of F1 (a soft target in 0-1) on the
   standardised features, with a small L2 penalty, by Newton's method,
   monotone where the direction is plain (`SIGNS`).
3. Cross-validate with folds grouped by domain (`metadata.json`), so that no
   site is on both sides of a split: print Spearman's rank correlation of the
   held-out confidence with F1, and the count and mean F1 of the pages it
   scores under 0.5 -- the figures the issue asks for.
4. With `--write`, fit on all pages and write the weights file.

numpy is used here only; the package scores a page in pure Python.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

import numpy as np

from boilerstrip.cleaner import Cleaner, record_of
from boilerstrip.quality import word_metric
from boilerstrip.quality.wcxb import read_label
from boilerstrip.quality.wcxb_report import LOW_CONFIDENCE, spearman
from boilerstrip.stages import confidence

FOLDS = 5
# The L2 penalty on the standardised weights: enough to keep collinear shares
# (kept + removed = 1) from trading huge opposite weights, too little to bias.
PENALTY = 1.0
NEWTON_STEPS = 30
# The direction each feature may push the confidence, where the reason is
# plain: more kept prose is better, more text removed is worse. The others
# (block and removal counts, lengths, the input kind) go where the fit puts them.
SIGNS = {
    "log_kept_words": +1,
    "kept_share": +1,
    "prose_share": +1,
    "function_word_share": +1,
    "has_title": +1,
    "title_in_text": +1,
    "dom_removed_share": -1,
    "block_removed_share": -1,
    "finder_removed_share": -1,
    "largest_removal_share": -1,
    "short_block_share": -1,
    "undone": -1,
    "other_page_type": -1,
}
WEIGHTS_PATH = Path(confidence.__file__).with_name(confidence.WEIGHTS_FILE)


def wcxb_pages(root: Path) -> list[dict[str, object]]:
    files = json.loads((root / "metadata.json").read_text(encoding="utf-8"))["files"]
    pages = []
    for label_path in sorted((root / "ground-truth").glob("*.json")):
        page_id = label_path.stem
        kind, body, url, _ = read_label(label_path)
        html = root / "html" / f"{page_id}.html.gz"
        domain = files.get(page_id, {}).get("domain") or page_id
        pages.append({"id": page_id, "path": html, "url": url, "truth": body, "type": kind, "domain": domain})
    return pages


def dev_pages(root: Path) -> list[dict[str, object]]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, entry in sorted(truth.items()):
        # One group per page id: a page's HTML and its two dumps stay on one side.
        group = f"dev:{page_id}"
        sources = [root / "html" / f"{page_id}.html.gz"]
        sources += [root / dump / f"{page_id}.txt" for dump in ("text_html_text", "text_inscriptis")]
        for path in sources:
            if path.exists():
                pages.append(
                    {
                        "id": f"dev/{path.parent.name}/{page_id}",
                        "path": path,
                        "url": entry.get("url"),
                        "truth": entry["articleBody"],
                        "type": "news",
                        "domain": group,
                    }
                )
    return pages


def measure(pages: list[dict[str, object]], cache: Path | None) -> list[dict[str, object]]:
    done: dict[str, dict[str, object]] = {}
    if cache is not None and cache.exists():
        for line in cache.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            done[row["id"]] = row
    cleaner = Cleaner()
    out = []
    sink = cache.open("a", encoding="utf-8") if cache is not None else None
    started = time.perf_counter()
    seconds_in_stage = 0.0
    scored = 0
    for number, page in enumerate(pages):
        if page["id"] in done:
            out.append(done[page["id"]])
            continue
        path = Path(str(page["path"]))
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        try:
            # Up to the stage that scores: the features must not need the weights they fit.
            doc = cleaner.trace(data, url=page["url"], until=confidence.STAGE)  # type: ignore[arg-type]
        except Exception as exc:  # a page that fails is not in the fit
            print(f"{page['id']}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        tick = time.perf_counter()
        feats = confidence.features(doc)
        seconds_in_stage += time.perf_counter() - tick
        scored += 1
        body = record_of(doc).body
        f1 = word_metric.score(body, str(page["truth"])).f1
        row = {"id": page["id"], "type": page["type"], "domain": page["domain"], "f1": f1, "features": feats}
        out.append(row)
        if sink is not None:
            sink.write(json.dumps(row) + "\n")
            sink.flush()
        if number % 100 == 0:
            print(f"  {number}/{len(pages)} pages, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    if sink is not None:
        sink.close()
    if scored:
        print(f"features: {1e6 * seconds_in_stage / scored:.0f} µs per page over {scored} pages")
    return out


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(weights with the intercept first, means, scales) of a penalised logistic
    fit of y in 0-1, monotone in the features of SIGNS: a feature whose weight
    comes out against its sign is left out (weight 0) and the rest refitted."""
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales < 1e-9] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - means) / scales])
    signs = np.array([0, *(SIGNS.get(name, 0) for name in confidence.FEATURES)])
    used = np.ones(z.shape[1], dtype=bool)
    while True:
        w = np.zeros(z.shape[1])
        w[used] = _newton(z[:, used], y)
        against = (w * signs < 0) & used
        if not against.any():
            return w, means, scales
        used &= ~against


def _newton(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], PENALTY)
    penalty[0] = 0.0  # the intercept (column 0) is not penalised
    for _ in range(NEWTON_STEPS):
        p = 1 / (1 + np.exp(-z @ w))
        gradient = z.T @ (p - y) + penalty * w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        w -= np.linalg.solve(hessian, gradient)
    return w


def predict(w: np.ndarray, means: np.ndarray, scales: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(w[0] + ((x - means) / scales) @ w[1:])))


def folds_by_domain(domains: list[str]) -> np.ndarray:
    """A fold number per page; every page of a domain in one fold (domains dealt in sorted order)."""
    names = sorted(set(domains))
    fold_of = {name: number % FOLDS for number, name in enumerate(names)}
    return np.array([fold_of[d] for d in domains])


def report(name: str, confidence_values: np.ndarray, f1: np.ndarray) -> None:
    rho = spearman(list(confidence_values), list(f1))
    low = f1[confidence_values < LOW_CONFIDENCE]
    low_mean = f"{low.mean():.3f}" if len(low) else "n/a"
    print(
        f"{name}: {len(f1)} pages, Spearman {rho:.3f}; confidence < {LOW_CONFIDENCE}: {len(low)} pages, "
        f"mean F1 {low_mean} (all pages {f1.mean():.3f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("wcxb", type=Path)
    parser.add_argument("--dev", type=Path)
    parser.add_argument("--features", type=Path, help="cache of per-page features (JSON lines)")
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS_PATH}")
    args = parser.parse_args()

    pages = wcxb_pages(args.wcxb) + (dev_pages(args.dev) if args.dev else [])
    rows = measure(pages, args.features)
    x = np.array([[row["features"][name] for name in confidence.FEATURES] for row in rows], dtype=float)
    y = np.array([row["f1"] for row in rows], dtype=float)
    fold = folds_by_domain([str(row["domain"]) for row in rows])
    held_out = np.zeros(len(y))
    for k in range(FOLDS):
        w, means, scales = fit(x[fold != k], y[fold != k])
        held_out[fold == k] = predict(w, means, scales, x[fold == k])
    wcxb = np.array([not str(row["id"]).startswith("dev/") for row in rows])
    print(f"held out ({FOLDS} folds grouped by domain):")
    report("  wcxb-dev", held_out[wcxb], y[wcxb])
    if not wcxb.all():
        report("  dev (news, HTML and text)", held_out[~wcxb], y[~wcxb])
    types = sorted({str(row["type"]) for row in rows})
    for kind in types:
        mask = np.array([row["type"] == kind for row in rows])
        report(f"    {kind}", held_out[mask], y[mask])

    w, means, scales = fit(x, y)
    report("fitted on all, in sample", predict(w, means, scales, x), y)
    print("weights (standardised):")
    for name, weight in zip(confidence.FEATURES, w[1:], strict=True):
        print(f"  {name:<22} {weight:+.3f}")
    model = {
        "about": "boilerstrip confidence: logistic regression of the page's word F1 on standardised "
        "features; fitted by benchmarks/train_confidence.py on WCXB dev"
        + (" and the dev news pages" if args.dev else ""),
        "pages": len(rows),
        "intercept": round(float(w[0]), 6),
        "weights": {n: round(float(v), 6) for n, v in zip(confidence.FEATURES, w[1:], strict=True)},
        "means": {n: round(float(v), 6) for n, v in zip(confidence.FEATURES, means, strict=True)},
        "scales": {n: round(float(v), 6) for n, v in zip(confidence.FEATURES, scales, strict=True)},
    }
    fitted = confidence.parse_model(json.dumps(model), "the fitted model")
    tick = time.perf_counter()
    for row in rows:
        fitted.score(row["features"])
    print(f"scoring: {1e6 * (time.perf_counter() - tick) / len(rows):.1f} µs per page (the features aside)")
    if args.write:
        WEIGHTS_PATH.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        confidence.parse_model(WEIGHTS_PATH.read_text(encoding="utf-8"), str(WEIGHTS_PATH))
        print(f"wrote {WEIGHTS_PATH}")


if __name__ == "__main__":
    main()
