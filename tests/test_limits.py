"""Each per-page limit, and the error record it gives."""

from __future__ import annotations

import gzip
import json
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip.cleaner import Cleaner
from boilerstrip.document import Document
from boilerstrip.limits import MAX_BLOCKS, MAX_TREE_NODES, LimitExceeded, Limits
from boilerstrip.reading.decode import gunzip
from boilerstrip.stages.main_content import ExtractMainContent

PAGE = "<html><head><title>T</title></head><body><article><p>{}</p></article></body></html>"
PROSE = "The harbour seals came back to the estuary this spring, volunteers said on Sunday."
# Generous: the alarm lands between bytecodes, and CI machines are slow and shared.
GRACE_SECONDS = 5.0


def test_input_over_max_bytes_is_refused_with_its_size() -> None:
    record = boilerstrip.clean(b"x" * 2000, max_bytes=1000)
    assert record.error == "input too large: 2000 bytes > limit 1000"
    assert record.body == ""


def test_str_input_is_measured_in_utf8_bytes() -> None:
    record = boilerstrip.clean("é" * 600, max_bytes=1000)
    assert record.error == "input too large: 1200 bytes > limit 1000"
    assert boilerstrip.clean("e" * 600, max_bytes=1000).error is None


def test_no_size_limit_when_max_bytes_is_none() -> None:
    page = PAGE.format(PROSE)
    assert boilerstrip.clean(page, max_bytes=len(page) - 1).error is not None
    assert PROSE in boilerstrip.clean(page, max_bytes=None).body


def test_file_over_max_bytes_is_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_bytes(b"<p>x</p>" * 1000)
    record = boilerstrip.clean_file(path, max_bytes=100)
    assert record.error == "cannot read input: input too large: 8000 bytes > limit 100"


def test_gzip_expanding_past_max_bytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<p>" + b"a" * 100_000 + b"</p>"))
    record = boilerstrip.clean_file(path, max_bytes=10_000)
    assert record.error == "cannot read input: gzip expands past 10000 bytes; refused"


def test_gunzip_stops_at_the_limit_without_inflating_the_rest() -> None:
    bomb = gzip.compress(b"\0" * 50_000_000, compresslevel=9)  # 50 MB in ~50 KB
    with pytest.raises(ValueError, match="gzip expands past 1000000 bytes"):
        gunzip(bomb, limit=1_000_000)


def _looping_extractor(self: ExtractMainContent, doc: Document) -> Document:
    """An extractor that never returns and swallows every ordinary exception."""
    while True:
        try:
            while True:
                pass
        except Exception:
            continue


def test_time_limit_stops_a_stage_that_never_returns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ExtractMainContent, "__call__", _looping_extractor)
    started = time.monotonic()
    record = boilerstrip.clean(PAGE.format(PROSE), timeout=0.3)
    assert record.error == "time limit of 0.3 s exceeded in stage main_content"
    assert time.monotonic() - started < 0.3 + GRACE_SECONDS


def test_alarm_and_handler_are_restored_after_a_page() -> None:
    calls: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: calls.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 60.0)
        boilerstrip.clean(PAGE.format(PROSE), timeout=5)
        remaining, _interval = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < remaining <= 60.0  # the caller's own alarm is still set
        assert signal.getsignal(signal.SIGALRM) is not None
        assert signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, signal.SIG_IGN)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert calls == []


def test_off_the_main_thread_a_stage_that_never_returns_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    # The attack: clean(..., timeout=) in a ThreadPoolExecutor, where no signal reaches.
    monkeypatch.setattr(ExtractMainContent, "__call__", _looping_extractor)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(boilerstrip.clean, PAGE.format(PROSE), timeout=0.3) for _ in range(2)]
        errors = [future.result(timeout=0.3 + GRACE_SECONDS).error for future in futures]
    assert errors == ["time limit of 0.3 s exceeded in stage main_content"] * 2
    assert time.monotonic() - started < 0.3 + GRACE_SECONDS


def test_off_the_main_thread_nothing_is_raised_after_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    # A page that ends just as its time runs out must not leave the watchdog's
    # exception pending in the caller's thread.
    def worker() -> str:
        for _ in range(50):
            boilerstrip.clean(PAGE.format(PROSE), timeout=0.01)
        time.sleep(0.6)  # past two repeats of the watchdog, had it kept running
        return "done"

    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(worker).result(timeout=60) == "done"


def test_too_many_blocks_stop_the_page() -> None:
    record = boilerstrip.clean("line\n" * (MAX_BLOCKS + 1), mode="text")
    assert record.error == f"too many text blocks: more than {MAX_BLOCKS} lines before they are split"
    # Blank lines make no blocks: as many of them pass.
    assert boilerstrip.clean("line\n\n" * (MAX_BLOCKS // 2), mode="text").error is None


def test_block_limit_is_checked_before_every_stage() -> None:
    cleaner = Cleaner()
    cleaner.limits = Limits(max_blocks=3)
    # Text of four lines is refused as it is split; HTML makes its blocks in a
    # stage, and the next stage is refused them.
    with pytest.raises(
        LimitExceeded, match=r"^too many text blocks: more than 3 lines before they are split$"
    ):
        cleaner.trace("one\ntwo\nthree\nfour", mode="text")
    page = PAGE.format("</p><p>".join(f"{PROSE} Paragraph {n} of four." for n in range(4)))
    with pytest.raises(LimitExceeded, match=r"^too many text blocks: \d+ > limit 3 before stage \w+$"):
        cleaner.trace(page, mode="html")


def test_too_many_html_elements_stop_the_page() -> None:
    record = boilerstrip.clean("<html><body>" + "<i>a</i>" * MAX_TREE_NODES + "</body></html>")
    assert record.error == f"too many HTML elements: more than {MAX_TREE_NODES}"


def test_parser_stopping_early_is_an_error_not_a_truncated_body() -> None:
    deep = "<html><body>" + "<div>" * 300 + PROSE + "</div>" * 300 + "</body></html>"
    record = boilerstrip.clean(deep)
    assert record.error is not None
    assert record.error.startswith("HTML parser stopped early")
    assert "depth" in record.error


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"timeout": 0}, ValueError),
        ({"timeout": -1.0}, ValueError),
        ({"timeout": "5"}, TypeError),
        ({"timeout": True}, TypeError),
        ({"max_bytes": 0}, ValueError),
        ({"max_bytes": 1.5}, TypeError),
    ],
)
def test_bad_limits_are_the_callers_error(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        boilerstrip.clean("text", **kwargs)  # type: ignore[arg-type]


def test_command_line_flags_reach_every_page(tmp_path: Path) -> None:
    from boilerstrip.cli import main

    page = tmp_path / "page.html"
    page.write_text(PAGE.format(PROSE * 20), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    size = page.stat().st_size
    assert (
        main(
            [
                "clean",
                str(page),
                "--max-bytes",
                "100",
                "--timeout",
                "5",
                "--workers",
                "1",
                "-q",
                "-o",
                str(out),
            ]
        )
        == 1  # the page gave an error record
    )
    error = json.loads(out.read_text(encoding="utf-8"))["error"]
    assert f"{size} bytes" in error
    assert "100" in error


def test_a_watchdog_slow_to_start_still_ends_in_a_record(monkeypatch: pytest.MonkeyPatch) -> None:
    # On a loaded machine the watchdog thread can fire before `start()` has
    # returned in the page's thread; the page must still end in its record.
    start = threading.Thread.start

    def slow_start(self: threading.Thread) -> None:
        start(self)
        if self.name == "boilerstrip-deadline":
            time.sleep(0.1)

    monkeypatch.setattr(threading.Thread, "start", slow_start)

    def worker() -> str | None:
        return boilerstrip.clean(PAGE.format(PROSE), timeout=0.01).error

    with ThreadPoolExecutor(max_workers=1) as pool:
        error = pool.submit(worker).result(timeout=60)
    assert error is not None and error.startswith("time limit of 0.01 s exceeded")
