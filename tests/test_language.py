"""The language of a page that does not state it, read from its kept text."""

from __future__ import annotations

import pytest

import boilerstrip
from boilerstrip.cleaner import Cleaner
from boilerstrip.document import Block, Document
from boilerstrip.stages import language
from boilerstrip.stages.language import GuessLanguage

GERMAN = (
    "Die Gemeinde hat am Montag beschlossen, die alte Brücke über den Fluss im kommenden Frühjahr "
    "abzureißen und durch einen Neubau zu ersetzen.\n\n"
    "Der Bürgermeister sagte, die Arbeiten würden etwa zwei Jahre dauern und der Verkehr werde "
    "während dieser Zeit über die Umgehungsstraße geleitet.\n\n"
    "Anwohner hatten sich seit Langem über den Zustand des Bauwerks beschwert."
)
SPANISH = (
    "El ayuntamiento aprobó el lunes un plan para renovar la biblioteca municipal, que lleva cerrada "
    "desde el invierno pasado por problemas en el tejado.\n\n"
    "Las obras comenzarán en primavera y la biblioteca volverá a abrir sus puertas a finales de año, "
    "según explicó la concejala de cultura."
)


def _text_doc(*lines: str, language: str | None = None) -> Document:
    doc = Document(raw_text="\n".join(lines), kind="text")
    doc.blocks = [Block(text=line) for line in lines]
    if language:
        doc.metadata["language"] = language
    return doc


def test_text_input_gets_the_language_of_its_article() -> None:
    assert boilerstrip.clean(GERMAN, mode="text").metadata.get("language") == "de"
    assert boilerstrip.clean(SPANISH, mode="text").metadata.get("language") == "es"


def test_only_the_kept_text_votes() -> None:
    banner = "We use cookies to improve your experience on our website and to show you relevant offers."
    doc = _text_doc(*[banner] * 12, *SPANISH.split("\n\n"))
    for block in doc.blocks[:12]:
        doc.remove(block, "chrome", "test-cookie-banner")
    assert GuessLanguage()(doc).metadata["language"] == "es"


def test_a_stated_language_is_kept() -> None:
    doc = _text_doc(*GERMAN.split("\n\n"), language="fr")
    assert GuessLanguage()(doc).metadata["language"] == "fr"


def test_too_little_text_names_no_language() -> None:
    doc = _text_doc("Preise", "12,99 €")
    assert "language" not in GuessLanguage()(doc).metadata


ENGLISH = (
    "The council said on Monday that the old bridge over the river would be pulled down in the spring "
    "and that a new one, which the town has wanted for years, would take its place.\n\n"
    "Residents have complained about the state of the bridge since the floods of last winter."
)


def test_plain_english_is_named_without_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_model() -> None:
        raise AssertionError("the model was asked")

    monkeypatch.setattr(language, "_identifier", no_model)
    assert GuessLanguage()(_text_doc(*ENGLISH.split("\n\n"))).metadata["language"] == "en"


def test_english_words_in_other_prose_leave_it_to_the_model() -> None:
    # A German article quoting an English title is still German.
    quoting = GERMAN + "\n\nDer Film heißt „The House That They Built“ und läuft ab Donnerstag."
    assert not language._plainly_english(quoting)
    assert GuessLanguage()(_text_doc(*quoting.split("\n\n"))).metadata["language"] == "de"
    # And the English shortcut agrees with the model where it fires.
    assert language._plainly_english(ENGLISH)
    assert language._identifier().classify(ENGLISH)[0] == "en"


def test_prepare_loads_the_model_before_any_page() -> None:
    language._identifier.cache_clear()
    Cleaner().prepare()
    assert language._identifier.cache_info().currsize == 1
