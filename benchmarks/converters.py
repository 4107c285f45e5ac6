"""Text mode on the dumps of converters the benchmark does not ship.

    python benchmarks/converters.py ../shared/bench/dev

The benchmark ships two text dumps of each page (html_text, inscriptis);
pages in the wild come from many more converters. This scores text mode on
dumps made here, in memory, from the same pages:

- html2text with its defaults: Markdown (links, images, headings), lines
  wrapped at 78 columns; and with links and images left out;
- BeautifulSoup's `get_text("\n")`, the scraper's idiom, which breaks a
  line at every tag (scripts and styles dropped first), and with
  `strip=True`, which also drops the blank lines and the spaces around
  every piece of text; and with no separator, as `get_text()` is most
  often called, which runs the text of neighbouring tags together and
  keeps only the line breaks of the page's source;
- markdownify, the Markdown converter of many LLM data pipelines;
- the text browsers lynx (`-dump`: numbered links and their list of
  targets; and `-dump -nolist`), w3m and elinks (`-dump`), and Debian's
  html2text program (not the Python one), and pandoc's plain text
  (`pandoc -f html -t plain`: wrapped at 72 columns, headings and list
  items left as they are), when they are installed;
- each shipped dump hard-wrapped at 60, 76 and 100 columns, as lynx, w3m,
  `fold` and mail do (Python's `textwrap`, long words left whole);
- each shipped dump collapsed onto one line (`" ".join(text.split())`, as
  many scrapers store text), and trafilatura's `html2txt`, which returns
  the whole page's text so: no line breaks are left, and text mode cuts the
  line into sentences and menu runs (`boilerstrip/stages/run_on.py`).

Prints a Markdown table of precision, recall and F1 (the benchmark's metric).
Needs `pip install '.[compare]'` for html2text, BeautifulSoup and markdownify, and
the lynx, w3m, elinks, html2text and pandoc programs (Debian packages of those names);
a missing one is skipped.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

from boilerstrip.cleaner import Cleaner
from boilerstrip.options import Options
from boilerstrip.quality import metric
from boilerstrip.quality.layouts import load_bench

Converter = Callable[[str], str]
WRAP_WIDTHS = (60, 76, 100)


def hard_wrapped(width: int) -> Converter:
    def wrap(text: str) -> str:
        return "\n".join(
            textwrap.fill(line, width=width, break_long_words=False, break_on_hyphens=False)
            for line in text.split("\n")
        )

    return wrap


def html2text_converter(*, links: bool) -> Converter | None:
    try:
        import html2text
    except ImportError:
        return None

    def convert(html: str) -> str:
        converter = html2text.HTML2Text()
        converter.ignore_links = converter.ignore_images = not links
        return str(converter.handle(html))

    return convert


def beautifulsoup_converter(separator: str, *, strip: bool = False) -> Converter | None:
    if importlib.util.find_spec("bs4") is None:
        return None
    return lambda html: str(_readable_soup(html).get_text(separator, strip=strip))


def markdownify_converter() -> Converter | None:
    if importlib.util.find_spec("bs4") is None or importlib.util.find_spec("markdownify") is None:
        return None
    import markdownify

    return lambda html: str(markdownify.markdownify(str(_readable_soup(html))))


def html2txt(html: str) -> str:
    import trafilatura

    return str(trafilatura.html2txt(html) or "")


def _readable_soup(html: str) -> Any:
    """The page parsed by BeautifulSoup, with its scripts and styles dropped, as scrapers do."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for element in soup(["script", "style", "noscript"]):
        element.decompose()
    return soup


LYNX = ["lynx", "-dump", "-force_html", "-assume_charset=utf-8", "-display_charset=utf-8", "-stdin"]
TEXT_BROWSERS = {
    "lynx -dump (numbered links)": LYNX,
    "lynx -dump -nolist": [*LYNX, "-nolist"],
    "w3m -dump": ["w3m", "-dump", "-T", "text/html", "-I", "utf-8", "-O", "utf-8"],
    "elinks -dump": ["elinks", "-dump", "-dump-charset", "utf-8", "-no-references", "-no-numbering"],
    "html2text, Debian's program (underlined links, starred headings)": ["/usr/bin/html2text", "-utf8"],
    "pandoc -t plain": ["pandoc", "-f", "html", "-t", "plain"],
}


def command_converter(command: list[str]) -> Converter | None:
    if shutil.which(command[0]) is None:
        return None

    def convert(html: str) -> str:
        page = html.encode("utf-8")
        done = subprocess.run(command, input=page, capture_output=True, timeout=120, check=False)
        return done.stdout.decode("utf-8", "replace")

    return convert


def score(texts: list[str], truths: list[str]) -> metric.CorpusScore:
    pairs = zip(texts, truths, strict=True)
    cleaner = Cleaner(Options(mode="text"))
    return metric.aggregate([metric.score(cleaner.clean(text).body, truth) for text, truth in pairs])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bench", type=Path)
    args = parser.parse_args()

    rows: list[tuple[str, metric.CorpusScore]] = []
    html_pages = load_bench(args.bench, "html")
    truths = [page.truth or "" for page in html_pages]
    from_html: dict[str, Converter | None] = {
        "html2text (Markdown, 78 columns)": html2text_converter(links=True),
        "html2text, no links or images": html2text_converter(links=False),
        "BeautifulSoup get_text()": beautifulsoup_converter(""),
        'BeautifulSoup get_text("\\n")': beautifulsoup_converter("\n"),
        'BeautifulSoup get_text("\\n", strip=True)': beautifulsoup_converter("\n", strip=True),
        "markdownify": markdownify_converter(),
        **{label: command_converter(command) for label, command in TEXT_BROWSERS.items()},
        "trafilatura html2txt (the page's text on one line)": html2txt,
    }
    for label, convert in from_html.items():
        if convert is None:
            print(f"skipped {label}: not installed (pip install '.[compare]'; the programs from Debian)")
            continue
        rows.append((label, score([convert(page.html or "") for page in html_pages], truths)))
    for dump in ("text_html_text", "text_inscriptis"):
        texts = [str(page.data) for page in load_bench(args.bench, dump)]
        rows.append((f"{dump}, as shipped", score(texts, truths)))
        for width in WRAP_WIDTHS:
            rows.append((f"{dump}, wrapped at {width}", score(list(map(hard_wrapped(width), texts)), truths)))
        rows.append((f"{dump}, collapsed onto one line", score([" ".join(t.split()) for t in texts], truths)))

    print("| input | P | R | F1 |\n|---|---|---|---|")
    for label, figures in rows:
        print(f"| {label} | {figures.precision:.3f} | {figures.recall:.3f} | {figures.f1:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
