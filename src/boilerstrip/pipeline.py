"""The pipeline: a plain list of named stages, run in order.

HTML input
  1. metadata      read headline, author, date, site from JSON-LD and meta tags
     site_rules    (only when the URL's host has a site rule) its title, strip
                   and body XPaths; see `boilerstrip.matching.sites`
  2. dom           drop boilerplate subtrees named by `rules/dom.toml`
  3. main_content  extract the article from the pruned tree into blocks
Text input
  1. blocks        one block per line (already done when the document is made;
                   a dump loses its converter's syntax first: Markdown, lynx's
                   numbered links, underlined links; see `dump_text`)
     rejoin        join lines a converter broke mid-sentence or wrapped at a
                   fixed width
     run_on        cut a line longer than nearly any paragraph (a page whose
                   line breaks were collapsed) into sentences and menu runs
Both inputs, on the same blocks
  4. keep          protect blocks that keep rules claim
     text_content  (text) find the article among menus, teasers and footers;
                   drop the rest of the page, so that the rule stages below
                   work on the article alone (most of a page is not article)
     screen        find, once, which blocks each kind's rules might match
     captured_metadata  read what debris says (site name, categories, counts)
                    from every block, removed ones included
     site_templates  (only with cross-page `templates`, see `boilerstrip.batch`)
                    drop blocks the site repeats on many of its pages
  5. one stage per debris kind, in BLOCK_KINDS order, each keyed to its file
     in `rules/`; then any kinds a user's rule directory adds
  6. title         (text) find the headline; (both) drop blocks repeating it
                    and the non-prose chrome above it
  7. standfirst    move the deck under the headline into the metadata
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from lxml import html as lxml_html

from boilerstrip.document import Document, InputKind, Record
from boilerstrip.limits import Deadline, check_parse_complete
from boilerstrip.matching.rules import RuleSet
from boilerstrip.matching.screen import screen_of
from boilerstrip.matching.sites import SiteRule
from boilerstrip.reading.blocks import body_text, split_blocks
from boilerstrip.reading.markdown import looks_like_markdown, plain_text
from boilerstrip.reading.numbered_links import has_numbered_links, without_numbered_links
from boilerstrip.reading.underlined_links import has_underlined_links, without_underlines
from boilerstrip.stages.block_rules import BlockRuleStage, ProtectByKeepRules, ScreenBlocks
from boilerstrip.stages.captured import ReadCapturedMetadata
from boilerstrip.stages.dom_boilerplate import DropBoilerplateSubtrees
from boilerstrip.stages.html_metadata import ReadHtmlMetadata
from boilerstrip.stages.main_content import ExtractMainContent
from boilerstrip.stages.rejoin import RejoinBrokenLines
from boilerstrip.stages.run_on import SplitRunOnLines
from boilerstrip.stages.site_rules import ApplySiteRule
from boilerstrip.stages.site_templates import DropSiteTemplates
from boilerstrip.stages.standfirst import MoveStandfirst
from boilerstrip.stages.text_content import FindTextArticle
from boilerstrip.stages.title import DropChromeAboveHeadline, DropTitleRepeats, FindTextTitle

# The order matters where kinds overlap: chrome and navigation clear the top
# of the page before anything reasons about where the article starts;
# comment sections are cut before teaser lists are followed (a list would
# otherwise swallow the "4 Responses to ..." heading) and before counters
# look for "12 Comments" lines.
BLOCK_KINDS = (
    "markup",
    "chrome",
    "navigation",
    "bylines",
    "ads",
    "votes",
    "share",
    "comments",
    "related",
    "appeals",
    "counters",
    "credits",
    "disclaimers",
    "endnotes",
    "footer",
)


class Stage(Protocol):
    """One step with one job: take the document, return it, log what it removed."""

    @property
    def name(self) -> str: ...

    def __call__(self, doc: Document) -> Document: ...


def build_pipeline(
    rules: RuleSet, kind: InputKind, site: SiteRule | None = None, *, templates: frozenset[str] | None = None
) -> list[Stage]:
    stages: list[Stage] = []
    if kind == "html":
        stages += [ReadHtmlMetadata(), *([ApplySiteRule(site)] if site else [])]
        stages += [DropBoilerplateSubtrees(rules), ExtractMainContent()]
    kinds = (*BLOCK_KINDS, *(k for k in rules.block_rules if k not in BLOCK_KINDS))
    if kind == "text":
        stages += [RejoinBrokenLines(), SplitRunOnLines()]
    stages += [ProtectByKeepRules.from_rules(rules)]
    if kind == "text":
        stages += [FindTextArticle()]
    stages += [ScreenBlocks(screen_of(rules))]
    stages += [ReadCapturedMetadata.from_rules(rules, kinds)]
    if templates is not None:
        stages += [DropSiteTemplates(templates)]
    stages += [BlockRuleStage.for_kind(rules, k) for k in kinds]
    stages += [FindTextTitle(), DropTitleRepeats(), DropChromeAboveHeadline(), MoveStandfirst()]
    return stages


def make_document(
    text: str, kind: InputKind, *, url: str | None, source: str | None, utf8_bytes: bytes | None = None
) -> Document:
    """The document as it enters the first stage: a parsed tree, or blocks.

    `utf8_bytes`, when given, are the page's own bytes, known to be valid
    UTF-8: the parser reads them directly instead of re-encoding `text`.
    """
    doc = Document(raw_text=text, kind=kind, url=url, source=source)
    if kind == "html":
        doc.tree = parse_html(text, utf8_bytes)
    else:
        doc.blocks = split_blocks(dump_text(text))
    return doc


def dump_text(text: str) -> str:
    """The text of a dump without the syntax its converter added: numbered
    links (`boilerstrip.reading.numbered_links`), underlined links and starred
    headings (`boilerstrip.reading.underlined_links`), Markdown (`boilerstrip.reading.markdown`)."""
    if has_numbered_links(text):
        text = without_numbered_links(text)
    if has_underlined_links(text):
        text = without_underlines(text)
    if looks_like_markdown(text):
        text = plain_text(text)
    return text


def parse_html(text: str, utf8_bytes: bytes | None = None) -> lxml_html.HtmlElement:
    # Network access and entity expansion stay off: pages are untrusted.
    if utf8_bytes is not None:
        utf8_parser = lxml_html.HTMLParser(
            remove_comments=True, remove_pis=True, no_network=True, encoding="utf-8"
        )
        tree = lxml_html.document_fromstring(utf8_bytes, parser=utf8_parser)
        return check_parse_complete(tree, utf8_parser)
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    if text.lstrip().startswith("<?xml"):
        # lxml refuses str input that declares an encoding; it is decoded already.
        text = text[text.index("?>") + 2 :]
    return check_parse_complete(lxml_html.document_fromstring(text, parser=parser), parser)


def run(
    doc: Document, stages: Sequence[Stage], *, explain: bool = False, deadline: Deadline | None = None
) -> Record:
    for stage in stages:
        if deadline is not None:  # time and work limits, checked before every stage
            deadline.enter(stage.name, len(doc.blocks))
        doc = stage(doc)
    return Record(
        title=doc.title,
        body=body_text(doc),
        metadata=doc.metadata,
        source=doc.source,
        url=doc.url,
        removed=list(doc.removals) if explain else None,
    )


def run_document(doc: Document, stages: Sequence[Stage]) -> Document:
    """Run the stages and return the final Document itself, blocks and all (for `explain`)."""
    for stage in stages:
        doc = stage(doc)
    return doc
