"""The public entry points: `clean(data)`, `clean_file(path)`, `trace(data)` and `clean_batch(paths)`.

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
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Unpack

from boilerstrip.batch.runner import BatchOptions, OutputFormat, Summary, body_format, run_batch
from boilerstrip.cleaner import cleaner_for
from boilerstrip.document import Document, Record
from boilerstrip.options import CleaningFields, OptionFields, Options

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
    - `explain`: keep the audit trail of removals on the record;
    - `format`: "markdown" adds `record.body_markdown`, "html" `record.body_html`
      (the same text as `body`, with its headings, lists, tables, code and
      quotations); `links` and `images` keep the page's links and images in it;
    - `comments`: return the comment thread as `record.comments` (author,
      date, text per comment); it leaves the body all the same.

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


def clean_batch(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    output: str | os.PathLike[str] | None = None,
    *,
    out_dir: str | os.PathLike[str] | None = None,
    txt: bool = False,
    format: OutputFormat = "jsonl",
    workers: int | None = None,
    engine: Literal["local", "dask"] = "local",
    scheduler: str | None = None,
    site_templates: bool = False,
    duplicates: bool = False,
    progress: bool = False,
    **options: Unpack[CleaningFields],
) -> Summary:
    """Clean every page under `paths` (files, folders walked for pages, WARC/WET
    archives) as `boilerstrip clean` does: in worker processes, one record per
    page in input order, into `output` (JSON Lines; Parquet with
    `format="parquet"`; standard output when None) or one `.json` per page
    under `out_dir` (and a `.txt` of its body with `txt`). `format`
    "markdown", "html" or "txt" writes each page as a document to read
    instead (with `out_dir`, a `.md`, `.html` or `.txt` beside its `.json`).
    The options are `clean`'s; `workers` defaults to every core; `engine="dask"` runs on a Dask
    cluster (`scheduler` its address).

    Interrupted (Ctrl-C, a kill), the same call resumes where it stopped.
    Returns the Summary: pages cleaned, errors among them, pages resumed.
    Raises `boilerstrip.batch.outputs.BatchError` when the batch cannot start
    (a journal of other options, a missing extra).

    Worker processes import the main module again: call it under
    `if __name__ == "__main__":` in a script.
    """
    chosen = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    batch = BatchOptions(
        paths=tuple(Path(path) for path in chosen),
        output=Path(output) if output is not None else None,
        out_dir=Path(out_dir) if out_dir is not None else None,
        txt=txt,
        format=format,
        workers=max(1, workers or os.cpu_count() or 1),
        engine=engine,
        scheduler=scheduler,
        progress=progress,
        site_templates=site_templates,
        duplicates=duplicates,
        options=Options.of(**options, format=body_format(format)),
    )
    return run_batch(batch)
