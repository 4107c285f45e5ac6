"""Where records go: JSON Lines (a file or stdout), a mirrored tree, or Parquet.

Nothing lost, nothing twice. Records reach a writer in input order, so what
is done is always a prefix of the inputs, and a journal line records it: the
number of items committed, the byte length of the output at that point, a
chained hash of their sources, and how many of them are error records (so a
resumed run still exits 1 for the errors of the run it resumes). A commit appends complete lines, fsyncs the
output, then appends the journal line and fsyncs the journal. A run killed at
any moment (kill -9 included) restarts from the last journal line: the
partial output is cut back to that length (dropping any torn or uncommitted
line), the first N inputs are skipped (their sources checked against the
chain), and the run goes on. Only a finished run renames `OUT.partial` to
`OUT`, so `OUT` is never a half-written file. Resuming keeps O(1) state: no
set of done inputs is needed, because done is always a prefix.

`--out-dir` writes each page's file atomically (a temporary name, then a
rename) and keeps its journal in `DIR/.boilerstrip.progress`. Parquet is
written from the finished JSON Lines in one streaming pass, so it inherits
their resumability; `metadata` and `removed` are JSON strings in it, because
their fields differ from page to page.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from boilerstrip.batch.inputs import out_path

# Rows per Parquet row group: large enough for good compression, small enough
# to keep the conversion's memory a few MB whatever the corpus size.
PARQUET_ROWS_PER_GROUP = 2000
PARQUET_COLUMNS = ("source", "url", "title", "body", "metadata", "error", "removed")


class BatchError(RuntimeError):
    """A batch that cannot start or go on (options changed, output unsafe)."""


@dataclass(frozen=True)
class Progress:
    """What a journal line says: how many items are safely written, which, and
    how many of them are error records."""

    items: int = 0
    size: int = 0
    chain: str = ""
    errors: int = 0

    def after(self, source: str, error: bool) -> Progress:
        """The progress once one more item is written."""
        return Progress(self.items + 1, self.size, chain_hash(self.chain, source), self.errors + error)


def chain_hash(chain: str, source: str) -> str:
    return hashlib.blake2b(
        (chain + "\0" + source).encode("utf-8", "surrogatepass"), digest_size=16
    ).hexdigest()


class Journal:
    """An append-only file of progress lines; the last complete one is the truth."""

    def __init__(self, path: Path, fingerprint: str) -> None:
        self.path = path
        self.fingerprint = fingerprint

    def last(self) -> Progress | None:
        """The last complete line, or None; refuses a journal of other options."""
        try:
            lines = self.path.read_bytes().split(b"\n")[:-1]  # a line without its newline is torn
        except FileNotFoundError:
            return None
        for raw in reversed(lines):
            try:
                entry = json.loads(raw)
            except ValueError:
                continue
            if entry.get("fingerprint") != self.fingerprint:
                raise BatchError(
                    f"{self.path} belongs to a run with other inputs or options; "
                    "delete it (and the .partial output) to start over"
                )
            return Progress(
                int(entry["items"]), int(entry["size"]), str(entry["chain"]), int(entry.get("errors", 0))
            )
        return None

    def append(self, progress: Progress) -> None:
        entry = {"fingerprint": self.fingerprint, **progress.__dict__}
        with _open_no_follow(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT) as handle:
            handle.write(json.dumps(entry).encode() + b"\n")
            handle.flush()
            os.fsync(handle.fileno())

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


class LinesOutput:
    """JSON Lines to a file (resumable, renamed into place at the end) or to stdout;
    with `documents`, each page as a document to read instead (Markdown,
    HTML or text, as the worker drew it), a blank line after each."""

    def __init__(
        self, target: Path | None, fingerprint: str, *, parquet: bool = False, documents: bool = False
    ) -> None:
        self.target = target
        self.parquet = parquet
        self.documents = documents
        self.progress = Progress()
        self.handle: IO[bytes] = sys.stdout.buffer
        self.partial = self.journal = None
        # A device or a pipe (`-o /dev/null`, a FIFO) is written straight
        # through: renaming a finished file over it would replace the device.
        self.device = target if target is not None and target.exists() and not target.is_file() else None
        self.lock: OutputLock | None = None
        if target is not None and self.device is None:
            self.partial = target.with_name(target.name + ".partial")
            self.journal = Journal(target.with_name(target.name + ".progress"), fingerprint)
            self.lock = OutputLock(target.with_name(target.name + ".lock"), target)

    def open(self) -> Progress:
        if self.device is not None:
            if self.parquet:
                raise BatchError(f"--format parquet needs a regular file, not {self.device}")
            self.handle = self.device.open("wb")
        if self.partial is None or self.journal is None or self.lock is None:
            return self.progress
        self.partial.parent.mkdir(parents=True, exist_ok=True)
        self.lock.take()
        state = self.journal.last() if self.partial.exists() else None
        if state is None:
            self.journal.remove()
            self.partial.unlink(missing_ok=True)
            self.handle = _open_no_follow(self.partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
            self.journal.append(self.progress)
            return self.progress
        self.handle = _open_no_follow(self.partial, os.O_RDWR)
        if os.fstat(self.handle.fileno()).st_size < state.size:
            raise BatchError(f"{self.partial} is shorter than its journal says; delete it to start over")
        self.handle.truncate(state.size)
        self.handle.seek(state.size)
        self.progress = state
        return state

    def write(
        self,
        source: str,
        line: str,
        *,
        parts: tuple[str, ...] = (),
        body: str | None = None,
        error: bool = False,
    ) -> None:
        if self.documents:
            line = f"{body}\n" if body else ""  # a page that gave an error has nothing to read
        if line or not self.documents:
            self.handle.write(line.encode("utf-8", "surrogatepass") + b"\n")
        self.progress = self.progress.after(source, error)

    def commit(self) -> None:
        self.handle.flush()
        if self.journal is None:
            return
        os.fsync(self.handle.fileno())
        self.progress = replace(self.progress, size=self.handle.tell())
        self.journal.append(self.progress)

    def committed_lines(self) -> Iterator[str]:
        """The records already written by the run being resumed."""
        if self.partial is None or not self.progress.items:
            return
        with self.partial.open("rb") as handle:
            for raw in handle:
                yield raw.decode("utf-8", "surrogatepass")

    def finish(self) -> None:
        self.commit()
        if self.partial is None or self.journal is None or self.target is None:
            return
        self.handle.close()
        if self.parquet:
            jsonl_to_parquet(self.partial, self.target)
            self.partial.unlink()
        else:
            self.partial.replace(self.target)
        _fsync_dir(self.target.parent)
        self.journal.remove()
        if self.lock is not None:
            self.lock.remove()

    def close(self) -> None:
        if self.partial is not None or self.device is not None:
            self.handle.close()
        if self.lock is not None:
            self.lock.release()


class TreeOutput:
    """One `.json` (and with `txt` one `.txt`) per page, mirroring the input tree;
    with `document` (a suffix: `.md`, `.html`, `.txt`) the page as a document
    to read beside it."""

    def __init__(
        self, out_dir: Path, fingerprint: str, *, txt: bool = False, document: str | None = None
    ) -> None:
        self.out_dir = out_dir
        self.txt = txt
        self.document = document
        self.journal = Journal(out_dir / ".boilerstrip.progress", fingerprint)
        self.lock = OutputLock(out_dir / ".boilerstrip.lock", out_dir)
        self.progress = Progress()

    def open(self) -> Progress:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.lock.take()
        self.progress = self.journal.last() or Progress()
        return self.progress

    def write(
        self,
        source: str,
        line: str,
        *,
        parts: tuple[str, ...] = (),
        body: str | None = None,
        error: bool = False,
    ) -> None:
        try:
            target = out_path(self.out_dir, parts, ".json")
        except ValueError as exc:
            raise BatchError(str(exc)) from exc
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(target, line + "\n")
        if self.document is not None:
            _write_atomic(out_path(self.out_dir, parts, self.document), (body or "") + "\n")
        elif self.txt:
            _write_atomic(out_path(self.out_dir, parts, ".txt"), (body or "") + "\n")
        self.progress = self.progress.after(source, error)

    def commit(self) -> None:
        self.journal.append(self.progress)

    def committed_lines(self) -> Iterator[str]:
        return iter(())  # --duplicates across a resumed --out-dir run reads no earlier pages

    def finish(self) -> None:
        self.journal.remove()
        self.lock.remove()

    def close(self) -> None:
        self.lock.release()


class OutputLock:
    """One run per output: a second run on the same output is refused, not
    interleaved with the first (an flock, so a killed run leaves no stale lock)."""

    def __init__(self, path: Path, output: Path) -> None:
        self.path = path
        self.output = output
        self.fd: int | None = None

    def take(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise BatchError(f"another run is writing {self.output} (it holds {self.path})") from None
        self.fd = fd

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _open_no_follow(path: Path, flags: int) -> IO[bytes]:
    """Open for writing without following a symlink: one planted at an
    output's name must not send the run's writes outside the output."""
    return os.fdopen(os.open(path, flags | os.O_NOFOLLOW, 0o644), "r+b" if flags & os.O_RDWR else "wb")


def _write_atomic(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".tmp")
    partial.unlink(missing_ok=True)  # a symlink planted here goes, not what it points at
    with _open_no_follow(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL) as handle:
        handle.write(text.encode("utf-8", "surrogatepass"))
    partial.replace(path)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def jsonl_to_parquet(source: Path, target: Path) -> None:
    """Stream JSON Lines into a Parquet file, written beside `target` and renamed."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, pa.string()) for name in PARQUET_COLUMNS])
    partial = target.with_name(target.name + ".tmp")
    with pq.ParquetWriter(partial, schema) as writer, source.open("rb") as lines:
        rows: list[dict[str, Any]] = []
        for raw in lines:
            rows.append(json.loads(raw))
            if len(rows) >= PARQUET_ROWS_PER_GROUP:
                writer.write_table(_table(rows, schema))
                rows = []
        if rows:
            writer.write_table(_table(rows, schema))
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    partial.replace(target)


def _table(rows: list[dict[str, Any]], schema: Any) -> Any:
    import pyarrow as pa

    def cell(row: dict[str, Any], name: str) -> str | None:
        value = row.get(name)
        if name in ("metadata", "removed") and value is not None:
            return json.dumps(value, ensure_ascii=False)
        return None if value is None else str(value)

    return pa.Table.from_pydict({name: [cell(row, name) for row in rows] for name in PARQUET_COLUMNS}, schema)
