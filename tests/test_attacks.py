"""The red-team attacks of issue #21, each reproduced on a small input: every
one must end in a record or an error record naming its cause, in time, and
never stop a batch or lose a page in silence."""

from __future__ import annotations

import gzip
import os
import time
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip.reading.html import MAX_ATTRIBUTES_PER_TAG

PROSE = "The harbour seals came back to the estuary this spring, volunteers said on Sunday. " * 3
PAGE = f"<html><head><title>Seals</title></head><body><article><p>{PROSE}</p></article></body></html>"
GRACE_SECONDS = 2.0


def _flood(attributes: int, value: str = "x") -> str:
    names = " ".join(f"a{i}={value}" for i in range(attributes))
    return f"<html><body><div {names}>{PROSE}</div></body></html>"


def test_an_attribute_flood_is_refused_before_libxml2_parses_it() -> None:
    # 120,000 distinct attributes on one tag took 37.9 s under timeout=5.
    started = time.monotonic()
    record = boilerstrip.clean(_flood(120_000), timeout=5)
    assert record.error == f"too many attributes in one tag: more than {MAX_ATTRIBUTES_PER_TAG} at line 1"
    assert time.monotonic() - started < 5 + GRACE_SECONDS


def test_a_quoted_angle_bracket_does_not_hide_a_flood() -> None:
    assert boilerstrip.clean(_flood(MAX_ATTRIBUTES_PER_TAG + 1, '">"')).error is not None


def test_a_tag_at_the_attribute_cap_and_tags_inside_scripts_pass() -> None:
    assert boilerstrip.clean(_flood(MAX_ATTRIBUTES_PER_TAG)).error is None
    script = "var s = '<div " + " ".join(f"a{i}=x" for i in range(5000)) + "';"
    record = boilerstrip.clean(f"<html><body><script>{script}</script><p>{PROSE}</p></body></html>")
    assert record.error is None
    assert "harbour seals" in record.body


def test_a_stray_quote_in_a_real_tag_opens_nothing() -> None:
    # `class="x" ">` is a common template slip: libxml2 ends the tag at the
    # `>`, so a long menu after it is many small tags, not one huge one.
    menu = "".join(f'<li><a href="/s{i}" class="m">Section {i}</a></li>' for i in range(800))
    page = f'<html><body><a href="#" class="nav" ">More</a><ul>{menu}</ul><p>{PROSE}</p></body></html>'
    record = boilerstrip.clean(page)
    assert record.error is None
    assert "harbour seals" in record.body
    stray_flood = '<div " ' + " ".join(f"a{i}" for i in range(MAX_ATTRIBUTES_PER_TAG + 1)) + ">x</div>"
    assert boilerstrip.clean(f"<html><body>{stray_flood}<p>{PROSE}</p></body></html>").error is not None


@pytest.mark.parametrize("site_config", [False, True])
def test_a_url_with_a_broken_ipv6_host_is_metadata_not_a_crash(tmp_path: Path, site_config: bool) -> None:
    record = boilerstrip.clean(PAGE, url="http://[::1/", site_config=tmp_path if site_config else None)
    assert record.error is None
    assert "harbour seals" in record.body
    assert record.url is None


def test_a_host_too_long_for_a_file_name_has_no_site_rule(tmp_path: Path) -> None:
    url = "http://" + ".".join(["a" * 60] * 5) + ".com/story"
    record = boilerstrip.clean(PAGE, url=url, site_config=tmp_path)
    assert record.error is None
    assert "harbour seals" in record.body


def test_a_charset_whose_codec_always_fails_falls_back() -> None:
    page = (
        b"<html><head><meta charset=undefined></head><body><p>" + PROSE.encode() + b"caf\xc3\xa9</p></body>"
    )
    record = boilerstrip.clean(page)
    assert record.error is None
    assert "café" in record.body


def test_a_truncated_gzip_file_is_an_error_not_a_cut_body(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode() * 20)[:-60])
    record = boilerstrip.clean_file(path)
    assert record.error is not None
    assert record.error.startswith("cannot read input: truncated gzip data")


def test_every_member_of_a_two_member_gzip_is_read(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    half = len(PAGE) // 2
    path.write_bytes(gzip.compress(PAGE[:half].encode()) + gzip.compress(PAGE[half:].encode()))
    record = boilerstrip.clean_file(path)
    assert record.error is None
    assert PROSE.strip() in record.body


# User rules that still backtracked -----------------------------------------------------------------


def _user_rule(folder: Path, pattern: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "mine.toml").write_text(
        "[[rule]]\n"
        'id = "mine"\n'
        'description = "a user\'s rule"\n'
        'action = "drop"\n'
        f"pattern = '''{pattern}'''\n"
        "[rule.examples]\n"
        'match = ["!"]\n'
        'no_match = ["hello"]\n',
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("(?:[\u0500-\u0510]|[\u0500-\u0510]{2})*!", "unbounded repeat over alternatives"),
        ("(q)?(?:(?(1)z+|k+))*!", "nested unbounded repeat"),
        ("(?:q{1,100}){1,100}!", "repeat of varying count"),
        ("(?:a{1,100}){1,100}!", "repeat of varying count"),
        (r"(\w)(?:\1|\w\w)*!", "unbounded repeat over alternatives"),
    ],
    ids=["class-outside-the-sample", "conditional", "bounded-nesting", "load-never-returned", "backref"],
)
def test_a_user_pattern_that_backtracks_is_refused_at_once(tmp_path: Path, pattern: str, reason: str) -> None:
    started = time.monotonic()
    with pytest.raises(ValueError, match="unsafe pattern: " + reason):
        boilerstrip.load_rules([_user_rule(tmp_path / "rules", pattern)])
    assert time.monotonic() - started < 5


def test_bounded_repeats_a_user_makes_possessive_or_distinct_pass(tmp_path: Path) -> None:
    for pattern in ("(?:q{1,100}){1,100}+!", r"(?:[\w'-]{1,20} ){0,4}!", "(?:(?:(?:a{24}){24}){24})+!"):
        boilerstrip.load_rules([_user_rule(tmp_path / "rules", pattern)])


def test_the_timing_check_is_itself_bounded() -> None:
    # A pattern the structural checks would refuse, timed directly: the alarm
    # stops the match (`re` checks signals as it backtracks) near the budget.
    import re

    from boilerstrip.matching.regex_safety import timed_reason

    started = time.monotonic()
    reason = timed_reason(re.compile(r"(?:a|aa)+(?:b|bb)+(?:a+)+!").search, budget=0.3)
    assert reason is not None and reason.startswith("too slow on adversarial text")
    assert time.monotonic() - started < 0.3 + GRACE_SECONDS


# Site-config XPaths that cost the square of the page ------------------------------------------------


@pytest.mark.parametrize(
    "xpath",
    [
        "//*[count(//*)>0]",
        "//*[count(.//*[count(//p) > 1]) > 0]",
        "//h1/following-sibling::p",
        "//p/preceding::*",
    ],
)
def test_a_quadratic_site_xpath_is_refused_when_the_config_loads(tmp_path: Path, xpath: str) -> None:
    (tmp_path / "slow.example.txt").write_text(f"body: {xpath}\n", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(ValueError, match=r"slow\.example\.txt, line 1: XPath refused"):
        boilerstrip.clean(PAGE, url="https://slow.example/a", site_config=tmp_path)
    assert time.monotonic() - started < GRACE_SECONDS


def test_a_site_xpath_that_does_not_compile_stops_the_run_before_any_page(tmp_path: Path) -> None:
    from boilerstrip.cleaner import Cleaner
    from boilerstrip.options import Options

    (tmp_path / "other.example.txt").write_text("body: //div[\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"other\.example\.txt, line 1: XPath does not compile"):
        Cleaner(Options(site_config=tmp_path))


def test_the_xpaths_site_rules_need_still_load(tmp_path: Path) -> None:
    rules = ["body: //div[.//p][contains(@class, 'story')]", "strip: //div[count(p) > 2]", "title: (//h1)[1]"]
    (tmp_path / "fine.example.txt").write_text("\n".join(rules) + "\n", encoding="utf-8")
    page = f"<html><body><h1>Seals</h1><div class='story'><p>{PROSE}</p></div></body></html>"
    record = boilerstrip.clean(page, url="https://fine.example/a", site_config=tmp_path)
    assert record.error is None
    assert record.title == "Seals"
    assert "harbour seals" in record.body


# Memory and devices ---------------------------------------------------------------------------------


def test_many_short_lines_are_refused_before_they_are_split() -> None:
    import tracemalloc

    page = b"x\n" * 10_485_000  # 20 MB: peaked at 1.39 GB when every line was split first
    tracemalloc.start()
    try:
        record = boilerstrip.clean(page)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert record.error is not None and record.error.startswith("too many text blocks: more than")
    assert peak < 200 * 1024 * 1024


def test_a_device_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    link = tmp_path / "zero.html"
    link.symlink_to("/dev/zero")
    record = boilerstrip.clean_file(link, max_bytes=1_000_000)
    assert record.error == "cannot read input: input too large: more than 1000000 bytes"


def test_a_fifo_without_a_writer_stops_at_the_time_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    started = time.monotonic()
    record = boilerstrip.clean_file(fifo, timeout=0.5)
    assert record.error == "time limit of 0.5 s exceeded in stage decode and parse"
    assert time.monotonic() - started < 0.5 + GRACE_SECONDS


def test_a_rule_file_that_is_no_utf8_is_named_in_its_error(tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_bytes(b"\xff\xfe[[rule]]\n")
    with pytest.raises(ValueError, match=r"broken\.toml: not UTF-8 text"):
        boilerstrip.load_rules([tmp_path])
