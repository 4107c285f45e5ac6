"""The confidence stage: its weights file, its features, and the direction of its verdicts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib.resources import files

import pytest

import boilerstrip
from boilerstrip.document import Block, Document, Removal
from boilerstrip.stages.confidence import (
    FEATURES,
    WEIGHTS_FILE,
    ScoreConfidence,
    WeightsError,
    features,
    load_model,
    parse_model,
)

SENTENCES = [
    "The council voted on Tuesday to keep the old library open for another five years.",
    "Residents had gathered more than two thousand signatures in the spring to save it.",
    "The building, which opened in 1911, needs a new roof and better heating before winter.",
    "Volunteers will run a reading club for children there on Saturday mornings.",
    "The mayor said the money would come from the budget for repairs that was set aside last year.",
    "A local architect has offered to draw up the plans for the roof without a fee.",
]
MENU = ["Home", "News", "Sport", "Weather", "Contact us", "Log in"]


def _doc(
    kept: list[str], removed: Sequence[tuple[str, str]] = (), *, title: str | None = "Library saved"
) -> Document:
    doc = Document(raw_text="", kind="html", title=title)
    doc.blocks = [Block(text) for text in kept]
    for stage, text in removed:
        doc.removals.append(Removal(stage, "some-rule", text))
    return doc


def _score(doc: Document) -> float:
    confidence = ScoreConfidence()(doc).metadata["confidence"]
    assert isinstance(confidence, float) and 0.0 <= confidence <= 1.0
    return confidence


def test_the_bundled_weights_validate_and_name_every_feature() -> None:
    text = files("boilerstrip.stages").joinpath(WEIGHTS_FILE).read_text(encoding="utf-8")
    model = parse_model(text, WEIGHTS_FILE)
    assert set(model.weights) == set(FEATURES)
    assert any(weight != 0 for weight in model.weights.values())  # it was fitted
    assert load_model() == model


@pytest.mark.parametrize(
    ("change", "fault"),
    [
        (lambda data: "{not json", "not JSON"),
        (lambda data: {**data, "intercept": "high"}, "'intercept' must be a number"),
        (
            lambda data: {**data, "weights": {k: v for k, v in data["weights"].items() if k != FEATURES[0]}},
            "'weights'",
        ),
        (lambda data: {**data, "means": {**data["means"], FEATURES[1]: None}}, "'means' must be a number"),
        (lambda data: {**data, "scales": {**data["scales"], FEATURES[2]: 0}}, "scale must be above 0"),
    ],
)
def test_a_malformed_weights_file_is_a_loud_error_naming_it(change: object, fault: str) -> None:
    data = json.loads(files("boilerstrip.stages").joinpath(WEIGHTS_FILE).read_text(encoding="utf-8"))
    broken = change(data)  # type: ignore[operator]
    text = broken if isinstance(broken, str) else json.dumps(broken)
    with pytest.raises(WeightsError, match=f"my-weights.json: .*{fault}"):
        parse_model(text, "my-weights.json")


def test_features_read_the_audit_trail_by_kind_of_removal() -> None:
    removed = [("dom", "one two three four"), ("text_content", "five six"), ("related", "seven eight")]
    doc = _doc(SENTENCES[:2], removed)
    doc.removals.append(Removal("dom_guard", "undone:dom-sidebar", "words the guard kept"))
    found = features(doc)
    kept = sum(len(s.split()) for s in SENTENCES[:2])
    seen = kept + 4 + 2 + 2  # an undone removal removed nothing
    assert found["kept_share"] == pytest.approx(kept / seen)
    assert found["dom_removed_share"] == pytest.approx(4 / seen)
    assert found["finder_removed_share"] == pytest.approx(2 / seen)
    assert found["block_removed_share"] == pytest.approx(2 / seen)
    assert found["undone"] == 1.0 and found["prose_share"] == 1.0 and found["has_title"] == 1.0


def test_an_empty_body_scores_lower_than_a_long_clean_article() -> None:
    article = _score(_doc(SENTENCES * 3, [("dom", "Home News Sport")]))
    empty = _score(_doc([], [("dom", " ".join(SENTENCES))], title=None))
    assert empty < 0.5 <= article


def test_a_page_mostly_removed_by_a_rule_scores_lower_than_one_barely_touched() -> None:
    story = SENTENCES * 3
    barely = _score(_doc(story[:-1], [("related", story[-1])]))
    mostly = _score(_doc(story[:2], [("dom", " ".join(story[2:]))]))
    assert mostly < barely


def test_a_body_of_menu_lines_scores_lower_than_prose() -> None:
    assert _score(_doc(MENU * 3)) < _score(_doc(SENTENCES))


def test_every_record_carries_its_confidence_in_both_modes() -> None:
    page = "<html><body><article><h1>Library saved</h1>" + "".join(f"<p>{s}</p>" for s in SENTENCES)
    html = boilerstrip.clean(page + "</article></body></html>", mode="html")
    text = boilerstrip.clean("Library saved\n\n" + "\n\n".join(SENTENCES), mode="text")
    for record in (html, text):
        assert 0.0 <= record.metadata["confidence"] <= 1.0
    assert "confidence" not in boilerstrip.clean(b"").metadata  # an error record states nothing
