"""Bytes in: charsets, gzip, mode detection, and bad input turning into error records."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

import boilerstrip
from boilerstrip.api import trace
from boilerstrip.reading.decode import InputError, decode, gunzip, read_bytes, sniff_mode
from boilerstrip.reading.page import (
    BINARY,
    BINARY_CONTROL_SHARE,
    BINARY_SNIFF_CHARS,
    EMPTY,
    UNDECODABLE,
    UNDECODABLE_SHARE,
    looks_binary,
)

ARTICLE_HTML = """<!doctype html><html lang="fr"><head>{meta}<title>Le café du coin | Ville</title></head>
<body><article><h1>Le café du coin</h1>
<p>Le café du coin a rouvert ses portes après deux années de travaux menés par la mairie.</p>
<p>Les habitants ont salué une rénovation « réussie » qui a coûté 20 € par habitant.</p>
<p>La terrasse accueille désormais quarante personnes, et le menu change chaque semaine.</p>
</article></body></html>"""


def _page(meta: str = '<meta charset="utf-8">') -> str:
    return ARTICLE_HTML.format(meta=meta)


def test_utf8_declared_and_true() -> None:
    assert "café" in decode(_page().encode("utf-8"))


def test_meta_charset_is_followed() -> None:
    page = _page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')
    assert "20 €" in decode(page.encode("cp1252"))


def test_mislabelled_charset_falls_back_to_what_decodes() -> None:
    # Declares UTF-8, but the bytes are windows-1252: strict UTF-8 fails.
    decoded = decode(_page().encode("cp1252"))
    assert "café" in decoded
    assert "20 €" in decoded


def test_latin1_label_on_utf8_bytes_reads_as_utf8() -> None:
    decoded = decode(_page('<meta charset="iso-8859-1">').encode("utf-8"))
    assert "café" in decoded and "Ã" not in decoded


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_mark_wins(encoding: str) -> None:
    assert "café" in decode(_page('<meta charset="iso-8859-1">').encode(encoding))


def test_undecodable_bytes_never_raise() -> None:
    assert isinstance(decode(bytes(range(256)) * 40), str)


def test_gzip_is_read_transparently(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(_page().encode("utf-8")))
    assert "café" in read_bytes(path).decode("utf-8")
    record = boilerstrip.clean_file(path)
    assert record.error is None
    assert record.title == "Le café du coin"


def test_gzip_bomb_is_refused() -> None:
    bomb = gzip.compress(b"\0" * (2 * 1024 * 1024))
    with pytest.raises(InputError, match="expands past"):
        gunzip(bomb, limit=1024 * 1024)


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        (_page(), "html"),
        ("<p>One</p><p>Two</p><div>Three</div><a href='#'>x</a>", "html"),
        ("Home » News\n\nA story about the <b> tag in HTML.\n", "text"),
        ("Plain text, with a < sign and a > sign.", "text"),
    ],
)
def test_mode_is_sniffed(text: str, mode: str) -> None:
    assert sniff_mode(text) == mode


def test_forced_mode_overrides_sniffing() -> None:
    record = boilerstrip.clean(_page(), mode="text")
    assert "<p>" in record.body or "<article>" in record.body


@pytest.mark.parametrize("data", [b"", "   \n\n", b"\n"])
def test_empty_input_gives_an_error_record(data: bytes | str) -> None:
    record = boilerstrip.clean(data)
    assert record.error == "empty input"
    assert record.body == ""


def test_missing_file_gives_an_error_record(tmp_path: Path) -> None:
    record = boilerstrip.clean_file(tmp_path / "nowhere.html")
    assert record.error is not None and "cannot read input" in record.error
    assert record.source == str(tmp_path / "nowhere.html")


def test_wrong_argument_type_raises() -> None:
    with pytest.raises(TypeError):
        boilerstrip.clean(12345)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="mode"):
        boilerstrip.clean("text", mode="pdf")  # type: ignore[arg-type]


def test_xml_declaration_with_encoding_is_accepted() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + _page()
    record = boilerstrip.clean(page)
    assert record.error is None
    assert "rouvert" in record.body


def test_same_input_same_record_whatever_came_before() -> None:
    first = boilerstrip.clean(_page(), url="https://a.example/1").to_dict()
    for other in ("Home » X\n\nSome other page entirely, with its own text.\n", _page("")):
        boilerstrip.clean(other)
    assert boilerstrip.clean(_page(), url="https://a.example/1").to_dict() == first


# Inputs that are no page, each with the one reason every entry point gives.
NOT_PAGES = {
    "binary": (random.Random(6).randbytes(20000), BINARY),
    "empty": (b"  \n\t\n", EMPTY),
    "bom-only": (b"\xff\xfe", EMPTY),
    "undecodable": (b"caf\xe9 \x81\x8d\x8f\x90\x9d\xff\xfe" * 300, UNDECODABLE),
}


@pytest.mark.parametrize("name", NOT_PAGES)
def test_input_that_is_no_page_gives_one_error_record_through_every_entry_point(
    tmp_path: Path, name: str
) -> None:
    data, reason = NOT_PAGES[name]
    path = tmp_path / f"{name}.html"
    path.write_bytes(data)
    record = boilerstrip.clean(data)
    assert record.error == reason and record.body == "" and record.title is None
    from_file = {**record.to_dict(), "source": str(path)}
    assert boilerstrip.clean_file(path).to_dict() == from_file
    assert boilerstrip.clean(path).to_dict() == from_file
    with pytest.raises(InputError) as raised:
        trace(data)
    assert str(raised.value) == reason


def test_text_already_decoded_is_held_to_the_same_gate() -> None:
    assert boilerstrip.clean("\x00\x01\x02 not text " * 200).error == BINARY
    share = int(1 / UNDECODABLE_SHARE)
    assert boilerstrip.clean(("\ufffd" + "a" * (share // 2)) * 100).error == UNDECODABLE
    assert boilerstrip.clean(("\ufffd" + "a" * share * 2) * 100).error is None  # a few bad bytes pass


def test_the_control_share_of_decoded_text_counts_characters_not_bytes() -> None:
    # Control characters are counted in the text's UTF-8 bytes, three a
    # character here: the share is still of the characters.
    size = int(BINARY_SNIFF_CHARS * 0.95)
    over = int(BINARY_CONTROL_SHARE * size) + 40
    under = int(BINARY_CONTROL_SHARE * size) - 40
    assert looks_binary("渡" * (size - over) + "\x01" * over)
    assert not looks_binary("渡" * (size - under) + "\x01" * under)


def test_a_path_is_read_and_a_str_is_content(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(_page(), encoding="utf-8")
    from_path = boilerstrip.clean(path)
    assert from_path.to_dict() == boilerstrip.clean_file(path).to_dict()
    assert from_path.source == str(path) and from_path.title == "Le café du coin"
    as_text = boilerstrip.clean(str(path))
    assert as_text.source is None and "rouvert" not in as_text.body


def test_a_parsed_lxml_tree_is_cleaned_as_its_html_and_left_as_it_was() -> None:
    expected = boilerstrip.clean(_page()).to_dict()
    tree = lxml_html.document_fromstring(_page())
    before = lxml_html.tostring(tree)
    assert boilerstrip.clean(tree).to_dict() == expected
    assert boilerstrip.clean(tree.getroottree()).to_dict() == expected
    assert lxml_html.tostring(tree) == before  # the stages pruned a copy
    xml_tree = etree.fromstring(lxml_html.tostring(tree, method="xml"))  # no HTML element classes
    assert boilerstrip.clean(xml_tree).body == expected["body"]


def test_a_beautifulsoup_document_is_cleaned_as_its_html() -> None:
    bs4 = pytest.importorskip("bs4")
    expected = boilerstrip.clean(_page()).to_dict()
    soup = bs4.BeautifulSoup(_page(), "html.parser")
    record = boilerstrip.clean(soup)
    assert record.to_dict() == expected
    assert record.metadata["language"] == "fr"  # read from <html lang>, which the conversion keeps
    assert "rouvert" in soup.get_text()  # the caller's document is whole


def test_a_parsed_page_without_text_is_empty_and_cannot_be_read_as_text() -> None:
    assert boilerstrip.clean(lxml_html.fromstring("<div> <p> </p> </div>")).error == EMPTY
    with pytest.raises(ValueError, match="parsed page is HTML"):
        boilerstrip.clean(lxml_html.document_fromstring(_page()), mode="text")
