"""The folders `boilerstrip eval` reads, and the pages it finds in them.

Three layouts, told apart by what the folder holds:

- a WCXB folder: `ground-truth/<id>.json` (one label file a page: page type,
  body, title, author, date, snippets) and `html/<id>.html.gz`; scored with the
  benchmark's bag-of-words metric (`boilerstrip.quality.word_metric`);
- a benchmark folder: `ground-truth.json`, `{id: {"articleBody", "url"}}`, and
  the pages under `html/<id>.html.gz`; scored with the shingle metric;
- a fixtures folder: every folder below it with an `expected.json` is a case
  (see `boilerstrip.quality.fixtures`); scored with the shingle metric.

In both benchmark layouts `inputs` says what the cleaner gets: `html`, or a
folder of `<id>.txt` text dumps of the same pages (a folder of the benchmark,
such as `text_html_text`, or any path), cleaned in text mode. The compared
extractors always get the HTML. Pages come in id order.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from boilerstrip.quality import metric, wcxb
from boilerstrip.quality.fixtures import FixtureError, load_fixtures
from boilerstrip.quality.results import Page
from boilerstrip.quality.word_metric import WORDS
from boilerstrip.reading.decode import Mode, decode, read_bytes, sniff_mode

GROUND_TRUTH_FILE = "ground-truth.json"
GROUND_TRUTH_DIR = "ground-truth"
HTML_DIR = "html"
# The development benchmark's inputs: its HTML and its two text dumps.
INPUT_KINDS = ("html", "text_html_text", "text_inscriptis")
DEFAULT_INPUTS = "html"


@dataclass(frozen=True)
class Corpus:
    """The pages of one folder, with the layout they came in and the metric that scores them."""

    layout: str  # wcxb | bench | fixtures
    pages: list[Page]
    metric: metric.Metric


def load(root: Path, inputs: str | None = None, types: Collection[str] = ()) -> Corpus:
    """Read the folder's pages; ValueError (or OSError) says what is wrong with the folder."""
    bench = (root / GROUND_TRUTH_FILE).is_file()
    if types and (bench or not is_wcxb(root)):
        raise ValueError(f"--types needs a WCXB folder ({GROUND_TRUTH_DIR}/ and {HTML_DIR}/)")
    if bench:
        return Corpus("bench", load_bench(root, inputs or DEFAULT_INPUTS), metric.SHINGLES)
    if is_wcxb(root):
        return Corpus("wcxb", load_wcxb(root, inputs or DEFAULT_INPUTS, types), WORDS)
    if inputs is not None:
        raise ValueError(f"--inputs needs a benchmark folder with {GROUND_TRUTH_FILE} or {GROUND_TRUTH_DIR}/")
    return Corpus("fixtures", fixture_pages(root), metric.SHINGLES)


def is_wcxb(root: Path) -> bool:
    return (root / GROUND_TRUTH_DIR).is_dir() and (root / HTML_DIR).is_dir()


def load_wcxb(root: Path, inputs: str, types: Collection[str] = ()) -> list[Page]:
    """Read every WCXB page of these types (all when none is named) with its labels."""
    wanted = {_known_type(name) for name in types}
    dumps = dump_folder(root, inputs)
    pages = []
    for path in sorted((root / GROUND_TRUTH_DIR).glob("*.json")):
        kind, body, url, labels = wcxb.read_label(path)
        if wanted and kind not in wanted:
            continue
        data, mode, html = _page_input(root, path.stem, dumps)
        pages.append(Page(path.stem, data, mode, url, html, body, page_type=kind, labels=labels))
    if not pages:
        which = f" of type {', '.join(sorted(wanted))}" if wanted else ""
        raise ValueError(f"{root}: no pages{which} in {GROUND_TRUTH_DIR}/")
    return pages


def load_bench(root: Path, inputs: str) -> list[Page]:
    """Read every benchmark page (gunzipped) and its gold body, in id order."""
    truth = json.loads((root / GROUND_TRUTH_FILE).read_text(encoding="utf-8"))
    if not isinstance(truth, dict):
        raise ValueError(f"{root / GROUND_TRUTH_FILE}: expected a JSON object")
    dumps = dump_folder(root, inputs)
    pages = []
    for page_id in sorted(truth):
        entry = truth[page_id]
        if not isinstance(entry, dict) or not isinstance(entry.get("articleBody"), str):
            raise ValueError(f"{root / GROUND_TRUTH_FILE}: {page_id} has no articleBody string")
        data, mode, html = _page_input(root, page_id, dumps)
        pages.append(Page(page_id, data, mode, entry.get("url"), html, entry["articleBody"]))
    return pages


def dump_folder(root: Path, inputs: str) -> Path | None:
    """None for the HTML; else the folder of text dumps `inputs` names."""
    if inputs == "html":
        return None
    for folder in (root / inputs, Path(inputs)):
        if folder.is_dir():
            return folder
    raise ValueError(f"--inputs {inputs}: neither 'html' nor a folder of <id>.txt text dumps")


def _page_input(root: Path, page_id: str, dumps: Path | None) -> tuple[bytes | str, Mode, str]:
    """What the cleaner gets (the HTML bytes or the text dump) and the HTML as text."""
    html = read_bytes(root / HTML_DIR / f"{page_id}.html.gz")
    html_text = html.decode("utf-8", errors="replace")
    if dumps is None:
        return html, "html", html_text
    dump = dumps / f"{page_id}.txt"
    if not dump.is_file():
        raise ValueError(f"{dumps}: no text dump {dump.name} for page {page_id}")
    return dump.read_text(encoding="utf-8"), "text", html_text


def _known_type(name: str) -> str:
    kind = wcxb.page_type(name)
    if kind is None:
        raise ValueError(f"--types: {name!r} is none of {', '.join(wcxb.PAGE_TYPES)}")
    return kind


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
