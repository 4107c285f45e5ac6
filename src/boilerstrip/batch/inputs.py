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
_UNSAFE_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
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
        for path, parts in _walk(root, on_skip):
            out_parts = safe_parts((*prefix, *parts))
            if is_archive_name(path.name):
                yield from iter_archive(path, out_parts, max_bytes, mode)
            else:
                yield Item(source=str(path), out_parts=out_parts, path=str(path), mode=mode, url=url)


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
        for path, _ in _walk(root):
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
) -> Iterator[tuple[Path, tuple[str, ...]]]:
    """Files under `root` (or `root` itself) with their parts relative to it."""
    if not root.is_dir():
        yield root, (root.name,)
        return
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        relative = Path(folder).relative_to(root).parts
        for name in sorted(files):
            if _is_input_name(name):
                yield Path(folder) / name, (*relative, name)
            elif on_skip is not None:
                on_skip(Path(folder) / name)


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
    no `..`, no absolute roots or drives, no separators or control characters."""
    safe: list[str] = []
    for part in parts:
        for piece in re.split(r"[/\\]", part):
            piece = _UNSAFE_NAME_CHARS.sub("_", piece).strip()
            if piece in ("", ".", "..") or set(piece) <= {"."}:
                continue
            safe.append(piece[:MAX_NAME_CHARS])
    return tuple(safe) or ("page",)


def iter_archive(
    path: Path, out_parts: tuple[str, ...], max_bytes: int, mode: Mode = "auto"
) -> Iterator[Item]:
    """The pages inside one WARC/WET file: response and conversion records."""
    from warcio.archiveiterator import ArchiveIterator  # deferred: only archives need it
    from warcio.exceptions import ArchiveLoadFailed

    offset = 0
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if record.rec_type not in ("response", "conversion"):
                    continue  # requests, metadata, warcinfo: not pages
                data, kind, charset, error = _payload(record, max_bytes)
                # The offset is known once the record is read (warcio reads to its end).
                offset = records.get_record_offset()
                yield Item(
                    source=f"{path}#offset={offset}",
                    out_parts=(*out_parts, f"offset-{offset}"),
                    data=data,
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    mode=kind if mode == "auto" else mode,
                    charset=charset,
                    error=error,
                )
    except (OSError, ArchiveLoadFailed, ValueError, EOFError) as exc:
        source = f"{path}#offset={offset}-broken"
        yield Item(
            source=source,
            out_parts=(*out_parts, f"offset-{offset}-broken"),
            error=f"cannot read archive: {exc}",
        )


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
