"""axe-core on every page of both themes, and reflow at 320 px.

axe-core comes from npm (node_modules/axe-core/axe.min.js) and is injected into the SCO's frame
as a script (no network request). Every page the runtime shows is checked, quiz pages also after
their feedback is shown and the last page with the completion badge. A serious or critical
violation fails the test, with the page, the rule and the elements.
"""

from __future__ import annotations

from typing import Any

import pytest
from learner import Course, Learner
from lms import AXE, LmsSession, OpenLms

pytestmark = pytest.mark.e2e

# one package per theme: vgr's theme in the vgr package, the public theme in the public one
THEMES = [("vgr", "scorm12"), ("public", "scorm2004")]
BLOCKING = ("serious", "critical")

AXE_RUN = """
async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))
  }));
}
"""


def axe(session: LmsSession) -> list[dict[str, Any]]:
    frame = session.sco_frame
    if not frame.evaluate("() => typeof window.axe !== 'undefined'"):
        frame.add_script_tag(path=str(AXE))
    return list(frame.evaluate(AXE_RUN))


def check_page(session: LmsSession, where: str, found: list[str]) -> None:
    for violation in axe(session):
        if violation["impact"] not in BLOCKING:
            continue
        nodes = "; ".join(n["target"] for n in violation["nodes"][:4])
        more = len(violation["nodes"]) - 4
        found.append(
            f"{where}: {violation['id']} ({violation['impact']}): {violation['help']} — "
            f"{nodes}{f' (+{more} more)' if more > 0 else ''}"
        )


@pytest.mark.parametrize("combo", THEMES, ids=[f"theme-{p}" for p, _ in THEMES])
def test_axe_finds_nothing_serious_on_any_page(open_lms: OpenLms, combo: tuple[str, str]) -> None:
    course = Course.load()
    session = open_lms(*combo)
    learner = Learner(session.launch(), course, session.package.config.get("strings"))
    titles = learner.toc_titles()
    found: list[str] = []
    for index, title in enumerate(titles):
        if index:
            assert learner.next() == title
        else:
            assert learner.heading() == title
        check_page(session, title, found)
        quizzes = learner.visible_quizzes()
        for quiz_id in quizzes:
            # wrong answers show every kind of feedback; the final quiz is then passed on retry
            learner.take_quiz(quiz_id, correct=False)
            check_page(session, f"{title} (feedback shown)", found)
            if quiz_id == course.assessment:
                learner.retry_quiz(quiz_id)
                result = learner.take_quiz(quiz_id, correct=True)
                # said here, the badge wait below would only time out
                assert learner.s("quizPassed") in result, f"the retry did not pass: {result}"
        if learner.survey_region() is not None:
            learner.answer_survey("Bra kurs.")
            check_page(session, f"{title} (survey sent)", found)
    learner.sco.get_by_text(learner.s("badgeTitle"), exact=True).wait_for()
    check_page(session, f"{titles[-1]} (completion badge)", found)
    assert not found, f"axe-core: {len(found)} serious/critical violation(s):\n" + "\n".join(
        f"  - {f}" for f in found
    )
    session.leave()
    session.assert_clean("axe walk")


# The document's width, the viewport's, and the visible elements that stick out furthest.
WIDEST = """
() => {
  const root = document.documentElement;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= root.clientWidth + 1) continue;
    if (el.parentElement && el.parentElement.getBoundingClientRect().right >= box.right) continue;
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '');
    out.push([Math.round(box.right), name + ' (' + Math.round(box.width) + ' px)']);
  }
  out.sort((a, b) => b[0] - a[0]);
  return [root.scrollWidth, root.clientWidth, out.slice(0, 3).map(x => x[1])];
}
"""


@pytest.mark.parametrize("combo", THEMES, ids=[f"theme-{p}" for p, _ in THEMES])
def test_reflow_at_320_px(open_lms: OpenLms, combo: tuple[str, str]) -> None:
    """WCAG 1.4.10: at 320 CSS px wide no page needs horizontal scrolling."""
    course = Course.load()
    session = open_lms(*combo)
    session.page.set_viewport_size({"width": 320, "height": 640})
    learner = Learner(session.launch(), course, session.package.config.get("strings"))
    titles = learner.toc_titles()
    assert len(titles) == len(session.package.config["pages"]), titles
    too_wide = []
    for index, title in enumerate(titles):
        assert (learner.next() if index else learner.heading()) == title
        width, viewport, culprits = session.sco_frame.evaluate(WIDEST)
        if width > viewport + 1:
            too_wide.append(
                f"{title}: content {width} px wide in a {viewport} px viewport; "
                f"widest: {', '.join(culprits)}"
            )
    assert not too_wide, "horizontal scrolling at 320 px:\n" + "\n".join(too_wide)
