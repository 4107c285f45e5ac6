"""Which of a page's titles the WCXB labels take, and the headline choice's held-out accuracy.

    python benchmarks/title_choice.py ../shared/bench/wcxb-dev

A page states its title several times (`<title>`, og:title, JSON-LD) and
prints one or more `<h1>`; the metadata stage picks the printed `<h1>` when
the titles confirm it (`boilerstrip.reading.headlines`), and a page type's
profile may prefer the stated title (`title_headline`). This script runs
every page through the metadata and page-type stages (`trace(until="dom")`)
and prints:

1. which candidate equals the label (after folding case and whitespace):
   the whole `<title>`, one of its segments ("Page | Site"), og:title, the
   first or a later `<h1>`; a page counts under each that matches;
2. per guessed page type (confident guesses: the profiles' min_confidence),
   on the pages where the printed choice and the stated title differ: how
   often each is the label's;
3. the accuracy of the profiles' choice (stated on the types whose profile
   sets `title_headline`) and of the printed choice alone; and the per-type
   choice (stated where it was the label's more often) learned on the
   pages, in sample and cross-validated with folds GROUPED BY DOMAIN
   (`train_page_types`'s folds: each held-out fold's types chosen on the
   other four).
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

from lxml.html import HtmlElement
from train_page_types import FOLDS, folds_by_domain, pages

from boilerstrip.cleaner import Cleaner
from boilerstrip.page_types.profiles import load_profiles
from boilerstrip.reading.headlines import TITLE_SEPARATORS


def _same(one: str | None, other: str | None) -> bool:
    return (
        bool(one and other)
        and " ".join(str(one).split()).casefold() == " ".join(str(other).split()).casefold()
    )


def _candidates(tree: HtmlElement) -> dict[str, list[str]]:
    title = " ".join(str(tree.findtext(".//title") or "").split())
    og = tree.xpath("//meta[@property='og:title']/@content")
    h1s = [" ".join(h.text_content().split()) for h in tree.iter("h1")]
    segments = [s for s in TITLE_SEPARATORS.split(title) if s.strip()]
    return {
        "<title>": [title],
        "<title> first segment": segments[:1] if len(segments) > 1 else [],
        "<title> later segment": segments[1:],
        "og:title": [str(og[0])] if og else [],
        "first <h1>": h1s[:1],
        "later <h1>": h1s[1:],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    root = parser.parse_args().root
    cleaner, profiles = Cleaner(), load_profiles()
    rows = []
    matches: Counter[str] = Counter()
    for page_id, _, url, domain in pages(root):
        label = json.loads((root / "ground-truth" / f"{page_id}.json").read_text(encoding="utf-8"))
        wanted = label["ground_truth"].get("title")
        html = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
        doc = cleaner.trace(html, url=url, mode="html", until="dom")
        assert doc.tree is not None
        found = [
            name for name, texts in _candidates(doc.tree).items() if any(_same(t, wanted) for t in texts)
        ]
        matches.update(found or ["none"])
        confident = profiles.for_page(doc.metadata).page_type
        rows.append(
            (domain, confident, _same(doc.title, wanted), _same(doc.stated_title or doc.title, wanted))
        )
    print(f"{len(rows)} pages; the label equals (a page may count under several):")
    for name, count in matches.most_common():
        print(f"  {name:24s} {count:5d}")
    print("\nwhere the printed choice and the stated title differ, the label is (confident guesses):")
    print(f"  {'type':14s} {'printed':>8s} {'stated':>8s}")
    by_type: dict[str, Counter[str]] = {}
    for _, kind, printed, stated in rows:
        if printed != stated:
            by_type.setdefault(kind, Counter())["stated" if stated else "printed"] += 1
    for kind, counts in sorted(by_type.items()):
        print(f"  {kind:14s} {counts['printed']:8d} {counts['stated']:8d}")
    folds = folds_by_domain([domain for domain, *_ in rows])
    held_out = 0
    for fold in range(FOLDS):
        train = [row for row, f in zip(rows, folds, strict=True) if f != fold]
        stated_types = {
            k
            for k in {r[1] for r in train}
            if sum(r[3] for r in train if r[1] == k) > sum(r[2] for r in train if r[1] == k)
        }
        held_out += sum(
            (row[3] if row[1] in stated_types else row[2])
            for row, f in zip(rows, folds, strict=True)
            if f == fold
        )
    in_sample_types = {k for k, c in by_type.items() if c["stated"] > c["printed"]}
    in_sample = sum((r[3] if r[1] in in_sample_types else r[2]) for r in rows)
    printed_only = sum(r[2] for r in rows)
    shipped_types = {k for k, profile in profiles.by_type.items() if profile.title_headline}
    shipped = sum((r[3] if r[1] in shipped_types else r[2]) for r in rows)
    print(f"\nthe profiles' choice (stated on {sorted(shipped_types)}) {shipped / len(rows):.4f}")
    print(f"printed choice alone {printed_only / len(rows):.4f}")
    print(
        f"stated on {sorted(in_sample_types)}: in sample {in_sample / len(rows):.4f}, "
        f"held out (domain-grouped {FOLDS}-fold) {held_out / len(rows):.4f}"
    )


if __name__ == "__main__":
    main()
