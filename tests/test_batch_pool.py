"""The worker pool: input order whatever the worker count, and pages that kill
or hang a worker become failure results while the rest of the batch goes on."""

from __future__ import annotations

import os
import time

import pytest

from boilerstrip.batch.pool import map_ordered

# Integration tests: processes, whole folders, a wheel build (`pytest -m "not slow"` skips them).
pytestmark = pytest.mark.slow

CRASH = -1
HANG = -2


def square_or_misbehave(job: int) -> str:
    if job == CRASH:
        os._exit(3)  # what a segfaulting parser looks like from outside
    if job == HANG:
        time.sleep(60)
    if job % 7 == 0:
        time.sleep(0.01)  # uneven page times, so workers finish out of order
    return f"ok {job * job}"


def failure(job: int, reason: str) -> str:
    return f"failed {job}: {reason}"


def test_results_come_back_in_input_order_for_any_worker_count() -> None:
    jobs = list(range(60))
    expected = [f"ok {n * n}" for n in jobs]
    for workers in (1, 3):
        got = list(
            map_ordered(square_or_misbehave, failure, jobs, workers=workers, hard_limit=30, chunk_size=4)
        )
        assert got == expected


def test_a_page_that_kills_its_worker_gets_a_failure_and_the_rest_go_on() -> None:
    jobs = [1, 2, CRASH, 3, 4, 5, CRASH, 6, 7, 8, 9, 10]
    got = list(map_ordered(square_or_misbehave, failure, jobs, workers=2, hard_limit=30, chunk_size=4))
    assert len(got) == len(jobs)
    for job, result in zip(jobs, got, strict=True):
        if job == CRASH:
            assert result.startswith(f"failed {CRASH}: worker process died (exit code 3)")
        else:
            assert result == f"ok {job * job}"


def test_a_page_that_hangs_is_given_up_after_the_hard_limit() -> None:
    jobs = [1, HANG, 2, 3, 4, 5]
    started = time.monotonic()
    got = list(map_ordered(square_or_misbehave, failure, jobs, workers=2, hard_limit=1.0, chunk_size=2))
    assert time.monotonic() - started < 30
    assert got[1].startswith(f"failed {HANG}: time limit exceeded")
    assert [g for i, g in enumerate(got) if i != 1] == ["ok 1", "ok 4", "ok 9", "ok 16", "ok 25"]
