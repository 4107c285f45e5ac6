"""Page types: the features read off hand-made pages, the bundled model's
guesses on them, the stage in both pipelines, and the weights file's checks."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from lxml.html import fromstring

import boilerstrip
from boilerstrip.cleaner import Cleaner
from boilerstrip.document import split_blocks
from boilerstrip.page_types.cues import phrase_features, url_features
from boilerstrip.page_types.html_features import html_features
from boilerstrip.page_types.model import (
    BUNDLED_WEIGHTS,
    PAGE_TYPES,
    PageTypeModelError,
    feature_names,
    load_model,
)
from boilerstrip.page_types.text_features import text_features
from boilerstrip.stages.page_type import STAGE
from page_type_pages import (
    forum_html,
    forum_text,
    listing_html,
    listing_text,
    product_html,
    product_text,
)

PAGES = {
    "forum": (forum_html, forum_text),
    "product": (product_html, product_text),
    "listing": (listing_html, listing_text),
}


# --- features -----------------------------------------------------------------


def test_declared_types_are_read_from_json_ld_og_and_microdata() -> None:
    features = html_features(fromstring(product_html()), None)
    assert features["ld_product"] == 1.0 and features["og_product"] == 1.0
    assert features["ld_forum"] == 0.0
    micro = '<html><body><div itemscope itemtype="https://schema.org/DiscussionForumPosting">x</div></body></html>'
    assert html_features(fromstring(micro), None)["micro_forum"] == 1.0


def test_malformed_json_ld_is_no_declaration_and_no_error() -> None:
    page = '<html><head><script type="application/ld+json">{"@type": "Product",</script></head></html>'
    assert html_features(fromstring(page), None)["ld_product"] == 0.0


def test_repeated_cards_and_posts_are_measured() -> None:
    listing = html_features(fromstring(listing_html()), None)
    forum = html_features(fromstring(forum_html()), None)
    cards = listing_html().count('class="card ')
    assert listing["cards_largest"] == pytest.approx(math.log1p(cards))
    assert listing["posts_largest"] == 0.0
    assert forum["posts_largest"] > 0.0 and forum["cards_largest"] == 0.0


def test_url_words_count_by_kind_and_no_url_gives_zeros() -> None:
    features = url_features("https://forum.example.org/threads/keeping-herons-off-a-pond.1234/")
    assert features["url_forum"] >= 2  # the host's first label and the path's "threads"
    assert features["url_product"] == 0 and features["url_depth"] > 0
    assert set(url_features(None)) == set(features) and not any(url_features(None).values())
    assert url_features("http://[::1/broken") == url_features(None)  # an address that cannot be read is none


def test_phrases_count_whole_words_and_prices() -> None:
    features = phrase_features("add to cart. £39.99 then $5 and replying is no reply")
    assert features["say_add_to_cart"] == pytest.approx(math.log1p(1))
    assert features["say_reply"] == pytest.approx(math.log1p(1))  # "replying" is not "reply"
    assert features["prices"] == pytest.approx(math.log1p(2))


def test_a_cue_word_counts_with_one_closing_mark_or_an_opening_bracket() -> None:
    features = phrase_features("reply. (reply reply) reply: (reply) replies")
    # four spellings of "reply", the bracketed "(reply)" not one of them; "replies" its own cue
    assert features["say_reply"] == pytest.approx(math.log1p(5))
    assert phrase_features("posted 3 days ago")["say_ago"] == pytest.approx(math.log1p(1))
    assert phrase_features("posted 3 days before")["say_ago"] == 0


def test_the_cues_after_a_number_read_in_one_scan_count_what_each_pattern_finds() -> None:
    import random

    from boilerstrip.page_types import cues

    pieces = [
        "3",
        "12",
        " ",
        "days",
        "day",
        " ago",
        "ago",
        "results",
        "posts",
        "€",
        "£",
        "eur",
        "kr",
        "x",
        ".",
    ]
    rng = random.Random(7)
    for _ in range(5_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        words = cues._looked_up_words(text)
        alone = (
            len(cues._AGO.findall(text)) if words.get("ago") else 0,
            len(cues._COUNTED_ITEMS.findall(text)) if any(words.get(n) for n in cues._COUNTED_NOUNS) else 0,
            len(cues._PRICE_AFTER.findall(text)) if cues._may_price_after(text) else 0,
        )
        assert cues._after_numbers(text, words) == alone, text


def test_every_date_shape_is_read_and_a_version_number_is_none() -> None:
    dates = "12/03/2024\n2024-03-12\nMarch 3, 2024\n3 Mar. 2024\nSEP 9 2021"
    assert text_features(split_blocks(dates), None)["dated_lines"] == pytest.approx(math.log1p(5))
    undated = "Version 2.0 of 300 pages\n1.5 litres\nA plain sentence, 12 of them."
    assert text_features(split_blocks(undated), None)["dated_lines"] == 0


def test_text_features_read_price_dated_and_code_lines() -> None:
    blocks = split_blocks("£39.99\nMar 3, 2024  #1\n3 days ago\nconst x = load(path);\nA plain sentence.")
    features = text_features(blocks, None)
    assert features["price_lines"] == pytest.approx(math.log1p(1))
    assert features["dated_lines"] == pytest.approx(math.log1p(1))
    assert features["ago_lines"] == pytest.approx(math.log1p(1))
    assert features["code_lines"] == pytest.approx(math.log1p(1))


def test_date_and_code_lines_are_read_in_parts_as_their_whole_patterns_read_them() -> None:
    # `_is_dated` and `_is_code` split `_DATE` and `_CODE_LINE` into cheaper
    # parts: on every line, each must say what the whole pattern says.
    import random

    from boilerstrip.page_types import text_features as features

    pieces = [*"0123456789/.-,{};()=$>#<_ :", "May", "sEPt", "dec", "Jan", "ſep", "x", "é", "٣"]
    pieces += ["import ", "<p>"]
    pieces += ["def ", ">>>", "=>", "==", "load(", "a.b(", "\t", "\u00a0", "2024", "12 March 2024"]
    rng = random.Random(20)
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 10))) for _ in range(20_000)]
    lines += ["Posted on March 3, 2024 by Ann", "v1.2.3-beta", "x=f(a) ;", "print(x)", "  } else {"]
    for line in lines:
        assert features._is_dated(line) == bool(features._DATE.search(line)), line
        assert features._is_code(line) == bool(features._CODE_LINE.search(line)), line


def test_every_reading_names_the_same_features_on_any_page() -> None:
    names = feature_names()
    assert set(html_features(fromstring(forum_html()), "https://a.example/x")) == names["html"]
    assert set(text_features(split_blocks(forum_text()), "https://a.example/x")) == names["text"]


# --- the bundled model on hand-made pages -------------------------------------


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_html_pages_get_their_type(kind: str) -> None:
    record = boilerstrip.clean(PAGES[kind][0](), mode="html")
    assert record.metadata["page_type"] == kind
    assert 0 < record.metadata["page_type_confidence"] <= 1


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_text_pages_get_their_type(kind: str) -> None:
    record = boilerstrip.clean(PAGES[kind][1](), mode="text")
    assert record.metadata["page_type"] == kind


def test_the_stage_runs_in_both_pipelines_and_removes_nothing() -> None:
    cleaner = Cleaner()
    for kind in ("html", "text"):
        assert STAGE in [stage.name for stage in cleaner.stages(kind)]
    page = forum_text()
    before = cleaner.trace(page, mode="text", until=STAGE)
    after = cleaner.trace(page, mode="text", until="keep")
    assert [b.text for b in before.blocks] == [b.text for b in after.blocks]
    assert not after.removals and after.metadata["page_type"] == "forum"


# --- the weights file ---------------------------------------------------------


def test_the_bundled_weights_load_and_cover_every_type() -> None:
    model = load_model()
    for classifier in model.classifiers.values():
        assert len(classifier.weights) == len(PAGE_TYPES)
        assert any(any(w != 0 for w in row) for row in classifier.weights)  # trained, not a placeholder
        probabilities = classifier.probabilities({})
        assert sum(probabilities) == pytest.approx(1.0)


def _bundled() -> dict[str, object]:
    data: dict[str, object] = json.loads(BUNDLED_WEIGHTS.read_text(encoding="utf-8"))
    return data


def _break(data: dict[str, object], reading: str, key: str, value: object) -> dict[str, object]:
    readings = data["readings"]
    assert isinstance(readings, dict)
    readings[reading][key] = value
    return data


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda d: d | {"types": ["article", "forum"]}, "`types` must be"),
        (lambda d: d | {"readings": {"html": d["readings"]["html"]}}, "`readings` must hold"),
        (lambda d: _break(d, "html", "mean", [0.0]), "`mean` must be a list of"),
        (lambda d: _break(d, "text", "scale", [0.0] * len(d["readings"]["text"]["features"])), "positive"),
        (lambda d: _break(d, "html", "bias", [float("nan")] * 7), "finite numbers"),
        (lambda d: _break(d, "html", "weights", []), "one row per type"),
        (
            lambda d: _break(d, "text", "features", ["no_such", *d["readings"]["text"]["features"][1:]]),
            "no_such",
        ),
    ],
)
def test_a_malformed_weights_file_is_refused_naming_it(tmp_path: Path, breakage: Any, message: str) -> None:
    path = tmp_path / "weights.json"
    path.write_text(json.dumps(breakage(_bundled())), encoding="utf-8")
    with pytest.raises(PageTypeModelError) as caught:
        load_model(path)
    assert str(path) in str(caught.value) and message in str(caught.value)


def test_a_weights_file_that_is_not_json_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "weights.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(PageTypeModelError, match=r"weights\.json: cannot read the weights"):
        load_model(path)
