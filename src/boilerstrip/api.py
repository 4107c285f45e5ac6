"""The public entry points: `clean(data)` and `clean_file(path)`.

A page that cannot be cleaned gives a `Record` with `error` set instead of an
exception, so one broken page never stops a batch. Only programming errors
(a wrong argument type, a malformed rule file) raise.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import get_args

from boilerstrip.document import Document, InputKind, Record
from boilerstrip.limits import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, Limits, TimeLimitExceeded, deadline
from boilerstrip.matching.rules import RuleSet, load_rules
from boilerstrip.matching.sites import SiteRule, find_site_rule
from boilerstrip.pipeline import Stage, build_pipeline, make_document, run, run_document
from boilerstrip.reading.decode import InputError, Mode, decode_strict_utf8, read_bytes, sniff_mode

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
    site_config: str | Path | None = None,
    templates: frozenset[str] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Record:
    """Clean one page (HTML or plain text, bytes or str) into a Record.

    `mode` forces the input kind ("html" or "text"); "auto" sniffs it.
    `rules` adds rule files or directories; `disable` switches rules off by id;
    `explain` keeps the audit trail of removals on the record; `site_config`
    is a directory of site rules (ours in TOML, or FiveFilters `.txt` files)
    searched before the bundled ones for the URL's host. `templates` holds
    the keys of the page's site template blocks, learned across a batch
    (`boilerstrip.batch`); they are removed with rule id `site-template`.
    `timeout` (seconds) and `max_bytes` limit the page (None: no limit); a
    page over a limit gives an error record naming it (`boilerstrip.limits`).
    """
    _check_arguments(data, mode)
    limits = Limits(timeout=timeout, max_bytes=max_bytes)  # a bad limit raises, like a bad type
    # A bad rule or site file is the caller's error: it raises, it is no page failure.
    ruleset = load_rules(rules, disable)
    site = find_site_rule(url, site_config)
    try:
        with deadline(limits) as clock:
            clock.enter("decode and parse")
            limits.check_size(data)
            doc, stages = _prepare(data, url, mode, ruleset, site, source, templates)
            limits.check_tree(doc.tree)
            return run(doc, stages, explain=explain, deadline=clock)
    except TimeLimitExceeded as exc:
        return Record.failure(str(exc), source=source, url=url)
    except InputError as exc:
        return Record.failure(str(exc), source=source, url=url)
    except Exception as exc:  # any page-level failure becomes an error record
        return Record.failure(f"{type(exc).__name__}: {exc}", source=source, url=url)


def trace(
    data: bytes | str,
    *,
    url: str | None = None,
    mode: Mode = "auto",
    rules: RulesArg = None,
    disable: Iterable[str] = (),
    source: str | None = None,
    site_config: str | Path | None = None,
) -> Document:
    """Run the same pipeline as `clean` and return the final Document: every block,
    kept or removed, with the stage and rule that removed it (what `explain` shows).

    Unlike `clean`, a page that cannot be read raises `InputError`.
    """
    _check_arguments(data, mode)
    ruleset = load_rules(rules, disable)
    site = find_site_rule(url, site_config)
    doc, stages = _prepare(data, url, mode, ruleset, site, source)
    return run_document(doc, stages)


def _check_arguments(data: object, mode: str) -> None:
    if not isinstance(data, bytes | bytearray | str):
        raise TypeError(f"clean() takes bytes or str, not {type(data).__name__}")
    if mode not in get_args(Mode):
        raise ValueError(f"mode must be one of {get_args(Mode)}, not {mode!r}")


def _prepare(
    data: bytes | bytearray | str,
    url: str | None,
    mode: Mode,
    ruleset: RuleSet,
    site: SiteRule | None,
    source: str | None,
    templates: frozenset[str] | None = None,
) -> tuple[Document, list[Stage]]:
    """The document as it enters the first stage, and the stages it will pass."""
    raw = None if isinstance(data, str) else bytes(data)
    text, as_is = decode_strict_utf8(raw) if raw is not None else (str(data), False)
    if not text.strip():
        raise InputError("empty input")
    kind = sniff_mode(text) if mode == "auto" else mode
    stages = _pipeline(ruleset, kind, site, templates)
    utf8_bytes = raw if as_is else None
    return make_document(text, kind, url=url, source=source, utf8_bytes=utf8_bytes), stages


def _pipeline(
    ruleset: RuleSet, kind: InputKind, site: SiteRule | None, templates: frozenset[str] | None
) -> list[Stage]:
    """The stages for a page: built once per rule set and input kind when no site
    rule or templates make the page's pipeline its own (stages hold no page state)."""
    if site is not None or templates is not None:
        return build_pipeline(ruleset, kind, site, templates=templates)
    key = f"pipeline:{kind}"
    stages = ruleset.derived.get(key)
    if stages is None:
        stages = ruleset.derived[key] = build_pipeline(ruleset, kind)
    return list(stages)


def clean_file(
    path: str | Path,
    *,
    url: str | None = None,
    mode: Mode = "auto",
    rules: RulesArg = None,
    disable: Iterable[str] = (),
    explain: bool = False,
    site_config: str | Path | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Record:
    """Clean a file (gzip read transparently); an unreadable file gives an error record.

    `max_bytes` caps the file and its decompressed content alike.
    """
    source = str(path)
    try:
        data = read_bytes(path) if max_bytes is None else read_bytes(path, max_bytes)
    except (OSError, InputError) as exc:
        return Record.failure(f"cannot read input: {exc}", source=source, url=url)
    return clean(
        data,
        url=url,
        mode=mode,
        rules=rules,
        disable=disable,
        explain=explain,
        source=source,
        site_config=site_config,
        timeout=timeout,
        max_bytes=max_bytes,
    )
