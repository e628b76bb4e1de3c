"""What the LMS or LRS notices itself, on footprints changed by hand."""

from __future__ import annotations

from aicourse_build.diff.footprint import Completion, Footprint, ResumeState, Unit
from aicourse_build.diff.tracking import (
    completion_changes,
    identifier_changes,
    interaction_changes,
    resume_changes,
)

BASE = Footprint(
    course="kurs",
    version="1.0.0",
    profile="intern",
    language="sv",
    format="scorm12",
    manifest="MAN_kurs_intern",
    units=(Unit(kind="item", id="ITEM_kurs_intern", launch="index.html"),),
    pages=(),
    questions=(),
    interactions=("aicourse", "aicourse-progress", "test__a", "test__b"),
    objectives=(),
    resume=ResumeState(format="2", worst_case=100, limit=4096),
    completion=Completion(pages=(), assessment="test", passing_score=80, on_fail="failed"),
)


def _with(**update: object) -> Footprint:
    return BASE.model_copy(update=update)


def test_nothing_changed() -> None:
    for changes in (identifier_changes, interaction_changes, resume_changes, completion_changes):
        assert list(changes(BASE, BASE)) == []


def test_a_manifest_identifier_alone_is_a_caution_for_scorm_and_a_loss_for_xapi() -> None:
    [scorm] = identifier_changes(BASE, _with(manifest="MAN_other"))
    assert scorm.severity == "caution" and "match by item identifier only" in scorm.message
    xapi_unit = (Unit(kind="activity", id="https://x/kurs", launch="index.html"),)
    old = _with(format="xapi", manifest="https://x/kurs", units=xapi_unit)
    new = _with(format="xapi", manifest="https://x/ny", units=xapi_unit)
    [xapi] = identifier_changes(old, new)
    assert xapi.severity == "loss" and "the old activity id" in xapi.message


def test_appended_interactions_keep_the_columns() -> None:
    [added] = interaction_changes(BASE, _with(interactions=(*BASE.interactions, "test__c")))
    assert added.severity == "info"
    assert added.message == "1 new interaction id(s) after the existing ones: test__c"


def test_inserted_interactions_move_the_columns() -> None:
    moved = ("aicourse", "aicourse-progress", "test__c", "test__a", "test__b")
    changes = list(interaction_changes(BASE, _with(interactions=moved)))
    assert [c.severity for c in changes] == ["caution", "info"]
    assert "one column per position" in changes[0].message
    swapped = ("aicourse", "aicourse-progress", "test__b", "test__a")
    assert [c.reason for c in interaction_changes(BASE, _with(interactions=swapped))] == [
        "report columns move"
    ]


def test_objectives() -> None:
    [change] = interaction_changes(BASE, _with(objectives=("PRIMARYOBJ",)))
    assert change.message == "objective ids change: none -> PRIMARYOBJ"


def test_a_state_format_that_is_not_known_or_not_a_number() -> None:
    unknown = _with(resume=ResumeState(format="?", worst_case=100, limit=4096))
    [change] = resume_changes(unknown, BASE)
    assert change.severity == "caution" and "is not known here" in change.message
    other = _with(resume=ResumeState(format="x", worst_case=100, limit=4096))
    [change] = resume_changes(BASE, other)
    assert change.severity == "loss"


def test_on_fail() -> None:
    completion = BASE.completion.model_copy(update={"on_fail": "incomplete"})
    [change] = completion_changes(BASE, _with(completion=completion))
    assert change.message.startswith("what a failed test reports (on_fail): failed -> incomplete;")
