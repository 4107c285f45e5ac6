"""Page metadata as a reader sees it: dates in any printed form, names
without their labels, entities decoded, the headline the page shows."""

from __future__ import annotations

import pytest

from boilerstrip.document import Document
from boilerstrip.reading.dates import read_date
from boilerstrip.reading.html import parse_html
from boilerstrip.stages.html_metadata import ReadHtmlMetadata


def _read(html: str) -> Document:
    return ReadHtmlMetadata()(Document(raw_text=html, kind="html", tree=parse_html(html)))


@pytest.mark.parametrize(
    ("printed", "day"),
    [
        ("2024-02-20T14:10:00-05:00", "2024-02-20"),
        ("Posted Dec. 9, 2025 · 4 min read", "2025-12-09"),
        ("4 August 2010", "2010-08-04"),
        ("Publié le 12 mars 2024", "2024-03-12"),
        ("14. Mai 2024", "2024-05-14"),
        ("14 de mayo de 2024", "2024-05-14"),
        ("2024年5月14日", "2024-05-14"),
        ("19.12.2025", "2025-12-19"),
        ("05/14/2024", "2024-05-14"),  # 14 cannot be a month: read month first
        ("2024/03/05", "2024-03-05"),
    ],
)
def test_read_date_reads_printed_forms(printed: str, day: str) -> None:
    assert read_date(printed) == day


@pytest.mark.parametrize(
    "printed", ["© 2024 Valley Post", "March 2024", "31 February 2024", "call 12 34 2024"]
)
def test_read_date_wants_a_calendar_day(printed: str) -> None:
    assert read_date(printed) is None


def test_the_first_printed_date_wins() -> None:
    assert read_date("Updated 3 June 2024, first published 2024-05-01") == "2024-06-03"


def test_a_date_printed_under_the_headline_dates_the_page() -> None:
    doc = _read(
        "<html><body><nav>Archive 1 January 2020</nav><h1>Bridge plan approved</h1>"
        "<p class='meta'>Ann Lee · 4 August 2010</p><p>The council approved the plan.</p></body></html>"
    )
    assert doc.metadata["date"] == "2010-08-04"


def test_markup_dates_come_before_printed_ones() -> None:
    doc = _read(
        "<html><head><meta property='article:published_time' content='2024-03-05T08:00:00Z'></head>"
        "<body><h1>Bridge plan approved</h1><p>Updated 6 March 2024</p></body></html>"
    )
    assert doc.metadata["date"] == "2024-03-05"


def test_a_date_far_below_the_headline_is_not_the_page_date() -> None:
    prose = "The council met to discuss the bridge and the roads around it. " * 10
    doc = _read(
        f"<html><body><h1>Bridge plan approved</h1><p>{prose}</p><p>Back on 4 August 2010</p></body></html>"
    )
    assert "date" not in doc.metadata
