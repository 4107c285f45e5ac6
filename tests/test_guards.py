"""The guards against losing the article: the DOM guard's decisions on small
hand-made trees, and the block-cut guard of `cut_rest`; each undo is in the
audit trail with its rule and its evidence."""

from __future__ import annotations

from pathlib import Path

from boilerstrip.document import UNDONE, Document
from boilerstrip.matching.actions import MAX_CUT_SHARE, TEXT_MAX_CUT_SHARE
from boilerstrip.matching.rules import load_rules
from boilerstrip.pipeline import make_document
from boilerstrip.reading.html import parse_html
from boilerstrip.stages.block_rules import BlockRuleStage
from boilerstrip.stages.dom_boilerplate import FindBoilerplateSubtrees, PruneSubtrees
from boilerstrip.stages.dom_guard import GuardMainText
from boilerstrip.stages.prose_map import ProseMap

SENTENCE = "The river rose two metres overnight and the town's volunteers filled sandbags until dawn."


def _paragraphs(n: int, tag: str = "p") -> str:
    return "".join(f"<{tag}>{SENTENCE} Paragraph {i} of the story goes on.</{tag}>" for i in range(n))


def _page(body: str) -> Document:
    html = f"<html><head><title>t</title></head><body>{body}</body></html>"
    return Document(raw_text=html, kind="html", tree=parse_html(html))


def _guarded(body: str) -> Document:
    finder = FindBoilerplateSubtrees(load_rules())
    return PruneSubtrees()(GuardMainText(finder)(finder(_page(body))))


def _text(doc: Document) -> str:
    assert doc.tree is not None
    return doc.tree.text_content()


def _undone(doc: Document) -> list[tuple[str, str]]:
    return [(r.stage, r.rule_id) for r in doc.removals if r.rule_id.startswith(UNDONE)]


SIDEBAR = (
    '<aside class="sidebar"><h3>Popular</h3>'
    '<ul><li><a href="/a">One</a></li><li><a href="/b">Two</a></li></ul></aside>'
)
SHARE = '<div class="share-bar"><a href="/s">Share on Facebook</a></div>'
# Paragraph text outside the article: on a page that sets its article in
# bare divs, the DOM stage's own check (a share of the page's <p> text) then
# sees nothing of the article to protect.
BOXES = "".join(
    f'<div class="box"><p>{text}</p></div>'
    for text in (
        "Sign up for our morning briefing and get the day's news in your inbox early.",
        "Do you have a story for us? Call the newsdesk or send a message through our page.",
        "The Courier is published by Valley Local Media, and every story is checked twice.",
    )
)


def test_the_prose_element_is_the_container_of_the_paragraphs() -> None:
    doc = _page(f'<nav><a href="/">Home</a></nav><div id="story">{_paragraphs(5)}</div>{SIDEBAR}')
    assert doc.tree is not None
    prose = ProseMap.of(doc.tree.find("body"))
    assert prose.element is not None and prose.element.get("id") == "story"
    assert prose.main_chars == prose.total  # menu and sidebar links are no prose


def test_an_article_in_a_sidebar_wrapper_is_kept_and_the_undo_recorded() -> None:
    # Bare-div text: the DOM stage's own paragraph-share check sees nothing to protect.
    doc = _guarded(
        f'<div class="layout-sidebar"><div>{_paragraphs(6, "div")}</div>{SHARE}</div>{SIDEBAR}{BOXES}'
    )
    assert SENTENCE in _text(doc)
    assert _undone(doc) == [("dom_guard", "undone:dom-sidebar")]
    evidence = next(r.text for r in doc.removals if r.rule_id.startswith(UNDONE))
    assert evidence.startswith("[holds the prose element")
    # What the rules name inside the undone wrapper, and beside it, still goes.
    assert "Share on Facebook" not in _text(doc) and "Popular" not in _text(doc)
    assert ("dom", "dom-share") in {(r.stage, r.rule_id) for r in doc.removals}


def test_a_removal_taking_most_of_the_prose_element_is_undone() -> None:
    note = f'<div class="footer-note">{_paragraphs(4, "div")}</div>'
    doc = _guarded(f'<div class="story">{_paragraphs(3, "div")}{note}</div>{SIDEBAR}{BOXES}')
    assert _text(doc).count(SENTENCE) == 7
    assert [rule for _, rule in _undone(doc)] == ["undone:dom-footer"]


def test_debris_beside_the_article_is_not_undone() -> None:
    doc = _guarded(f'<div class="story">{_paragraphs(6)}</div>{SIDEBAR}<footer><p>{SENTENCE}</p></footer>')
    assert _undone(doc) == []
    assert "Popular" not in _text(doc) and _text(doc).count(SENTENCE) == 6


def test_forum_posts_in_comment_boxes_are_undone_as_a_family() -> None:
    post = f'<div class="comment"><div class="comment-body">{_paragraphs(2)}</div></div>'
    doc = _guarded(f'<h1>Thread title</h1><div class="thread">{post * 5}</div>{SIDEBAR}')
    assert _text(doc).count(SENTENCE) == 10
    evidence = [r.text for r in doc.removals if r.rule_id == UNDONE + "dom-comments"]
    assert any(text.startswith("[holds the prose element") for text in evidence)
    assert any("of the page's prose" in text for text in evidence)
    assert "Popular" not in _text(doc)


def test_a_story_with_a_long_comment_thread_loses_the_thread() -> None:
    # An article-sized story survives the removals: the guard stands down,
    # even though one comment holds more prose than the story.
    story = f'<div class="story">{_paragraphs(16)}</div>'
    longest = f'<div class="comment">{_paragraphs(17)}</div>'
    others = f'<div class="comment">{_paragraphs(4)}</div>' * 3
    doc = _guarded(f'{story}<div class="responses">{longest}{others}</div>')
    assert doc.removals and _undone(doc) == []
    assert _text(doc).count(SENTENCE) == 16


def _cut_rest_stage(tmp_path: Path, action: str = "cut_rest") -> BlockRuleStage:
    (tmp_path / "probe.toml").write_text(
        '[[rule]]\nid = "probe-about"\ndescription = "test heading"\n'
        f'action = "{action}"\npattern = "About Acme"\n'
        '[rule.examples]\nmatch = ["About Acme"]\nno_match = ["About town"]\n',
        encoding="utf-8",
    )
    return BlockRuleStage.for_kind(load_rules(tmp_path, disable=[]), "probe")


def _blocks(before: int, after: int) -> Document:
    lines = [f"{SENTENCE} Line {i}." for i in range(before)] + ["About Acme"]
    lines += [f"{SENTENCE} Line {i}." for i in range(before, before + after)]
    doc = make_document("\n\n".join(lines), "text", url=None, source=None)
    doc.kind = "html"  # the guard serves HTML pages; their blocks are made the same way
    return doc


def test_a_cut_that_takes_most_of_the_body_is_undone_and_recorded(tmp_path: Path) -> None:
    doc = _cut_rest_stage(tmp_path)(_blocks(before=2, after=6))
    assert all(block.kept for block in doc.blocks)
    [undo] = [r for r in doc.removals if r.rule_id.startswith(UNDONE)]
    assert undo.stage == "probe" and undo.rule_id == "undone:probe-about"
    assert undo.text.startswith("[would cut") and undo.text.endswith("About Acme")


def test_a_cut_of_the_tail_stands(tmp_path: Path) -> None:
    doc = _cut_rest_stage(tmp_path)(_blocks(before=6, after=2))
    assert [block.kept for block in doc.blocks] == [True] * 6 + [False] * 3
    assert not any(r.rule_id.startswith(UNDONE) for r in doc.removals)
    assert MAX_CUT_SHARE == 0.5  # the two pages above sit on either side of it


def test_text_mode_cuts_are_guarded_only_against_taking_nearly_all_the_body(tmp_path: Path) -> None:
    # Three quarters of the body: an HTML page keeps it, a text page cuts it.
    doc = _blocks(before=2, after=6)
    doc.kind = "text"
    doc = _cut_rest_stage(tmp_path)(doc)
    assert [block.kept for block in doc.blocks] == [True] * 2 + [False] * 7
    assert TEXT_MAX_CUT_SHARE > 0.75
    # Nine tenths of it: undone there too (a copyright line under a photo).
    doc = _blocks(before=1, after=9)
    doc.kind = "text"
    doc = _cut_rest_stage(tmp_path)(doc)
    assert all(block.kept for block in doc.blocks)
    assert any(r.rule_id == "undone:probe-about" for r in doc.removals)


def test_cut_rest_always_cuts_however_much_it_takes(tmp_path: Path) -> None:
    doc = _cut_rest_stage(tmp_path, "cut_rest_always")(_blocks(before=2, after=6))
    assert [block.kept for block in doc.blocks] == [True] * 2 + [False] * 7


def test_explain_shows_an_undo_as_such() -> None:
    from boilerstrip.api import trace
    from boilerstrip.quality.explain import render_text

    wrapper = f'<div class="layout-sidebar"><div>{_paragraphs(6, "div")}</div></div>'
    report = render_text(trace(f"<html><body>{wrapper}{BOXES}</body></html>"))
    [line] = [line for line in report.splitlines() if "[holds the prose element" in line]
    assert line.split()[:3] == ["UNDO", "dom_guard", "undone:dom-sidebar"]
    assert "[holds the prose element" in line


# A consent manager's preference center: a paragraph per kind of cookie.
CONSENT_PANEL = '<div id="consent-sdk"><div role="dialog">{}</div></div>'.format(
    "".join(
        f"<p>These {kind} cookies are set by us or our partners to {use}. You can switch them off.</p>"
        for kind, use in (
            ("necessary", "keep the site working and remember your privacy choices"),
            ("performance", "count visits and traffic sources and see which pages are popular"),
            ("functional", "remember your preferences and offer enhanced features"),
            ("targeting", "build a profile of your interests and show you relevant adverts"),
        )
    )
)


def test_a_consent_panel_goes_whatever_its_share_of_the_page() -> None:
    # The thread is set in bare divs: the panel holds all the page's <p> text,
    # which would make it the content by the DOM stage's share check and the
    # prose element by the guard's map.
    posts = "".join(f'<div class="message">{SENTENCE} Post {i} of the thread.</div>' for i in range(4))
    doc = _guarded(f"<h1>Thread title</h1><div>{posts}</div>{CONSENT_PANEL}")
    assert "cookies" not in _text(doc)
    assert _text(doc).count(SENTENCE) == 4
    assert [r.rule_id for r in doc.removals if "cookies" in r.text] == ["dom-cookie-consent"]


def test_a_wrapper_named_for_cookies_that_holds_the_article_is_no_panel() -> None:
    # A theme's class on the page wrapper ("cookie-notice-shown"): the text
    # inside speaks of something else, and the share check still protects it.
    doc = _guarded(f'<div class="page cookie-notice-shown"><div class="story">{_paragraphs(6)}</div></div>')
    assert _text(doc).count(SENTENCE) == 6
