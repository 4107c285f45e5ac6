"""The batch options of `boilerstrip clean`, and the command that runs them."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from boilerstrip import options as cleaning


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `clean`: how to clean (every `Options` field), then the batch's own."""
    cleaning.add_arguments(parser)
    out = parser.add_argument_group("output")
    out.add_argument("--out-dir", type=Path, metavar="DIR", help="one .json per page, mirroring the inputs")
    out.add_argument("--txt", action="store_true", help="with --out-dir, also a .txt of each body")
    out.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl", help="file format of -o")
    run = parser.add_argument_group("batch")
    run.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: all cores)",
    )
    run.add_argument("--engine", choices=("local", "dask"), default="local")
    run.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler (default: a local cluster)")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    run.add_argument(
        "--site-templates", action="store_true", help="learn blocks each site repeats, and drop them"
    )
    run.add_argument(
        "--duplicates", action="store_true", help="flag near-duplicate pages with metadata.duplicate_of"
    )


def run_clean(args: argparse.Namespace) -> int:
    from boilerstrip.batch.outputs import BatchError
    from boilerstrip.batch.runner import BatchOptions, run_batch
    from boilerstrip.cleaner import Cleaner

    how = cleaning.from_args(args)
    Cleaner(how)  # a bad rule file or site config fails here, before any page
    options = BatchOptions(
        paths=tuple(args.paths),
        output=args.output,
        out_dir=args.out_dir,
        txt=args.txt,
        format=args.format,
        workers=max(1, args.workers),
        engine=args.engine,
        scheduler=args.scheduler,
        progress=not args.quiet and sys.stderr.isatty(),
        site_templates=args.site_templates,
        duplicates=args.duplicates,
        options=how,
    )
    try:
        summary = run_batch(options)
    except BatchError as exc:
        print(f"boilerstrip: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `| head` closed stdout: stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    if not args.quiet:
        resumed = f" (resumed after {summary.resumed})" if summary.resumed else ""
        rate = summary.pages / summary.seconds if summary.seconds else 0.0
        print(
            f"boilerstrip: {summary.pages} pages{resumed}, {summary.records} records, "
            f"{summary.errors} errors in {summary.seconds:.1f} s ({rate:.0f} pages/s)",
            file=sys.stderr,
        )
    return 0
