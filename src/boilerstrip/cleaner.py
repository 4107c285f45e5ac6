"""The Cleaner: one configuration, its pipelines, and the one loop over stages.

    cleaner = Cleaner(Options(rules=("my-rules/",), disable=("share-on-network",)))
    record = cleaner.clean(page_bytes, url="https://example.com/a/1")
    doc = cleaner.trace(page_bytes, until="site_templates")   # the Document, mid-way

A Cleaner is built once from `Options`: it loads and checks the rules, builds
the pipeline of each input kind, and then cleans any number of pages. Every
entry point runs pages through `_walk`, the one loop over stages: it owns the
page's deadline and limits, can stop before a named stage (`until`), and
calls a hook after every stage (`on_stage`, for timing). `clean` turns every
page-level failure into an error record; `trace` returns the Document itself
and lets the failure raise, for tools that show the whole audit trail.

A Cleaner holds no page state: the same page always gives the same record,
whatever was cleaned before it. It pickles as its Options, so a batch sends
that description to its workers and each builds its own (`cleaner_for`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, get_args

from boilerstrip.document import Document, InputKind, Record, body_text
from boilerstrip.limits import Deadline, TimeLimitExceeded, deadline
from boilerstrip.matching.rules import load_rules
from boilerstrip.matching.sites import SiteRule, find_site_rule, validate_site_config
from boilerstrip.options import Options
from boilerstrip.page_types.model import load_model
from boilerstrip.page_types.profiles import load_profiles
from boilerstrip.pipeline import Stage, build_pipeline, make_document
from boilerstrip.reading.decode import InputError, Mode, read_bytes, sniff_mode
from boilerstrip.reading.page import page_text
from boilerstrip.reading.trees import is_parsed, parsed_tree
from boilerstrip.reading.urls import page_url
from boilerstrip.rendering import body_html, body_markdown

if TYPE_CHECKING:
    from bs4 import BeautifulSoup
    from lxml import etree

    # What a page may be: its bytes or its text, the path of its file, or
    # the page already parsed (`boilerstrip.reading.trees`).
    PageInput: TypeAlias = (
        bytes | bytearray | str | os.PathLike[str] | etree._Element | etree._ElementTree | BeautifulSoup
    )

# Called after each step of a page with the step's name and its seconds; the
# first step, "read", decodes and parses (or splits) the page.
StageHook = Callable[[str, float], None]
READ = "read"
# Built Cleaners kept per process (by Options): a batch worker or a caller of
# `boilerstrip.clean` uses one or two configurations, each built once.
CACHED_CLEANERS = 8


class Cleaner:
    """Cleans pages under one set of Options."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options if options is not None else Options()
        # A bad rule file or site-config directory is the caller's error: it
        # raises here, before any page, and is never a page's failure.
        self.rules = load_rules(self.options.rules, self.options.disable)
        validate_site_config(self.options.site_config)
        self.page_types = load_model()  # the page-type classifier's weights (`boilerstrip.page_types`)
        self.profiles = load_profiles()  # what the stages do per page type (`rules/profiles/`)
        self.limits = self.options.limits
        self._pipelines: dict[InputKind, tuple[Stage, ...]] = {
            kind: tuple(
                build_pipeline(
                    self.rules, kind, options=self.options, page_types=self.page_types, profiles=self.profiles
                )
            )
            for kind in ("html", "text")
        }

    def prepare(self) -> None:
        """Load now what the stages would load on first use (the language
        model): for a caller that times pages and wants no page to pay a
        one-off set-up. Cleaning never needs it."""
        for stages in self._pipelines.values():
            for stage in stages:
                ready = getattr(stage, "prepare", None)
                if callable(ready):
                    ready()

    def __reduce__(self) -> tuple[Any, tuple[Options]]:
        return (Cleaner, (self.options,))

    def __repr__(self) -> str:
        return f"Cleaner({self.options!r})"

    def clean(
        self,
        data: PageInput,
        *,
        url: str | None = None,
        source: str | None = None,
        mode: Mode | None = None,
        templates: frozenset[str] | None = None,
    ) -> Record:
        """Clean one page into a Record: its bytes or text (HTML or plain), the
        path of its file (a `pathlib.Path` or any `os.PathLike`; a str is
        always content), or the page already parsed (an lxml tree or a
        BeautifulSoup document).

        A page that cannot be cleaned gives a record with `error` set, naming
        the cause; only a wrong argument raises. `mode` overrides the options'
        input kind for this page. `templates` holds the keys of the page's site
        template blocks, learned across a batch (`boilerstrip.batch.templates`);
        they are removed with rule id `site-template`.
        """
        mode, source = self._arguments(data, mode, source)
        site = self._site_rule(url)  # a malformed site file raises: it is no page's failure
        try:
            with deadline(self.limits) as clock:
                doc = self._walk(data, url, source, mode, site, templates, None, None, clock)
        except TimeLimitExceeded as exc:
            return Record.failure(str(exc), source=source, url=url)
        except InputError as exc:
            return Record.failure(str(exc), source=source, url=url)
        except Exception as exc:  # any page-level failure becomes an error record
            return Record.failure(f"{type(exc).__name__}: {exc}", source=source, url=url)
        return record_of(doc, self.options)

    def clean_file(
        self,
        path: str | os.PathLike[str],
        *,
        url: str | None = None,
        mode: Mode | None = None,
        templates: frozenset[str] | None = None,
    ) -> Record:
        """Clean a file (gzip read transparently); an unreadable file gives an error record.

        The options' `max_bytes` caps the file and its decompressed content alike.
        """
        return self.clean(Path(path), url=url, source=str(path), mode=mode, templates=templates)

    def trace(
        self,
        data: PageInput,
        *,
        url: str | None = None,
        source: str | None = None,
        mode: Mode | None = None,
        templates: frozenset[str] | None = None,
        until: str | None = None,
        on_stage: StageHook | None = None,
    ) -> Document:
        """Run the page through the stages (up to `until`, when named) under the
        options' limits, and return the Document: every block, kept or removed,
        with the stage and rule that removed it (what `explain` shows).

        Unlike `clean`, a page that cannot be cleaned raises: `InputError` (a
        `LimitExceeded` among them) or `TimeLimitExceeded`.
        """
        mode, source = self._arguments(data, mode, source)
        site = self._site_rule(url)
        with deadline(self.limits) as clock:
            return self._walk(data, url, source, mode, site, templates, until, on_stage, clock)

    def _arguments(self, data: PageInput, mode: Mode | None, source: str | None) -> tuple[Mode, str | None]:
        """The page's mode and source (a file names itself), once the arguments
        are checked: a wrong one raises, before any page is read."""
        mode = mode or self.options.mode
        _check_arguments(data, mode)
        if isinstance(data, os.PathLike) and source is None:
            source = os.fspath(data)
        return mode, source

    def _read(self, data: PageInput, mode: Mode, url: str | None, source: str | None) -> Document:
        """The page as it enters the first stage: read, let through the input
        gate (`boilerstrip.reading.page`), sniffed, parsed or split."""
        tree = parsed_tree(data)
        if tree is not None:
            return make_document("", "html", url=url, source=source, tree=tree)
        if isinstance(data, os.PathLike):
            data = self._read_file(data)
        assert isinstance(data, bytes | bytearray | str)  # _check_arguments let nothing else through
        self.limits.check_size(data)
        text, as_is = page_text(data)
        kind: InputKind = sniff_mode(text) if mode == "auto" else mode
        raw = bytes(data) if as_is and not isinstance(data, str) else None
        limit = self.limits.max_blocks
        return make_document(text, kind, url=url, source=source, utf8_bytes=raw, max_blocks=limit)

    def _read_file(self, path: os.PathLike[str]) -> bytes:
        limit = self.limits.max_bytes
        try:
            return read_bytes(path) if limit is None else read_bytes(path, limit)
        except (OSError, InputError) as exc:
            raise InputError(f"cannot read input: {exc}") from exc

    def _site_rule(self, url: str | None) -> SiteRule | None:
        return find_site_rule(url, self.options.site_config)

    def stages(
        self, kind: InputKind, site: SiteRule | None = None, templates: frozenset[str] | None = None
    ) -> tuple[Stage, ...]:
        """The stages a page of this kind passes (its site rule and templates make its own)."""
        if site is None and templates is None:
            return self._pipelines[kind]
        return tuple(
            build_pipeline(
                self.rules,
                kind,
                site,
                templates=templates,
                options=self.options,
                page_types=self.page_types,
                profiles=self.profiles,
            )
        )

    def _walk(
        self,
        data: PageInput,
        url: str | None,
        source: str | None,
        mode: Mode,
        site: SiteRule | None,
        templates: frozenset[str] | None,
        until: str | None,
        on_stage: StageHook | None,
        clock: Deadline,
    ) -> Document:
        """The one loop: read the page, then each stage in turn, checking the
        limits before every step."""
        started = time.perf_counter()
        clock.enter("decode and parse")
        doc = self._read(data, mode, url, source)
        self.limits.check_tree(doc.tree)
        if on_stage is not None:
            on_stage(READ, time.perf_counter() - started)
        stages = self.stages(doc.kind, site, templates)
        if until is not None and until not in (stage.name for stage in stages):
            raise ValueError(f"no stage named {until!r} in this pipeline")
        for stage in stages:
            if stage.name == until:
                break
            clock.enter(stage.name, len(doc.blocks))
            started = time.perf_counter()
            doc = stage(doc)
            if on_stage is not None:
                on_stage(stage.name, time.perf_counter() - started)
        return doc


@lru_cache(maxsize=CACHED_CLEANERS)
def cleaner_for(options: Options) -> Cleaner:
    """The process's Cleaner for these options, built on first use."""
    return Cleaner(options)


def record_of(doc: Document, options: Options | None = None) -> Record:
    """The clean record of a Document that has passed every stage. Its `url`
    is the input's URL, or else the canonical URL the page states
    (`metadata.url`), absolute and cleaned (`boilerstrip.reading.urls`).
    The options say what it holds beyond the text: the audit trail, the
    body as Markdown or HTML (drawn only when asked: `boilerstrip.rendering`),
    the comments."""
    options = options or Options()
    drawn = {"links": options.links, "images": options.images}
    return Record(
        title=doc.title,
        body=body_text(doc),
        metadata=doc.metadata,
        source=doc.source,
        url=page_url(doc.url) or doc.metadata.get("url"),
        removed=list(doc.removals) if options.explain else None,
        body_markdown=body_markdown(doc.blocks, **drawn) if options.format == "markdown" else None,
        body_html=body_html(doc.blocks, **drawn) if options.format == "html" else None,
        comments=list(doc.comments) if options.comments else None,
    )


def _check_arguments(data: object, mode: str) -> None:
    if not isinstance(data, bytes | bytearray | str | os.PathLike) and not is_parsed(data):
        raise TypeError(
            "clean() takes bytes, str, a path or a parsed page (lxml, BeautifulSoup),"
            f" not {type(data).__name__}"
        )
    if mode not in get_args(Mode):
        raise ValueError(f"mode must be one of {get_args(Mode)}, not {mode!r}")
    if mode == "text" and is_parsed(data):
        raise ValueError("a parsed page is HTML: mode='text' cannot apply to it")
