"""A record's URLs: the top-level `url` is the input's URL or else the page's
canonical one, and `metadata.url` the canonical one; both absolute, normalised
and without tracking parameters (courlan), or null."""

from __future__ import annotations

import pytest

import boilerstrip
from boilerstrip.reading.urls import page_url
from sample_article import ARTICLE, TITLE


def _page(canonical: str | None) -> str:
    link = "" if canonical is None else f'<link rel="canonical" href="{canonical}">'
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in ARTICLE)
    return (
        f"<!doctype html><html><head><title>{TITLE}</title>{link}</head>"
        f"<body><article><h1>{TITLE}</h1>{paragraphs}</article></body></html>"
    )


def test_a_relative_canonical_url_is_resolved_against_the_input_url_and_loses_its_trackers() -> None:
    record = boilerstrip.clean(
        _page("/news/pier-reopens?utm_source=feed&id=3"), url="https://Coast.example/x?fbclid=abc"
    )
    assert record.metadata["url"] == "https://coast.example/news/pier-reopens?id=3"
    assert record.url == "https://coast.example/x"  # the input's URL comes first


def test_without_an_input_url_the_record_takes_the_canonical_one() -> None:
    record = boilerstrip.clean(_page("https://coast.example:443/news/pier?utm_medium=rss"))
    assert record.url == record.metadata["url"] == "https://coast.example/news/pier"


@pytest.mark.parametrize("canonical", ["/news/pier", "javascript:void(0)", None])
def test_a_url_that_cannot_be_made_absolute_is_no_url(canonical: str | None) -> None:
    record = boilerstrip.clean(_page(canonical))
    assert record.error is None and record.body
    assert record.url is None and "url" not in record.metadata


def test_text_pages_and_error_records_state_the_input_url_the_same_way() -> None:
    url = "https://coast.example/news/pier?utm_campaign=x&page=2"
    cleaned = "https://coast.example/news/pier?page=2"
    assert boilerstrip.clean("\n\n".join([TITLE, *ARTICLE]), url=url).url == cleaned
    failed = boilerstrip.clean(b"", url=url)
    assert failed.error == "empty input" and failed.url == cleaned


def test_page_url_keeps_what_identifies_the_page() -> None:
    assert page_url("https://coast.example/a/b/?id=3#part-2") == "https://coast.example/a/b/?id=3#part-2"
    assert page_url("../c", "https://coast.example/a/b/") == "https://coast.example/a/c"
    assert page_url("//cdn.coast.example/x", "https://coast.example/") == "https://cdn.coast.example/x"
    assert page_url("  ") is None and page_url(None) is None and page_url("mailto:ed@coast.example") is None
