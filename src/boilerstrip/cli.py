"""The `boilerstrip` command: `clean` pages into JSON Lines, `eval` quality.

    boilerstrip clean PATH... [-o OUT.jsonl | --out-dir DIR] [--workers N] [--mode auto|html|text]
                      [--explain] [--site-templates] [--duplicates] [--engine dask]
    boilerstrip eval fixtures/ | BENCH_DIR | WCXB_DIR [--inputs html|DIR] [--types TYPE,...]
                     [--compare trafilatura,c4,raw] [--json]

`clean` walks directories recursively in sorted order and writes one record
per input, so the same inputs always give the same output. A page that
cannot be cleaned gives a record with `error` set and the run goes on.
The batch machinery (workers, WARC input, resumable output, Dask) lives in
`boilerstrip.batch`.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    status: int = args.func(args)
    return status


def build_parser() -> argparse.ArgumentParser:
    from boilerstrip import __version__
    from boilerstrip.batch import command as batch_command
    from boilerstrip.quality import evaluate, explain, scaffold

    parser = argparse.ArgumentParser(prog="boilerstrip", description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", action="version", version=f"boilerstrip {__version__}")
    sub = parser.add_subparsers(metavar="COMMAND")
    clean = sub.add_parser("clean", help="clean pages into JSON Lines records")
    clean.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or directories")
    clean.add_argument("-o", "--output", type=Path, help="write JSON Lines here (default: stdout)")
    batch_command.add_arguments(clean)
    clean.set_defaults(func=run_clean)
    evaluate.register(sub)
    explain.register(sub)
    scaffold.register(sub)
    return parser


def run_clean(args: argparse.Namespace) -> int:
    from boilerstrip.batch.command import run_clean

    return run_clean(args)


if __name__ == "__main__":
    raise SystemExit(main())
