"""`boilerstrip eval` on tiny synthetic fixtures and benchmark folders built in tmp_path.

Most tests replace `boilerstrip.api.clean` with a fake that answers from a table,
so that they check the evaluator and not the cleaner; the last ones run the
real pipeline (and real trafilatura) end to end.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from boilerstrip import cli
from boilerstrip.document import Record
from boilerstrip.quality import results
from sample_article import ARTICLE

BODY = "\n\n".join(ARTICLE)
TITLE = "Harbour board backs pier rebuild"
SUMMARY_LINE = re.compile(
    r"^(boilerstrip|trafilatura)  P \d\.\d{3}  R \d\.\d{3}  F1 \d\.\d{3}  acc \d\.\d{3}"
    r"  docs \d+  docs/s (\d+\.\d|n/a)$",
    re.MULTILINE,
)


def page_html(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title} | The Coast Gazette</title>"
        '<meta property="og:site_name" content="The Coast Gazette"></head><body>'
        '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright 2024 The Coast Gazette. All rights reserved.</footer></body></html>"
    )


def write_fixture(
    root: Path, name: str, label: dict[str, Any], source: str = "<p>x</p>", input_name: str = "input.html"
) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / input_name).write_text(source, encoding="utf-8")
    (folder / "expected.json").write_text(json.dumps(label), encoding="utf-8")
    return folder


def full_label(**overrides: Any) -> dict[str, Any]:
    label: dict[str, Any] = {"title": TITLE, "body": BODY, "metadata": {}, "notes": "synthetic"}
    label.update(overrides)
    return label


class FakeCleaner:
    """Stands in for Cleaner.clean: answers by a marker found in the input, logs every call."""

    def __init__(self, answers: dict[str, Record], log: list[tuple[str, str]] | None = None):
        self.answers = answers
        self.calls: list[dict[str, Any]] = []
        self.log = log if log is not None else []

    def __call__(self, data: bytes | str, **kwargs: Any) -> Record:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        self.calls.append({"data": data, **kwargs})
        for marker, record in self.answers.items():
            if marker in text:
                self.log.append(("boilerstrip", marker))
                return record
        raise AssertionError(f"fake clean has no answer for {text[:60]!r}")


@pytest.fixture
def fake_clean(monkeypatch: pytest.MonkeyPatch) -> Callable[[dict[str, Record]], FakeCleaner]:
    from boilerstrip.cleaner import Cleaner

    def install(answers: dict[str, Record]) -> FakeCleaner:
        fake = FakeCleaner(answers)
        monkeypatch.setattr(Cleaner, "clean", lambda _cleaner, data, **kwargs: fake(data, **kwargs))
        return fake

    return install


def run_eval(*argv: str) -> int:
    return cli.main(["eval", *argv])


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    status = run_eval(*argv, "--json")
    return status, json.loads(capsys.readouterr().out)


# --- fixtures -------------------------------------------------------------------


def test_passing_fixtures_exit_zero(tmp_path: Path, fake_clean: Any, capsys: Any) -> None:
    write_fixture(
        tmp_path, "full", full_label(metadata={"categories": ["Local", "Sea"]}), source="<p>FULL</p>"
    )
    write_fixture(
        tmp_path,
        "snippets",
        {"must_contain": ["northern   pier"], "must_not_contain": ["Subscribe"]},
        source="SNIP",
        input_name="input.txt",
    )
    fake = fake_clean(
        {
            "FULL": Record(title=f"  {TITLE}\n", body=BODY, metadata={"categories": ("Local", "Sea")}),
            "SNIP": Record(title="whatever", body=BODY, metadata={}),
        }
    )

    status, report = run_json(capsys, str(tmp_path))

    assert status == 0
    assert (report["layout"], report["passed"], report["failed"]) == ("fixtures", 2, 0)
    full, snippets = report["documents"]
    assert full["id"] == "full" and full["f1"] == 1.0 and full["exact"] is True
    assert (full["title_ok"], full["metadata_ok"], full["snippets_ok"]) == (True, True, None)
    assert snippets["f1"] is None and snippets["snippets_ok"] is True
    assert snippets["title_ok"] is None and snippets["metadata_ok"] is None
    assert report["summary"]["boilerstrip"]["documents"] == 1  # only full labels are scored
    assert report["summary"]["boilerstrip"]["cleaned"] == 2
    assert "throughput_ratio" not in report
    assert [call["mode"] for call in fake.calls[1:]] == ["auto", "auto"]  # [0] is the warm-up
    assert isinstance(fake.calls[1]["data"], bytes)


def test_fixture_mode_and_url_reach_the_cleaner(tmp_path: Path, fake_clean: Any) -> None:
    write_fixture(
        tmp_path,
        "case",
        full_label(mode="text", url="https://example.org/a/1"),
        source="TEXT",
        input_name="input.txt",
    )
    fake = fake_clean({"TEXT": Record(title=TITLE, body=BODY)})
    assert run_eval(str(tmp_path)) == 0
    assert fake.calls[-1]["mode"] == "text"
    assert fake.calls[-1]["url"] == "https://example.org/a/1"


def test_gzipped_fixture_input_is_read_gunzipped(tmp_path: Path, fake_clean: Any) -> None:
    folder = write_fixture(tmp_path, "gz", full_label(), input_name="input.html.gz")
    (folder / "input.html.gz").write_bytes(gzip.compress(b"<p>GZ</p>"))
    fake = fake_clean({"GZ": Record(title=TITLE, body=BODY)})
    assert run_eval(str(tmp_path)) == 0
    assert fake.calls[-1]["data"] == b"<p>GZ</p>"


AUTHOR = {"author": "A. Writer"}


@pytest.mark.parametrize(
    ("record", "expected_failure"),
    [
        (Record("Another headline", BODY, AUTHOR), "title 'Another headline' != "),
        (Record(TITLE, BODY, {"author": "B. Other"}), "metadata author: got 'B. Other'"),
        (Record(TITLE, BODY, {}), "metadata author: got None, expected 'A. Writer'"),
        (
            Record(TITLE, BODY + "\n\nSubscribe to our newsletter for more news.", AUTHOR),
            "body F1 0.958 < 0.97",
        ),
    ],
)
def test_a_failing_fixture_exits_one_and_says_why(
    tmp_path: Path, fake_clean: Any, capsys: Any, record: Record, expected_failure: str
) -> None:
    write_fixture(tmp_path, "case", full_label(metadata=AUTHOR), "<p>CASE</p>")
    fake_clean({"CASE": record})

    assert run_eval(str(tmp_path)) == 1
    out = capsys.readouterr().out
    assert "FAIL case" in out and expected_failure in out
    assert re.search(r"^case .* FAIL$", out, re.MULTILINE)
    assert "fixtures  passed 0  failed 1" in out


def test_body_f1_threshold(tmp_path: Path, fake_clean: Any, capsys: Any) -> None:
    words = [f"w{i}" for i in range(100)]  # 97 shingles
    write_fixture(tmp_path, "one-word-short", full_label(body=" ".join(words)), "<p>ONE</p>")
    write_fixture(tmp_path, "ten-words-short", full_label(body=" ".join(words)), "<p>TEN</p>")
    fake_clean(
        {
            "ONE": Record(title=TITLE, body=" ".join(words[:-1])),  # R 96/97: F1 0.995
            "TEN": Record(title=TITLE, body=" ".join(words[:-10])),  # R 87/97: F1 0.946
        }
    )
    status, report = run_json(capsys, str(tmp_path))
    assert status == 1
    verdicts = {doc["id"]: doc["passed"] for doc in report["documents"]}
    assert verdicts == {"one-word-short": True, "ten-words-short": False}
    assert results.FIXTURE_BODY_F1_PASS == 0.97


def test_unwanted_snippet_fails(tmp_path: Path, fake_clean: Any, capsys: Any) -> None:
    write_fixture(tmp_path, "snip", {"must_not_contain": ["Share this   article"]}, "<p>S</p>")
    fake_clean({"S": Record(title=None, body=BODY + "\nShare\nthis article")})
    assert run_eval(str(tmp_path)) == 1
    assert "unwanted snippet 'Share this article'" in capsys.readouterr().out


def test_table_lists_every_fixture_then_the_summary(tmp_path: Path, fake_clean: Any, capsys: Any) -> None:
    for name in ("b-case", "a-case"):
        write_fixture(tmp_path, name, full_label(), "<p>PAGE</p>")
    fake_clean({"PAGE": Record(title=TITLE, body=BODY)})
    assert run_eval(str(tmp_path)) == 0
    out = capsys.readouterr().out
    rows = [line.split()[0] for line in out.splitlines() if line.endswith(" pass")]
    assert rows == ["a-case", "b-case"]
    assert SUMMARY_LINE.search(out).group(1) == "boilerstrip"  # type: ignore[union-attr]
    assert "F1 1.000  acc 1.000  docs 2" in out


@pytest.mark.parametrize(
    ("label", "files", "message"),
    [
        (
            {"title": "t", "body": "b", "metadata": {}, "colour": "red"},
            ["input.html"],
            "unknown key(s) ['colour']",
        ),
        ({"body": "b", "metadata": {}}, ["input.html"], "also needs ['title']"),
        ({"title": "t", "metadata": {}}, ["input.html"], "needs 'body' or at least one"),
        (full_label(mode="pdf"), ["input.html"], "'mode' must be one of"),
        (full_label(metadata=["author"]), ["input.html"], "'metadata' must be an object"),
        ({"must_contain": ["ok", "  "]}, ["input.html"], "empty snippet"),
        ({"must_contain": "ok"}, ["input.html"], "must be a list of strings"),
        (full_label(title=3), ["input.html"], "'title' must be a string or null"),
        (full_label(), [], "exactly one input.* file, found none"),
        (full_label(), ["input.html", "input.txt"], "found ['input.html', 'input.txt']"),
        ("not an object", ["input.html"], "must hold a JSON object"),
    ],
)
def test_malformed_fixture_stops_the_run_naming_it(
    tmp_path: Path, capsys: Any, label: object, files: list[str], message: str
) -> None:
    folder = tmp_path / "group" / "bad-case"
    folder.mkdir(parents=True)
    (folder / "expected.json").write_text(json.dumps(label), encoding="utf-8")
    for name in files:
        (folder / name).write_text("<p>x</p>", encoding="utf-8")
    assert run_eval(str(tmp_path)) == 2
    err = capsys.readouterr().err
    assert "fixture group/bad-case:" in err and message in err


def test_unreadable_label_names_the_fixture(tmp_path: Path, capsys: Any) -> None:
    folder = write_fixture(tmp_path, "broken", {})
    (folder / "expected.json").write_text("{not json", encoding="utf-8")
    assert run_eval(str(tmp_path)) == 2
    assert "fixture broken: cannot read expected.json" in capsys.readouterr().err


def test_folder_with_neither_layout_is_an_error(tmp_path: Path, capsys: Any) -> None:
    (tmp_path / "work-in-progress").mkdir()  # a case folder without its label yet
    assert run_eval(str(tmp_path)) == 2
    assert "neither a benchmark" in capsys.readouterr().err


def test_inputs_option_needs_a_benchmark(tmp_path: Path, capsys: Any) -> None:
    write_fixture(tmp_path, "case", full_label())
    assert run_eval(str(tmp_path), "--inputs", "text_html_text") == 2
    assert "--inputs needs a benchmark" in capsys.readouterr().err


def test_bad_rules_folder_is_an_error(tmp_path: Path, capsys: Any) -> None:
    write_fixture(tmp_path, "case", full_label())
    assert run_eval(str(tmp_path), "--rules", str(tmp_path / "no-such-rules")) == 2
    assert "no-such-rules" in capsys.readouterr().err


# --- benchmark layout -----------------------------------------------------------

BENCH = {  # id: (gold body, what the fake cleaner returns for its HTML and its text dump)
    "p1": (BODY, BODY, BODY),
    "p2": (BODY, ARTICLE[0], BODY + "\n\nMenu Home News Sport Weather Contact us today"),
    "p3": (BODY, "Cookie settings and privacy policy for this web site", ""),
}


def write_bench(root: Path) -> None:
    truth = {
        pid: {"articleBody": gold, "url": f"https://example.org/{pid}"} for pid, (gold, _, _) in BENCH.items()
    }
    (root / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    for folder in ("html", "text_html_text"):
        (root / folder).mkdir()
    for pid in BENCH:
        html = page_html(f"{TITLE} {pid.upper()}", ARTICLE).encode("utf-8")
        (root / "html" / f"{pid}.html.gz").write_bytes(gzip.compress(html))
        (root / "text_html_text" / f"{pid}.txt").write_text(f"DUMP-{pid}\n{BODY}", "utf-8")


def bench_answers() -> dict[str, Record]:
    answers = {f"{TITLE} {pid.upper()}": Record(None, html) for pid, (_, html, _) in BENCH.items()}
    answers |= {f"DUMP-{pid}": Record(None, text) for pid, (_, _, text) in BENCH.items()}
    return answers


def test_bench_html_pages_are_cleaned_as_bytes(tmp_path: Path, fake_clean: Any, capsys: Any) -> None:
    write_bench(tmp_path)
    fake = fake_clean(bench_answers())
    status, report = run_json(capsys, str(tmp_path))
    assert status == 0
    assert [doc["id"] for doc in report["documents"]] == ["p1", "p2", "p3"]
    f1 = {doc["id"]: doc["f1"] for doc in report["documents"]}
    assert f1["p1"] == 1.0 and 0 < f1["p2"] < 1 and f1["p3"] == 0.0
    call = fake.calls[-1]
    assert isinstance(call["data"], bytes) and call["data"].startswith(b"<!doctype")
    assert (call["mode"], call["url"]) == ("html", "https://example.org/p3")
    assert report["summary"]["boilerstrip"]["documents"] == 3
    assert report["summary"]["boilerstrip"]["accuracy"] == pytest.approx(1 / 3)


def test_bench_text_dumps_are_cleaned_as_text(tmp_path: Path, fake_clean: Any, capsys: Any) -> None:
    write_bench(tmp_path)
    fake = fake_clean(bench_answers())
    status, report = run_json(capsys, str(tmp_path), "--inputs", "text_html_text")
    assert status == 0
    assert fake.calls[-1]["data"] == f"DUMP-p3\n{BODY}"
    assert fake.calls[-1]["mode"] == "text"
    scores = {doc["id"]: (doc["precision"], doc["recall"]) for doc in report["documents"]}
    assert scores["p1"] == (1.0, 1.0)
    assert scores["p3"] == (None, 0.0)  # empty output: out of the precision mean


def test_bench_table_shows_the_worst_pages(tmp_path: Path, fake_clean: Any, capsys: Any) -> None:
    write_bench(tmp_path)
    fake_clean(bench_answers())
    assert run_eval(str(tmp_path), "--worst", "2") == 0
    out = capsys.readouterr().out
    assert "worst 2 of 3 pages by F1" in out
    rows = [line.split()[0] for line in out.splitlines() if re.match(r"p\d ", line)]
    assert rows == ["p3", "p2"]
    assert [m.group(1) for m in SUMMARY_LINE.finditer(out)] == ["boilerstrip"]
    assert "docs 3" in out


def test_compare_alternates_page_by_page_and_gives_trafilatura_the_html(
    tmp_path: Path, fake_clean: Any, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trafilatura

    write_bench(tmp_path)
    fake = fake_clean(bench_answers())

    def fake_extract(html: str) -> str | None:
        assert isinstance(html, str) and html.startswith("<!doctype")
        pid = re.search(r"<h1>.* (P\d)</h1>", html).group(1).lower()  # type: ignore[union-attr]
        fake.log.append(("trafilatura", pid))
        return None if pid == "p3" else BODY

    monkeypatch.setattr(trafilatura, "extract", fake_extract)
    status, report = run_json(capsys, str(tmp_path), "--inputs", "text_html_text", "--compare", "trafilatura")

    assert status == 0
    order = [(system, marker[-2:].lower()) for system, marker in fake.log]
    warm_up = [("boilerstrip", "p1"), ("trafilatura", "p1")]
    pages = [(system, pid) for pid in ("p1", "p2", "p3") for system in ("boilerstrip", "trafilatura")]
    assert order == warm_up + pages
    theirs = {doc["id"]: doc["trafilatura"]["f1"] for doc in report["documents"]}
    assert theirs == {"p1": 1.0, "p2": 1.0, "p3": 0.0}
    assert report["summary"]["trafilatura"]["documents"] == 3
    assert report["throughput_ratio"] > 0


def test_compare_prints_both_summaries_and_the_ratio(
    tmp_path: Path, fake_clean: Any, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trafilatura

    write_bench(tmp_path)
    fake_clean(bench_answers())
    monkeypatch.setattr(trafilatura, "extract", lambda html: BODY)
    assert run_eval(str(tmp_path), "--compare", "trafilatura") == 0
    out = capsys.readouterr().out
    assert [m.group(1) for m in SUMMARY_LINE.finditer(out)] == ["boilerstrip", "trafilatura"]
    assert re.search(r"^throughput ratio \(boilerstrip/trafilatura\): \d+\.\d\d$", out, re.M)
    assert "traf F1" in out


# --- the real pipeline ----------------------------------------------------------


def test_real_pipeline_through_the_cli(tmp_path: Path, capsys: Any) -> None:
    pytest.importorskip("boilerstrip.api")

    fixtures = tmp_path / "fixtures"
    write_fixture(
        fixtures,
        "html-article",
        {"must_contain": [ARTICLE[1]], "must_not_contain": ["All rights reserved"]},
        source=page_html(TITLE, ARTICLE),
    )
    write_fixture(
        fixtures, "text-article", full_label(), input_name="input.txt", source=f"{TITLE}\n\n{BODY}\n"
    )
    status = cli.main(["eval", str(fixtures), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert status in (0, 1)
    assert [doc["id"] for doc in report["documents"]] == ["html-article", "text-article"]
    assert report["documents"][0]["snippets_ok"] is True
    assert report["documents"][1]["f1"] >= 0.9


def test_real_pipeline_and_real_trafilatura_on_a_benchmark(tmp_path: Path, capsys: Any) -> None:
    pytest.importorskip("boilerstrip.api")
    write_bench(tmp_path)
    assert run_eval(str(tmp_path), "--compare", "trafilatura") == 0
    out = capsys.readouterr().out
    summaries = {m.group(1): m.group(0) for m in SUMMARY_LINE.finditer(out)}
    assert set(summaries) == {"boilerstrip", "trafilatura"}
    assert "docs 3" in summaries["boilerstrip"]
    assert "throughput ratio (boilerstrip/trafilatura):" in out
