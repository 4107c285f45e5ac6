"""The pytest plugin, in scratch projects run by a separate pytest process.

The plugin reaches the scratch project the way an installed boilerstrip brings
it: through the `pytest11` entry point declared in pyproject.toml (a minimal
dist-info written beside the scratch project carries exactly that entry point).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import boilerstrip

# Integration tests: processes, whole folders, a wheel build (`pytest -m "not slow"` skips them).
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
ARTICLE = [
    "The library board agreed on Thursday to extend opening hours at the central branch "
    "to eight in the evening on weekdays, starting in the autumn term.",
    "Staff said the change answered a survey in which most students asked for somewhere "
    "quiet to study after their lectures had finished for the day.",
]
MISSING = "A paragraph that the page does not hold, so that the case must fail its F1 check."


def page() -> str:
    body = "".join(f"<p>{p}</p>" for p in ARTICLE)
    return (
        "<!doctype html><html><head><title>Library extends hours</title></head><body>"
        f"<article><h1>Library extends hours</h1>{body}</article></body></html>"
    )


def entry_point_site(tmp_path: Path) -> Path:
    """A dist-info that declares what pyproject.toml declares for pytest11."""
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    plugins = declared["project"]["entry-points"]["pytest11"]
    site = tmp_path / "site"
    info = site / "boilerstrip_probe-0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: boilerstrip-probe\nVersion: 0\n")
    lines = "".join(f"{name} = {target}\n" for name, target in plugins.items())
    (info / "entry_points.txt").write_text(f"[pytest11]\n{lines}")
    return site


def scratch_project(root: Path, ini: str) -> Path:
    (root / "tests").mkdir(parents=True)
    (root / "pyproject.toml").write_text(f"[tool.pytest.ini_options]\ntestpaths = ['tests']\n{ini}")
    (root / "tests" / "test_own.py").write_text("def test_own_code():\n    assert 1 + 1 == 2\n")
    for name, body in (("good", ARTICLE), ("bad", [*ARTICLE, MISSING])):
        case = root / "cases" / name
        case.mkdir(parents=True)
        (case / "input.html").write_text(page(), encoding="utf-8")
        label = {"title": "Library extends hours", "body": "\n\n".join(body), "metadata": {}}
        (case / "expected.json").write_text(json.dumps(label), encoding="utf-8")
    return root


def run_pytest(project: Path, site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    package_root = Path(boilerstrip.__file__).resolve().parents[1]
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_DISABLE_PLUGIN_AUTOLOAD"}
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(package_root)])
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-v", "-p", "no:cacheprovider", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return entry_point_site(tmp_path_factory.mktemp("plugin"))


def test_configured_project_gets_one_test_per_fixture(tmp_path: Path, site: Path) -> None:
    project = scratch_project(tmp_path / "project", "boilerstrip_fixtures = ['cases']\n")
    result = run_pytest(project, site)
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert "boilerstrip[good] PASSED" in out
    assert "boilerstrip[bad] FAILED" in out
    assert "test_own_code PASSED" in out
    assert "fixture bad fails:" in out and "body F1" in out
    assert "+++ actual body" in out and f"-{MISSING}" in out
    assert "1 failed, 2 passed" in out

    selected = run_pytest(project, site, "-k", "good")
    assert selected.returncode == 0, selected.stdout
    assert "boilerstrip[good] PASSED" in selected.stdout and "bad" not in selected.stdout


def test_command_line_option_and_explicit_folder_collect_each_case_once(tmp_path: Path, site: Path) -> None:
    project = scratch_project(tmp_path / "project", "")
    result = run_pytest(project, site, "--boilerstrip-fixtures", "cases", "cases", "tests")
    assert result.stdout.count("boilerstrip[good] PASSED") == 1, result.stdout
    assert result.stdout.count("boilerstrip[bad] FAILED") == 1
    assert "1 failed, 2 passed" in result.stdout


def test_unconfigured_project_is_left_alone(tmp_path: Path, site: Path) -> None:
    project = scratch_project(tmp_path / "project", "")
    assert "--boilerstrip-fixtures" in run_pytest(project, site, "--help").stdout  # it is loaded
    result = run_pytest(project, site, "cases", "tests")  # even walking the cases folder
    assert result.returncode == 0, result.stdout + result.stderr
    assert "boilerstrip[" not in result.stdout
    assert "1 passed" in result.stdout
