"""Hand-labelled fixtures: loading a case folder and checking a record against it.

A fixture is a folder holding one input file named `input.*` (`input.html`,
`input.txt`, `input.html.gz`, ...) and an `expected.json` label:

    {
      "title": "The headline",              # checked after whitespace normalisation
      "body": "The article text ...",       # scored with the shingle metric
      "metadata": {"author": "A. Writer"},  # only the fields that matter
      "url": "https://example.com/a/1",     # optional: passed to the cleaner
      "mode": "html",                       # optional: html | text | auto (default)
      "notes": "why this case exists",      # optional
      "must_contain": ["a snippet"],        # optional snippet labels
      "must_not_contain": ["Subscribe now"]
    }

A full label has `body`, `title` and `metadata`. Where a full label costs too
much, a snippet label leaves out `body` (and may leave out `title` and
`metadata`) and gives `must_contain` / `must_not_contain` instead. Labels are
validated on load: an unknown key, a wrong type or a missing input stops the
run with a message naming the fixture.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast, get_args

from boilerstrip.reading.decode import Mode

LABEL_FILE = "expected.json"
INPUT_STEM = "input"

_REQUIRED_WITH_BODY = ("title", "metadata")
_KNOWN_KEYS = frozenset(
    {"title", "body", "metadata", "url", "mode", "notes", "must_contain", "must_not_contain"}
)
_MODES: tuple[str, ...] = get_args(Mode)


class FixtureError(ValueError):
    """A fixture whose label or layout is malformed; the message names it."""


@dataclass(frozen=True)
class Fixture:
    """One labelled case. `title` is only checked when `checks_title` is set."""

    name: str
    input_path: Path
    mode: Mode = "auto"
    url: str | None = None
    body: str | None = None
    title: str | None = None
    checks_title: bool = False
    metadata: dict[str, Any] = field(default_factory=dict)
    must_contain: tuple[str, ...] = ()
    must_not_contain: tuple[str, ...] = ()
    notes: str = ""


def normalise_space(text: str | None) -> str:
    """Collapse runs of whitespace to one space and trim; None becomes ''."""
    return " ".join((text or "").split())


def find_fixtures(root: Path) -> list[Path]:
    """Every folder at or below `root` that holds a label file, in name order."""
    return sorted(label.parent for label in root.rglob(LABEL_FILE))


def load_fixtures(root: Path) -> list[Fixture]:
    """Load and validate every fixture under `root`."""
    return [load_fixture(folder, root) for folder in find_fixtures(root)]


def load_fixture(folder: Path, root: Path | None = None) -> Fixture:
    """Read one case folder; raise FixtureError naming it when anything is off."""
    name = _name(folder, root)
    try:
        label = json.loads((folder / LABEL_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FixtureError(f"fixture {name}: cannot read {LABEL_FILE}: {exc}") from exc
    try:
        return _parse(name, folder, label)
    except FixtureError as exc:
        raise FixtureError(f"fixture {name}: {exc}") from None


def _name(folder: Path, root: Path | None) -> str:
    if root is not None and folder != root:
        return folder.relative_to(root).as_posix()
    return folder.name


def _parse(name: str, folder: Path, label: object) -> Fixture:
    if not isinstance(label, dict):
        raise FixtureError(f"{LABEL_FILE} must hold a JSON object")
    unknown = sorted(set(label) - _KNOWN_KEYS)
    if unknown:
        raise FixtureError(f"unknown key(s) {unknown}; allowed: {sorted(_KNOWN_KEYS)}")
    body = _optional_str(label, "body")
    must_contain = _snippets(label, "must_contain")
    must_not_contain = _snippets(label, "must_not_contain")
    if body is None and not must_contain and not must_not_contain:
        raise FixtureError("needs 'body' or at least one must_contain/must_not_contain snippet")
    if body is not None:
        missing = [key for key in _REQUIRED_WITH_BODY if key not in label]
        if missing:
            raise FixtureError(f"a label with 'body' also needs {missing}")
    metadata = label.get("metadata", {})
    if not isinstance(metadata, dict):
        raise FixtureError("'metadata' must be an object")
    mode = label.get("mode", "auto")
    if mode not in _MODES:
        raise FixtureError(f"'mode' must be one of {list(_MODES)}, not {mode!r}")
    notes = label.get("notes", "")
    if not isinstance(notes, str):
        raise FixtureError("'notes' must be a string")
    return Fixture(
        name=name,
        input_path=_input_path(folder),
        mode=cast(Mode, mode),
        url=_optional_str(label, "url"),
        body=body,
        title=_optional_str(label, "title"),
        checks_title="title" in label,
        metadata=metadata,
        must_contain=must_contain,
        must_not_contain=must_not_contain,
        notes=notes,
    )


def _optional_str(label: dict[str, Any], key: str) -> str | None:
    value = label.get(key)
    if value is not None and not isinstance(value, str):
        raise FixtureError(f"'{key}' must be a string or null, not {type(value).__name__}")
    return value


def _snippets(label: dict[str, Any], key: str) -> tuple[str, ...]:
    value = label.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise FixtureError(f"'{key}' must be a list of strings")
    snippets = tuple(normalise_space(item) for item in value)
    if not all(snippets):
        raise FixtureError(f"'{key}' holds an empty snippet")
    return snippets


def _input_path(folder: Path) -> Path:
    candidates = sorted(
        path
        for path in folder.iterdir()
        if path.is_file() and (path.name == INPUT_STEM or path.name.startswith(INPUT_STEM + "."))
    )
    if len(candidates) != 1:
        found = [path.name for path in candidates] or "none"
        raise FixtureError(f"needs exactly one {INPUT_STEM}.* file, found {found}")
    return candidates[0]


@dataclass(frozen=True)
class LabelCheck:
    """How a record's title, metadata and snippets compare with a fixture's label."""

    title_ok: bool | None
    metadata_ok: bool | None
    snippets_ok: bool | None
    failures: tuple[str, ...]


def check_label(fixture: Fixture, title: str | None, body: str, metadata: dict[str, Any]) -> LabelCheck:
    """Compare everything but the body score; None means 'not labelled, not checked'."""
    failures: list[str] = []
    title_ok: bool | None = None
    if fixture.checks_title:
        title_ok = normalise_space(title) == normalise_space(fixture.title)
        if not title_ok:
            failures.append(f"title {normalise_space(title)!r} != {fixture.title!r}")

    metadata_ok: bool | None = None
    if fixture.metadata:
        for key, expected in fixture.metadata.items():
            got = _as_json(metadata.get(key))
            if got != expected:
                failures.append(f"metadata {key}: got {got!r}, expected {expected!r}")
        metadata_ok = not any(f.startswith("metadata ") for f in failures)

    snippets_ok: bool | None = None
    if fixture.must_contain or fixture.must_not_contain:
        flat = normalise_space(body)
        missing = [s for s in fixture.must_contain if s not in flat]
        unwanted = [s for s in fixture.must_not_contain if s in flat]
        failures += [f"missing snippet {s!r}" for s in missing]
        failures += [f"unwanted snippet {s!r}" for s in unwanted]
        snippets_ok = not missing and not unwanted

    return LabelCheck(title_ok, metadata_ok, snippets_ok, tuple(failures))


def _as_json(value: Any) -> Any:
    """A record value as it would read back from JSON: tuples become lists."""
    if isinstance(value, tuple | list):
        return [_as_json(item) for item in value]
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    return value
