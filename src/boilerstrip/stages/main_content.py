"""Find the article in the pruned HTML tree and turn it into blocks.

trafilatura is the content extractor: after the DOM stage has cut the
obvious boilerplate it works on a smaller, cleaner tree, which makes it both
faster and more precise. Its text output puts one paragraph, heading or list
item per line, which is exactly our block shape, so both input kinds meet here.
When it finds nothing, the page's visible text is the fallback, and the block
stages still clean it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml.etree import _Element
from lxml.html import HtmlElement

from boilerstrip.document import UNDONE, Document, split_blocks
from boilerstrip.page_types.profiles import DEFAULT, NO_PROFILES, Profile, Profiles
from boilerstrip.reading.html import parse_html
from boilerstrip.stages.article_parts import gather_article_parts
from boilerstrip.stages.article_shapes import (
    article_entries,
    attach_links_and_images,
    page_links_and_images,
    part_entries,
    shape_blocks,
)
from boilerstrip.stages.dom_guard import STAGE as GUARD_STAGE
from boilerstrip.stages.extractor_passes import ExtractorPasses
from boilerstrip.stages.product_description import jsonld_product_description
from boilerstrip.stages.region_text import main_region, region_text, visible_chars

STAGE = "main_content"


# Below this share of the pruned page's paragraph text, the fast pass is
# taken to have missed part of the article. Tuned on the dev pages together
# with the DOM rules: 0.5-0.7 give the same F1; 0.6 sits in the middle.
MIN_SHARE_OF_PARAGRAPH_TEXT = 0.6
# Gathered parts are trusted when they hold at least this share of the lines
# the fast pass found.
MIN_AGREEMENT = 0.5
# trafilatura's full pass (its fallback extractors, readability and jusText)
# costs a third of its time, so it runs only when there is reason to doubt
# the fast pass: the DOM guard undid a removal (the page's layout fooled the
# class words, and may fool the extractor's), or the fast pass returned less
# than this many chars or less than this share of the expected main text.
SLOW_PATH_BELOW_CHARS = 500
SLOW_PATH_BELOW_SHARE = 0.5
# ... or less than this share of all the prose the pruning left on the page:
# an article set in several containers (one per section, a list beside its
# paragraphs) of which the fast pass kept one. On the WCXB dev pages any
# share from 0.6 to 1.0 gains the same (0.5 less); 0.7 runs the full pass
# on at most 9% more pages than the checks above alone.
SLOW_PATH_BELOW_PAGE_PROSE_SHARE = 0.7
# Below this share of the expected main text, even the full pass has missed
# the article, and the page is read again unpruned. Lower than the slow
# path's share: a product page whose pruned result holds half its paragraphs
# is usually right, the rest being reviews (WCXB sample: 0.5 lost as many
# pages as it saved; 0.3 saved forums and lost none). The same share of the
# prose the pruning left on the page (WCXB dev: 0.3 fixed 5 pages whose
# F1 was 0.3 or more below trafilatura's and moved none of a 20% random
# sample; 0.4 lost two product pages there).
UNPRUNED_BELOW_SHARE = 0.3
# The DOM rule that names comment sections. When the guard undid its
# removals, the page's comments are its content (a forum thread's posts), and
# the extractor, which drops comments by the same class words, keeps them.
# (A profile that switches the rule off says so itself: `keep_comments`.)
COMMENTS_RULE = "dom-comments"
# When the extractor's article holds less than this share of the text of the
# page's main region (what pruning left of it), the page is no one article
# (a listing, a thread, a landing page of sections the extractor took for
# navigation) and the region is read instead. The share trades recall for
# leaked boilerplate; on the WCXB dev pages, with the listing and collection
# profiles, 0.4 / 0.3 / 0.2 gave F1 0.847 / 0.845 / 0.840 and `without`
# leaked 5.5% / 5.2% / 4.8% (0.827 and 4.2% before any region reading):
# 0.2 is the largest share tried that keeps leaks under 5%. A profile may
# set its own (`region_below_share`).
REGION_BELOW_SHARE = 0.2


@dataclass(frozen=True)
class ExtractMainContent:
    """`shapes` gives the blocks their layout (`boilerstrip.stages.article_shapes`),
    for a Markdown or HTML body; `links` and `images` add the page's links
    and images to it. Without them the stage does no more than it must.
    `profiles` may ask, per page type, for the full pass or for recall."""

    name: str = STAGE
    shapes: bool = False
    links: bool = False
    images: bool = False
    profiles: Profiles = NO_PROFILES

    def __call__(self, doc: Document) -> Document:
        if doc.tree is None:
            return doc
        found = None
        if self.links or self.images:
            found = page_links_and_images(doc.tree, doc.url, links=self.links, images=self.images)
        profile = self.profiles.for_page(doc.metadata)
        text: str | None
        entries: list[Any]
        if profile.read_region:
            text, entries = region_text(main_region(doc.tree)), []
            doc.region_read = True
        else:
            text, entries = self._article(doc, doc.tree, profile)
            if profile.region_fallback and (
                region := _region_if_article_short(
                    doc.tree, text or "", profile.region_below_share or REGION_BELOW_SHARE
                )
            ):
                text, entries = region, []
                doc.region_read = True
        if not text:
            body = doc.tree.find("body")
            text, entries = (body if body is not None else doc.tree).text_content(), []
        if len(text.split()) < profile.jsonld_description_below_words:
            text = _with_stated_description(text, doc.tree)
        doc.blocks = split_blocks(text)
        if entries:
            shape_blocks(doc.blocks, entries)
        if found is not None:
            attach_links_and_images(doc.blocks, *found)
        doc.tree = None  # the tree is spent; release it before the block stages
        return doc

    def _article(self, doc: Document, tree: HtmlElement, profile: Profile) -> tuple[str | None, list[Any]]:
        """The extractor's article from the pruned `tree`: its fast pass, the
        parts of a split article, its full pass on doubt, the unpruned page
        when even that is short."""
        passes = _passes(doc, profile)
        article, text = _extract(doc, fast=True, profile=profile, passes=passes)
        entries = article_entries(article) if self.shapes and article is not None else []
        # A second, independent estimate of the article's size: the paragraph
        # text left after the DOM stage pruned the page. When the extractor
        # returns far less, the article is probably split into several parts
        # that it did not join: gather the parts ourselves. The two candidates
        # must agree: the parts of a split article contain the part the
        # extractor found; a grid of teaser cards that share a class does not.
        # (trafilatura's slower full pass, with its fallback extractors, did
        # no better on the dev pages once this was in place.)
        paragraph_chars = sum(len(t.strip()) for p in tree.iter("p") for t in p.itertext())
        # The third, for the fallbacks: the main text's size as the DOM guard
        # read it before pruning, in every block that holds prose, not only <p>.
        expected_chars = max(paragraph_chars, doc.main_text_chars)
        if len(text or "") < MIN_SHARE_OF_PARAGRAPH_TEXT * paragraph_chars:
            parts = gather_article_parts(tree)
            joined = "\n".join(line for line, _ in parts or ())
            if parts and _contains_most_of(joined, text or "") and len(joined) > len(text or ""):
                text, entries = joined, part_entries(parts) if self.shapes else []
        if profile.full_pass or _doubtful(doc, text or "", expected_chars):
            text, entries = self._longer(
                text, entries, *_extract(doc, fast=False, profile=profile, passes=passes)
            )
        if len(text or "") < UNPRUNED_BELOW_SHARE * max(expected_chars, doc.pruned_prose_chars):
            # Still short of the expected main text, or of the prose the
            # pruning left: the pruning itself may have misled the extractor
            # (a forum whose post bodies sit beside "sidebar" author columns,
            # a product whose description lost the wrapper it was scored
            # by), so it reads the page unpruned.
            text, entries = self._longer(
                text, entries, *_extract(doc, fast=False, tree=parse_html(doc.raw_text), profile=profile)
            )
        return text, entries

    def _longer(
        self, text: str | None, entries: list[Any], article: _Element | None, other: str | None
    ) -> tuple[str | None, list[Any]]:
        """The other extraction's text and shapes when it found more."""
        if other and len(other) > len(text or ""):
            return other, article_entries(article) if self.shapes and article is not None else []
        return text, entries


def _region_if_article_short(tree: HtmlElement, text: str, share: float) -> str | None:
    """The main region's text when the article holds less than `share` of it, else None.
    The region's raw text (scripts included) bounds its reading from above,
    so the reading is only paid for when the article may be short of it."""
    region = main_region(tree)
    article_chars = visible_chars(text)
    if article_chars >= share * visible_chars(region.text_content()):
        return None
    read = region_text(region)
    return read if article_chars < share * visible_chars(read) else None


def _doubtful(doc: Document, text: str, expected_chars: int) -> bool:
    """Whether the fast pass's result calls for the full one."""
    if len(text) < SLOW_PATH_BELOW_CHARS or len(text) < SLOW_PATH_BELOW_SHARE * expected_chars:
        return True
    if len(text) < SLOW_PATH_BELOW_PAGE_PROSE_SHARE * doc.pruned_prose_chars:
        return True
    return any(removal.rule_id.startswith(UNDONE) for removal in doc.removals)


def _extract(
    doc: Document,
    *,
    fast: bool,
    tree: HtmlElement | None = None,
    profile: Profile = DEFAULT,
    passes: ExtractorPasses | None = None,
) -> tuple[_Element | None, str | None]:
    """The article as the extractor's XML tree (`head`, `p`, `list`, `table`, ...)
    and its text (`_plain_text`), or None and None. `passes` carries the
    pruned tree's passes from the fast one to the full one (their common
    start is run once); a `tree` of its own is read once and spent."""
    # Its fallback extractors (readability, jusText) cost a third of its
    # time and, on a tree the DOM stage has already pruned, lose more than
    # they add on most pages: dev F1 0.969 -> 0.970 and 55 -> 68 pages/s
    # without them. They run only on doubt (`_doubtful`).
    found = (passes or _passes(doc, profile, tree)).run(fast=fast)
    if found is None:
        return None, None
    body = found.body
    if found.comments is not None:
        body.extend(list(found.comments))  # the thread's posts follow its first
        return body, _plain_text(body)
    # The extractor has printed the body already, as `_plain_text` does but
    # for the Unicode normalisation: not printed twice.
    return body, _normalised(found.text)


def _passes(doc: Document, profile: Profile, tree: HtmlElement | None = None) -> ExtractorPasses:
    """The extractor's passes over the pruned tree, or over `tree` (read once, then spent)."""
    # The tree, not the text: its text is the same (`_plain_text`), and the
    # tree also tells which line is a heading, a list item or a table row.
    comments = profile.keep_comments or any(
        removal.rule_id == UNDONE + COMMENTS_RULE and removal.stage == GUARD_STAGE for removal in doc.removals
    )
    return ExtractorPasses(
        doc.tree if tree is None else tree,
        url=doc.url,
        comments=comments,
        favor_recall=profile.favor_recall,
        spent=tree is not None,
    )


def _plain_text(article: _Element | None) -> str | None:
    """The article's text as the extractor prints it: one line per paragraph,
    heading, list item or table row."""
    if article is None:
        return None
    from trafilatura.xml import xmltotxt

    return _normalised(xmltotxt(article, include_formatting=False))


def _normalised(text: str | None) -> str | None:
    from trafilatura.utils import normalize_unicode

    return normalize_unicode(text) or None if text else None


def _with_stated_description(text: str, tree: HtmlElement) -> str:
    """The thin body and, after it, the description the JSON-LD Product states, unless it holds it."""
    stated = jsonld_product_description(tree)
    if not stated or _shares_most_words(stated, text):
        return text
    return f"{text}\n{stated}"


def _shares_most_words(stated: str, text: str) -> bool:
    """Whether the body already says most of what the description does (in its own layout)."""
    words = stated.lower().split()
    shown = set(text.lower().split())
    return sum(word in shown for word in words) >= MIN_AGREEMENT * len(words)


def _contains_most_of(candidate: str, found: str) -> bool:
    lines = [line.strip() for line in found.splitlines() if line.strip()]
    if not lines:
        return True
    held = sum(1 for line in lines if line in candidate)
    return held >= MIN_AGREEMENT * len(lines)
