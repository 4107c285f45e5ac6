"""The `boilerstrip` command: `clean` pages into JSON Lines, `eval` quality.

    boilerstrip clean PATH... [-o OUT.jsonl] [--mode auto|html|text] [--explain]
    boilerstrip eval fixtures/ | BENCH_DIR [--inputs ...] [--compare trafilatura]

`clean` walks directories recursively in sorted order and writes one record
per input, so the same inputs always give the same output. A page that
cannot be cleaned gives a record with `error` set and the run goes on.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

# The inputs a directory walk picks up; a file named on the command line is
# cleaned whatever its name.
INPUT_SUFFIXES = (".html", ".htm", ".xhtml", ".txt", ".text")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    status: int = args.func(args)
    return status


def build_parser() -> argparse.ArgumentParser:
    from boilerstrip import __version__, evaluate

    parser = argparse.ArgumentParser(prog="boilerstrip", description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", action="version", version=f"boilerstrip {__version__}")
    sub = parser.add_subparsers(metavar="COMMAND")
    clean = sub.add_parser("clean", help="clean pages into JSON Lines records")
    clean.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or directories")
    clean.add_argument("-o", "--output", type=Path, help="write JSON Lines here (default: stdout)")
    clean.add_argument("--mode", choices=("auto", "html", "text"), default="auto")
    clean.add_argument("--explain", action="store_true", help="add the audit trail of removals")
    add_rule_arguments(clean)
    clean.set_defaults(func=run_clean)
    evaluate.register(sub)
    return parser


def add_rule_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="extra rule files or directories (repeatable)",
    )
    parser.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="RULE_ID",
        help="switch a rule off by id (repeatable)",
    )


def iter_inputs(paths: Sequence[Path]) -> Iterator[Path]:
    """Named files as given; directories walked recursively, sorted, by suffix."""
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if _is_input_name(name):
                        yield Path(root) / name
        else:
            yield path


def _is_input_name(name: str) -> bool:
    lowered = name.lower().removesuffix(".gz")
    return lowered.endswith(INPUT_SUFFIXES)


def run_clean(args: argparse.Namespace) -> int:
    from boilerstrip.api import clean_file
    from boilerstrip.rules import load_rules

    load_rules(args.rules, args.disable)  # fail on a bad rule file before any page
    pages = errors = 0
    with _open_output(args.output) as out:
        for path in iter_inputs(args.paths):
            record = clean_file(
                path, mode=args.mode, rules=args.rules, disable=args.disable, explain=args.explain
            )
            out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            pages += 1
            errors += record.error is not None
    print(f"boilerstrip: {pages} pages, {pages - errors} records, {errors} errors", file=sys.stderr)
    return 0


class _open_output:
    """stdout, or a file written beside its target and renamed into place at the end,
    so an interrupted run never leaves a half-written output file."""

    def __init__(self, target: Path | None) -> None:
        self.target = target
        self.partial = target.with_name(target.name + ".partial") if target else None
        self.handle: IO[str] = sys.stdout

    def __enter__(self) -> IO[str]:
        if self.partial is not None:
            self.partial.parent.mkdir(parents=True, exist_ok=True)
            self.handle = self.partial.open("w", encoding="utf-8")
        return self.handle

    def __exit__(self, exc_type: object, *_: object) -> None:
        if self.partial is None or self.target is None:
            self.handle.flush()
            return
        self.handle.close()
        if exc_type is None:
            self.partial.replace(self.target)


if __name__ == "__main__":
    raise SystemExit(main())
