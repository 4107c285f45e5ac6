"""Site rules: XPath title, body and strip expressions for one site, found by the page's host.

Two formats, one model (`SiteRule`):

- our TOML, `rules/sites/<host>.toml` (bundled) or any `<host>.toml` in a
  directory given with `--site-config`; each file carries its own test cases:

      description = "Example News article pages"
      title = ["//h1[@class='headline']"]           # ordered candidates: first hit wins
      body = ["//div[@class='story-body']"]         # ordered candidates: first hit wins
      strip = ["//div[contains(@class, 'promo')]"]  # every match is removed
      [[test]]
      url = "https://example-news.test/a/1"         # optional, default https://<host>/
      html = '''<html>...</html>'''                 # or: page = "relative/path/input.html"
      title = "The expected headline"               # optional
      contains = ["a sentence of the article"]
      not_contains = ["Read more from Example News"]

- the FiveFilters site-config format (the files Full-Text RSS and wallabag
  use), `<host>.txt` or `.<domain>.txt` (a wildcard for every subdomain), read
  from a `--site-config` directory: `directive: value` lines, `#` comments.
  `title:` and `body:` lines are ordered candidates, `strip:` lines XPaths to
  remove, `strip_id_or_class:` a class/id substring to remove. `test_url:` and
  `test_contains:` are kept as data (they point at live pages, which an
  offline run cannot fetch); other directives are read and ignored.

A file applies to its host, the host's `www.` form and every subdomain. A
user's directory is searched before the bundled rules; within one, the most
specific host wins. A malformed file is refused with its path, line and reason.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from boilerstrip.matching.rules import bundled_rules_dir
from boilerstrip.matching.xpath_cost import costly_reason
from boilerstrip.reading.urls import page_host

SITES_SUBDIR = "sites"
# FiveFilters directives that this cleaner reads but does not act on: the
# collection uses them for fetching, paging and rewriting, which happen
# before a page reaches us. Any other unknown directive is refused, so that a
# typo in `tilte:` does not pass silently.
IGNORED_FIVEFILTERS = frozenset(
    {
        "author",
        "date",
        "prune",
        "tidy",
        "autodetect_on_failure",
        "single_page_link",
        "single_page_link_in_feed",
        "next_page_link",
        "find_string",
        "replace_string",
        "http_header",
        "parser",
        "convert_double_br_tags",
        "dissolve",
        "strip_image_src",
        "strip_attr",
        "native_ad_clue",
        "src_lazy_load_attr",
        "if_page_contains",
        "skip_id_or_class",
        "skip_json_ld",
        "insert_detected_image",
        "move_into",
        "wrap_in",
        "requires_login",
        "not_logged_in_xpath",
        "login_uri",
        "login_username_field",
        "login_password_field",
        "login_extra_fields",
        "body_extra",
        "footnotes",
    }
)
_LINE = re.compile(r"(?P<name>[a-z_]+)(?:\((?P<arg>[^)]*)\))?\s*:\s*(?P<value>.*)")
_HOST_LABEL = re.compile(r"[a-z0-9-]+")
_TOML_KEYS = frozenset({"description", "title", "body", "strip", "test"})
_TEST_KEYS = frozenset({"description", "url", "html", "page", "title", "contains", "not_contains"})


class SiteRuleError(ValueError):
    """A site rule file that cannot be used; the message names the file and the reason."""

    def __init__(self, path: Path, reason: str, line: int | None = None) -> None:
        where = f"{path}" + (f", line {line}" if line is not None else "")
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class XPathExpr:
    """One expression as written in the file, and compiled."""

    source: str
    compiled: etree.XPath

    def select(self, tree: Any) -> list[Any]:
        result = self.compiled(tree)
        return result if isinstance(result, list) else [result]


@dataclass(frozen=True)
class SiteTest:
    """A site rule's own test: a page (inline or a file) and what its record must hold."""

    url: str | None = None
    html: str | None = None
    page: Path | None = None
    title: str | None = None
    contains: tuple[str, ...] = ()
    not_contains: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class SiteRule:
    """Everything one file says about one site."""

    host: str
    source: Path
    title: tuple[XPathExpr, ...] = ()
    body: tuple[XPathExpr, ...] = ()
    strip: tuple[XPathExpr, ...] = ()
    tests: tuple[SiteTest, ...] = ()
    ignored: tuple[str, ...] = ()  # FiveFilters directives read but not applied

    def rule_id(self, action: str) -> str:
        return f"site:{self.host}:{action}"


def find_site_rule(url: str | None, site_config: str | Path | None = None) -> SiteRule | None:
    """The site rule for this URL: the user's directory first, then the bundled rules."""
    host = page_host(url)
    if host is None:
        return None
    if site_config is not None:
        check_site_config(site_config)
        for path in _candidate_files(Path(site_config), host):
            if _is_file(path):
                return load_site_file(path)
    bundled = bundled_rules_dir() / SITES_SUBDIR
    shipped = _shipped_site_files()
    for path in _candidate_files(bundled, host):
        if path.name in shipped:
            return load_site_file(path)
    return None


def check_site_config(site_config: str | Path | None) -> None:
    """Refuse, with a message, a site rules directory that is not one."""
    if site_config is not None and not Path(site_config).is_dir():
        raise SiteRuleError(Path(site_config), "site config must be a directory")


def validate_site_config(site_config: str | Path | None) -> None:
    """Load every site file of the directory once, so that a malformed file
    or a refused XPath stops the run before any page, not at the first page
    of its host."""
    check_site_config(site_config)
    if site_config is None:
        return
    for path in sorted(Path(site_config).iterdir()):
        if path.suffix in (".toml", ".txt") and _is_file(path):
            load_site_file(path)


@lru_cache(maxsize=1)  # the package's own files do not change while it runs
def _shipped_site_files() -> frozenset[str]:
    bundled = bundled_rules_dir() / SITES_SUBDIR
    return (
        frozenset(path.name for path in bundled.iterdir() if path.is_file())
        if bundled.is_dir()
        else frozenset()
    )


def _is_file(path: Path) -> bool:
    """Whether a site file exists; a host too long for a file name has none
    (`is_file` raises for ENAMETOOLONG instead of answering no)."""
    try:
        return path.is_file()
    except OSError:
        return False


def _candidate_files(directory: Path, host: str) -> Iterator[Path]:
    """Most specific first: the host itself, then each parent domain."""
    labels = host.split(".")
    for start in range(max(len(labels) - 1, 1)):
        domain = ".".join(labels[start:])
        yield directory / f"{domain}.toml"
        if start == 0:
            yield directory / f"{domain}.txt"
        yield directory / f".{domain}.txt"


def bundled_site_rules() -> list[SiteRule]:
    """Every bundled TOML site rule, loaded and validated, in file-name order."""
    return [load_site_file(path) for path in sorted((bundled_rules_dir() / SITES_SUBDIR).glob("*.toml"))]


@lru_cache(maxsize=64)
def _load_cached(path: str) -> SiteRule:
    file = Path(path)
    if file.suffix == ".toml":
        return _parse_toml(file)
    return _parse_fivefilters(file)


def load_site_file(path: Path) -> SiteRule:
    """Read and validate one file (`.toml` ours, `.txt` FiveFilters); cached per path."""
    return _load_cached(str(path))


def _host_from_name(path: Path, suffix: str) -> str:
    host = path.name.removesuffix(suffix).lstrip(".").lower()
    if not host or not all(_HOST_LABEL.fullmatch(label) for label in host.split(".")):
        raise SiteRuleError(path, f"the file name must be <host>{suffix}, like example.com{suffix}")
    return host


def _compile(path: Path, source: str, line: int | None = None) -> XPathExpr:
    if not source.strip():
        raise SiteRuleError(path, "empty XPath expression", line)
    costly = costly_reason(source)
    if costly:
        raise SiteRuleError(path, f"XPath refused: {source!r}: {costly}", line)
    try:
        return XPathExpr(source, etree.XPath(source))
    except etree.XPathSyntaxError as exc:
        raise SiteRuleError(path, f"XPath does not compile: {source!r} ({exc})", line) from exc


def _parse_fivefilters(path: Path) -> SiteRule:
    host = _host_from_name(path, ".txt")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteRuleError(path, f"cannot read: {exc}") from exc
    found: dict[str, list[XPathExpr]] = {"title": [], "body": [], "strip": []}
    tests: list[SiteTest] = []
    ignored: list[str] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            raise SiteRuleError(path, f"expected 'directive: value', got {line!r}", number)
        name, value = match["name"], match["value"].strip()
        if name in found:
            found[name].append(_compile(path, value, number))
        elif name == "strip_id_or_class":
            found["strip"].append(_compile(path, _id_or_class_xpath(path, value, number), number))
        elif name == "test_url":
            tests.append(SiteTest(url=value))
        elif name == "test_contains":
            if not tests:
                raise SiteRuleError(path, "test_contains must follow a test_url", number)
            last = tests[-1]
            tests[-1] = SiteTest(url=last.url, contains=(*last.contains, value))
        elif name in IGNORED_FIVEFILTERS:
            ignored.append(name)
        else:
            raise SiteRuleError(path, f"unknown directive {name!r}", number)
    return SiteRule(
        host=host,
        source=path,
        title=tuple(found["title"]),
        body=tuple(found["body"]),
        strip=tuple(found["strip"]),
        tests=tuple(tests),
        ignored=tuple(dict.fromkeys(ignored)),
    )


def _id_or_class_xpath(path: Path, value: str, line: int) -> str:
    # Substring match on class or id, as Full-Text RSS does.
    name = value.strip("'\"")
    if not name or ("'" in name and '"' in name):
        raise SiteRuleError(path, f"strip_id_or_class needs a plain name, got {value!r}", line)
    quoted = f'"{name}"' if "'" in name else f"'{name}'"
    return f"//*[contains(@class, {quoted}) or contains(@id, {quoted})]"


def _parse_toml(path: Path) -> SiteRule:
    host = _host_from_name(path, ".toml")
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SiteRuleError(path, f"not valid TOML: {exc}") from exc
    stray = set(data) - _TOML_KEYS
    if stray:
        raise SiteRuleError(path, f"unknown key(s) {sorted(stray)}; allowed: {sorted(_TOML_KEYS)}")
    description = data.get("description")
    if not isinstance(description, str) or not description.strip():
        raise SiteRuleError(path, "a description is required")
    exprs = {
        key: tuple(_compile(path, s) for s in _strings(path, data, key)) for key in ("title", "body", "strip")
    }
    if not any(exprs.values()):
        raise SiteRuleError(path, "needs at least one of title, body, strip")
    entries = data.get("test", [])
    if not isinstance(entries, list) or not entries:
        raise SiteRuleError(path, "needs at least one [[test]] case")
    return SiteRule(
        host=host,
        source=path,
        title=exprs["title"],
        body=exprs["body"],
        strip=exprs["strip"],
        tests=tuple(_parse_test(path, number, entry) for number, entry in enumerate(entries, start=1)),
    )


def _strings(path: Path, table: dict[str, Any], key: str, where: str = "") -> list[str]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise SiteRuleError(path, f"{where}'{key}' must be a string or a list of strings")
    return value


def _parse_test(path: Path, number: int, entry: Any) -> SiteTest:
    where = f"test {number}: "
    if not isinstance(entry, dict):
        raise SiteRuleError(path, f"{where}each [[test]] must be a table")
    stray = set(entry) - _TEST_KEYS
    if stray:
        raise SiteRuleError(path, f"{where}unknown key(s) {sorted(stray)}; allowed: {sorted(_TEST_KEYS)}")
    for key in ("url", "html", "page", "title", "description"):
        if key in entry and not isinstance(entry[key], str):
            raise SiteRuleError(path, f"{where}'{key}' must be a string")
    if ("html" in entry) == ("page" in entry):
        raise SiteRuleError(path, f"{where}give exactly one of 'html' (inline) or 'page' (a file path)")
    page = (path.parent / entry["page"]).resolve() if "page" in entry else None
    if page is not None and not page.is_file():
        raise SiteRuleError(path, f"{where}page {entry['page']!r} not found")
    contains = tuple(_strings(path, entry, "contains", where))
    not_contains = tuple(_strings(path, entry, "not_contains", where))
    if not contains and not not_contains and "title" not in entry:
        raise SiteRuleError(path, f"{where}needs 'contains', 'not_contains' or 'title'")
    return SiteTest(
        url=entry.get("url"),
        html=entry.get("html"),
        page=page,
        title=entry.get("title"),
        contains=contains,
        not_contains=not_contains,
        description=entry.get("description", ""),
    )
