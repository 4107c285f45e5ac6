"""Rules as data: load, validate and compile the TOML files under `rules/`.

Each file holds one kind of debris. A *block* file (the default) holds regex
rules matched against text blocks; a *dom* file (`applies_to = "dom"`) holds
rules that drop HTML subtrees by tag, ARIA role or class/id token. Every rule
carries examples it must match and must not match, and the loader refuses a
file that breaks the schema, naming the file, the rule and the reason.

A user extends the bundled set without forking: extra directories add rule
files (a file named like a bundled kind adds to that kind's stage), a
top-level `disable = [ids]` switches bundled rules off, and `keep` rules protect
blocks from every later stage.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from boilerstrip.matching.actions import ACTIONS, KEEP
from boilerstrip.matching.keywords import required_words
from boilerstrip.matching.openings import rule_openings
from boilerstrip.matching.regex_safety import timed_reason, unsafe_reason

MatchMode = Literal["full", "start", "search"]
MATCH_MODES: tuple[MatchMode, ...] = ("full", "start", "search")
Where = Literal["anywhere", "head", "tail", "after_start"]
WHERES: tuple[Where, ...] = ("anywhere", "head", "tail", "after_start")

# Named groups in a pattern are metadata the debris gives away for free: the
# site name in a copyright line, the categories in a breadcrumb.
METADATA_GROUPS = frozenset(
    {"site_name", "categories", "comment_count", "view_count", "section", "date", "author"}
)

# Debris is short. Block rules never look at more text than this, which both
# protects long prose that merely mentions "advertisement" and bounds regex work.
MAX_RULE_TEXT = 600

RULE_ID = re.compile(r"[a-z0-9][a-z0-9_.-]*")


class RuleError(ValueError):
    """A rule file that cannot be used; the message names file, rule and reason."""

    def __init__(self, path: Path | str, rule_id: str | None, reason: str) -> None:
        where = f"{path}" + (f", rule '{rule_id}'" if rule_id else "")
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True, eq=False)  # one rule is one object: hashed by identity, cheaply
class BlockRule:
    """A regex rule over text blocks.

    Actions say what they do: `drop` the block; `drop_with_list` the block and
    the run of short headline-like lines after it (a teaser list);
    `drop_with_caption` the block and a short line glued below it (a credit
    line and its caption); `cut_rest`
    the block and everything after it, once the article has begun, unless
    that is most of the body (`cut_rest_always` even then); `strip` only
    the matched text; `keep` protects the block from every later stage.
    """

    id: str
    kind: str
    description: str
    action: str  # a key of `boilerstrip.matching.actions.ACTIONS`
    pattern: re.Pattern[str]
    match: MatchMode = "full"
    where: Where = "anywhere"
    max_words: int | None = None
    must_match: tuple[str, ...] = ()
    must_not_match: tuple[str, ...] = ()
    source: str = ""
    # Words one of which any text the rule matches holds, read from the
    # pattern (`boilerstrip.matching.keywords`); None when the pattern names none.
    required: frozenset[str] | None = None
    # The first characters a match can have (`boilerstrip.matching.openings`); None when any.
    openings: frozenset[str] | None = None

    def find(self, text: str, word_count: int | None = None) -> re.Match[str] | None:
        """The rule's match in `text`, or None; pass `word_count` when it is known.

        A `start` rule judges a block by its opening, so it sees the first
        MAX_RULE_TEXT characters of any block; other rules skip longer blocks.
        """
        if len(text) > MAX_RULE_TEXT:
            if self.match != "start":
                return None
            text = text[:MAX_RULE_TEXT]
        if self.max_words is not None:
            if word_count is None:
                word_count = len(text.split())
            if word_count > self.max_words:
                return None
        if self.match == "full":
            return self.pattern.fullmatch(text)
        if self.match == "start":
            return self.pattern.match(text)
        return self.pattern.search(text)


@dataclass(frozen=True)
class DomRule:
    """Drop an HTML subtree whose tag, role or class/id tokens name it as debris."""

    id: str
    kind: str
    description: str
    tags: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    tokens: frozenset[str] = frozenset()
    min_link_density: float | None = None
    min_items: int | None = None
    must_match: tuple[str, ...] = ()
    must_not_match: tuple[str, ...] = ()
    source: str = ""

    @property
    def conditional(self) -> bool:
        """A rule with conditions on the subtree's content, not only on its name."""
        return self.min_link_density is not None or self.min_items is not None


@dataclass(frozen=True)
class RuleSet:
    """Every rule in force for one run, grouped by the kind (file) it came from."""

    block_rules: dict[str, tuple[BlockRule, ...]] = field(default_factory=dict)
    dom_rules: tuple[DomRule, ...] = ()
    # Structures derived from the rules once per set, on first use (the
    # block screen of `boilerstrip.matching.screen`).
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def block_kind(self, kind: str) -> tuple[BlockRule, ...]:
        return self.block_rules.get(kind, ())

    @property
    def keep_rules(self) -> tuple[BlockRule, ...]:
        return tuple(r for rules in self.block_rules.values() for r in rules if r.action == KEEP)

    def all_block_rules(self) -> list[BlockRule]:
        return [rule for rules in self.block_rules.values() for rule in rules]


@lru_cache(maxsize=1)  # where the package lies does not change while it runs
def bundled_rules_dir() -> Path:
    """The rules shipped with the package, or the repository's when run from source."""
    installed = Path(__file__).resolve().parents[1] / "rules"  # boilerstrip/rules in a wheel
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "rules"


@lru_cache(maxsize=8)
def _load_cached(extra_dirs: tuple[str, ...], disabled: frozenset[str]) -> RuleSet:
    return _build_ruleset([bundled_rules_dir(), *map(Path, extra_dirs)], disabled)


def load_rules(
    extra: Iterable[str | Path] | str | Path | None = None, disable: Iterable[str] = ()
) -> RuleSet:
    """The bundled rules plus any user rule directories or files, minus disabled ids.

    Compiled rule sets are immutable and cached by their inputs, so repeated
    calls are cheap and no state passes from one page to the next.
    """
    if extra is None:
        extras: tuple[str, ...] = ()
    elif isinstance(extra, str | Path):
        extras = (str(extra),)
    else:
        extras = tuple(str(path) for path in extra)
    return _load_cached(extras, frozenset(disable))


def _rule_files(location: Path) -> list[Path]:
    if location.is_file():
        return [location]
    if not location.is_dir():
        raise RuleError(location, None, "no such rule file or directory")
    return sorted(location.glob("*.toml"))


def _build_ruleset(locations: Sequence[Path], disabled: frozenset[str]) -> RuleSet:
    block: dict[str, list[BlockRule]] = {}
    dom: list[DomRule] = []
    seen: dict[str, Path] = {}
    for location in locations:
        # A user's patterns are also timed on adversarial text; the bundled
        # ones are timed in the test suite instead, which keeps loading fast.
        timed = location is not locations[0]
        for path in _rule_files(location):
            data = _read_toml(path)
            disabled = disabled | frozenset(_string_list(path, None, data, "disable"))
            for rule in _parse_file(path, data, strict=timed):
                if timed and isinstance(rule, BlockRule) and (slow := timed_reason(rule.find)):
                    raise RuleError(path, rule.id, f"unsafe pattern: {slow}")
                if rule.id in seen:
                    raise RuleError(path, rule.id, f"duplicate id (first defined in {seen[rule.id]})")
                seen[rule.id] = path
                if isinstance(rule, DomRule):
                    dom.append(rule)
                else:
                    block.setdefault(rule.kind, []).append(rule)
    unknown = disabled - seen.keys()
    if unknown:
        raise RuleError("disable", None, f"no rule has the id(s) {sorted(unknown)}")
    block_rules = {kind: tuple(r for r in rules if r.id not in disabled) for kind, rules in block.items()}
    return RuleSet(
        block_rules=block_rules,
        dom_rules=tuple(r for r in dom if r.id not in disabled),
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(path, None, f"not valid TOML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise RuleError(path, None, f"not UTF-8 text: {exc}") from exc
    except OSError as exc:
        raise RuleError(path, None, f"cannot read: {exc.strerror or exc}") from exc


def _parse_file(path: Path, data: dict[str, Any], *, strict: bool = False) -> list[BlockRule | DomRule]:
    """The rules of one file; `strict` for a user's file, whose patterns
    must also be unambiguous under bounded repeats (`regex_safety.unsafe_reason`)."""
    known = {"description", "applies_to", "rule", "disable"}
    stray = set(data) - known
    if stray:
        raise RuleError(path, None, f"unknown top-level key(s) {sorted(stray)}")
    applies_to = data.get("applies_to", "blocks")
    if applies_to not in ("blocks", "dom"):
        raise RuleError(path, None, f"applies_to must be 'blocks' or 'dom', not {applies_to!r}")
    entries = data.get("rule", [])
    if not isinstance(entries, list):
        raise RuleError(path, None, "'rule' must be an array of tables ([[rule]])")
    if applies_to == "dom":
        return [_parse_dom_rule(path, entry) for entry in entries]
    return [_parse_block_rule(path, entry, strict=strict) for entry in entries]


def _common(path: Path, entry: Any, allowed: set[str]) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    if not isinstance(entry, dict):
        raise RuleError(path, None, "each [[rule]] must be a table")
    rule_id = entry.get("id")
    if not isinstance(rule_id, str) or not RULE_ID.fullmatch(rule_id):
        raise RuleError(path, str(rule_id), "id must be lower-case letters, digits, '-', '_' or '.'")
    stray = set(entry) - allowed - {"id", "description", "examples"}
    if stray:
        raise RuleError(path, rule_id, f"unknown key(s) {sorted(stray)}")
    description = entry.get("description")
    if not isinstance(description, str) or not description.strip():
        raise RuleError(path, rule_id, "a description is required")
    examples = entry.get("examples")
    if not isinstance(examples, dict) or set(examples) - {"match", "no_match"}:
        raise RuleError(path, rule_id, "examples must be a table with 'match' and 'no_match' lists")
    must = tuple(_string_list(path, rule_id, examples, "match"))
    must_not = tuple(_string_list(path, rule_id, examples, "no_match"))
    if not must or not must_not:
        raise RuleError(path, rule_id, "needs at least one 'match' and one 'no_match' example")
    return rule_id, description.strip(), must, must_not


def _string_list(path: Path, rule_id: str | None, table: dict[str, Any], key: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RuleError(path, rule_id, f"'{key}' must be a list of strings")
    return value


def _choice(
    path: Path, rule_id: str, entry: dict[str, Any], key: str, options: tuple[str, ...], default: str
) -> str:
    value = entry.get(key, default)
    if value not in options:
        raise RuleError(path, rule_id, f"{key} must be one of {list(options)}, not {value!r}")
    return str(value)


def _parse_block_rule(path: Path, entry: Any, *, strict: bool = False) -> BlockRule:
    allowed = {"action", "pattern", "match", "where", "max_words", "case_sensitive"}
    rule_id, description, must, must_not = _common(path, entry, allowed)
    action = _choice(path, rule_id, entry, "action", tuple(ACTIONS), "")
    source = entry.get("pattern")
    if not isinstance(source, str) or not source.strip():
        raise RuleError(path, rule_id, "pattern must be a non-empty string")
    reason = unsafe_reason(source, strict=strict)
    if reason:
        raise RuleError(path, rule_id, f"unsafe pattern: {reason}")
    flags = 0 if entry.get("case_sensitive", False) else re.IGNORECASE
    try:
        pattern = re.compile(source, flags)
    except re.error as exc:
        raise RuleError(path, rule_id, f"pattern does not compile: {exc}") from exc
    bad_groups = set(pattern.groupindex) - METADATA_GROUPS
    if bad_groups:
        raise RuleError(
            path,
            rule_id,
            f"named groups must be metadata fields {sorted(METADATA_GROUPS)}, not {sorted(bad_groups)}",
        )
    max_words = entry.get("max_words")
    if max_words is not None and (not isinstance(max_words, int) or max_words < 1):
        raise RuleError(path, rule_id, "max_words must be a positive integer")
    rule = BlockRule(
        id=rule_id,
        kind=path.stem,
        description=description,
        action=action,
        pattern=pattern,
        match=_choice(path, rule_id, entry, "match", MATCH_MODES, "full"),  # type: ignore[arg-type]
        where=_choice(path, rule_id, entry, "where", WHERES, "anywhere"),  # type: ignore[arg-type]
        max_words=max_words,
        must_match=must,
        must_not_match=must_not,
        source=source,
        required=required_words(pattern, entry.get("match", "full")),
        openings=rule_openings(pattern, entry.get("match", "full")),
    )
    for example in must_not:
        if rule.find(example):
            raise RuleError(path, rule_id, f"matches its own no_match example {example!r}")
    return rule


def _parse_dom_rule(path: Path, entry: Any) -> DomRule:
    allowed = {"action", "tags", "roles", "tokens", "min_link_density", "min_items"}
    rule_id, description, must, must_not = _common(path, entry, allowed)
    if entry.get("action", "drop_subtree") != "drop_subtree":
        raise RuleError(path, rule_id, "dom rules support only action = 'drop_subtree'")
    selectors = {
        key: frozenset(s.lower() for s in _string_list(path, rule_id, entry, key))
        for key in ("tags", "roles", "tokens")
    }
    if not any(selectors.values()):
        raise RuleError(path, rule_id, "a dom rule needs at least one of tags, roles, tokens")
    density = entry.get("min_link_density")
    if density is not None and (not isinstance(density, int | float) or not 0 < density <= 1):
        raise RuleError(path, rule_id, "min_link_density must be a number in (0, 1]")
    items = entry.get("min_items")
    if items is not None and (not isinstance(items, int) or items < 1):
        raise RuleError(path, rule_id, "min_items must be a positive integer")
    if (density is not None or items is not None) and (selectors["roles"] or selectors["tokens"]):
        raise RuleError(path, rule_id, "content conditions go with tags only")
    return DomRule(
        id=rule_id,
        kind=path.stem,
        description=description,
        tags=selectors["tags"],
        roles=selectors["roles"],
        tokens=selectors["tokens"],
        min_link_density=float(density) if density is not None else None,
        min_items=items,
        must_match=must,
        must_not_match=must_not,
        source=str(path),
    )
