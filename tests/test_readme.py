"""The README's walk-through, run as it stands: every command of its shell blocks,
in a scratch folder, must exit as the README says and print what it shows
(`...` stands for lines left out, and timings may differ)."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# Integration tests: processes, whole folders, a wheel build (`pytest -m "not slow"` skips them).
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
SECTION = "## 3. Keep your sites working"
ANY_LINES = "..."
# What may differ from run to run: how long pytest took.
_TIMING = re.compile(r"\bin \d+(?:\.\d+)?s\b")
_STATUS = re.compile(r"#\s*exit status (\d+)\s*$")


@dataclass(frozen=True)
class Step:
    command: str
    expected: tuple[str, ...]
    status: int


def walkthrough(readme: str) -> list[Step]:
    """The commands of the walk-through's shell blocks, each with the output
    shown under it (`# ` lines) and the exit status its comment names."""
    section = readme.split(SECTION, 1)[1].split("\n## ", 1)[0]
    steps = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.S):
        lines = block.splitlines()
        at = 0
        while at < len(lines):
            if not lines[at].strip():
                at += 1
                continue
            assert not lines[at].startswith("#"), f"output with no command above it: {lines[at]!r}"
            command = [lines[at]]
            if "<<'EOF'" in lines[at]:
                while lines[at] != "EOF":
                    at += 1
                    command.append(lines[at])
            while command[-1].endswith("\\"):
                at += 1
                command.append(lines[at])
            at += 1
            shown = []
            while at < len(lines) and lines[at].startswith("#"):
                shown.append(lines[at][2:] if lines[at].startswith("# ") else lines[at][1:])
                at += 1
            status = _STATUS.search(command[0])
            steps.append(Step("\n".join(command), tuple(shown), int(status.group(1)) if status else 0))
    return steps


def matches(expected: tuple[str, ...], actual: list[str]) -> bool:
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head == ANY_LINES:
        return any(matches(rest, actual[skip:]) for skip in range(len(actual) + 1))
    return bool(actual) and _normal(head) == _normal(actual[0]) and matches(rest, actual[1:])


def _normal(line: str) -> str:
    return _TIMING.sub("in <time>", line.rstrip())


def _shims(folder: Path) -> Path:
    """`boilerstrip`, `python` and `pytest` as the walk-through's reader has them,
    run by this interpreter on this source tree."""
    folder.mkdir()
    for name, runs in (("boilerstrip", "-m boilerstrip"), ("python", ""), ("pytest", "-m pytest")):
        shim = folder / name
        shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" {runs} "$@"\n', encoding="utf-8")
        shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    return folder


def test_the_walkthrough_parses_into_the_steps_it_shows() -> None:
    steps = walkthrough((REPO / "README.md").read_text(encoding="utf-8"))
    assert [step.status for step in steps].count(1) == 1
    assert any(step.command.startswith("boilerstrip fixture new") for step in steps)
    assert all(step.command.count("<<'EOF'") <= 1 for step in steps)
    assert matches(("a", "...", "d"), ["a", "b", "c", "d"]) and not matches(("a", "d"), ["a", "b", "d"])


def test_the_readme_walkthrough_runs_as_written(tmp_path: Path) -> None:
    steps = walkthrough((REPO / "README.md").read_text(encoding="utf-8"))
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env["PATH"] = os.pathsep.join([str(_shims(tmp_path / ".bin")), env.get("PATH", "")])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    env["COLUMNS"] = "80"  # pytest's progress line is as wide as the terminal
    cwd, where = tmp_path, tmp_path / ".cwd"
    for step in steps:
        script = f'{step.command}\nstatus=$?\npwd > "{where}"\nexit $status\n'
        done = subprocess.run(
            ["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == step.status, (step.command, done.stdout, done.stderr)
        assert done.stderr == "", (step.command, done.stderr)
        assert matches(step.expected, done.stdout.splitlines()), (step.command, done.stdout)
        cwd = Path(where.read_text(encoding="utf-8").strip())
    assert cwd == tmp_path / "my-site"
    assert sorted(path.name for path in tmp_path.iterdir()) == [".bin", ".cwd", "examples", "my-site"]
