"""`boilerstrip fixture new PAGE`: start a fixture from a saved page, for a person to correct.

    boilerstrip fixture new saved/page.html --url https://example.com/a/1 [--name NAME]

Creates `fixtures/NAME/` with `input.<ext>` (a byte-for-byte copy of the page)
and `expected.json` prefilled from what the cleaner gives today: title, body,
metadata, url, mode, empty `must_contain` / `must_not_contain` lists, and a
note that the label is unreviewed. The prefill is only a start: a label that
copies today's output pins today's mistakes, so read the body against the
page, delete what is debris, add what is missing, then pin the baseline.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from boilerstrip import options as cleaning
from boilerstrip.cleaner import Cleaner
from boilerstrip.exits import FAILED, OK, USAGE, UsageError
from boilerstrip.quality.fixtures import INPUT_STEM, LABEL_FILE, load_fixture
from boilerstrip.reading.decode import PAGE_SUFFIXES, decode, read_bytes, sniff_mode

DEFAULT_FIXTURES = Path("fixtures")
REVIEW_NOTE = "TODO: review by hand (prefilled from boilerstrip's output)"
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
EXAMPLES = """example:
  boilerstrip fixture new saved/page.html --url https://example.com/a/1 --name my-page

exit status: 0 created, 1 the page gave an error record, 2 a usage error
"""


class PageFailed(ValueError):
    """The page cannot be cleaned: a fixture of it would label an error record."""


def register(subparsers: Any) -> None:
    """Add `fixture new` to an argparse subparsers object."""
    fixture = subparsers.add_parser("fixture", help="create labelled test cases")
    actions = fixture.add_subparsers(metavar="ACTION")
    new = actions.add_parser(
        "new",
        help="scaffold fixtures/NAME/ from a saved page",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new.add_argument("page", type=Path, metavar="PAGE", help="the saved page (HTML or text, gzip ok)")
    new.add_argument("--url", help="the page's URL (stored in the label, passed to the cleaner)")
    new.add_argument("--name", help="the fixture's folder name (default: from the page's file name)")
    new.add_argument(
        "--fixtures", type=Path, default=DEFAULT_FIXTURES, metavar="DIR", help="default: fixtures/"
    )
    cleaning.add_arguments(new, ("mode", "site_config"))
    new.set_defaults(func=run, prog=new.prog)
    fixture.set_defaults(func=lambda _args: fixture.print_help(sys.stderr) or USAGE)


def run(args: argparse.Namespace) -> int:
    try:
        folder = create(
            args.page, args.fixtures, Cleaner(cleaning.from_args(args)), name=args.name, url=args.url
        )
    except PageFailed as exc:
        print(f"boilerstrip fixture new: {exc}", file=sys.stderr)
        return FAILED
    except OSError as exc:
        raise UsageError(f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc)) from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    print(f"created {folder}/ : now read {folder / LABEL_FILE} against the page and correct it")
    return OK


def create(
    page: Path,
    fixtures: Path,
    cleaner: Cleaner | None = None,
    *,
    name: str | None = None,
    url: str | None = None,
) -> Path:
    """Write the fixture folder and return it; refuse to overwrite an existing one."""
    cleaner = cleaner or Cleaner()
    data = read_bytes(page)  # gunzipped: a fixture input is read as saved, without a .gz layer
    text = decode(data)
    mode = cleaner.options.mode
    kind = sniff_mode(text) if mode == "auto" else mode
    name = name or slug(page)
    if not name or "/" in name or name.startswith("."):
        raise ValueError(f"bad fixture name {name!r}")
    folder = fixtures / name
    if folder.exists():
        raise ValueError(f"{folder} already exists; choose another --name")
    record = cleaner.clean(data, url=url, mode=kind)
    if record.error:
        raise PageFailed(f"{page}: {record.error}")
    label: dict[str, Any] = {
        "title": record.title,
        "body": record.body,
        "metadata": record.metadata,
        "url": url,
        "mode": kind,
        "notes": REVIEW_NOTE,
        "must_contain": [],
        "must_not_contain": [],
    }
    folder.mkdir(parents=True)
    suffix = input_suffix(page, kind)
    if page.name.lower().endswith(".gz"):
        (folder / f"{INPUT_STEM}{suffix}").write_bytes(data)
    else:
        shutil.copyfile(page, folder / f"{INPUT_STEM}{suffix}")
    (folder / LABEL_FILE).write_text(json.dumps(label, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    load_fixture(folder)  # what we wrote must load; a bug here should not wait for eval
    return folder


def slug(page: Path) -> str:
    stem = page.name.lower().removesuffix(".gz")
    for suffix in PAGE_SUFFIXES:
        stem = stem.removesuffix(suffix)
    return _SLUG_JUNK.sub("-", stem).strip("-")


def input_suffix(page: Path, kind: str) -> str:
    lowered = page.name.lower().removesuffix(".gz")
    known = next((s for s in PAGE_SUFFIXES if lowered.endswith(s)), None)
    return known or (".html" if kind == "html" else ".txt")
