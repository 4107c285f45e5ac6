"""A site rule's own tests, run offline: the page it names must come out as it says.

Each `[[test]]` of a site rule file (`boilerstrip.matching.sites`) gives a
page, inline or as a file, and what its record must and must not hold. They
run through a Cleaner with the rule's own directory as the site config, so a
test sees exactly what a user of that directory gets.
"""

from __future__ import annotations

from boilerstrip.cleaner import cleaner_for
from boilerstrip.matching.sites import SiteRule, SiteTest
from boilerstrip.options import Options
from boilerstrip.quality.fixtures import normalise_space
from boilerstrip.reading.decode import read_bytes


def check_site_test(rule: SiteRule, test: SiteTest) -> list[str]:
    """Run one of a rule's own tests offline; the failures, empty when it passes.

    A test with only a URL (FiveFilters' `test_url`) needs the live page and
    is reported as not runnable rather than passed.
    """
    if test.html is not None:
        data: bytes | str = test.html
    elif test.page is not None:
        data = read_bytes(test.page)
    else:
        return [f"{rule.source}: test for {test.url} needs the live page; not run offline"]
    url = test.url or f"https://{rule.host}/"
    record = cleaner_for(Options(mode="html", site_config=str(rule.source.parent))).clean(data, url=url)
    body = normalise_space(record.body)
    failures = [f"missing {s!r}" for s in test.contains if normalise_space(s) not in body]
    failures += [f"unwanted {s!r}" for s in test.not_contains if normalise_space(s) in body]
    if test.title is not None and normalise_space(record.title) != normalise_space(test.title):
        failures.append(f"title {record.title!r} != {test.title!r}")
    if record.error:
        failures.append(f"record error: {record.error}")
    return failures
