"""The command's exit status and its messages: one line for each mistake, never a
traceback; 0, 1, 2, 130 and 141 each where the README's table says."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from boilerstrip.cli import main
from boilerstrip.exits import BROKEN_PIPE, FAILED, INTERRUPTED, OK, USAGE

SRC = Path(__file__).resolve().parents[1] / "src"
STORY = (
    "Harbour reopens after storm\n\n"
    "The harbour reopened on Monday after a week of repairs to the sea wall and the pier.\n\n"
    "Fishing boats returned to their moorings by noon, the harbour master said in a statement.\n"
)


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "boilerstrip", *args]


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
    }


def _one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "pages" / "story.txt"
    path.parent.mkdir()
    path.write_text(STORY, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["-o", "OUT", "--out-dir", "DIR"], "-o and --out-dir are two places for the records: give one"),
        (["--txt"], "--txt writes a .txt beside each page's .json: it needs --out-dir"),
        (["--format", "parquet"], "--format parquet needs a file to write: -o FILE.parquet"),
        (["--format", "parquet", "-o", "-"], "--format parquet needs a file to write: -o FILE.parquet"),
        (
            ["--scheduler", "tcp://h:8786"],
            "--scheduler is a Dask scheduler's address: it needs --engine dask",
        ),
        (["PAGES", "--url", "https://a.example/1"], "--url is the URL of one page: give one file or -"),
        (["-"], "- (standard input) can be read only once"),
        (["-q", "-v"], "argument -v/--verbose: not allowed with argument -q/--quiet"),
        (["--workers", "0"], "argument --workers: must be a whole number, 1 or more, not '0'"),
        (["--disable", "no-such-rule"], "no rule has the id(s) ['no-such-rule']"),
        (["--rules", "NOWHERE"], "NOWHERE: no such rule file or directory"),
        (["--mode", "pdf"], "argument --mode: invalid choice: 'pdf'"),
    ],
)
def test_a_mistake_in_the_options_is_one_line_and_status_2_before_any_page(
    tmp_path: Path, page: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    names = {"OUT": str(tmp_path / "out.jsonl"), "DIR": str(tmp_path / "out"), "PAGES": str(page.parent)}
    names["NOWHERE"] = str(tmp_path / "nowhere")
    args = ["clean", "-" if extra == ["-"] else str(page), *(names.get(a, a) for a in extra)]
    assert main(args) == USAGE
    captured = capsys.readouterr()
    line = _one_line(captured.err)
    assert line.startswith("boilerstrip clean: ")
    assert message.replace("NOWHERE", names["NOWHERE"]) in line
    assert captured.out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages"]  # nothing written


@pytest.mark.parametrize("missing", ["nosuchdir/", "missing.html"])
def test_an_input_that_does_not_exist_is_a_usage_error(
    tmp_path: Path, page: Path, capsys: pytest.CaptureFixture[str], missing: str
) -> None:
    assert main(["clean", str(page), str(tmp_path / missing)]) == USAGE
    name = (tmp_path / missing).as_posix().rstrip("/")
    assert _one_line(capsys.readouterr().err) == f"boilerstrip clean: {name}: no such file or directory"


def test_an_output_that_is_a_folder_or_cannot_be_written_is_a_usage_error(
    tmp_path: Path, page: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["clean", str(page), "-o", str(tmp_path)]) == USAGE
    assert _one_line(capsys.readouterr().err) == (
        f"boilerstrip clean: -o {tmp_path} is a folder; for one file per page, use --out-dir {tmp_path}"
    )
    blocked = page  # a file where the output's folder should be
    assert main(["clean", str(page), "-o", str(blocked / "out.jsonl"), "-q"]) == USAGE
    line = _one_line(capsys.readouterr().err)
    assert line.startswith(f"boilerstrip clean: cannot write {blocked}")
    assert main(["clean", str(page), "--out-dir", str(page)]) == USAGE
    assert "is a file, not a folder" in _one_line(capsys.readouterr().err)


def test_argparse_mistakes_are_one_line_too(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean"]) == USAGE
    assert _one_line(capsys.readouterr().err) == (
        "boilerstrip clean: the following arguments are required: PATH (see boilerstrip clean --help)"
    )
    assert main(["no-such-command"]) == USAGE
    assert "invalid choice" in _one_line(capsys.readouterr().err)
    assert main(["--version"]) == OK


@pytest.mark.slow
def test_status_0_when_every_page_is_cleaned_and_1_when_any_gives_an_error_record(
    tmp_path: Path, page: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["clean", str(page.parent), "-o", str(tmp_path / "good.jsonl"), "-q"]) == OK
    (page.parent / "empty.txt").write_bytes(b"")
    assert main(["clean", str(page.parent), "-o", str(tmp_path / "some.jsonl"), "-q"]) == FAILED
    assert main(["clean", str(page.parent / "empty.txt"), "-q"]) == FAILED  # every page failed
    assert capsys.readouterr().err == ""  # -q: the status says it


@pytest.mark.slow
def test_a_folder_without_pages_is_status_1_and_says_what_a_page_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["clean", str(empty), "-q"]) == FAILED
    line = _one_line(capsys.readouterr().err)
    assert line.startswith(f"boilerstrip clean: no pages found in {empty}; pages are named .html, .htm")
    (empty / "README").write_text(STORY, encoding="utf-8")
    assert main(["clean", str(empty)]) == FAILED
    assert f"no pages found in {empty} (1 file skipped)" in _one_line(capsys.readouterr().err)


@pytest.mark.slow
def test_skipped_files_are_named_and_verbose_gives_a_line_per_page(
    page: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (page.parent / "notes").write_text(STORY, encoding="utf-8")  # no extension: not a page
    (page.parent / "empty.txt").write_bytes(b"")
    assert main(["clean", str(page.parent)]) == FAILED
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2
    skipped, summary = captured.err.splitlines()
    assert skipped.startswith(
        f"boilerstrip clean: skipped 1 file not named like pages ({page.parent / 'notes'})"
    )
    assert summary.startswith("boilerstrip clean: 2 pages, 1 record, 1 error in ")
    assert summary.endswith("; -v lists them")
    assert main(["clean", str(page.parent), "-v"]) == FAILED
    lines = capsys.readouterr().err.splitlines()
    assert set(lines[:3]) == {  # in walk order, a skip said as the walk meets it
        f"{page.parent / 'empty.txt'}: error: empty input",
        f"{page.parent / 'notes'}: skipped: not named like a page (.html, .htm, .xhtml, .txt, .text;"
        " archives .warc, .wet; each may end in .gz)",
        f"{page}: ok: Harbour reopens after storm",
    }
    assert lines[3].startswith("boilerstrip clean: 2 pages, 1 record, 1 error in ") and len(lines) == 4


@pytest.mark.slow
def test_clean_reads_standard_input_and_writes_standard_output() -> None:
    url = "https://Harbour.example/news/reopens?utm_source=feed"
    for output in ([], ["-o", "-"]):
        done = subprocess.run(
            _command("clean", "-", "--url", url, "-q", *output),
            input=STORY.encode(),
            capture_output=True,
            env=_env(),
            timeout=120,
        )
        assert done.returncode == OK and done.stderr == b""
        (record,) = [json.loads(line) for line in done.stdout.decode().splitlines()]
        assert record["source"] == "<stdin>" and record["url"] == "https://harbour.example/news/reopens"
        assert record["title"] == "Harbour reopens after storm" and "Fishing boats" in record["body"]
    done = subprocess.run(
        _command("clean", "-", "-q"), input=b"", capture_output=True, env=_env(), timeout=120
    )
    assert done.returncode == FAILED and json.loads(done.stdout)["error"] == "empty input"


def _big_corpus(root: Path, pages: int = 3000) -> None:
    root.mkdir()
    for n in range(pages):
        (root / f"page-{n}.txt").write_text(STORY.replace("Monday", f"day {n}"), encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_an_interrupted_run_exits_130_quietly_and_says_how_to_resume(tmp_path: Path, how: str) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out.jsonl"
    _big_corpus(corpus)
    command = _command("clean", str(corpus), "-o", str(out), "--workers", "2")
    partial = out.with_name(out.name + ".partial")
    process = subprocess.Popen(command, env=_env(), stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while not (partial.exists() and partial.stat().st_size) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be interrupted"
    if how == "ctrl-c":  # the terminal sends SIGINT to the whole foreground group
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == INTERRUPTED
    assert _one_line(err.decode()) == (
        f"boilerstrip clean: interrupted; {partial} keeps the records so far:"
        " run the same command again to resume"
    )
    assert subprocess.run([*command, "-q"], env=_env(), timeout=300).returncode == OK
    sources = [json.loads(line)["source"] for line in out.read_text("utf-8").splitlines()]
    assert len(sources) == len(set(sources)) == 3000


@pytest.mark.slow
@pytest.mark.parametrize("args", [["explain", "PAGE"], ["clean", "PAGE", "-o", "-", "-q"]])
def test_a_closed_standard_output_ends_the_command_quietly_with_141(page: Path, args: list[str]) -> None:
    command = _command(*(str(page) if arg == "PAGE" else arg for arg in args))
    process = subprocess.Popen(command, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    process.stdout.close()  # as `| head` does once it has read enough
    _, err = process.communicate(timeout=120)
    assert process.returncode == BROKEN_PIPE
    assert err == b""
