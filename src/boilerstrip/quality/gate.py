"""The quality gate: per-fixture floors pinned in a baseline file, never lowered silently.

    boilerstrip eval fixtures/ --baseline eval-baseline.json            # check
    boilerstrip eval fixtures/ --baseline eval-baseline.json --update   # re-pin
    ... --update --allow-lower                                          # may lower

The baseline pins, for every fixture, a floor under its body F1 and the
checks that passed (title, metadata, snippets), with a hash of the fixture's
input and label. The gate fails when a fixture falls below its floor, loses a
check it passed, changed since it was pinned, is new and not pinned, or was
pinned and has gone; it names each one and shows how the body changed (a
unified diff of expected against actual). `--update` raises floors freely and
lowers one only with `--allow-lower`; without it, the old floor stays, the
gate keeps failing on that fixture, and the command says why.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from boilerstrip.exits import FAILED, OK, UsageError
from boilerstrip.quality.fixtures import LABEL_FILE, Fixture
from boilerstrip.quality.results import NAME_WIDTH, Result

BASELINE_VERSION = 1
# The floor sits this far under the F1 measured when pinning. The cleaner is
# deterministic, but the extractor (trafilatura) and lxml are upstream: a new
# release that moves a shingle or two on a short fixture should not stop CI,
# while a dropped paragraph or a kept menu (F1 down by 0.02 or more on the
# fixtures here) still does.
F1_SLACK = 0.005
# Floors are written with this many decimals, so the file diffs cleanly.
FLOOR_DECIMALS = 3
# Long diffs are cut here; the first lines say what went wrong.
MAX_DIFF_LINES = 60
CHECKS = ("title_ok", "metadata_ok", "snippets_ok")


class BaselineError(ValueError):
    """A baseline file that cannot be read; the message names it."""


@dataclass(frozen=True)
class Pin:
    """What one fixture must keep doing. A check is None when the fixture does not label it."""

    hash: str
    body_f1: float | None
    title_ok: bool | None = None
    metadata_ok: bool | None = None
    snippets_ok: bool | None = None


@dataclass(frozen=True)
class Verdict:
    """The gate's word on one fixture: `ok`, `improved`, or why it fails."""

    name: str
    status: str  # ok | improved | regressed | changed | new | missing
    reasons: tuple[str, ...]
    result: Result | None
    pin: Pin | None

    @property
    def failed(self) -> bool:
        return self.status not in ("ok", "improved")


def fixture_hash(fixture: Fixture) -> str:
    """sha256 over the input's bytes and the label's bytes."""
    digest = hashlib.sha256()
    for path in (fixture.input_path, fixture.input_path.parent / LABEL_FILE):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def measure(result: Result) -> Pin:
    """The pin this result would earn: its F1 less the slack, and its checks."""
    if result.page.fixture is None:
        raise ValueError(f"{result.page.name}: the gate works on fixtures only")
    score = result.ours.score
    floor = None
    if score is not None:
        scale = 10**FLOOR_DECIMALS
        floor = max(math.floor((score.f1 - F1_SLACK) * scale) / scale, 0.0)
    label = result.label
    return Pin(
        hash=fixture_hash(result.page.fixture),
        body_f1=floor,
        title_ok=label.title_ok if label else None,
        metadata_ok=label.metadata_ok if label else None,
        snippets_ok=label.snippets_ok if label else None,
    )


def load_baseline(path: Path) -> dict[str, Pin]:
    """Read the pins; an absent file is an empty baseline."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != BASELINE_VERSION:
            raise BaselineError(f"{path}: version must be {BASELINE_VERSION}")
        return {name: Pin(**entry) for name, entry in data["fixtures"].items()}
    except (OSError, json.JSONDecodeError, AttributeError, KeyError, TypeError) as exc:
        raise BaselineError(f"{path}: not a baseline file: {exc}") from exc


def save_baseline(path: Path, pins: Mapping[str, Pin]) -> None:
    data = {
        "version": BASELINE_VERSION,
        "metric": "body shingle F1 floor (measured - F1_SLACK); checks that must stay true",
        "fixtures": {name: asdict(pins[name]) for name in sorted(pins)},
    }
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def judge(results: Sequence[Result], pins: Mapping[str, Pin]) -> list[Verdict]:
    """Compare each result with its pin; pins with no fixture are reported missing."""
    verdicts = []
    for result in results:
        name = result.page.name
        pin = pins.get(name)
        now = measure(result)
        if pin is None:
            verdicts.append(Verdict(name, "new", ("not pinned: run with --update",), result, None))
            continue
        reasons = _losses(pin, now, result)
        if pin.hash != now.hash:
            reasons.insert(0, "fixture changed since it was pinned: review it, then --update")
            status = "changed"
        elif reasons:
            status = "regressed"
        else:
            status = "improved" if _gains(pin, now) else "ok"
        verdicts.append(Verdict(name, status, tuple(reasons), result, pin))
    seen = {result.page.name for result in results}
    for name in sorted(set(pins) - seen):
        reason = "pinned but the fixture is gone (--update --allow-lower drops the pin)"
        verdicts.append(Verdict(name, "missing", (reason,), None, pins[name]))
    return verdicts


def _losses(pin: Pin, now: Pin, result: Result) -> list[str]:
    reasons = []
    f1 = result.ours.score.f1 if result.ours.score is not None else None
    if pin.body_f1 is not None and (f1 is None or f1 < pin.body_f1):
        reasons.append(f"body F1 {_num(f1)} below its floor {pin.body_f1:.3f}")
    for check in CHECKS:
        if getattr(pin, check) and not getattr(now, check):
            reasons.append(f"{check.removesuffix('_ok')} check passed when pinned, fails now")
    if reasons and result.label is not None:
        reasons += [f"  {failure}" for failure in result.label.failures]
    if result.error:
        reasons.append(f"record error: {result.error}")
    return reasons


def _gains(pin: Pin, now: Pin) -> bool:
    higher = pin.body_f1 is not None and now.body_f1 is not None and now.body_f1 > pin.body_f1
    return higher or any(getattr(now, c) and not getattr(pin, c) for c in CHECKS)


def repin(
    results: Sequence[Result], pins: Mapping[str, Pin], *, allow_lower: bool
) -> tuple[dict[str, Pin], list[str]]:
    """New pins from these results, and the refusals: floors that would have gone down."""
    new: dict[str, Pin] = {}
    refused: list[str] = []
    for result in results:
        name, now = result.page.name, measure(result)
        old = pins.get(name)
        if old is None or allow_lower:
            new[name] = now
            continue
        floor = now.body_f1
        if old.body_f1 is not None and now.body_f1 is not None and now.body_f1 < old.body_f1:
            refused.append(f"{name}: kept floor {old.body_f1:.3f} (measured {now.body_f1:.3f})")
            floor = old.body_f1
        checks: dict[str, bool | None] = {}
        for check in CHECKS:
            was, is_now = getattr(old, check), getattr(now, check)
            if was and is_now is False:
                refused.append(f"{name}: kept {check} = true (fails now)")
                is_now = True
            checks[check] = is_now
        new[name] = Pin(hash=now.hash, body_f1=floor, **checks)
    for name in sorted(set(pins) - {result.page.name for result in results}):
        if not allow_lower:
            refused.append(f"{name}: kept the pin of a fixture that is gone")
            new[name] = pins[name]
    return new, refused


def run(results: Sequence[Result], baseline: Path, *, update: bool, allow_lower: bool) -> int:
    """Check (or re-pin, then check) and print the report; the exit status."""
    try:
        pins = load_baseline(baseline)
    except BaselineError as exc:
        raise UsageError(str(exc)) from None
    if update:
        pins, refused = repin(results, pins, allow_lower=allow_lower)
        save_baseline(baseline, pins)
        print(f"pinned {_fixtures(len(pins))} in {baseline}")
        for line in refused:
            print(f"not lowered: {line}; pass --allow-lower to lower it")
    verdicts = judge(results, pins)
    print_report(verdicts)
    return FAILED if any(v.failed for v in verdicts) else OK


def print_report(verdicts: Iterable[Verdict]) -> None:
    verdicts = list(verdicts)
    print(f"{'fixture':<{NAME_WIDTH}}  {'F1':>5}  {'floor':>5}  title  meta   snip   verdict")
    for v in verdicts:
        f1 = v.result.ours.score.f1 if v.result and v.result.ours.score else None
        label = v.result.label if v.result else None
        flags = (label.title_ok, label.metadata_ok, label.snippets_ok) if label else (None,) * 3
        floor = v.pin.body_f1 if v.pin else None
        name = v.name if len(v.name) <= NAME_WIDTH else v.name[: NAME_WIDTH - 1] + "…"
        cells = "  ".join(f"{_flag(ok):<5}" for ok in flags)
        print(f"{name:<{NAME_WIDTH}}  {_num(f1)}  {_num(floor)}  {cells}  {v.status}")
    failed = [v for v in verdicts if v.failed]
    for v in failed:
        print(f"\n{v.status.upper()}: {v.name}")
        print("".join(f"    {reason}\n" for reason in v.reasons), end="")
        diff = body_diff(v.result) if v.result else []
        if diff:
            print("".join(f"    {line}\n" for line in diff), end="")
    print(
        f"\ngate: {_fixtures(len(verdicts))}, {len(failed)} failing"
        + (f" ({', '.join(v.name for v in failed)})" if failed else "")
        + f" -> {'FAIL' if failed else 'PASS'}"
    )


def _fixtures(count: int) -> str:
    return f"{count} fixture" if count == 1 else f"{count} fixtures"


def body_diff(result: Result) -> list[str]:
    """Expected against actual body, one paragraph a line; empty when they agree."""
    fixture, record = result.page.fixture, result.record
    if fixture is None or fixture.body is None or record is None:
        return []
    expected = [line for line in fixture.body.splitlines() if line.strip()]
    actual = [line for line in record.body.splitlines() if line.strip()]
    diff = list(difflib.unified_diff(expected, actual, "expected body", "actual body", lineterm="", n=1))
    if len(diff) > MAX_DIFF_LINES:
        diff = [*diff[:MAX_DIFF_LINES], f"... {len(diff) - MAX_DIFF_LINES} more diff lines"]
    return diff


def _num(value: float | None) -> str:
    return "    —" if value is None else f"{value:.3f}"


def _flag(ok: bool | None) -> str:
    return "—" if ok is None else ("ok" if ok else "NO")
