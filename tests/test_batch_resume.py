"""Nothing lost, nothing twice: a batch killed with SIGKILL at random moments and
started again with the same command ends with exactly the output of a run
that was never interrupted. And a parent killed alone leaves no worker
behind, talking or not."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

# Integration tests: processes, whole folders, a wheel build (`pytest -m "not slow"` skips them).
pytestmark = pytest.mark.slow

SRC = Path(__file__).resolve().parents[1] / "src"
PAGES = 200
ROUNDS = 5

PARAGRAPH = (
    "The council met on {day} to discuss the harbour budget, and members agreed that repairs to "
    "the sea wall and the pier would begin before the winter storms arrived in force."
)


def _make_corpus(root: Path) -> None:
    rng = random.Random(20)
    for n in range(PAGES):
        folder = root / f"part-{n % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        paragraphs = [PARAGRAPH.format(day=f"day {n}.{k}") for k in range(rng.randrange(2, 6))]
        if n % 3:
            (folder / f"page-{n}.txt").write_text(f"Council news {n}\n\n" + "\n\n".join(paragraphs), "utf-8")
        else:
            body = "".join(f"<p>{p}</p>" for p in paragraphs)
            head = f"<head><title>Council news {n}</title></head>"
            html = f"<html>{head}<body><article>{body}</article></body></html>"
            (folder / f"page-{n}.html").write_text(html, "utf-8")


def _command(corpus: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "boilerstrip.cli",
        "clean",
        str(corpus),
        "-o",
        str(out),
        "--workers",
        "2",
        "-q",
    ]


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
    }


def test_killed_runs_resume_to_exactly_the_uninterrupted_output(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _make_corpus(corpus)
    reference = tmp_path / "reference.jsonl"
    subprocess.run(_command(corpus, reference), env=_env(), check=True, timeout=300)
    assert len(reference.read_text("utf-8").splitlines()) == PAGES

    out = tmp_path / "out.jsonl"
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    for _ in range(ROUNDS):
        process = subprocess.Popen(_command(corpus, out), env=_env(), start_new_session=True)
        time.sleep(rng.uniform(0.3, 2.0))
        if process.poll() is not None:
            break  # it finished before the kill
        os.killpg(process.pid, signal.SIGKILL)  # the parent, the fork server and the workers
        process.wait()
        partial = out.with_name(out.name + ".partial")
        journal = out.with_name(out.name + ".progress")
        if partial.exists() and journal.exists():  # every committed line is whole
            entries = [json.loads(line) for line in journal.read_bytes().split(b"\n")[:-1]]
            committed = entries[-1] if entries else {"size": 0, "items": 0}
            lines = partial.read_bytes()[: committed["size"]].decode("utf-8").splitlines()
            assert len(lines) == committed["items"], f"seed {seed}"
            assert all(json.loads(line)["source"] for line in lines)
    subprocess.run(_command(corpus, out), env=_env(), check=True, timeout=300)

    assert out.read_bytes() == reference.read_bytes(), f"seed {seed}"
    sources = [json.loads(line)["source"] for line in out.read_text("utf-8").splitlines()]
    assert len(sources) == len(set(sources)) == PAGES
    assert not list(tmp_path.glob("out.jsonl.*"))


def _alive_in_group(pgid: int) -> list[str]:
    """The processes of a process group that still run (zombies aside), as "pid state command"."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # it exited while we looked
        name_end = text.rindex(")")
        state, _ppid, group = text[name_end + 2 :].split()[:3]
        if int(group) == pgid and state != "Z":
            alive.append(f"{stat.parent.name} {state} {text[: name_end + 1]}")
    return alive


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table in /proc")
def test_a_parent_killed_alone_leaves_no_worker_running_or_printing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(3000):  # enough pages that the run is still going when it is killed
        (corpus / f"page-{n}.txt").write_text(
            f"Council news {n}\n\n" + "\n\n".join(PARAGRAPH.format(day=f"day {n}.{k}") for k in range(3)),
            "utf-8",
        )
    out, errors = tmp_path / "out.jsonl", tmp_path / "stderr.txt"
    partial = out.with_name(out.name + ".partial")
    with errors.open("wb") as stderr:
        process = subprocess.Popen(
            _command(corpus, out),
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,
        )
    deadline = time.monotonic() + 120
    while not (partial.exists() and partial.stat().st_size) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)  # the parent alone: its workers are orphaned
    process.wait()
    while _alive_in_group(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _alive_in_group(process.pid) == []
    assert errors.read_text("utf-8") == ""


def test_the_journal_counts_error_records_so_a_resumed_run_exits_honestly(tmp_path: Path) -> None:
    from boilerstrip.batch.outputs import LinesOutput

    out = tmp_path / "out.jsonl"
    first = LinesOutput(out, "fingerprint")
    first.open()
    first.write("a.html", '{"error": "empty input"}', error=True)
    first.write("b.html", '{"body": "text"}')
    first.commit()
    first.close()  # killed here: never finished
    resumed = LinesOutput(out, "fingerprint").open()
    assert (resumed.items, resumed.errors) == (2, 1)
