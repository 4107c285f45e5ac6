"""Extraction profiles: what the stages do differently for each page type.

A forum thread's posts are its content, a product page's description may
live only in its JSON-LD, a listing's cards are all worth keeping. The
stages that need to know read the page's profile (`Profiles.for_page`),
chosen from `metadata.page_type` when the classifier is sure enough of it
(`min_confidence`); otherwise, and for a type with no profile, the default,
which changes nothing. The knobs are data, in `rules/profiles/page-types.toml`,
each one kept only where it measured better for its type
(`docs/how-it-works.md`, "Profiles").
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TypeGuard

from boilerstrip.matching.rules import RuleError, bundled_rules_dir

PROFILES_FILE = Path("profiles") / "page-types.toml"
PAGE_TYPES = frozenset({"article", "forum", "product", "collection", "listing", "documentation", "service"})
# The metadata fields a page type may say its pages do not carry.
METADATA_FIELDS = frozenset({"author", "date"})


@dataclass(frozen=True)
class Profile:
    """The knobs of one page type; the defaults are the cleaner's usual behaviour.

    `dom_rules_off`: DOM rule ids whose proposals this type keeps (a forum's
    "comments" are its posts); `block_rules_off`: block rule ids this type's
    pages are not read with (a manual's "DISCUSSION" section is no comment
    thread); `keep_comments`: ask trafilatura for the
    comment sections it finds too, after the body; `keep_standfirst`: leave
    the opening paragraph in the body when it repeats the meta description
    (a manual's or a service page's summary is its first paragraph, not a
    deck); `full_pass`: always run trafilatura's full
    pass, not only on doubt; `favor_recall`: ask it to keep more when unsure;
    `jsonld_description_below_words`: when the body found has fewer words,
    add the description the page's JSON-LD Product states (0: never);
    `metadata_off`: the fields this type's pages do not carry (a shop's
    category page has no author or publication date: the names and dates
    it prints belong to reviews, teasers and footers).
    `read_region`: the body is the text of what pruning left of the page's
    main region, block by block, not the extractor's article (a listing's
    cards, whose titles are links the extractor takes for navigation);
    `region_fallback`: when the extractor's article holds little of the main
    region's text, the region is read instead (`main_content`); off for a
    type whose region is mostly what its content is not (a product's reviews);
    `region_below_share`: the article's share of the region below which it
    does so (unset: the stage's own, `main_content.REGION_BELOW_SHARE`);
    `title_headline`: the record's title is the headline the page's title
    states (og:title or `<title>`, suffix soup stripped), not its `<h1>` (a
    landing page's `<h1>` is a slogan; `boilerstrip.stages.profile_metadata`).

    Text mode: `text_guard_cuts`: a cut (`cut_rest`, even `cut_rest_always`)
    that would take most of the body is undone, as on HTML pages; a comment
    count's cut stands under an article's worth of words
    (`boilerstrip.stages.block_rules`); `text_broad_cost`: the article
    finder always searches broadly too, non-prose costing this share of its
    usual cost, and keeps the broad run when it holds more words (a thread
    of short posts is several runs parted by headers of name and date;
    0: only on narrow runs, as for every page); `text_scattered_runs`: when
    the finder finds no run holding a tenth of the page, it keeps every run
    of prose that stands on its own, not the whole page (a product's
    description, its specifications and its reviews, parted by menus).
    """

    page_type: str = "default"
    dom_rules_off: frozenset[str] = frozenset()
    block_rules_off: frozenset[str] = frozenset()
    keep_comments: bool = False
    keep_standfirst: bool = False
    full_pass: bool = False
    favor_recall: bool = False
    jsonld_description_below_words: int = 0
    metadata_off: frozenset[str] = frozenset()
    read_region: bool = False
    region_fallback: bool = True
    region_below_share: float | None = None
    title_headline: bool = False
    text_broad_cost: float = 0.0
    text_guard_cuts: bool = False
    text_scattered_runs: bool = False


DEFAULT = Profile()
# What a profile's table may hold: its description and the Profile's knobs
# (its page type is the table's name); the knobs that are true or false each
# default to the default profile's value.
_KNOBS = {"description"} | {knob.name for knob in fields(Profile)} - {"page_type"}
_FLAGS = tuple(knob.name for knob in fields(Profile) if knob.type == "bool")


@dataclass(frozen=True)
class Profiles:
    min_confidence: float
    by_type: Mapping[str, Profile]

    def for_page(self, metadata: Mapping[str, Any]) -> Profile:
        """The profile of a page, by its guessed type, or the default when the guess is unsure."""
        confidence = metadata.get("page_type_confidence")
        if not isinstance(confidence, int | float) or confidence < self.min_confidence:
            return DEFAULT
        return self.by_type.get(str(metadata.get("page_type")), DEFAULT)


NO_PROFILES = Profiles(min_confidence=1.0, by_type={})


def load_profiles(
    path: Path | None = None,
    dom_rule_ids: frozenset[str] | None = None,
    block_rule_ids: frozenset[str] | None = None,
) -> Profiles:
    """Read and check a profiles file; RuleError names the file, the entry and what is wrong.
    `dom_rule_ids` and `block_rule_ids`, when given, are the rules a profile may switch off."""
    path = path or bundled_rules_dir() / PROFILES_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(path, None, f"cannot read the profiles: {exc}") from exc
    stray = set(data) - {"description", "min_confidence", "profile"}
    if stray:
        raise RuleError(path, None, f"unknown top-level key(s) {sorted(stray)}")
    min_confidence = data.get("min_confidence")
    if not _number(min_confidence) or not 0 <= min_confidence <= 1:
        raise RuleError(path, None, "min_confidence must be a number from 0 to 1")
    entries = data.get("profile", {})
    if not isinstance(entries, dict):
        raise RuleError(path, None, "'profile' must be a table of page types ([profile.forum])")
    by_type = {
        name: _profile(path, name, entry, dom_rule_ids, block_rule_ids) for name, entry in entries.items()
    }
    return Profiles(min_confidence=float(min_confidence), by_type=by_type)


def _profile(
    path: Path,
    name: str,
    entry: Any,
    dom_rule_ids: frozenset[str] | None,
    block_rule_ids: frozenset[str] | None,
) -> Profile:
    if name not in PAGE_TYPES:
        raise RuleError(path, name, f"not a page type (one of {sorted(PAGE_TYPES)})")
    if not isinstance(entry, dict):
        raise RuleError(path, name, "a profile must be a table")
    stray = set(entry) - _KNOBS
    if stray:
        raise RuleError(path, name, f"unknown knob(s) {sorted(stray)}")
    if not isinstance(entry.get("description"), str) or not entry["description"].strip():
        raise RuleError(path, name, "a profile needs a description saying why its knobs help")
    off = _rule_ids(path, name, entry, "dom_rules_off", "DOM", dom_rule_ids)
    block_off = _rule_ids(path, name, entry, "block_rules_off", "block", block_rule_ids)
    flags = {}
    for knob in _FLAGS:
        value = entry.get(knob, getattr(DEFAULT, knob))
        if not isinstance(value, bool):
            raise RuleError(path, name, f"{knob} must be true or false")
        flags[knob] = value
    words = entry.get("jsonld_description_below_words", 0)
    if not isinstance(words, int) or isinstance(words, bool) or words < 0:
        raise RuleError(path, name, "jsonld_description_below_words must be a whole number, 0 or more")
    fields = entry.get("metadata_off", [])
    if not isinstance(fields, list) or not set(fields) <= METADATA_FIELDS:
        raise RuleError(path, name, f"metadata_off must be a list of fields from {sorted(METADATA_FIELDS)}")
    broad = entry.get("text_broad_cost", 0.0)
    if not _number(broad) or not 0 <= broad < 1:
        raise RuleError(path, name, "text_broad_cost must be a number from 0 up to (not including) 1")
    share = entry.get("region_below_share")
    if share is not None and (not _number(share) or not 0 < share <= 1):
        raise RuleError(path, name, "region_below_share must be a number above 0, up to 1")
    return Profile(
        page_type=name,
        dom_rules_off=off,
        block_rules_off=block_off,
        jsonld_description_below_words=words,
        metadata_off=frozenset(fields),
        text_broad_cost=float(broad),
        region_below_share=None if share is None else float(share),
        **flags,
    )


def _number(value: Any) -> TypeGuard[int | float]:
    """Whether a TOML value is a number (TOML's true and false are no numbers)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _rule_ids(
    path: Path, name: str, entry: dict[str, Any], knob: str, kind: str, known: frozenset[str] | None
) -> frozenset[str]:
    off = entry.get(knob, [])
    if not isinstance(off, list) or not all(isinstance(rule_id, str) for rule_id in off):
        raise RuleError(path, name, f"{knob} must be a list of {kind} rule ids")
    if known is not None and (unknown := set(off) - known):
        raise RuleError(path, name, f"no {kind} rule has the id(s) {sorted(unknown)}")
    return frozenset(off)
