"""xAPI (Tin Can) packages in Chromium against a real LRS (Ralph behind tests/lrs's server).

The test plays the launcher: the launch URL carries endpoint, auth, actor, registration and
activity_id. The learner walks the default course; the statements are then read back from the
LRS and checked: Ralph's xAPI model and our own rules (statement_rules.py), the session
sequence, actor and registration, activity ids, the group as a context extension, free text
only where the profile sends it, bookmark and resume through the State API, and an LRS outage
that loses nothing and stores nothing twice.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections import Counter
from typing import Any

import pytest
import yaml
from course_window import GROUP, REFLECTION, CourseWindow, statement_texts, walk
from learner import INTERACTION_TYPES, Course, Learner
from lms_side import COURSE, learner, tincan_launch_url
from lrs_server import TestLrs, ralph_validate
from statement_rules import (
    describe,
    iri_problems,
    leaks,
    object_problems,
    sent_after_end,
    statement_problems,
    tincan_session_problems,
    verb,
)

pytestmark = pytest.mark.e2e

Statements = list[dict[str, Any]]


def profile_yaml(profile: str) -> dict[str, Any]:
    path = COURSE / "profiles" / f"{profile}.yaml"
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def base_iri(profile: str) -> str:
    return str(profile_yaml(profile)["xapi"]["base_iri"])


def launch(window: CourseWindow, actor: dict[str, Any], registration: str) -> Learner:
    package = window.package
    url = tincan_launch_url(
        window.base_url + package.launch, window.lrs, actor, registration, package.course_id
    )
    return window.open(url)


def au_statements(statements: Statements) -> Statements:
    return [s for s in statements if verb(s) != "launched"]


def excerpt(statements: Statements, pattern: str = "", limit: int = 60) -> str:
    lines = [describe(s) for s in statements if not pattern or re.search(pattern, describe(s))]
    return "\n".join(f"    {line}" for line in lines[-limit:])


def assert_no_problems(problems: list[str], statements: Statements, context: str) -> None:
    assert not problems, (
        f"{len(problems)} problem(s) ({context}):\n"
        + "\n".join(f"  - {p}" for p in problems[:40])
        + f"\n  statements stored:\n{excerpt(statements)}"
    )


def common_checks(
    window: CourseWindow, statements: Statements, actor: dict[str, Any], registration: str
) -> None:
    """Valid (Ralph's model and ours), the launch actor and registration, the Tin Can session
    sequence, our IRIs, nothing sent after terminated, every request well-formed."""
    package, lrs = window.package, window.lrs
    config = package.config
    problems = ralph_validate(statements)
    problems += statement_problems(statements, actor, registration)
    problems += tincan_session_problems(
        statements, package.course_id, config.get("xapi", {}).get("courseIri", "")
    )
    problems += iri_problems(config, base_iri(package.profile), config["course"]["id"])
    problems += object_problems(statements, config, package.course_id)
    mine = [
        (r.status, r.statements)
        for r in lrs.requests("statements", "POST")
        if any(s.get("context", {}).get("registration") == registration for s in r.statements)
    ]
    problems += sent_after_end(mine)
    bad = [
        str(r)
        for r in lrs.requests()
        if r.path.startswith("/xAPI/") and r.status in (400, 401, 403, 405, 409, 412, 500)
    ]
    problems += [f"the LRS refused a request: {b}" for b in bad]
    assert_no_problems(problems, statements, f"{package.key}, registration {registration}")


# --- walk and pass --------------------------------------------------------------------------


@pytest.mark.parametrize("profile", ["public", "vgr"])
def test_walk_and_pass(open_window: Any, course: Course, profile: str) -> None:
    window: CourseWindow = open_window(profile, "xapi")
    config = window.package.config
    registration = str(uuid.uuid4())
    actor = learner(f"e2e-{registration[:8]}", "Testsson, Tove")
    learner_ = launch(window, actor, registration)
    titles = learner_.toc_titles()
    done = walk(learner_, course, pass_final=True)
    assert done.visited == titles, "Next did not lead through the pages in order"
    assert done.final_result, "the final quiz announced no result"
    learner_.sco.get_by_text(learner_.s("badgeTitle"), exact=True).wait_for(state="visible")
    window.wait_synced(registration)
    window.leave()
    statements = window.wait_for_statement(registration, "terminated")
    common_checks(window, statements, actor, registration)

    by_verb = Counter(verb(s) for s in statements)
    assert verb(statements[0]) == "initialized", excerpt(statements[:3])
    assert by_verb["completed"] == 1 and by_verb["passed"] == 1 and by_verb["failed"] == 0, (
        f"outcomes {dict(by_verb)}:\n{excerpt(statements, 'completed|passed|failed')}"
    )
    passed = next(s for s in statements if verb(s) == "passed")
    score = passed.get("result", {}).get("score", {})
    assert score.get("scaled") == 1 and score.get("raw") == 100, describe(passed)
    assert "duration" in passed["result"], describe(passed)

    # every page experienced, as its config IRI
    pages = {p["iri"] for p in config["pages"]}
    experienced = {s["object"]["id"] for s in statements if verb(s) == "experienced"}
    assert experienced == pages, f"pages not experienced: {sorted(pages - experienced)}"

    # every question of both quizzes answered, with its interaction type and correct pattern
    answered = {s["object"]["id"]: s for s in statements if verb(s) == "answered"}
    for quiz_id, quiz in config["quizzes"].items():
        for question in quiz["questions"]:
            st = answered.get(question["iri"])
            assert st is not None, f"no answered for {question['iri']}:\n{excerpt(statements)}"
            definition = st["object"].get("definition", {})
            authored = next(q for q in course.questions if q["id"] == question["id"])
            assert definition.get("interactionType") == INTERACTION_TYPES[authored["type"]], (
                describe(st)
            )
            assert definition.get("correctResponsesPattern"), describe(st)
            assert st.get("result", {}).get("success") is True, describe(st)
            assert st["context"]["contextActivities"]["parent"][0]["id"] == quiz["iri"], (
                f"the question's parent is not its quiz {quiz_id}: {describe(st)}"
            )

    # the group: answered as its option id, then carried as a context extension
    group_iri = config["groups"][course.group_id]["iri"]
    group_st = answered.get(group_iri)
    assert group_st is not None, f"no answered for the group {group_iri}"
    assert group_st.get("result", {}).get("response") == GROUP, describe(group_st)
    extension = config["xapi"]["extensions"]["group"]
    assert extension == f"{base_iri(profile)}extensions/group", extension
    carrying = [s for s in statements if extension in s.get("context", {}).get("extensions", {})]
    after = [s for s in statements if s["timestamp"] > group_st["timestamp"]]
    missing = [s for s in after if s not in carrying]
    assert not missing, (
        f"statements after the group was chosen without the group extension {extension}:\n"
        + excerpt(missing)
    )
    values = {json.dumps(s["context"]["extensions"][extension]) for s in carrying}
    assert all(GROUP in v for v in values), f"group extension values: {values}"
    assert all(actor["account"]["name"] not in v for v in values), values

    # free text: only the vgr profile sends it
    texts = statement_texts(window.lrs, registration)
    leaked = leaks(texts, REFLECTION)
    if profile_yaml(profile)["privacy"]["free_text"] == "keep_local":
        assert not leaked, "the profile keeps free text local, but it reached the LRS:\n" + (
            "\n".join(leaked)
        )
    else:
        reflections = {e["iri"] for e in config["reflections"].values()}
        sent = [
            s
            for s in statements
            if s["object"]["id"] in reflections
            and s.get("result", {}).get("response") == REFLECTION
        ]
        assert sent, "vgr sends reflections, but no answered statement carries the text"
        assert sent[0]["object"]["definition"]["interactionType"] in ("long-fill-in", "fill-in")
    window.assert_clean(f"{profile} walk and pass")


# --- fail (on_fail: failed) ---------------------------------------------------------------------


def test_walk_and_fail(open_window: Any, course: Course) -> None:
    """Every page seen, the final test failed: the policy's outcome is "not complete, failed"
    (docs/completion.md), so a Tin Can LMS, which completes on a verb, gets failed and no
    completed, and the session ends suspended, not terminated."""
    window: CourseWindow = open_window("public", "xapi")
    registration = str(uuid.uuid4())
    actor = learner(f"e2e-{registration[:8]}", "Testsson, Tove")
    learner_ = launch(window, actor, registration)
    done = walk(learner_, course, pass_final=False)
    assert done.final_result, "the final quiz announced no result"
    assert learner_.sco.get_by_text(learner_.s("badgeTitle"), exact=True).is_hidden()
    window.wait_synced(registration)
    window.leave()
    statements = window.wait_for_statement(registration, "suspended")
    common_checks(window, statements, actor, registration)
    by_verb = Counter(verb(s) for s in statements)
    assert (by_verb["failed"], by_verb["completed"], by_verb["passed"]) == (1, 0, 0), (
        f"outcomes {dict(by_verb)}:\n{excerpt(statements, 'completed|passed|failed')}"
    )
    failed = next(s for s in statements if verb(s) == "failed")
    score = failed["result"]["score"]
    assert failed["result"]["success"] is False and score["raw"] < course.passing_score, describe(
        failed
    )
    assert by_verb["terminated"] == 0, excerpt(statements, "terminated|suspended")
    window.assert_clean("public walk and fail")


# --- leave and resume --------------------------------------------------------------------------


def test_leave_and_resume_through_the_state_api(open_window: Any, course: Course) -> None:
    """Leave mid-course; relaunch with the same registration in another browser (nothing in
    localStorage): the bookmark comes back from the State API, on the same page."""
    registration = str(uuid.uuid4())
    actor = learner(f"e2e-{registration[:8]}")
    first = open_window("public", "xapi")
    learner_ = launch(first, actor, registration)
    titles = learner_.toc_titles()
    walk(learner_, course, stop_at=titles[3])
    left_on = learner_.heading()
    first.wait_synced(registration)
    first.leave()
    first.wait_for_statement(registration, "terminated|suspended")

    second = open_window("public", "xapi")  # another device: only the LRS knows the learner
    since = len(second.lrs.log)
    learner_ = launch(second, actor, registration)
    assert learner_.heading() == left_on, f"resumed on {learner_.heading()!r}, left {left_on!r}"
    reads = [
        r for r in second.lrs.log[since:] if r.resource == "activities/state" and r.method == "GET"
    ]
    assert reads and reads[0].status == 200, (
        "the relaunch did not read its bookmark from the State API: "
        + "; ".join(str(r) for r in reads)
    )
    assert reads[0].params.get("registration") == registration, str(reads[0])
    box = learner_.sco.get_by_role("combobox", name=course.group_prompt)
    learner_.go_to(titles[0])
    assert box.input_value() == GROUP, "the group self-report was not kept"
    second.wait_synced(registration)
    second.leave()
    statements = second.wait_for_statement(registration, "terminated|suspended", count=2)
    starts = [verb(s) for s in statements if verb(s) in ("initialized", "resumed")]
    assert starts == ["initialized", "resumed"], f"session starts: {starts}"
    common_checks(second, statements, actor, registration)
    assert not any(verb(s) in ("completed", "passed") for s in statements)
    first.assert_clean("first session")
    second.assert_clean("resumed session")


# --- the LRS goes away for a while ---------------------------------------------------------------


def test_lrs_outage_loses_nothing_and_stores_nothing_twice(
    open_window: Any, course: Course
) -> None:
    """Mid-course the LRS first loses its replies (it stores, the browser hears 503), then
    refuses everything for a few seconds while the learner goes on; then it recovers and the
    learner does nothing: the runtime's own retries must deliver every statement it made, each
    once, and the learner was told both times."""
    window: CourseWindow = open_window("public", "xapi")
    window.expected_statuses |= {503}
    window.network_errors_expected = True
    lrs: TestLrs = window.lrs
    registration = str(uuid.uuid4())
    actor = learner(f"e2e-{registration[:8]}")
    learner_ = launch(window, actor, registration)
    titles = learner_.toc_titles()
    learner_.choose_group(course.group_labels[GROUP])
    learner_.next()
    window.wait_synced(registration)

    lrs.refuse(count=2, mode="lose_reply", resources=("statements",))
    walk(learner_, course, stop_at=titles[2])  # the pre-test, then on
    window.wait_synced(registration)
    outage = 2.5
    lrs.refuse(seconds=outage)
    started = time.monotonic()
    walk(learner_, course, stop_at=titles[4])
    time.sleep(max(0.0, outage - (time.monotonic() - started)))
    window.wait_synced(registration, timeout=30)  # the learner does nothing meanwhile
    failed, recovered = learner_.s("saveFailed"), learner_.s("saveRecovered")
    deadline = time.monotonic() + 3
    while True:  # announced just after the queue empties (the announcer waits 60 ms)
        said = [a for a in learner_.announcements() if a in (failed, recovered)]
        if (said and said[-1] == recovered) or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert said.count(learner_.s("saveFailed")) >= 1, f"saving problems announced: {said}"
    assert said[-1] == learner_.s("saveRecovered"), f"saving problems announced: {said}"
    window.leave()
    statements = window.wait_for_statement(registration, "terminated|suspended")
    common_checks(window, statements, actor, registration)

    posts = [r for r in lrs.requests("statements", "POST") if r.statements]
    lost = [r for r in posts if r.refused and r.note.startswith("done")]
    refused = [r for r in posts if r.refused and not r.note.startswith("done")]
    assert lost, "no statement request met the lost replies: the fault did not happen"
    assert refused, "no statement request met the outage: the fault did not happen"
    tried = {i for r in posts for i in r.statement_ids}
    stored = Counter(s["id"] for s in statements)
    missing = sorted(tried - set(stored))
    assert not missing, f"{len(missing)} statement(s) the runtime sent never got stored: {missing}"
    twice = {i: n for i, n in stored.items() if n > 1}
    assert not twice, f"stored more than once: {twice}"

    # the same events, not new copies: one answered per pre-test question, one experienced per
    # page seen (each was seen once)
    pre = next(q for q in course.quizzes if q != course.assessment)
    answered = Counter(s["object"]["id"] for s in statements if verb(s) == "answered")
    questions = [q["iri"] for q in window.package.config["quizzes"][pre]["questions"]]
    wrong = {q: answered[q] for q in questions if answered[q] != 1}
    assert not wrong, f"answered statements per pre-test question (expected 1 each): {wrong}"
    experienced = Counter(s["object"]["id"] for s in statements if verb(s) == "experienced")
    pages = [p["iri"] for p in window.package.config["pages"][:5]]
    wrong = {p: experienced[p] for p in pages if experienced[p] != 1}
    assert not wrong, f"experienced per page seen once (expected 1 each): {wrong}"
    counts = Counter(verb(s) for s in statements)
    assert counts["initialized"] == 1, dict(counts)
    window.assert_clean("outage")


def test_no_lrs_endpoint_or_credential_in_the_packages(xapi_packages: Any) -> None:
    """The LRS comes from the launch only: the boot config names no endpoint or credential."""
    suspicious = re.compile(r"endpoint|auth|password|username|secret|token|lrs", re.I)

    def keys(value: Any, path: str = "") -> list[str]:
        if isinstance(value, dict):
            found = [f"{path}.{k}" for k in value if suspicious.search(str(k))]
            return found + [
                x for k, v in value.items() if k != "strings" for x in keys(v, f"{path}.{k}")
            ]
        if isinstance(value, list):
            return [x for i, v in enumerate(value) for x in keys(v, f"{path}[{i}]")]
        return []

    for fmt in ("xapi", "cmi5"):
        package = xapi_packages.get("public", fmt)
        assert not keys(package.config), f"{package.key}: config keys {keys(package.config)}"
        assert b"endpoint" not in package.manifest.lower(), f"{package.key}: manifest"
