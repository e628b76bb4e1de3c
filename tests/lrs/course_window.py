"""The browser side of an xAPI or cmi5 launch: the package in a Chromium window of its own (as a
Tin Can launcher or a cmi5 LMS opens it, AnyWindow), the learner walking it, and what the page did.

Builds on tests/e2e (lms.open_session: one browser context, every request recorded, nothing
allowed off 127.0.0.1; learner.Learner: role and name locators only), so it is imported by the
browser tests, with tests/e2e on sys.path.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from course_packages import Package
from learner import Course, Learner
from lms import LmsSession, open_session
from lms_side import XapiPackage
from lrs_server import TestLrs
from playwright.sync_api import Browser

# A reflection answer to look for in what is sent: vgr sends free text, public keeps it local.
REFLECTION = "E2E-reflektion: patientsäkerhet först"
# The group self-report chosen (its id; the label comes from the manuscript).
GROUP = "biomedicinska-analytiker"
NETWORK_ERROR = re.compile(
    r"Failed to load resource: (?:the server responded with a status of (\d+)|(net::\w+))"
)
# The adapter's persistent queue is localStorage's `<storageKey>:xapi:<registration>` (xapi.js):
# {q: statements not yet confirmed by the LRS, put: bookmark not yet sent, doc: the bookmark}.
QUEUE_JS = """(registration) => {
  const found = Object.keys(localStorage).filter((k) => k.endsWith(':xapi:' + registration));
  return found.length === 1 ? JSON.parse(localStorage.getItem(found[0])) : null;
}"""


@dataclass
class ConsoleLine:
    type: str
    text: str
    url: str


@dataclass
class Walk:
    visited: list[str]
    final_result: str = ""
    pre_result: str = ""


@dataclass
class CourseWindow:
    """One browser window (context) in which the LMS launches a package, once or more."""

    session: LmsSession
    lrs: TestLrs
    package: XapiPackage
    course: Course
    console: list[ConsoleLine] = field(default_factory=list)
    # LRS answers the page may log as failed loads: 404 (no bookmark yet) always
    expected_statuses: set[int] = field(default_factory=lambda: {404})
    network_errors_expected: bool = False

    @property
    def page(self) -> Any:
        return self.session.page

    @property
    def base_url(self) -> str:
        return f"{self.session.origin}/pkg/{self.package.key}/"

    def open(self, url: str) -> Learner:
        """Navigate the window to a launch URL; the learner once the course has started."""
        self.page.goto(url)
        learner = Learner(self.page, self.course, self.package.config.get("strings"))
        learner.wait_ready()
        return learner

    def queue(self, registration: str) -> dict[str, Any] | None:
        """The adapter's persistent queue (localStorage): q = statements not yet confirmed."""
        return self.page.evaluate(QUEUE_JS, registration)  # type: ignore[no-any-return]

    def wait_synced(self, registration: str, timeout: float = 20) -> None:
        """Until the runtime's queue is empty and its bookmark sent."""
        deadline = time.monotonic() + timeout
        queue: dict[str, Any] | None = None
        while time.monotonic() < deadline:
            queue = self.queue(registration)
            if queue is not None and not queue.get("q") and not queue.get("put"):
                return
            self.page.wait_for_timeout(150)
        pending = [
            f"{s.get('verb', {}).get('id', '?').rsplit('/', 1)[-1]} {s.get('object', {}).get('id')}"
            for s in (queue or {}).get("q", [])
        ]
        if queue is None:
            raise AssertionError(f"no queue ':xapi:{registration}' in the page's localStorage")
        raise AssertionError(
            f"{timeout:.0f} s on, the runtime still has {len(pending)} statement(s) unconfirmed "
            f"(bookmark unsent: {(queue or {}).get('put')}): {pending[:10]}"
        )

    def leave(self) -> None:
        """The learner leaves (closes the course / navigates away): pagehide ends the session."""
        self.page.goto(f"{self.lrs.origin}/lms/closed")

    def exit_course(self, learner: Learner) -> None:
        """The course's own exit button (cmi5): terminated, then back to returnURL."""
        learner.sco.get_by_role("button", name=learner.s("exitCourse")).click()

    def wait_for_statement(
        self, registration: str, verbs: str, count: int = 1, timeout: float = 15
    ) -> list[dict[str, Any]]:
        """The registration's statements once `count` of them have a verb matching `verbs`
        (a regular expression on the verb's last segment, e.g. "terminated|suspended")."""
        deadline = time.monotonic() + timeout
        found: list[dict[str, Any]] = []
        pattern = re.compile(rf"^(?:{verbs})$")
        while time.monotonic() < deadline:
            found = self.lrs.statements(registration=registration)
            names = [s["verb"]["id"].rsplit("/", 1)[-1] for s in found]
            if sum(1 for n in names if pattern.match(n)) >= count:
                return found
            time.sleep(0.2)
        names = [s["verb"]["id"].rsplit("/", 1)[-1] for s in found]
        raise AssertionError(
            f"{timeout:.0f} s on, the LRS has fewer than {count} statement(s) with verb {verbs} "
            f"for the registration; stored verbs in order: {names}"
        )

    def problems(self) -> list[str]:
        """Requests off 127.0.0.1 or outside the package and the LRS, uncaught errors, console
        errors (an LRS answer the test expects, e.g. 404 for an absent bookmark, aside)."""
        out = [f"network: {r}" for r in self.session.stray_requests()]
        out += [f"uncaught error in the page: {e}" for e in self.session.page_errors]
        for line in self.console:
            if line.type != "error" or line.url.endswith("/favicon.ico"):
                continue  # the browser's own request for a top-level window's icon
            match = NETWORK_ERROR.search(line.text)
            if match and line.url.startswith(self.lrs.origin):
                status, net = match.groups()
                if status and int(status) in self.expected_statuses:
                    continue
                if net and self.network_errors_expected:
                    continue
            out.append(f"console error: {line.text} ({line.url})")
        return out

    def assert_clean(self, context: str) -> None:
        problems = self.problems()
        assert not problems, f"{len(problems)} problem(s) ({context}):\n" + "\n".join(
            f"  - {p}" for p in problems
        )


@contextmanager
def course_window(
    browser: Browser, origin: str, lrs: TestLrs, package: XapiPackage, course: Course
) -> Iterator[CourseWindow]:
    """A fresh browser context (nothing shared with other windows) for one package."""
    scorm_like = Package(
        package.profile,
        package.format,
        package.zip_path,
        package.folder,
        package.launch,
        package.mastery,
        package.config,
    )
    with open_session(browser, scorm_like, origin, intercept=False) as session:
        session.allowed_origins.append(lrs.origin)
        window = CourseWindow(session, lrs, package, course)
        session.page.on(
            "console",
            lambda msg: window.console.append(
                ConsoleLine(msg.type, msg.text, str((msg.location or {}).get("url", "")))
            ),
        )
        yield window


def walk(
    learner: Learner,
    course: Course,
    pass_final: bool = True,
    stop_at: str | None = None,
    reflection: str = REFLECTION,
    group: str = GROUP,
) -> Walk:
    """Next through the pages from where the course opened, doing what each page asks (quizzes,
    reflections, the built-in survey, the group self-report); stop on the page titled `stop_at`
    (before doing anything there) or on the last page."""
    visited = [learner.heading()]
    result = Walk(visited)
    while True:
        if stop_at is not None and visited[-1] == stop_at:
            break
        for quiz_id in learner.visible_quizzes():
            quiz = learner.quiz_region(quiz_id)
            if quiz.get_by_role("button", name=learner.s("quizSubmit")).is_disabled():
                continue  # already answered (a resumed session)
            if quiz_id == course.assessment:
                result.final_result = learner.take_quiz(quiz_id, correct=pass_final)
            else:
                result.pre_result = learner.take_quiz(quiz_id, correct=True)
        for prompt in learner.visible_reflections():
            learner.write_reflection(prompt, reflection)
        if learner.survey_region() is not None:
            learner.answer_survey(reflection)
        box = learner.sco.get_by_role("combobox", name=course.group_prompt)
        if box.count() == 1 and box.is_visible() and box.input_value() != group:
            learner.choose_group(course.group_labels[group])
        if not learner.can_go_next():
            break
        visited.append(learner.next())
    return result


def statement_texts(lrs: TestLrs, registration: str) -> list[tuple[str, str]]:
    """(where, text) of everything that reached the LRS for a registration: each stored
    statement, and every request body the test server received (documents included)."""
    out = [
        (f"statement {s.get('id')}", json.dumps(s, ensure_ascii=False))
        for s in lrs.statements(registration=registration)
    ]
    for req in lrs.requests():
        if req.body and (registration in json.dumps(req.params) or req.statements):
            out.append((f"{req.method} {req.path}", req.body.decode("utf-8", errors="replace")))
    return out
