"""The headline chosen among a page's stated titles and its <h1>s."""

from __future__ import annotations

from boilerstrip.reading.headlines import choose_headline, strip_suffix_soup


def test_the_h1_the_title_confirms_is_the_headline() -> None:
    claims = ["Harbour seals return to the estuary | Coast News"]
    assert choose_headline(claims, [("Harbour seals return to the estuary", False)], None) == (
        "Harbour seals return to the estuary"
    )


def test_the_site_name_as_h1_is_a_logo_not_a_headline() -> None:
    claims = ["Harbour seals return to the estuary | Coast News"]
    assert choose_headline(claims, [("Coast News", False)], None) == "Harbour seals return to the estuary"


def test_an_h1_marked_as_headline_wins_over_the_titles_last_segment() -> None:
    claims = ["Opinion | Why the ferry must stay"]
    assert choose_headline(claims, [("Why the ferry must stay", True)], None) == "Why the ferry must stay"


def test_suffix_soup_keeps_the_first_segment_not_naming_the_site() -> None:
    assert strip_suffix_soup("Coast News - Ferry timetable - Summer", "Coast News") == "Ferry timetable"
    assert strip_suffix_soup("Ferry timetable", "Coast News") == "Ferry timetable"
