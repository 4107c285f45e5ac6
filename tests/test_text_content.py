"""Text mode: the main-content finder, the line rejoiner, the rule prefilter.

Small synthetic pages, one feature or threshold per test.
"""

from __future__ import annotations

import textwrap

import pytest

from boilerstrip.api import clean
from boilerstrip.document import Block, Document, split_blocks
from boilerstrip.pipeline import make_document
from boilerstrip.reading.blocks import PROSE_MIN_WORDS
from boilerstrip.reading.scripts import CJK_CHARS_PER_WORD, caseless, terminal_columns, unspaced_words
from boilerstrip.stages.rejoin import MAX_WRAP_WIDTH, REJOIN_MIN_WORDS, RejoinBrokenLines, wrap_width
from boilerstrip.stages.text_content import (
    BUTTON_MAX_WORDS,
    HEAD_MARGIN,
    ISOLATED_PROSE_SHARE,
    LONG_PROSE_WORDS,
    MENU_COST,
    MIN_ANNOUNCED_ITEMS,
    NON_PROSE_COST,
    PROSE_SCORE_CAP,
    REPEAT_COST,
    RULE_OUTSIDE,
    STAGE,
    FindTextArticle,
    _is_button,
    announced_list_end,
    best_run,
    block_score,
    score_blocks,
)

P1 = "The harbour board approved the new ferry timetable on Tuesday after a long debate in the town hall."
P2 = "Under the plan, boats will leave every forty minutes in summer and every hour in the winter months."
P3 = "Local traders said they were pleased, although some residents worry about the noise from the quay."
MENU = ["Home", "News", "Sport", "Business", "Weather", "Culture", "Travel", "Contact"]
FOOTER = ["About us", "Privacy Policy", "Terms", "Careers", "Advertise", "Sitemap", "RSS", "Help"]


def _doc(*lines: str) -> Document:
    return make_document("\n".join(lines), "text", url=None, source=None)


def _kept(doc: Document) -> list[str]:
    return [block.text for block in doc.blocks if block.kept]


def _words(text: str) -> list[str]:
    return text.split()


def test_the_article_between_a_menu_and_a_footer_is_kept_and_the_rest_goes() -> None:
    doc = FindTextArticle()(_doc(*MENU, P1, P2, P3, *FOOTER))
    assert _kept(doc)[-3:] == [P1, P2, P3]
    assert all(text not in _kept(doc) for text in FOOTER)
    removed = [block.removed_by for block in doc.blocks if block.removed_by is not None]
    assert removed and all(r.stage == STAGE for r in removed)
    assert {r.rule_id for r in removed} >= {RULE_OUTSIDE}


def test_a_heading_and_a_short_list_inside_the_article_are_kept() -> None:
    doc = FindTextArticle()(
        _doc(*MENU, P1, P2, "What happens next", "the board meets again in May", P3, *FOOTER)
    )
    assert "What happens next" in _kept(doc)
    assert "the board meets again in May" in _kept(doc)


ANNOUNCING = "The harbour shop has put these tide tables and charts on sale for the season:"
DEALS = [
    "1) Tide table for the north coast, 2027 edition",
    "https://shop.example/tide-north",
    "2) Laminated chart of the estuary",
    "https://shop.example/chart",
    "3) Pocket compass with a brass case",
    "https://shop.example/compass",
    "4) Knot card, waterproof",
    "https://shop.example/knots",
]


def test_a_numbered_list_that_the_last_paragraph_announces_is_the_article() -> None:
    doc = FindTextArticle()(_doc(*MENU, P1, P2, ANNOUNCING, *DEALS, *FOOTER))
    assert _kept(doc)[-len(DEALS) - 1 :] == [ANNOUNCING, *DEALS]
    assert all(text not in _kept(doc) for text in FOOTER)


def test_a_paragraph_ending_with_a_colon_is_prose_and_a_label_ending_so_is_not() -> None:
    words = ANNOUNCING.split()
    assert block_score(ANNOUNCING, len(words), 4, False, True) == len(words)
    assert block_score("Share this:", 2, 1, False, True) < 0


def test_a_list_the_article_does_not_announce_stays_outside() -> None:
    most_read = ["Most read", "1. Council votes on parking", "2. New bakery opens", "3. Storm warning lifted"]
    doc = FindTextArticle()(_doc(*MENU, P1, P2, P3, *most_read, *FOOTER))
    assert all(text not in _kept(doc) for text in most_read)


def test_an_announced_list_needs_its_items_in_order_and_close_together() -> None:
    blocks = [Block(text) for text in (P1, ANNOUNCING, *DEALS)]
    assert announced_list_end(blocks, 1) == len(blocks) - 1
    too_short = [Block(text) for text in (ANNOUNCING, *DEALS[: 2 * (MIN_ANNOUNCED_ITEMS - 1)], "More news")]
    assert announced_list_end(too_short, 0) == 0
    out_of_order = [Block(text) for text in (ANNOUNCING, DEALS[0], DEALS[4], DEALS[2], DEALS[6])]
    assert announced_list_end(out_of_order, 0) == 0
    far_apart = [Block(text) for text in (ANNOUNCING, DEALS[0], *FOOTER[:4], DEALS[2], DEALS[4])]
    assert announced_list_end(far_apart, 0) == 0
    unannounced = [Block(text) for text in (P1, *DEALS)]
    assert announced_list_end(unannounced, 0) == 0


def test_a_teaser_paragraph_cut_off_by_a_long_menu_is_dropped() -> None:
    teaser = "A second story about the regional budget that the reader may also want to read next week."
    doc = FindTextArticle()(_doc(P1, P2, P3, *FOOTER, teaser, *MENU))
    assert teaser not in _kept(doc)


def test_an_isolated_paragraph_earns_only_a_share_of_its_score() -> None:
    scores = score_blocks([Block(t) for t in ("Menu", P1, "Menu two")])
    alone = block_score(
        P1,
        len(_words(P1)),
        0 + sum(w.lower() in {"the", "on", "in", "a", "after"} for w in _words(P1)),
        False,
        True,
    )
    assert scores[1] == alone * ISOLATED_PROSE_SHARE
    paired = score_blocks([Block(P1), Block(P2)])
    assert paired[0] == alone


def test_a_title_case_line_is_a_headline_however_it_ends() -> None:
    headline = "Why Do Ferry Timetables Change Every Summer On The Coast?"
    assert block_score(headline, len(_words(headline)), 2, False, True) == -NON_PROSE_COST
    sentence = "Why do ferry timetables change every summer on the coast?"
    assert block_score(sentence, len(_words(sentence)), 2, False, True) > 0
    names = "Rep. Ann Lee, D-Maine, spoke at the Capitol on July 25."
    assert block_score(names, len(_words(names)), 3, False, True) > 0


def test_a_summary_under_a_title_case_teaser_headline_is_isolated() -> None:
    # A teaser row: kicker, title-case headline ending like a question, summary.
    summary = "The council will vote next month on a plan to close the old quay road to lorries in summer."
    title_case = "Is The Old Quay Road Finally Closing For Good?"
    teaser = score_blocks([Block(t) for t in ("QUAY ROAD", title_case, summary)])
    assert teaser[2] == len(_words(summary)) * ISOLATED_PROSE_SHARE
    # The same question in sentence case is a short sentence: the summary has a neighbour.
    sentence_case = "Is the old quay road finally closing for good?"
    prose = score_blocks([Block(t) for t in ("QUAY ROAD", sentence_case, summary)])
    assert prose[2] == len(_words(summary))


def test_prose_score_is_its_length_capped() -> None:
    long_text = " ".join(["the council said that the plan was sound"] * 20) + "."
    assert block_score(long_text, len(_words(long_text)), 60, False, True) == PROSE_SCORE_CAP
    assert block_score(P1, len(_words(P1)), 6, False, True) == len(_words(P1))


def test_a_long_block_without_a_final_stop_still_counts_as_prose() -> None:
    text = " ".join(["the board and the town"] * (LONG_PROSE_WORDS // 5 + 1))
    assert block_score(text, len(_words(text)), 10, False, True) > 0
    short = "the board and the town agreed on it"
    assert block_score(short, len(_words(short)), 4, False, True) < 0


def test_menu_entries_and_repeated_lines_cost_more_than_other_short_lines() -> None:
    assert block_score("Business News", 2, 0, False, True) == -MENU_COST
    assert block_score("Share this", 2, 1, True, True) == -REPEAT_COST
    assert block_score("Photos Of The Week", 4, 2, False, True) == -NON_PROSE_COST
    assert REPEAT_COST > MENU_COST > NON_PROSE_COST


def test_pages_in_an_uncovered_language_do_not_need_stopwords() -> None:
    prose = [
        "Хурал өчигдөр шинэ хуваарийг баталсан бөгөөд завь бүр дөчин минут тутамд явна гэж мэдэгдэв.",
        "Орон нутгийн худалдаачид баяртай байгаа ч зарим оршин суугчид чимээ шуугианаас болгоомжилж байна.",
    ]
    doc = FindTextArticle()(_doc(*MENU, *prose, *FOOTER))
    assert _kept(doc)[-2:] == prose


def test_the_repeated_headline_above_the_article_stays_and_the_chrome_under_it_goes() -> None:
    headline = "Ferry timetable approved after long debate"
    deck = "Boats will run more often from June"
    lines = [headline, *MENU, headline, deck, "Posted 3 March 2024", "Share on Facebook", P1, P2, P3]
    doc = FindTextArticle()(_doc(*lines))
    kept = _kept(doc)
    assert kept[:2] == [headline, deck]
    assert "Posted 3 March 2024" not in kept and "Share on Facebook" not in kept


def test_without_a_headline_a_fixed_margin_stays_above_the_article() -> None:
    above = [f"Line number {i} of the header" for i in range(HEAD_MARGIN + 3)]
    doc = FindTextArticle()(_doc(*above, P1, P2, P3))
    assert _kept(doc)[:HEAD_MARGIN] == above[-HEAD_MARGIN:]
    assert above[0] not in _kept(doc)


def test_one_word_buttons_between_headline_and_article_go() -> None:
    headline = "Ferry timetable approved after long debate"
    doc = FindTextArticle()(_doc(headline, "Menu", headline, "Comments", P1, P2, P3))
    assert "Comments" not in _kept(doc)
    assert BUTTON_MAX_WORDS >= 1


@pytest.mark.parametrize("opening", ["Hello world.", "Good news!", "Really?"])
def test_a_short_opening_sentence_is_no_button(opening: str) -> None:
    # Two words at most and no function word, as "Share" or "Markets", but a
    # sentence: on its own line or on the line of the text it opens.
    sentence = "This is a short sentence."
    assert clean(f"{opening} {sentence}").body == f"{opening} {sentence}"
    assert clean(f"{opening}\n{sentence}").body == f"{opening}\n\n{sentence}"
    assert _is_button(opening.rstrip(".!?"))


def test_html_documents_and_pages_without_prose_are_left_alone() -> None:
    doc = _doc(*MENU)
    assert _kept(FindTextArticle()(doc)) == MENU
    html = Document(raw_text="", kind="html", blocks=[Block(m) for m in MENU])
    assert _kept(FindTextArticle()(html)) == MENU


def test_best_run_finds_the_densest_stretch() -> None:
    assert best_run([-5, 10, -2, 10, -30, 12]) == (1, 3)
    assert best_run([-1, -1]) is None
    assert best_run([]) is None


# --- rejoin -------------------------------------------------------------


def _rejoined(text: str) -> list[str]:
    doc = Document(raw_text=text, kind="text", blocks=split_blocks(text))
    return [block.text for block in RejoinBrokenLines()(doc).blocks]


def test_a_sentence_broken_by_the_converter_is_joined() -> None:
    text = "The board approved the new ferry timetable\nafter a long debate on Tuesday."
    assert _rejoined(text) == ["The board approved the new ferry timetable after a long debate on Tuesday."]


def test_lines_parted_by_a_blank_line_or_ending_a_sentence_stay_apart() -> None:
    assert len(_rejoined("The board approved the new ferry timetable\n\nafter a long debate.")) == 2
    assert len(_rejoined("The board approved the new ferry timetable.\nafter that, tea.")) == 2


def test_short_menu_lines_are_not_joined() -> None:
    short = " ".join(["word"] * (REJOIN_MIN_WORDS - 1))
    assert _rejoined(f"{short}\ndeposition transcripts") == [short, "deposition transcripts"]


# A page as a converter that wraps lines prints it: menu lines, a headline,
# paragraphs filled to the width (html2text, lynx and w3m wrap at 72-80).
_MENU = ["Home", "World", "Business", "Sport", "Weather"]
_PARAGRAPHS = [
    "The harbour board voted on Tuesday to rebuild the old northern pier, which has been closed to "
    "the public since the storms of last winter damaged its timber supports and railings.",
    "Engineers told the meeting that the new structure would use steel piles driven deep into the "
    "seabed, and Councillor Mary Evans said work could begin in the spring if the funding is confirmed.",
    "Local fishermen welcomed the decision, saying the closure had forced them to unload their catch "
    "at a private jetty several miles along the coast, which cost them time and fuel every week.",
]


def _page(width: int | None, paragraphs: list[str] = _PARAGRAPHS) -> str:
    def fill(paragraph: str) -> str:
        return paragraph if width is None else textwrap.fill(paragraph, width=width)

    return "\n".join(_MENU) + "\n\nHarbour board backs pier rebuild\n\n" + "\n\n".join(map(fill, paragraphs))


def test_the_wrap_width_of_a_hard_wrapped_page_is_found() -> None:
    for width in (60, 72, 80):
        found = wrap_width(split_blocks(_page(width)))
        assert found is not None and width - 3 <= found[0] <= width
    assert wrap_width(split_blocks(_page(None))) is None


def test_lines_wrapped_at_the_width_are_joined_whatever_the_next_word() -> None:
    # Every word capitalised: each wrapped line opens with a capital, which
    # the lower-case rule alone would leave apart.
    capitalised = [" ".join(word.capitalize() for word in p.split()) for p in _PARAGRAPHS]
    for width in (60, 72, 80):
        page = _page(width, capitalised)
        assert len(split_blocks(page)) > len(_MENU) + 1 + len(capitalised)  # it is wrapped
        assert _rejoined(page) == [*_MENU, "Harbour board backs pier rebuild", *capitalised]


def test_a_short_line_on_a_wrapped_page_ends_where_it_ends() -> None:
    wrapped_page = _page(72)
    heading = "Funding"  # a short line under a full one: the heading's own line
    page = wrapped_page.replace("\n\nLocal fishermen", f"\n{heading}\nLocal fishermen")
    assert heading in _rejoined(page)


def test_a_rule_on_a_wrapped_page_joins_no_line() -> None:
    rule = "_" * 66  # lynx's <hr>: one long "word" that never fits after a line
    page = _page(72).replace("\n\nLocal fishermen", f"\n{rule}\nLocal fishermen")
    assert rule in _rejoined(page)


_CHINESE = [
    "港口委员会周二晚间在市政厅经过长时间辩论后批准了新的渡轮时刻表根据新计划夏季每四十分钟开出一班船冬季每小时一班当地商户对此表示满意他们认为更频繁的班次将带来更多游客。",
    "不过一些住在码头附近的居民担心噪音问题并要求委员会限制清晨的航班委员会主席表示新时刻表将于明年三月一日起实施并将在实施六个月后进行评估她说我们听取了所有人的意见。",
]


def test_chinese_wrapped_by_columns_is_joined_back_with_no_space() -> None:
    # w3m and elinks wrap by terminal columns, two to a Han character: 39 to a line of 78.
    def by_columns(paragraph: str) -> str:
        return "\n".join(paragraph[i : i + 39] for i in range(0, len(paragraph), 39))

    page = "\n".join(_MENU) + "\n\n" + "\n\n".join(by_columns(p) for p in _CHINESE * 3)
    found = wrap_width(split_blocks(page))
    assert found is not None and found[1] is terminal_columns and 75 <= found[0] <= 78
    assert _rejoined(page) == [*_MENU, *(_CHINESE * 3)]


def test_a_hard_wrapped_page_cleans_as_the_unwrapped_one_does() -> None:
    unwrapped = clean(_page(None), mode="text")
    assert unwrapped.body == "\n\n".join(_PARAGRAPHS)
    for width in (60, 72, 80):
        record = clean(_page(width), mode="text")
        assert (record.title, record.body) == (unwrapped.title, unwrapped.body)


def test_a_page_of_long_unwrapped_paragraphs_has_no_wrap_width() -> None:
    paragraphs = [" ".join(_PARAGRAPHS)] * 3 + _MENU * 4  # lines far past any wrap width
    assert all(len(p) > MAX_WRAP_WIDTH for p in paragraphs[:3])
    assert wrap_width(split_blocks("\n".join(paragraphs))) is None


def test_a_link_on_a_line_of_its_own_joins_the_sentence_around_it() -> None:
    # Converters that break at every tag (BeautifulSoup's get_text("\n"))
    # print a link's text alone, capitalised, between two halves of a sentence.
    text = "Be sure to visit the museum on\nFacebook\n, and ask about\nTuesday\ntours."
    assert _rejoined(text) == ["Be sure to visit the museum on Facebook, and ask about Tuesday tours."]


def test_a_line_opening_with_a_comma_or_stop_is_the_tail_of_the_one_above() -> None:
    assert _rejoined("Facebook\n, Twitter") == ["Facebook, Twitter"]
    assert _rejoined("see our disclosure page\n.") == ["see our disclosure page."]


def test_menu_entries_and_finished_sentences_do_not_bridge() -> None:
    assert _rejoined("Home\nWorld\nsport") == ["Home", "World", "sport"]  # no sentence in progress
    finished = "The harbour board met on Tuesday evening."
    assert _rejoined(f"{finished}\nFacebook\nand more") == [finished, "Facebook", "and more"]
    # a link alone before a new paragraph's capital stays apart too
    assert _rejoined("Read the full report from the board on\nMonday\nThe vote") == [
        "Read the full report from the board on",
        "Monday",
        "The vote",
    ]


def test_a_numbered_list_item_opens_a_line_of_its_own() -> None:
    item = "Skyline Architects with the bridges expansion"
    text = f"7) {item}\nhttps://shop.example/skyline\n8) Beetle Derby\nhttps://shop.example/beetle"
    rejoined = _rejoined(text)
    assert "8) Beetle Derby" in rejoined  # not a link's text inside item 7
    # a short link text without a number still joins the sentence around it
    assert _rejoined(f"{item} by\nthe Bridges team\nand friends")[0].endswith("and friends")


def test_bullet_markers_come_off_list_items() -> None:
    text = "  * Tech\n  + Cars\n    o Middle East\n• Sport"
    assert _rejoined(text) == ["Tech", "Cars", "Middle East", "Sport"]
    assert _rejoined("- Advertisement -") == ["- Advertisement -"]


def test_a_lower_case_o_word_is_not_taken_for_a_bullet() -> None:
    assert _rejoined("o prefeito disse que sim.") == ["o prefeito disse que sim."]
    assert _rejoined("-5 degrees tonight") == ["-5 degrees tonight"]


def test_han_and_kana_count_as_words_and_korean_spaces_its_own() -> None:
    assert unspaced_words("港口委员会批准") == 7 // CJK_CHARS_PER_WORD
    assert unspaced_words("みなと新聞 2025") == 5 // CJK_CHARS_PER_WORD
    assert unspaced_words("Plain ASCII words") == 0
    assert unspaced_words("한국어 문장입니다") == 0  # Korean puts spaces between words
    assert Block("渡轮公司表示，为配合新时刻表，公司将购买两艘新船。").words > PROSE_MIN_WORDS
    assert caseless("新闻 2025") and caseless("أخبار")
    assert not caseless("News") and not caseless("Новости")


def test_a_chinese_page_keeps_its_paragraphs_and_loses_its_menus() -> None:
    paragraphs = [
        "港口委员会周二晚间在市政厅经过长时间辩论后，批准了新的渡轮时刻表。",
        "根据新计划，夏季每四十分钟开出一班船，冬季每小时一班，新船采用电力推进。",
        "当地商户对此表示满意，但一些居民担心噪音问题，并要求委员会限制清晨的航班。",
    ]
    menu = ["首页", "新闻", "体育", "财经", "科技"]
    footer = ["相关新闻", "港口扩建工程下月开工", "分享到微博"]
    dateline = "2025年11月20日 来源：港口新闻网 作者：王明"
    headline = "港口委员会批准新渡轮时刻表"
    record = clean("\n".join([*menu, headline, dateline, *paragraphs, *footer]), mode="text")
    assert record.title == headline
    assert record.body == "\n\n".join(paragraphs)
    assert record.metadata["author"] == "王明"


def test_a_line_ending_with_an_article_or_preposition_goes_on_with_the_next() -> None:
    text = "We look at the snap counts of each player for the\nHarbour Rovers\n’ game."
    assert _rejoined(text) == ["We look at the snap counts of each player for the Harbour Rovers’ game."]
    text = "The board will publish the figures on the\nPier Trust website next week."
    assert _rejoined(text) == ["The board will publish the figures on the Pier Trust website next week."]
    # a title's capitals dangle too, but a lone capital letter is a name's end ("Vitamin A")
    headline = "Harbour Rovers Agree Deal To\nSign Striker From City Wanderers"
    assert _rejoined(headline) == ["Harbour Rovers Agree Deal To Sign Striker From City Wanderers"]
    assert len(_rejoined("Doctors say we all need more of the Vitamin A\nBut most of us get enough")) == 2
    # a finished sentence, a short heading and a blank line each stop it
    assert len(_rejoined("The board met on Tuesday to discuss the.\nPier Trust")) == 2
    assert len(_rejoined("Best of the\nSummer Festival")) == 2
    assert len(_rejoined("The board will publish the figures of the\n\nPier Trust")) == 2


def test_a_link_that_opens_a_sentence_joins_it() -> None:
    text = "Maria Lopez\nhas led the harbour board since 2019, its annual report shows."
    assert _rejoined(text) == ["Maria Lopez has led the harbour board since 2019, its annual report shows."]
    # not over a line that does not end a sentence (a menu's second level)
    assert len(_rejoined("Sport\nscores and fixtures for every league this weekend")) == 2
    # nor under a line that ends a sentence
    assert len(_rejoined("Good.\nhas led the harbour board since 2019, its annual report shows.")) == 2
