"""The output formats and their facts, in one table.

A new target is one manifest module in `package/` and one row here: the profile model, `check`
(what a format needs, resume-state limits), the build report, the review document and the preview
all read this table. The runtime's adapters keep the same limits (a test compares them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Family = Literal["scorm", "xapi"]


@dataclass(frozen=True)
class Format:
    name: str  # as profiles and file names write it
    title: str  # as people call it
    long_title: str  # as a standard names itself
    manifest: str  # the file an LMS reads first
    family: Family  # scorm: an LMS API in a parent frame; xapi: statements to an LRS
    # The longest resume state (cmi.suspend_data, or the State API document) and location the
    # runtime writes, in characters; the runtime's adapter for the format keeps the same.
    state_limit: int
    location_limit: int
    # The longest free-text answer (reflection, survey comment) the format stores when a profile
    # sends free text; the field's maxlength in the runtime (`limits.text` of its adapter).
    text_limit: int = 4000

    @property
    def needs_base_iri(self) -> bool:
        """xAPI activity ids are IRIs, made from the profile's `xapi.base_iri`."""
        return self.family == "xapi"


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        # SCORM 1.2 RTE: cmi.suspend_data is CMIString4096, cmi.core.lesson_location 255
        # and cmi.interactions.n.student_response is CMIString255
        Format("scorm12", "SCORM 1.2", "SCORM 1.2", "imsmanifest.xml", "scorm", 4096, 255, 255),
        # SCORM 2004 4th ed.: suspend_data SPM 64000, location SPM 1000, a long-fill-in
        # learner_response SPM 4000
        Format(
            "scorm2004",
            "SCORM 2004",
            "SCORM 2004 4th edition",
            "imsmanifest.xml",
            "scorm",
            64000,
            1000,
        ),
        # xAPI has no limit of its own; the runtime keeps SCORM 2004's, which every LRS takes
        # (free text too: result.response has no fixed limit, 4000 like a 2004 long-fill-in)
        Format("xapi", "xAPI", "xAPI (Tin Can)", "tincan.xml", "xapi", 64000, 1000),
        Format("cmi5", "cmi5", "cmi5", "cmi5.xml", "xapi", 64000, 1000),
    )
}
FORMAT_NAMES: tuple[str, ...] = tuple(FORMATS)


def format_of(name: str) -> Format:
    return FORMATS[name]


# Free text kept in the learner's browser only (privacy.free_text: keep_local) is held to the
# same 4000 characters, so a field reads the same in every package.
KEPT_TEXT_LIMIT = 4000


def free_text_limit(name: str, free_text: str) -> int:
    """The most characters a free-text field takes in a package of format `name`."""
    return FORMATS[name].text_limit if free_text == "send" else KEPT_TEXT_LIMIT


def needing_base_iri(names: list[str] | tuple[str, ...]) -> list[str]:
    return [name for name in names if FORMATS[name].needs_base_iri]
