"""cmi5 packages in Chromium against a real LRS (Ralph behind tests/lrs's server).

The test plays the LMS (tests/lrs/lms_side.py): for each launch a registration (new or the
learner's), a session id, LMS.LaunchData from the package's cmi5.xml, a one-time fetch URL, its
own `launched` statement, then the AU URL. The learner walks the default course and leaves with
the course's exit button; the statements are read back from the LRS and checked against the
cmi5 rules (statement_rules.cmi5_problems: order, verbs, categories, context template and
session id, result fields, masteryScore), Ralph's model and ours.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
import yaml
from course_window import REFLECTION, CourseWindow, statement_texts, walk
from learner import Course, Learner
from lms_side import COURSE, Cmi5Launch, Cmi5Lms, learner
from lrs_server import TestLrs, ralph_validate
from statement_rules import (
    EXT_MASTERY,
    EXT_SESSION,
    Cmi5Session,
    cmi5_problems,
    describe,
    iri_problems,
    leaks,
    object_problems,
    sent_after_end,
    statement_problems,
    verb,
)

pytestmark = pytest.mark.e2e

Statements = list[dict[str, Any]]


def base_iri(profile: str) -> str:
    data = yaml.safe_load((COURSE / "profiles" / f"{profile}.yaml").read_text(encoding="utf-8"))
    return str(data["xapi"]["base_iri"])


def excerpt(statements: Statements, limit: int = 70) -> str:
    return "\n".join(f"    {describe(s)}" for s in statements[-limit:])


def start(
    window: CourseWindow, actor: dict[str, Any], registration: str, mode: str = "Normal"
) -> tuple[Learner, Cmi5Launch]:
    lms = Cmi5Lms(window.lrs, window.package, window.base_url)
    launch = lms.launch(actor, registration, mode)
    return window.open(launch.url), launch


def exit_course(window: CourseWindow, learner_: Learner, launch: Cmi5Launch) -> None:
    """The course's exit button: terminated, then the window goes to the LMS's returnURL."""
    window.exit_course(learner_)
    assert launch.return_url
    window.page.wait_for_url(launch.return_url, timeout=15_000)


def session_of(st: dict[str, Any]) -> Any:
    return st.get("context", {}).get("extensions", {}).get(EXT_SESSION)


def check_registration(
    window: CourseWindow,
    actor: dict[str, Any],
    registration: str,
    launches: list[Cmi5Launch],
) -> Statements:
    """All the rules on the registration's stored statements; the requests of each session."""
    lrs: TestLrs = window.lrs
    package = window.package
    statements = window.wait_for_statement(registration, "terminated", count=len(launches))
    sessions: list[Cmi5Session] = [launch.session for launch in launches]
    problems = ralph_validate(statements)
    problems += statement_problems(statements, actor, registration, utc=True)
    problems += cmi5_problems(statements, sessions)
    problems += iri_problems(
        package.config, base_iri(package.profile), package.config["course"]["id"]
    )
    activity = sessions[0].activity_id
    au = [s for s in statements if verb(s) != "launched"]
    problems += object_problems(au, package.config, activity)
    posted = [
        (r.status, r.statements)
        for r in lrs.requests("statements", "POST")
        if any(s.get("context", {}).get("registration") == registration for s in r.statements)
    ]
    problems += sent_after_end(posted, session_of)
    for launch in launches:
        key = lrs.fetch_keys[launch.fetch_key]
        fetches = [r for r in lrs.requests() if r.path == f"/fetch/{launch.fetch_key}"]
        if key.fetched != 1 or [r.method for r in fetches] != ["POST"]:
            problems.append(
                f"session {launch.session.session_id}: the fetch URL was called "
                f"{[r.method for r in fetches]} (cmi5 8.2: one POST)"
            )
    # the browser used the fetched tokens and nothing else
    tokens = {f"cmi5:{launch.fetch_key}" for launch in launches}
    other = [
        str(r)
        for r in lrs.requests()
        if r.origin == window.session.origin
        and r.path.startswith("/xAPI/")
        and r.method != "OPTIONS"
        and r.who not in tokens
    ]
    problems += [f"a request without this registration's session token: {o}" for o in other]
    problems += [f"the LRS saw: {v}" for v in lrs.violations]
    refused = [
        str(r)
        for r in lrs.requests()
        if r.path.startswith("/xAPI/")
        and r.who != "lms"
        and r.status in (400, 401, 403, 405, 409, 412, 500)
    ]
    problems += [f"the LRS refused a request: {r}" for r in refused]
    assert not problems, (
        f"{len(problems)} problem(s), registration {registration}:\n"
        + "\n".join(f"  - {p}" for p in problems[:40])
        + f"\n  statements stored:\n{excerpt(statements)}"
    )
    return statements


def in_session(statements: Statements, launch: Cmi5Launch) -> Statements:
    """The AU's statements of one session (the LMS's launched statement left out)."""
    return [
        s
        for s in statements
        if session_of(s) == launch.session.session_id and verb(s) != "launched"
    ]


# --- a Normal launch: walk, pass, exit to the LMS --------------------------------------------


def test_normal_launch_pass_and_return(open_window: Any, course: Course) -> None:
    window: CourseWindow = open_window("public", "cmi5")
    registration = str(uuid.uuid4())
    actor = learner(f"e2e-{registration[:8]}")
    learner_, launch = start(window, actor, registration)
    assert launch.launch_data["masteryScore"] == window.package.aus[0].mastery == 0.75
    done = walk(learner_, course, pass_final=True)
    assert done.final_result, "the final quiz announced no result"
    learner_.sco.get_by_text(learner_.s("badgeTitle"), exact=True).wait_for(state="visible")
    window.wait_synced(registration)
    exit_course(window, learner_, launch)
    assert any(p.startswith("/lms/return") for p in window.lrs.pages_seen)
    statements = check_registration(window, actor, registration, [launch])

    mine = in_session(statements, launch)
    names = [verb(s) for s in mine]
    assert names[0] == "initialized" and names[-1] == "terminated", names
    assert names.count("completed") == 1 and names.count("passed") == 1, names
    assert "failed" not in names, names
    passed = next(s for s in mine if verb(s) == "passed")
    assert passed["result"]["score"]["scaled"] == 1, describe(passed)
    assert passed["context"]["extensions"][EXT_MASTERY] == 0.75, describe(passed)
    completed = next(s for s in mine if verb(s) == "completed")
    assert "score" not in completed["result"], describe(completed)
    # the learner preferences were read (cmi5 11: on startup)
    reads = [
        r
        for r in window.lrs.requests("agents/profile", "GET")
        if r.params.get("profileId") == "cmi5LearnerPreferences"
        and r.who == f"cmi5:{launch.fetch_key}"
    ]
    assert reads, "the AU did not read cmi5LearnerPreferences"
    # public keeps free text local: not in any statement nor any document
    leaked = leaks(statement_texts(window.lrs, registration), REFLECTION)
    assert not leaked, "free text reached the LRS:\n" + "\n".join(leaked)
    window.assert_clean("cmi5 normal launch")


# --- three sessions, one registration ----------------------------------------------------------


def test_sessions_of_one_registration(open_window: Any, course: Course) -> None:
    """Leave mid-course; come back in another browser on the same page (the bookmark is in the
    State API); fail the final test; come back again and pass it. completed once in the
    registration, failed then passed, each session initialized ... terminated."""
    registration = str(uuid.uuid4())
    actor = learner(f"e2e-{registration[:8]}")
    launches = []

    first = open_window("public", "cmi5")
    learner_, launch = start(first, actor, registration)
    launches.append(launch)
    titles = learner_.toc_titles()
    walk(learner_, course, stop_at=titles[3])
    left_on = learner_.heading()
    first.wait_synced(registration)
    exit_course(first, learner_, launch)

    second = open_window("public", "cmi5")
    learner_, launch = start(second, actor, registration)
    launches.append(launch)
    assert learner_.heading() == left_on, f"resumed on {learner_.heading()!r}, left {left_on!r}"
    walk(learner_, course, pass_final=False)
    second.wait_synced(registration)
    exit_course(second, learner_, launch)

    third = open_window("public", "cmi5")
    learner_, launch = start(third, actor, registration)
    launches.append(launch)
    quiz_page = next(t for t in learner_.toc_titles() if "igen" in t)
    learner_.go_to(quiz_page)
    learner_.retry_quiz(course.assessment)
    learner_.take_quiz(course.assessment, correct=True)
    third.wait_synced(registration)
    exit_course(third, learner_, launch)

    statements = check_registration(third, actor, registration, launches)
    per_session = [[verb(s) for s in in_session(statements, each)] for each in launches]
    outcomes = [
        [v for v in names if v in ("completed", "passed", "failed")] for names in per_session
    ]
    assert outcomes == [[], ["completed", "failed"], ["passed"]] or outcomes == [
        [],
        ["failed", "completed"],
        ["passed"],
    ], f"outcomes per session: {outcomes}\n{excerpt(statements)}"
    failed = next(s for s in statements if verb(s) == "failed")
    assert failed["result"]["score"]["scaled"] < 0.75, describe(failed)
    assert failed["context"]["extensions"][EXT_MASTERY] == 0.75, describe(failed)
    for window in (first, second, third):
        window.assert_clean("three sessions")


def test_fail_then_pass_in_one_session(open_window: Any, course: Course) -> None:
    """cmi5 allows one passed or failed per session: a fail is held to the session's end, so a
    learner who fails the final test and passes its retry before leaving is reported passed at
    once, with no failed (docs/completion.md), and the AU is satisfied in that session."""
    window = open_window("public", "cmi5")
    registration = str(uuid.uuid4())
    actor = learner(f"e2e-{registration[:8]}")
    learner_, launch = start(window, actor, registration)
    walk(learner_, course, pass_final=False)
    quiz_page = next(t for t in learner_.toc_titles() if "igen" in t)
    learner_.go_to(quiz_page)
    learner_.retry_quiz(course.assessment)
    learner_.take_quiz(course.assessment, correct=True)
    window.wait_synced(registration)
    exit_course(window, learner_, launch)
    statements = check_registration(window, actor, registration, [launch])
    names = [verb(s) for s in in_session(statements, launch)]
    assert [v for v in names if v in ("completed", "passed", "failed")] == [
        "completed",
        "passed",
    ], f"{names}\n{excerpt(statements)}"
    window.assert_clean("fail then pass in one session")


# --- Browse and Review: look, report nothing --------------------------------------------------


@pytest.mark.parametrize("mode", ["Browse", "Review"])
def test_browse_and_review_send_no_outcome(open_window: Any, course: Course, mode: str) -> None:
    window: CourseWindow = open_window("public", "cmi5")
    registration = str(uuid.uuid4())
    actor = learner(f"e2e-{registration[:8]}")
    learner_, launch = start(window, actor, registration, mode)
    titles = learner_.toc_titles()
    for title in titles:  # every page seen
        learner_.go_to(title)
    quiz_page = next(t for t in titles if "igen" in t)
    learner_.go_to(quiz_page)
    quiz = learner_.quiz_region(course.assessment)
    if quiz.get_by_role("button", name=learner_.s("quizSubmit")).is_enabled():
        learner_.take_quiz(course.assessment, correct=True)
    window.wait_synced(registration)
    exit_course(window, learner_, launch)
    statements = check_registration(window, actor, registration, [launch])
    sent = [verb(s) for s in in_session(statements, launch)]
    assert not {"completed", "passed", "failed"} & set(sent), (
        f"{mode}: outcome statements sent: {sent}\n{excerpt(statements)}"
    )
    assert sent[0] == "initialized" and sent[-1] == "terminated", sent
    window.assert_clean(f"cmi5 {mode}")


def test_a_second_load_of_the_launch_url_does_not_start(open_window: Any, course: Course) -> None:
    """The fetch URL is single-use: reloading the AU says so instead of running untracked."""
    window: CourseWindow = open_window("public", "cmi5")
    registration = str(uuid.uuid4())
    actor = learner(f"e2e-{registration[:8]}")
    learner_, launch = start(window, actor, registration)
    window.wait_synced(registration)
    window.page.reload()
    said = learner_.s("launchUsed")
    # shown (the first match; the announcer, visually hidden, says it too) and announced
    window.page.get_by_text(said).first.wait_for(state="visible")
    learner_.wait_announced(re.compile(re.escape(said)))
    assert learner_.sco.get_by_role("navigation", name=learner_.s("pagerLabel")).is_hidden(), (
        "the course runs after a reused launch"
    )
    assert window.lrs.fetch_keys[launch.fetch_key].fetched == 1, "the reload POSTed fetch again"
    assert not window.lrs.violations, window.lrs.violations
