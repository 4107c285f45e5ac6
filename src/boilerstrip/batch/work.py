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
from dataclasses import dataclass
from pathlib import Path

from boilerstrip.batch.inputs import Item
from boilerstrip.document import Record
from boilerstrip.reading.decode import (
    InputError,
    Mode,
    decode,
    decode_with_charset,
    gunzip,
    is_utf8,
    sniff_mode,
)

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
    """Everything a worker needs besides the item; the same for the whole batch."""

    mode: Mode = "auto"
    rules: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    site_config: str | None = None
    explain: bool = False
    max_bytes: int = 20 * 1024 * 1024
    # Seconds per page for `boilerstrip.clean`'s own time limit, when it has one.
    timeout: float | None = None
    # Whether to hand `max_bytes` to `boilerstrip.clean`, whose own limit would
    # otherwise refuse pages a larger `--max-bytes` lets through.
    pass_max_bytes: bool = False
    want_body: bool = False
    want_signature: bool = False


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
    from boilerstrip.api import clean

    item = job.item
    try:
        page = load_page(item, settings.max_bytes)
    except InputError as exc:
        return failed_clean(job, str(exc))
    extra: dict[str, object] = {} if settings.timeout is None else {"timeout": settings.timeout}
    if settings.pass_max_bytes:
        extra["max_bytes"] = settings.max_bytes
    if job.templates:
        extra["templates"] = job.templates
    record = clean(
        page,
        url=item.url,
        mode=item.mode if settings.mode == "auto" else settings.mode,
        rules=[Path(r) for r in settings.rules],
        disable=settings.disable,
        site_config=settings.site_config,
        explain=settings.explain,
        source=item.source,
        **extra,  # type: ignore[arg-type]  # optional keywords, only when in use
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
    from boilerstrip.batch.templates import page_keys

    try:
        page = load_page(job.item, settings.max_bytes)
        text = page if isinstance(page, str) else decode(page)
        mode = job.item.mode if settings.mode == "auto" else settings.mode
        keys = page_keys(text, sniff_mode(text) if mode == "auto" else mode, settings.rules, settings.disable)
    except Exception:  # a page that cannot be cleaned teaches nothing about its site
        keys = None
    return KeysOutcome(source=job.item.source, keys=keys)


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
