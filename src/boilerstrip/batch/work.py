"""What a worker does with one item: read it, check it, clean it, serialise it.

These functions run in worker processes (or on Dask workers), so they take
and return small picklable values, never raise for a bad page, and hand back
the record already serialised: the parent only writes lines.

A file is read by the Cleaner itself (`Cleaner.clean_file`), and an archive
record's payload goes to `Cleaner.clean`, decoded first when its HTTP
headers name a charset: either way the Cleaner's input gate decides what is
no page (empty, binary, undecodable; `boilerstrip.reading.page`), so a batch
gives each page the record `boilerstrip.clean_file` or `boilerstrip.clean`
gives it, and any failure becomes an error record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from boilerstrip.batch.inputs import Item
from boilerstrip.cleaner import Cleaner, cleaner_for
from boilerstrip.document import Document, Record
from boilerstrip.limits import TimeLimitExceeded
from boilerstrip.options import Options
from boilerstrip.reading.decode import Mode, decode_with_charset
from boilerstrip.reading.page import looks_binary
from boilerstrip.rendering import BodyFormat, page_document
from boilerstrip.stages.site_templates import STAGE, block_key


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs besides the item; the same for the whole batch.

    The cleaning itself is described by `options` alone: each worker builds
    its Cleaner from them once (`boilerstrip.cleaner.cleaner_for`).
    """

    options: Options
    want_body: bool = False
    want_signature: bool = False
    # The page as a document to write in place of its body (`boilerstrip.rendering.page_document`).
    document: BodyFormat | None = None


@dataclass(frozen=True)
class Job:
    """An item and, with `--site-templates`, the template keys of its host."""

    item: Item
    templates: frozenset[str] | None = None


@dataclass(frozen=True)
class Outcome:
    """A cleaned page as the parent needs it: its JSON line and a few facts."""

    source: str
    line: str
    error: str | None  # the record's, when it has one
    title: str | None = None
    body: str | None = None
    signature: bytes | None = None


@dataclass(frozen=True)
class KeysOutcome:
    """First pass of `--site-templates`: the keys of a page's blocks (None on failure)."""

    source: str
    keys: frozenset[str] | None


def clean_job(job: Job, settings: Settings) -> Outcome:
    item = job.item
    if item.error is not None:
        return failed_clean(job, item.error)
    cleaner = cleaner_for(settings.options)
    mode, templates = _mode(item, settings), job.templates or None
    if item.path is not None:
        # The item's source, not the path: it names the file in text JSON can hold.
        record = cleaner.clean(
            Path(item.path), url=item.url, source=item.source, mode=mode, templates=templates
        )
    else:
        record = cleaner.clean(
            _payload(item), url=item.url, source=item.source, mode=mode, templates=templates
        )
    signature = None
    if settings.want_signature and record.error is None:
        from boilerstrip.batch.duplicates import signature_of

        signature = signature_of(record.body)
    return Outcome(
        source=item.source,
        line=_to_line(record),
        error=record.error,
        title=record.title,
        body=_body(record, settings),
        signature=signature,
    )


def _body(record: Record, settings: Settings) -> str | None:
    if settings.document is not None:
        return page_document(record, settings.document)
    return record.body if settings.want_body else None


def failed_clean(job: Job, reason: str) -> Outcome:
    record = Record.failure(reason, source=job.item.source, url=job.item.url)
    return Outcome(source=job.item.source, line=_to_line(record), error=reason, body="")


def keys_job(job: Job, settings: Settings) -> KeysOutcome:
    """Pass 1 of `--site-templates`: the page run, by the same Cleaner and under
    the same limits as pass 2, up to the template stage (`batch.templates`)."""
    try:
        doc = _trace_to_templates(job.item, cleaner_for(settings.options), _mode(job.item, settings))
        keys: frozenset[str] | None = frozenset(block_key(block.text) for block in doc.kept_blocks())
    except (Exception, TimeLimitExceeded):  # a page that cannot be cleaned teaches nothing about its site
        keys = None
    return KeysOutcome(source=job.item.source, keys=keys)


def _trace_to_templates(item: Item, cleaner: Cleaner, mode: Mode | None) -> Document:
    if item.error is not None:
        raise ValueError(item.error)
    page = Path(item.path) if item.path is not None else _payload(item)
    return cleaner.trace(
        page, url=item.url, source=item.source, mode=mode, templates=frozenset(), until=STAGE
    )


def _mode(item: Item, settings: Settings) -> Mode | None:
    """An archive record says what it holds; the options' mode, when forced, wins."""
    return item.mode if settings.options.mode == "auto" else None


def failed_keys(job: Job, reason: str) -> KeysOutcome:
    return KeysOutcome(source=job.item.source, keys=None)


def _to_line(record: Record) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False)


def _payload(item: Item) -> bytes | str:
    """An archive record's page: its bytes as they are, or decoded by the
    charset its HTTP headers name (binary bytes are left for the Cleaner's
    input gate to refuse: no charset makes them a page)."""
    data = item.data or b""
    if item.charset is None or looks_binary(data):
        return data
    return decode_with_charset(data, item.charset)
