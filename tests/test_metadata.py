"""Page metadata as a reader sees it: dates in any printed form, names
without their labels, entities decoded, the headline the page shows."""

from __future__ import annotations

import pytest

from boilerstrip.document import Document
from boilerstrip.reading.dates import read_date
from boilerstrip.reading.html import parse_html
from boilerstrip.reading.names import author_names, byline
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


@pytest.mark.parametrize(
    ("printed", "names"),
    [
        ("Posted byJane Doe", ["Jane Doe"]),
        ("By Jane Doe and John Smith", ["Jane Doe", "John Smith"]),
        ("Written by:\nAnn Lee\nSenior editor", ["Ann Lee"]),
        ("A. Berg, C. Diaz & E. Fox", ["A. Berg", "C. Diaz", "E. Fox"]),
        ("jdoe1984", ["jdoe1984"]),
        ("Mara Quist · 4 min read", ["Mara Quist"]),
    ],
)
def test_author_names_drop_labels_and_joiners(printed: str, names: list[str]) -> None:
    assert author_names(printed) == names


@pytest.mark.parametrize(
    "printed",
    [
        "undefined",
        "ops@example.com",
        "https://example.com/ann",
        "By",
        "1234567",
        "Mar 3, 2021 · 4 min read",
        "Posted",
    ],
)
def test_author_names_of_no_one(printed: str) -> None:
    assert author_names(printed) == []


def test_several_authors_read_as_one_byline_and_a_list() -> None:
    assert byline(["Jane Doe", "John Smith", "Ann Lee"]) == "Jane Doe, John Smith and Ann Lee"
    doc = _read(
        "<html><head><meta name='author' content='By Jane Doe &amp; John Smith'></head>"
        "<body><h1>Bridge plan approved</h1></body></html>"
    )
    assert doc.metadata["author"] == "Jane Doe and John Smith"
    assert doc.metadata["authors"] == ["Jane Doe", "John Smith"]


def test_a_byline_box_by_the_headline_names_the_author() -> None:
    doc = _read(
        "<html><body><header><h1>Bridge plan approved</h1>"
        "<div class='post-author'><span>Written by</span> <a>Ann Lee</a></div></header>"
        "<section class='reviews'><span class='review-author'>Sam Roe</span></section></body></html>"
    )
    assert doc.metadata["author"] == "Ann Lee"


def test_author_classes_away_from_the_headline_name_no_author() -> None:
    doc = _read(
        "<html><body><div><div><div><h1>Oak desk</h1></div></div></div>"
        "<section><div><div class='review-author'>Sam Roe</div></div></section></body></html>"
    )
    assert "author" not in doc.metadata


def test_a_printed_by_line_under_the_headline_names_the_author() -> None:
    doc = _read(
        "<html><body><h1>Bridge plan approved</h1><p>By Ann Lee</p><p>Sort by Price</p></body></html>"
    )
    assert doc.metadata["author"] == "Ann Lee"


def test_entities_escaped_twice_are_decoded() -> None:
    doc = _read(
        "<html><head><title>Bridges &amp;amp; roads</title>"
        "<meta name='description' content='Tolls &amp;quot up &amp;amp; down'>"
        "<meta name='keywords' content='bridges, R&amp;amp;D'></head><body></body></html>"
    )
    assert doc.title == "Bridges & roads"
    assert doc.metadata["description"] == 'Tolls " up & down'
    assert doc.metadata["tags"] == ["bridges", "R&D"]


def test_the_site_name_as_h1_is_not_the_headline() -> None:
    doc = _read(
        "<html><head><title>Bridge plan approved by council - Valley Post</title></head>"
        "<body><h1>Valley Post</h1></body></html>"
    )
    assert doc.title == "Bridge plan approved by council"


def test_the_one_h1_reworded_from_the_title_is_the_headline() -> None:
    doc = _read(
        "<html><head><title>Council approves bridge plan for 2026 | Valley Post</title></head>"
        "<body><h1>The council approves the new bridge plan¶</h1></body></html>"
    )
    assert doc.title == "The council approves the new bridge plan"


def test_an_h1_on_another_subject_leaves_the_title() -> None:
    doc = _read(
        "<html><head><title>Council approves bridge plan | Valley Post</title></head>"
        "<body><h1>Subscribe today</h1></body></html>"
    )
    assert doc.title == "Council approves bridge plan"


def test_text_input_reads_its_dateline_and_byline() -> None:
    from boilerstrip import clean

    prose = "The council approved the bridge plan on Tuesday after a long debate about its cost."
    head = "Bridge plan approved\n\nBy Ann Lee and Sam Roe\n\nPublished 22 May 2024, 9:30am"
    text = f"{head}\n\n{prose}\n\n{prose}\n"
    record = clean(text.encode(), mode="text")
    assert record.metadata["date"] == "2024-05-22"
    assert record.metadata["author"] == "Ann Lee and Sam Roe"
    assert "Published" not in record.body


def test_a_thread_is_authored_by_its_first_poster() -> None:
    post = "<article class='message' data-author='{0}'><a class='username'>{0}</a><p>Hello all.</p></article>"
    doc = _read(
        "<html><body><nav><a class='username'>Sign in</a></nav><h1>Which lens for birds?</h1>"
        + post.format("kestrel42")
        + post.format("owlwatcher")
        + "</body></html>"
    )
    assert doc.metadata["author"] == "kestrel42"


def test_a_later_page_of_a_thread_is_authored_by_the_poster_its_header_names() -> None:
    # Each post marks its poster as schema.org's author; the page opens on a reply.
    post = (
        "<article class='message' data-author='{0}'><div itemprop='author' itemscope>"
        "<a class='username' itemprop='name'>{0}</a></div><p>Try the longer one.</p></article>"
    )
    doc = _read(
        "<html><body><div class='p-body-header'><h1>Which lens for birds?</h1>"
        "<div class='p-description'>Thread starter <a class='username'>kestrel42</a></div></div>"
        + post.format("owlwatcher")
        + post.format("kestrel42")
        + "</body></html>"
    )
    assert doc.metadata["author"] == "kestrel42"


def test_one_author_marked_twice_is_the_byline() -> None:
    marked = "<span itemprop='author' itemscope><a itemprop='name'>Ann Lee</a></span>"
    doc = _read(f"<html><body><h1>Bridge plan</h1>{marked}<p>Text.</p>{marked}</body></html>")
    assert doc.metadata["author"] == "Ann Lee"


@pytest.mark.parametrize("printed", ["By Ann Lee", "Written by Ann Lee", "Posted by: Ann Lee", "By: Ann Lee"])
def test_a_byline_printed_under_the_headline_names_the_author(printed: str) -> None:
    page = f"<html><body><h1>Bridge plan approved</h1><p>{printed}</p><p>The council met.</p></body></html>"
    doc = _read(page)
    assert doc.metadata["author"] == "Ann Lee"


def test_five_authors_fit_a_byline() -> None:
    assert len(author_names("Authors:\nAnn Lee\n,\nSam Roe\n,\nJo Park\n,\nEd Tam\n,\nMia van der Berg")) == 5


def test_the_one_date_element_dates_the_page_but_a_listing_is_not_dated() -> None:
    # The dates sit far below the headline, out of the window a reader glances at.
    prose = "<p>" + "The council met to discuss the bridge and the roads around it. " * 6 + "</p>"
    dated = "<aside><div class='post-date'>July 8, 2025</div></aside>"
    article = _read(f"<html><body><h1>Bridge plan</h1>{prose}{dated}</body></html>")
    assert article.metadata["date"] == "2025-07-08"
    teasers = "".join(f"<li><a>Story {n}</a><span class='date'>July {n}, 2025</span></li>" for n in (1, 2, 3))
    listing = _read(f"<html><body><h1>Latest news</h1>{prose}<ul>{teasers}</ul></body></html>")
    assert "date" not in listing.metadata


def test_a_headline_reads_as_printed_without_its_screen_reader_text() -> None:
    doc = _read(
        "<html><head><title>Green Tea | Leafhouse</title></head><body>"
        "<h1><span class='visually-hidden'>Collection: </span>Green <!-- kept -->Tea"
        "<a class='headerlink' href='#'>¶</a></h1><p>Twelve teas from four gardens.</p></body></html>"
    )
    assert doc.title == "Green Tea"


def test_the_h1_a_plain_title_repeats_is_the_headline() -> None:
    # A title without separators is all headline, not a site name to pass over.
    doc = _read(
        "<html><head><title>Why cheap roofs don't last</title></head>"
        "<body><h1>Why cheap roofs don’t last</h1></body></html>"
    )
    assert doc.title == "Why cheap roofs don’t last"


def test_a_line_break_in_the_headline_prints_as_a_space() -> None:
    doc = _read(
        "<html><head><title>Roof repair guide for homeowners | Valley Roofers</title></head>"
        "<body><h1>Roof Repair<br>Guide\n  </h1></body></html>"
    )
    assert doc.title == "Roof Repair Guide"


def test_the_title_s_first_segment_is_the_headline() -> None:
    doc = _read(
        "<html><head><title>Travel Insurance - Flight and Trip Cover Quotes | Brightway</title></head>"
        "<body><p>Compare plans.</p></body></html>"
    )
    assert doc.title == "Travel Insurance"


def test_a_json_ld_author_given_by_reference_is_named() -> None:
    doc = _read(
        "<html><head><script type='application/ld+json'>"
        '{"@graph": [{"@type": "WebPage", "@id": "#page", "name": "Post"},'
        ' {"@type": "BlogPosting", "headline": "Post", "author": {"@id": "#ann"}},'
        ' {"@type": "Person", "@id": "#ann", "name": "Ann Lee"}]}'
        "</script></head><body></body></html>"
    )
    assert doc.metadata["author"] == "Ann Lee"


def test_an_h1_marked_as_the_headline_is_one_whatever_the_title_ends_with() -> None:
    doc = _read(
        "<html><head><title>Opinion | Bridges to nowhere - Valley Post</title>"
        "<meta property='og:title' content='Opinion | Bridges to nowhere'></head>"
        "<body><h1 itemprop='headline'>Bridges to nowhere</h1></body></html>"
    )
    assert doc.title == "Bridges to nowhere"


def test_the_hostname_is_the_canonical_url_s_host() -> None:
    html = "<html><head><link rel='canonical' href='/a/story?utm_source=x'></head><body></body></html>"
    doc = ReadHtmlMetadata()(
        Document(raw_text=html, kind="html", tree=parse_html(html), url="https://WWW.Valley-Post.example/x")
    )
    assert doc.metadata["url"] == "https://www.valley-post.example/a/story"
    assert doc.metadata["hostname"] == "valley-post.example"
