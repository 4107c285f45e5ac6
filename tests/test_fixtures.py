"""Every hand-labelled fixture cleans to its label: body F1 >= 0.97, exact title, metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

import boilerstrip
from boilerstrip.quality import metric
from boilerstrip.quality.fixtures import Fixture, check_label, load_fixtures
from boilerstrip.quality.results import FIXTURE_BODY_F1_PASS
from boilerstrip.reading.decode import read_bytes

FIXTURES = load_fixtures(Path(__file__).resolve().parents[1] / "fixtures")


def test_fixture_set_has_the_promised_cases() -> None:
    html = [f for f in FIXTURES if f.input_path.name.startswith("input.htm")]
    text = [f for f in FIXTURES if f.input_path.name.startswith("input.txt")]
    assert len(html) >= 6 and len(text) >= 9  # 6 HTML, 6 text scrapes + 3 seeds


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fixture_cleans_to_its_label(fixture: Fixture) -> None:
    record = boilerstrip.clean(read_bytes(fixture.input_path), url=fixture.url, mode=fixture.mode)
    assert record.error is None
    failures = list(check_label(fixture, record.title, record.body, record.metadata).failures)
    if fixture.body is not None:
        f1 = metric.score(record.body, fixture.body).f1
        if f1 < FIXTURE_BODY_F1_PASS:
            failures.append(f"body F1 {f1:.3f} < {FIXTURE_BODY_F1_PASS}")
    assert not failures, "\n".join(failures)
