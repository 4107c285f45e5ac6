"""How a `boilerstrip` command ends: its exit status, the same for every subcommand.

| status | meaning |
|---|---|
| 0 | done: every page cleaned (`eval`: every check passed) |
| 1 | done, but some pages gave error records, nothing matched, or a check failed |
| 2 | not done: a usage or configuration error (one line on stderr says which) |
| 130 | interrupted by Ctrl-C or SIGTERM (`clean` says how to resume) |
| 141 | standard output closed early (`| head`), as for any tool SIGPIPE stops |

A command that meets a user's mistake raises `UsageError` with one line for
the user; `boilerstrip.cli.main` prints it and exits 2. No traceback reaches
the user for a mistake of theirs.
"""

from __future__ import annotations

OK = 0
FAILED = 1
USAGE = 2
INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C
BROKEN_PIPE = 141  # 128 + SIGPIPE


class UsageError(Exception):
    """A mistake in how a command was called or configured: the message is the
    one line the user sees, and the exit status is 2."""
