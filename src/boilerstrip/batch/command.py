"""`boilerstrip clean`: pages in, one JSON record per page out.

The command checks everything it can before the first page: the paths
exist, the options agree with each other, the rules load, the output can be
written. Each mistake is one line on stderr and exit status 2
(`boilerstrip.exits`). Then the batch runs (`boilerstrip.batch.runner`), and
the exit status says how it went: 0 when every page was cleaned, 1 when some
gave error records or no page was found, 130 when Ctrl-C or SIGTERM stopped
it, with the way to resume.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

from boilerstrip import options as cleaning
from boilerstrip.batch.inputs import ARCHIVE_SUFFIXES, STDIN, is_archive_name, stdin_item
from boilerstrip.batch.outputs import BatchError
from boilerstrip.batch.runner import DOCUMENTS, BatchOptions, OutputFormat, Summary, body_format, run_batch
from boilerstrip.batch.work import Outcome
from boilerstrip.exits import FAILED, INTERRUPTED, OK, UsageError
from boilerstrip.reading.decode import PAGE_SUFFIXES

EXAMPLES = """examples:
  boilerstrip clean saved-pages/ -o records.jsonl   every page under a folder, on all cores
  boilerstrip clean page.html --explain             one record, with its audit trail
  curl -s URL | boilerstrip clean - --url URL       a page from standard input
  boilerstrip clean crawl.warc.gz -o - | head       records of an archive, to standard output
  boilerstrip clean saved/ --out-dir clean/ --txt   clean/<the same tree>/<name>.json and .txt
  boilerstrip clean page.html --format markdown     the page as Markdown: headings, lists, tables

exit status: 0 every page cleaned, 1 some pages gave error records or none was
found, 2 a usage or configuration error, 130 interrupted (run it again to resume)
"""
# How many names of skipped files the summary shows (-v lists them all).
SKIPPED_NAMES_SHOWN = 3
PAGE_NAMES = ", ".join(PAGE_SUFFIXES) + "; archives " + ", ".join(ARCHIVE_SUFFIXES) + "; each may end in .gz"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `clean`: its inputs and output, how to clean (every `Options`
    field), then the batch's own."""
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="files, folders (walked for pages), WARC/WET archives, or - for standard input",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="write the records here; - or none: standard output"
    )
    parser.add_argument("--url", help="the page's URL, when the one input is a page (or -)")
    cleaning.add_arguments(parser)
    out = parser.add_argument_group("output")
    out.add_argument("--out-dir", type=Path, metavar="DIR", help="one .json per page, mirroring the inputs")
    out.add_argument("--txt", action="store_true", help="with --out-dir, also a .txt of each body")
    out.add_argument(
        "--format",
        choices=get_args(OutputFormat),
        default="jsonl",
        help="jsonl or parquet: records (default jsonl); markdown, html or txt: each page as a document"
        " to read (with --out-dir, a .md, .html or .txt beside each .json); the records then carry"
        " body_markdown or body_html",
    )
    run = parser.add_argument_group("batch")
    run.add_argument(
        "--workers",
        type=_positive,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: all cores)",
    )
    run.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: worker processes on this machine (default); dask: a Dask cluster",
    )
    run.add_argument(
        "--scheduler", metavar="ADDRESS", help="with --engine dask: the scheduler (default: a local one)"
    )
    talk = run.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    talk.add_argument(
        "-v", "--verbose", action="store_true", help="a line for every page and every skipped file"
    )
    run.add_argument(
        "--site-templates", action="store_true", help="learn blocks each site repeats, and drop them"
    )
    run.add_argument(
        "--duplicates", action="store_true", help="flag near-duplicate pages with metadata.duplicate_of"
    )


def run_clean(args: argparse.Namespace) -> int:
    options = batch_options(args)
    report = Report(quiet=args.quiet, verbose=args.verbose, own=_own_files(options))
    try:
        summary = run_batch(options, on_page=report.page, on_skip=report.skip)
    except BatchError as exc:
        raise UsageError(str(exc)) from None
    except BrokenPipeError:  # the reader of standard output went away: `boilerstrip.cli` ends quietly
        raise
    except OSError as exc:  # an output that cannot be written (a full disk, no permission)
        raise UsageError(
            f"cannot write {exc.filename}: {exc.strerror}" if exc.filename else str(exc)
        ) from None
    except KeyboardInterrupt:
        print(f"boilerstrip clean: interrupted{_resume_hint(options)}", file=sys.stderr)
        return INTERRUPTED
    return report.finish(summary, options.paths)


def batch_options(args: argparse.Namespace) -> BatchOptions:
    """The batch the command line asks for, or UsageError naming what is wrong with it."""
    from boilerstrip.cleaner import Cleaner

    paths: tuple[Path, ...] = tuple(args.paths)
    _check_paths(paths, args.url)
    output = None if args.output in (None, STDIN) else args.output
    _check_output(args, output)
    try:
        how = cleaning.from_args(args, format=body_format(args.format))
        Cleaner(how)  # a bad rule file, rule id or site config fails here, before any page
    except (OSError, ValueError, TypeError) as exc:  # RuleError and SiteRuleError are ValueErrors
        raise UsageError(str(exc)) from None
    stdin = None
    if STDIN in paths:
        if sys.stdin.isatty():
            print("boilerstrip clean: reading a page from the terminal; end it with Ctrl-D", file=sys.stderr)
        stdin = stdin_item(sys.stdin.buffer, how.limits.max_bytes or sys.maxsize)
    return BatchOptions(
        paths=paths,
        output=output,
        out_dir=args.out_dir,
        txt=args.txt,
        format=args.format,
        workers=args.workers,
        engine=args.engine,
        scheduler=args.scheduler,
        progress=not args.quiet and sys.stderr.isatty(),
        site_templates=args.site_templates,
        duplicates=args.duplicates,
        options=how,
        stdin=stdin,
        url=args.url,
    )


def _check_paths(paths: tuple[Path, ...], url: str | None) -> None:
    if paths.count(STDIN) > 1:
        raise UsageError("- (standard input) can be read only once")
    missing = [path for path in paths if path != STDIN and not path.exists()]
    if missing:
        raise UsageError(f"{missing[0]}: no such file or directory")
    if url is not None and (len(paths) > 1 or paths[0].is_dir() or is_archive_name(paths[0].name)):
        raise UsageError("--url is the URL of one page: give one file or - (archive records carry their own)")


def _check_output(args: argparse.Namespace, output: Path | None) -> None:
    if args.output is not None and args.out_dir is not None:
        raise UsageError("-o and --out-dir are two places for the records: give one")
    if args.txt and args.out_dir is None:
        raise UsageError("--txt writes a .txt beside each page's .json: it needs --out-dir")
    if args.txt and args.format in DOCUMENTS:
        raise UsageError(f"--txt and --format {args.format} both name the file beside each .json: give one")
    if args.format == "parquet" and output is None:
        raise UsageError("--format parquet needs a file to write: -o FILE.parquet")
    if output is not None and output.is_dir():
        raise UsageError(f"-o {output} is a folder; for one file per page, use --out-dir {output}")
    if args.out_dir is not None and args.out_dir.exists() and not args.out_dir.is_dir():
        raise UsageError(f"--out-dir {args.out_dir} is a file, not a folder")
    if args.scheduler is not None and args.engine != "dask":
        raise UsageError("--scheduler is a Dask scheduler's address: it needs --engine dask")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number, 1 or more, not {text!r}")
    return value


def _own_files(options: BatchOptions) -> tuple[Path, ...]:
    """Where the run writes (its output, journal and learned templates): a walk
    of an input folder that holds them passes them over without a word."""
    if options.out_dir is not None:
        return (options.out_dir.resolve(),)
    if options.output is None:
        return ()
    output = options.output.resolve()
    return (
        output,
        *(
            output.with_name(output.name + end)
            for end in (".partial", ".progress", ".lock", ".templates.json")
        ),
    )


def _resume_hint(options: BatchOptions) -> str:
    if options.out_dir is not None:
        return "; run the same command again to resume"
    partial = options.output.with_name(options.output.name + ".partial") if options.output else None
    if partial is not None and partial.exists():
        return f"; {partial} keeps the records so far: run the same command again to resume"
    return ""


@dataclass
class Report:
    """What the command tells the user on stderr besides the progress bar."""

    quiet: bool = False
    verbose: bool = False
    own: tuple[Path, ...] = ()  # the run's own files (`_own_files`)
    skipped: int = 0
    skipped_names: list[str] = field(default_factory=list)

    def page(self, outcome: Outcome) -> None:
        if self.verbose:
            said = (
                f"error: {outcome.error}"
                if outcome.error is not None
                else f"ok: {outcome.title or '(no title)'}"
            )
            _say(f"{outcome.source}: {said}")

    def skip(self, path: Path) -> None:
        if self.own and any(path.resolve().is_relative_to(own) for own in self.own):
            return
        self.skipped += 1
        if self.verbose:
            _say(f"{path}: skipped: not named like a page ({PAGE_NAMES})")
        elif len(self.skipped_names) < SKIPPED_NAMES_SHOWN:
            self.skipped_names.append(str(path))

    def finish(self, summary: Summary, paths: tuple[Path, ...]) -> int:
        """Say how the run went; its exit status."""
        if summary.pages + summary.resumed == 0:
            where = " ".join(map(str, paths))
            also = f" ({_plural(self.skipped, 'file')} skipped)" if self.skipped else ""
            _say(f"boilerstrip clean: no pages found in {where}{also}; pages are named {PAGE_NAMES}")
            return FAILED
        errors = summary.errors + summary.resumed_errors
        if self.quiet:
            return FAILED if errors else OK
        if self.skipped and not self.verbose:
            names = ", ".join(self.skipped_names) + (
                ", ..." if self.skipped > len(self.skipped_names) else ""
            )
            _say(
                f"boilerstrip clean: skipped {_plural(self.skipped, 'file')} not named like pages ({names});"
                f" pages are named {PAGE_NAMES}"
            )
        resumed = f" (resumed after {summary.resumed})" if summary.resumed else ""
        rate = summary.pages / summary.seconds if summary.seconds else 0.0
        hint = "; -v lists them" if errors and not self.verbose else ""
        counts = ", ".join(
            (
                _plural(summary.pages, "page") + resumed,
                _plural(summary.records, "record"),
                _plural(summary.errors, "error"),
            )
        )
        _say(f"boilerstrip clean: {counts} in {summary.seconds:.1f} s ({rate:.0f} pages/s){hint}")
        return FAILED if errors else OK


def _say(line: str) -> None:
    from tqdm import tqdm  # writes above a progress bar, when there is one

    tqdm.write(line, file=sys.stderr)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
