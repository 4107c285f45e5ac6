"""Train the page-type classifier on WCXB's labelled pages and write its weights.

    python benchmarks/make_dumps.py ../shared/bench/wcxb-dev
    python benchmarks/train_page_types.py ../shared/bench/wcxb-dev \\
        --dumps benchmarks/dumps/wcxb-dev/html_text benchmarks/dumps/wcxb-dev/inscriptis --write

Reads every page of a WCXB folder (`html/<id>.html.gz`, its label
`ground-truth/<id>.json`: `_internal.page_type.primary`, `category` counting
as collection; its domain from `metadata.json`, or its URL's host), turns
each into the features the `page_type` stage reads (the HTML, and each text
dump of it in the `--dumps` folders, `<id>.txt`, through the cleaner's own
stages up to that one), and fits a multinomial logistic regression per
reading (numpy; L2-penalised, full-batch gradient descent on standardised
features).

The figure that counts is the cross-validated one, with folds GROUPED BY
DOMAIN: no site has pages on both sides of a split, so a feature that only
recognises a site does not score. It prints the accuracy per type and the
confusion matrix of the held-out guesses (labels in rows), and the cost of
reading the features and guessing, in ms per page. `--write` then fits on
every page and writes `src/boilerstrip/page_types/weights.json`.

The text dumps are not shipped with the benchmark: `benchmarks/make_dumps.py`
makes them (html_text and inscriptis) in the git-ignored `benchmarks/dumps/`.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from boilerstrip.cleaner import Cleaner
from boilerstrip.limits import TimeLimitExceeded
from boilerstrip.page_types.model import (
    BUNDLED_WEIGHTS,
    PAGE_TYPES,
    READINGS,
    WITHOUT_URL,
    PageTypeModelError,
    feature_names,
    model_of,
)
from boilerstrip.quality import wcxb
from boilerstrip.reading.decode import InputError, read_bytes
from boilerstrip.stages.page_type import STAGE, features_of

FOLDS = 5
SEED = 16
# The L2 penalty of each reading, chosen by the grouped cross-validation
# (0.001-0.1 tried: HTML is best at 0.03, text at 0.003-0.01).
L2 = {"html": 0.03, "text": 0.005}
STEPS = 600
LEARNING_RATE = 0.5


def pages(root: Path) -> list[tuple[str, str, str | None, str]]:
    """(id, page type, url, domain) of every labelled page, in id order."""
    meta = json.loads((root / "metadata.json").read_text(encoding="utf-8")).get("files", {})
    out = []
    for path in sorted((root / "ground-truth").glob("*.json")):
        label = json.loads(path.read_text(encoding="utf-8"))
        kind = wcxb.page_type(label["_internal"]["page_type"]["primary"])
        assert kind is not None, path
        url = label.get("url") or None
        host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
        domain = meta.get(path.stem, {}).get("domain") or host or path.stem
        out.append((path.stem, kind, url, domain))
    return out


def read_features(
    cleaner: Cleaner, data: bytes | str, url: str | None, mode: str
) -> tuple[dict[str, float], float]:
    """The page's features as the stage reads them, and the seconds the stage's own work took."""
    doc = cleaner.trace(data, url=url, mode=mode, until=STAGE)  # type: ignore[arg-type]
    started = time.perf_counter()
    features = features_of(doc)
    cleaner.page_types.for_page(mode, has_url=url is not None).guess(features)
    return features, time.perf_counter() - started


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> dict[str, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    n, d = z.shape
    k = len(PAGE_TYPES)
    w = np.zeros((k, d))
    b = np.zeros(k)
    onehot = np.eye(k)[y]
    velocity_w, velocity_b = np.zeros_like(w), np.zeros_like(b)
    for _ in range(STEPS):
        scores = z @ w.T + b
        scores -= scores.max(axis=1, keepdims=True)
        p = np.exp(scores)
        p /= p.sum(axis=1, keepdims=True)
        error = (p - onehot) / n
        grad_w = error.T @ z + l2 * w
        grad_b = error.sum(axis=0)
        velocity_w = 0.9 * velocity_w - LEARNING_RATE * grad_w
        velocity_b = 0.9 * velocity_b - LEARNING_RATE * grad_b
        w += velocity_w
        b += velocity_b
    return {"mean": mean, "scale": scale, "weights": w, "bias": b}


def predict(model: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    z = (x - model["mean"]) / model["scale"]
    return np.argmax(z @ model["weights"].T + model["bias"], axis=1)  # type: ignore[no-any-return]


def folds_by_domain(domains: list[str]) -> np.ndarray:
    """Each domain's pages in one fold: the domains shuffled, dealt round."""
    unique = sorted(set(domains))
    random.Random(SEED).shuffle(unique)
    fold_of = {domain: i % FOLDS for i, domain in enumerate(unique)}
    return np.array([fold_of[d] for d in domains])


def cross_validate(x: np.ndarray, y: np.ndarray, folds: np.ndarray, l2: float) -> np.ndarray:
    guessed = np.zeros_like(y)
    for fold in range(FOLDS):
        held = folds == fold
        guessed[held] = predict(fit(x[~held], y[~held], l2), x[held])
    return guessed


def report(title: str, y: np.ndarray, guessed: np.ndarray) -> None:
    right = int((y == guessed).sum())
    print(f"\n{title}: {right} of {len(y)} right ({100 * right / len(y):.1f}%), folds grouped by domain")
    print(f"{'label / guess':<14}" + "".join(f"{t[:6]:>7}" for t in PAGE_TYPES) + "  accuracy")
    for i, kind in enumerate(PAGE_TYPES):
        row = [int(((y == i) & (guessed == j)).sum()) for j in range(len(PAGE_TYPES))]
        total = sum(row)
        share = f"{100 * row[i] / total:.1f}%" if total else "—"
        print(f"{kind:<14}" + "".join(f"{n:>7}" for n in row) + f"  {share:>8}")


Readings = dict[str, tuple[list[dict[str, float]], list[int], list[str], list[str]]]


def read_pages(
    args: argparse.Namespace, cleaner: Cleaner, labelled: list[tuple[str, str, str | None, str]]
) -> Readings:
    """Every page's features, label, domain and source, per reading; prints what reading them cost."""
    readings: Readings = {"html": ([], [], [], []), "text": ([], [], [], [])}
    skipped: Counter[str] = Counter()
    costs: dict[str, list[float]] = {"html": [], **{folder.name: [] for folder in args.dumps}}
    for page_id, kind, url, domain in labelled:
        html = read_bytes(args.bench / "html" / f"{page_id}.html.gz")
        sources: list[tuple[str, str, bytes | str]] = [("html", "html", html)]
        sources += [
            ("text", folder.name, (folder / f"{page_id}.txt").read_text(encoding="utf-8"))
            for folder in args.dumps
        ]
        for reading, source, data in sources:
            try:
                features, seconds = read_features(cleaner, data, url, reading)
            except (InputError, TimeLimitExceeded):  # an empty dump, a page over a limit: no type
                skipped[source] += 1
                continue
            rows, ys, doms, srcs = readings[reading]
            rows.append(features)
            ys.append(PAGE_TYPES.index(kind))
            doms.append(domain)
            srcs.append(source)
            costs[source].append(seconds)
    print(f"{len(labelled)} pages; skipped as empty: {dict(skipped) or 'none'}")
    print("features and guess, ms per page (mean, median):")
    for source, seconds in costs.items():
        if seconds:
            ms = 1000 * np.array(seconds)
            print(f"  {source:<18} {ms.mean():.2f}  {np.median(ms):.2f}")
    return readings


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("bench", type=Path, help="a WCXB folder (ground-truth/, html/, metadata.json)")
    parser.add_argument("--dumps", type=Path, nargs="*", default=[], help="folders of <id>.txt text dumps")
    for reading, penalty in L2.items():
        parser.add_argument(
            f"--l2-{reading}",
            type=float,
            default=penalty,
            help=f"the L2 penalty of the {reading} model ({penalty})",
        )
    parser.add_argument("--write", action="store_true", help=f"fit on every page and write {BUNDLED_WEIGHTS}")
    parser.add_argument("--limit", type=int, help="only the first N pages (a quick look)")
    parser.add_argument(
        "--cache",
        type=Path,
        help="keep the pages' features in this JSON file, and read them from it when it exists",
    )
    args = parser.parse_args()

    names = {reading: sorted(found) for reading, found in feature_names().items()}
    try:
        cleaner = Cleaner()
    except PageTypeModelError as exc:
        # The features changed since the weights were written: the cleaner
        # cannot start with them, and the pages are read by the cleaner's
        # own stages. Neutral weights (every type alike) stand in until --write.
        print(f"{exc}\nwriting neutral weights to read the pages with")
        write_weights(neutral_weights(names))
        cleaner = Cleaner()
    labelled = pages(args.bench)[: args.limit]
    if args.cache and args.cache.exists():
        readings = json.loads(args.cache.read_text(encoding="utf-8"))
    else:
        readings = read_pages(args, cleaner, labelled)
        if args.cache:
            args.cache.write_text(json.dumps(readings), encoding="utf-8")

    written: dict[str, dict[str, list[float] | list[list[float]] | list[str]]] = {}
    for reading, (rows, ys, doms, srcs) in readings.items():  # html, text
        if not rows:
            continue
        x = np.array([[row.get(name, 0.0) for name in names[reading]] for row in rows])
        y = np.array(ys)
        folds = folds_by_domain(doms)
        # A model with the page's address, and one without it, for callers that give none.
        for name, columns in (
            (reading, names[reading]),
            (reading + WITHOUT_URL, names[reading + WITHOUT_URL]),
        ):
            kept = x[:, [names[reading].index(f) for f in columns]]
            l2 = getattr(args, f"l2_{reading}")
            guessed = cross_validate(kept, y, folds, l2)
            for source in sorted(set(srcs)):
                mask = np.array([s == source for s in srcs])
                report(f"{name} ({source})", y[mask], guessed[mask])
            model = fit(kept, y, l2)
            written[name] = {"features": columns, **{k: v.tolist() for k, v in model.items()}}

    if args.write:
        if set(written) != set(READINGS):
            raise SystemExit("--write needs both readings: give --dumps")
        data = {
            "about": (
                "Multinomial logistic regression on the features of boilerstrip.page_types, trained by "
                f"benchmarks/train_page_types.py on {len(labelled)} WCXB dev pages (CC-BY-4.0): the HTML, "
                f"and for text their dumps by {', '.join(f.name for f in args.dumps)}; "
                f"L2 {args.l2_html} (html), {args.l2_text} (text)."
            ),
            "types": list(PAGE_TYPES),
            "readings": {
                reading: {k: _rounded(v) for k, v in fitted.items()} for reading, fitted in written.items()
            },
        }
        write_weights(data)
        print(f"\nwrote {BUNDLED_WEIGHTS}")


def neutral_weights(names: dict[str, list[str]]) -> dict[str, Any]:
    def neutral(features: list[str]) -> dict[str, Any]:
        width = len(features)
        return {
            "features": features,
            "mean": [0.0] * width,
            "scale": [1.0] * width,
            "weights": [[0.0] * width for _ in PAGE_TYPES],
            "bias": [0.0] * len(PAGE_TYPES),
        }

    return {
        "about": "neutral: no training yet",
        "types": list(PAGE_TYPES),
        "readings": {r: neutral(f) for r, f in names.items()},
    }


def write_weights(data: dict[str, Any]) -> None:
    model_of(data, "the weights to write")  # what the loader refuses is never written
    BUNDLED_WEIGHTS.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def _rounded(value: object) -> object:
    """Six significant digits: the file stays readable and diffs stay small."""
    if isinstance(value, float):
        return float(f"{value:.6g}")
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


if __name__ == "__main__":
    main()
