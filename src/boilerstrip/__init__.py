"""boilerstrip: a staged cleaner that turns web pages into clean article records.

    >>> import boilerstrip
    >>> record = boilerstrip.clean(page)   # bytes, str, a Path, an lxml tree or a BeautifulSoup document
    >>> record.title, record.body, record.metadata, record.url, record.error

The API:

- `clean(page, *, url=None, **options) -> Record`: one page;
- `clean_file(path, *, url=None, **options) -> Record`: one file (gzip ok);
- `clean_batch(paths, output, **options) -> Summary`: folders of pages and
  WARC/WET archives, on every core, resumable, in input order;
- `trace(page, **options) -> Document`: every block and every removal, with
  the stage and rule that made it;
- `Options` (how to clean: mode, rules, disable, site_config, timeout,
  max_bytes, explain) and `Cleaner(options)`, which cleans any number of
  pages under them;
- `Record`, `Removal`, `Summary`: what comes back. Every field of a record
  is described in `docs/record.md`, and its JSON Schema ships with the
  package (`importlib.resources.files("boilerstrip") / "record.schema.json"`);
- `load_rules`: the bundled rules and your own, checked.

The cleaner and its rules load on first use (about half a second), so that
importing the package stays cheap for tools that only need a type; `dir()`
and `help()` list the whole API all the same.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "Cleaner",
    "Options",
    "Record",
    "Removal",
    "Summary",
    "__version__",
    "clean",
    "clean_batch",
    "clean_file",
    "load_rules",
    "trace",
]

if TYPE_CHECKING:
    from boilerstrip.api import clean, clean_batch, clean_file, trace
    from boilerstrip.batch.runner import Summary
    from boilerstrip.cleaner import Cleaner
    from boilerstrip.document import Record, Removal
    from boilerstrip.matching.rules import load_rules
    from boilerstrip.options import Options

# Where each name of the API lives; it is imported from there on first use.
_EXPORTS = {
    "clean": "boilerstrip.api",
    "clean_batch": "boilerstrip.api",
    "clean_file": "boilerstrip.api",
    "trace": "boilerstrip.api",
    "Cleaner": "boilerstrip.cleaner",
    "Options": "boilerstrip.options",
    "Record": "boilerstrip.document",
    "Removal": "boilerstrip.document",
    "Summary": "boilerstrip.batch.runner",
    "load_rules": "boilerstrip.matching.rules",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'boilerstrip' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
