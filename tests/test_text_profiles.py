"""Text-mode knobs of the page-type profiles: a forum's reply count heads its
posts, and a thread of short posts is kept whole rather than its longest post."""

from __future__ import annotations

from boilerstrip.document import UNDONE, Document
from boilerstrip.matching.rules import load_rules
from boilerstrip.matching.screen import screen_of
from boilerstrip.page_types.profiles import Profile, Profiles, load_profiles
from boilerstrip.pipeline import make_document
from boilerstrip.stages.block_rules import (
    ARTICLE_ABOVE_CUT_WORDS,
    SURE_THREAD_CONFIDENCE,
    BlockRuleStage,
    ScreenBlocks,
)
from boilerstrip.stages.text_content import FindTextArticle

RULES = load_rules()
FORUM = Profile(page_type="forum", text_guard_cuts=True, text_broad_cost=0.2)
PROFILES = Profiles(min_confidence=0.6, by_type={"forum": FORUM})

POST = "I tried the second method last night and it worked, but step {n} took far longer than the guide said."


def _thread(opening: str, replies: int) -> str:
    """An opening post, a reply-count heading, then short replies under name and date lines."""
    lines = [opening, "", f"{replies} replies", ""]
    for n in range(replies):
        lines += [
            f"member_{n}",
            "Member",
            "Joined",
            "Mar 3, 2025",
            f"#{n + 2}",
            "",
            POST.format(n=n),
            "",
            "Reply",
            "",
        ]
    return "\n".join(lines)


def _comment_rules(text: str, page_type: str, confidence: float = 0.9) -> Document:
    doc = make_document(text, "text", url=None, source=None)
    doc.set_metadata("page_type", page_type)
    doc.set_metadata("page_type_confidence", confidence)
    doc = ScreenBlocks(screen_of(RULES))(doc)
    return BlockRuleStage.for_kind(RULES, "comments", PROFILES)(doc)


def _kept(doc: Document) -> str:
    return "\n".join(block.text for block in doc.blocks if block.kept)


SHORT_OPENING = "Has anyone found a way to stop the hinge squeaking? Oil works for a day and then it is back."


def test_on_a_forum_the_reply_count_does_not_cut_the_replies() -> None:
    doc = _comment_rules(_thread(SHORT_OPENING, 4), "forum")
    assert "member_3" in _kept(doc)
    assert any(removal.rule_id.startswith(UNDONE) for removal in doc.removals)


def test_elsewhere_or_unsure_the_reply_count_cuts_as_before() -> None:
    for page_type, confidence in (("article", 0.9), ("forum", 0.3)):
        doc = _comment_rules(_thread(SHORT_OPENING, 4), page_type, confidence)
        assert "member_0" not in _kept(doc)


def test_under_a_story_the_count_cuts_its_comment_thread_even_on_a_forum() -> None:
    story = " ".join(["The council voted on Tuesday to close the old bridge to cars for the summer."] * 20)
    assert len(story.split()) >= ARTICLE_ABOVE_CUT_WORDS
    doc = _comment_rules(_thread(story, 4), "forum")
    assert "member_0" not in _kept(doc)


def test_a_forum_thread_is_kept_past_its_longest_post() -> None:
    # Long enough that, read as an article, the one long post is the run.
    long_post = " ".join(
        ["The thermostat clicks twice, the pump starts, and then nothing happens at all."] * 8
    )
    text = _thread(long_post, 6)
    found = {}
    for page_type in ("forum", "article"):
        doc = make_document(text, "text", url=None, source=None)
        doc.set_metadata("page_type", page_type)
        doc.set_metadata("page_type_confidence", 0.9)
        found[page_type] = FindTextArticle(PROFILES)(doc)
    assert "member_5" in _kept(found["forum"])
    assert "member_5" not in _kept(found["article"])


def test_the_bundled_forum_profile_guards_text_cuts_and_searches_broadly() -> None:
    forum = load_profiles().by_type["forum"]
    assert forum.text_guard_cuts
    assert 0 < forum.text_broad_cost < 1


def test_on_a_page_surely_a_thread_the_count_under_the_question_does_not_cut_the_answers() -> None:
    question = " ".join(["Why does my sourdough starter smell of nail varnish after two days?"] * 18)
    assert len(question.split()) >= ARTICLE_ABOVE_CUT_WORDS
    # Answers outweigh the question: under a story, the count would still cut them.
    doc = _comment_rules(_thread(question, 12), "forum", SURE_THREAD_CONFIDENCE)
    assert "member_11" in _kept(doc)
    assert "member_11" not in _kept(_comment_rules(_thread(question, 12), "forum", 0.9))


PRODUCT = Profile(page_type="product", text_scattered_runs=True)
DESCRIPTION = (
    "This walnut chopping board is cut from a single plank and finished with food-safe oil, "
    "so it will not split or warp when it is washed by hand and dried upright."
)
CARE = "Rub a little more oil into the surface once a month, and never leave it to soak in the sink."
REVIEW = "I have used the board every day for a year and it still looks new, which surprised me a lot."
REVIEW_2 = "It is heavier than it looks in the photos, so it stays put on the worktop while you chop onions."


def _shop_page() -> str:
    """A product page whose menus dwarf its description, with reviews further down."""
    menu = [f"Category {n}" for n in range(400)]
    return "\n\n".join([*menu, DESCRIPTION, CARE, *menu[:60], "Reviews", REVIEW, REVIEW_2, *menu[:200]])


def test_a_product_page_whose_menus_dwarf_its_text_keeps_each_run_of_prose_not_the_whole_page() -> None:
    found = {}
    for profile in (PRODUCT, Profile(page_type="product")):
        doc = make_document(_shop_page(), "text", url=None, source=None)
        doc.set_metadata("page_type", "product")
        doc.set_metadata("page_type_confidence", 0.9)
        found[profile.text_scattered_runs] = _kept(FindTextArticle(Profiles(0.6, {"product": profile}))(doc))
    assert DESCRIPTION in found[True] and REVIEW in found[True]
    assert "Category 300" not in found[True]
    assert "Category 300" in found[False]  # without the knob: the whole page


def test_the_bundled_product_profile_keeps_scattered_runs() -> None:
    assert load_profiles().by_type["product"].text_scattered_runs
