"""`on_fail: incomplete` in xAPI and cmi5, against Ralph (docs/completion.md, path D).

The default course with `on_fail: incomplete` is built for the public profile; a learner sees
every page and fails the final test. Nothing may tell the LMS an outcome: no completed, passed
or failed (the Tin Can session ends suspended, the cmi5 session terminated), and the score is
only in the answered statements. A pass (path B) and a fail with `on_fail: failed` (path C) are
in test_xapi_flows.py and test_cmi5_flows.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from typing import Any

import pytest
from course_window import CourseWindow, course_window, walk
from learner import Course
from lms_side import COURSE, REPO, Cmi5Lms, XapiPackage, learner, tincan_launch_url, unpack
from lrs_server import ralph_validate
from statement_rules import describe, statement_problems, verb

pytestmark = pytest.mark.e2e

OUTCOMES = ("completed", "passed", "failed")
PROFILE = "public-incomplete"  # the packages' folder name under /pkg/, apart from the default's


@pytest.fixture(scope="module")
def packages(package_cache: Any) -> dict[str, XapiPackage]:
    """The default course with on_fail: incomplete, public profile, xapi and cmi5."""
    root = package_cache.root
    course = root / "course-on-fail-incomplete"
    shutil.copytree(COURSE, course)
    for meta in (course / "course.yaml", course / "course.en.yaml"):  # a translation repeats it
        text = meta.read_text(encoding="utf-8")
        assert "  on_fail: failed\n" in text, meta
        meta.write_text(text.replace("  on_fail: failed\n", "  on_fail: incomplete\n"), "utf-8")
    out = root / "zips" / PROFILE
    cmd = [sys.executable, "-m", "aicourse_build", "build", str(course), "--profile", "public"]
    cmd += ["--format", "xapi", "--format", "cmi5", "--out", str(out)]
    env = {**os.environ, "AICOURSE_THEMES": str(REPO / "themes")}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO, check=False)
    assert done.returncode == 0, f"build failed:\n{done.stdout}\n{done.stderr}"
    built = {}
    for fmt in ("xapi", "cmi5"):
        (zip_path,) = out.glob(f"*-public-{fmt}.zip")
        built[fmt] = unpack(zip_path, root / "pkg" / f"{PROFILE}-{fmt}", PROFILE, fmt)
    return built


def open_package(browser: Any, server: Any, lrs: Any, course: Course, package: XapiPackage) -> Any:
    lrs.reset()
    return course_window(browser, server.origin, lrs, package, course)


def fail_everything(window: CourseWindow, course: Course, url: str, registration: str) -> None:
    learner_ = window.open(url)
    done = walk(learner_, course, pass_final=False)
    assert done.final_result, "the final quiz announced no result"
    assert learner_.sco.get_by_text(learner_.s("badgeTitle"), exact=True).is_hidden()
    window.wait_synced(registration)


def outcome_problems(statements: list[dict[str, Any]], actor: dict[str, Any], reg: str) -> str:
    problems = ralph_validate(statements) + statement_problems(statements, actor, reg)
    sent = [describe(s) for s in statements if verb(s) in OUTCOMES]
    problems += [f"an outcome under on_fail incomplete: {s}" for s in sent]
    return "\n".join(problems)


def test_xapi_fail_sends_no_outcome(
    browser: Any,
    server: Any,
    lrs: Any,
    course: Course,
    packages: dict[str, XapiPackage],
) -> None:
    package = packages["xapi"]
    registration = str(uuid.uuid4())
    actor = learner(f"e2e-{registration[:8]}", "Testsson, Tove")
    with open_package(browser, server, lrs, course, package) as window:
        url = tincan_launch_url(
            window.base_url + package.launch, lrs, actor, registration, package.course_id
        )
        fail_everything(window, course, url, registration)
        window.leave()
        statements = window.wait_for_statement(registration, "suspended")
        assert not outcome_problems(statements, actor, registration), outcome_problems(
            statements, actor, registration
        )
        # the answers (and so the score) are in the LRS all the same
        answered = [s for s in statements if verb(s) == "answered"]
        assessment = package.config["quizzes"][course.assessment]["iri"]
        wrong = [
            s
            for s in answered
            if s["context"]["contextActivities"]["parent"][0]["id"] == assessment
        ]
        assert wrong and all(s["result"]["success"] is False for s in wrong)
        window.assert_clean("xapi on_fail incomplete")


def test_cmi5_fail_sends_no_outcome(
    browser: Any,
    server: Any,
    lrs: Any,
    course: Course,
    packages: dict[str, XapiPackage],
) -> None:
    package = packages["cmi5"]
    # the AU is satisfied by completed and passed: neither is sent, so it stays unsatisfied
    assert (package.aus[0].move_on, package.aus[0].mastery) == ("CompletedAndPassed", 0.75)
    registration = str(uuid.uuid4())
    actor = learner(f"e2e-{registration[:8]}")
    with open_package(browser, server, lrs, course, package) as window:
        launch = Cmi5Lms(lrs, package, window.base_url).launch(actor, registration, "Normal")
        fail_everything(window, course, launch.url, registration)
        window.leave()
        statements = window.wait_for_statement(registration, "terminated")
        mine = [s for s in statements if verb(s) != "launched"]
        assert not outcome_problems(mine, actor, registration), outcome_problems(
            mine, actor, registration
        )
        assert verb(mine[0]) == "initialized" and verb(mine[-1]) == "terminated"
        window.assert_clean("cmi5 on_fail incomplete")
