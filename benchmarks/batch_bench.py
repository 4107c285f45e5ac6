"""Batch throughput and memory: pages/s for 1 and 2 workers, peak memory for two corpus sizes.

    python benchmarks/batch_bench.py                      # 2,000 and 20,000 pages, 1 and 2 workers
    python benchmarks/batch_bench.py --sizes 500 --workers 2

The corpus is built in a temporary directory from the fixtures: page i is
fixture i mod 20 with a sentence naming i added, so no two pages are equal
and every page is realistic. Each run is the real command
(`boilerstrip clean CORPUS -o OUT --workers N -q`) in a subprocess, timed
from start to exit. Peak memory is the largest sum of RSS over the command's
whole process tree (parent, fork server, workers), sampled every
`SAMPLE_SECONDS` with psutil; without psutil it falls back to the largest
single child's ru_maxrss.

Targets (issue 6): 2 workers clean >= 1.8x the pages/s of 1 worker; peak
memory for 20,000 pages within 1.2x that for 2,000.
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SAMPLE_SECONDS = 0.05
PAGES_PER_FOLDER = 1000
SPEEDUP_TARGET = 1.8
MEMORY_RATIO_TARGET = 1.2


def build_corpus(root: Path, pages: int) -> None:
    sources = sorted(FIXTURES.glob("*/input.*"))
    texts = [p.read_bytes() for p in sources]
    for i in range(pages):
        source, data = sources[i % len(sources)], texts[i % len(sources)]
        folder = root / f"part-{i // PAGES_PER_FOLDER:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        note = f"This copy is page {i} of the benchmark corpus, made for timing the batch runner."
        if source.suffix == ".html":
            data = data.replace(b"</body>", f"<p>{note}</p></body>".encode(), 1)
        else:
            data = data + f"\n\n{note}\n".encode()
        name = f"page-{i:06d}{source.suffix}"
        if i % 10 == 0:  # some gzipped, as saved crawls are
            (folder / (name + ".gz")).write_bytes(gzip.compress(data))
        else:
            (folder / name).write_bytes(data)


def run(corpus: Path, workers: int, out: Path) -> tuple[float, int]:
    """Seconds and peak process-tree RSS (bytes) of one `clean` run."""
    command = [sys.executable, "-m", "boilerstrip.cli", "clean", str(corpus), "-o", str(out)]
    command += ["--workers", str(workers), "-q"]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])),
    }
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env)
    peak = 0
    try:
        import psutil

        parent = psutil.Process(process.pid)
        while process.poll() is None:
            try:
                tree = [parent, *parent.children(recursive=True)]
                peak = max(peak, sum(_rss(p) for p in tree))
            except psutil.Error:
                pass
            time.sleep(SAMPLE_SECONDS)
    except ImportError:
        process.wait()
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    seconds = time.perf_counter() - started
    if process.wait() != 0:
        raise SystemExit(f"clean failed with exit code {process.returncode}")
    return seconds, peak


def _rss(process: object) -> int:
    try:
        return int(process.memory_info().rss)  # type: ignore[attr-defined]
    except Exception:
        return 0  # it exited between listing and reading


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    results: dict[tuple[int, int], tuple[float, int]] = {}
    with tempfile.TemporaryDirectory(prefix="boilerstrip-bench-") as tmp:
        for size in args.sizes:
            corpus = Path(tmp) / f"corpus-{size}"
            build_corpus(corpus, size)
            for workers in args.workers:
                seconds, peak = run(corpus, workers, Path(tmp) / f"out-{size}-{workers}.jsonl")
                results[size, workers] = (seconds, peak)
                print(
                    f"{size:>6} pages  {workers} worker(s)  {seconds:7.1f} s  {size / seconds:7.1f} pages/s"
                    f"  peak RSS {peak / 2**20:7.1f} MiB",
                    flush=True,
                )
    for size in args.sizes:
        if (size, 1) in results and (size, 2) in results:
            speedup = results[size, 1][0] / results[size, 2][0]
            verdict = "ok" if speedup >= SPEEDUP_TARGET else "BELOW TARGET"
            print(
                f"speedup 2 vs 1 worker at {size} pages: {speedup:.2f}x (target {SPEEDUP_TARGET}x) {verdict}"
            )
    if len(args.sizes) >= 2:
        small, large = min(args.sizes), max(args.sizes)
        for workers in args.workers:
            ratio = results[large, workers][1] / results[small, workers][1]
            verdict = "ok" if ratio <= MEMORY_RATIO_TARGET else "ABOVE TARGET"
            print(
                f"peak memory {large} vs {small} pages, {workers} worker(s): {ratio:.2f}x "
                f"(target <= {MEMORY_RATIO_TARGET}x) {verdict}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
