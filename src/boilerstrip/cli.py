"""The `boilerstrip` command: `clean` pages into records, `eval` quality, `explain` a page.

    boilerstrip clean PATH... [-o OUT.jsonl | --out-dir DIR] [--url URL] [--workers N] [-v]
    boilerstrip eval fixtures/ | BENCH_DIR | WCXB_DIR [--baseline FILE] [--inputs html|DIR]
                     [--types TYPE,...] [--compare trafilatura,c4,raw] [--json]
    boilerstrip explain PAGE [--url URL] [--html REPORT]
    boilerstrip fixture new PAGE [--url URL] [--name NAME]

Every subcommand ends the same way (`boilerstrip.exits`): 0 done, 1 done with
pages that gave error records or checks that failed, 2 a usage or
configuration error (one line on stderr, never a traceback), 130 interrupted
by Ctrl-C or SIGTERM, 141 when the reader of standard output went away.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import FrameType
from typing import NoReturn

from boilerstrip.exits import BROKEN_PIPE, INTERRUPTED, USAGE, UsageError

EXAMPLES = """examples:
  boilerstrip clean examples/                           a record per page, as JSON Lines
  boilerstrip clean crawl/ -o records.jsonl             a whole crawl, on every core, resumable
  boilerstrip explain page.html                         what was removed, by which rule
  boilerstrip eval fixtures/ --baseline eval-baseline.json
  boilerstrip COMMAND --help                            each command's options and examples

exit status: 0 done, 1 some pages gave error records (or none was found, or a
check failed), 2 a usage or configuration error, 130 interrupted, 141 the
reader of standard output went away
"""


class Parser(argparse.ArgumentParser):
    """argparse, with a mistake on the command line said in one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a mistake argparse has already said
        return exc.code if isinstance(exc.code, int) else USAGE
    if not hasattr(args, "func"):
        parser.print_help(sys.stderr)
        return USAGE
    prog = getattr(args, "prog", parser.prog)
    with _sigterm_interrupts():
        try:
            status: int = args.func(args)
        except UsageError as exc:
            print(f"{prog}: {exc}", file=sys.stderr)
            return USAGE
        except KeyboardInterrupt:
            print(f"{prog}: interrupted", file=sys.stderr)
            return INTERRUPTED
        except BrokenPipeError:  # `| head` has read enough: stop quietly, as Unix tools do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return BROKEN_PIPE
    return status


def build_parser() -> argparse.ArgumentParser:
    from boilerstrip import __version__
    from boilerstrip.batch import command as batch_command
    from boilerstrip.quality import evaluate, explain, scaffold

    parser = Parser(
        prog="boilerstrip",
        description="Clean web pages (HTML or text) into article records: title, body, metadata.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"boilerstrip {__version__}")
    sub = parser.add_subparsers(metavar="COMMAND")
    clean = sub.add_parser(
        "clean",
        help="clean pages into JSON records, one per page",
        description="Clean pages (HTML or text, any encoding, gzip ok) into JSON records, one per page.",
        epilog=batch_command.EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    batch_command.add_arguments(clean)
    clean.set_defaults(func=batch_command.run_clean, prog=clean.prog)
    evaluate.register(sub)
    explain.register(sub)
    scaffold.register(sub)
    return parser


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM stops a command as Ctrl-C does: quietly, and resumably for `clean`."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    raise SystemExit(main())
