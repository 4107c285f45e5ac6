"""`boilerstrip explain`: the text report, the HTML report's content, and the HTML report
opened in a real headless browser (Debian's chromium; skipped when it is not installed)."""

from __future__ import annotations

import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from lxml import html as lxml_html

from boilerstrip.api import trace
from boilerstrip.cli import main
from boilerstrip.quality.explain import Trail, render_html
from sample_article import ARTICLE, TITLE

CHROMIUM = Path("/usr/bin/chromium")
URL = "https://www.coast-gazette.test/news/pier"


def page() -> str:
    return (
        f"<!doctype html><html><head><title>{TITLE} | Coast Gazette</title>"
        '<meta property="og:site_name" content="The Coast Gazette"></head><body>'
        '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'
        f"<article><h1>{TITLE}</h1><p>{ARTICLE[0]}</p><p>Advertisement</p><p>{ARTICLE[1]}</p>"
        f'<div class="zq-box"><p>Lighthouse Fund supports our coastal reporting.</p></div>'
        f"<p>{ARTICLE[2]}</p></article></body></html>"
    )


@pytest.fixture
def saved_page(tmp_path: Path) -> Path:
    path = tmp_path / "pier.html"
    path.write_text(page(), encoding="utf-8")
    return path


@pytest.fixture
def site_config(tmp_path: Path) -> Path:
    directory = tmp_path / "site-config"
    directory.mkdir()
    (directory / "coast-gazette.test.txt").write_text("strip_id_or_class: zq-box\n", encoding="utf-8")
    return directory


def test_text_report_lists_every_block_with_stage_and_rule(
    saved_page: Path, site_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["explain", str(saved_page), "--url", URL, "--site-config", str(site_config)]
    assert main(args) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert f"title: {TITLE}" in lines
    assert "  site_name: The Coast Gazette" in lines
    # Removals without a block: the nav (DOM stage) and the site rule's strip.
    loose = out.split("Removed outside the blocks")[1].split("Blocks:")[0]
    assert any(line.split()[:3] == ["DROP", "dom", "dom-navigation"] for line in loose.splitlines())
    assert "site:coast-gazette.test:strip" in loose and "Lighthouse Fund" in loose
    blocks = out.split("Blocks:")[1].split("Removals by rule:")[0].strip().splitlines()
    verdicts = [(line.split()[0], line) for line in blocks]
    assert [v for v, _ in verdicts].count("keep") == 3
    ad = next(line for verdict, line in verdicts if verdict == "DROP" and "Advertisement" in line)
    assert ad.split()[1:3] == ["ads", "ads-marker"]
    # The kept blocks are the article's paragraphs, in page order.
    kept = [line for verdict, line in verdicts if verdict == "keep"]
    assert all(paragraph[:60] in line for paragraph, line in zip(ARTICLE, kept, strict=True))
    assert "ads/ads-marker" in out.split("Removals by rule:")[1]


def test_explain_says_why_a_page_cannot_be_cleaned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert main(["explain", str(empty)]) == 1  # the page gives an error record
    assert capsys.readouterr().err == f"boilerstrip explain: {empty}: empty input\n"
    assert main(["explain", str(tmp_path / "missing.html")]) == 2  # no page at all: a usage error
    assert capsys.readouterr().err == f"boilerstrip explain: {tmp_path / 'missing.html'}: no such file\n"


def test_html_report_is_self_contained_and_marks_every_removal(site_config: Path) -> None:
    doc = trace(page(), url=URL, site_config=site_config)
    report = render_html(doc)
    tree = lxml_html.document_fromstring(report)
    # Self-contained: no scripts, no stylesheets or images fetched, no links out.
    assert not tree.xpath("//script | //link | //img | //iframe | //*[@src] | //*[@href]")
    assert "url(" not in report and "@import" not in report
    removed = tree.xpath("//p[contains(@class, 'removed')]")
    trail = Trail.of(doc)
    assert len(removed) == len(trail.loose) + sum(1 for b in doc.blocks if not b.kept)
    hovers = {p.get("title") for p in removed}
    assert "ads · ads-marker" in hovers and "dom · dom-navigation" in hovers
    assert "site_rules · site:coast-gazette.test:strip" in hovers
    assert all(p.find("del") is not None for p in removed)
    kept = [p.text_content() for p in tree.xpath("//p[contains(@class, 'kept')]")]
    assert kept == ARTICLE
    legend = tree.xpath("string(//div[@class='legend'])")
    assert all(stage in legend for stage in ("dom", "ads", "site_rules"))
    assert TITLE in tree.xpath("string(//table[@class='record'])")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ]
    return subprocess.run(
        [str(CHROMIUM), *flags, *args], capture_output=True, text=True, timeout=180, check=True
    )


def png_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the raw (filtered) scanlines of a PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            chunks.append(data[offset + 8 : offset + 8 + length])
        offset += 12 + length
    return width, height, zlib.decompress(b"".join(chunks))


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_html_report_opens_in_a_headless_browser(
    tmp_path: Path, saved_page: Path, site_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.html"
    args = ["explain", str(saved_page), "--url", URL, "--site-config", str(site_config)]
    assert main([*args, "--html", str(report)]) == 0
    capsys.readouterr()

    dom = chromium(tmp_path, "--dump-dom", report.as_uri()).stdout
    rendered = lxml_html.document_fromstring(dom)
    struck = [d.text_content() for d in rendered.xpath("//p[contains(@class, 'removed')]/del")]
    assert "Advertisement" in struck and any("Lighthouse Fund" in text for text in struck)
    assert 'title="ads · ads-marker"' in dom and "site:coast-gazette.test:strip" in dom

    shot = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,900", report.as_uri())
    width, height, pixels = png_pixels(shot)
    assert (width, height) == (1200, 900)
    # A page with text and coloured blocks, not a blank or error page: many distinct values.
    assert len(set(pixels)) > 50
    assert shot.stat().st_size > 20_000
