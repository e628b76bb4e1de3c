"""The slot layout survives Moodle: column N of the interactions download is the same element for
every learner (docs/runtime.md, "Slots"; docs/lms-moodle.md 1.3).

Two students answer the pre-test and the group self-report of the default course differently and
in a different order (one chooses the group first, the other takes the pre-test first, answering
its questions bottom-up, and goes back for the group) and get to different pages. What a teacher
downloads with Moodle's default report settings (the `Response N` columns only) must hold, for
both, the package version in column 0, the furthest page in column 1, the group in the group's
column and each pre-test answer in its question's column. The 2004 package is checked in
Moodle's stored tracks, since its interactions download shows no interaction at all (4.5.6).
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from learner import Course, Learner, wrong_answer
from moodle_packages import BuiltPackages
from moodle_player import MoodleBrowser, PlayerWindow, stored_interactions
from moodle_reports import as_records, read_report
from moodle_site import MoodleSite, Student, elements
from moodle_walk import go_to, pre_test_id

pytestmark = [pytest.mark.moodle, pytest.mark.e2e, pytest.mark.slow]


@dataclass
class Plan:
    """One student: the group, the pre-test answers (per question id), what is done first."""

    group: str
    wrong: tuple[str, ...]  # question ids answered wrong; the rest right
    group_first: bool
    furthest: int  # index (in the package's pages) of the furthest page the student reaches


PLANS = (
    Plan("lakare", ("model", "concepts"), group_first=True, furthest=2),
    Plan(
        "biomedicinska-analytiker", ("language-model", "patient-data", "building-a-model"), False, 1
    ),
)


def answers(course: Course, plan: Plan) -> dict[str, Any]:
    return {
        q["id"]: wrong_answer(q) if q["id"] in plan.wrong else q["answer"] for q in course.questions
    }


def response(question: dict[str, Any], answer: Any, scorm12: bool) -> str:
    """What the runtime sends as the response (1.2 student_response, 2004 learner_response)."""
    kind = question["type"]
    rid = (lambda x: str(x)) if scorm12 else (lambda x: str(x).replace("-", "_"))
    join = "," if scorm12 else "[,]"
    if kind == "single":
        return rid(answer)
    if kind == "truefalse":
        return ("t" if answer else "f") if scorm12 else ("true" if answer else "false")
    if kind == "multiple":  # the checked boxes in the order shown (the pre-test is not shuffled)
        return join.join(rid(c["id"]) for c in question["choices"] if c["id"] in answer)
    if kind == "ordering":
        return join.join(rid(c) for c in answer)
    pair = "." if scorm12 else "[.]"
    return join.join(f"{rid(p['id'])}{pair}{rid(answer[p['id']])}" for p in question["prompts"])


def expected_row(
    package_config: dict[str, Any], course: Course, plan: Plan, scorm12: bool
) -> list[str]:
    """Every slot's response for this student, in slot order; "" for an element not answered."""
    slots = package_config["slots"]
    pre = pre_test_id(course)
    given = answers(course, plan)
    by_id = {
        "aicourse": slots["version"],
        "aicourse-progress": package_config["pages"][plan.furthest]["id"],
        course.group_id: plan.group if scorm12 else plan.group.replace("-", "_"),
    }
    for question in course.questions:
        by_id[f"{pre}__{question['id']}"] = response(question, given[question["id"]], scorm12)
    return [by_id.get(ident, "") for ident, _ in slots["ids"]]


def take_pre_test(learner: Learner, course: Course, plan: Plan) -> None:
    """The pre-test; the student who takes it first answers from the last question up."""
    quiz = learner.quiz_region(pre_test_id(course))
    quiz.wait_for()
    given = answers(course, plan)
    order = course.questions if plan.group_first else course.questions[::-1]
    for question in order:
        learner.answer_question(quiz, question, given[question["id"]])
    quiz.get_by_role("button", name=learner.s("quizSubmit")).click()
    learner.quiz_saved(quiz)


def choose_group(learner: Learner, course: Course, group: str) -> None:
    """As a learner does: into the box (a click or Tab focuses it), choose; Next then leaves it,
    which sends the choice (core/group.js; without focus only its 1.5 s timer would)."""
    box = learner.sco.get_by_role("combobox", name=course.group_prompt)
    box.focus()
    box.select_option(label=course.group_labels[group])


def run_plan(window: PlayerWindow, course: Course, strings: dict[str, str], plan: Plan) -> None:
    learner = Learner(window.sco, course, strings)
    titles = learner.toc_titles()
    assert learner.heading() == titles[0]
    if plan.group_first:
        choose_group(learner, course, plan.group)
        learner.next()
        take_pre_test(learner, course, plan)
    else:
        learner.next()
        take_pre_test(learner, course, plan)
        go_to(learner, titles[0])
        choose_group(learner, course, plan.group)
        learner.next()
    while titles.index(learner.heading()) < plan.furthest:
        learner.next()
    window.page.wait_for_timeout(500)  # the last batch is committed
    warnings = window.runtime_warnings()
    assert not warnings, "the course runtime reported problems:\n" + "\n".join(warnings)


def left(tracks: dict[str, Any], exit_element: str) -> bool:
    return bool(tracks.get("attempts")) and elements(tracks).get(exit_element) == "suspend"


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_every_column_is_the_same_element_for_every_learner(
    moodle: MoodleSite,
    moodle_browser: MoodleBrowser,
    scorm_packages: BuiltPackages,
    course: Course,
    standard: str,
    tmp_path: Path,
) -> None:
    scorm12 = standard == "scorm12"
    package = scorm_packages.get(standard)
    config = package.config
    strings: dict[str, str] = config.get("strings", {})
    slot_ids = [ident for ident, _ in config["slots"]["ids"]]
    activity = moodle.add_scorm(package.zip_path, name=f"Columns {standard}")
    students: list[Student] = moodle.ensure_students(len(PLANS))
    exit_element = "cmi.core.exit" if scorm12 else "cmi.exit"

    stored: dict[str, dict[int, dict[str, str]]] = {}
    for student, plan in zip(students, PLANS, strict=True):
        with ExitStack() as stack:
            browser = stack.enter_context(moodle_browser.learner(student))
            with browser.session(activity) as window:
                run_plan(window, course, strings, plan)
        tracks = moodle.wait_tracks(
            activity.cmid, student.username, lambda t: left(t, exit_element)
        )
        assert left(tracks, exit_element), f"{student.username}: the last commit never arrived"
        stored[student.username] = stored_interactions(elements(tracks), scorm12)

    # Moodle stored the same layout for both: slot N has the same id, the answers their own
    field = "student_response" if scorm12 else "learner_response"
    for student, plan in zip(students, PLANS, strict=True):
        mine = stored[student.username]
        assert [mine.get(i, {}).get("id") for i in range(len(slot_ids))] == slot_ids, mine
        assert max(mine) == len(slot_ids) - 1, f"nothing is appended after the slots: {mine}"
        got = [mine[i].get(field, "") for i in range(len(slot_ids))]
        assert got == expected_row(config, course, plan, scorm12), student.username

    if not scorm12:
        return  # Moodle 4.5.6 shows no 2004 interactions in its downloads (docs/lms-moodle.md)

    # what a teacher downloads with Moodle's default settings: Response N only
    out = tmp_path / "interactions-default.txt"
    moodle.report(activity.cmid, "interactions", "csv", out, columns="resp", attempts="with")
    table = read_report(out)
    headers = table[0]
    responses = [h for h in headers if h.startswith("Response ")]
    assert responses == [f"Response {n}" for n in range(len(slot_ids))], headers
    assert not [h for h in headers if h.startswith(("Question ", "Result ", "Right answer "))]
    rows = {r["Name"]: r for r in as_records(table)}
    for student, plan in zip(students, PLANS, strict=True):
        row = rows[student.fullname]
        got = [row[f"Response {n}"] for n in range(len(slot_ids))]
        want = expected_row(config, course, plan, scorm12)
        assert got == want, (
            f"{student.fullname}: the Response columns differ from the slots\n"
            + "\n".join(
                f"  {n} {slot_ids[n]}: got {g!r}, want {w!r}"
                for n, (g, w) in enumerate(zip(got, want, strict=True))
                if g != w
            )
        )
    # the columns differ between the students where they answered differently, and only there
    a, b = (rows[s.fullname] for s in students)
    differ = {slot_ids[n] for n in range(len(slot_ids)) if a[f"Response {n}"] != b[f"Response {n}"]}
    pre = pre_test_id(course)
    wrong = {f"{pre}__{q}" for q in set(PLANS[0].wrong) ^ set(PLANS[1].wrong)}
    assert differ == {"aicourse-progress", course.group_id} | wrong, differ

    # with the question ids shown, column N names slot N for both students
    named = tmp_path / "interactions-ids.txt"
    moodle.report(
        activity.cmid, "interactions", "csv", named, columns="qtext,resp", attempts="with"
    )
    for row in as_records(read_report(named)):
        assert [row[f"Question {n}"] for n in range(len(slot_ids))] == slot_ids, row["Name"]
