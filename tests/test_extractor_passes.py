"""The extractor's two passes sharing their start give what trafilatura's own calls give."""

from __future__ import annotations

from pathlib import Path

import pytest
import trafilatura
from lxml.etree import tostring

from boilerstrip.reading.html import parse_html
from boilerstrip.stages import extractor_passes
from boilerstrip.stages.extractor_passes import ExtractorPasses

FIXTURES = Path(__file__).parent.parent / "fixtures"
HTML_PAGES = sorted(path for path in FIXTURES.glob("html-*/input.html"))
# Under the main extractor's minimum: the wild-text recovery runs, its own way in each pass.
THIN_PAGE = (
    "<html><body><div><p>Too short for the extractor.</p></div><nav><a href='/'>Home</a></nav></body></html>"
)


def _bare(html: str, *, fast: bool, comments: bool) -> tuple[bytes, str] | None:
    found = trafilatura.bare_extraction(
        parse_html(html), with_metadata=False, include_comments=comments, include_tables=True,
        include_images=False, deduplicate=False, fast=fast,
    )  # fmt: skip
    if found is None or found.body is None:
        return None
    return tostring(found.body), found.text


def _ours(passes: ExtractorPasses, *, fast: bool) -> tuple[bytes, str] | None:
    found = passes.run(fast=fast)
    return None if found is None else (tostring(found.body), found.text)


@pytest.mark.parametrize("comments", [False, True])
@pytest.mark.parametrize("html", [*(path.read_text(errors="replace") for path in HTML_PAGES), THIN_PAGE])
def test_both_passes_match_trafilatura_and_leave_the_tree(html: str, comments: bool) -> None:
    tree = parse_html(html)
    before = tostring(tree)
    passes = ExtractorPasses(tree, url=None, comments=comments, favor_recall=False)
    assert _ours(passes, fast=True) == _bare(html, fast=True, comments=comments)
    assert _ours(passes, fast=False) == _bare(html, fast=False, comments=comments)
    assert tostring(tree) == before  # the pruned tree is read again after the passes


def test_another_trafilatura_gets_plain_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractor_passes, "MIRRORED_VERSION", "0.0")
    html = HTML_PAGES[0].read_text(errors="replace")
    passes = ExtractorPasses(parse_html(html), url=None, comments=False, favor_recall=False)
    assert _ours(passes, fast=False) == _bare(html, fast=False, comments=False)
