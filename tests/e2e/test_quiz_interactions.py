"""The ordering, matching and Likert interactions at a phone's width (390 px) and a desktop's.

Ordering: a numbered list whose order is the answer, each item with a move-up and a move-down
button named by action and item; a move is announced ("item: plats 2 av 5.") and focus stays on
the button pressed. Matching: one group of radios per prompt, so no choice is ever cut off.
After marking, each question has one verdict and the chosen answers stand out by more than
colour. Likert: the scale's steps in order, in one row (desktop) or one column (phone), with the
package language's default labels. Everything is done with Tab, Enter, Space and the arrow keys;
axe-core finds nothing in the quiz or the survey; the LMS records the answers as before.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from learner import Course, Learner, norm
from lms import AXE, LmsSession, OpenLms
from playwright.sync_api import Locator
from test_keyboard import IS_FOCUSED, Keyboard, answer_by_keyboard
from test_learner_flows import interactions

pytestmark = pytest.mark.e2e

WIDTHS = [390, 1280]
COMBOS = [("vgr", "scorm12"), ("public", "scorm2004")]

# every axe-core rule, any impact, on one element and what it holds
AXE_ON = """
async (selector) => {
  const result = await axe.run(document.querySelector(selector), {resultTypes: ['violations']});
  return result.violations.map(v => v.id + ' (' + v.impact + '): ' +
    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; '));
}
"""

# Each label of the matching questions: is its text cut off or outside the viewport?
CUT_OFF = """
els => els.filter(el => {
  const box = el.getBoundingClientRect();
  return el.scrollWidth > el.clientWidth + 1 || box.right > document.documentElement.clientWidth + 1
    || box.left < 0;
}).map(el => el.textContent.trim())
"""

# How the chosen label of a marked question looks: weight and frame (not colour alone)
LOOK = """
el => { const s = getComputedStyle(el.closest('label')); return [s.fontWeight, s.boxShadow]; }
"""


def axe_clean(session: LmsSession, selector: str, where: str) -> None:
    frame = session.sco_frame
    if not frame.evaluate("() => typeof window.axe !== 'undefined'"):
        frame.add_script_tag(path=str(AXE))
    found = frame.evaluate(AXE_ON, selector)
    assert found == [], f"axe-core in {where}: {found}"


def open_at(open_lms: OpenLms, course: Course, combo: tuple[str, str], width: int) -> Any:
    session = open_lms(*combo)
    session.page.set_viewport_size({"width": width, "height": 900})
    learner = Learner(session.launch(), course, session.package.config.get("strings"))
    learner.wait_ready()
    return session, learner


def walk_to(learner: Learner, found: Any) -> None:
    for _ in range(40):
        if found():
            return
        learner.next()
    raise AssertionError("never reached the page")


def moved_pattern(learner: Learner, item: str, position: int, total: int) -> re.Pattern[str]:
    said = learner.s("orderMoved").format(item=item, n=position, total=total)
    return re.compile(rf"^{re.escape(said)}$")


def of_type(course: Course, kind: str) -> dict[str, Any]:
    return next(q for q in course.questions if q["type"] == kind)


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
@pytest.mark.parametrize("combo", COMBOS, ids=[f"{p}-{f}" for p, f in COMBOS])
def test_ordering_and_matching_by_keyboard(
    open_lms: OpenLms, course: Course, combo: tuple[str, str], width: int
) -> None:
    session, learner = open_at(open_lms, course, combo, width)
    walk_to(learner, lambda: course.assessment in learner.visible_quizzes())
    quiz = learner.quiz_region(course.assessment)
    selector = f'[data-ac-quiz="{course.assessment}"]'
    ordering, matching = of_type(course, "ordering"), of_type(course, "matching")
    group = learner.question_group(quiz, ordering)

    # every item has two buttons named by their action and the item; the ends say they can't
    start = learner.order_shown(group, ordering)
    assert start != ordering["answer"], "the list starts in the right order"
    for key in ("moveUp", "moveDown"):
        for choice in ordering["choices"]:
            button = learner.move_button(group, ordering, choice["id"], key)
            assert button.count() == 1, f"no button {key} named for {choice['id']}"
            end = start[0] if key == "moveUp" else start[-1]
            disabled = "true" if choice["id"] == end else "false"
            assert button.get_attribute("aria-disabled") == disabled, (key, choice["id"])
    assert group.get_by_role("combobox").count() == 0, "ordering still uses drop-downs"

    # matching: every choice of every prompt readable in full, at this width
    labels = learner.question_group(quiz, matching).locator("label")
    assert labels.count() == len(matching["prompts"]) * len(matching["choices"])
    cut = labels.evaluate_all(CUT_OFF)
    assert cut == [], f"matching choices cut off at {width} px: {cut}"
    axe_clean(session, selector, f"the quiz at {width} px")

    # keyboard only: Tab to each control, arrows in radio groups, Enter on buttons and submit
    kb = Keyboard(session)
    session.page.bring_to_front()
    answer_by_keyboard(kb, learner, course.assessment)

    # each item moved up by its own button was announced at its new place (the keyboard walk
    # moves each item in turn, top to bottom, to its position)
    total = len(ordering["choices"])
    said = learner.announcements()
    shown = list(start)
    for position, choice_id in enumerate(ordering["answer"]):
        if shown.index(choice_id) == position:
            continue
        shown.remove(choice_id)
        shown.insert(position, choice_id)
        item = learner.choice_text(ordering, choice_id)
        pattern = moved_pattern(learner, item, position + 1, total)
        assert any(pattern.match(s) for s in said), f"not announced: {pattern.pattern} in {said}"

    # marked: one verdict per question, the chosen answers framed and bold
    for question in course.questions:
        shown = learner.question_group(quiz, question)
        if not shown.count():
            continue
        verdicts = shown.get_by_text(re.compile(rf"^\W*({learner.s('correct')})$"))
        assert verdicts.count() == 1, f"{question['id']}: {verdicts.count()} verdicts"
        assert shown.get_by_text(learner.s("incorrect"), exact=True).count() == 0
    for prompt in matching["prompts"]:
        prompt_group = learner.question_group(quiz, matching).get_by_role(
            "group", name=norm(prompt["text"]), exact=True
        )
        name = learner.choice_text(matching, matching["answer"][prompt["id"]])
        radio = prompt_group.get_by_role("radio", name=name, exact=True)
        assert radio.is_checked()
        weight, frame = radio.evaluate(LOOK)
        assert int(weight) >= 700 and frame != "none", f"{name}: weight {weight}, frame {frame}"
    # the learner's order stays on view, numbered; the move buttons are gone
    assert group.get_by_role("button").count() == 0
    axe_clean(session, selector, f"the marked quiz at {width} px")

    # scored and tracked as before: the right type, correct, the response the correct pattern
    session.leave()
    found = interactions(session)
    response = "student_response" if combo[1] == "scorm12" else "learner_response"
    for question, kind in ((ordering, "sequencing"), (matching, "matching")):
        record = found[f"{course.assessment}__{question['id']}"]
        assert record.get("type") == kind and record.get("result") == "correct", record
        given, pattern = record.get(response, ""), record.get("correct_responses.0.pattern", "")
        if kind == "matching":  # pairs in the prompts' order and in the answer's: as sets
            pairs = re.compile(r"\[,\]|,")  # SCORM 2004 writes [,] and [.], 1.2 , and .
            given, pattern = sorted(pairs.split(given)), sorted(pairs.split(pattern))
        assert given and given == pattern, record
    session.assert_clean(f"ordering and matching at {width} px")


def test_a_move_with_space_keeps_focus_and_is_announced(open_lms: OpenLms, course: Course) -> None:
    session, learner = open_at(open_lms, course, ("vgr", "scorm12"), 390)
    walk_to(learner, lambda: course.assessment in learner.visible_quizzes())
    ordering = of_type(course, "ordering")
    group = learner.question_group(learner.quiz_region(course.assessment), ordering)
    start = learner.order_shown(group, ordering)
    first = start[0]
    down = learner.move_button(group, ordering, first, "moveDown")
    kb = Keyboard(session)
    session.page.bring_to_front()
    kb.tab_to(down, "the first item's move-down button")
    item = learner.choice_text(ordering, first)
    total = len(start)
    for position in (2, 3):
        kb.press("Space")
        learner.wait_announced(moved_pattern(learner, item, position, total))
        assert down.evaluate_all(IS_FOCUSED), "focus left the moved item's button"
        assert learner.order_shown(group, ordering).index(first) == position - 1
    # at the end of the list the button says it cannot move further, and pressing it says where
    # the item is
    for _ in range(total - 3):
        kb.press("Enter")
    assert down.get_attribute("aria-disabled") == "true"
    kb.press("Enter")
    learner.wait_announced(moved_pattern(learner, item, total, total))
    assert learner.order_shown(group, ordering)[-1] == first
    session.leave()
    session.assert_clean("moves with Space and Enter")


def boxes(options: Locator) -> list[dict[str, float]]:
    out = []
    for i in range(options.count()):
        box = options.nth(i).evaluate("el => el.closest('label').getBoundingClientRect().toJSON()")
        out.append(box)
    return out


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_likert_scale_in_order_on_one_line_or_one_column(
    open_lms: OpenLms, course: Course, width: int
) -> None:
    session, learner = open_at(open_lms, course, ("vgr", "scorm12"), width)
    walk_to(learner, lambda: learner.survey_region() is not None)
    region = learner.survey_region()
    assert region is not None and course.survey is not None
    assert "scale" not in course.survey, "the default course's survey has its own labels"
    labels = [learner.s(f"likert{n}") for n in range(1, 6)]
    viewport = session.sco_frame.evaluate("() => document.documentElement.clientWidth")
    for item in course.survey["items"]:
        group = region.get_by_role("group", name=norm(item["text"]))
        radios = group.get_by_role("radio")
        names = [radios.nth(i).evaluate("el => el.labels[0].textContent.trim()") for i in range(5)]
        assert names == labels, f"{item['id']}: {names}"
        for label in labels:  # each radio's accessible name is its step's label
            assert group.get_by_role("radio", name=label, exact=True).count() == 1
        rects = boxes(radios)
        lefts, tops = [r["left"] for r in rects], [r["top"] for r in rects]
        if width >= 1000:
            assert max(tops) - min(tops) < 2, f"not one line at {width} px: {tops}"
            assert lefts == sorted(lefts) and len(set(lefts)) == 5, lefts
        else:
            assert max(lefts) - min(lefts) < 2, f"not one column at {width} px: {lefts}"
            assert tops == sorted(tops) and len(set(tops)) == 5, tops
        assert all(r["right"] <= viewport + 1 for r in rects), f"wider than {viewport} px: {rects}"
    axe_clean(session, "[data-ac-survey]", f"the survey at {width} px")

    # keyboard: Tab into each item, arrows to the last step, Enter on the submit button
    kb = Keyboard(session)
    session.page.bring_to_front()
    for item in course.survey["items"]:
        group = region.get_by_role("group", name=norm(item["text"]))
        kb.tab_to(group.get_by_role("radio"), item["id"])
        kb.press("ArrowUp")  # from nothing chosen: the first step; up again wraps to the last
        kb.arrow_until(group.get_by_role("radio", name=labels[-1], exact=True), item["id"])
    kb.tab_to(region.get_by_role("button", name=learner.s("surveySubmit")), "submit")
    kb.press("Enter")
    learner.wait_announced(re.compile(re.escape(learner.s("surveyThanks"))))
    axe_clean(session, "[data-ac-survey]", f"the sent survey at {width} px")
    session.leave()
    found = interactions(session)
    for item in course.survey["items"]:
        record = found[f"{course.survey['id']}__{item['id']}"]
        assert record.get("type") == "likert" and record.get("student_response") == "5", record
    session.assert_clean(f"survey at {width} px")
