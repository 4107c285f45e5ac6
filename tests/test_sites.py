"""Site rules: bundled TOML rules pass their own tests; TOML and FiveFilters files from a
user's directory change the result on a page; host matching; malformed files are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

import boilerstrip
from boilerstrip.api import trace
from boilerstrip.matching.sites import (
    SiteRuleError,
    bundled_site_rules,
    find_site_rule,
    load_site_file,
    page_host,
)
from boilerstrip.quality.site_tests import check_site_test

BUNDLED = bundled_site_rules()
BUNDLED_TESTS = [(rule, test) for rule in BUNDLED for test in rule.tests]

STORY = [
    "The county archive reopened its reading room on Saturday after a two-year refurbishment "
    "that replaced the leaking roof and added climate control for the oldest parish records.",
    "Archivists spent the closure cataloguing some forty thousand documents, including a set of "
    "harbour ledgers that had been missing from the index since the nineteen-sixties.",
    "Visitors will need to book a desk in advance for the first month, the archive said, while "
    "staff finish moving the collections back onto the new shelving.",
]
SPONSOR = (
    "This report was produced with support from the Lighthouse Heritage Fund, which had no "
    "say over what was written or how it was presented to readers."
)


def page(headline: str = "Archive reading room reopens after refurbishment") -> str:
    paragraphs = [f"<p>{STORY[0]}</p>", f'<div class="zq-box"><p>{SPONSOR}</p></div>']
    paragraphs += [f"<p>{text}</p>" for text in STORY[1:]]
    return (
        "<!doctype html><html><head><title>Archive news</title></head><body>"
        '<div class="kicker-strip"><h2 class="real-title">Archive reading room reopens</h2></div>'
        f'<div id="story"><h1>{headline}</h1>{"".join(paragraphs)}</div>'
        "</body></html>"
    )


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_repository_bundles_an_example_site_rule_with_tests() -> None:
    assert BUNDLED and all(rule.tests for rule in BUNDLED)


@pytest.mark.parametrize(
    ("rule", "test"), BUNDLED_TESTS, ids=[f"{r.host}-{i}" for i, (r, _) in enumerate(BUNDLED_TESTS)]
)
def test_bundled_site_rule_passes_its_own_test(rule: object, test: object) -> None:
    assert check_site_test(rule, test) == []  # type: ignore[arg-type]


def test_generic_cleaner_keeps_the_sponsor_note_without_a_site_rule() -> None:
    # The premise of the next tests: only the site rule removes this note.
    record = boilerstrip.clean(page(), url="https://news.example.org/archive")
    assert SPONSOR[:40] in record.body


def test_fivefilters_file_strips_selects_body_and_sets_title(tmp_path: Path) -> None:
    write(
        tmp_path,
        "news.example.org.txt",
        "# written for this test\n"
        "title: //h2[@class='real-title']\n"
        "body: //div[@id='not-on-this-page']\n"
        "body: //div[@id='story']\n"
        "strip_id_or_class: zq-box\n"
        "prune: no\n"
        "test_url: https://news.example.org/archive\n"
        "test_contains: county archive reopened\n",
    )
    url = "https://news.example.org/archive"
    record = boilerstrip.clean(page(), url=url, site_config=tmp_path, explain=True)
    assert record.title == "Archive reading room reopens"
    assert "Lighthouse Heritage Fund" not in record.body
    assert all(text[:40] in record.body for text in STORY)
    assert record.removed is not None
    rule_ids = {r.rule_id for r in record.removed}
    assert "site:news.example.org:strip" in rule_ids  # the sponsor box
    assert "site:news.example.org:body" in rule_ids  # the kicker strip outside the body

    rule = load_site_file(tmp_path / "news.example.org.txt")
    assert [e.source for e in rule.body] == ["//div[@id='not-on-this-page']", "//div[@id='story']"]
    assert rule.ignored == ("prune",)
    assert rule.tests[0].url == url and rule.tests[0].contains == ("county archive reopened",)


def test_fivefilters_wildcard_file_covers_subdomains_and_strip_xpath(tmp_path: Path) -> None:
    write(tmp_path, ".example.org.txt", "strip: //div[@class='zq-box']\n")
    for url in ("https://news.example.org/a", "https://www.example.org/a", "https://example.org/a"):
        record = boilerstrip.clean(page(), url=url, site_config=tmp_path)
        assert "Lighthouse Heritage Fund" not in record.body, url
    other = boilerstrip.clean(page(), url="https://example.com/a", site_config=tmp_path)
    assert "Lighthouse Heritage Fund" in other.body


def test_toml_site_rule_in_user_directory(tmp_path: Path) -> None:
    write(
        tmp_path,
        "example.org.toml",
        'description = "Example.org stories"\n'
        "strip = \"//div[@class='zq-box']\"\n"
        'title = ["//h1"]\n'
        "[[test]]\n"
        "html = '''" + page("A headline the rule reads") + "'''\n"
        'title = "A headline the rule reads"\n'
        'not_contains = ["Lighthouse Heritage Fund"]\n'
        'contains = ["county archive reopened"]\n',
    )
    rule = find_site_rule("https://m.example.org/x", tmp_path)
    assert rule is not None and rule.host == "example.org"
    assert [check_site_test(rule, test) for test in rule.tests] == [[]]
    doc = trace(page(), url="https://m.example.org/x", site_config=tmp_path)
    assert any(r.rule_id == "site:example.org:strip" and "Lighthouse" in r.text for r in doc.removals)


def test_a_site_test_that_fails_says_why(tmp_path: Path) -> None:
    write(
        tmp_path,
        "example.org.toml",
        'description = "A rule whose test expects the wrong thing"\n'
        "strip = \"//div[@class='no-such-box']\"\n"
        "[[test]]\n"
        "html = '''" + page() + "'''\n"
        'not_contains = ["Lighthouse Heritage Fund"]\n',
    )
    rule = load_site_file(tmp_path / "example.org.toml")
    assert check_site_test(rule, rule.tests[0]) == ["unwanted 'Lighthouse Heritage Fund'"]


def test_most_specific_file_and_user_directory_win(tmp_path: Path) -> None:
    write(
        tmp_path, "example.org.toml", 'description = "d"\nstrip = "//aside"\n[[test]]\nhtml="x"\ntitle="t"\n'
    )
    write(tmp_path, "news.example.org.txt", "strip: //footer\n")
    specific = find_site_rule("https://news.example.org/", tmp_path)
    assert specific is not None and specific.source.name == "news.example.org.txt"
    general = find_site_rule("https://sport.example.org/", tmp_path)
    assert general is not None and general.source.name == "example.org.toml"
    assert find_site_rule("https://example-news.test/", None) is not None  # the bundled one
    assert find_site_rule("https://notexample-news.test/", None) is None


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.Example.org/a?b", "example.org"),
        ("http://news.example.org:8080/", "news.example.org"),
        ("example.org/path", "example.org"),
        ("", None),
        (None, None),
    ],
)
def test_page_host(url: str | None, host: str | None) -> None:
    assert page_host(url) == host


def test_site_rules_do_not_touch_text_input(tmp_path: Path) -> None:
    write(tmp_path, "example.org.txt", "strip: //p\n")
    text = "\n\n".join(STORY)
    record = boilerstrip.clean(text, url="https://example.org/a", site_config=tmp_path)
    assert all(line[:40] in record.body for line in STORY)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("a.org.txt", "body: //div[\n", "line 1: XPath does not compile"),
        ("a.org.txt", "# ok\ntilte: //h1\n", "line 2: unknown directive 'tilte'"),
        ("a.org.txt", "just some words\n", "line 1: expected 'directive: value'"),
        ("a.org.txt", "test_contains: x\n", "line 1: test_contains must follow a test_url"),
        ("a.org.txt", "strip:\n", "line 1: empty XPath"),
        ("a.org.toml", 'description = "d"\nbody = "//div"\n', "needs at least one [[test]]"),
        ("a.org.toml", 'description = "d"\nbodies = "//div"\n', "unknown key(s) ['bodies']"),
        ("a.org.toml", 'body = "//div"\n[[test]]\nhtml="x"\ntitle="t"\n', "a description is required"),
        ("a.org.toml", 'description = "d"\nbody = "//div"\n[[test]]\ntitle="t"\n', "exactly one of 'html'"),
        ("a.org.toml", 'description = "d"\nbody = 3\n', "'body' must be a string or a list"),
        ("a.org.toml", 'description = "d"\n[[test]]\nhtml="x"\ntitle="t"\n', "at least one of title"),
        ("a.org.toml", "description = \n", "not valid TOML"),
    ],
)
def test_malformed_site_file_is_refused_naming_file_and_reason(
    tmp_path: Path, name: str, content: str, reason: str
) -> None:
    write(tmp_path, name, content)
    with pytest.raises(SiteRuleError) as excinfo:
        boilerstrip.clean(page(), url="https://a.org/x", site_config=tmp_path)
    assert str(tmp_path / name) in str(excinfo.value)
    assert reason in str(excinfo.value)


def test_site_config_must_be_a_directory(tmp_path: Path) -> None:
    with pytest.raises(SiteRuleError, match="must be a directory"):
        boilerstrip.clean(page(), url="https://a.org/x", site_config=tmp_path / "missing")
