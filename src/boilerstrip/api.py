"""The public entry points: `clean(data)` and `clean_file(path)`.

A page that cannot be cleaned gives a `Record` with `error` set instead of an
exception, so one broken page never stops a batch. Only programming errors
(a wrong argument type, a malformed rule file) raise.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import get_args

from boilerstrip.decode import InputError, Mode, decode, read_bytes, sniff_mode
from boilerstrip.document import Record
from boilerstrip.pipeline import build_pipeline, make_document, run
from boilerstrip.rules import load_rules

RulesArg = str | Path | Iterable[str | Path] | None


def clean(
    data: bytes | str,
    *,
    url: str | None = None,
    mode: Mode = "auto",
    rules: RulesArg = None,
    disable: Iterable[str] = (),
    explain: bool = False,
    source: str | None = None,
) -> Record:
    """Clean one page (HTML or plain text, bytes or str) into a Record.

    `mode` forces the input kind ("html" or "text"); "auto" sniffs it.
    `rules` adds rule files or directories; `disable` switches rules off by id;
    `explain` keeps the audit trail of removals on the record.
    """
    if not isinstance(data, bytes | bytearray | str):
        raise TypeError(f"clean() takes bytes or str, not {type(data).__name__}")
    if mode not in get_args(Mode):
        raise ValueError(f"mode must be one of {get_args(Mode)}, not {mode!r}")
    ruleset = load_rules(rules, disable)  # a bad rule file is the caller's error: raise
    try:
        text = data if isinstance(data, str) else decode(bytes(data))
        if not text.strip():
            raise InputError("empty input")
        kind = sniff_mode(text) if mode == "auto" else mode
        doc = make_document(text, kind, url=url, source=source)
        return run(doc, build_pipeline(ruleset, kind), explain=explain)
    except InputError as exc:
        return Record.failure(str(exc), source=source, url=url)
    except Exception as exc:  # any page-level failure becomes an error record
        return Record.failure(f"{type(exc).__name__}: {exc}", source=source, url=url)


def clean_file(
    path: str | Path,
    *,
    url: str | None = None,
    mode: Mode = "auto",
    rules: RulesArg = None,
    disable: Iterable[str] = (),
    explain: bool = False,
) -> Record:
    """Clean a file (gzip read transparently); an unreadable file gives an error record."""
    source = str(path)
    try:
        data = read_bytes(path)
    except (OSError, InputError) as exc:
        return Record.failure(f"cannot read input: {exc}", source=source, url=url)
    return clean(data, url=url, mode=mode, rules=rules, disable=disable, explain=explain, source=source)
