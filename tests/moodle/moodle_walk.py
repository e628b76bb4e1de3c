"""Walking the default course inside Moodle's player, with the choices a test gives.

The locators are the e2e learner's (tests/e2e/learner.py: roles and accessible names from the
authored course and the package's strings); only the host differs: here the SCO sits in Moodle's
player frame, not in the scorm-again host page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from learner import Course, Learner, norm, wrong_answer
from moodle_player import PlayerWindow


@dataclass
class Choices:
    """What one learner does. Answers are per question id; missing ones are answered right."""

    group: str | None = None  # an audience id of course.yaml, None: leave the self-report empty
    pre_test: dict[str, Any] = field(default_factory=dict)
    pre_test_wrong: tuple[str, ...] = ()  # question ids answered wrong in the pre-test
    post_test_wrong: tuple[str, ...] = ()  # ... in the post-test, when it is to be passed
    other_groups: dict[str, str] = field(default_factory=dict)  # self-report id -> option id
    survey: dict[str, int] = field(default_factory=dict)  # item id -> 1..scale; missing: 3
    comment: str = ""
    reflection: str = ""
    pass_post_test: bool = True


@dataclass
class WalkResult:
    visited: list[str]
    pre_result: str = ""
    post_result: str = ""
    surveyed: bool = False


def go_to(learner: Learner, title: str) -> None:
    """Open a page from the course's table of contents. Moodle's player gives the SCO a frame of
    about 650 px beside its own course index (at a 1280 px window), where the course folds its
    table of contents into a disclosure: open it first when the link is hidden."""
    toc = learner.sco.get_by_role("navigation", name=learner.s("tocLabel"))
    link = toc.get_by_role("link", name=learner.page_link_name(title))
    if not link.is_visible():
        toc.get_by_text(learner.s("tocLabel"), exact=True).click()
    link.click()
    learner.sco.get_by_role("heading", level=1, name=title, exact=True).wait_for()


def pre_test_id(course: Course) -> str:
    return next(q for q in course.quizzes if q != course.assessment)


def pre_test_answers(course: Course, choices: Choices) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in course.questions:
        qid = question["id"]
        if qid in choices.pre_test:
            answers[qid] = choices.pre_test[qid]
        elif qid in choices.pre_test_wrong:
            answers[qid] = wrong_answer(question)
        else:
            answers[qid] = question["answer"]
    return answers


def take_quiz(learner: Learner, quiz_id: str, answers: dict[str, Any]) -> str:
    quiz = learner.quiz_region(quiz_id)
    quiz.wait_for()
    for question in learner.course.questions:
        if learner.question_group(quiz, question).count():  # drawn from the pool
            learner.answer_question(quiz, question, answers[question["id"]])
    quiz.get_by_role("button", name=learner.s("quizSubmit")).click()
    # A scored quiz announces its result; a silent one (a pre-test that only measures) says that
    # the answers were saved.
    patterns = [learner.result_pattern().pattern]
    if "quizSaved" in learner.strings:
        patterns.append(re.escape(learner.s("quizSaved")))
    outcome = re.compile("|".join(patterns))
    shown = quiz.get_by_text(outcome).first
    shown.wait_for()
    learner.wait_announced(outcome)
    return norm(shown.inner_text())


def answer_survey(learner: Learner, choices: Choices) -> None:
    region = learner.survey_region()
    survey = learner.course.survey
    assert region is not None and survey is not None
    for item in survey["items"]:
        group = region.get_by_role("group", name=norm(item["text"]))
        rating = choices.survey.get(item["id"], 3)
        group.get_by_role("radio").nth(rating - 1).check()
    prompt = survey.get("comment", {}).get("prompt")
    if prompt and choices.comment:
        region.get_by_role("textbox", name=norm(prompt)).fill(choices.comment)
    region.get_by_role("button", name=learner.s("surveySubmit")).click()
    learner.wait_announced(re.compile(re.escape(learner.s("surveyThanks"))))


def do_page(learner: Learner, choices: Choices, result: WalkResult) -> None:
    """Everything the current page asks for, as `choices` say."""
    course = learner.course
    for quiz_id in learner.visible_quizzes():
        if quiz_id == course.assessment:
            answers = {
                q["id"]: q["answer"]
                if choices.pass_post_test and q["id"] not in choices.post_test_wrong
                else wrong_answer(q)
                for q in course.questions
            }
            result.post_result = take_quiz(learner, quiz_id, answers)
        else:
            result.pre_result = take_quiz(learner, quiz_id, pre_test_answers(course, choices))
    if choices.reflection:
        for prompt in learner.visible_reflections():
            learner.write_reflection(prompt, choices.reflection)
    if learner.survey_region() is not None:
        answer_survey(learner, choices)
        result.surveyed = True
    group = learner.sco.get_by_role("combobox", name=course.group_prompt)
    if choices.group and group.count() == 1 and group.is_visible():
        learner.choose_group(course.group_labels[choices.group])
    for group_id, option in choices.other_groups.items():
        block = course.other_groups[group_id]
        box = learner.sco.get_by_role("combobox", name=norm(block["prompt"]))
        if box.count() == 1 and box.is_visible():
            box.focus()  # as a learner does; leaving the box then sends the choice
            box.select_option(label=next(o["label"] for o in block["options"] if o["id"] == option))


def walk(
    window: PlayerWindow,
    course: Course,
    strings: dict[str, str],
    choices: Choices,
    *,
    stop_on: str | None = None,
) -> WalkResult:
    """From the page shown, do each page's tasks and press Next, until the last page or until
    the page whose title is `stop_on` is shown (its tasks are not done then)."""
    learner = Learner(window.sco, course, strings)
    result = WalkResult(visited=[learner.heading()])
    while True:
        if stop_on is not None and result.visited[-1] == stop_on:
            break
        do_page(learner, choices, result)
        if not learner.can_go_next():
            break
        result.visited.append(learner.next())
    # The last answers are committed in a batch: give the runtime its moment before leaving.
    window.page.wait_for_timeout(500)
    return result
