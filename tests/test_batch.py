"""Batch cleaning: ordering, broken inputs, WARC/WET, output formats and their
safety, site templates and near-duplicates, through the `clean` command."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import shutil
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from boilerstrip.batch.inputs import out_path, safe_parts
from boilerstrip.cli import main

# Integration tests: processes, whole folders, a wheel build (`pytest -m "not slow"` skips them).
pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

STORY = (
    "{title}\n\n"
    "The harbour reopened on {day} after a week of repairs to the sea wall and the pier, "
    "and the first ferry of the season left on time.\n\n"
    "Fishing boats returned to their moorings by noon, the harbour master said in a statement "
    "about the {n} vessels that had sheltered upriver.\n"
)


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _story(n: int) -> str:
    return STORY.format(title=f"Harbour news number {n}", day=f"day {n}", n=n)


def test_the_output_is_the_same_whatever_the_number_of_workers(tmp_path: Path) -> None:
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out-{workers}.jsonl"
        assert main(["clean", str(FIXTURES), "-o", str(out), "--workers", workers, "-q"]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    sources = [r["source"] for r in _records(tmp_path / "out-1.jsonl")]
    assert sources == sorted(sources) and len(sources) == len(list(FIXTURES.glob("*/input.*")))
    assert not list(tmp_path.glob("*.partial")) and not list(tmp_path.glob("*.progress"))


def test_the_summary_counts_pages_records_and_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.txt").write_text(_story(1), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["clean", str(tmp_path), "-o", str(tmp_path / "out.jsonl")]) == 1  # an error record
    err = capsys.readouterr().err
    assert "boilerstrip clean: 2 pages, 1 record, 1 error in" in err and "-v lists them" in err
    assert "skipped" not in err  # the run's own output files are not the user's
    assert main(["clean", str(tmp_path / "good.txt"), "-q"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and json.loads(captured.out)["title"] == "Harbour news number 1"


def test_broken_inputs_give_one_error_record_each_and_the_batch_completes(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    rng = random.Random(6)
    for n in range(5):
        (pages / f"good-{n}.txt").write_text(_story(n), encoding="utf-8")
    broken = {
        "junk.html": bytes(rng.randrange(256) for _ in range(20000)),
        "empty.txt": b"",
        "blank.htm": b"  \n\t\n",
        "undecodable.txt": b"caf\xe9 \x81\x8d\x8f\x90\x9d\xff\xfe" * 300,
        "bad.html.gz": b"\x1f\x8b not gzip at all",
    }
    for name, data in broken.items():
        (pages / name).write_bytes(data)
    with (pages / "huge.html").open("wb") as handle:  # 50 MB, over the 20 MB default limit
        chunk = b"<p>" + b"all work and no play " * 500 + b"</p>\n"
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            handle.write(chunk)
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(pages), "-o", str(out), "--workers", "2", "-q"]) == 1  # some error records
    by_name = {Path(str(r["source"])).name: r for r in _records(out)}
    assert set(by_name) == {*broken, "huge.html", *(f"good-{n}.txt" for n in range(5))}
    errors = {name: str(r["error"]) for name, r in by_name.items() if "error" in r}
    assert set(errors) == {*broken, "huge.html"}
    assert errors["junk.html"].startswith("binary input")
    assert errors["empty.txt"] == errors["blank.htm"] == "empty input"
    assert errors["undecodable.txt"].startswith("undecodable bytes")
    assert "gzip" in errors["bad.html.gz"]
    assert errors["huge.html"].startswith("cannot read input: input too large")


def _write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (
        "<html><head><title>Café reopens</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>Café reopens</h1><p>The café on the quay reopened on Monday after a week of "
        "repairs to the sea wall and the pier, its owner said.</p><p>Fishing boats returned to their "
        "moorings by noon, the harbour master said in a statement to reporters.</p></article></body></html>"
    )
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)

        def response(url: str, content_type: str, body: bytes) -> None:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )

        writer.write_record(
            writer.create_warc_record(
                "https://example.org/a",
                "request",
                payload=io.BytesIO(b"GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n"),
            )
        )
        response("https://www.example.org/a", "text/html; charset=iso-8859-1", page.encode("cp1252"))
        response("https://www.example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200))
        text = "Harbour reopens\n\n" + _story(7).split("\n\n", 1)[1]
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/b",
                "conversion",
                payload=io.BytesIO(text.encode()),
                warc_content_type="text/plain",
            )
        )


def test_warc_and_wet_records_keep_their_url_and_place_in_the_archive(tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    from warcio.archiveiterator import ArchiveIterator

    archive = tmp_path / "crawl.warc.gz"
    _write_warc(archive)
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(tmp_path), "-o", str(out), "-q"]) == 1  # the image is no page
    records = _records(out)
    assert [r["url"] for r in records] == [
        "https://www.example.org/a",
        "https://www.example.org/logo.png",
        "https://example.org/b",
    ]
    html, image, wet = records
    assert "café on the quay reopened" in str(html["body"])  # the HTTP charset was used
    assert "Home" not in str(html["body"]) and "HTTP/1.1" not in str(html["body"])
    assert str(image["error"]).startswith("not a page: content type image/png")
    assert "Fishing boats returned" in str(wet["body"]) and "error" not in wet
    for record in records:  # the offset in `source` finds the record again
        path, offset = str(record["source"]).split("#offset=")
        with open(path, "rb") as handle:
            handle.seek(int(offset))
            found = next(iter(ArchiveIterator(handle)))
            assert found.rec_headers.get_header("WARC-Target-URI") == record["url"]


def test_out_dir_mirrors_the_input_tree_with_json_and_txt(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    (pages / "a.txt").write_text(_story(1), encoding="utf-8")
    (pages / "sub" / "b.txt.gz").write_bytes(gzip.compress(_story(2).encode()))
    out = tmp_path / "out"
    assert main(["clean", str(pages), "--out-dir", str(out), "--txt", "-q"]) == 0
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert files == ["a.txt.json", "a.txt.txt", "sub/b.txt.gz.json", "sub/b.txt.gz.txt"]
    record = json.loads((out / "sub" / "b.txt.gz.json").read_text(encoding="utf-8"))
    assert record["title"] == "Harbour news number 2"
    assert (out / "sub" / "b.txt.gz.txt").read_text(encoding="utf-8") == record["body"] + "\n"


@pytest.mark.parametrize(
    "parts",
    [
        ("..", "..", "etc", "passwd"),
        ("/etc/passwd",),
        ("a/../../b",),
        ("C:\\Windows", "x"),
        ("\x00..", "..."),
    ],
)
def test_output_paths_never_leave_the_output_directory(tmp_path: Path, parts: tuple[str, ...]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out_path(out, parts, ".json")
    assert target.resolve().is_relative_to(out.resolve())
    assert all(part not in ("", ".", "..") for part in safe_parts(parts))


def test_a_symlink_planted_in_the_output_directory_is_refused(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "pages").symlink_to(elsewhere)
    with pytest.raises(ValueError, match="escapes"):
        out_path(out, ("pages", "a.txt"), ".json")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(_story(1), encoding="utf-8")
    assert main(["clean", str(tmp_path / "pages"), "--out-dir", str(out / "pages"), "-q"]) == 0
    assert main(["clean", str(tmp_path / "pages" / "a.txt"), "--out-dir", str(out), "-q"]) == 0
    assert (out / "a.txt.json").exists() and not list(elsewhere.glob("*.json.tmp"))


def test_parquet_holds_the_same_records_as_json_lines(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    lines, table = tmp_path / "out.jsonl", tmp_path / "out.parquet"
    assert main(["clean", str(FIXTURES), "-o", str(lines), "-q"]) == 0
    assert main(["clean", str(FIXTURES), "-o", str(table), "--format", "parquet", "-q"]) == 0
    rows = pq.read_table(table).to_pylist()
    records = _records(lines)
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        assert (row["source"], row["title"], row["body"]) == (
            record["source"],
            record["title"],
            record["body"],
        )
        assert json.loads(row["metadata"]) == record["metadata"]


def test_site_templates_drop_blocks_most_of_a_sites_pages_repeat(tmp_path: Path) -> None:
    site = tmp_path / "harbour-gazette"
    site.mkdir()
    masthead = "The Harbour Gazette has been the paper of the estuary towns since 1921."
    pledge = "Our reporters walk the quays every morning so that you do not have to."
    rare = "Read more about the sea wall works and the new pier in our archive pages."
    for n in range(6):
        title, first, second = _story(n).strip().split("\n\n")
        inserts = [masthead] + ([pledge] if n < 4 else []) + ([rare] if n < 2 else [])
        (site / f"page-{n}.txt").write_text("\n\n".join([title, first, *inserts, second]), encoding="utf-8")
    plain, learned = tmp_path / "plain.jsonl", tmp_path / "learned.jsonl"
    assert main(["clean", str(site), "-o", str(plain), "-q"]) == 0
    assert main(["clean", str(site), "-o", str(learned), "--site-templates", "--explain", "-q"]) == 0
    assert all(masthead in str(r["body"]) and pledge in str(r["body"]) for r in _records(plain)[:4])
    for n, record in enumerate(_records(learned)):
        body = str(record["body"])
        assert masthead not in body and pledge not in body  # on 6/6 and 4/6 pages
        assert (rare in body) == (n < 2)  # on 2/6 pages: below the threshold
        assert "The harbour reopened on" in body
        dropped = [r for r in record["removed"] if r["rule_id"] == "site-template"]  # type: ignore[union-attr]
        assert {r["text"] for r in dropped} == ({masthead, pledge} if n < 4 else {masthead})
        assert all(r["stage"] == "site_templates" for r in dropped)
    assert not list(tmp_path.glob("*.templates.json"))


def test_near_duplicates_point_at_the_first_page_seen(tmp_path: Path) -> None:
    pytest.importorskip("datasketch")
    corpus = tmp_path / "corpus"
    for name in (
        "seed-000-eutimes",
        "seed-001-iria",
        "seed-002-weather-chrome",
        "text-german",
        "text-news-ads",
    ):
        shutil.copytree(FIXTURES / name, corpus / name)
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(corpus), "-o", str(out), "--duplicates", "-q"]) == 0
    flagged = {
        Path(str(r["source"])).parent.name: r["metadata"].get("duplicate_of")  # type: ignore[union-attr]
        for r in _records(out)
    }
    assert Path(str(flagged.pop("seed-001-iria"))).parent.name == "seed-000-eutimes"
    assert set(flagged.values()) == {None}


def test_a_journal_from_other_options_is_not_resumed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(_story(1), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.partial").write_text("", encoding="utf-8")
    (tmp_path / "out.jsonl.progress").write_text(
        '{"fingerprint": "other", "items": 0, "size": 0, "chain": ""}\n', encoding="utf-8"
    )
    assert main(["clean", str(tmp_path / "pages"), "-o", str(out), "-q"]) == 2
    assert "other inputs or options" in capsys.readouterr().err
    assert not out.exists()


def test_a_batch_cleans_each_file_exactly_as_clean_file_does(tmp_path: Path) -> None:
    import boilerstrip

    out = tmp_path / "out.jsonl"
    assert main(["clean", str(FIXTURES), "-o", str(out), "--workers", "2", "-q"]) == 0
    for record in _records(out):
        assert record == boilerstrip.clean_file(str(record["source"])).to_dict()


def test_writing_to_a_device_writes_through_and_never_replaces_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "a.txt").write_text(_story(1), encoding="utf-8")
    with ThreadPoolExecutor(1) as pool:
        reader = pool.submit(fifo.read_bytes)
        assert main(["clean", str(tmp_path / "a.txt"), "-o", str(fifo), "-q"]) == 0
        assert json.loads(reader.result())["title"] == "Harbour news number 1"
    assert stat.S_ISFIFO(fifo.stat().st_mode) and not list(tmp_path.glob("pipe.*"))


def test_input_that_is_no_page_gives_the_same_error_in_a_batch_as_through_the_api_and_explain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import boilerstrip
    from test_input import NOT_PAGES

    pages = tmp_path / "pages"
    pages.mkdir()
    for name, (data, _) in NOT_PAGES.items():
        (pages / f"{name}.html").write_bytes(data)
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(pages), "-o", str(out), "-q"]) == 1
    records = {Path(str(r["source"])).stem: r for r in _records(out)}
    assert set(records) == set(NOT_PAGES)
    for name, (data, reason) in NOT_PAGES.items():
        path = pages / f"{name}.html"
        assert records[name]["error"] == reason
        assert records[name] == boilerstrip.clean_file(path).to_dict()
        assert records[name] == {**boilerstrip.clean(data).to_dict(), "source": str(path)}
        capsys.readouterr()
        assert main(["explain", str(path)]) == 1
        assert capsys.readouterr().err == f"boilerstrip explain: {path}: {reason}\n"
