"""trafilatura's fast pass and, on doubt, its full pass, their common start run once.

`main_content` asks trafilatura for the article in its fast pass (no
fallback extractors) and, when it doubts the result, in its full pass. The
two passes begin alike: the raw tree's pruning, its cleaning and tag
conversion, and the main extractor, which is most of the fast pass's time.
Run as two `bare_extraction` calls, the full pass did all of that again on
a third of the pages.

So this module runs trafilatura's own sequence (`trafilatura_sequence` and
the end of `bare_extraction` in trafilatura 2.3.1) step by step, with
trafilatura's own functions: the common start once, then the fast ending
and, when asked, the full ending (the fallback extractors, and jusText in
the recall retry) from the same start. Each ending gets the start's results
as they were (the fast ending works on copies), so each pass returns
exactly what its own `bare_extraction` call returned. One step of the
start depends on the pass: the main extractor's recovery of "wild" text,
which keeps teaser blocks in the fast pass only, run when the extractor
found less than its minimum (a third of the pages); what it reads is kept
as it was, and the full pass runs its own recovery on it.

The steps are trafilatura's internals: with any other version of it, each
pass is a plain `bare_extraction` call, as before.
"""

from __future__ import annotations

from copy import copy, deepcopy
from dataclasses import dataclass, replace
from importlib import import_module
from typing import Any, NamedTuple

from lxml.etree import _Element
from lxml.html import HtmlElement

# The trafilatura whose sequence the steps below follow, step for step.
MIRRORED_VERSION = "2.3.1"


class Extracted(NamedTuple):
    """A pass's article (trafilatura's XML body), its text, and the comments it
    found (None when not asked for)."""

    body: _Element
    text: str
    comments: _Element | None


@dataclass
class _Start:
    """The common start of both passes on one tree: what the endings read."""

    tree: HtmlElement  # the raw tree, pruned of trafilatura's unwanted nodes
    backup: HtmlElement  # the cleaned tree before tag conversion (the fallback extractors read it)
    body: _Element  # the main extractor's article
    text: str
    comments: _Element
    comments_text: str
    forum_posts: _Element | None
    is_forum: bool
    wild: _Wild | None  # what the wild-text recovery read, when it ran (it differs by pass)


@dataclass
class _Wild:
    """What the wild-text recovery read, kept as it was for the full pass."""

    backup: HtmlElement  # the cleaned tree before the main pass
    body: _Element  # the main pass's article
    potential_tags: set[str]
    done: list[int]  # where, in the backup's order, the elements the main pass took are


class ExtractorPasses:
    """One pruned tree's passes. `tree` is left as it is, unless `spent`
    (nothing reads it afterwards: no copy is made)."""

    def __init__(
        self, tree: HtmlElement, *, url: str | None, comments: bool, favor_recall: bool, spent: bool = False
    ) -> None:
        self.tree = tree
        self.url = url
        self.comments = comments
        self.favor_recall = favor_recall
        self.spent = spent
        self.start: _Start | None = None

    def run(self, *, fast: bool) -> Extracted | None:
        """The pass's article as `bare_extraction(tree, fast=fast, ...)` gives it; None if none."""
        if not _mirrored():
            return self._bare(fast)
        options = self._options(fast)
        try:
            start = self.start
            if start is None:
                start = _begin(self.tree if self.spent else copy(self.tree), options, self.url)
            if fast:
                self.start = start
                return _finish(_copied(start), options, self.url)
            return _finish(_full_start(start, options), options, self.url)
        except (TypeError, ValueError):  # bare_extraction's "discarding data"
            return None

    def _options(self, fast: bool) -> Any:
        from trafilatura.settings import Extractor

        # As bare_extraction builds them from the arguments main_content passes.
        return Extractor(
            output_format="python",
            fast=fast,
            recall=self.favor_recall,
            comments=self.comments,
            tables=True,
            images=False,
            dedup=False,
            url=self.url,
            with_metadata=False,
        )

    def _bare(self, fast: bool) -> Extracted | None:
        import trafilatura
        from trafilatura.settings import Document

        found = trafilatura.bare_extraction(
            self.tree,
            url=self.url,
            with_metadata=False,
            include_comments=self.comments,
            include_tables=True,
            include_images=False,
            deduplicate=False,
            fast=fast,
            favor_recall=self.favor_recall,
        )
        if not isinstance(found, Document) or found.body is None:
            return None
        return Extracted(found.body, found.text or "", found.commentsbody if self.comments else None)


def _mirrored() -> bool:
    import trafilatura

    return bool(trafilatura.__version__ == MIRRORED_VERSION)


def _module(name: str) -> Any:
    """A trafilatura module, its internals read as they are (they declare no exports)."""
    return import_module(name)


def _begin(tree: HtmlElement, options: Any, url: str | None) -> _Start:
    """trafilatura_sequence up to and with the main extractor."""
    core = _module("trafilatura.core")

    is_forum = core._forum_thread_page(tree)
    tree = core.prune_unwanted_nodes(tree, core.RAW_TREE_PRUNE_XPATH)
    if not options.comments and (options.focus == "precision" or not is_forum):
        tree = core.prune_unwanted_nodes(tree, core.REMOVE_COMMENTS_AND_LISTS_XPATH)
    cleaned, backup = core._prepare_tree(tree, options, url)
    comments, comments_text = core.Element("body"), ""
    forum_posts = None
    if options.comments:
        comments, comments_text, cleaned = core.extract_comments(cleaned, options)
        if comments_text and is_forum:
            # a thread's "comments" are its posts: they join the article (below)
            forum_posts = comments
            comments, comments_text = core.Element("body"), ""
            cleaned = core.convert_tags(copy(backup), options, url)
    if options.focus == "precision" and not is_forum:
        cleaned = core.prune_unwanted_nodes(cleaned, core.REMOVE_COMMENTS_XPATH)
    body, text, wild = _main_extractor(cleaned, options)
    return _Start(tree, backup, body, text, comments, comments_text, forum_posts, is_forum, wild)


def _main_extractor(cleaned: HtmlElement, options: Any) -> tuple[_Element, str, _Wild | None]:
    """trafilatura's extract_content, and, when its wild-text recovery ran,
    what that read (for the full pass's own recovery)."""
    extractor = _module("trafilatura.main_extractor")

    backup = deepcopy(cleaned)
    order = list(cleaned.iter())
    body, text, potential_tags = extractor._extract(cleaned, options)
    wild = None
    if len(body) == 0 or len(text) < options.min_extracted_size:
        done = [position for position, element in enumerate(order) if element.tag == "done"]
        wild = _Wild(deepcopy(backup), deepcopy(body), potential_tags, done)
        body, text = _recover(backup, body, potential_tags, done, options)
    _settle(body)
    return body, text, wild


def _recover(
    backup: HtmlElement, body: _Element, potential_tags: set[str], done: list[int], options: Any
) -> tuple[_Element, str]:
    """The wild-text recovery on the backup of the cleaned tree, less what the main pass took."""
    extractor = _module("trafilatura.main_extractor")
    twins = list(backup.iter())
    consumed = {twins[position] for position in done}
    body = extractor.recover_wild_text(backup, body, options, potential_tags, consumed)
    text = " ".join(body.itertext()).strip()  # type: ignore[arg-type]  # an HTML tree's texts are str
    return body, text


def _settle(body: _Element) -> None:
    """extract_content's last steps: repeated elements, leftover markers and spacing go."""
    extractor = _module("trafilatura.main_extractor")
    previous = None
    for element in list(body):
        current = extractor._elem_text(element)
        if current and current == previous and len(current) > extractor.MIN_DUPLICATE_LENGTH:
            extractor.delete_element(element, keep_tail=False)
        else:
            previous = current
    extractor.strip_elements(body, "done")
    extractor.strip_tags(body, "div")
    for linebreak in body.iter("lb"):
        if (
            linebreak.tail
            and not extractor.text_chars_test(linebreak.tail)
            and not any(ancestor.tag in extractor.SPACING_PROTECTED for ancestor in linebreak.iterancestors())
        ):
            linebreak.tail = None


def _full_start(start: _Start, options: Any) -> _Start:
    """The fast pass's start made the full pass's: the same, unless the wild-text
    recovery ran, which the full pass runs again its own way (without teaser blocks)."""
    wild = start.wild
    if wild is None:
        return start
    body, text = _recover(wild.backup, wild.body, wild.potential_tags, wild.done, options)
    _settle(body)
    return replace(start, body=body, text=text, wild=None)


def _copied(start: _Start) -> _Start:
    """The start with its results copied: the fast ending may move their
    elements (a forum's posts into the article), the full ending needs them as they were."""
    forum_posts = deepcopy(start.forum_posts) if start.forum_posts is not None else None
    return replace(
        start, body=deepcopy(start.body), comments=deepcopy(start.comments), forum_posts=forum_posts
    )


def _finish(start: _Start, options: Any, url: str | None) -> Extracted | None:
    """The rest of trafilatura_sequence, then bare_extraction's checks and text."""
    core = _module("trafilatura.core")

    tree, text, forum_posts = start.tree, start.text, start.forum_posts
    body: Any = start.body  # lxml types its texts as str or bytes; an HTML tree's are str
    comments, comments_text, is_forum = start.comments, start.comments_text, start.is_forum
    if not options.fast:
        body, text = core.compare_extraction(start.backup, copy(tree), body, text, options)
    # 3. rescue: the baseline on the raw tree, when it adds text
    if len(text) < options.min_extracted_size and options.focus != "precision":
        b_body, b_text, b_len = core.baseline(tree)
        if b_len > len(text):
            body, text = b_body, b_text
            forum_posts = None
    # 4. recall escalation
    if (
        options.focus == "balanced"
        and 0 < len(text) < core.ESCALATION_MAX_LENGTH
        and len(text) < core.ESCALATION_PAGE_SHARE * len(core.html2txt(tree))
    ):
        r_options = copy(options)
        r_options.focus = "recall"
        esc_tree = (
            tree
            if is_forum or not options.comments
            else core.prune_unwanted_nodes(
                copy(tree),
                core.REMOVE_COMMENTS_AND_LISTS_XPATH if comments_text else core.REMOVE_COMMENTS_XPATH,
            )
        )
        r_text = ""
        try:
            r_body, r_text = core._recall_retry(esc_tree, r_options, url)
        except Exception:  # as trafilatura does: a failed retry is no result
            r_text = ""
        j_text = ""
        if not options.fast:
            try:
                j_body, j_text = core.justext_rescue(copy(esc_tree), options)
            except Exception:  # likewise
                j_text = ""
        len_text, r_len, j_len = len(text), len(r_text), len(j_text)
        if j_len > r_len and j_len > core.ESCALATION_JUSTEXT_RATIO * len_text:
            body, text, forum_posts = j_body, j_text, None
        elif r_len >= options.min_extracted_size and r_len > core.ESCALATION_ACCEPT_RATIO * len_text:
            body, text, forum_posts = r_body, r_text, None
    if forum_posts is not None:
        existing = "\n".join(filter(None, (core._elem_text(el) for el in body)))
        salvaged = [el for el in forum_posts if (t := core._elem_text(el)) and t not in existing]
        if salvaged:
            body.extend(salvaged)
            text = " ".join(body.itertext()).strip()
    # bare_extraction's checks on the result
    if options.max_tree_size:
        if len(body) > options.max_tree_size:
            core.strip_tags(body, "hi")
        if len(body) > options.max_tree_size:
            return None
    if len(text) < options.min_output_size and len(comments_text) < options.min_output_comm_size:
        return None
    return Extracted(body, core.xmltotxt(body, options.formatting), comments if options.comments else None)
