"""Run a batch: inputs -> workers -> (templates, duplicates) -> output, with progress.

    run_batch(BatchOptions(paths=(Path("pages"),), output=Path("out.jsonl"), options=Options(mode="html")))

(`boilerstrip.clean_batch` is the same with keywords.)

The order of work:
  1. open the output; a journal left by a killed run says how far it got
  2. with `site_templates`, learn each host's template blocks (pass 1; its
     result is saved beside the output, so a resumed run skips it)
  3. with `duplicates`, rebuild the index of pages already written
  4. stream the inputs, skipping those already written, through the engine
     (local worker processes or Dask), flag duplicates in input order, write,
     and commit every `COMMIT_EVERY_PAGES` pages or `COMMIT_EVERY_SECONDS`
  5. finish: the output is renamed into place and the journal removed
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Literal

from boilerstrip.batch import pool, templates
from boilerstrip.batch.inputs import Item, count_items, iter_items
from boilerstrip.batch.outputs import BatchError, LinesOutput, Progress, TreeOutput, chain_hash
from boilerstrip.batch.work import Job, Outcome, Settings, clean_job, failed_clean, failed_keys, keys_job
from boilerstrip.options import Options
from boilerstrip.rendering import BodyFormat

# The Cleaner enforces each page's time limit itself (`Options.timeout`); the
# worker watchdog waits this much longer, so the page's own, more precise
# error wins, and kills a worker only when that limit could not hold.
WATCHDOG_GRACE_SECONDS = 10.0
# Without a time limit, the watchdog still ends a worker stuck this long.
WATCHDOG_WITHOUT_LIMIT_SECONDS = 3600.0
# A commit costs two fsyncs; a few per second at most keeps that invisible,
# and a killed run redoes at most this much work.
COMMIT_EVERY_PAGES = 100
COMMIT_EVERY_SECONDS = 1.0
# What every worker needs; the fork server imports it once for all of them
# (trafilatura and charset_normalizer load lazily on a page's first use, and
# would otherwise cost every new worker half a second).
WORKER_PRELOAD = (
    "boilerstrip.cleaner",
    "boilerstrip.batch.work",
    "boilerstrip.batch.templates",
    "trafilatura",
    "charset_normalizer",
)

Output = LinesOutput | TreeOutput
# What `--format` names: a file of records (JSON Lines, Parquet), or the pages
# as documents to read (one after another, or one file each with --out-dir).
OutputFormat = Literal["jsonl", "parquet", "markdown", "html", "txt"]
DOCUMENTS: dict[str, BodyFormat] = {"markdown": "markdown", "html": "html", "txt": "text"}
DOCUMENT_SUFFIXES = {"markdown": ".md", "html": ".html", "txt": ".txt"}


def body_format(output: str) -> BodyFormat:
    """The body a record needs for this output format: Markdown for Markdown pages, ..."""
    return DOCUMENTS.get(output, "text")


@dataclass(frozen=True)
class BatchOptions:
    """What a batch cleans and where its records go; `options` says how each page is cleaned.

    `output` is a JSON Lines (or Parquet) file, None for standard output;
    `out_dir` a tree of one `.json` per page instead. A path `-` among
    `paths` stands for `stdin`, standard input already read as one page
    (`boilerstrip.batch.inputs.stdin_item`); `url` is the page's URL when
    the one input is a page.
    """

    paths: tuple[Path, ...]
    output: Path | None = None
    out_dir: Path | None = None
    txt: bool = False
    format: OutputFormat = "jsonl"
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    engine: Literal["local", "dask"] = "local"
    scheduler: str | None = None
    progress: bool = False
    site_templates: bool = False
    duplicates: bool = False
    options: Options = field(default_factory=Options)  # how each page is cleaned
    stdin: Item | None = None
    url: str | None = None


@dataclass(frozen=True)
class Summary:
    """What a run did: `pages` cleaned now, `errors` among them, and the
    `resumed` pages (`resumed_errors` among them) a killed run had written."""

    pages: int
    errors: int
    resumed: int
    seconds: float
    resumed_errors: int = 0

    @property
    def records(self) -> int:
        return self.pages - self.errors


# Told of each page as its record is written, and of each file a directory
# walk passes over because its name is not a page's.
PageHook = Callable[[Outcome], None]
SkipHook = Callable[[Path], None]


def run_batch(
    options: BatchOptions, *, on_page: PageHook | None = None, on_skip: SkipHook | None = None
) -> Summary:
    started = time.monotonic()
    if options.format == "parquet":
        _require("pyarrow", "parquet")
    if options.duplicates:
        _require("datasketch", "dedup")
    settings = _settings(options)
    output = _output(options)
    resume = output.open()
    try:
        hosts = _templates(options, settings, output) if options.site_templates else None
        index = _duplicate_index(output) if options.duplicates else None
        items = _skip_done(_items(options, on_skip), resume)
        jobs = (Job(item, _host_templates(hosts, item)) for item in items)
        pages = errors = 0
        last_commit = time.monotonic()
        bar = _bar(options, "pages", initial=resume.items)
        results = _run(options, partial(clean_job, settings=settings), failed_clean, jobs)
        with closing(results):  # an interrupted run stops its workers before it returns
            for item, outcome in results:
                line = outcome.line
                if index is not None:
                    original = index.check(item.source, outcome.signature)
                    line = _mark_duplicate(line, original) if original else line
                failed = outcome.error is not None
                output.write(item.key, line, parts=item.out_parts, body=outcome.body, error=failed)
                pages += 1
                errors += failed
                bar.update()
                if on_page is not None:
                    on_page(outcome)
                if pages % COMMIT_EVERY_PAGES == 0 or time.monotonic() - last_commit > COMMIT_EVERY_SECONDS:
                    output.commit()
                    last_commit = time.monotonic()
        bar.close()
        output.finish()
        saved = _templates_path(options)
        if saved is not None:
            saved.unlink(missing_ok=True)
    finally:
        output.close()
    return Summary(pages, errors, resume.items, time.monotonic() - started, resume.errors)


def _items(options: BatchOptions, on_skip: SkipHook | None = None) -> Iterator[Item]:
    mode, limit = options.options.mode, _max_bytes(options)
    return iter_items(options.paths, mode, limit, stdin=options.stdin, url=options.url, on_skip=on_skip)


def _settings(options: BatchOptions) -> Settings:
    return Settings(
        options=options.options,
        want_body=options.txt,
        want_signature=options.duplicates,
        document=DOCUMENTS.get(options.format),
    )


def _fingerprint(options: BatchOptions) -> str:
    """What decides the output: a journal written under others is not resumed."""
    decisive = {
        "paths": [str(p) for p in options.paths],
        "format": options.format,
        **{key: getattr(options, key) for key in ("txt", "site_templates", "duplicates")},
        "options": asdict(options.options),
        "url": options.url,
        "stdin": _digest(options.stdin.data or b"") if options.stdin is not None else None,
    }
    return _digest(json.dumps(decisive, sort_keys=True).encode())


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _output(options: BatchOptions) -> Output:
    document = DOCUMENT_SUFFIXES.get(options.format)
    if options.out_dir is not None:
        return TreeOutput(options.out_dir, _fingerprint(options), txt=options.txt, document=document)
    if options.format == "parquet" and options.output is None:
        raise BatchError("--format parquet needs an output file (-o)")
    return LinesOutput(
        options.output, _fingerprint(options), parquet=options.format == "parquet", documents=bool(document)
    )


def _run(
    options: BatchOptions,
    function: Callable[[Job], Any],
    failure: Callable[[Job, str], Any],
    jobs: Iterable[Job],
) -> Generator[tuple[Item, Any], None, None]:
    """(item, outcome) pairs in input order, from the chosen engine."""
    pulled: deque[Item] = deque()  # items handed to the engine, not yet returned

    def feed() -> Iterator[Job]:
        for job in jobs:
            pulled.append(job.item)
            yield job

    if options.engine == "dask":
        from boilerstrip.batch.dask_engine import map_ordered_dask

        _require("distributed", "dask")
        results = map_ordered_dask(
            function, failure, feed(), scheduler=options.scheduler, workers=options.workers
        )
    else:
        timeout = options.options.timeout
        hard_limit = WATCHDOG_WITHOUT_LIMIT_SECONDS if timeout is None else timeout + WATCHDOG_GRACE_SECONDS
        results = pool.map_ordered(
            function, failure, feed(), workers=options.workers, hard_limit=hard_limit, preload=WORKER_PRELOAD
        )
    try:
        for outcome in results:
            yield pulled.popleft(), outcome
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()  # the engine's own clean-up: workers stopped, a cluster closed


def _skip_done(items: Iterator[Item], done: Progress) -> Iterator[Item]:
    """The items after the first `done.items`, once their sources match the journal."""
    chain = ""
    for number, item in enumerate(items):
        if number >= done.items:
            yield item
            continue
        chain = chain_hash(chain, item.key)
        if number == done.items - 1 and chain != done.chain:
            raise BatchError("the inputs changed since the interrupted run; delete its output to start over")
    if chain != done.chain:
        raise BatchError("fewer inputs than the interrupted run had written; delete its output to start over")


def _templates_path(options: BatchOptions) -> Path | None:
    """Where pass 1's result waits for a resumed run; None for stdout (no resuming)."""
    if options.out_dir is not None:
        return options.out_dir / ".boilerstrip.templates.json"
    if options.output is not None:
        return options.output.with_name(options.output.name + ".templates.json")
    return None


def _templates(options: BatchOptions, settings: Settings, output: Output) -> dict[str, frozenset[str]]:
    """Pass 1: learn each host's template blocks (or reload what a killed run learned)."""
    path = _templates_path(options)
    fingerprint = _fingerprint(options)
    saved = templates.load_templates(path, fingerprint) if path is not None else None
    if saved is not None:
        return saved
    learner = templates.TemplateLearner()
    bar = _bar(options, "pages (learning site templates)")
    results = _run(options, partial(keys_job, settings=settings), failed_keys, map(Job, _items(options)))
    with closing(results):
        for item, outcome in results:
            if outcome.keys is not None:
                learner.add(templates.host_of(item), outcome.keys)
            bar.update()
    bar.close()
    learned = learner.templates()
    if path is not None:
        templates.save_templates(path, fingerprint, learned)
    return learned


def _host_templates(hosts: dict[str, frozenset[str]] | None, item: Item) -> frozenset[str] | None:
    if hosts is None:
        return None
    return hosts.get(templates.host_of(item), frozenset())


def _duplicate_index(output: Output) -> Any:
    """The index of originals, rebuilt from the records a killed run already wrote."""
    from boilerstrip.batch.duplicates import DuplicateIndex, signature_of

    index = DuplicateIndex()
    for line in output.committed_lines():
        record = json.loads(line)
        if record.get("error") is None and "duplicate_of" not in record["metadata"]:
            index.check(str(record["source"]), signature_of(str(record["body"])))
    return index


def _mark_duplicate(line: str, original: str) -> str:
    record = json.loads(line)
    record["metadata"]["duplicate_of"] = original
    return json.dumps(record, ensure_ascii=False)


def _bar(options: BatchOptions, unit: str, initial: int = 0) -> Any:
    from tqdm import tqdm

    if not options.progress:
        return tqdm(disable=True)
    total = count_items(options.paths)
    return tqdm(
        total=total, initial=initial, unit=unit.split()[0], desc=unit, file=sys.stderr, dynamic_ncols=True
    )


def _max_bytes(options: BatchOptions) -> int:
    return options.options.max_bytes if options.options.max_bytes is not None else sys.maxsize


def _require(module: str, extra: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise BatchError(f"this needs the '{extra}' extra: pip install 'boilerstrip[{extra}]'")
