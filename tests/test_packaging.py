"""A built wheel carries its rules, its record schema and its licence: installed
elsewhere, run from elsewhere, it finds them. The package shows its API to dir()
and help() without loading it, and `python -m boilerstrip` is the command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import boilerstrip

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"


def _python(code: str) -> str:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
    }
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return done.stdout


def test_dir_and_help_show_the_api_and_importing_loads_none_of_it() -> None:
    shown = json.loads(
        _python(
            "import json, sys, boilerstrip;"
            "loaded = sorted(m for m in sys.modules if m.startswith('boilerstrip.'));"
            "print(json.dumps([dir(boilerstrip), loaded]))"
        )
    )
    listing, loaded = shown
    assert set(boilerstrip.__all__) <= set(listing)
    assert loaded == []  # the cleaner and its rules load on first use
    import pydoc

    page = pydoc.render_doc(boilerstrip, renderer=pydoc.plaintext)
    for name in ("clean", "clean_file", "clean_batch", "trace", "load_rules"):
        assert f"    {name}(" in page, name
    for name in ("Cleaner", "Options", "Record", "Removal", "Summary"):
        assert f"    class {name}(" in page, name
    assert all(getattr(boilerstrip, name) is not None for name in boilerstrip.__all__)


@pytest.mark.slow
def test_python_dash_m_boilerstrip_is_the_command() -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-m", "boilerstrip", "--version"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert done.stdout == f"boilerstrip {boilerstrip.__version__}\n"


@pytest.mark.slow
def test_clean_batch_is_the_command_in_python(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("seed-000-eutimes", "html-cookie-banner"):
        source = next((REPO / "fixtures" / name).glob("input.*"))
        (pages / f"{name}{source.suffix}").write_bytes(source.read_bytes())
    (pages / "empty.txt").write_bytes(b"")
    out = tmp_path / "records.jsonl"
    summary = boilerstrip.clean_batch(pages, out, workers=1, disable="share-on-network")
    assert (summary.pages, summary.errors, summary.records) == (3, 1, 2)
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    paths = sorted(pages.iterdir())
    expected = [boilerstrip.clean_file(path, disable=["share-on-network"]).to_dict() for path in paths]
    assert records == expected


@pytest.mark.slow
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
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "boilerstrip/record.schema.json" in names and "boilerstrip/__main__.py" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "License-Expression: MIT" in metadata and "Classifier: Typing :: Typed" in metadata
    assert "Project-URL: Documentation," in metadata
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
