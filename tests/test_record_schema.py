"""The record's JSON Schema (shipped in the package) holds every fixture's record,
error records and audit trails, and docs/record.md documents every field it names."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import boilerstrip
from boilerstrip.batch.runner import _mark_duplicate
from boilerstrip.cleaner import Cleaner
from boilerstrip.matching.rules import METADATA_GROUPS
from boilerstrip.options import Options
from boilerstrip.quality.fixtures import Fixture, load_fixtures
from boilerstrip.reading.decode import read_bytes

REPO = Path(__file__).resolve().parents[1]
FIXTURES = load_fixtures(REPO / "fixtures")
DOC = REPO / "docs" / "record.md"


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(files("boilerstrip").joinpath("record.schema.json").read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def _properties(validator: jsonschema.protocols.Validator) -> tuple[dict[str, Any], dict[str, Any]]:
    schema = validator.schema
    return schema["properties"], schema["properties"]["metadata"]["properties"]


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_every_fixture_record_holds_to_the_schema(
    validator: jsonschema.protocols.Validator, fixture: Fixture
) -> None:
    data = read_bytes(fixture.input_path)
    for explain in (False, True):
        record = Cleaner(Options(explain=explain)).clean(data, url=fixture.url, mode=fixture.mode)
        validator.validate(record.to_dict())
        assert ("removed" in record.to_dict()) == explain
    for body_format in ("markdown", "html"):
        options = Options(format=body_format, links=True, images=True, comments=True)
        shaped = Cleaner(options).clean(data, url=fixture.url, mode=fixture.mode).to_dict()
        validator.validate(shaped)
        assert f"body_{body_format}" in shaped and "comments" in shaped


def test_error_records_and_batch_flags_hold_to_the_schema(validator: jsonschema.protocols.Validator) -> None:
    failed = boilerstrip.clean(b"", url="https://a.example/x?utm_source=feed").to_dict()
    validator.validate(failed)
    assert failed["error"] == "empty input" and failed["url"] == "https://a.example/x"
    page = read_bytes(FIXTURES[0].input_path)
    line = json.dumps(boilerstrip.clean(page).to_dict())
    validator.validate(json.loads(_mark_duplicate(line, "crawl/first.html")))


def test_the_schema_refuses_what_no_record_holds(validator: jsonschema.protocols.Validator) -> None:
    good = boilerstrip.clean(read_bytes(FIXTURES[0].input_path)).to_dict()
    bad = [
        {**good, "colour": "blue"},
        {**good, "metadata": {**good["metadata"], "mood": "sunny"}},
        {**good, "url": "/relative/path"},
        {**good, "error": "empty input"},  # an error record has no title, body or metadata
    ]
    for record in bad:
        assert not validator.is_valid(record), record


def test_the_schema_names_every_metadata_key_a_rule_can_capture(
    validator: jsonschema.protocols.Validator,
) -> None:
    _, metadata = _properties(validator)
    assert set(METADATA_GROUPS) <= set(metadata)


def test_docs_describe_every_field_the_schema_names(validator: jsonschema.protocols.Validator) -> None:
    fields, metadata = _properties(validator)
    documented = set(re.findall(r"^\| `(\w+)` \|", DOC.read_text(encoding="utf-8"), re.M))
    assert documented == set(fields) | set(metadata)
