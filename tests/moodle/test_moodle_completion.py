"""One completion policy, one outcome: what Moodle 4.5.6 makes of a pass and a fail.

A two-page course (the diagnostics corpus' base: a page, then the final test) is built in SCORM
1.2 and 2004, with `on_fail: failed` and with `on_fail: incomplete`. For each case a student
walks it in Chromium, passes or fails the test, leaves, and Moodle's own tables (`moodle.sh
tracks`) must hold the statuses and the activity completion that docs/completion.md's table
gives, under the completion rule the activity was made with ("passed or completed" is
moodle.sh's and the walks' default; "passed" and "completed" for the cases where they differ).
A pass with a required reflection left empty is held back in both versions (path E); with the
former 1.2 manifest's masteryscore, Moodle stored that learner "passed" and complete (probed
once by hand: the runtime said "incomplete", LMSFinish's mastery override made it "passed").
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from course_packages import run_build
from moodle_player import MoodleBrowser, PlayerWindow
from moodle_site import MoodleSite, elements

pytestmark = [pytest.mark.moodle, pytest.mark.e2e, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
BASE = REPO / "tests" / "diagnostics" / "base"
# the base course's test: both questions right, or both wrong (0 %, passing score 80)
RIGHT = {"modell": "b", "data": "true"}
WRONG = {"modell": "a", "data": "false"}
# each standard's status elements and the one that exists only once the SCO has finished
STATUS = {"scorm12": ("cmi.core.lesson_status",), "scorm2004": ("cmi.completion_status",)}
FINISHED = {"scorm12": "cmi.core.total_time", "scorm2004": "cmi.session_time"}


@dataclass(frozen=True)
class Case:
    standard: str
    on_fail: str
    passes: bool
    rule: str  # moodle.sh add-scorm --completion: any (passed or completed) | passed | completed
    stored: dict[str, str | None]  # element -> value Moodle keeps (None: not stored)
    complete: bool  # Moodle's activity completion
    # the first page's reflection is required and left empty (path E: a pass held back)
    unwritten: bool = False

    @property
    def id(self) -> str:
        outcome = "pass" if self.passes else f"fail-{self.on_fail}"
        return f"{self.standard}-{outcome}{'-unwritten' if self.unwritten else ''}-{self.rule}"


S12 = "cmi.core.lesson_status"
C04, S04 = "cmi.completion_status", "cmi.success_status"
# docs/completion.md, "What Moodle and Totara show"
CASES = [
    Case("scorm12", "failed", True, "any", {S12: "passed"}, True),
    Case("scorm12", "failed", True, "passed", {S12: "passed"}, True),
    # 1.2 has one status: "passed" is not "completed", so that rule never completes a pass
    Case("scorm12", "failed", True, "completed", {S12: "passed"}, False),
    Case("scorm12", "failed", False, "any", {S12: "failed"}, False),
    Case("scorm12", "incomplete", False, "any", {S12: "incomplete"}, False),
    Case("scorm2004", "failed", True, "any", {C04: "completed", S04: "passed"}, True),
    Case("scorm2004", "failed", True, "passed", {C04: "completed", S04: "passed"}, True),
    Case("scorm2004", "failed", True, "completed", {C04: "completed", S04: "passed"}, True),
    # the case the issue measured complete: now incomplete + failed, as 1.2's failed
    Case("scorm2004", "failed", False, "any", {C04: "incomplete", S04: "failed"}, False),
    Case("scorm2004", "failed", False, "completed", {C04: "incomplete", S04: "failed"}, False),
    # nothing about success (Moodle does not store the default "unknown"), no passing score
    Case("scorm2004", "incomplete", False, "any", {C04: "incomplete", S04: None}, False),
    # a pass with a required reflection unwritten: not complete, no result yet. With a mastery
    # score Moodle made 1.2 "passed" at finish; a 2004 "passed" alone completed the activity
    Case("scorm12", "failed", True, "any", {S12: "incomplete"}, False, unwritten=True),
    Case("scorm2004", "failed", True, "any", {C04: "incomplete", S04: None}, False, unwritten=True),
]


def build(work: Path, standard: str, on_fail: str, required: bool) -> Path:
    """The base course with this `on_fail` (and its reflection required), built by the real CLI
    in one format."""
    name = f"{on_fail}{'-required' if required else ''}"
    course = work / f"course-{name}"
    if not course.exists():
        shutil.copytree(BASE, course)
        edit(course / "course.yaml", "  on_fail: failed\n", f"  on_fail: {on_fail}\n")
        if required:
            prompt = "prompt: Var i ditt arbete skulle en modell kunna hjälpa till?\n"
            edit(course / "pages" / "start.md", prompt, prompt + "required: true\n")
    return run_build(work / f"dist-{name}-{standard}", "intern", standard, course=course)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, bool], Path]:
    work = tmp_path_factory.mktemp("completion")
    wanted = {(c.standard, c.on_fail, c.unwritten) for c in CASES}
    return {key: build(work, *key) for key in sorted(wanted)}


def take_test(window: PlayerWindow, answers: dict[str, str]) -> str:
    """Next to the test page, answer, submit; the result the course shows."""
    sco = window.sco
    # the runtime shows the pager once started; the first launch after a reset can be slow
    sco.locator('[data-ac="pager"]').wait_for(state="visible", timeout=60000)
    sco.locator('[data-ac="next"]').click()
    quiz = sco.locator('[data-ac-quiz="slutprov"]')
    quiz.wait_for(state="visible")
    for question, value in answers.items():
        quiz.locator(f'[data-ac-question="{question}"] input[value="{value}"]').check()
    quiz.locator('[data-ac="submit"]').click()
    result = quiz.locator('[data-ac="result"]')
    result.wait_for(state="visible")
    return result.inner_text()


def passing_score_of(window: PlayerWindow, standard: str) -> str:
    """What the LMS tells the SCO about a pass mark: nothing, as the manifest gives none."""
    name = "cmi.student_data.mastery_score" if standard == "scorm12" else "cmi.scaled_passing_score"
    return window.api.value(name)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_completion_outcome_in_moodle(
    moodle: MoodleSite,
    moodle_browser: MoodleBrowser,
    packages: dict[tuple[str, str, bool], Path],
    case: Case,
) -> None:
    package = packages[(case.standard, case.on_fail, case.unwritten)]
    activity = moodle.add_scorm(package, name=case.id, completion=case.rule)
    student = moodle.students()[0]
    with moodle_browser.learner(student) as browser, browser.session(activity) as window:
        assert passing_score_of(window, case.standard) == ""
        shown = take_test(window, RIGHT if case.passes else WRONG)
        assert shown.strip(), "the test showed no result"
        # the course itself says complete exactly when the policy is met (a pass, both pages)
        badge = window.sco.locator('[data-ac="badge"]')
        assert badge.is_visible() is (case.passes and not case.unwritten)
        warnings = window.runtime_warnings()
        assert not warnings, "\n".join(warnings)
    tracks = moodle.wait_tracks(
        activity.cmid, student.username, lambda t: FINISHED[case.standard] in _stored(t)
    )
    stored = elements(tracks)
    for element, value in case.stored.items():
        assert stored.get(element) == value, f"{element}: {stored.get(element)!r} != {value!r}"
    raw = stored.get("cmi.core.score.raw") or stored.get("cmi.score.raw")
    assert raw is not None and float(raw) == (100 if case.passes else 0)
    state = tracks["completion"]["state"]
    assert (state in ("complete", "complete_pass")) is case.complete, tracks["completion"]


def _stored(tracks: dict[str, Any]) -> dict[str, str]:
    return elements(tracks) if tracks.get("attempts") else {}
