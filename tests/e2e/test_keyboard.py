"""Keyboard-only completion: Tab, Enter, Space and the arrow keys, never the mouse.

Focus starts on the LMS page, as after the player loads. Every control is reached by pressing
Tab (the test only looks at which element has focus; it never clicks or focuses anything
itself), radio groups (and each prompt of a matching question) are answered with the arrow keys,
checkboxes with Space, and buttons (an ordering item's move buttons too) with Enter. The final
quiz is passed and the LMS must record it.
"""

from __future__ import annotations

from typing import Any

import pytest
from learner import Course, Learner
from lms import LmsSession, OpenLms
from playwright.sync_api import Locator

pytestmark = pytest.mark.e2e

COMBOS = [("vgr", "scorm12"), ("public", "scorm2004")]
MAX_TABS = 250

IS_FOCUSED = """
els => els.some(el => el.ownerDocument.hasFocus() && el === el.ownerDocument.activeElement)
"""


class Keyboard:
    def __init__(self, session: LmsSession) -> None:
        self.session = session
        self.keys = session.page.keyboard
        self.presses = 0

    def press(self, key: str) -> None:
        assert key in ("Tab", "Enter", "Space", "ArrowDown", "ArrowUp", "ArrowLeft", "ArrowRight")
        self.keys.press(key)
        self.presses += 1

    def tab_to(self, target: Locator, what: str) -> None:
        """Press Tab until focus is on (one of) the target element(s)."""
        for _ in range(MAX_TABS):
            if target.evaluate_all(IS_FOCUSED):
                return
            self.press("Tab")
        focused = self.session.sco_frame.evaluate(
            "() => document.activeElement && document.activeElement.outerHTML.slice(0, 120)"
        )
        raise AssertionError(f"{MAX_TABS} Tab presses never reached {what} (focus on {focused})")

    def arrow_until(self, target: Locator, what: str, limit: int = 12) -> None:
        for _ in range(limit):
            if target.is_checked():
                return
            self.press("ArrowDown")
        raise AssertionError(f"the arrow keys never selected {what}")


def order_by_keys(kb: Keyboard, learner: Learner, group: Locator, question: dict[str, Any]) -> None:
    """Each item in turn, top to bottom: Tab to its move-up button, Enter until it is in place.
    Focus stays on the button it moved with (the items not yet placed are all below it)."""
    for position, choice_id in enumerate(question["answer"]):
        up = learner.move_button(group, question, choice_id, "moveUp")
        steps = learner.order_shown(group, question).index(choice_id) - position
        if not steps:
            continue
        kb.tab_to(up, f"{question['id']}: move {choice_id} up")
        for _ in range(steps):
            kb.press("Enter")
            assert up.evaluate_all(IS_FOCUSED), f"{choice_id}: focus left the moved item's button"
    shown = learner.order_shown(group, question)
    assert shown == list(question["answer"]), f"{question['id']}: the list shows {shown}"


def answer_by_keyboard(kb: Keyboard, learner: Learner, quiz_id: str) -> None:
    quiz = learner.quiz_region(quiz_id)
    shown = []
    for question in learner.course.questions:
        group = learner.question_group(quiz, question)
        if group.count():
            box = group.bounding_box()
            assert box is not None
            shown.append((box["y"], question, group))
    for _, question, group in sorted(shown, key=lambda t: t[0]):
        kind, answer, qid = question["type"], question["answer"], question["id"]
        if kind in ("single", "truefalse"):
            if kind == "single":
                name = learner.choice_text(question, answer)
            else:
                name = learner.s("true") if answer else learner.s("false")
            kb.tab_to(group.get_by_role("radio"), f"the choices of {qid}")
            kb.arrow_until(group.get_by_role("radio", name=name, exact=True), f"{qid}: {name}")
        elif kind == "multiple":
            for choice in question["choices"]:
                box = group.get_by_role("checkbox", name=" ".join(choice["text"].split()))
                if box.is_checked() != (choice["id"] in answer):
                    kb.tab_to(box, f"{qid}: {choice['id']}")
                    kb.press("Space")
                assert box.is_checked() == (choice["id"] in answer), f"{qid}: {choice['id']}"
        elif kind == "ordering":
            order_by_keys(kb, learner, group, question)
        elif kind == "matching":
            for prompt in question["prompts"]:
                choices = group.get_by_role("group", name=" ".join(prompt["text"].split()))
                name = learner.choice_text(question, answer[prompt["id"]])
                kb.tab_to(choices.get_by_role("radio"), f"{qid}: {prompt['id']}")
                kb.arrow_until(choices.get_by_role("radio", name=name, exact=True), name)
    submit = quiz.get_by_role("button", name=learner.s("quizSubmit"))
    kb.tab_to(submit, "the quiz's submit button")
    kb.press("Enter")
    if learner.course.quizzes[quiz_id].silent:
        learner.quiz_saved(quiz)
    else:
        learner.quiz_result(quiz)


@pytest.mark.parametrize("combo", COMBOS, ids=[f"{p}-{f}" for p, f in COMBOS])
def test_keyboard_only_completion(open_lms: OpenLms, combo: tuple[str, str]) -> None:
    course = Course.load()
    session = open_lms(*combo)
    learner = Learner(session.launch(), course, session.package.config.get("strings"))
    titles = learner.toc_titles()
    kb = Keyboard(session)
    session.page.bring_to_front()
    for index, title in enumerate(titles):
        if index:
            kb.tab_to(learner.next_button(), f"{learner.s('next')} on {titles[index - 1]!r}")
            kb.press("Enter")
            learner.sco.get_by_role("heading", level=1, name=title, exact=True).wait_for()
        assert learner.heading() == title
        if course.assessment in learner.visible_quizzes():
            answer_by_keyboard(kb, learner, course.assessment)
    learner.sco.get_by_text(learner.s("badgeTitle"), exact=True).wait_for()
    session.leave()
    if combo[1] == "scorm12":
        assert session.last_set("cmi.core.lesson_status") == "passed"
    else:
        assert session.last_set("cmi.completion_status") == "completed"
        assert session.last_set("cmi.success_status") == "passed"
    session.assert_clean(f"keyboard only, {kb.presses} key presses")
