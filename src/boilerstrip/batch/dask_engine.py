"""The same batch on a Dask cluster (`--engine dask [--scheduler ADDRESS]`).

It is a drop-in for `pool.map_ordered`: jobs go to the cluster in chunks, a
bounded number at a time, and results come back in input order, so journal,
resumption, templates, duplicates and every output format work unchanged.
Without a scheduler address a `LocalCluster` of `workers` processes is
started. Files are read by the Dask workers, so on a real cluster they must
see the same paths (a shared filesystem); archive records travel as bytes.

A chunk whose task fails (a worker killed by a page, after Dask's own
retries) is run again page by page, and a page that fails alone gets
`failure(job, reason)`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

J = TypeVar("J")
R = TypeVar("R")

# Pages per task: Dask's per-task overhead is around a millisecond, a page's
# cleaning a few; 32 pages keeps overhead small and tasks short.
DASK_CHUNK_SIZE = 32
# Tasks in flight per worker thread: enough to keep the cluster busy while the
# client waits for the oldest one, bounded so memory stays flat.
DASK_TASKS_PER_THREAD = 4


def _run_chunk(
    function: Callable[[Any], Any], failure: Callable[[Any, str], Any], jobs: list[Any]
) -> list[Any]:
    out = []
    for job in jobs:
        try:
            out.append(function(job))
        except Exception as exc:  # one bad page must not fail its chunk
            out.append(failure(job, f"{type(exc).__name__}: {exc}"))
    return out


def map_ordered_dask(
    function: Callable[[J], R],
    failure: Callable[[J, str], R],
    jobs: Iterable[J],
    *,
    scheduler: str | None,
    workers: int,
    chunk_size: int = DASK_CHUNK_SIZE,
) -> Iterator[R]:
    from dask.distributed import Client, LocalCluster

    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
    client = Client(scheduler if scheduler else cluster)
    try:
        threads = max(1, sum(client.nthreads().values()))
        window = threads * DASK_TASKS_PER_THREAD
        source = iter(jobs)
        pending: deque[tuple[list[J], Any]] = deque()
        while True:
            while len(pending) < window:
                chunk = list(islice(source, chunk_size))
                if not chunk:
                    break
                pending.append((chunk, client.submit(_run_chunk, function, failure, chunk, pure=False)))
            if not pending:
                return
            chunk, future = pending.popleft()
            yield from _collect(client, function, failure, chunk, future)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _collect(
    client: Any, function: Callable[[J], R], failure: Callable[[J, str], R], chunk: list[J], future: Any
) -> Iterator[R]:
    try:
        results: list[R] = future.result()
    except Exception:
        results = []
        for job in chunk:
            try:
                results.extend(client.submit(_run_chunk, function, failure, [job], pure=False).result())
            except Exception as exc:
                results.append(failure(job, f"worker failed on this page: {type(exc).__name__}: {exc}"))
    yield from results
