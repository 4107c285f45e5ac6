"""The quality gate (`boilerstrip eval DIR --baseline FILE`) end to end on fixtures written in
tmp_path: it passes, it fails naming the fixture with a body diff when a rule is switched off,
`--update` never lowers a floor without `--allow-lower`, and changed, new and missing
fixtures are reported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from boilerstrip.cli import main
from sample_article import ARTICLE, TITLE

# The rule that removes the "Advertisement" line between the paragraphs.
AD_RULE = "ads-marker"


def page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{TITLE}</title></head><body>"
        f"<article><h1>{TITLE}</h1>{body}</article></body></html>"
    )


def write_fixture(root: Path, name: str, label: dict[str, Any], paragraphs: list[str]) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "input.html").write_text(page(paragraphs), encoding="utf-8")
    (folder / "expected.json").write_text(json.dumps(label), encoding="utf-8")
    return folder


@pytest.fixture
def fixtures(tmp_path: Path) -> Path:
    root = tmp_path / "fixtures"
    with_ad = [ARTICLE[0], "Advertisement", *ARTICLE[1:]]
    write_fixture(
        root,
        "pier-with-ad",
        {"title": TITLE, "body": "\n\n".join(ARTICLE), "metadata": {}},
        with_ad,
    )
    write_fixture(
        root,
        "pier-snippets",
        {"must_contain": ["steel piles"], "must_not_contain": ["Advertisement"]},
        with_ad,
    )
    write_fixture(root, "pier-plain", {"title": TITLE, "body": "\n\n".join(ARTICLE), "metadata": {}}, ARTICLE)
    return root


def gate(fixtures: Path, baseline: Path, *extra: str) -> int:
    return main(["eval", str(fixtures), "--baseline", str(baseline), *extra])


def pins(baseline: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(baseline.read_text(encoding="utf-8"))["fixtures"]
    return data


def test_pin_then_pass(fixtures: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    baseline = tmp_path / "eval-baseline.json"
    assert gate(fixtures, baseline, "--update") == 0
    pinned = pins(baseline)
    assert sorted(pinned) == ["pier-plain", "pier-snippets", "pier-with-ad"]
    assert 0.9 < pinned["pier-with-ad"]["body_f1"] < 1.0  # a floor under the measured 1.0
    assert pinned["pier-with-ad"]["title_ok"] is True
    assert pinned["pier-snippets"] == {**pinned["pier-snippets"], "body_f1": None, "snippets_ok": True}
    assert len(pinned["pier-plain"]["hash"]) == 64
    capsys.readouterr()

    assert gate(fixtures, baseline) == 0
    out = capsys.readouterr().out
    assert "gate: 3 fixtures, 0 failing -> PASS" in out
    assert "pier-with-ad" in out


def test_switching_a_rule_off_fails_the_gate_naming_the_fixture(
    fixtures: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "eval-baseline.json"
    gate(fixtures, baseline, "--update")
    capsys.readouterr()

    assert gate(fixtures, baseline, "--disable", AD_RULE) == 1
    out = capsys.readouterr().out
    assert "REGRESSED: pier-with-ad" in out
    assert "REGRESSED: pier-snippets" in out
    assert "REGRESSED: pier-plain" not in out
    assert "below its floor" in out
    assert "unwanted snippet 'Advertisement'" in out
    # The diff shows what changed: the ad line now in the actual body.
    assert "--- expected body" in out and "+++ actual body" in out
    assert "    +Advertisement" in out
    assert "-> FAIL" in out and "(pier-snippets, pier-with-ad)" in out


def test_update_never_lowers_a_floor_unless_allowed(
    fixtures: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "eval-baseline.json"
    gate(fixtures, baseline, "--update")
    before = pins(baseline)
    capsys.readouterr()

    assert gate(fixtures, baseline, "--update", "--disable", AD_RULE) == 1
    out = capsys.readouterr().out
    assert "not lowered: pier-with-ad: kept floor" in out and "--allow-lower" in out
    assert "not lowered: pier-snippets: kept snippets_ok = true" in out
    after = pins(baseline)
    assert after["pier-with-ad"]["body_f1"] == before["pier-with-ad"]["body_f1"]
    assert after["pier-snippets"]["snippets_ok"] is True
    assert gate(fixtures, baseline, "--disable", AD_RULE) == 1  # still failing

    assert gate(fixtures, baseline, "--update", "--allow-lower", "--disable", AD_RULE) == 0
    lowered = pins(baseline)
    assert lowered["pier-with-ad"]["body_f1"] < before["pier-with-ad"]["body_f1"]
    assert lowered["pier-snippets"]["snippets_ok"] is False
    assert gate(fixtures, baseline, "--disable", AD_RULE) == 0

    # Fixed again: a plain --update raises the floors back.
    assert gate(fixtures, baseline) == 0
    assert "improved" in capsys.readouterr().out
    assert gate(fixtures, baseline, "--update") == 0
    assert pins(baseline)["pier-with-ad"]["body_f1"] == before["pier-with-ad"]["body_f1"]


def test_changed_new_and_missing_fixtures_fail_the_gate(
    fixtures: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "eval-baseline.json"
    gate(fixtures, baseline, "--update")
    capsys.readouterr()

    label = fixtures / "pier-plain" / "expected.json"
    label.write_text(label.read_text(encoding="utf-8").replace("northern", "southern"), encoding="utf-8")
    write_fixture(fixtures, "pier-new", {"must_contain": ["steel piles"]}, ARTICLE)
    for path in sorted((fixtures / "pier-snippets").iterdir()):
        path.unlink()
    (fixtures / "pier-snippets").rmdir()

    assert gate(fixtures, baseline) == 1
    out = capsys.readouterr().out
    assert "CHANGED: pier-plain" in out and "fixture changed since it was pinned" in out
    assert "NEW: pier-new" in out and "not pinned" in out
    assert "MISSING: pier-snippets" in out

    # Re-pinning takes the new and changed ones; dropping a pin needs --allow-lower.
    assert gate(fixtures, baseline, "--update") == 1
    assert "kept the pin of a fixture that is gone" in capsys.readouterr().out
    assert gate(fixtures, baseline, "--update", "--allow-lower") == 0
    assert sorted(pins(baseline)) == ["pier-new", "pier-plain", "pier-with-ad"]


def test_gate_usage_errors(fixtures: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(fixtures), "--update"]) == 2
    assert "--update needs --baseline" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 99, "fixtures": {}}', encoding="utf-8")
    assert gate(fixtures, bad) == 2
    assert "version must be 1" in capsys.readouterr().err


def test_the_repository_baseline_covers_every_fixture() -> None:
    repo = Path(__file__).resolve().parents[1]
    pinned = pins(repo / "eval-baseline.json")
    fixture_names = sorted(p.parent.name for p in (repo / "fixtures").rglob("expected.json"))
    assert sorted(pinned) == fixture_names
