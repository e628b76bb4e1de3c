"""The fixed interaction slots of a SCORM package (render/slots.py), on the small test course:
pages start (reflection `tanke`) and prov (test `slutprov`: questions modell, data)."""

import hashlib
from collections.abc import Callable
from pathlib import Path

from aicourse_build.render.slots import (
    PROGRESS_SLOT,
    VERSION_SLOT,
    Slot,
    fingerprint,
    slots,
    slots_config,
    version_response,
)
from aicourse_build.resolve import ResolvedCourse

LAYOUT = [
    ["aicourse", "fill-in"],
    ["aicourse-progress", "fill-in"],
    ["tanke", "fill-in"],
    ["slutprov__modell", "choice"],
    ["slutprov__data", "true-false"],
]


def _add_question(course: Path) -> None:
    """A third question in the bank, in both languages."""
    for name in ("fragor.sv.yaml", "fragor.en.yaml"):
        path = course / "questions" / name
        text = path.read_text(encoding="utf-8")
        text += "  - id: ny\n    type: truefalse\n    prompt: Ny fråga?\n    answer: false\n"
        path.write_text(text, encoding="utf-8")


def test_version_and_progress_first_then_the_course_in_page_order(
    resolved_intern: ResolvedCourse,
) -> None:
    layout = slots(resolved_intern)
    assert layout[0] == Slot(VERSION_SLOT, "fill-in")
    assert layout[1] == Slot(PROGRESS_SLOT, "fill-in")
    # the reflection on the first page, then the test's questions in authored order
    assert [[s.id, s.type] for s in layout] == LAYOUT


def test_the_config_gives_ids_and_the_version_response(resolved_intern: ResolvedCourse) -> None:
    config = slots_config(resolved_intern)
    assert config["ids"] == LAYOUT
    text = "\n".join(f"{ident} {kind}" for ident, kind in LAYOUT)
    expected = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    assert config["version"] == f"1.0.0/{expected}"
    assert version_response(resolved_intern, slots(resolved_intern)) == config["version"]


def test_adding_a_question_adds_a_slot_and_changes_the_fingerprint(
    small_course: Path, resolve_course: Callable[..., ResolvedCourse]
) -> None:
    before = slots(resolve_course(small_course, "intern"))
    _add_question(small_course)
    after = slots(resolve_course(small_course, "intern"))
    assert after[: len(before)] == before
    assert after[len(before) :] == [Slot("slutprov__ny", "true-false")]
    assert fingerprint(after) != fingerprint(before)
    # a changed type is another layout too
    retyped = [*before[:-1], Slot(before[-1].id, "choice")]
    assert fingerprint(retyped) != fingerprint(before)


def test_the_course_version_changes_the_response_not_the_fingerprint(
    small_course: Path, resolve_course: Callable[..., ResolvedCourse]
) -> None:
    old = slots_config(resolve_course(small_course, "intern"))
    meta = small_course / "course.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("version: 1.0.0", "version: 1.1.0"),
        encoding="utf-8",
    )
    new = slots_config(resolve_course(small_course, "intern"))
    assert new["ids"] == old["ids"]
    assert new["version"] == "1.1.0/" + old["version"].split("/")[1]
