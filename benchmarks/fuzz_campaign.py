"""A long fuzz campaign against `boilerstrip.clean`, on one core.

    python benchmarks/fuzz_campaign.py --minutes 10 [--timeout 5] [--seed 1]

Inputs are the repository's own fixture and example pages, mutated (bytes
flipped, inserted, deleted, duplicated; pages truncated and spliced;
charsets mislabelled or re-encoded as UTF-16 without a BOM; NUL bytes and
binary junk), plus generated pathologies (deep nesting, huge lines and
attributes, attribute floods, millions of short lines, thousands of tables
and iframes, pages at and over the size limit). Each input goes through
`Cleaner(Options(timeout=T)).clean(data, url=...)` (now and then with a URL
no parser accepts), one in `THREAD_EVERY` on a worker thread, where the
watchdog rather than the alarm must stop it. One in `ARCHIVE_EVERY`, a
mutant is also wrapped in a WARC record whose headers lie (Content-Length
too large, too small or absurd, no Target-URI, a broken URI, a truncated
gzip member) and read back through the batch reader, and a set of file
names that collide once made safe is checked to stay apart. An input counts as:

- crash: an exception escaped `clean` or the archive reader (they must
  return error records instead), or two names collided;
- hang: the call took longer than T plus a grace for the one C call that
  no signal or watchdog can interrupt (see `boilerstrip.limits`).

The report gives inputs tried, crashes, hangs, the slowest input, and peak
RSS. Before each input its bytes are written to `--last` so that a segfault,
which would end the run, leaves its reproducer behind. The same seed gives
the same inputs.
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import json
import random
import resource
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from boilerstrip.batch.inputs import iter_items, safe_parts  # noqa: E402  # after the path set-up: the checkout runs
from boilerstrip.cleaner import Cleaner  # noqa: E402
from boilerstrip.limits import DEFAULT_MAX_BYTES  # noqa: E402
from boilerstrip.options import Options  # noqa: E402
from boilerstrip.reading.decode import read_bytes  # noqa: E402

# Time over the limit a call may take: the alarm lands between bytecodes, so
# one long C call (a parse, an XPath over the whole tree) can run past it.
GRACE_SECONDS = 2.0
# One input in this many is a generated giant (MBs); the rest are mutants.
GIANT_EVERY = 150
# One input in this many runs on a worker thread; one in this many is also read as a lying archive.
THREAD_EVERY = 10
ARCHIVE_EVERY = 25
URLS = [None] * 16 + ["https://example.com/a/1", "http://[::1/", "http://" + "a" * 300 + ".com/", "//x:99999"]
NAME_CHARS = 'ab_:?*<>|"\n\t .\\'  # no '/': no file name holds one
JUNK = [b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"<", b">", b"&", b"&#0;", b"&#x110000;", b"]]>", b"<!--"]
TAGS = [b"<div>", b"</div>", b"<p>", b"</p>", b"<table><tr><td>", b"<iframe src='file:///etc/passwd'>"]
TAGS += [b"<script>", b"</script>", b"<![CDATA[", b"<?xml version='1.0' encoding='utf-16'?>", b"<svg>"]
TAGS += [b'<meta charset="shift_jis">', b'<meta charset="utf-16">', b"<html>", b"<body>", b"<title>"]
TAGS += [b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', b"&e;", b"<h1>", b"<li>", b"<br>"]


def seeds() -> list[bytes]:
    found = sorted((ROOT / "fixtures").glob("*/input.*")) + sorted((ROOT / "examples").glob("*"))
    return [read_bytes(path) for path in found if path.is_file()]


def mutate(rng: random.Random, data: bytes, corpus: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        pos = rng.randint(0, len(out))
        choice = rng.randrange(11)
        if choice == 0 and out:
            out[min(pos, len(out) - 1)] = rng.randrange(256)
        elif choice == 1:
            out[pos:pos] = rng.choice(JUNK) * rng.randint(1, 50)
        elif choice == 2:
            out[pos:pos] = rng.choice(TAGS) * rng.randint(1, 300)
        elif choice == 3:
            del out[pos : pos + rng.randint(1, 2000)]
        elif choice == 4:
            out = out[: rng.randint(0, len(out))]  # truncated page
        elif choice == 5:
            other = rng.choice(corpus)
            cut = rng.randint(0, len(other))
            out = out[:pos] + bytearray(other[cut:])  # spliced pages
        elif choice == 6:
            chunk = bytes(out[pos : pos + rng.randint(1, 500)])
            out[pos:pos] = chunk * rng.randint(2, 200)
        elif choice == 7:
            out[pos:pos] = rng.randbytes(rng.randint(1, 3000))  # binary junk
        elif choice == 8:
            out = bytearray(_reencode(rng, bytes(out)))
        elif choice == 9:
            out[pos:pos] = (b"x" * rng.randint(1, 4000)).join([b"<a title='", b"'>"])
        else:
            out[pos:pos] = "é中\u202e\ufeff\ud7ff".encode(
                rng.choice(["utf-8", "utf-16-le", "cp1252"]), "replace"
            )
    return bytes(out)


def _reencode(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    encoding = rng.choice(["utf-16-le", "utf-16-be", "utf-32", "cp1252", "shift_jis", "koi8-r", "utf-7"])
    encoded = codecs.encode(text, encoding, errors="replace")
    if rng.random() < 0.5:  # and mislabel it
        encoded = (
            b'<meta charset="' + rng.choice([b"utf-8", b"iso-8859-1", b"big5", b"bogus"]) + b'">' + encoded
        )
    return encoded


def giant(rng: random.Random) -> bytes:
    """One of the pathological pages, sized near the limits."""
    kind = rng.randrange(10)
    if kind == 0:
        depth = rng.choice([300, 10_000, 100_000])
        return b"<html><body>" + b"<div>" * depth + b"deep" + b"</div>" * depth
    if kind == 1:
        return b"<html><body><p>" + b"word " * rng.choice([200_000, 2_000_000]) + b"</p>"
    if kind == 2:
        return b"word " * rng.choice([200_000, 2_000_000])  # one long line of text
    if kind == 3:
        return b"<p title='" + b"a" * 10_000_000 + b"'>attribute</p>"
    if kind == 4:
        return b"<html><body>" + b"<table><tr><td>cell</td></tr></table>" * rng.choice([5_000, 50_000])
    if kind == 5:
        return b"<html><body>" + b"<iframe src='http://127.0.0.1:9/'></iframe><p>x</p>" * 20_000
    if kind == 6:
        size = rng.choice([DEFAULT_MAX_BYTES + 1, 50 * 1024 * 1024])
        return (b"<p>Some sentence of article text goes here.</p>\n" * (size // 48 + 1))[:size]
    if kind == 7:
        value = rng.choice([b"x", b'">"'])
        attributes = b" ".join(b"a%d=%s" % (i, value) for i in range(rng.choice([2_000, 120_000])))
        return b"<html><body><div " + attributes + b">flood</div></body></html>"
    if kind == 8:
        return b"x\n" * rng.choice([200_000, 10_485_000])
    return b"<html><body>" + b"<p>Short paragraph of text that goes on.</p>\n" * rng.choice([5_000, 45_000])


def lying_archive(rng: random.Random, page: bytes, folder: Path) -> Path:
    """A WARC of three records around `page`, one of them lying about itself."""

    def record(uri: bytes | None, length_change: int = 0, length: bytes | None = None) -> bytes:
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
        headers = b"WARC/1.0\r\nWARC-Type: response\r\n"
        headers += b"WARC-Target-URI: " + uri + b"\r\n" if uri is not None else b""
        declared = length if length is not None else str(len(http) + length_change).encode()
        return headers + b"Content-Length: " + declared + b"\r\n\r\n" + http + b"\r\n\r\n"

    lies = [
        record(b"http://a.test/", length_change=rng.choice([1, 300, 100_000])),
        record(b"http://a.test/", length_change=-rng.randrange(1, 60)),
        record(b"http://a.test/", length=rng.choice([b"99999999999999999999", b"-5", b"x"])),
        record(None),
        record(b"http://[::1/"),
    ]
    records = [record(b"http://a.test/1"), rng.choice(lies), record(b"http://a.test/3")]
    compressed = rng.random() < 0.5
    data = b"".join(gzip.compress(r) if compressed else r for r in records)
    if compressed and rng.random() < 0.3:
        data = data[: rng.randrange(len(data))]  # a truncated member
    path = folder / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(data)
    return path


def clean_once(cleaner: Cleaner, threads: ThreadPoolExecutor | None, data: bytes, url: str | None) -> bool:
    """Clean one input, on the worker thread when given one; True for an error record."""
    if threads is not None:
        return threads.submit(cleaner.clean, data, url=url).result().error is not None
    return cleaner.clean(data, url=url).error is not None


def read_lying_archive(rng: random.Random, data: bytes, cleaner: Cleaner) -> bool:
    """Read a lying archive around (the start of) `data`; True when a record errs.
    Its records are cleaned with a time limit of their own each, so the whole is
    judged by the time of reading the archive."""
    erred = False
    with tempfile.TemporaryDirectory() as folder:
        for item in iter_items([lying_archive(rng, data[:200_000], Path(folder))]):
            erred |= item.error is not None
    return erred


def check_names(rng: random.Random) -> None:
    if names_collide(rng):
        raise AssertionError("two file names collided once made safe")


def names_collide(rng: random.Random) -> bool:
    """Whether names that differ only by what making them safe replaces end up alike."""
    names = {"".join(rng.choice(NAME_CHARS) for _ in range(rng.randrange(1, 8))) + ".html" for _ in range(30)}
    made = {safe_parts([name]) for name in names}
    return len(made) < len(names)


def run(
    minutes: float, timeout: float, seed: int, last: Path, report: Callable[[str], None]
) -> dict[str, object]:
    rng = random.Random(seed)
    corpus = seeds()
    stop = time.monotonic() + minutes * 60
    cleaner = Cleaner(Options(timeout=timeout))
    threads = ThreadPoolExecutor(max_workers=1)
    tried = crashes = hangs = errors = 0
    slowest = (0.0, "")
    crash_examples: list[str] = []
    while time.monotonic() < stop:
        data = (
            giant(rng) if tried % GIANT_EVERY == GIANT_EVERY - 1 else mutate(rng, rng.choice(corpus), corpus)
        )
        last.write_bytes(data)
        url = rng.choice(URLS)
        on_thread = tried % THREAD_EVERY == THREAD_EVERY - 1
        calls: list[Callable[[], object]] = [
            partial(clean_once, cleaner, threads if on_thread else None, data, url)
        ]
        if tried % ARCHIVE_EVERY == ARCHIVE_EVERY - 1:
            calls += [partial(read_lying_archive, rng, data, cleaner), partial(check_names, rng)]
        for call in calls:  # each is timed and judged on its own
            started = time.perf_counter()
            try:
                errors += call() is True
            except BaseException as exc:  # counting what escapes is the point
                if isinstance(exc, KeyboardInterrupt):
                    raise
                crashes += 1
                crash_examples.append("".join(traceback.format_exception_only(exc)).strip())
                (last.parent / f"crash-{crashes}.bin").write_bytes(data)
            elapsed = time.perf_counter() - started
            if elapsed > timeout + GRACE_SECONDS:
                hangs += 1
                (last.parent / f"hang-{hangs}.bin").write_bytes(data)
            if elapsed > slowest[0]:
                slowest = (elapsed, f"{len(data)} bytes starting {data[:40]!r}")
        tried += 1
        if tried % 500 == 0:
            report(f"{tried} inputs, {crashes} crashes, {hangs} hangs, {errors} error records")
    return {
        "minutes": minutes,
        "timeout_seconds": timeout,
        "seed": seed,
        "inputs": tried,
        "error_records": errors,
        "crashes": crashes,
        "hangs": hangs,
        "slowest_seconds": round(slowest[0], 2),
        "slowest_input": slowest[1],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "crash_examples": crash_examples[:5],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--timeout", type=float, default=5.0, help="per-page time limit given to clean()")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--last", type=Path, default=Path("fuzz-out/last-input.bin"))
    args = parser.parse_args()
    args.last.parent.mkdir(parents=True, exist_ok=True)
    result = run(args.minutes, args.timeout, args.seed, args.last, lambda line: print(line, file=sys.stderr))
    print(json.dumps(result, indent=2))
    return 1 if result["crashes"] or result["hangs"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
