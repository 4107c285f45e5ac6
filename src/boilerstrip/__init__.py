"""boilerstrip: a staged cleaner that turns web pages into clean article records.

    >>> import boilerstrip
    >>> record = boilerstrip.clean(html_or_text)
    >>> record.title, record.body, record.metadata

The heavy parts (lxml, trafilatura) load on first use, so importing the
package stays cheap for tools that only need the types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Record", "Removal", "clean", "clean_file", "load_rules"]

if TYPE_CHECKING:
    from boilerstrip.api import clean, clean_file
    from boilerstrip.document import Record, Removal
    from boilerstrip.matching.rules import load_rules

_EXPORTS = {
    "clean": "boilerstrip.api",
    "clean_file": "boilerstrip.api",
    "Record": "boilerstrip.document",
    "Removal": "boilerstrip.document",
    "load_rules": "boilerstrip.matching.rules",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'boilerstrip' has no attribute {name!r}")
