"""Converter syntax in text dumps (Markdown, numbered links): it comes off, the text
stays, plain text is left alone."""

from __future__ import annotations

import textwrap

import pytest

from boilerstrip.api import clean
from boilerstrip.reading.markdown import looks_like_markdown, plain_text
from boilerstrip.reading.numbered_links import has_numbered_links, without_numbered_links
from sample_article import ARTICLE, TITLE


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("Read [the report](https://example.org/report.pdf) now.", "Read the report now."),
        ('A [titled link](https://example.org/a "The title") here.', "A titled link here."),
        (
            r'[Pier news](https://example.org/p "Boats \(small ones\) and \[more\]") and [a \[b\]](https://x.org)',
            "Pier news and a [b]",
        ),  # escaped parentheses in a title, escaped brackets in a link text
        ("Logo: ![Example News](https://cdn.example.org/logo.png)", "Logo: "),
        ("[![logo](https://cdn.example.org/l.png) Home](https://example.org/)", " Home"),
        (
            "the [electric Gran\nTurismo](https://example.org/vw-id-\nspace) is",
            "the electric Gran\nTurismo is",
        ),
        ("See [the list][1] below.\n[1]: https://example.org/list", "See the list below.\n"),
        ("Mail <mailto:desk@example.org> or <https://example.org>.", "Mail  or ."),
        ("## Pier rebuild approved ##\nText.", "Pier rebuild approved\nText."),
        ("> Quoted words\n> > nested", "Quoted words\nnested"),
        ("**Bold** and __strong__ words", "Bold and strong words"),
        ("**a __nested__ strong**", "a nested strong"),
        ("[__ Twitter](https://twitter.com/x)", " Twitter"),
        (r"Dow Jones \- 2 min read \* note \#1", "Dow Jones - 2 min read * note #1"),
        ("Above\n\n* * *\n\nBelow\n```\ncode\n```", "Above\n\n\n\nBelow\n\ncode\n"),
    ],
)
def test_markdown_syntax_comes_off_and_the_text_stays(markdown: str, text: str) -> None:
    assert plain_text(markdown) == text


@pytest.mark.parametrize(
    "text",
    [
        "A plain article. It cites [1] a source and ends (as they do) with a bracket.",
        "Trending: #Budget2024 #Harbour\nC# 12 is out\nScore: 3 - 1",
        "One ## heading-like line is not a Markdown page.\nSee [this](x) once.",
    ],
)
def test_plain_text_is_not_taken_for_markdown(text: str) -> None:
    assert not looks_like_markdown(text)


def _markdown_page(wrap: int | None) -> str:
    menu = [
        f"  * [{item}](https://news.example.org/{item.lower()}/)" for item in ("World", "Business", "Sport")
    ]
    paragraphs = [
        ARTICLE[0].replace("northern pier", "[northern pier](https://news.example.org/tags/northern-pier/)"),
        "![The old pier in winter](https://cdn.example.org/pier-winter-2024.jpg)",
        ARTICLE[1].replace("Engineers", "**Engineers**"),
        ARTICLE[2],
    ]
    if wrap:
        paragraphs = [textwrap.fill(p, width=wrap, break_long_words=False) for p in paragraphs]
    return "\n".join(menu) + f"\n\n# {TITLE}\n\n" + "\n\n".join(paragraphs)


@pytest.mark.parametrize("wrap", [None, 78])
def test_a_markdown_page_cleans_to_the_article_text(wrap: int | None) -> None:
    page = _markdown_page(wrap)
    assert looks_like_markdown(page)
    record = clean(page, mode="text")
    assert record.title == TITLE
    assert record.body == "\n\n".join(ARTICLE)


# --- numbered links (lynx, links, elinks) ---------------------------------


def _lynx_page(references: int) -> str:
    menu = "\n".join(f"     * [{n}]{item}" for n, item in enumerate(("World", "Business", "Sport"), 1))
    article = "\n\n".join(f"   {paragraph}" for paragraph in ARTICLE).replace("pier", "[4]pier", 1)
    # lynx prints a target as the page wrote it, spaces and all
    share = "?share=Harbour board backs pier"
    targets = "\n".join(f"  {n}. https://news.example.org/{n}{share}" for n in range(1, references + 1))
    return f"{menu}\n\n   {TITLE}\n\n{article}\n\nReferences\n\n   Visible links:\n{targets}\n"


def test_link_numbers_and_the_list_of_targets_come_off() -> None:
    page = _lynx_page(references=4)
    assert has_numbered_links(page)
    text = without_numbered_links(page)
    assert "[4]" not in text and "https://" not in text and "References" not in text
    assert "* World" in text and ARTICLE[0] in text
    record = clean(page, mode="text")
    assert (record.title, record.body) == (TITLE, "\n\n".join(ARTICLE))


@pytest.mark.parametrize(
    "text",
    [
        "A study [1] found it.\n\nReferences\n\n1. Smith, J. (2020). Piers. Harbour Press.\n2. Jones, K.",
        _lynx_page(references=2),  # a list this short may be the article's own
    ],
)
def test_footnotes_and_short_lists_are_left_alone(text: str) -> None:
    assert not has_numbered_links(text)
