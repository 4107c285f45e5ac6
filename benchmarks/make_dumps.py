"""Flatten a benchmark's pages to text, one `<id>.txt` a page, for text mode's eval.

    python benchmarks/make_dumps.py ../shared/bench/wcxb-dev
    boilerstrip eval ../shared/bench/wcxb-dev --inputs benchmarks/dumps/wcxb-dev/html_text --compare c4,raw

The development benchmark ships its pages flattened by two converters
(`text_html_text/`, `text_inscriptis/`); the WCXB benchmark ships only HTML.
This makes the same two dumps of any folder with `html/<id>.html.gz`, with the
same calls, so that both benchmarks are read as the same kind of input:

- `html_text`: `html_text.extract_text(html, guess_layout=True)`, the
  converter of Scrapy's ecosystem (blank lines around blocks, one line a
  paragraph);
- `inscriptis`: `inscriptis.get_text(html)` with its defaults (the layout of
  a text browser: tables as columns, list bullets).

On the development benchmark both reproduce the shipped dumps byte for byte.
The dumps go to `benchmarks/dumps/<benchmark>/<converter>/` (git-ignored:
they are generated from shared data and never committed); a page whose dump
is already there is skipped, so a stopped run goes on where it stopped. A
page a converter fails on gets an empty dump and a line on standard error:
one bad page never stops the rest.
Needs `pip install '.[compare]'`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from boilerstrip.reading.decode import read_bytes

Converter = Callable[[str], str]
DUMPS = Path(__file__).parent / "dumps"


def html_text_dump(html: str) -> str:
    import html_text

    return str(html_text.extract_text(html, guess_layout=True))


def inscriptis_dump(html: str) -> str:
    import inscriptis

    return str(inscriptis.get_text(html))


CONVERTERS: dict[str, Converter] = {"html_text": html_text_dump, "inscriptis": inscriptis_dump}


def make_dumps(bench: Path, out: Path, converters: dict[str, Converter]) -> int:
    """Write every missing dump; the number of pages a converter failed on."""
    pages = sorted((bench / "html").glob("*.html.gz"))
    if not pages:
        raise SystemExit(f"{bench}: no html/<id>.html.gz pages")
    failed = 0
    for name, convert in converters.items():
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        for path in pages:
            target = folder / f"{path.name.removesuffix('.html.gz')}.txt"
            if target.exists():
                continue
            html = read_bytes(path).decode("utf-8", errors="replace")
            try:
                text = convert(html)
            except Exception as exc:  # a converter's crash on one page is that page's, not the run's
                print(f"{name}: {path.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
                text, failed = "", failed + 1
            partial = target.with_suffix(".partial")
            partial.write_text(text, encoding="utf-8")
            partial.replace(target)
        print(f"{name}: {len(pages)} dumps in {folder}")
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("bench", type=Path, help="a benchmark folder with html/<id>.html.gz")
    parser.add_argument("--out", type=Path, default=None, help="default: benchmarks/dumps/<bench name>")
    parser.add_argument("--converters", default=",".join(CONVERTERS), help="comma-separated names")
    args = parser.parse_args()
    names = [name for name in args.converters.split(",") if name]
    unknown = [name for name in names if name not in CONVERTERS]
    if unknown:
        parser.error(f"unknown converter {', '.join(unknown)}; known: {', '.join(CONVERTERS)}")
    out = args.out or DUMPS / args.bench.resolve().name
    return 1 if make_dumps(args.bench, out, {name: CONVERTERS[name] for name in names}) else 0


if __name__ == "__main__":
    raise SystemExit(main())
