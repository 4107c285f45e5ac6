"""What decides how pages are cleaned: one `Options` value, declared once.

Every entry point builds one and hands it on: `boilerstrip.clean()` from its
keywords, the command line from its flags (`add_arguments` declares each
flag once, `from_args` reads them back), the batch sends it to its worker
processes (it is small and picklable), and a `boilerstrip.cleaner.Cleaner` is
built from it. None of them lists the fields again.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, TypedDict, Unpack, get_args

from boilerstrip.limits import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, Limits
from boilerstrip.reading.decode import Mode
from boilerstrip.rendering import BodyFormat

# What callers may pass for a list of paths or of rule ids: one, many, or none.
PathsArg = str | Path | Iterable[str | Path] | None
NamesArg = str | Iterable[str] | None


@dataclass(frozen=True)
class Options:
    """How to clean: the input kind, the rules in force, the site rules and the limits.

    `mode` forces the input kind ("html" or "text"); "auto" sniffs it per page.
    `rules` adds rule files or directories to the bundled ones; `disable`
    switches rules off by id. `site_config` is a directory of site rules (ours
    in TOML, or FiveFilters `.txt` files), searched before the bundled ones.
    `timeout` (seconds) and `max_bytes` limit each page; None switches a limit
    off. `explain` keeps the audit trail of removals on every record.

    `format` adds the body in another shape: "markdown" (`body_markdown`)
    or "html" (`body_html`); "text" adds nothing (`body` is always there).
    `links` and `images` put the page's links and images into that body.
    `comments` returns the comment thread as `record.comments`.
    """

    mode: Mode = "auto"
    rules: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    site_config: str | None = None
    timeout: float | None = DEFAULT_TIMEOUT
    max_bytes: int | None = DEFAULT_MAX_BYTES
    explain: bool = False
    format: BodyFormat = "text"
    links: bool = False
    images: bool = False
    comments: bool = False

    def __post_init__(self) -> None:
        if self.mode not in get_args(Mode):
            raise ValueError(f"mode must be one of {get_args(Mode)}, not {self.mode!r}")
        if self.format not in get_args(BodyFormat):
            raise ValueError(f"format must be one of {get_args(BodyFormat)}, not {self.format!r}")
        # Callers pass one path or id as a str, or any iterable: store tuples
        # of str, so that equal options compare, hash and pickle equal.
        object.__setattr__(self, "rules", _paths(self.rules))
        object.__setattr__(self, "disable", _names(self.disable))
        if self.site_config is not None:
            object.__setattr__(self, "site_config", str(self.site_config))
        Limits(timeout=self.timeout, max_bytes=self.max_bytes)  # a bad limit raises here, before any page

    @property
    def limits(self) -> Limits:
        return Limits(timeout=self.timeout, max_bytes=self.max_bytes)

    @classmethod
    def of(cls, **fields: Unpack[OptionFields]) -> Options:
        """Options from keywords, with the looser types callers pass (one path or
        id as a str, any iterable of them)."""
        return cls(**fields)  # type: ignore[arg-type]  # __post_init__ normalises the looser types

    def but(self, **changes: Any) -> Options:
        """These options with some fields changed."""
        return replace(self, **changes)


class CleaningFields(TypedDict, total=False):
    """The Options fields but `format`, as `boilerstrip.clean_batch` takes
    them (its own `format` names the output's, the command's `--format`)."""

    mode: Mode
    rules: PathsArg
    disable: NamesArg
    site_config: str | Path | None
    timeout: float | None
    max_bytes: int | None
    explain: bool
    links: bool
    images: bool
    comments: bool


class OptionFields(CleaningFields, total=False):
    """The Options fields as keywords, as `boilerstrip.clean(data, **options)` takes them
    (with the looser types Options accepts and normalises). A test holds its
    keys to the fields of Options, so the two cannot drift apart."""

    format: BodyFormat


def _paths(value: PathsArg) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str | Path):
        return (str(value),)
    return tuple(str(item) for item in value)


def _names(value: NamesArg) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(item) for item in value)


# The flags, one per field; a command takes the ones it needs.
_FLAGS: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {
    "mode": (
        ("--mode",),
        {
            "choices": get_args(Mode),
            "default": "auto",
            "help": "the input kind: html, text, or auto (sniffed per page; the default)",
        },
    ),
    "rules": (
        ("--rules",),
        {
            "type": Path,
            "action": "append",
            "default": [],
            "metavar": "DIR",
            "help": "extra rule files or directories (repeatable)",
        },
    ),
    "disable": (
        ("--disable",),
        {
            "action": "append",
            "default": [],
            "metavar": "RULE_ID",
            "help": "switch a rule off by id (repeatable)",
        },
    ),
    "site_config": (
        ("--site-config",),
        {"type": Path, "metavar": "DIR", "help": "site rules: our TOML or FiveFilters .txt files"},
    ),
    "timeout": (
        ("--time-limit", "--timeout"),
        {
            "type": float,
            "default": DEFAULT_TIMEOUT,
            "metavar": "SECONDS",
            "dest": "timeout",
            "help": f"the time one page may take (default {DEFAULT_TIMEOUT:g})",
        },
    ),
    "max_bytes": (
        ("--max-bytes",),
        {
            "type": int,
            "default": DEFAULT_MAX_BYTES,
            "metavar": "N",
            "help": f"larger pages are refused (default {DEFAULT_MAX_BYTES})",
        },
    ),
    "explain": (("--explain",), {"action": "store_true", "help": "add the audit trail of removals"}),
    "links": (("--links",), {"action": "store_true", "help": "keep the links in a Markdown or HTML body"}),
    "images": (("--images",), {"action": "store_true", "help": "keep the images in a Markdown or HTML body"}),
    "comments": (
        ("--comments",),
        {"action": "store_true", "help": "return the comment thread as the record's comments"},
    ),
}
FIELDS = tuple(f.name for f in fields(Options))
# `format` has no flag of its own: `boilerstrip clean --format` names the
# output's format, and gives the body format (`boilerstrip.batch.command`).
FLAGGED = tuple(name for name in FIELDS if name in _FLAGS)


def add_arguments(parser: argparse.ArgumentParser, names: Iterable[str] = FLAGGED) -> None:
    """Add the flags of these Options fields to a command's parser."""
    for name in names:
        flags, settings = _FLAGS[name]
        parser.add_argument(*flags, **settings)


def from_args(args: argparse.Namespace, **fixed: Any) -> Options:
    """The Options a parsed command line gives (fields it has no flag for keep their defaults)."""
    given = {name: getattr(args, name) for name in FLAGGED if hasattr(args, name)}
    return Options(**{**given, **fixed})
