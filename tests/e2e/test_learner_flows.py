"""A learner takes the default course in Chromium, with scorm-again as the LMS, as Totara runs it.

For both standards and both profiles: pass, fail (then retry), leave and relaunch, and commit
failures. Every session's API calls are checked against Totara's rules (scorm_rules.py) and
every request against the package folder (nothing may leave 127.0.0.1 or the package).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

import pytest
from course_packages import COMBOS, combo_id
from learner import INTERACTION_TYPES, Course, Learner
from lms import LmsSession, OpenLms, saved_for_relaunch

pytestmark = pytest.mark.e2e

IDS = [combo_id(c) for c in COMBOS]
# A reflection answer to look for in what is sent: the vgr profile sends free text, public not.
REFLECTION = "E2E-reflektion: patientsäkerhet först"
# The group with a hyphen in its id: SCORM 2004 response ids may not contain '-' in Totara.
GROUP = "biomedicinska-analytiker"


@dataclass
class Walk:
    visited: list[str]
    final_result: str
    pre_result: str


def walk(learner: Learner, course: Course, pass_final: bool, stop_at: str | None = None) -> Walk:
    """Go through every page with Next, doing what each page asks; stop before `stop_at`."""
    titles = learner.toc_titles()
    assert titles, "the table of contents lists no pages"
    heading = learner.heading()
    assert heading == titles[0], f"the course opens on {heading!r}, not on {titles[0]!r}"
    visited = [heading]
    pre_result = final_result = ""
    while True:
        if stop_at is not None and visited[-1] == stop_at:
            break
        for quiz_id in learner.visible_quizzes():
            if quiz_id == course.assessment:
                final_result = learner.take_quiz(quiz_id, correct=pass_final)
            else:
                pre_result = learner.take_quiz(quiz_id, correct=True)
        for prompt in learner.visible_reflections():
            learner.write_reflection(prompt, REFLECTION)
        if learner.survey_region() is not None:
            learner.answer_survey(REFLECTION)
        group = learner.sco.get_by_role("combobox", name=course.group_prompt)
        if group.count() == 1 and group.is_visible():
            learner.choose_group(course.group_labels[GROUP])
        if not learner.can_go_next():
            break
        visited.append(learner.next())
    if stop_at is None:
        assert visited == titles, "Next did not lead through the pages in table-of-contents order"
    return Walk(visited, final_result, pre_result)


def by_index(session: LmsSession) -> dict[int, dict[str, str]]:
    """What each interaction index holds: the last value written to each of its fields. The
    runtime declares its slots (id, type) first and writes each first answer into its slot."""
    out: dict[int, dict[str, str]] = {}
    for element, value in session.sets():
        match = re.match(r"^cmi\.interactions\.(\d+)\.(.+)$", element)
        if match:
            out.setdefault(int(match.group(1)), {})[match.group(2)] = value
    return dict(sorted(out.items()))


def interactions(session: LmsSession) -> dict[str, dict[str, str]]:
    """Each interaction id's record: {id: {field: value, "index": N}}."""
    out: dict[str, dict[str, str]] = {}
    for index, record in by_index(session).items():
        if "id" in record:
            out[record["id"]] = {**record, "index": str(index)}
    return out


def assert_slots(session: LmsSession, context: str) -> dict[int, dict[str, str]]:
    """The package's slot layout (config.slots) holds: index N is the same element for every
    learner, slot 0 the version, and nothing else was written at a slot's index."""
    slots = session.package.config["slots"]
    stored = by_index(session)
    response = "student_response" if session.standard == "scorm12" else "learner_response"
    for index, (ident, _) in enumerate(slots["ids"]):
        assert stored.get(index, {}).get("id") == ident, (
            f"{context}: slot {index} should be {ident!r}: {stored.get(index)}"
        )
    assert stored[0].get(response) == slots["version"], stored[0]
    ids = {ident for ident, _ in slots["ids"]}
    after = {i: r.get("id") for i, r in stored.items() if i >= len(slots["ids"])}
    assert not ids & set(after.values()), (
        f"{context}: a slot's id appended after the slots: {after}"
    )
    return stored


def status_of(session: LmsSession) -> dict[str, str | None]:
    if session.standard == "scorm12":
        return {
            "lesson_status": session.last_set("cmi.core.lesson_status"),
            "raw": session.last_set("cmi.core.score.raw"),
            "min": session.last_set("cmi.core.score.min"),
            "max": session.last_set("cmi.core.score.max"),
            "exit": session.last_set("cmi.core.exit"),
        }
    return {
        "completion": session.last_set("cmi.completion_status"),
        "success": session.last_set("cmi.success_status"),
        "raw": session.last_set("cmi.score.raw"),
        "min": session.last_set("cmi.score.min"),
        "max": session.last_set("cmi.score.max"),
        "scaled": session.last_set("cmi.score.scaled"),
        "exit": session.last_set("cmi.exit"),
    }


def calls_excerpt(session: LmsSession, pattern: str = "", limit: int = 40) -> str:
    lines = []
    for c in session.calls():
        text = f"#{c['seq']} {c['method']}({', '.join(repr(str(a))[:90] for a in c['args'])})"
        text += f" -> {str(c['ret'])[:40]!r} [{c['error']}]"
        if not pattern or re.search(pattern, text):
            lines.append(text)
    return "\n".join(lines[-limit:])


def finish_count(session: LmsSession) -> int:
    name = "LMSFinish" if session.standard == "scorm12" else "Terminate"
    return sum(1 for c in session.calls() if c["method"] == name)


def assert_status(session: LmsSession, expected: dict[str, Any], context: str) -> None:
    got = status_of(session)
    wrong = {k: (got.get(k), v) for k, v in expected.items() if got.get(k) != v}
    assert not wrong, (
        f"{context}: tracking (got, expected): {wrong}\nstatus/score/exit calls:\n"
        + calls_excerpt(session, r"status|score|exit|Finish|Terminate|Commit")
    )


# --- pass ---------------------------------------------------------------------------------


@pytest.mark.parametrize("combo", COMBOS, ids=IDS)
def test_walk_and_pass(open_lms: OpenLms, course: Course, combo: tuple[str, str]) -> None:
    profile, fmt = combo
    session = open_lms(profile, fmt)
    learner = Learner(session.launch(), course, session.package.config.get("strings"))
    result = walk(learner, course, pass_final=True)
    assert result.final_result, "the final quiz announced no result"
    badge = learner.sco.get_by_text(learner.s("badgeTitle"), exact=True)
    badge.wait_for(state="visible")
    session.leave()

    if fmt == "scorm12":
        assert_status(
            session,
            {"lesson_status": "passed", "raw": "100", "min": "0", "max": "100", "exit": ""},
            "passed (1.2)",
        )
    else:
        assert_status(
            session,
            {
                "completion": "completed",
                "success": "passed",
                "raw": "100",
                "min": "0",
                "max": "100",
                "exit": "normal",
            },
            "passed (2004)",
        )
        scaled = status_of(session)["scaled"]
        assert scaled is not None and float(scaled) == 1.0, f"score.scaled {scaled}"
    assert finish_count(session) == 1, "Finish/Terminate must be called exactly once"

    # interactions with the authored ids, of the right type, correct, each in its slot
    stored = assert_slots(session, "walk and pass")
    response = "student_response" if fmt == "scorm12" else "learner_response"
    last_page = session.package.config["pages"][-1]["id"]
    assert stored[1].get(response) == last_page, f"the progress slot: {stored[1]}"
    found = interactions(session)
    for question in course.questions:
        ident = f"{course.assessment}__{question['id']}"
        assert ident in found, f"no interaction {ident!r}; recorded: {sorted(found)}"
        record = found[ident]
        assert record.get("type") == INTERACTION_TYPES[question["type"]], (ident, record)
        assert record.get("result") == "correct", (ident, record)
        response = "student_response" if fmt == "scorm12" else "learner_response"
        assert record.get(response), f"{ident}: no {response}: {record}"
        assert record.get("correct_responses.0.pattern"), f"{ident}: no correct pattern"
    pre = [i for i in found if i.startswith("kunskapstest-fore__")]
    assert len(pre) == len(course.questions), f"pre-test interactions: {pre}"

    # the group self-report is recorded (both profiles send it), as the chosen option's id
    # (2004: with '-' replaced, as Totara allows no '-' in response ids)
    group = found.get(course.group_id)
    assert group is not None, f"no interaction {course.group_id!r}; recorded: {sorted(found)}"
    response = group.get("student_response" if fmt == "scorm12" else "learner_response")
    assert response in (GROUP, GROUP.replace("-", "_")), f"group recorded as {group}"
    sent = " ".join(v for _, v in session.sets())
    # the built-in survey (vgr; public links to an external form): Likert items as interactions
    if course.survey is not None and profile == "vgr":
        for item in course.survey["items"]:
            ident = f"{course.survey['id']}__{item['id']}"
            assert ident in found, f"no survey interaction {ident!r}; recorded: {sorted(found)}"
            assert found[ident].get("type") == "likert", found[ident]
            response = found[ident].get(
                "student_response" if fmt == "scorm12" else "learner_response"
            )
            assert response == "5", f"{ident}: {found[ident]}"
    # free text: sent only where the profile allows it
    if profile == "public":
        leaked = [k for k, v in session.sets() if "E2E-reflektion" in v]
        assert not leaked, f"public keeps free text local, but it was sent in {leaked}"
    else:
        assert "E2E-reflektion" in sent, "vgr sends reflections, but none was recorded"

    # what the SCO loaded came from the package folder only
    loaded = {r.url.rsplit("/", 1)[-1] for r in session.requests}
    assert {"index.html", "runtime.js"} <= loaded, f"route recording saw {sorted(loaded)}"
    session.assert_clean("walk and pass")


# --- fail, then retry ------------------------------------------------------------------------


@pytest.mark.parametrize("combo", COMBOS, ids=IDS)
def test_fail_then_retry(open_lms: OpenLms, course: Course, combo: tuple[str, str]) -> None:
    profile, fmt = combo
    session = open_lms(profile, fmt)
    learner = Learner(session.launch(), course, session.package.config.get("strings"))
    walk(learner, course, pass_final=False)
    learner.sco.get_by_role("heading", level=1).first.wait_for()
    session.page.wait_for_timeout(300)
    raw = status_of(session)["raw"]
    assert raw is not None and float(raw) < course.passing_score, f"score.raw {raw} after failing"
    assert learner.sco.get_by_text(learner.s("badgeTitle"), exact=True).is_hidden()
    if fmt == "scorm12":
        assert_status(session, {"lesson_status": "failed", "min": "0", "max": "100"}, "failed")
    else:
        # a fail is not complete in either version (docs/completion.md): 2004 stays incomplete
        assert_status(
            session,
            {"completion": "incomplete", "success": "failed", "min": "0", "max": "100"},
            "failed (2004: every page visited, quiz failed)",
        )

    # the policy allows new attempts (attempts: 0): retry and pass
    quiz_title = next(t for t in learner.toc_titles() if "igen" in t)
    learner.go_to(quiz_title)
    learner.retry_quiz(course.assessment)
    learner.take_quiz(course.assessment, correct=True)
    session.page.wait_for_timeout(300)
    session.leave()
    if fmt == "scorm12":
        assert_status(session, {"lesson_status": "passed", "raw": "100"}, "passed on retry")
    else:
        assert_status(
            session, {"completion": "completed", "success": "passed", "raw": "100"}, "retry"
        )
    assert finish_count(session) == 1
    # the failed first attempt stays in its slots; the retry is appended as attempt 2
    assert_slots(session, "fail then retry")
    slots = len(session.package.config["slots"]["ids"])
    found = interactions(session)
    wrong = "wrong" if fmt == "scorm12" else "incorrect"
    for question in course.questions:
        ident = f"{course.assessment}__{question['id']}"
        assert found[ident]["result"] == wrong, (ident, found[ident])
        assert int(found[ident]["index"]) < slots, (ident, found[ident])
        again = found.get(f"{ident}__2")
        assert again is not None, f"no attempt-2 interaction for {ident}: {sorted(found)}"
        assert again["result"] == "correct" and int(again["index"]) >= slots, again
    session.assert_clean("fail then retry")


# --- leave and relaunch -------------------------------------------------------------------------


def pre_test_answers(course: Course) -> dict[str, Any]:
    """Answers for the pre-test: the first question wrong, the rest right (so both show)."""
    answers = {q["id"]: q["answer"] for q in course.questions}
    first = course.questions[0]
    answers[first["id"]] = next(c["id"] for c in first["choices"] if c["id"] != first["answer"])
    return answers


def take_pre_test(learner: Learner, course: Course, answers: dict[str, Any]) -> None:
    quiz_id = next(q for q in course.quizzes if q != course.assessment)
    quiz = learner.quiz_region(quiz_id)
    for question in course.questions:
        if learner.question_group(quiz, question).count():
            learner.answer_question(quiz, question, answers[question["id"]])
    quiz.get_by_role("button", name=learner.s("quizSubmit")).click()
    if course.quizzes[quiz_id].silent:
        learner.quiz_saved(quiz)
    else:
        learner.quiz_result(quiz)


def assert_pre_test_kept(learner: Learner, course: Course, answers: dict[str, Any]) -> None:
    quiz_id = next(q for q in course.quizzes if q != course.assessment)
    quiz = learner.quiz_region(quiz_id)
    first = course.questions[0]
    chosen = learner.choice_text(first, answers[first["id"]])
    radio = learner.question_group(quiz, first).get_by_role("radio", name=chosen, exact=True)
    assert radio.is_checked(), f"pre-test answer {chosen!r} was not kept after the relaunch"
    kept = learner.s("quizSaved") if course.quizzes[quiz_id].silent else learner.result_pattern()
    shown = quiz.get_by_text(kept)
    assert shown.count() == 1 and shown.is_visible(), "the pre-test's result was not kept"


@pytest.mark.parametrize("combo", COMBOS, ids=IDS)
def test_leave_and_relaunch(open_lms: OpenLms, course: Course, combo: tuple[str, str]) -> None:
    """Leave mid-course (the player removes the iframe), relaunch with what the LMS stored:
    same page, quiz answers and group kept; in the same browser the reflection is kept too."""
    profile, fmt = combo
    first = open_lms(profile, fmt)
    learner = Learner(first.launch(), course, first.package.config.get("strings"))
    titles = learner.toc_titles()
    learner.choose_group(course.group_labels[GROUP])
    learner.next()
    answers = pre_test_answers(course)
    take_pre_test(learner, course, answers)
    while not learner.visible_reflections():
        learner.next()
    reflection_page = learner.heading()
    prompt = learner.visible_reflections()[0]
    learner.write_reflection(prompt, REFLECTION)
    left_on = learner.next()
    first.leave()

    assert finish_count(first) == 1, "leaving must end the session with one Finish/Terminate:\n" + (
        calls_excerpt(first, limit=15)
    )
    leaving = status_of(first)["exit"]
    assert leaving == "suspend", f"exit is {leaving!r} when leaving mid-course; need 'suspend'"
    first.assert_clean("first session, left mid-course")
    saved = saved_for_relaunch(first.committed(), fmt)

    second = open_lms(profile, fmt)  # a new browser context: only the LMS's data carries over
    learner = Learner(second.launch(saved=saved), course, second.package.config.get("strings"))
    heading = learner.heading()
    assert heading == left_on, f"relaunch opened {heading!r}, the learner left on {left_on!r}"
    entry = "cmi.core.entry" if fmt == "scorm12" else "cmi.entry"
    reads = [c for c in second.calls() if c["args"][:1] == [entry]]
    assert reads and reads[0]["ret"] == "resume", f"the runtime did not read {entry}: {reads}"
    box = learner.sco.get_by_role("combobox", name=course.group_prompt)
    learner.go_to(titles[0])
    assert box.input_value() == GROUP, "the group self-report was not kept"
    learner.go_to(titles[1])
    assert_pre_test_kept(learner, course, answers)
    second.leave()
    second.assert_clean("relaunched session")
    if fmt == "scorm2004":  # (the host gives 1.2 no interactions back: `_count` 0, declared again)
        declared = [k for k, _ in second.sets() if re.match(r"^cmi\.interactions\.\d+\.id$", k)]
        assert not declared, f"the relaunch found its slots, yet declared {declared}"

    # back in the same browser: the reflection is kept there (keep_local or not)
    learner = Learner(first.launch(saved=saved), course, first.package.config.get("strings"))
    assert learner.heading() == left_on
    learner.go_to(reflection_page)
    kept = learner.sco.get_by_role("textbox", name=prompt).input_value()
    assert kept == REFLECTION, f"the reflection was not kept in the same browser: {kept!r}"
    first.leave()
    first.assert_clean("relaunched in the same browser")


# --- commit failures --------------------------------------------------------------------------


@pytest.mark.parametrize("combo", COMBOS, ids=IDS)
def test_commit_failures_lose_nothing(
    open_lms: OpenLms, course: Course, combo: tuple[str, str]
) -> None:
    """The LMS fails the next commits (101 / 391) while the learner answers the pre-test and
    moves on; then it recovers and the learner does nothing: the runtime's own retry must bring
    the LMS up to date, and a relaunch from what the LMS holds must lose nothing."""
    profile, fmt = combo
    failing = 2
    session = open_lms(profile, fmt)
    learner = Learner(session.launch(), course, session.package.config.get("strings"))
    titles = learner.toc_titles()
    learner.choose_group(course.group_labels[GROUP])
    learner.next()
    answers = pre_test_answers(course)
    session.fail_commits(failing)  # the LMS stops answering for the next commits
    take_pre_test(learner, course, answers)
    learner.next()
    left_on = learner.heading()
    assert left_on == titles[2]

    keys = (
        ("cmi.core.lesson_location", "cmi.suspend_data")
        if fmt == "scorm12"
        else ("cmi.location", "cmi.suspend_data")
    )
    deadline = time.monotonic() + 20
    current: dict[str, Any] | None = None
    committed: dict[str, Any] | None = None
    while time.monotonic() < deadline:
        current, committed = session.current(), session.committed()
        if (
            current
            and committed
            and all(current.get(k) == committed.get(k) for k in keys)
            and current.get(keys[0])
        ):
            break
        session.page.wait_for_timeout(200)
    failed = [c for c in session.calls() if c.get("injected") and c["method"].endswith("Commit")]
    assert len(failed) == failing, (
        f"{len(failed)} commits failed, {failing} were injected: the runtime did not commit "
        "while the learner answered and moved on:\n" + calls_excerpt(session, limit=20)
    )
    assert current is not None
    assert committed is not None and all(current.get(k) == committed.get(k) for k in keys), (
        "20 s after the LMS recovered it still does not hold the latest state "
        f"(committed {[(committed or {}).get(k) for k in keys]}, "
        f"current {[current.get(k) for k in keys]}):\n" + calls_excerpt(session, "Commit|location")
    )
    if "saveFailed" in learner.strings:
        learner.wait_announced(re.compile(re.escape(learner.s("saveFailed"))))
    if "saveRecovered" in learner.strings:
        learner.wait_announced(re.compile(re.escape(learner.s("saveRecovered"))))
    session.leave()
    session.assert_clean("commit failures")

    # what the LMS holds brings the learner back with everything
    again = open_lms(profile, fmt)
    saved = saved_for_relaunch(session.committed(), fmt)
    learner = Learner(again.launch(saved=saved), course, again.package.config.get("strings"))
    assert learner.heading() == left_on
    learner.go_to(titles[1])
    assert_pre_test_kept(learner, course, answers)
    again.leave()
    again.assert_clean("relaunch after commit failures")


@pytest.mark.parametrize("combo", [("vgr", "scorm12")], ids=["vgr-scorm12"])
def test_a_group_chosen_just_before_leaving_is_recorded(
    open_lms: OpenLms, course: Course, combo: tuple[str, str]
) -> None:
    """The self-report waits a moment before it is sent (arrow keys change a closed select step
    by step); a learner who chooses and leaves at once must still be counted in their group."""
    profile, fmt = combo
    session = open_lms(profile, fmt)
    learner = Learner(session.launch(), course, session.package.config.get("strings"))
    learner.choose_group(course.group_labels[GROUP])
    session.leave()  # at once: no blur, well within the wait
    recorded = interactions(session)
    assert recorded.get(course.group_id, {}).get("student_response") == GROUP, recorded.get(
        course.group_id
    )
