"""Dumps whose converter underlined link texts (Debian's html2text) read as plain text."""

from __future__ import annotations

from boilerstrip.api import clean
from boilerstrip.reading.underlined_links import has_underlined_links, without_underlines

PARAGRAPHS = [
    "The harbour board approved the new ferry timetable on Tuesday after a long debate in the town hall.",
    "Under the plan, boats will leave every forty minutes in summer and every hour in the winter months.",
    "Local traders said they were pleased, although some residents worry about the noise from the quay.",
]
PAGE = "\n".join(
    [
        "Skip_to_Content",
        "    * Home",
        "    * Local_News",
        "    * Harbour_Sport",
        "****** Harbour board approves new ferry timetable ******",
        "By Maria_Lopez, Harbour_Times",
        *PARAGRAPHS[:2],
        PARAGRAPHS[2].replace("residents worry", "residents of Pier_Road worry"),
        "***** More stories *****",
        "Pier_rebuild_backed_by_council_after_storm",
        "Coastal_path_reopens_in_time_for_summer",
        "Privacy_Policy",
    ]
)


def test_a_page_shows_the_convention_by_a_starred_heading_and_underlined_names() -> None:
    assert has_underlined_links(PAGE)
    # snake_case or credits with underscores, with no starred heading, are ordinary text
    assert not has_underlined_links("Call get_text() and read_terms() on the user_id.")
    assert not has_underlined_links("Director_Oh and Writer_Kim and Design_Lee made it.")
    # a starred heading alone does not show it either
    assert not has_underlined_links("***** Results *****\nSee page_2 for more.")


def test_underscores_become_spaces_and_heading_stars_come_off() -> None:
    text = without_underlines("****** Bridge plan approved ******\nRead the Privacy_Policy.\n______")
    assert text == "Bridge plan approved\nRead the Privacy Policy.\n______"


def test_an_underlined_dump_cleans_like_a_plain_one() -> None:
    record = clean(PAGE, mode="text")
    assert record.title == "Harbour board approves new ferry timetable"
    assert "residents of Pier Road worry" in record.body
    for paragraph in PARAGRAPHS[:2]:
        assert paragraph in record.body
    assert "Coastal" not in record.body and "_" not in record.body
