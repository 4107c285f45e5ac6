"""Text mode on pages that are no article: threads, lists of cards, product pages.

Small synthetic pages, one threshold per test (`boilerstrip.stages.text_content`:
NARROW_RUN_SHARE, BROAD_COST_SHARE, WHOLE_PAGE_SHARE, MIN_SPEC_LINES;
`boilerstrip.stages.repeated_labels`).
"""

from __future__ import annotations

from boilerstrip.document import Document
from boilerstrip.pipeline import make_document
from boilerstrip.stages.repeated_labels import LABEL_MAX_WORDS, REPEATED_LABEL_MIN, DropRepeatedLabels
from boilerstrip.stages.text_content import (
    BROAD_COST_SHARE,
    MIN_SPEC_LINES,
    NARROW_RUN_SHARE,
    WHOLE_PAGE_SHARE,
    FindTextArticle,
    _run_words,
    best_run,
    block_scores,
    broadened,
    discount_isolated,
)

MENU = ["Home", "Reviews", "Guides", "Deals", "Newsletter", "Sign in", "Search", "Contact"]
FOOTER = ["About Us", "Careers", "Privacy Policy", "Terms Of Use", "Advertise", "Sitemap", "Help", "Press"]
SUMMARIES = [
    "After forty nights on three mountain ranges, this is the tent we would carry on almost any trip.",
    "A family tent should go up in ten minutes with tired children watching, and this one does it.",
    "It packs down to the size of a water bottle and kept us warm on the frozen ground all night.",
    "We slept outside in minus eight degrees to find the bags that keep their promise to you.",
    "A stove has one job, boiling water in the wind, and it does that faster than the rest.",
]
DESCRIPTION = [
    "Our cast-iron pot is made for slow braises and weeknight stews; its heavy base spreads heat evenly.",
    "The enamel inside needs no seasoning and will not react with acidic foods such as tomatoes or wine.",
]
SPECS = ["Capacity: 5.2 litres", "Diameter: 26 cm", "Weight: 5.4 kg", "Material: enamelled cast iron"]


def _doc(*lines: str) -> Document:
    return make_document("\n".join(lines), "text", url=None, source=None)


def _part(doc: Document, span: tuple[int, int] | None) -> float:
    """The share of the page's words in the run."""
    words = [block.words for block in doc.blocks]
    return _run_words(words, span) / sum(words)


def _kept(doc: Document) -> list[str]:
    return [block.text for block in doc.blocks if block.kept]


def _cards() -> list[str]:
    """Review cards: a title-case title, an author line, a summary, a date."""
    lines = []
    for number, summary in enumerate(SUMMARIES, start=1):
        lines += [
            f"The Best Camping Gear Number {number}",
            f"By Writer {number}",
            summary,
            f"Updated March {number}, 2026",
        ]
    return lines


def test_a_list_of_cards_keeps_every_card_not_only_the_densest() -> None:
    doc = _doc(*MENU, *_cards(), *FOOTER)
    own = block_scores(doc.blocks)
    narrow = best_run(discount_isolated(own))
    assert _part(doc, narrow) < NARROW_RUN_SHARE  # one summary: the finder alone would keep it only
    assert _part(doc, best_run(broadened(own))) > NARROW_RUN_SHARE
    kept = _kept(FindTextArticle()(doc))
    assert all(summary in kept for summary in SUMMARIES)
    assert not any(line in kept for line in FOOTER)


def test_broad_scores_keep_prose_and_cut_the_cost_of_the_rest() -> None:
    assert broadened([12.0, -6.0, -1.0]) == [12.0, -6.0 * BROAD_COST_SHARE, -1.0 * BROAD_COST_SHARE]


def test_an_article_that_holds_most_of_the_page_is_not_searched_broadly() -> None:
    article = SUMMARIES[:3]
    teaser = SUMMARIES[4]
    doc = FindTextArticle()(_doc(*MENU, *article, *FOOTER, "Read Next Story Today", teaser, *MENU))
    assert teaser not in _kept(doc)
    assert all(line in _kept(doc) for line in article)


def test_a_page_whose_best_run_is_a_sliver_is_kept_whole() -> None:
    menu = [f"{entry} {number}" for number in range(8) for entry in MENU]
    lines = [*menu, SUMMARIES[0], *FOOTER * 4]
    doc = _doc(*lines)
    assert _part(doc, best_run(broadened(block_scores(doc.blocks)))) < WHOLE_PAGE_SHARE
    assert _kept(FindTextArticle()(doc)) == lines


def test_a_table_of_label_value_lines_under_the_description_is_the_content() -> None:
    kept = _kept(FindTextArticle()(_doc(*MENU, *DESCRIPTION, "Specifications", *SPECS, *FOOTER)))
    assert all(line in kept for line in [*DESCRIPTION, "Specifications", *SPECS])
    assert not any(line in kept for line in FOOTER)


def test_fewer_label_value_lines_than_a_table_stay_outside() -> None:
    short = SPECS[: MIN_SPEC_LINES - 1]
    kept = _kept(FindTextArticle()(_doc(*MENU, *DESCRIPTION, "Specifications", *short, *FOOTER)))
    assert not any(line in kept for line in short)


def test_a_short_line_printed_beside_every_post_is_a_label() -> None:
    posts = [line for summary in SUMMARIES[:REPEATED_LABEL_MIN] for line in ("Joined", summary, "Reply")]
    kept = _kept(DropRepeatedLabels()(_doc(*posts)))
    assert kept == SUMMARIES[:REPEATED_LABEL_MIN]


def test_a_line_printed_fewer_times_or_longer_or_a_sentence_is_no_label() -> None:
    twice = ["Joined", SUMMARIES[0]] * (REPEATED_LABEL_MIN - 1)
    long_line = " ".join(["word"] * (LABEL_MAX_WORDS + 1))
    sentence = "It works."
    lines = [*twice, *[long_line] * REPEATED_LABEL_MIN, *[sentence] * REPEATED_LABEL_MIN]
    assert _kept(DropRepeatedLabels()(_doc(*lines))) == lines
