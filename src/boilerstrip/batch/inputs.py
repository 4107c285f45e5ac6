"""Discover what a batch cleans: files, and the records inside WARC/WET archives.

Everything streams: directories are walked in sorted order and archives are
read record by record, so the same arguments always give the same items in
the same order and memory does not grow with the number of inputs.

A plain file becomes an `Item` that names its path (the worker reads it, so
reading and gunzipping run in parallel too). A WARC record becomes an `Item`
carrying its payload, its URL (`WARC-Target-URI`) and its place in the
archive as its source: `crawl.warc.gz#offset=12345`. Common Crawl's WARC
`response` records are HTML (the HTTP headers stripped, their charset kept);
its WET `conversion` records are already text. An archive that breaks
half-way gives one error item at the offset where it broke. The path `-`
is standard input, read once by the command (`stdin_item`) and cleaned as
one page.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from boilerstrip.limits import DEFAULT_MAX_BYTES
from boilerstrip.reading.decode import PAGE_SUFFIXES, InputError, Mode, read_stream

ARCHIVE_SUFFIXES = (".warc", ".wet")
# The path that names standard input, and how its record names it.
STDIN = Path("-")
STDIN_SOURCE = "<stdin>"
# A path component longer than this is cut: most filesystems refuse names
# over 255 bytes, and the suffixes we add need room.
MAX_NAME_CHARS = 160
# Besides separators and what Windows refuses: the surrogates that stand for
# bytes of a file name that are no UTF-8.
_UNSAFE_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|\udc80-\udcff]")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
# A record past this is not read to its end, even to skip it: at the speed
# of zlib that is a few seconds, and the batch waits while the parent reads.
# Common Crawl cuts records at 1 MiB; a page is capped far below this anyway.
MAX_RECORD_BYTES = 1024 * 1024 * 1024
READ_CHUNK_BYTES = 1024 * 1024
# A record whose content holds the start of another ran into it: its
# Content-Length is larger than the record.
_NEXT_WARC_RECORD = re.compile(rb"\r\n\r\nWARC/1\.[01]\r\nWARC-Type:")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{1,40})", re.I)


@dataclass(frozen=True)
class Item:
    """One page to clean, before anything is read or parsed.

    `source` names it uniquely and stably (a path, or `archive#offset=N`);
    `out_parts` is its relative place in an `--out-dir` tree, already safe.
    Either `path` (a file the worker reads) or `data` (an archive payload) is
    set, unless `error` already says why the page cannot be had.
    """

    source: str
    out_parts: tuple[str, ...]
    path: str | None = None
    data: bytes | None = None
    url: str | None = None
    mode: Mode = "auto"
    charset: str | None = None
    error: str | None = None
    stamp: str = ""  # a file's size and modification time, when it was found

    @property
    def key(self) -> str:
        """What a resumed run checks the item against: its source, and for a
        file its stamp, so that a file edited since its record was written
        is noticed rather than skipped as done."""
        return f"{self.source}\0{self.stamp}" if self.stamp else self.source


def iter_items(
    paths: Sequence[Path],
    mode: Mode = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    stdin: Item | None = None,
    url: str | None = None,
    on_skip: Callable[[Path], None] | None = None,
) -> Iterator[Item]:
    """Every page under `paths`, in a stable order, archives opened record by record.

    `stdin` is the item `-` stands for (`stdin_item`); `url` is the page's
    URL when the one input is a page (archive records carry their own);
    `on_skip` hears of every file a directory walk passes over because its
    name is not a page's.
    """
    for root, prefix in zip(paths, _root_prefixes(paths), strict=True):
        if root == STDIN:
            if stdin is None:
                raise ValueError("the path '-' needs the standard input's item")
            yield replace(stdin, out_parts=safe_parts(prefix or stdin.out_parts), mode=mode, url=url)
            continue
        for path, parts, error in _walk(root, on_skip):
            out_parts = safe_parts((*prefix, *parts))
            if error is not None:
                yield Item(source=display_name(path), out_parts=out_parts, error=error, mode=mode, url=url)
            elif is_archive_name(path.name):
                yield from iter_archive(path, out_parts, max_bytes, mode)
            else:
                yield Item(
                    source=display_name(path),
                    out_parts=out_parts,
                    path=str(path),
                    mode=mode,
                    url=url,
                    stamp=_stamp(path),
                )


def _stamp(path: Path) -> str:
    try:
        status = path.stat()
    except OSError:
        return ""  # the worker's read reports the file's failure
    return f"{status.st_size}:{status.st_mtime_ns}"


def stdin_item(stream: IO[bytes], max_bytes: int) -> Item:
    """Standard input as one page (gzip read transparently), read to its end
    or to `max_bytes`, whichever comes first."""
    try:
        data = read_stream(stream, max_bytes)
    except InputError as exc:
        return Item(source=STDIN_SOURCE, out_parts=("stdin",), error=f"cannot read input: {exc}")
    return Item(source=STDIN_SOURCE, out_parts=("stdin",), data=data)


def count_items(paths: Sequence[Path]) -> int | None:
    """How many items `iter_items` will give, or None when archives make it unknown
    without reading them (a progress bar then shows a rate but no ETA)."""
    count = 0
    for root in paths:
        if root == STDIN:
            count += 1
            continue
        for path, _, _error in _walk(root):
            if is_archive_name(path.name):
                return None
            count += 1
    return count


def is_archive_name(name: str) -> bool:
    return name.lower().removesuffix(".gz").endswith(ARCHIVE_SUFFIXES)


def _is_input_name(name: str) -> bool:
    bare = name.lower().removesuffix(".gz")
    return bare.endswith(PAGE_SUFFIXES) or bare.endswith(ARCHIVE_SUFFIXES)


def _walk(
    root: Path, on_skip: Callable[[Path], None] | None = None
) -> Iterator[tuple[Path, tuple[str, ...], str | None]]:
    """Files under `root` (or `root` itself) with their parts relative to it,
    and a folder that cannot be listed with the reason (it is an input lost)."""
    if not root.is_dir():
        yield root, (root.name,), None
        return
    unreadable: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=unreadable.append):
        yield from _unreadable(root, unreadable)
        dirs.sort()
        relative = Path(folder).relative_to(root).parts
        for name in sorted(files):
            if _is_input_name(name):
                yield Path(folder) / name, (*relative, name), None
            elif on_skip is not None:
                on_skip(Path(folder) / name)
    yield from _unreadable(root, unreadable)


def _unreadable(root: Path, errors: list[OSError]) -> Iterator[tuple[Path, tuple[str, ...], str | None]]:
    while errors:
        error = errors.pop(0)
        folder = Path(error.filename or root)
        relative = folder.relative_to(root).parts if folder.is_relative_to(root) else (folder.name,)
        yield folder, (*relative, "unreadable-folder"), f"cannot read folder: {error.strerror or error}"


def _root_prefixes(paths: Sequence[Path]) -> list[tuple[str, ...]]:
    """One argument mirrors straight into the output tree; several each get a
    folder named after them (numbered when two share a name)."""
    if len(paths) <= 1:
        return [() for _ in paths]
    seen: dict[str, int] = {}
    prefixes: list[tuple[str, ...]] = []
    for path in paths:
        name = "stdin" if path == STDIN else path.resolve().name or "input"
        seen[name] = seen.get(name, 0) + 1
        prefixes.append((name if seen[name] == 1 else f"{name}-{seen[name]}",))
    return prefixes


def safe_parts(parts: Sequence[str]) -> tuple[str, ...]:
    """Path components that cannot leave the directory they are joined to:
    no `..`, no absolute roots or drives, no separators or control characters.

    A name that had to change (a character replaced, a space trimmed, a
    length cut) gets a short hash of the original before its extension, so
    that `a:b.html`, `a?b.html` and `a_b.html` keep three outputs, the same
    ones on every run.
    """
    safe: list[str] = []
    for part in parts:
        for piece in part.split("/"):  # a backslash is a character of a POSIX name: replaced, not split
            cleaned = _UNSAFE_NAME_CHARS.sub("_", piece).strip()
            if cleaned in ("", ".", "..") or set(cleaned) <= {"."}:
                continue
            if cleaned != piece or len(cleaned) > MAX_NAME_CHARS:
                cleaned = _marked(cleaned[:MAX_NAME_CHARS], piece)
            safe.append(cleaned)
    return tuple(safe) or ("page",)


def _marked(name: str, original: str) -> str:
    digest = hashlib.blake2b(original.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}-{digest}.{suffix}" if dot and stem else f"{name}-{digest}"


def display_name(path: Path | str) -> str:
    """A path as text that JSON and Parquet can hold: bytes of a file name
    that are no UTF-8 are written as `\\xNN` instead of lone surrogates."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def iter_archive(
    path: Path, out_parts: tuple[str, ...], max_bytes: int, mode: Mode = "auto"
) -> Iterator[Item]:
    """The pages inside one WARC/WET file: response and conversion records.

    Archives lie: a record may be cut short, claim a Content-Length past its
    end, or lack the headers warcio needs. Such a record gives an error item;
    an archive that cannot be read on gives one naming where it stopped.
    """
    from warcio.archiveiterator import ArchiveIterator  # deferred: only archives need it

    offset = 0
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if record.rec_type not in ("response", "conversion"):
                    _read_rest(record)  # requests, metadata, warcinfo: not pages
                    continue
                data, kind, charset, error = _payload(record, max_bytes)
                error = _read_rest(record) or error
                offset, misplaced = _record_end(records)
                error = error or misplaced
                yield Item(
                    source=f"{display_name(path)}#offset={offset}",
                    out_parts=(*out_parts, f"offset-{offset}"),
                    data=None if error else data,
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    mode=kind if mode == "auto" else mode,
                    charset=charset,
                    error=error,
                )
    # Anything: warcio meets hostile headers with AttributeError, OverflowError
    # and more, and one archive must not end the batch.
    except Exception as exc:
        reason = str(exc) if isinstance(exc, _ArchiveStopped) else f"{type(exc).__name__}: {exc}"
        source = f"{display_name(path)}#offset={offset}-broken"
        yield Item(
            source=source,
            out_parts=(*out_parts, f"offset-{offset}-broken"),
            error=f"cannot read archive after offset {offset}: {reason}",
        )


def _record_end(records: Any) -> tuple[int, str | None]:
    """The record's offset, once warcio has read past its end; and the reason
    it is no page when what follows is not the blank line a record ends with
    (its Content-Length is wrong). warcio says so on standard error, where a
    batch's output would carry it: it is heard here instead."""
    complaints = records.err_count
    with contextlib.redirect_stderr(io.StringIO()):
        offset = records.get_record_offset()
    if records.err_count > complaints:
        return offset, "archive record does not end where its Content-Length says"
    return offset, None


class _ArchiveStopped(ValueError):
    """An archive that cannot be read past the current record."""


def _read_rest(record: Any) -> str | None:
    """Read the record to its end, at most MAX_RECORD_BYTES (a record
    inflating to gigabytes would hold the whole batch while it inflates);
    the reason it is no page when it ends before its Content-Length."""
    rest = record.raw_stream
    read = 0
    while chunk := rest.read(READ_CHUNK_BYTES):
        read += len(chunk)
        if read > MAX_RECORD_BYTES:
            raise _ArchiveStopped(f"a record larger than {MAX_RECORD_BYTES} bytes; the rest is not read")
    missing = getattr(rest, "limit", 0)
    if missing > 0:
        declared = record.rec_headers.get_header("Content-Length")
        return f"truncated archive record: it ends {missing} bytes before its Content-Length of {declared}"
    return None


def _payload(record: Any, max_bytes: int) -> tuple[bytes | None, Mode, str | None, str | None]:
    """A record's page bytes, kind and charset, or the reason it is no page."""
    if record.rec_type == "conversion":
        content_type = record.rec_headers.get_header("Content-Type") or "text/plain"
        kind: Mode | None = "text"
    elif record.http_headers is None:
        return None, "auto", None, "response record without HTTP headers"
    else:
        content_type = record.http_headers.get_header("Content-Type") or "text/html"
        kind = _kind_of(content_type)
    if kind is None:
        return None, "auto", None, f"not a page: content type {content_type.split(';')[0].strip()}"
    data = _read_capped(record.content_stream(), max_bytes)
    if data is None:
        return None, kind, None, f"too large: more than {max_bytes} bytes"
    if _NEXT_WARC_RECORD.search(data):
        return None, kind, None, "archive record runs into the next: its Content-Length is too large"
    charset = _CHARSET.search(content_type)
    return data, kind, charset.group(1) if charset else None, None


def _kind_of(content_type: str) -> Mode | None:
    media = content_type.split(";")[0].strip().lower()
    if media in _HTML_TYPES:
        return "html"
    if media in _TEXT_TYPES:
        return "text"
    return None


def _read_capped(stream: IO[bytes], max_bytes: int) -> bytes | None:
    """The stream's bytes, or None when there are more than `max_bytes` (the
    rest is never decompressed: a bomb costs us `max_bytes` at most)."""
    data = stream.read(max_bytes + 1)
    return None if len(data) > max_bytes else data


def out_path(out_dir: Path, parts: Sequence[str], suffix: str) -> Path:
    """Where a page's output goes under `out_dir`; refuses anything that would
    land outside it (a symlink planted inside the tree included)."""
    target = out_dir.joinpath(*safe_parts(parts))
    target = target.with_name(target.name + suffix)
    root = out_dir.resolve()
    if not target.resolve().is_relative_to(root):
        raise ValueError(f"output path {target} escapes {out_dir}")
    return target
