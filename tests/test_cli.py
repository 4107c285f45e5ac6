"""The `boilerstrip clean` command: JSON Lines out, errors as records, --explain."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from boilerstrip.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED_WITH_ADS = FIXTURES / "seed-002-weather-chrome" / "input.txt"

STORY = (
    "Harbour reopens after storm\n\n"
    "The harbour reopened on Monday after a week of repairs to the sea wall and the pier.\n\n"
    "ADVERTISEMENT\n\n"
    "Fishing boats returned to their moorings by noon, the harbour master said in a statement.\n"
)


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.slow
def test_clean_walks_directories_and_writes_one_record_per_page(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    (pages / "a.txt").write_text(STORY, encoding="utf-8")
    (pages / "sub" / "b.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    (pages / "notes.md").write_text("not a page", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(pages), "-o", str(out)]) == 0
    records = _records(out)
    assert [Path(str(r["source"])).name for r in records] == ["a.txt", "b.txt.gz"]
    for record in records:
        assert record["title"] == "Harbour reopens after storm"
        assert "ADVERTISEMENT" not in str(record["body"])
        assert "Fishing boats returned" in str(record["body"])


@pytest.mark.slow
def test_broken_inputs_give_error_records_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "broken.html.gz").write_bytes(b"\x1f\x8bnot really gzip")
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(tmp_path), "-o", str(out)]) == 1  # two pages gave error records
    by_name = {Path(str(r["source"])).name: r for r in _records(out)}
    assert set(by_name) == {"empty.txt", "broken.html.gz", "good.txt"}
    assert by_name["empty.txt"]["error"] == "empty input"
    assert "gzip" in str(by_name["broken.html.gz"]["error"])
    assert "error" not in by_name["good.txt"]


@pytest.mark.slow
def test_explain_names_the_rule_behind_every_ad_marker(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", str(SEED_WITH_ADS), "--explain"]) == 0
    record = json.loads(capsys.readouterr().out)
    ad_markers = SEED_WITH_ADS.read_text(encoding="utf-8").count("- Advertisement -")
    removed_ads = [r for r in record["removed"] if r["text"] == "- Advertisement -"]
    assert len(removed_ads) == ad_markers > 0
    # In text mode the article finder runs first: a marker in the page
    # around the article goes with it; one inside the article, by its rule.
    reasons = {(r["stage"], r["rule_id"].split("-")[0]) for r in removed_ads}
    assert ("ads", "ads") in reasons
    assert reasons <= {("ads", "ads"), ("text_content", "outside")}


@pytest.mark.slow
def test_user_rules_and_disable_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.txt"
    page.write_text(STORY.replace("ADVERTISEMENT", "- Advertisement -"), encoding="utf-8")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "house.toml").write_text(
        '[[rule]]\nid = "house-keep-harbour"\ndescription = "never drop harbour-master quotes"\n'
        "action = \"keep\"\npattern = '.*harbour master.*'\n"
        '[rule.examples]\nmatch = ["the harbour master said"]\nno_match = ["the mayor said"]\n'
        '\n[[rule]]\nid = "house-fishing"\ndescription = "drop fishing lines (for the test)"\n'
        "action = \"drop\"\npattern = 'fishing.*'\n"
        '[rule.examples]\nmatch = ["fishing news"]\nno_match = ["the news"]\n',
        encoding="utf-8",
    )
    assert main(["clean", str(page), "--rules", str(rules)]) == 0
    body = json.loads(capsys.readouterr().out)["body"]
    assert "Fishing boats returned" in body  # the keep rule protects it from house-fishing
    assert "Advertisement" not in body


def test_a_bad_rule_file_stops_the_run_before_any_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.toml").write_text('[[rule]]\nid = "bad-one"\n', encoding="utf-8")
    (tmp_path / "page.txt").write_text(STORY, encoding="utf-8")
    assert main(["clean", str(tmp_path / "page.txt"), "--rules", str(rules)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("boilerstrip clean: ") and "bad-one" in captured.err
    assert len(captured.err.splitlines()) == 1
