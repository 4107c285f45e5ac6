"""Per-page limits on time, size and work, so that no page can hang a batch.

Pages come from the open web; some are hostile and some are just broken. A
page over a limit gives an error record that says which limit and by how
much, never a hang and never a silently truncated body.

Size is checked before any work, because the C code underneath (libxml2's
parser and XPath; the `re` engine off the main thread) cannot be
interrupted: bounding its input is what bounds its time. Work is capped by
counting attributes per tag before the parse (`boilerstrip.reading.html`),
tree nodes after it, lines before text is split and blocks between stages.
Time is a deadline per page:

- on the main thread of a platform with `setitimer` (Linux, macOS), a
  SIGALRM interrupts the page wherever Python code runs, inside the
  extractor too; the alarm repeats until the page ends, so a library that
  swallows one exception cannot swallow the limit;
- on any other thread (a thread pool, a Dask worker), where signals are
  unavailable, a watchdog thread raises the same exception in the page's
  thread (CPython's `PyThreadState_SetAsyncExc`), repeating like the alarm;
- either way, a single C call (one libxml2 parse, one XPath, one regex match)
  runs to its end: size and work caps, checked before such calls, are what
  bound them.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any

from boilerstrip.reading.decode import LimitExceeded

# Real pages clean in well under a second (the slowest of the 88 dev pages
# takes 0.8 s); thirty seconds leaves room for slow machines and huge but
# honest pages while keeping a batch moving.
DEFAULT_TIMEOUT = 30.0
# The largest dev page is 1 MB of HTML; a page twenty times that is no longer
# an article. The same cap as the batch reader's and trafilatura's own. It
# also bounds libxml2 work, which nothing can interrupt.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Elements in a parsed page. The largest dev page has 1,600 and very large
# real pages a few tens of thousands. The cap is what bounds the C calls a
# signal cannot interrupt: libxml2 merges XPath node-sets in quadratic time,
# so one `.//p//text()` over 60,000 elements takes 1.5 s in a single call.
MAX_TREE_NODES = 50_000
# Text blocks (lines, paragraphs) entering a stage; every block stage is linear
# in this, so the cap bounds the work of all of them.
MAX_BLOCKS = 100_000
# Once the time limit has passed, the alarm fires again this often until the
# page stops, in case a library caught the first exception and carried on.
ALARM_REPEAT_SECONDS = 0.25


class TimeLimitExceeded(BaseException):
    """A page over its time limit.

    A BaseException, like KeyboardInterrupt, so that the `except Exception`
    clauses in the libraries we call cannot swallow it.
    """

    def __init__(self, timeout: float, stage: str) -> None:
        super().__init__(f"time limit of {timeout:g} s exceeded in stage {stage}")


@dataclass(frozen=True)
class Limits:
    """The limits for one page; None switches a limit off."""

    timeout: float | None = DEFAULT_TIMEOUT
    max_bytes: int | None = DEFAULT_MAX_BYTES
    max_tree_nodes: int = MAX_TREE_NODES
    max_blocks: int = MAX_BLOCKS

    def __post_init__(self) -> None:
        if self.timeout is not None:
            if isinstance(self.timeout, bool) or not isinstance(self.timeout, int | float):
                raise TypeError(f"timeout must be a number of seconds or None, not {self.timeout!r}")
            if not self.timeout > 0:
                raise ValueError(f"timeout must be positive, not {self.timeout!r}")
        for name in ("max_bytes", "max_tree_nodes", "max_blocks"):
            value = getattr(self, name)
            if value is None and name == "max_bytes":
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"{name} must be an integer, not {value!r}")
            if value < 1:
                raise ValueError(f"{name} must be positive, not {value!r}")

    def check_size(self, data: bytes | bytearray | str) -> None:
        """Refuse input over `max_bytes` (str input counts its UTF-8 bytes)."""
        if self.max_bytes is None:
            return
        size = len(data)
        # A str of n characters is n to 4n bytes: encode only when it matters.
        if isinstance(data, str) and size <= self.max_bytes < 4 * size:
            size = len(data.encode("utf-8", errors="surrogatepass"))
        if size > self.max_bytes:
            raise LimitExceeded(f"input too large: {size} bytes > limit {self.max_bytes}")

    def check_tree(self, tree: Any) -> None:
        """Refuse a parsed page with more elements than `max_tree_nodes`."""
        if tree is None:
            return
        # Counted by libxml2 itself: no Python object per element.
        if tree.xpath("count(//*)") > self.max_tree_nodes:
            raise LimitExceeded(f"too many HTML elements: more than {self.max_tree_nodes}")

    def check_blocks(self, count: int, stage: str) -> None:
        if count > self.max_blocks:
            raise LimitExceeded(
                f"too many text blocks: {count} > limit {self.max_blocks} before stage {stage}"
            )


class _Expired(BaseException):
    """Raised in a page's thread by its watchdog; `deadline` turns it into
    TimeLimitExceeded, which needs arguments an asynchronous exception cannot carry."""


class Deadline:
    """Where one page is in the pipeline, and when its time runs out."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        started = time.monotonic()
        self.expires = started + limits.timeout if limits.timeout is not None else None
        self.stage = "start"
        self.armed = False

    def enter(self, stage: str, blocks: int = 0) -> None:
        """Mark the start of `stage`; stop the page if it is out of time or work."""
        self.stage = stage
        self.check()
        self.limits.check_blocks(blocks, stage)

    def check(self) -> None:
        if self.expires is not None and time.monotonic() >= self.expires:
            raise TimeLimitExceeded(self.limits.timeout or 0.0, self.stage)

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        if self.armed:
            self.check()


def can_interrupt() -> bool:
    """Whether a SIGALRM can stop a page here (main thread, POSIX timers)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(limits: Limits) -> Iterator[Deadline]:
    """A Deadline for one page, enforced mid-stage: by an alarm on the main
    thread, by a watchdog thread anywhere else.

    Any alarm the caller had set is put back afterwards, less the time spent here.
    """
    current = Deadline(limits)
    if limits.timeout is None:
        yield current
    elif can_interrupt():
        with _alarm(current, limits.timeout):
            yield current
    else:
        with _watchdog(current, limits.timeout):
            yield current


@contextmanager
def _alarm(current: Deadline, timeout: float) -> Iterator[None]:
    started = time.monotonic()
    previous_handler = signal.signal(signal.SIGALRM, current._on_alarm)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, timeout, ALARM_REPEAT_SECONDS)
    current.armed = True
    try:
        yield
    finally:
        current.armed = False
        _disarm()
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay > 0:
            remaining = max(previous_delay - (time.monotonic() - started), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, remaining, previous_interval)


def _disarm() -> None:
    # The alarm may fire while it is being switched off; its exception is moot
    # then (the page is over), so try again until the timer is off.
    while True:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
            return
        except TimeLimitExceeded:
            continue


@contextmanager
def _watchdog(current: Deadline, timeout: float) -> Iterator[None]:
    """Off the main thread: a timer thread raises `_Expired` in this one when
    the time is up, and again every ALARM_REPEAT_SECONDS until the page stops.
    A lock makes "the page is over" and "raise in it" exclusive, so the
    exception can never land in the caller's code after the page."""
    target = threading.get_ident()
    lock = threading.Lock()
    stopped = threading.Event()

    def watch() -> None:
        delay = timeout
        while not stopped.wait(delay):
            with lock:
                if current.armed:
                    _raise_in(target, _Expired)
            delay = ALARM_REPEAT_SECONDS

    current.armed = True
    watcher = threading.Thread(target=watch, name="boilerstrip-deadline", daemon=True)
    try:
        # Started inside the guard: on a loaded machine the thread can take
        # longer to start than the page's whole time, and fire while
        # `start()` still waits for it.
        watcher.start()
        yield
    except _Expired:
        raise TimeLimitExceeded(timeout, current.stage) from None
    finally:
        _stop_watching(current, lock, stopped, target)


def _stop_watching(current: Deadline, lock: threading.Lock, stopped: threading.Event, target: int) -> None:
    # An exception already sent may land while this runs: it is moot (the
    # page is over), so try again until the watchdog is off and nothing is pending.
    while True:
        try:
            with lock:
                current.armed = False
                stopped.set()
                _raise_in(target, None)  # withdraw one sent but not yet raised
            return
        except _Expired:
            continue


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """Make `exception` (None: nothing) pending in the thread `thread_id`."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception is not None else None
    )
