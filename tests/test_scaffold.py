"""`boilerstrip fixture new`: a fixture folder prefilled from today's output, which loads,
passes `eval` as it stands, and is never written over."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip.cli import main
from boilerstrip.quality.fixtures import load_fixture
from boilerstrip.quality.scaffold import REVIEW_NOTE

PARAGRAPHS = [
    "The county archive reopened its reading room on Saturday after a two-year refurbishment "
    "that replaced the leaking roof and added climate control for the oldest parish records.",
    "Visitors will need to book a desk in advance for the first month, the archive said, while "
    "staff finish moving the collections back onto the new shelving.",
]
PAGE = (
    "<!doctype html><html><head><title>Archive reopens | County News</title></head><body>"
    '<nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Archive reopens</h1>'
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "<p>Advertisement</p></article></body></html>"
)
URL = "https://county-news.test/archive-reopens"


def test_fixture_new_prefills_the_label_from_the_current_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "Archive Reopens.html.gz"
    saved.write_bytes(gzip.compress(PAGE.encode()))
    fixtures = tmp_path / "fixtures"
    assert main(["fixture", "new", str(saved), "--url", URL, "--fixtures", str(fixtures)]) == 0
    folder = fixtures / "archive-reopens"
    assert str(folder) in capsys.readouterr().out
    assert sorted(p.name for p in folder.iterdir()) == ["expected.json", "input.html"]
    assert (folder / "input.html").read_text(encoding="utf-8") == PAGE  # gunzipped, byte for byte

    label = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    record = boilerstrip.clean(PAGE, url=URL)
    assert label["title"] == record.title == "Archive reopens"
    assert label["body"] == record.body and "Advertisement" not in label["body"]
    assert label["metadata"] == json.loads(json.dumps(record.metadata))
    assert (label["url"], label["mode"], label["notes"]) == (URL, "html", REVIEW_NOTE)
    assert label["must_contain"] == [] and label["must_not_contain"] == []
    fixture = load_fixture(folder)
    assert fixture.url == URL and fixture.input_path.name == "input.html"

    # As prefilled, the case passes eval; a person then corrects it.
    assert main(["eval", str(fixtures)]) == 0


def test_fixture_new_names_text_inputs_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "scrape"  # no suffix: the kind is sniffed
    saved.write_text("Archive reopens\n\n" + "\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    fixtures = tmp_path / "fixtures"
    args = ["fixture", "new", str(saved), "--name", "archive-text", "--fixtures", str(fixtures)]
    assert main(args) == 0
    assert (fixtures / "archive-text" / "input.txt").is_file()
    assert json.loads((fixtures / "archive-text" / "expected.json").read_text())["mode"] == "text"
    capsys.readouterr()

    before = (fixtures / "archive-text" / "expected.json").read_bytes()
    assert main(args) == 2
    assert "already exists" in capsys.readouterr().err
    assert (fixtures / "archive-text" / "expected.json").read_bytes() == before
