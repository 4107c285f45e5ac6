"""The Cleaner: one Options value, its pipelines, and the one loop over stages that
every entry point (the API, the batch and its template pass, eval, explain) runs."""

from __future__ import annotations

import pickle
import time
from dataclasses import fields
from pathlib import Path
from typing import get_type_hints

import pytest

import boilerstrip
from boilerstrip.batch.inputs import Item
from boilerstrip.batch.work import Job, Settings, keys_job
from boilerstrip.cleaner import READ, Cleaner, cleaner_for
from boilerstrip.document import Document
from boilerstrip.limits import TimeLimitExceeded
from boilerstrip.matching.rules import RuleError
from boilerstrip.options import OptionFields, Options
from boilerstrip.stages.rejoin import RejoinBrokenLines
from boilerstrip.stages.site_templates import STAGE as TEMPLATES

STORY = (
    "Harbour seals return to the estuary\n\n"
    "Volunteers counting wildlife on the estuary have recorded the first harbour seals in a decade, "
    "the trust that runs the survey said on Monday.\n\n"
    "- Advertisement -\n\n"
    "The animals were seen hauled out on a sandbank at low tide, and counters expect more to follow "
    "as fish stocks recover in the river mouth.\n\n"
    "Share this article\n"
)
# Seconds a page may overrun its time limit before the test calls the bound broken.
GRACE_SECONDS = 2.0


def test_the_keywords_of_clean_are_the_fields_of_options() -> None:
    assert set(get_type_hints(OptionFields)) == {f.name for f in fields(Options)}


def test_one_rule_id_or_many_are_both_taken_as_ids() -> None:
    assert Options.of(disable="share-tweet").disable == ("share-tweet",)
    assert Options.of(disable=["a", "b"], rules=Path("x")).disable == ("a", "b")
    assert Options.of(rules=Path("x")).rules == ("x",)


def test_bad_options_are_refused_before_any_page() -> None:
    with pytest.raises(ValueError, match="mode"):
        Options.of(mode="pdf")  # type: ignore[typeddict-item]
    with pytest.raises(ValueError, match="timeout"):
        Options(timeout=0)
    with pytest.raises(RuleError, match="no such rule file"):
        Cleaner(Options(rules=("no/such/dir",)))


def test_the_api_is_the_cleaner_of_the_same_options() -> None:
    options = Options(mode="text", disable=("ads-marker",))
    direct = Cleaner(options).clean(STORY)
    assert boilerstrip.clean(STORY, mode="text", disable="ads-marker") == direct
    assert cleaner_for(options) is cleaner_for(Options(mode="text", disable=("ads-marker",)))


def test_a_cleaner_travels_to_a_worker_as_its_options() -> None:
    cleaner = Cleaner(Options(mode="text", disable=("ads-marker",)))
    copy = pickle.loads(pickle.dumps(cleaner))
    assert copy.options == cleaner.options
    assert copy.clean(STORY) == cleaner.clean(STORY)


def test_every_stage_has_a_name_of_its_own() -> None:
    cleaner = Cleaner()
    for kind in ("html", "text"):
        names = [stage.name for stage in cleaner.stages(kind, templates=frozenset())]  # type: ignore[arg-type]
        assert len(names) == len(set(names)), names


def test_a_rule_kind_cannot_take_a_stage_name(tmp_path: Path) -> None:
    (tmp_path / "title.toml").write_text(
        'description = "x"\n[[rule]]\nid = "my-title-rule"\ndescription = "x"\naction = "drop"\n'
        'pattern = "zzz"\n[rule.examples]\nmatch = ["zzz"]\nno_match = ["aaa"]\n',
        encoding="utf-8",
    )
    with pytest.raises(RuleError, match="cannot share its name with a stage: 'title'"):
        Cleaner(Options(rules=(str(tmp_path),)))


def test_trace_stops_before_the_stage_it_is_told() -> None:
    cleaner = Cleaner(Options(mode="text"))
    whole = cleaner.trace(STORY)
    halfway = cleaner.trace(STORY, templates=frozenset(), until=TEMPLATES)
    later = [stage.name for stage in cleaner.stages("text")]
    later = later[later.index("keep") :]
    assert {r.stage for r in whole.removals} & set(later)
    assert not {r.stage for r in halfway.removals} & set(later[later.index("captured_metadata") + 1 :])
    with pytest.raises(ValueError, match="no stage named 'nowhere'"):
        cleaner.trace(STORY, until="nowhere")


def test_the_hook_sees_the_read_and_every_stage_in_order() -> None:
    cleaner = Cleaner(Options(mode="text"))
    seen: list[str] = []
    cleaner.trace(STORY, on_stage=lambda name, seconds: seen.append(name))
    assert seen == [READ, *(stage.name for stage in cleaner.stages("text"))]


def test_trace_is_bound_by_the_same_limits_as_clean() -> None:
    cleaner = Cleaner(Options(max_bytes=100))
    assert cleaner.clean(STORY).error is not None
    with pytest.raises(ValueError, match="input too large"):
        cleaner.trace(STORY)


def _never_returns(self: RejoinBrokenLines, doc: Document) -> Document:
    while True:  # Python code: the alarm interrupts it
        time.sleep(0.01)


def test_a_hostile_page_in_the_template_pass_hits_the_time_limit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page = tmp_path / "page.txt"
    page.write_text(STORY, encoding="utf-8")
    job = Job(Item(source=str(page), out_parts=("page.txt",), path=str(page)))
    settings = Settings(options=Options(timeout=0.3))
    learned = keys_job(job, settings)
    assert learned.keys is not None and learned.keys  # an ordinary page teaches its blocks

    monkeypatch.setattr(RejoinBrokenLines, "__call__", _never_returns)
    started = time.monotonic()
    assert keys_job(job, settings).keys is None
    assert time.monotonic() - started < 0.3 + GRACE_SECONDS
    with pytest.raises(TimeLimitExceeded):
        cleaner_for(settings.options).trace(STORY, templates=frozenset(), until=TEMPLATES)
