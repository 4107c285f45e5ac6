"""What a worker does with one item: read it, check it, clean it, serialise it.

These functions run in worker processes (or on Dask workers), so they take
and return small picklable values, never raise for a bad page, and hand back
the record already serialised: the parent only writes lines.

A page is refused with a reason before any parsing when it cannot be read,
is larger than the limit, is empty, looks binary, or decodes to mostly
replacement characters; everything after that is `boilerstrip.clean`'s job,
which turns any failure into an error record.
"""

from __future__ import annotations

import codecs
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from boilerstrip.batch.inputs import Item
from boilerstrip.cleaner import cleaner_for
from boilerstrip.document import Record
from boilerstrip.limits import TimeLimitExceeded
from boilerstrip.options import Options
from boilerstrip.reading.decode import InputError, Mode, decode_with_charset, gunzip, is_utf8
from boilerstrip.stages.site_templates import STAGE, block_key

# A text page has almost no control bytes (tab, newline, form feed and escape
# aside); compressed data, images and executables have about 12% of them
# (32 of 256 byte values). A tenth of the first 8 KB is far from both.
BINARY_SNIFF_BYTES = 8192
BINARY_CONTROL_SHARE = 0.10
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (8, 9, 10, 12, 13, 27))
_UNICODE_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# A page whose decoded text is more than this share of U+FFFD was not text in
# any charset we could find; a real page with a few bad bytes stays far below.
UNDECODABLE_SHARE = 0.05


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs besides the item; the same for the whole batch.

    The cleaning itself is described by `options` alone: each worker builds
    its Cleaner from them once (`boilerstrip.cleaner.cleaner_for`).
    """

    options: Options
    want_body: bool = False
    want_signature: bool = False

    @property
    def max_bytes(self) -> int:
        return self.options.max_bytes if self.options.max_bytes is not None else sys.maxsize


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
    error: bool
    body: str | None = None
    signature: bytes | None = None


@dataclass(frozen=True)
class KeysOutcome:
    """First pass of `--site-templates`: the keys of a page's blocks (None on failure)."""

    source: str
    keys: frozenset[str] | None


def clean_job(job: Job, settings: Settings) -> Outcome:
    item = job.item
    try:
        page = load_page(item, settings.max_bytes)
    except InputError as exc:
        return failed_clean(job, str(exc))
    record = cleaner_for(settings.options).clean(
        page, url=item.url, source=item.source, mode=_mode(item, settings), templates=job.templates or None
    )
    signature = None
    if settings.want_signature and record.error is None:
        from boilerstrip.batch.duplicates import signature_of

        signature = signature_of(record.body)
    return Outcome(
        source=item.source,
        line=_to_line(record),
        error=record.error is not None,
        body=record.body if settings.want_body else None,
        signature=signature,
    )


def failed_clean(job: Job, reason: str) -> Outcome:
    record = Record.failure(reason, source=job.item.source, url=job.item.url)
    return Outcome(source=job.item.source, line=_to_line(record), error=True, body="")


def keys_job(job: Job, settings: Settings) -> KeysOutcome:
    """Pass 1 of `--site-templates`: the page run, by the same Cleaner and under
    the same limits as pass 2, up to the template stage (`batch.templates`)."""
    item = job.item
    try:
        page = load_page(item, settings.max_bytes)
        cleaner = cleaner_for(settings.options)
        mode = _mode(item, settings)
        doc = cleaner.trace(
            page, url=item.url, source=item.source, mode=mode, templates=frozenset(), until=STAGE
        )
        keys: frozenset[str] | None = frozenset(block_key(block.text) for block in doc.kept_blocks())
    except (Exception, TimeLimitExceeded):  # a page that cannot be cleaned teaches nothing about its site
        keys = None
    return KeysOutcome(source=item.source, keys=keys)


def _mode(item: Item, settings: Settings) -> Mode | None:
    """An archive record says what it holds; the options' mode, when forced, wins."""
    return item.mode if settings.options.mode == "auto" else None


def failed_keys(job: Job, reason: str) -> KeysOutcome:
    return KeysOutcome(source=job.item.source, keys=None)


def _to_line(record: Record) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False)


def load_page(item: Item, max_bytes: int) -> bytes | str:
    """The page's bytes (decoded as text when an HTTP charset must be applied),
    or InputError saying why it is not a page. Bytes go to `boilerstrip.clean`
    as they are, so a batch cleans a file exactly as `clean_file` does."""
    if item.error is not None:
        raise InputError(item.error)
    data = item.data if item.data is not None else _read_file(Path(str(item.path)), max_bytes)
    if not data.strip():
        raise InputError("empty input")
    if looks_binary(data):
        raise InputError("binary input: not a text or HTML page")
    if item.charset is None and is_utf8(data):
        return data  # nothing undecodable in it
    text = decode_with_charset(data, item.charset)
    if text.count("\ufffd") > UNDECODABLE_SHARE * len(text):
        raise InputError("undecodable bytes: no charset reads this page")
    return data if item.charset is None else text


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"too large: {size} bytes, limit {max_bytes}")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read input: {exc}") from exc
    if data[:2] == b"\x1f\x8b":
        try:
            data = gunzip(data, limit=max_bytes)
        except InputError as exc:
            raise InputError(f"cannot read input: {exc}") from exc
    return data


def looks_binary(data: bytes) -> bool:
    if data.startswith(_UNICODE_BOMS):
        return False  # UTF-16 text is full of NUL bytes
    head = data[:BINARY_SNIFF_BYTES]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > BINARY_CONTROL_SHARE * len(head)
