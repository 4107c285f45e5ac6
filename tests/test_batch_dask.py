"""The Dask engine gives the same records as the local worker pool."""

from __future__ import annotations

from pathlib import Path

import pytest

from boilerstrip.batch.runner import BatchOptions, run_batch

# Integration tests: processes, whole folders, a wheel build (`pytest -m "not slow"` skips them).
pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_dask_on_a_local_cluster_matches_the_local_engine(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    local, on_dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run_batch(BatchOptions(paths=(FIXTURES,), output=local, workers=2, duplicates=True))
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        summary = run_batch(
            BatchOptions(
                paths=(FIXTURES,),
                output=on_dask,
                engine="dask",
                scheduler=cluster.scheduler_address,
                duplicates=True,
            )
        )
    assert summary.pages == len(list(FIXTURES.glob("*/input.*"))) > 0
    assert on_dask.read_bytes() == local.read_bytes()
