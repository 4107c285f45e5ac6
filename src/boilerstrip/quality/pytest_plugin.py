"""A pytest plugin: one test per fixture folder, with no test code to write.

Installed with boilerstrip (entry point `pytest11: boilerstrip`). It does
nothing until a project names its fixtures, in its pytest configuration:

    [tool.pytest.ini_options]
    boilerstrip_fixtures = ["fixtures"]        # folders holding <case>/expected.json
    boilerstrip_site_config = "site-config"    # optional: site rules directory

or on the command line, `pytest --boilerstrip-fixtures fixtures`. Every case
folder then becomes a test `boilerstrip[<case>]`, collected whether the
folders lie under the test paths or not. A case passes as `boilerstrip eval`
judges it: body F1 >= FIXTURE_BODY_F1_PASS, every labelled check true; a
failure prints what failed and the unified diff of expected against actual
body. (For pinned per-fixture floors, run the `boilerstrip eval --baseline` gate.)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from boilerstrip.quality.fixtures import LABEL_FILE, Fixture, find_fixtures, load_fixture

INI_FIXTURES = "boilerstrip_fixtures"
INI_SITE_CONFIG = "boilerstrip_site_config"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(INI_FIXTURES, "folders of boilerstrip fixtures, one test per case", type="paths")
    parser.addini(INI_SITE_CONFIG, "site rules directory for the boilerstrip fixtures", type="paths")
    parser.getgroup("boilerstrip").addoption(
        "--boilerstrip-fixtures",
        action="append",
        default=[],
        type=Path,
        metavar="DIR",
        help="a folder of boilerstrip fixtures (repeatable; adds to the ini option)",
    )


def _roots(config: pytest.Config) -> list[Path]:
    given = [Path(p) for p in config.getini(INI_FIXTURES)]
    given += [Path(config.invocation_params.dir, p) for p in config.getoption("boilerstrip_fixtures")]
    return [path.resolve() for path in given]


def _site_config(config: pytest.Config) -> Path | None:
    paths = config.getini(INI_SITE_CONFIG)
    return Path(paths[0]) if paths else None


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """A label file met while walking a configured folder becomes a case."""
    roots = _roots(parent.config)
    if file_path.name == LABEL_FILE and any(file_path.is_relative_to(root) for root in roots):
        return FixtureFile.from_parent(parent, path=file_path)
    return None


@pytest.hookimpl(tryfirst=True)  # before -k / -m deselection sees the items
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[Any]) -> None:
    """Cases under folders the run did not walk (outside testpaths) are added here."""
    roots = _roots(config)
    if not roots:
        return
    seen = {item.path for item in items if isinstance(item, FixtureItem)}
    for root in roots:
        if not root.is_dir():
            raise pytest.UsageError(f"{INI_FIXTURES}: {root} is not a directory")
        for folder in find_fixtures(root):
            label = folder / LABEL_FILE
            if label not in seen:
                items.extend(FixtureFile.from_parent(session, path=label).collect())


class FixtureFile(pytest.File):
    def collect(self) -> Iterator[FixtureItem]:
        root = next((r for r in _roots(self.config) if self.path.is_relative_to(r)), self.path.parent)
        name = self.path.parent.relative_to(root).as_posix() if self.path.parent != root else root.name
        yield FixtureItem.from_parent(self, name=f"boilerstrip[{name}]", case=name)


class FixtureItem(pytest.Item):
    def __init__(self, *, case: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        from boilerstrip.cleaner import cleaner_for
        from boilerstrip.options import Options
        from boilerstrip.quality import metric
        from boilerstrip.quality.fixtures import check_label
        from boilerstrip.quality.results import FIXTURE_BODY_F1_PASS
        from boilerstrip.reading.decode import read_bytes

        fixture = load_fixture(self.path.parent)
        cleaner = cleaner_for(Options.of(mode=fixture.mode, site_config=_site_config(self.config)))
        record = cleaner.clean(read_bytes(fixture.input_path), url=fixture.url)
        failures = list(check_label(fixture, record.title, record.body, record.metadata).failures)
        if record.error:
            failures.append(f"record error: {record.error}")
        if fixture.body is not None:
            f1 = metric.score(record.body, fixture.body).f1
            if f1 < FIXTURE_BODY_F1_PASS:
                failures.append(f"body F1 {f1:.3f} < {FIXTURE_BODY_F1_PASS}")
                failures += _diff(fixture, record.body)
        if failures:
            raise FixtureFailed(failures)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, FixtureFailed):
            return f"fixture {self.case} fails:\n" + "\n".join(f"  {f}" for f in excinfo.value.failures)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"boilerstrip fixture {self.case}"


class FixtureFailed(Exception):
    def __init__(self, failures: list[str]) -> None:
        super().__init__("; ".join(failures))
        self.failures = failures


def _diff(fixture: Fixture, actual: str) -> list[str]:
    expected = [line for line in (fixture.body or "").splitlines() if line.strip()]
    got = [line for line in actual.splitlines() if line.strip()]
    return list(difflib.unified_diff(expected, got, "expected body", "actual body", lineterm="", n=1))
