"""A process pool that keeps input order and survives pages that kill or hang a worker.

`map_ordered(function, failure, jobs)` yields `function(job)` for every job,
in the order of `jobs`, whatever the number of workers: the same inputs give
the same output file. The standard pools do not fit: `multiprocessing.Pool`
loses a task whose worker dies and waits for it forever, and
`ProcessPoolExecutor` breaks as a whole. Here each worker has its own task
queue (holding up to `QUEUED_CHUNKS` chunks, so it never waits for the
parent) and its own result pipe, on which it reports every page as it
finishes it: the parent always knows which page a worker is on. When a
worker dies, or stays on one page past `hard_limit` seconds, the parent kills
it, starts another, gives that page `failure(job, reason)` and hands the rest
of the worker's chunks out again.

Tasks travel on a plain pipe, fed by a thread of the parent's (`_Sender`),
not on a `multiprocessing.Queue`: a queue's semaphores outlive a parent
killed with SIGKILL, and the resource tracker then prints a warning about
them. A worker whose parent is gone exits at once and says nothing: it
watches the parent's sentinel, and a pipe that breaks under it ends it
quietly, so a `kill -9` of the parent leaves no tracebacks behind.

Memory is bounded: at most `workers * chunk_size * AHEAD_CHUNKS` jobs are
dispatched beyond the next one to yield.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

J = TypeVar("J")
R = TypeVar("R")

# Pages per message: enough that pipe round trips are noise next to cleaning
# (a page takes milliseconds), few enough that workers finish together.
DEFAULT_CHUNK_SIZE = 8
# How far ahead of the slowest page dispatch may run, in chunks per worker:
# one slow page must not idle the other workers, nor let results pile up.
AHEAD_CHUNKS = 8
# Chunks queued per worker: the next one waits in its queue while it works,
# so it never idles while the parent writes or fsyncs.
QUEUED_CHUNKS = 2
# How long a stopping worker gets to exit before it is killed.
STOP_GRACE_SECONDS = 5.0
# Told to a worker's sender thread: nothing more to send.
_CLOSE = object()


class _Sender:
    """The parent's end of a worker's task pipe, and a thread that writes to it:
    `put` never blocks, however full the pipe of a busy worker is."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.pending: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._send, daemon=True)
        self.thread.start()

    def put(self, chunk: Any) -> None:
        self.pending.put(chunk)

    def _send(self) -> None:
        try:
            while (chunk := self.pending.get()) is not _CLOSE:
                self.conn.send(chunk)
        except (OSError, ValueError):  # the worker is gone: what is left has nowhere to go
            pass

    def close(self) -> None:
        """Stop sending (after what was put, when the worker still reads) and close the pipe."""
        self.pending.put(_CLOSE)
        self.thread.join(timeout=STOP_GRACE_SECONDS)
        self.conn.close()


@dataclass
class _Worker(Generic[J]):
    process: BaseProcess
    tasks: _Sender  # chunks of (sequence number, job); None tells the worker to stop
    conn: Connection  # results, one message per page
    assigned: deque[tuple[int, J]] = field(default_factory=deque)
    since: float = 0.0  # when the page it is on started (or its last report)


def _worker_main(tasks: Connection, conn: Connection, function: Callable[[Any], Any]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _exit_with_parent()
    try:
        while (chunk := tasks.recv()) is not None:
            for seq, job in chunk:
                conn.send((seq, function(job)))
    except (EOFError, OSError):  # the parent is gone: no one to report to, nothing to say
        os._exit(0)


def _exit_with_parent() -> None:
    """End this worker the moment its parent dies, even in the middle of a page."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _context(preload: Sequence[str]) -> Any:
    # forkserver: workers start from a clean, single-threaded server process
    # (the parent may run a progress-bar thread) that has imported `preload`
    # once, so a worker (or its replacement) is ready in milliseconds.
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(preload))
    return context


def map_ordered(
    function: Callable[[J], R],
    failure: Callable[[J, str], R],
    jobs: Iterable[J],
    *,
    workers: int,
    hard_limit: float,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    preload: Sequence[str] = (),
) -> Iterator[R]:
    """`function(job)` for every job in order, computed by `workers` processes
    started from a server that has imported the modules named in `preload`."""
    context = _context(preload)
    source = iter(enumerate(jobs))
    retry: deque[tuple[int, J]] = deque()
    done: dict[int, R] = {}
    pool: list[_Worker[J]] = []
    next_out = 0
    dispatched = 0  # one past the highest sequence number handed out
    window = max(1, workers) * chunk_size * AHEAD_CHUNKS
    exhausted = False

    def start() -> _Worker[J]:
        task_reader, task_writer = context.Pipe(duplex=False)
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_worker_main, args=(task_reader, sender, function), daemon=True)
        process.start()
        task_reader.close()
        sender.close()
        return _Worker(process, _Sender(task_writer), receiver)

    def take(n: int) -> list[tuple[int, J]]:
        nonlocal exhausted, dispatched
        chunk: list[tuple[int, J]] = []
        while retry and len(chunk) < n:
            chunk.append(retry.popleft())
        while not exhausted and len(chunk) < n and dispatched < next_out + window:
            try:
                chunk.append(next(source))
            except StopIteration:
                exhausted = True
                break
            dispatched += 1
        return chunk

    def fail(worker: _Worker[J], reason: str) -> None:
        _stop(worker, kill=True)
        if worker.assigned:
            seq, job = worker.assigned.popleft()
            done[seq] = failure(job, reason)
            retry.extendleft(reversed(worker.assigned))
        pool[pool.index(worker)] = start()

    try:
        pool.extend(start() for _ in range(max(1, workers)))
        while True:
            for worker in pool:
                while len(worker.assigned) < QUEUED_CHUNKS * chunk_size:
                    chunk = take(chunk_size)
                    if not chunk:
                        break
                    if not worker.assigned:
                        worker.since = time.monotonic()
                    worker.tasks.put(chunk)
                    worker.assigned.extend(chunk)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            busy = [w for w in pool if w.assigned]
            if not busy:
                if exhausted and not retry:
                    return
                continue  # the window was full; yielding freed it
            deadline = min(w.since for w in busy) + hard_limit
            ready = wait(
                [w.conn for w in busy] + [w.process.sentinel for w in busy],
                timeout=max(0.0, deadline - time.monotonic()),
            )
            for worker in busy:
                pipe_ok = _receive(worker, done)
                if not worker.assigned:
                    continue
                if not pipe_ok or worker.process.sentinel in ready:  # a dead worker's sentinel is ready
                    worker.process.join(timeout=STOP_GRACE_SECONDS)
                    fail(worker, f"worker process died (exit code {worker.process.exitcode})")
                elif time.monotonic() - worker.since > hard_limit:
                    fail(worker, f"time limit exceeded: more than {hard_limit:g} s on this page")
    finally:
        for worker in pool:
            _stop(worker, kill=bool(worker.assigned))


def _receive(worker: _Worker[Any], done: dict[int, Any]) -> bool:
    """Collect every result the worker has sent; False when its pipe is dead."""
    try:
        while worker.assigned and worker.conn.poll():
            seq, result = worker.conn.recv()
            expected, _ = worker.assigned.popleft()
            assert seq == expected, "a worker answers its chunk in order"
            done[seq] = result
            worker.since = time.monotonic()
    except (EOFError, OSError):
        return False
    return True


def _stop(worker: _Worker[Any], *, kill: bool) -> None:
    if kill:
        worker.process.kill()
    else:
        worker.tasks.put(None)
    worker.process.join(timeout=STOP_GRACE_SECONDS)
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join()
    worker.tasks.close()  # a dead worker's pipe is broken: its sender gives up at once
    worker.conn.close()
