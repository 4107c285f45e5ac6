"""Fuzzing: whatever the input, `clean` returns a record or an error record.

Hypothesis generates random and mutated pages; the pathological giants
(deep nesting, huge pages, lines and attributes, thousands of tables) are
explicit examples. The long campaign is `benchmarks/fuzz_campaign.py`.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import boilerstrip
from boilerstrip.document import Record
from boilerstrip.limits import DEFAULT_MAX_BYTES
from boilerstrip.reading.decode import read_bytes

# Integration tests: processes, whole folders, a wheel build (`pytest -m "not slow"` skips them).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [read_bytes(p) for p in sorted((ROOT / "fixtures").glob("*/input.*"))]
FUZZ = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
# The giants get a per-page limit well under the test's patience.
GIANT_TIMEOUT = 10.0
MODES = st.sampled_from(["auto", "html", "text"])
ENCODINGS = ["utf-8", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "shift_jis", "koi8-r", "gb18030", "utf-7"]


def assert_is_a_record(record: Record) -> None:
    """A record is either clean output or a failure that says why."""
    assert isinstance(record, Record)
    assert isinstance(record.body, str)
    if record.error is not None:
        assert record.error.strip()
        assert record.body == ""
    assert record.to_dict()  # serialisable shape, whatever came in


TAG_NAMES = st.sampled_from(["div", "p", "span", "a", "table", "tr", "td", "li", "ul", "h1", "iframe"])
TAG_NAMES |= st.sampled_from(["script", "style", "article", "nav", "footer", "br", "img", "meta", "title"])
ATTRIBUTES = st.lists(
    st.tuples(
        st.sampled_from(["class", "id", "role", "href", "src", "title", "charset"]), st.text(max_size=30)
    ),
    max_size=3,
)


@st.composite
def html_trees(draw: st.DrawFn) -> str:
    """Random markup: nested elements, attributes, text, stray tags and entities."""
    parts: list[str] = []
    open_tags: list[str] = []
    for _ in range(draw(st.integers(0, 60))):
        move = draw(st.integers(0, 5))
        if move <= 1:
            tag = draw(TAG_NAMES)
            attrs = "".join(f' {k}="{v}"' for k, v in draw(ATTRIBUTES))
            parts.append(f"<{tag}{attrs}>")
            open_tags.append(tag)
        elif move == 2 and open_tags:
            parts.append(f"</{open_tags.pop()}>")
        elif move == 3:
            parts.append(
                draw(st.sampled_from(["&amp;", "&#0;", "&#x110000;", "&bogus;", "<!--", "]]>", "<"]))
            )
        else:
            parts.append(draw(st.text(max_size=80)))
    return "".join(parts)


@FUZZ
@given(st.binary(max_size=4000), MODES)
@example(b"\x00" * 100, "auto")
@example(b"\xff\xfe" + "no bom here".encode("utf-16-le"), "auto")
@example(b"<html>\x00<body>\x00<p>nul</p>", "html")
def test_random_bytes(data: bytes, mode: str) -> None:
    assert_is_a_record(boilerstrip.clean(data, mode=mode))  # type: ignore[arg-type]


@FUZZ
@given(st.text(max_size=3000), MODES)
@example("\ud800 lone surrogate \udfff", "auto")
@example("<p>\ud83d</p>" * 10, "html")
def test_random_text(text: str, mode: str) -> None:
    assert_is_a_record(boilerstrip.clean(text, mode=mode))  # type: ignore[arg-type]


@FUZZ
@given(html_trees())
def test_random_markup_gives_the_same_record_twice(page: str) -> None:
    first = boilerstrip.clean("<html><body>" + page)
    assert_is_a_record(first)
    assert boilerstrip.clean("<html><body>" + page).to_dict() == first.to_dict()


@FUZZ
@given(st.sampled_from(SEEDS), st.data())
def test_mutated_pages(seed: bytes, data: st.DataObject) -> None:
    page = bytearray(seed)
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(page)))
        how = data.draw(st.sampled_from(["flip", "insert", "delete", "repeat"]))
        if how == "flip" and page:
            page[min(at, len(page) - 1)] = data.draw(st.integers(0, 255))
        elif how == "insert":
            page[at:at] = data.draw(st.binary(min_size=1, max_size=200))
        elif how == "delete":
            del page[at : at + data.draw(st.integers(1, 500))]
        else:
            page[at:at] = bytes(page[at : at + 100]) * data.draw(st.integers(2, 50))
    assert_is_a_record(boilerstrip.clean(bytes(page)))


@FUZZ
@given(st.sampled_from(SEEDS), st.floats(0, 1))
def test_truncated_pages(seed: bytes, fraction: float) -> None:
    assert_is_a_record(boilerstrip.clean(seed[: int(len(seed) * fraction)]))


@FUZZ
@given(
    st.sampled_from(SEEDS), st.sampled_from(ENCODINGS), st.sampled_from(["", "utf-8", "iso-8859-1", "nope"])
)
def test_reencoded_and_mislabelled_pages(seed: bytes, encoding: str, label: str) -> None:
    text = seed.decode("utf-8", errors="replace")
    data = codecs.encode(text, encoding, errors="replace")  # UTF-16 and UTF-32 here carry no BOM
    if label:
        data = f'<meta charset="{label}">'.encode("ascii") + data
    assert_is_a_record(boilerstrip.clean(data))


@FUZZ
@given(st.lists(st.sampled_from(SEEDS), min_size=2, max_size=4), st.sampled_from(ENCODINGS))
def test_mixed_encodings_in_one_page(seeds: list[bytes], encoding: str) -> None:
    parts = [
        s if i % 2 else codecs.encode(s.decode("utf-8", "replace"), encoding, "replace")
        for i, s in enumerate(seeds)
    ]
    assert_is_a_record(boilerstrip.clean(b"".join(parts)))


PARAGRAPH = b"<p>Some sentence of article text goes here.</p>\n"


def _giants() -> list[tuple[str, bytes]]:
    return [
        ("nested-100000", b"<html><body>" + b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000),
        ("nested-unclosed", b"<html><body>" + b"<span><b>" * 100_000 + b"deep"),
        ("page-50MB", b"<html><body>" + b"<p>Some sentence of article text goes here.</p>\n" * 1_050_000),
        ("html-line-10MB", b"<html><body><p>" + b"word " * 2_000_000 + b"</p></body></html>"),
        ("text-line-10MB", b"word " * 2_000_000),
        ("text-line-run-together", b"word " * 300 + b"abcDef" * 200_000 + b" Ab." * 100_000),
        ("markdown-escaped-brackets", b"# Page\n\n" + b"[\\" * 500_000),
        ("attribute-10MB", b'<html><body><p title="' + b"a" * 10_000_000 + b'">text</p></body></html>'),
        ("tables-5000", b"<html><body>" + b"<table><tr><td>cell text</td></tr></table>" * 5_000),
        ("iframes-5000", b"<html><body>" + b"<iframe src='http://127.0.0.1:9/'></iframe><p>x</p>" * 5_000),
        ("paragraphs-just-under-the-limit", PARAGRAPH * (DEFAULT_MAX_BYTES // len(PARAGRAPH))),
    ]


@pytest.mark.parametrize(("name", "data"), _giants(), ids=[name for name, _ in _giants()])
def test_giant_pages_end_as_records(name: str, data: bytes) -> None:
    assert_is_a_record(boilerstrip.clean(data, timeout=GIANT_TIMEOUT))


def test_the_50mb_page_is_refused_by_size() -> None:
    data = b"<p>Some sentence.</p>" * (50 * 1024 * 1024 // 21)
    record = boilerstrip.clean(data)
    assert record.error == f"input too large: {len(data)} bytes > limit {DEFAULT_MAX_BYTES}"
