"""Fixed interaction slots: where each answer goes in a SCORM package's `cmi.interactions`.

Moodle's and Totara's interactions report, as a teacher downloads it, has one set of columns per
interaction *index* and, by default, only the `Response N` column (docs/lms-moodle.md). Written in
the order learners happen to answer, column N would be a different question for each learner.
So the runtime declares every slot at the first launch, in this order, and writes each first
answer into its own slot: column N is the same element for every learner of a package version.
`aicourse results` computes the same layout from the manuscript to read the columns back.

Slot 0 holds the course version and a fingerprint of the layout, so results can tell a download
of another version (whose columns mean other things) and refuse to mix it.
Later attempts at a test are appended after the slots, their ids ending in `__<attempt>`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from aicourse_build.model.blocks import GroupBlock, QuizBlock, ReflectionBlock, SurveyBlock
from aicourse_build.resolve import ResolvedCourse

VERSION_SLOT = "aicourse"
PROGRESS_SLOT = "aicourse-progress"
# the SCORM interaction type of each question type (both versions name them alike)
QUESTION_TYPES = {
    "single": "choice",
    "multiple": "choice",
    "truefalse": "true-false",
    "ordering": "sequencing",
    "matching": "matching",
}


@dataclass(frozen=True)
class Slot:
    id: str  # the interaction id, as the runtime records answers ("<quiz>__<question>")
    type: str  # the SCORM interaction type


def slots(resolved: ResolvedCourse) -> list[Slot]:
    """Every slot of a package, in order: version, progress, then the answers of the course in
    page order (self-reports, questions of every test, survey items, reflections)."""
    found = [Slot(VERSION_SLOT, "fill-in"), Slot(PROGRESS_SLOT, "fill-in")]
    for page in resolved.pages:
        for rb in page.blocks:
            block = rb.block
            if isinstance(block, GroupBlock):
                found.append(Slot(block.id, "choice"))
            elif isinstance(block, QuizBlock):
                found += [
                    Slot(f"{block.id}__{q.id}", QUESTION_TYPES[q.type])
                    for q in block.questions or []
                ]
            elif isinstance(block, SurveyBlock):
                found += [Slot(f"{block.id}__{item.id}", "likert") for item in block.items]
            elif isinstance(block, ReflectionBlock):
                found.append(Slot(block.id, "fill-in"))
    return found


def fingerprint(layout: list[Slot]) -> str:
    """Short hash of the layout: a download whose slot 0 names another one is another version."""
    text = "\n".join(f"{slot.id} {slot.type}" for slot in layout)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def version_response(resolved: ResolvedCourse, layout: list[Slot]) -> str:
    """What slot 0 holds: `<course version>/<layout fingerprint>`."""
    return f"{resolved.course.meta.version}/{fingerprint(layout)}"


def slots_config(resolved: ResolvedCourse) -> dict[str, object]:
    """The boot config's `slots` (docs/runtime.md)."""
    layout = slots(resolved)
    return {
        "ids": [[slot.id, slot.type] for slot in layout],
        "version": version_response(resolved, layout),
    }
