"""The pipeline: a plain list of named stages, run in order.

HTML input
  1. metadata      read headline, author, date, site from JSON-LD and meta tags
     page_type     guess the kind of page from the whole tree (`boilerstrip.page_types`)
     site_rules    (only when the URL's host has a site rule) its title, strip
                   and body XPaths; see `boilerstrip.matching.sites`
  2. dom           propose the boilerplate subtrees `rules/dom.toml` names
     profile       undo the proposals of DOM rules the page type's profile
                   switches off (`boilerstrip.page_types.profiles`)
     dom_guard     undo a proposal that would take the page's main text
     prune         drop the proposals left standing, and record them
  3. main_content  extract the article from the pruned tree into blocks
Text input
  1. blocks        one block per line (already done when the document is made;
                   a dump loses its converter's syntax first: Markdown, lynx's
                   numbered links, underlined links; see `dump_text`)
     rejoin        join lines a converter broke mid-sentence or wrapped at a
                   fixed width
     run_on        cut a line longer than nearly any paragraph (a page whose
                   line breaks were collapsed) into sentences and menu runs
     page_type     guess the kind of page from all of its lines
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
  6. title         (text) find the headline
     title_repeats  drop blocks that repeat it
     chrome_above_title  drop the non-prose chrome above it
     repeated_labels  (text, or HTML read as a whole region) drop short lines
                   the page prints beside every post or card ("Joined", "Reply")
  7. standfirst    move the deck under the headline into the metadata
     text_shapes   (text, only for a Markdown or HTML body) tell headings and
                   list items from paragraphs
  8. language      (text) name the language from the kept text
                   (py3langid, loaded on first use)
  9. confidence    score how far the record can be trusted, from the evidence
                   the stages left (`metadata.confidence`)
 10. profile_metadata  (html) drop the metadata fields the page's type does
                   not carry (a shop page's author and date; the profile's
                   `metadata_off`)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from lxml.html import HtmlElement

from boilerstrip.document import Document, InputKind, split_blocks
from boilerstrip.matching.rules import RuleError, RuleSet
from boilerstrip.matching.screen import screen_of
from boilerstrip.matching.sites import SiteRule
from boilerstrip.options import Options
from boilerstrip.page_types.model import PageTypeModel
from boilerstrip.page_types.profiles import NO_PROFILES, Profiles
from boilerstrip.reading.dumps import dump_text
from boilerstrip.reading.html import parse_html
from boilerstrip.stages.block_rules import BlockRuleStage, ProtectByKeepRules, ScreenBlocks
from boilerstrip.stages.captured import ReadCapturedMetadata
from boilerstrip.stages.confidence import ScoreConfidence
from boilerstrip.stages.dom_boilerplate import FindBoilerplateSubtrees, PruneSubtrees
from boilerstrip.stages.dom_guard import GuardMainText
from boilerstrip.stages.html_metadata import ReadHtmlMetadata
from boilerstrip.stages.language import GuessLanguage
from boilerstrip.stages.main_content import ExtractMainContent
from boilerstrip.stages.page_type import GuessPageType
from boilerstrip.stages.profile_cuts import UndoProfileCuts
from boilerstrip.stages.profile_metadata import DropProfileMetadata
from boilerstrip.stages.rejoin import RejoinBrokenLines
from boilerstrip.stages.repeated_labels import DropRepeatedLabels
from boilerstrip.stages.run_on import SplitRunOnLines
from boilerstrip.stages.site_rules import ApplySiteRule
from boilerstrip.stages.site_templates import DropSiteTemplates
from boilerstrip.stages.standfirst import MoveStandfirst
from boilerstrip.stages.text_content import FindTextArticle
from boilerstrip.stages.text_shapes import MarkTextShapes
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
    rules: RuleSet,
    kind: InputKind,
    site: SiteRule | None = None,
    *,
    templates: frozenset[str] | None = None,
    options: Options | None = None,
    page_types: PageTypeModel | None = None,
    profiles: Profiles = NO_PROFILES,
) -> list[Stage]:
    """The stages of a page of this kind; `options` say what the record holds
    beyond its text (a Markdown or HTML body, links, images, comments); the
    page-type stage runs when a model is given, and `profiles` then say
    what each type's stages do differently."""
    options = options or Options()
    shapes = options.format != "text"
    guess = [GuessPageType(page_types)] if page_types is not None else []
    stages: list[Stage] = []
    if kind == "html":
        stages += [ReadHtmlMetadata(), *guess, *([ApplySiteRule(site)] if site else [])]
        finder = FindBoilerplateSubtrees(rules, comments=options.comments)
        stages += [
            finder,
            UndoProfileCuts(finder, profiles),
            GuardMainText(finder),
            PruneSubtrees(),
            ExtractMainContent(
                shapes=shapes,
                links=shapes and options.links,
                images=shapes and options.images,
                profiles=profiles,
            ),
        ]
    kinds = (*BLOCK_KINDS, *(k for k in rules.block_rules if k not in BLOCK_KINDS))
    if kind == "text":
        stages += [RejoinBrokenLines(), SplitRunOnLines(), *guess]
    stages += [ProtectByKeepRules.from_rules(rules)]
    if kind == "text":
        stages += [FindTextArticle(profiles)]
    stages += [ScreenBlocks(screen_of(rules))]
    stages += [ReadCapturedMetadata.from_rules(rules, kinds)]
    if templates is not None:
        stages += [DropSiteTemplates(templates)]
    stages += [BlockRuleStage.for_kind(rules, k, profiles) for k in kinds]
    stages += [FindTextTitle(), DropTitleRepeats(), DropChromeAboveHeadline()]
    stages += [DropRepeatedLabels()]
    stages += [MoveStandfirst(profiles=profiles)]
    if kind == "text" and shapes:
        stages += [MarkTextShapes()]
    if kind == "text":
        stages += [GuessLanguage()]
    stages += [ScoreConfidence()]
    if kind == "html":
        stages += [DropProfileMetadata(profiles)]
    _check_names_unique(stages)
    return stages


def _check_names_unique(stages: Sequence[Stage]) -> None:
    """One name, one stage: the name is the `stage` of every removal it records.
    A user's rule file named like a stage (`title.toml`) would make two."""
    seen: set[str] = set()
    for stage in stages:
        if stage.name in seen:
            raise RuleError(
                f"{stage.name}.toml", None, f"a rule kind cannot share its name with a stage: {stage.name!r}"
            )
        seen.add(stage.name)


def make_document(
    text: str,
    kind: InputKind,
    *,
    url: str | None,
    source: str | None,
    utf8_bytes: bytes | None = None,
    tree: HtmlElement | None = None,
    max_blocks: int | None = None,
) -> Document:
    """The document as it enters the first stage: a parsed tree, or blocks.

    `utf8_bytes`, when given, are the page's own bytes, known to be valid
    UTF-8: the parser reads them directly instead of re-encoding `text`.
    `tree`, when given, is the page already parsed (`boilerstrip.reading.trees`).
    Text of more than `max_blocks` lines is refused before it is split.
    """
    doc = Document(raw_text=text, kind=kind, url=url, source=source)
    if tree is not None:
        doc.tree = tree
    elif kind == "html":
        doc.tree = parse_html(text, utf8_bytes)
    else:
        doc.blocks = split_blocks(dump_text(text), max_blocks)
    return doc
