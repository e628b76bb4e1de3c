"""The footprint of one package: what a learner in progress and the LMS's reports notice of it.

It is data, written into build-report.json (`footprint` of each package) and read back from a
package zip the same way (read.py), so two packages, two reports or a report and a zip compare
alike. Only ids, order and fingerprints are kept: no texts, no timestamps, so two builds of one
manuscript give equal footprints.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel, ConfigDict

# The version of this shape: a report with another one is not compared field by field.
FOOTPRINT_VERSION = 1


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Unit(_Frozen):
    """What an LMS tracks learners against: a SCORM item (Moodle's and Totara's SCO), a cmi5 AU
    or the xAPI course activity; `launch` is the file (and query) it starts."""

    kind: str  # "item", "au" or "activity"
    id: str
    launch: str


class PageFootprint(_Frozen):
    id: str
    title: str
    required: bool  # the completion policy needs it seen
    content: str  # sha256 of the page as rendered (every language of the package)


class QuestionFootprint(_Frozen):
    quiz: str
    id: str  # as the package tracks it (with its version, docs/manuscript.md)
    type: str
    choices: tuple[str, ...]  # choice ids (matching: prompts, then choices)
    answer: str  # fingerprint of the correct answer
    text: str  # fingerprint of the prompt, choices and feedback as learners read them


def question_change(was: QuestionFootprint, now: QuestionFootprint) -> str | None:
    """What changed of a question under the same id, the weightiest first: "type", "answer",
    "choices" (each makes old and new answers incomparable) or "text" (wording only)."""
    for field in ("type", "answer", "choices", "text"):
        if getattr(was, field) != getattr(now, field):
            return field
    return None


class Completion(_Frozen):
    pages: tuple[str, ...]  # the pages that must be seen
    assessment: str | None
    passing_score: int
    on_fail: str
    # what the manifest itself tells the LMS (mastery score, moveOn, ...), as name=value
    manifest: tuple[str, ...] = ()


class ResumeState(_Frozen):
    format: str  # the first character of every state the runtime writes
    worst_case: int  # characters at most
    limit: int  # what the package's standard keeps


class Footprint(_Frozen):
    footprint: int = FOOTPRINT_VERSION
    course: str
    version: str
    profile: str
    language: str  # "sv", or "sv+en" for a package with a language switch (launch first)
    format: str
    manifest: str  # SCORM manifest identifier, cmi5 course id, xAPI course activity id
    units: tuple[Unit, ...]
    pages: tuple[PageFootprint, ...]
    questions: tuple[QuestionFootprint, ...]
    interactions: tuple[str, ...]  # SCORM: the fixed slots in order; xAPI/cmi5: activity ids
    objectives: tuple[str, ...]
    resume: ResumeState
    completion: Completion

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What pairs an old package with its new one."""
        return (self.course, self.profile, self.language, self.format)

    @property
    def label(self) -> str:
        return f"{self.course} {self.profile}/{self.language} {self.format}"

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = self.model_dump(mode="json")
        return data


def fingerprint(value: Any) -> str:
    """sha256 of a value as canonical JSON (or of bytes), as hex: stable across runs."""
    if isinstance(value, bytes):
        data = value
    else:
        data = json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(data).hexdigest()
