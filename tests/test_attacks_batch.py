"""The red-team attacks of issue #21 on the batch's inputs and outputs, each
reproduced on a small input: lying archives, names that collide, folders that
cannot be read, outputs shared or planted with symlinks, inputs edited
before a resume. Each ends in a record or an error record; none stops a batch."""

from __future__ import annotations

import gzip
import json
import os
import time
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip.batch.inputs import Item, iter_items, safe_parts
from boilerstrip.batch.outputs import BatchError, LinesOutput, TreeOutput

PROSE = "The harbour seals came back to the estuary this spring, volunteers said on Sunday. " * 3
PAGE = f"<html><head><title>Seals</title></head><body><article><p>{PROSE}</p></article></body></html>"

# WARC records that lie about themselves ----------------------------------------------------------


def _warc_record(uri: str | None, length: int | None = None, overstate: int = 0, body: str = PAGE) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body.encode()
    headers = [b"WARC/1.0", b"WARC-Type: response", b"WARC-Record-ID: <urn:uuid:1>"]
    if uri is not None:
        headers.append(b"WARC-Target-URI: " + uri.encode())
    headers += [
        b"Content-Type: application/http; msgtype=response",
        b"Content-Length: %d" % ((length or len(http)) + overstate),
    ]
    return b"\r\n".join(headers) + b"\r\n\r\n" + http + b"\r\n\r\n"


def _archive_items(tmp_path: Path, *records: bytes, compressed: bool = False) -> list[Item]:
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(b"".join(gzip.compress(r) if compressed else r for r in records))
    return list(iter_items([path]))


@pytest.mark.parametrize("compressed", [False, True])
@pytest.mark.parametrize(
    ("liar", "reason"),
    [
        (_warc_record("http://a.test/2", length=99999999999999999999), "OverflowError"),
        (_warc_record(None), "AttributeError"),
    ],
    ids=["huge-content-length", "no-target-uri"],
)
def test_a_record_warcio_cannot_read_gives_an_error_item(
    tmp_path: Path, compressed: bool, liar: bytes, reason: str
) -> None:
    items = _archive_items(tmp_path, _warc_record("http://a.test/1"), liar, compressed=compressed)
    assert items[0].error is None
    assert items[-1].error is not None
    assert items[-1].error.startswith("cannot read archive after offset 0:")
    assert reason in items[-1].error


def test_a_content_length_past_the_record_is_an_error_not_a_swallowed_record(tmp_path: Path) -> None:
    items = _archive_items(
        tmp_path,
        _warc_record("http://a.test/1", overstate=300),  # ends inside the next record
        _warc_record("http://a.test/2"),
        _warc_record("http://a.test/3"),
    )
    assert items[0].error is not None
    assert "Content-Length" in items[0].error


def test_a_truncated_compressed_archive_gives_an_error_for_its_cut_record(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    whole = gzip.compress(_warc_record("http://a.test/1")) + gzip.compress(_warc_record("http://a.test/2"))
    path.write_bytes(whole[:-40])
    items = list(iter_items([path]))
    assert [item.error is None for item in items] == [True, False]
    assert str(items[1].error).startswith("truncated archive record")


def test_a_broken_uri_in_an_archive_gives_a_record(tmp_path: Path) -> None:
    items = _archive_items(tmp_path, _warc_record("http://[::1/"))
    assert items[0].error is None
    assert items[0].data is not None
    record = boilerstrip.clean(items[0].data, url=items[0].url)
    assert record.error is None


# Names, folders and outputs ------------------------------------------------------------------------


def test_names_that_collide_once_made_safe_stay_apart_and_stable() -> None:
    names = ["a:b.html", "a_b.html", "a?b.html", "a\nb.html", " a_b.html"]
    made = [safe_parts([name]) for name in names]
    assert len(set(made)) == len(names)
    assert made == [safe_parts([name]) for name in names]  # the same on every run
    assert safe_parts(["a_b.html"]) == ("a_b.html",)  # a safe name is left as it is
    assert all(part[0].endswith(".html") for part in made)


def test_names_cut_to_length_stay_apart() -> None:
    long_a, long_b = "x" * 300 + "a.html", "x" * 300 + "b.html"
    assert safe_parts([long_a]) != safe_parts([long_b])


def test_an_unreadable_folder_is_an_error_item(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.html").write_text(PAGE)
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:  # as chmod 000 does for a non-root user
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(iter_items([tmp_path]))
    errors = [item.error for item in items if item.error is not None]
    assert errors == ["cannot read folder: Permission denied"]
    assert len(items) == 2


def test_a_file_name_that_is_no_utf8_gives_a_source_json_can_hold(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.html"), "w") as handle:
        handle.write(PAGE)
    [item] = iter_items([tmp_path])
    assert item.source.endswith("caf\\xe9.html")
    assert item.source.encode("utf-8")  # no lone surrogate left in it
    assert item.path is not None and os.path.exists(item.path)


def test_a_second_run_on_the_same_output_is_refused(tmp_path: Path) -> None:
    first_lines = LinesOutput(tmp_path / "out.jsonl", "fingerprint")
    first_tree = TreeOutput(tmp_path / "tree", "fingerprint")
    first_lines.open()
    first_tree.open()
    try:
        with pytest.raises(BatchError, match="another run is writing"):
            LinesOutput(tmp_path / "out.jsonl", "fingerprint").open()
        with pytest.raises(BatchError, match="another run is writing"):
            TreeOutput(tmp_path / "tree", "fingerprint").open()
    finally:
        first_lines.close()
        first_tree.close()
    again = LinesOutput(tmp_path / "out.jsonl", "fingerprint")
    again.open()  # free once the first has closed
    again.close()


def test_a_symlink_planted_at_a_temporary_name_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "page.json.tmp").symlink_to(outside)
    output = TreeOutput(out_dir, "fingerprint")
    output.open()
    output.write("page", '{"body": "x"}', parts=("page",))
    output.close()
    assert outside.read_text() == "keep me"
    assert json.loads((out_dir / "page.json").read_text()) == {"body": "x"}


@pytest.mark.slow
def test_a_resume_notices_an_input_edited_since_its_record_was_written(tmp_path: Path) -> None:
    from boilerstrip.batch.runner import BatchOptions, run_batch
    from boilerstrip.batch.work import Outcome

    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(3):
        (pages / f"{n}.html").write_text(PAGE.replace("Seals", f"Seals {n}"), encoding="utf-8")
    options = BatchOptions(paths=(pages,), output=tmp_path / "out.jsonl", workers=1)

    def stop_after_a_commit(outcome: Outcome) -> None:
        if outcome.source.endswith("0.html"):
            time.sleep(1.2)  # past COMMIT_EVERY_SECONDS: the first record is committed
        else:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(options, on_page=stop_after_a_commit)
    (pages / "0.html").write_text(PAGE.replace("Seals", "Seals, corrected"), encoding="utf-8")
    with pytest.raises(BatchError, match="the inputs changed since the interrupted run"):
        run_batch(options)


def test_a_record_too_large_to_skip_stops_its_archive_with_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A record inflating to 10 GB was inflated in the parent while the workers
    # waited; past MAX_RECORD_BYTES (1 GiB, here made small) it is not read on.
    from boilerstrip.batch import inputs

    monkeypatch.setattr(inputs, "MAX_RECORD_BYTES", 2_000)
    monkeypatch.setattr(inputs, "READ_CHUNK_BYTES", 500)
    path = tmp_path / "crawl.warc.gz"
    records = (_warc_record("http://a.test/1"), _warc_record("http://a.test/2", body=PAGE * 20))
    path.write_bytes(b"".join(gzip.compress(record) for record in records))
    items = list(iter_items([path], max_bytes=1_000))  # the page itself is refused, its rest skipped
    assert items[0].error is None
    assert str(items[-1].error).startswith(
        "cannot read archive after offset 0: a record larger than 2000 bytes"
    )


def test_a_broken_uri_has_no_host_for_site_templates() -> None:
    from boilerstrip.batch.templates import host_of

    item = Item(source="crawl.warc#offset=7", out_parts=("x",), url="http://[::1/")
    assert host_of(item).startswith("folder:")


def test_a_content_length_short_of_the_record_is_an_error_said_in_the_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = _archive_items(
        tmp_path, _warc_record("http://a.test/1", overstate=-40), _warc_record("http://a.test/2")
    )
    assert items[0].error == "archive record does not end where its Content-Length says"
    assert capsys.readouterr().err == ""  # warcio's own warning would land amid a batch's output
