"""`boilerstrip eval` on a tiny WCXB-layout folder built in tmp_path (invented pages).

The cleaner is replaced by a fake that answers from a table (see
tests/test_evaluate.py), trafilatura by fakes where a test compares, so that
the figures can be computed by hand.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from boilerstrip.document import Record
from boilerstrip.quality import systems, wcxb, wcxb_report, word_metric
from boilerstrip.quality.results import Labels
from test_evaluate import FakeCleaner, run_eval, run_json

# id: (page type, main content, title, author, date, with, without)
PAGES: dict[str, tuple[str, str | None, str, str | None, str | None, list[str], list[str]]] = {
    "a1": (
        "article",
        "The harbour board voted to rebuild the pier.\n\nWork starts in May.",
        "Pier rebuild approved",
        "Jane Q. Smith",
        "2024-05-14",
        ["rebuild the pier", "Work starts in May"],
        ["Subscribe now"],
    ),
    "a2": ("article", "Cats sleep, cats purr.", "Cats", None, None, ["cats purr"], ["Home"]),
    "f1": ("forum", "", "Empty thread", "Ann Lee", "2023-01-02", [], ["Log in"]),
    "f2": ("forum", None, "Locked thread", None, None, [], ["Log in"]),  # no main_content at all
    "c1": ("category", "red shoes blue shoes", "Shoes", "", None, ["blue shoes"], []),
}
# What the fake cleaner gives for each page: body, title, metadata.
OURS: dict[str, tuple[str, str | None, dict[str, Any]]] = {
    "a1": (
        "The harbour board voted to rebuild the pier. Subscribe now",
        "  pier REBUILD\napproved ",
        {"author": ["Dr. Jane Smith", "Q. Jones"], "date": "2024-05-14T09:30:00+02:00"},
    ),
    "a2": ("CATS sleep, cats purr.", "Dogs", {}),
    "f1": ("", "Empty thread", {"author": "Ann", "date": "2023-01-03"}),
    "f2": ("Log in to reply", "Locked thread", {"author": "Staff", "date": "2020-01-01"}),
    "c1": ("", "Shoes", {}),
}
A1_F1 = 16 / 22  # tp 8 of 10 predicted and 12 true words: 2 * 8 / (10 + 12)


def write_wcxb(root: Path) -> Path:
    (root / "ground-truth").mkdir(parents=True)
    (root / "html").mkdir()
    for pid, (kind, body, title, author, date, with_, without) in PAGES.items():
        truth: dict[str, Any] = {"title": title, "author": author, "publish_date": date}
        truth |= {"with": with_, "without": without}
        if body is not None:
            truth["main_content"] = body
        label = {
            "url": f"https://example.org/{pid}",
            "_internal": {"page_type": {"primary": kind}},
            "ground_truth": truth,
        }
        (root / "ground-truth" / f"{pid}.json").write_text(json.dumps(label), encoding="utf-8")
        html = f"<html><body><p>PAGE-{pid}</p><p>{body or ''}</p></body></html>"
        (root / "html" / f"{pid}.html.gz").write_bytes(gzip.compress(html.encode()))
    return root


def answers(overrides: dict[str, dict[str, Any]] | None = None) -> dict[str, Record]:
    out = {}
    for pid, (body, title, metadata) in OURS.items():
        extra = (overrides or {}).get(pid, {})
        out[f"PAGE-{pid}"] = Record(title, body, {**metadata, **extra})
    return out


@pytest.fixture
def fake_clean(monkeypatch: pytest.MonkeyPatch) -> Callable[[dict[str, Record]], FakeCleaner]:
    from boilerstrip.cleaner import Cleaner

    def install(answers: dict[str, Record]) -> FakeCleaner:
        fake = FakeCleaner(answers)
        monkeypatch.setattr(Cleaner, "clean", lambda _cleaner, data, **kwargs: fake(data, **kwargs))
        return fake

    return install


@pytest.fixture
def bench(tmp_path: Path) -> Path:
    return write_wcxb(tmp_path / "wcxb")


def fake_trafilatura(monkeypatch: pytest.MonkeyPatch, metadata_seconds: float = 0.0) -> list[str]:
    """trafilatura that returns each page's label body, and the label's metadata."""
    import trafilatura

    calls: list[str] = []

    def page_of(html: str) -> str:
        return re.search(r"PAGE-(\w+)", html).group(1)  # type: ignore[union-attr]

    def extract(html: str) -> str:
        calls.append(f"extract {page_of(html)}")
        return PAGES[page_of(html)][1] or ""

    def extract_metadata(html: str) -> SimpleNamespace:
        calls.append(f"metadata {page_of(html)}")
        time.sleep(metadata_seconds)
        _, _, title, author, date, _, _ = PAGES[page_of(html)]
        return SimpleNamespace(title=title, author=author, date=date)

    monkeypatch.setattr(trafilatura, "extract", extract)
    monkeypatch.setattr(trafilatura, "extract_metadata", extract_metadata)
    return calls


# --- the word metric ------------------------------------------------------------


def test_word_metric_by_hand() -> None:
    s = word_metric.score("The harbour board voted to rebuild the pier. Subscribe now", PAGES["a1"][1] or "")
    assert (s.precision, s.recall, s.f1) == pytest.approx((8 / 10, 8 / 12, A1_F1))
    assert word_metric.score("b A a", "a a b").f1 == 1.0  # a bag: order and case do not count
    assert word_metric.score("a a a", "a b").precision == pytest.approx(1 / 3)  # multiset overlap


@pytest.mark.parametrize(
    ("predicted", "truth", "f1"),
    [("", "", 1.0), ("...", "  ", 1.0), ("Log in", "", 0.0), ("", "some words", 0.0)],
)
def test_word_metric_empty_reference_rule(predicted: str, truth: str, f1: float) -> None:
    s = word_metric.score(predicted, truth)
    assert (s.precision, s.recall, s.f1) == (f1, f1, f1)


def test_word_metric_corpus_figures_are_means_over_pages() -> None:
    scores = [word_metric.score("a b", "a b c d"), word_metric.score("a b c d", "a b")]  # F1 2/3 each
    corpus = word_metric.aggregate(scores)
    assert (corpus.precision, corpus.recall) == pytest.approx((0.75, 0.75))
    assert corpus.f1 == pytest.approx(2 / 3)  # not 2PR/(P+R) = 0.75


# --- the labels -----------------------------------------------------------------

LABELS = Labels("Pier rebuild", "Jane Q. Smith", "2024-05-14", ("rebuild the PIER",), ("Subscribe",))


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        (("pier  Rebuild ", "Smith, Jane Q.", "2024-05-14T08:00"), (True, True, True)),
        (("Pier rebuild!", "Jane Smith", "2024-05-15"), (False, False, False)),  # q missing
        (("Pier rebuild", "Dr Jane Q Smith; Bo Li", None), (True, True, False)),
        ((None, None, None), (False, False, False)),
    ],
)
def test_metadata_rules(metadata: tuple[str | None, ...], expected: tuple[bool, bool, bool]) -> None:
    checks = wcxb.check(LABELS, "", metadata)  # type: ignore[arg-type]
    assert (checks.title_ok, checks.author_ok, checks.date_ok) == expected


def test_an_absent_label_checks_right_only_when_nothing_is_given() -> None:
    absent = Labels("T", None, None, (), ())
    assert wcxb.check(absent, "", ("T", None, None)).author_ok is True
    assert wcxb.check(absent, "", ("T", "", "  ")).date_ok is True
    assert wcxb.check(absent, "", ("T", "Staff", "2020-01-01")).author_ok is False
    assert wcxb.check(absent, "", ("T", "Staff", "2020-01-01")).date_ok is False


def test_snippets_are_case_insensitive_substrings() -> None:
    checks = wcxb.check(LABELS, "They will Rebuild the pier. Subscribe!", None)
    assert (checks.with_found, checks.with_total, checks.without_leaked, checks.without_total) == (1, 1, 1, 1)
    assert checks.title_ok is None  # a system without metadata is not judged on it


def test_c4_filter_keeps_long_lines_that_end_a_sentence() -> None:
    dump = "\n".join(
        [
            "Home | News | Sport | Weather | Contact",
            "The harbour board voted to rebuild the pier.",
            "Work starts in May.",
            '  She said it would "never happen again."  ',
            "Five words and no stop",
        ]
    )
    kept = systems.c4_filter(dump)
    assert kept == 'The harbour board voted to rebuild the pier.\nShe said it would "never happen again."'


def test_spearman_with_ties() -> None:
    assert wcxb_report.ranks([0.0, 1.0, 0.7, 1.0, 0.0]) == [1.5, 4.5, 3.0, 4.5, 1.5]
    rho = wcxb_report.spearman([0.9, 0.8, 0.7, 0.2, 0.4], [A1_F1, 1.0, 1.0, 0.0, 0.0])
    assert rho == pytest.approx(6 / 90**0.5)
    assert wcxb_report.spearman([0.5, 0.5], [0.0, 1.0]) is None  # a constant side: undefined


# --- the command ----------------------------------------------------------------


def test_pages_types_and_figures(bench: Path, fake_clean: Any, capsys: Any) -> None:
    fake = fake_clean(answers())
    status, report = run_json(capsys, str(bench))
    assert status == 0
    assert (report["layout"], report["metric"]) == ("wcxb", "word F1")
    docs = {doc["id"]: doc for doc in report["documents"]}
    assert list(docs) == ["a1", "a2", "c1", "f1", "f2"]
    assert {pid: doc["page_type"] for pid, doc in docs.items()} == {
        "a1": "article",
        "a2": "article",
        "c1": "collection",  # labelled `category`
        "f1": "forum",
        "f2": "forum",
    }
    assert {pid: doc["f1"] for pid, doc in docs.items()} == pytest.approx(
        {"a1": A1_F1, "a2": 1.0, "c1": 0.0, "f1": 1.0, "f2": 0.0}
    )
    assert fake.calls[-1]["mode"] == "html" and isinstance(fake.calls[-1]["data"], bytes)
    assert fake.calls[-1]["url"] == "https://example.org/f2"

    rows = report["by_type"]["boilerstrip"]
    assert list(rows) == ["article", "forum", "collection", "all"]
    article = rows["article"]
    assert article["documents"] == 2
    assert (article["precision"], article["recall"], article["f1"]) == pytest.approx((0.9, 5 / 6, 19 / 22))
    assert (article["with_rate"], article["without_rate"]) == (0.75, 0.5)  # a1 1/2 and 1/1, a2 1/1 and 0/1
    assert (article["with_found"], article["with_total"]) == (2, 3)
    assert rows["forum"]["f1"] == 0.5 and rows["forum"]["with_rate"] is None
    assert rows["all"]["f1"] == pytest.approx((A1_F1 + 2) / 5)
    assert report["summary"]["boilerstrip"]["f1"] == rows["all"]["f1"]
    assert (rows["all"]["with_rate"], rows["all"]["without_rate"]) == (0.5, 0.5)  # pages without: out


def test_metadata_accuracy(bench: Path, fake_clean: Any, capsys: Any) -> None:
    fake_clean(answers())
    _, report = run_json(capsys, str(bench))
    docs = {doc["id"]: doc for doc in report["documents"]}
    checks = {pid: (doc["title_ok"], doc["author_ok"], doc["date_ok"]) for pid, doc in docs.items()}
    assert checks == {
        "a1": (True, True, True),  # folded title; a list of authors joined; a datetime's day
        "a2": (False, True, True),  # no author and no date on either side
        "c1": (True, True, True),  # an empty author label is no author
        "f1": (True, False, False),  # "Ann" lacks "lee"; another day
        "f2": (True, False, False),  # an invented author and date
    }
    assert report["metadata"] == {
        "boilerstrip": {"pages": 5, "title": 0.8, "author": 0.6, "date": 0.6},
    }


def test_json_page_fields(bench: Path, fake_clean: Any, capsys: Any) -> None:
    fake_clean(answers({"a1": {"page_type": "article", "confidence": 0.9}}))
    _, report = run_json(capsys, str(bench))
    a1, a2 = report["documents"][:2]
    assert a1 == {
        "id": "a1",
        "page_type": "article",
        "url": "https://example.org/a1",
        "error": None,
        "precision": pytest.approx(0.8),
        "recall": pytest.approx(2 / 3),
        "f1": pytest.approx(A1_F1),
        "exact": False,
        "seconds": a1["seconds"],
        "with_found": 1,
        "with_total": 2,
        "without_leaked": 1,
        "without_total": 1,
        "title_ok": True,
        "author_ok": True,
        "date_ok": True,
        "predicted_page_type": "article",
        "confidence": 0.9,
    }
    assert a1["seconds"] >= 0 and "predicted_page_type" not in a2 and "confidence" not in a2
    assert "page_types" in report and "confidence" in report


def test_types_option_keeps_only_those_pages(bench: Path, fake_clean: Any, capsys: Any) -> None:
    fake = fake_clean(answers())
    _, report = run_json(capsys, str(bench), "--types", "forum,category")
    assert [doc["id"] for doc in report["documents"]] == ["c1", "f1", "f2"]
    assert list(report["by_type"]["boilerstrip"]) == ["forum", "collection", "all"]
    assert {call["url"][-2:] for call in fake.calls} == {"c1", "f1", "f2"}


def test_compare_trafilatura(
    bench: Path, fake_clean: Any, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_clean(answers())
    calls = fake_trafilatura(monkeypatch, metadata_seconds=0.05)
    _, report = run_json(capsys, str(bench), "--compare", "trafilatura")

    assert calls[:2] == ["extract a1", "extract a1"]  # the untimed warm-up, then the first page
    assert calls[2] == "metadata a1"
    theirs = report["by_type"]["trafilatura"]
    assert theirs["all"]["f1"] == 1.0 and theirs["article"]["with_rate"] == 1.0
    assert report["metadata"]["trafilatura"] == {"pages": 5, "title": 1.0, "author": 1.0, "date": 1.0}
    a1 = report["documents"][0]["trafilatura"]
    assert a1["f1"] == 1.0 and a1["title_ok"] is True
    assert a1["seconds"] < 0.05  # metadata extraction is not timed
    below = report["below_trafilatura"]
    assert (below["pages"], below["of"], below["ids"]) == (2, 5, ["c1", "f2"])
    assert report["throughput_ratio"] > 0


def test_table(bench: Path, fake_clean: Any, capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_clean(answers())
    fake_trafilatura(monkeypatch)
    assert run_eval(str(bench), "--compare", "trafilatura", "--worst", "2") == 0
    out = capsys.readouterr().out
    assert "worst 2 of 5 pages by F1" in out
    assert re.search(r"^c1 +collection +0\.000  0\.000  0\.000 +1\.000$", out, re.M)
    assert re.search(r"^article +boilerstrip +2  0\.900  0\.833  0\.864   75\.0%   50\.0%$", out, re.M)
    assert re.search(r"^ +trafilatura +2  1\.000  1\.000  1\.000  100\.0%    0\.0%$", out, re.M)
    assert re.search(r"^all +boilerstrip +5 ", out, re.M)
    assert re.search(r"^throughput ratio \(boilerstrip/trafilatura\): \d+\.\d\d$", out, re.M)
    assert "pages more than 0.3 F1 below trafilatura: 2 of 5 (40.0%)" in out
    assert re.search(r"^author accuracy +boilerstrip 0\.600  trafilatura 1\.000$", out, re.M)
    assert "page type" not in out and "confidence" not in out  # no record carries them


def test_page_types_and_confidence(bench: Path, fake_clean: Any, capsys: Any) -> None:
    predicted = {"a1": ("article", 0.9), "a2": ("article", 0.8), "f1": ("forum", 0.7)}
    predicted |= {"f2": ("article", 0.2), "c1": ("category", 0.4)}
    fake_clean(answers({pid: {"page_type": t, "confidence": c} for pid, (t, c) in predicted.items()}))
    _, report = run_json(capsys, str(bench))
    types = report["page_types"]
    assert (types["accuracy"], types["right"], types["pages"]) == (0.8, 4, 5)
    assert types["confusion"] == {
        "article": {"article": 2},
        "forum": {"article": 1, "forum": 1},
        "collection": {"collection": 1},
    }
    confidence = report["confidence"]
    assert confidence["spearman"] == pytest.approx(6 / 90**0.5)
    assert (confidence["low_pages"], confidence["low_mean_f1"], confidence["pages"]) == (2, 0.0, 5)

    assert run_eval(str(bench)) == 0
    out = capsys.readouterr().out
    assert "page type: 4 of 5 right (80.0%)" in out
    assert re.search(r"^forum +1 +1 +0$", out, re.M)  # columns: article, forum, collection
    assert "confidence: Spearman 0.632 with the page's F1 over 5 pages" in out
    assert "confidence < 0.5: 2 pages, mean F1 0.000" in out


def test_text_dumps_and_line_filters(
    bench: Path, tmp_path: Path, fake_clean: Any, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    for pid in OURS:
        gold = PAGES[pid][1] or ""
        (dumps / f"{pid}.txt").write_text(
            f"DUMP-{pid} Home | News\n{gold}\nSubscribe now to read more", "utf-8"
        )
    fake = fake_clean({f"DUMP-{pid}": Record(None, body) for pid, (body, _, _) in OURS.items()})
    fake_trafilatura(monkeypatch)

    argv = ("--inputs", str(dumps), "--compare", "raw,c4", "--compare", "trafilatura")
    _, report = run_json(capsys, str(bench), *argv)
    assert fake.calls[-1]["mode"] == "text" and fake.calls[-1]["data"].startswith("DUMP-f2")
    assert list(report["summary"]) == ["boilerstrip", "raw", "c4", "trafilatura"]
    a1 = report["documents"][0]
    assert a1["c4"]["f1"] == pytest.approx(2 * 8 / (8 + 12))  # only the pier sentence is kept
    assert a1["raw"]["with_found"] == 2 and a1["raw"]["title_ok"] is None
    assert a1["trafilatura"]["f1"] == 1.0  # trafilatura still gets the HTML
    assert set(report["metadata"]) == {"boilerstrip", "trafilatura"}
    assert report["by_type"]["c4"]["forum"]["f1"] == 1.0  # nothing kept on the empty forum pages

    assert run_eval(str(bench), *argv) == 0
    out = capsys.readouterr().out
    assert re.search(r"^article +boilerstrip +2 .*\n +raw +2 .*\n +c4 +2 .*\n +trafilatura +2 ", out, re.M)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--compare", "readability"], "--compare: 'readability' is none of trafilatura, c4, raw"),
        (["--compare", "c4"], "--compare c4 reads text dumps: pass --inputs DIR"),
        (["--types", "blog"], "--types: 'blog' is none of article, forum"),
        (["--inputs", "no-such-dumps"], "--inputs no-such-dumps: neither 'html' nor a folder"),
        (["--baseline", "pins.json"], "--baseline gates a fixtures folder"),
    ],
)
def test_bad_usage_exits_two_with_one_message(
    bench: Path, fake_clean: Any, capsys: Any, argv: list[str], message: str
) -> None:
    fake_clean(answers())
    assert run_eval(str(bench), *argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("boilerstrip eval: ") and message in captured.err
    assert captured.err.count("\n") == 1


def test_bad_labels_and_missing_dumps_name_the_file(bench: Path, tmp_path: Path, capsys: Any) -> None:
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    assert run_eval(str(bench), "--inputs", str(dumps)) == 2
    assert "no text dump a1.txt for page a1" in capsys.readouterr().err

    label = json.loads((bench / "ground-truth" / "f1.json").read_text())
    label["_internal"]["page_type"]["primary"] = "blog"
    (bench / "ground-truth" / "f1.json").write_text(json.dumps(label))
    assert run_eval(str(bench)) == 2
    err = capsys.readouterr().err
    assert "f1.json: _internal.page_type.primary 'blog' is none of" in err


def test_types_needs_a_wcxb_folder(tmp_path: Path, capsys: Any) -> None:
    (tmp_path / "ground-truth.json").write_text("{}", encoding="utf-8")
    assert run_eval(str(tmp_path), "--types", "article") == 2
    assert "--types needs a WCXB folder" in capsys.readouterr().err
