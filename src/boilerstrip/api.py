"""The public entry points: `clean(data)`, `clean_file(path)` and `trace(data)`.

Each takes the page and, as keywords, any `Options` field (`mode`, `rules`,
`disable`, `site_config`, `timeout`, `max_bytes`, `explain`; see
`boilerstrip.options.Options`), and hands the page to the process's Cleaner
for those options (`boilerstrip.cleaner.cleaner_for`), built once and
reused. A page that cannot be cleaned gives a `Record` with `error` set
instead of an exception, so one broken page never stops a batch. Only
programming errors (a wrong argument type, a malformed rule file) raise.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Unpack

from boilerstrip.cleaner import cleaner_for
from boilerstrip.document import Document, Record
from boilerstrip.options import OptionFields, Options

if TYPE_CHECKING:
    from boilerstrip.cleaner import PageInput


def clean(
    data: PageInput,
    *,
    url: str | None = None,
    source: str | None = None,
    templates: frozenset[str] | None = None,
    **options: Unpack[OptionFields],
) -> Record:
    """Clean one page into a Record.

    The page is its bytes or its text (HTML or plain text, sniffed), the
    path of its file (a `pathlib.Path`; gzip read transparently; a str is
    always content, never a path), or the page already parsed: an lxml tree
    or a BeautifulSoup document, taken as it is (never modified).

    `url` is the page's address (site rules are chosen by its host);
    `source` names the input in the record. The options:

    - `mode`: "html" or "text" forces the input kind; "auto" (default) sniffs it;
    - `rules`: extra rule files or directories; `disable`: rule ids to switch off;
    - `site_config`: a directory of site rules (ours in TOML, or FiveFilters
      `.txt` files), searched before the bundled ones for the URL's host;
    - `timeout` (seconds, default 30) and `max_bytes` (default 20 MiB) limit
      the page, None switches a limit off; a page over a limit gives an error
      record naming it;
    - `explain`: keep the audit trail of removals on the record.

    `templates` holds the keys of the page's site template blocks, learned
    across a batch (`boilerstrip.batch`); they are removed with rule id
    `site-template`.
    """
    return cleaner_for(Options.of(**options)).clean(data, url=url, source=source, templates=templates)


def clean_file(
    path: str | os.PathLike[str], *, url: str | None = None, **options: Unpack[OptionFields]
) -> Record:
    """Clean a file (gzip read transparently); an unreadable file gives an error record.

    The options are `clean`'s; `max_bytes` caps the file and its decompressed
    content alike.
    """
    return cleaner_for(Options.of(**options)).clean_file(path, url=url)


def trace(
    data: PageInput, *, url: str | None = None, source: str | None = None, **options: Unpack[OptionFields]
) -> Document:
    """Run the same pipeline as `clean`, under the same limits, and return the
    final Document: every block, kept or removed, with the stage and rule that
    removed it (what `explain` shows).

    Unlike `clean`, a page that cannot be cleaned raises (`InputError`, or
    `TimeLimitExceeded` past the time limit).
    """
    return cleaner_for(Options.of(**options)).trace(data, url=url, source=source)
