"""A built wheel carries its rules: installed elsewhere, run from elsewhere, it finds them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# Integration tests: processes, whole folders, a wheel build (`pytest -m "not slow"` skips them).
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(not (REPO / "pyproject.toml").exists(), reason="needs the source tree")
def test_wheel_ships_rules_and_cleans_from_another_directory(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    wheels = tmp_path / "wheels"
    build = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-q",
        "-w",
        str(wheels),
        str(REPO),
    ]
    subprocess.run(build, check=True, capture_output=True)
    wheel = next(wheels.glob("boilerstrip-*.whl"))
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = (
        "import boilerstrip, boilerstrip.matching.rules as r;"
        "print(r.bundled_rules_dir());"
        "rec = boilerstrip.clean('Intro line here\\n\\n- Advertisement -\\n\\n"
        "The council approved the new budget on Tuesday after a long debate.\\n');"
        "print(repr(rec.body))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    rules_dir, body = result.stdout.splitlines()
    assert Path(rules_dir).is_relative_to(site)
    assert (Path(rules_dir) / "ads.toml").is_file()
    assert "Advertisement" not in body and "council approved" in body
