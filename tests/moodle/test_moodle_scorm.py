"""The default course in a real LMS: Moodle 4.5.6 (moodle.sh), a learner in Chromium.

For the vgr SCORM 1.2 and the public SCORM 2004 package: upload as a teacher would, then one
student leaves halfway and comes back in a fresh browser (so only what Moodle stored can bring
them back), goes on to pass the post-test, and what Moodle keeps is checked in its own tables
(`moodle.sh tracks`): status, score, grade, activity completion, resume data, the interactions.
These are the places where Moodle differs from the scorm-again stand-in of tests/e2e: its own
API implementation and limits, how it stores elements, grades and completes, and that a finished
attempt opens in review mode (without credit).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from learner import Course, Learner
from moodle_packages import BuiltPackages
from moodle_player import MoodleBrowser, PlayerWindow, stored_interactions
from moodle_reports import as_records, read_report
from moodle_site import MoodleSite, elements, last_attempt
from moodle_walk import Choices, go_to, pre_test_answers, pre_test_id, walk

pytestmark = [pytest.mark.moodle, pytest.mark.e2e, pytest.mark.slow]

# One learner's choices: the group with a '-' in its id (SCORM 2004 response ids may not have
# one in Moodle), the pre-test's first question wrong, a reflection (vgr sends free text).
CHOICES = Choices(
    group="biomedicinska-analytiker",
    pre_test_wrong=("model",),
    survey={"enkat-relevans": 4},
    comment="Moodle-test: kommentar",
    reflection="Moodle-test: reflektion",
    pass_post_test=True,
)
# What each standard calls things in Moodle's tables (1.2: arrays as `cmi.interactions_N.f`).
FIELDS: dict[str, dict[str, str]] = {
    "scorm12": {
        "version": "SCORM_1.2",
        "status": "cmi.core.lesson_status",
        "location": "cmi.core.lesson_location",
        "exit": "cmi.core.exit",
        "raw": "cmi.core.score.raw",
        "response": "student_response",
        "entry": "cmi.core.entry",
        "mode": "cmi.core.lesson_mode",
        "credit": "cmi.core.credit",
    },
    "scorm2004": {
        "version": "SCORM_1.3",
        "status": "cmi.completion_status",
        "location": "cmi.location",
        "exit": "cmi.exit",
        "raw": "cmi.score.raw",
        "response": "learner_response",
        "entry": "cmi.entry",
        "mode": "cmi.mode",
        "credit": "cmi.credit",
    },
}
# The resume state's limit the runtime keeps to (docs/runtime.md; standards.md 2.4 and 3.4).
STATE_LIMIT = {"scorm12": 4096, "scorm2004": 64000}


def left_suspended(tracks: dict[str, Any], standard: str) -> bool:
    """The SCO's exit has reached Moodle (the last commit of the session is stored)."""
    if not tracks.get("attempts"):
        return False
    return elements(tracks).get(FIELDS[standard]["exit"]) == "suspend"


def finished(tracks: dict[str, Any], standard: str) -> bool:
    if not tracks.get("attempts"):
        return False
    stored = elements(tracks)
    exit_value = stored.get(FIELDS[standard]["exit"])
    return exit_value in ("", "normal") and bool(stored.get(FIELDS[standard]["raw"]))


def assert_no_runtime_warnings(window: PlayerWindow, when: str) -> None:
    """Moodle's API refused nothing: the runtime logs every refused call as a warning."""
    warnings = window.runtime_warnings()
    assert not warnings, f"{when}: the course runtime reported problems:\n" + "\n".join(warnings)


def check_kept_answers(learner: Learner, course: Course, titles: list[str]) -> None:
    """The group self-report and the pre-test answers of the first session are shown again."""
    go_to(learner, titles[0])
    box = learner.sco.get_by_role("combobox", name=course.group_prompt)
    assert box.input_value() == CHOICES.group, "the group self-report was not kept"
    go_to(learner, titles[1])
    quiz = learner.quiz_region(pre_test_id(course))
    first = course.questions[0]
    chosen = pre_test_answers(course, CHOICES)[first["id"]]
    radio = learner.question_group(quiz, first).get_by_role(
        "radio", name=learner.choice_text(first, chosen), exact=True
    )
    assert radio.is_checked(), f"the pre-test answer {chosen!r} was not kept after the relaunch"


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_leave_resume_and_pass(
    moodle: MoodleSite,
    moodle_browser: MoodleBrowser,
    scorm_packages: BuiltPackages,
    course: Course,
    standard: str,
    tmp_path: Path,
) -> None:
    names = FIELDS[standard]
    package = scorm_packages.get(standard)
    strings: dict[str, str] = package.config.get("strings", {})
    activity = moodle.add_scorm(package.zip_path, name=f"Intro {standard}")
    assert activity.version == names["version"], f"Moodle parsed the manifest as {activity.version}"
    assert activity.raw["sco_count"] == 1
    student = moodle.students()[0]

    # --- first session: the group, the pre-test, a few pages; leave halfway ---------------------
    with moodle_browser.learner(student) as browser, browser.session(activity) as window:
        learner = Learner(window.sco, course, strings)
        titles = learner.toc_titles()
        # the table of contents lists every page in the config's order
        halfway = titles[len(titles) // 2]
        halfway_id = package.config["pages"][len(titles) // 2]["id"]
        walk(window, course, strings, CHOICES, stop_on=halfway)
        assert learner.heading() == halfway
        assert_no_runtime_warnings(window, "first session")
    tracks = moodle.wait_tracks(
        activity.cmid, student.username, lambda t: left_suspended(t, standard)
    )
    stored = elements(tracks)
    assert stored.get(names["exit"]) == "suspend", f"exit not stored as suspend: {stored}"
    assert stored.get(names["status"]) == "incomplete"
    assert names["raw"] not in stored or stored[names["raw"]] == ""
    assert stored.get(names["location"]) == halfway_id
    state = stored.get("cmi.suspend_data", "")
    assert 0 < len(state) <= STATE_LIMIT[standard], f"suspend_data has {len(state)} characters"
    assert tracks["completion"]["state"] == "incomplete"
    assert tracks["gradebook"]["grade"] is None
    # the slots (docs/runtime.md): declared in order at the first launch, the version in slot 0,
    # the furthest page in slot 1; so the index of every answer is the package's, not the order
    # in which this learner answered
    slots = package.config["slots"]
    layout = [ident for ident, _ in slots["ids"]]
    interactions = stored_interactions(stored, standard == "scorm12")
    assert [interactions.get(i, {}).get("id") for i in range(len(layout))] == layout
    assert interactions[0].get(names["response"]) == slots["version"]
    assert interactions[1].get(names["response"]) == halfway_id
    group_slot = layout.index(course.group_id)
    assert interactions[group_slot].get(names["response"]) in (
        CHOICES.group,
        str(CHOICES.group).replace("-", "_"),
    )

    # --- relaunch in a fresh browser: only Moodle's data can bring the learner back -------------
    with moodle_browser.learner(student) as browser, browser.session(activity) as window:
        learner = Learner(window.sco, course, strings)
        assert learner.heading() == halfway, "the relaunch did not land where the learner left"
        assert window.api.value(names["entry"]) == "resume"
        check_kept_answers(learner, course, titles)
        go_to(learner, halfway)
        result = walk(window, course, strings, CHOICES)
        assert result.visited[-1] == titles[-1]
        assert result.post_result, "the post-test announced no result"
        learner.sco.get_by_text(learner.s("badgeTitle"), exact=True).wait_for(state="visible")
        assert_no_runtime_warnings(window, "second session")
    tracks = moodle.wait_tracks(activity.cmid, student.username, lambda t: finished(t, standard))
    stored = elements(tracks)
    attempt = last_attempt(tracks)
    assert len(tracks["attempts"]) == 1, "the relaunch must continue the same attempt"

    # status, score and grade as Moodle keeps them
    if standard == "scorm12":
        assert stored[names["status"]] == "passed"
        assert stored.get("cmi.core.exit", "") == ""
    else:
        assert stored[names["status"]] == "completed"
        assert stored.get("cmi.success_status") == "passed"
        assert stored.get("cmi.exit") == "normal"
        assert float(stored["cmi.score.scaled"]) == 1.0
    assert float(stored[names["raw"]]) == 100
    assert (stored.get("cmi.core.score.max") or stored.get("cmi.score.max")) == "100"
    sco = attempt["scoes"][0]
    assert sco["status"] == stored[names["status"]]  # Moodle's own reading of the attempt
    assert float(sco["score_raw"]) == 100
    assert float(tracks["gradebook"]["grade"]) == 100, tracks["gradebook"]
    assert tracks["completion"]["state"] in ("complete", "complete_pass"), tracks["completion"]
    state = stored.get("cmi.suspend_data", "")
    assert 0 < len(state) <= STATE_LIMIT[standard], f"suspend_data has {len(state)} characters"

    # interactions: every post-test question under its authored id, and the group self-report;
    # the relaunch found its slots and wrote into them (no id of a slot after the slots)
    interactions = stored_interactions(stored, standard == "scorm12")
    assert [interactions.get(i, {}).get("id") for i in range(len(layout))] == layout
    assert interactions[1].get(names["response"]) == package.config["pages"][-1]["id"]
    appended = {i: r.get("id") for i, r in interactions.items() if i >= len(layout)}
    assert not set(appended.values()) & set(layout), appended
    found = {record["id"]: record for record in interactions.values() if "id" in record}
    for question in course.questions:
        ident = f"{course.assessment}__{question['id']}"
        assert ident in found, f"no interaction {ident!r}: stored {sorted(found)}"
        assert found[ident].get("result") == "correct", found[ident]
    group = found.get(course.group_id, {})
    assert group.get(names["response"]) in (CHOICES.group, str(CHOICES.group).replace("-", "_")), (
        group
    )
    if standard == "scorm12":
        # what an administrator of VGR's LMS exports: the interactions report shows the group
        # under its interaction id, in its slot's column (Moodle's report reads only 1.2 element
        # names; tests/moodle/test_moodle_columns.py compares two learners)
        out = tmp_path / "interactions.txt"
        moodle.report(activity.cmid, "interactions", "csv", out, attempts="with")
        record = as_records(read_report(out))[0]
        questions = {k: v for k, v in record.items() if re.fullmatch(r"Question \d+", k)}
        assert [questions[f"Question {n}"] for n in range(len(layout))] == layout, questions
        assert record[f"Response {group_slot}"] == CHOICES.group
        assert record["Response 0"] == slots["version"]

    # --- a third launch: the finished attempt opens in review mode, without credit ------------
    before = moodle.tracks(activity.cmid, student.username)
    with moodle_browser.learner(student) as browser, browser.session(activity) as window:
        Learner(window.sco, course, strings).heading()
        assert window.api.value(names["mode"]) == "review"
        assert window.api.value(names["credit"]) == "no-credit"
    after = moodle.tracks(activity.cmid, student.username)
    assert len(after["attempts"]) == 1, "a review launch must not start an attempt"
    # Moodle still stores what the SCO sends at the end of a review (exit, session and total
    # time: docs/lms-moodle.md); status, score, answers, grade and completion stay as they were.
    volatile = {names["exit"], "cmi.session_time", "cmi.core.total_time", "cmi.total_time"}
    unchanged = {k: v for k, v in elements(before).items() if k not in volatile}
    assert {k: v for k, v in elements(after).items() if k not in volatile} == unchanged
    assert after["gradebook"]["grade"] == before["gradebook"]["grade"]
    assert after["completion"]["state"] == before["completion"]["state"]
