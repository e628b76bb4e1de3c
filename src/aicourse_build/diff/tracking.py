"""The changes an LMS or LRS itself notices: identifiers and launch files, interaction and
objective ids, the resume state, and what the package tells the LMS about completion."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from aicourse_build.diff.footprint import Footprint

Severity = Literal["info", "caution", "loss"]
UNKNOWN_FORMAT = "?"  # read.state_format() found no format in the package's runtime
RANK: dict[Severity, int] = {"info": 0, "caution": 1, "loss": 2}
VERDICTS = {
    "info": "replace safely",
    "caution": "learners keep progress, but",
    "loss": "learners lose progress:",
}


@dataclass(frozen=True)
class Change:
    severity: Severity
    group: str  # identifiers, pages, questions, interactions, resume, completion, version
    message: str
    reason: str = ""  # a few words for the verdict line (caution and loss)


def identifier_changes(old: Footprint, new: Footprint) -> Iterator[Change]:
    if old.course != new.course:
        yield Change(
            "loss",
            "identifiers",
            f"course id '{old.course}' becomes '{new.course}': everything learners did is kept "
            "under the old id",
            "another course id",
        )
    if old.manifest != new.manifest:
        scorm = new.units and new.units[0].kind == "item"
        yield Change(
            "caution" if scorm else "loss",
            "identifiers",
            f"package identifier '{old.manifest}' becomes '{new.manifest}'"
            + (
                " (Moodle and Totara match by item identifier only; another LMS may take it for "
                "a new course)"
                if scorm
                else ": the LRS keeps statements and saved state under the old activity id"
            ),
            "another package identifier" if scorm else "another activity id",
        )
    units = {u.id: u for u in new.units}
    for unit in old.units:
        now = units.get(unit.id)
        if now is None:
            yield Change("loss", "identifiers", _unit_gone(unit.kind, unit.id), _GONE[unit.kind])
        elif now.launch != unit.launch:
            yield Change(
                "info",
                "identifiers",
                f"{_UNIT[unit.kind]} '{unit.id}' launches '{now.launch}' instead of "
                f"'{unit.launch}'; its tracks stay, as the identifier is the same",
            )
    kept = {u.id for u in old.units}
    for unit in new.units:
        if unit.id not in kept:
            yield Change(
                "caution",
                "identifiers",
                f"new {_UNIT[unit.kind]} '{unit.id}': learners start it from the beginning",
                f"a new {_UNIT[unit.kind]}",
            )


_UNIT = {"item": "SCO", "au": "AU", "activity": "course activity"}
_GONE = {
    "item": "a SCO is deleted with its tracks",
    "au": "an AU is gone",
    "activity": "another activity id",
}


def _unit_gone(kind: str, unit: str) -> str:
    if kind == "item":
        return (
            f"SCO '{unit}' is not in the new package: Moodle and Totara match SCOs by item "
            "identifier only and delete every learner's tracks of it, in every attempt, without "
            "asking"
        )
    if kind == "au":
        return (
            f"AU '{unit}' is not in the new package: learners' progress in it is not carried over"
        )
    return f"course activity '{unit}' is gone: statements and saved state stay under the old id"


def interaction_changes(old: Footprint, new: Footprint) -> Iterator[Change]:
    if old.interactions != new.interactions:
        gone = [i for i in old.interactions if i not in set(new.interactions)]
        added = [i for i in new.interactions if i not in set(old.interactions)]
        ordered = new.format in ("scorm12", "scorm2004")
        if gone:
            yield Change(
                "caution",
                "interactions",
                f"{len(gone)} interaction id(s) no longer reported: {_few(gone)}",
                "reports change",
            )
        appended = list(new.interactions[: len(old.interactions)]) == list(old.interactions)
        if ordered and not appended:
            yield _columns(old.interactions, new.interactions)
        if added:
            where = " after the existing ones" if ordered and appended else ""
            yield Change(
                "info", "interactions", f"{len(added)} new interaction id(s){where}: {_few(added)}"
            )
    if old.objectives != new.objectives:
        yield Change(
            "caution",
            "interactions",
            f"objective ids change: {_few(list(old.objectives))} -> {_few(list(new.objectives))}",
            "objective ids change",
        )


def _columns(old: tuple[str, ...], new: tuple[str, ...]) -> Change:
    """Moodle's and Totara's interactions report has one column per position (slot)."""
    kept = [i for i in old if i in new]
    if all(old.index(i) == new.index(i) for i in kept):
        # same positions, other ids: a new version of a question takes its place
        swapped = [f"{a} -> {b}" for a, b in zip(old, new, strict=False) if a != b]
        what = f"the report's column of {_few(swapped)} holds the new id"
    else:
        what = "interactions move to other positions"
    return Change(
        "caution",
        "interactions",
        f"{what}: Moodle's and Totara's interactions report has one column per position, so a "
        "column holds another question for learners of the new package than for those of the old",
        "report columns move",
    )


def _few(items: list[str], most: int = 4) -> str:
    shown = ", ".join(items[:most]) or "none"
    return shown + (f" and {len(items) - most} more" if len(items) > most else "")


def resume_changes(old: Footprint, new: Footprint) -> Iterator[Change]:
    a, b = old.resume, new.resume
    if a.format != b.format:
        newer = a.format.isdigit() and b.format.isdigit() and int(b.format) > int(a.format)
        if newer:
            yield Change(
                "info",
                "resume",
                f"resume-state format {a.format} -> {b.format}: the new runtime reads the old "
                "states and keeps what still exists (an older package cannot read the new ones)",
            )
        elif UNKNOWN_FORMAT in (a.format, b.format):
            yield Change(
                "caution",
                "resume",
                f"resume-state format {a.format} -> {b.format}: the format of one package is not "
                "known here, so whether the new runtime reads what the old one saved is not known",
                "the resume state may not carry over",
            )
        else:
            yield Change(
                "loss",
                "resume",
                f"resume-state format {a.format} -> {b.format}: the new runtime cannot read what "
                "the old one saved",
                "saved progress cannot be read",
            )
    if b.worst_case > b.limit:
        yield Change(
            "loss",
            "resume",
            f"the resume state may need {b.worst_case} characters, more than the "
            f"{b.limit} {new.format} keeps",
            "the resume state may not fit",
        )
    elif a.worst_case != b.worst_case:
        yield Change(
            "info",
            "resume",
            f"resume state at most {a.worst_case} -> {b.worst_case} characters (of {b.limit})",
        )


def completion_changes(old: Footprint, new: Footprint) -> Iterator[Change]:
    a, b = old.completion, new.completion
    for label, was, now in (
        ("the test that must be passed", a.assessment, b.assessment),
        ("the passing score", a.passing_score, b.passing_score),
        ("what a failed test reports (on_fail)", a.on_fail, b.on_fail),
        ("what the manifest tells the LMS", ", ".join(a.manifest), ", ".join(b.manifest)),
    ):
        if was != now:
            yield Change(
                "caution",
                "completion",
                f"{label}: {was or 'none'} -> {now or 'none'}; learners who finished keep the "
                "status the LMS stored, those in progress finish under the new rule",
                "the completion policy changed",
            )
