"""Text mode on a page whose line breaks were collapsed onto one line."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from boilerstrip.api import clean
from boilerstrip.pipeline import make_document
from boilerstrip.stages.run_on import MENU_RUN_MIN_WORDS, RUN_ON_MIN_WORDS, SplitRunOnLines, run_on_pieces

MENU = "Skip to content Home News Sport Weather Business Culture Travel Sign In Subscribe"
HEADLINE = "Harbour board approves new ferry timetable after a long debate"
ARTICLE = [
    "The harbour board approved the new ferry timetable on Tuesday after a long debate in the town hall.",
    "Under the plan, boats will leave every forty minutes in summer and every hour in the winter months.",
    "Local traders said they were pleased, although some residents worry about the noise from the quay.",
    "The chair of the board, Maria Lopez, said the change had been asked for by passengers for years.",
    "“We listened to the people who use the service every day,” she told the meeting on Tuesday evening.",
    "A trial of the new times will start in May, and the board will review it at the end of the summer.",
    "Fares will not change this year, though the board said it could not rule out a rise next spring.",
    "Campaigners for a later last sailing on Fridays said they would keep pressing for it at the review.",
    "The operator has hired six more crew for the summer and will repaint the older of its two boats.",
    "Cyclists will be able to book a space on the car deck online from April, a first for the route.",
    "The island's school asked for the first morning sailing to leave earlier so that pupils arrive on time.",
    "That request was turned down, but the board agreed to hold a second boat in reserve on school days.",
    "Tourism officials expect the new times to bring more day visitors to the island's market on Saturdays.",
    "Some councillors had argued for a cheaper winter service, saying the boats run half empty in January.",
    "The board said the cost of running the extra sailings would be met from the harbour's car park fees.",
    "Its next meeting, at which the budget for the coming year will be set, will be shown live on YouTube.",
]
TEASERS = "Related Stories Pier Rebuild Backed By Council Coastal Path Reopens After Storm"
FOOTER = "About Us Contact Privacy Policy Terms Of Use Advertise Careers © 2024 Harbour Times Media"


def test_a_collapsed_page_keeps_its_article_and_drops_menus_teasers_and_footer() -> None:
    page = " ".join([MENU, HEADLINE, *ARTICLE, TEASERS, FOOTER])
    assert page.count(" ") + 1 >= RUN_ON_MIN_WORDS and "\n" not in page
    body = clean(page, mode="text").body
    for sentence in ARTICLE:
        assert sentence in body
    for debris in ("Weather Business", "Pier Rebuild", "Privacy Policy", "Harbour Times Media"):
        assert debris not in body
    # the article's sentences came from one line: the body joins them back into one paragraph
    assert "\n" not in body


def test_a_line_shorter_than_the_threshold_is_left_whole() -> None:
    line = " ".join(ARTICLE[:8])
    assert line.count(" ") + 1 < RUN_ON_MIN_WORDS
    page = "\n".join([*ARTICLE[8:], line])  # the line holds about half of the page's words
    doc = SplitRunOnLines()(make_document(page, "text", url=None, source=None))
    assert [block.text for block in doc.blocks] == [*ARTICLE[8:], line]


def test_a_short_page_collapsed_onto_one_line_is_cut_however_short() -> None:
    page = " ".join([MENU, HEADLINE, *ARTICLE[:6], TEASERS])
    assert page.count(" ") + 1 < RUN_ON_MIN_WORDS
    for dump in (page, f"{HEADLINE}\n{page}"):  # alone, or under its title line
        doc = SplitRunOnLines()(make_document(dump, "text", url=None, source=None))
        pieces = [block.text for block in doc.blocks]
        assert all(sentence in pieces for sentence in ARTICLE[1:6])
    body = clean(page, mode="text").body
    assert all(sentence in body for sentence in ARTICLE[:6])
    assert "Weather Business" not in body and "Pier Rebuild" not in body


def _pieces(text: str) -> list[str]:
    return [piece for piece, _ in run_on_pieces(text)]


def test_a_run_of_capitalised_words_is_cut_out_of_its_sentence_and_a_name_is_not() -> None:
    menu = " ".join(["Home", "News", "Sport"][:MENU_RUN_MIN_WORDS])
    assert _pieces(f"{menu} The board met on Monday.") == [menu, "The board met on Monday."]
    assert _pieces("Maria Lopez met the board on Monday.") == ["Maria Lopez met the board on Monday."]
    # elements a converter ran together are cut apart, and join back as they were
    assert _pieces("Share this:Click to share") == ["Share this:", "Click to share"]
    assert run_on_pieces("MenuHomeNews The pier.") == [("Menu", ""), ("Home", ""), ("News The pier.", "")]
    assert _pieces("on YouTube with an iPhone at McDonald's") == ["on YouTube with an iPhone at McDonald's"]
    # a function word breaks a run: headlines in sentence case stay whole
    assert _pieces("Board of the Harbour Trust met.") == ["Board of the Harbour Trust met."]


def test_sentences_end_before_a_capital_or_digit_only() -> None:
    assert _pieces("It rained. Then it stopped.") == ["It rained.", "Then it stopped."]
    assert _pieces("It cost £4 a head, i.e. more than last year.") == [
        "It cost £4 a head, i.e. more than last year."
    ]
    assert _pieces("It was 12 to 3. 40 came.") == ["It was 12 to 3.", "40 came."]


_WORDS = st.sampled_from(["the", "Board", "met.", "News", "“Yes,”", "said.", "»", "12", "it:Go", "AbCdEf"])


@given(st.lists(_WORDS, min_size=1, max_size=60))
def test_the_pieces_join_back_into_the_line(words: list[str]) -> None:
    line = " ".join(words)
    pieces = run_on_pieces(line)
    assert "".join(joiner + piece for piece, joiner in pieces)[len(pieces[0][1]) :] == line
    assert all(piece and piece == piece.strip() and joiner in ("", " ") for piece, joiner in pieces)
