"""Text mode's cost in CPU instructions per page, against trafilatura on the same pages' HTML.

    python benchmarks/instruction_counts.py ../shared/bench/dev [--systems ours trafilatura]

Wall-clock ratios move with the machine's load; instruction counts do not.
For each system this runs valgrind's callgrind twice over a fresh Python:
once doing the imports, the setup and one warm-up page, once doing the same
and then every page of the benchmark. The difference, divided by the pages,
is what one page costs, with start-up and first-use costs left out of both.

- `ours`: `boilerstrip.clean` of every text dump of the folder
  (`text_html_text/*.txt` and `text_inscriptis/*.txt`), each in text mode;
- `trafilatura`: `trafilatura.extract` (its defaults) of the HTML of the
  same pages (`html/*.html.gz`), each page once.

Needs valgrind on the PATH. The full run takes several minutes (callgrind
runs Python some 50 times slower); `--systems ours` measures only ours.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

DUMP_KINDS = ("text_html_text", "text_inscriptis")
SYSTEMS = ("ours", "trafilatura")
_TOTAL = re.compile(r"^(?:summary|totals):\s*(\d+)", re.MULTILINE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bench", type=Path)
    parser.add_argument("--systems", nargs="+", choices=SYSTEMS, default=list(SYSTEMS))
    parser.add_argument("--inputs", nargs="+", choices=DUMP_KINDS, default=list(DUMP_KINDS))
    parser.add_argument(
        "--pages", type=int, default=0, help="only the first N pages of each kind (to iterate)"
    )
    args = parser.parse_args()
    per_page = {}
    for system in args.systems:
        pages = len(_pages(args.bench, args.inputs if system == "ours" else args.inputs[:1], args.pages))
        setup = _instructions(args.bench, system, args.inputs, args.pages, every_page=False)
        whole = _instructions(args.bench, system, args.inputs, args.pages, every_page=True)
        per_page[system] = (whole - setup) / pages
        print(f"{system:12} {per_page[system] / 1e6:7.1f}M instructions/page  ({pages} pages)", flush=True)
    if set(per_page) == set(SYSTEMS):
        print(f"ratio        {per_page['trafilatura'] / per_page['ours']:7.2f}x")
    return 0


def _pages(bench: Path, inputs: list[str], first: int) -> list[tuple[str, Path]]:
    """(dump kind, dump path) for every dump of the chosen kinds (the `first` of each, if not 0), in order."""
    return [(kind, path) for kind in inputs for path in sorted((bench / kind).glob("*.txt"))[: first or None]]


def _instructions(bench: Path, system: str, inputs: list[str], first: int, *, every_page: bool) -> int:
    """Instructions callgrind counts for one run of the worker below."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "callgrind.out"
        command = [
            "valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
            sys.executable, __file__, "--work", system, str(bench), str(first), str(int(every_page)), *inputs,
        ]  # fmt: skip
        # A fixed hash seed: the same sets and dicts in the same order on every run.
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        run = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if run.returncode != 0:  # the worker's own error, under valgrind's report
            raise SystemExit(f"{system} failed under callgrind:\n{run.stderr[-3000:]}")
        found = _TOTAL.search(out.read_text())
        if found is None:
            raise SystemExit(f"no instruction total in {out}")
        return int(found.group(1))


def _work(system: str, bench: Path, first: int, every_page: bool, inputs: list[str]) -> None:
    """What callgrind watches: read every input first, set up, warm up on one page, then clean."""
    if system == "ours":
        pages = _pages(bench, inputs, first)
        import boilerstrip

        texts = [path.read_bytes() for _, path in pages]
        # No page timeout: callgrind runs a page some 50 times slower, and on
        # a loaded machine the page's alarm went off and ended the whole run.
        boilerstrip.clean(texts[0], mode="text", timeout=None)
        if every_page:
            for text in texts:
                boilerstrip.clean(text, mode="text", timeout=None)
    else:
        import gzip

        import trafilatura

        pages = _pages(bench, inputs[:1], first)
        htmls = [
            gzip.decompress((bench / "html" / f"{path.stem}.html.gz").read_bytes()).decode()
            for _, path in pages
        ]
        trafilatura.extract(htmls[0])
        if every_page:
            for html in htmls:
                trafilatura.extract(html)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--work":
        _work(sys.argv[2], Path(sys.argv[3]), int(sys.argv[4]), sys.argv[5] == "1", sys.argv[6:])
        raise SystemExit(0)
    raise SystemExit(main())
