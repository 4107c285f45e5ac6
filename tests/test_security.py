"""Untrusted input reads no file, opens no connection, expands no bomb, and
cannot make a rule backtrack catastrophically."""

from __future__ import annotations

import gzip
import json
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip.matching.regex_safety import timed_reason, unsafe_reason
from boilerstrip.matching.rules import RuleError, load_rules
from boilerstrip.reading.decode import read_bytes

SECRET = "ZQXJ-secret-file-content-7731"
PROSE = "The harbour seals came back to the estuary this spring, volunteers said on Sunday."


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A local TCP port that records whether anything connected to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


def _connected(server: socket.socket) -> bool:
    try:
        connection, _ = server.accept()
    except BlockingIOError:
        return False
    connection.close()
    return True


def _payloads(uri: str) -> list[str]:
    """Ways a page can ask a parser to read `uri`."""
    body = f"<body><h1>Seals</h1><p>{PROSE}</p><p>&xxe;</p></body>"
    return [
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "{uri}">]><html>{body}</html>',
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{uri}">]><html>{body}</html>',
        f'<!DOCTYPE html [<!ENTITY % ext SYSTEM "{uri}"> %ext;]><html>{body}</html>',
        f'<!DOCTYPE html SYSTEM "{uri}"><html>{body}</html>',
        f'<html xmlns:xi="http://www.w3.org/2001/XInclude">{body}'
        f'<xi:include href="{uri}" parse="text"/></html>',
        f'<html><head><link rel="stylesheet" href="{uri}"><script src="{uri}"></script>'
        f'<base href="{uri}"></head>{body}<iframe src="{uri}"></iframe><img src="{uri}">'
        f'<object data="{uri}"></object><embed src="{uri}"></html>',
    ]


@pytest.mark.parametrize("mode", ["auto", "html", "text"])
def test_external_entities_and_linked_files_are_never_read(secret_file: Path, mode: str) -> None:
    for page in _payloads(secret_file.as_uri()) + _payloads(str(secret_file)):
        record = boilerstrip.clean(page, mode=mode, explain=True)  # type: ignore[arg-type]
        assert SECRET not in json.dumps(record.to_dict(), ensure_ascii=False)
        if mode != "text":
            assert record.error is None
            assert PROSE in record.body


def test_no_network_access_from_a_page(listener: socket.socket) -> None:
    host, port = listener.getsockname()
    uri = f"http://{host}:{port}/x"
    for page in _payloads(uri):
        record = boilerstrip.clean(page, mode="html", url=uri)
        assert record.error is None
        assert not _connected(listener), page[:80]


def test_internal_entity_expansion_is_not_performed() -> None:
    """A billion-laughs page: entities are left as text, never expanded."""
    entities = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    page = f"<!DOCTYPE html [{entities}]><html><body><p>{PROSE}</p><p>&a9;</p></body></html>"
    record = boilerstrip.clean(page, mode="html", timeout=10)
    assert record.error is None
    assert "lollol" not in record.body
    assert len(record.body) < 2 * len(page)


def test_gzip_bomb_file_is_refused_without_inflating_it(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    with gzip.open(path, "wb", compresslevel=9) as handle:
        for _ in range(200):
            handle.write(b"\0" * 1_000_000)  # 200 MB of zeros, about 200 KB on disk
    assert path.stat().st_size < 1_000_000
    record = boilerstrip.clean_file(path)
    assert record.error is not None
    assert "gzip expands past" in record.error


def test_gzip_inside_gzip_is_opened_once(tmp_path: Path) -> None:
    inner = gzip.compress(b"<p>" + b"a" * 1_000_000 + b"</p>")
    path = tmp_path / "nested.html.gz"
    path.write_bytes(gzip.compress(inner))
    assert read_bytes(path) == inner  # the inner layer stays compressed bytes


# Rule safety: patterns that could hang on a crafted line are refused.

OVERLAP = "unbounded repeat over alternatives that can start with the same character"
NESTED = "nested unbounded repeat"


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"(a|aa)*$", OVERLAP),
        (r"(?:a|ab|b)*c", OVERLAP),
        (r"(\w|\d\d)+!", OVERLAP),
        (r"(?:a{1,3})*!", OVERLAP),
        (r"(?:[:.…]|\.\.\.|\s)*$", OVERLAP),
        (r"(?:x|y+)*z", NESTED),
        (r"(a+)+$", NESTED),
        (r"(?:\w+\s?)+$", NESTED),
    ],
)
def test_backtracking_shapes_are_refused_with_a_reason(pattern: str, reason: str) -> None:
    found = unsafe_reason(pattern)
    assert found is not None
    assert found.startswith(reason)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(\w|\d)+!",  # re merges one-character alternatives into one class: one way per character
        r"(?:news|sport|weather)+:",
        r"(?:delivered |daily |every (?:morning|day) )*inbox",
        r"(?:x\s?)*y",
        r"(?:[:.…]|\(\d{1,3}\)|\s)*$",
        r"(?:foo|foobar)+!",
    ],
)
def test_unambiguous_repeats_pass_and_run_fast(pattern: str) -> None:
    assert unsafe_reason(pattern) is None
    assert timed_reason(re.compile(pattern, re.IGNORECASE).fullmatch) is None


def test_nested_bounded_repeats_are_checked_quickly() -> None:
    """Six nested {24} (191 million characters) under a `+`: the overlap check
    compares the first MAX_PREFIX characters only, so it expands no further."""
    inner = "a{24}"
    for _ in range(5):
        inner = f"(?:{inner}){{24}}"
    started = time.process_time()
    assert unsafe_reason(f"(?:{inner})+!") is None
    assert (unsafe_reason(f"(?:{inner}|a)*!") or "").startswith(OVERLAP)
    assert time.process_time() - started < 2


def test_refused_shapes_really_backtrack() -> None:
    """The refusals are not theoretical: (a|aa)* on a near-miss doubles per character."""
    pattern = re.compile(r"(a|aa)*$")
    timings = []
    for length in (20, 26):
        started = time.perf_counter()
        pattern.match("a" * length + "!")
        timings.append(time.perf_counter() - started)
    assert timings[1] > 3 * timings[0]


USER_RULE = """
[[rule]]
id = "x-user"
description = "a user's rule"
action = "drop"
pattern = '''{pattern}'''
[rule.examples]
match = ["{match}"]
no_match = ["an ordinary sentence that goes on"]
"""


def _user_rules(tmp_path: Path, pattern: str, match: str) -> Path:
    path = tmp_path / "extra.toml"
    path.write_text(USER_RULE.format(pattern=pattern, match=match), encoding="utf-8")
    return path


@pytest.mark.slow
def test_slow_user_rule_is_refused_at_load_time(tmp_path: Path) -> None:
    # Polynomial, not exponential: it passes the structural checks, but takes
    # seconds on 600 spaces, so the load-time timing refuses it.
    path = _user_rules(tmp_path, r"\s*\s*\s*\s{0,8}x", " x")
    assert unsafe_reason(r"\s*\s*\s*\s{0,8}x") is None
    with pytest.raises(RuleError) as refused:
        load_rules(path)
    message = str(refused.value)
    assert message.startswith(f"{path}, rule 'x-user': unsafe pattern: too slow on adversarial text")


def test_structurally_unsafe_user_rule_is_refused(tmp_path: Path) -> None:
    path = _user_rules(tmp_path, r"(a|aa)*b", "aab")
    with pytest.raises(RuleError, match=r"rule 'x-user': unsafe pattern: unbounded repeat over alternatives"):
        load_rules(path)


def test_fast_user_rule_loads(tmp_path: Path) -> None:
    path = _user_rules(tmp_path, r"-\s*sponsored\s*-", "- Sponsored -")
    assert any(rule.id == "x-user" for rule in load_rules(path).all_block_rules())


def test_bundled_rules_pass_the_load_time_timing() -> None:
    """What a user's file must pass, the bundled rules pass too."""
    slow = {rule.id: timed_reason(rule.find) for rule in load_rules().all_block_rules()}
    assert {rule_id: reason for rule_id, reason in slow.items() if reason} == {}
