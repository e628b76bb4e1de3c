"""No free-text answer is cut: a 1,000-character answer with å, ä and ö in every target.

SCORM 1.2 stores 255 characters (CMIString255): the field takes no more (maxlength), its counter
says "255 av 255 tecken", and the 255 characters the learner sees are what the LMS stores. SCORM
2004 (long-fill-in, 4000), xAPI and cmi5 (result.response) get all 1,000. A profile that keeps
free text gets the same field, and nothing of the text leaves the browser. scorm-again plays the
LMS for SCORM; Ralph is the LRS for xAPI and cmi5. tests/moodle/test_moodle_free_text.py does
SCORM 1.2 in Moodle 4.5.6.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from course_window import CourseWindow
from free_text_answers import LONG, first_reflection, write
from learner import Course, Learner
from lms import OpenLms
from lms_side import Cmi5Lms, learner, tincan_launch_url

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("profile", "fmt", "limit", "sent"),
    [
        ("vgr", "scorm12", 255, True),
        ("vgr", "scorm2004", 4000, True),
        ("public", "scorm12", 4000, False),
        ("public", "scorm2004", 4000, False),
    ],
    ids=["vgr-scorm12", "vgr-scorm2004", "public-scorm12", "public-scorm2004"],
)
def test_scorm_stores_what_the_field_takes(
    open_lms: OpenLms, course: Course, profile: str, fmt: str, limit: int, sent: bool
) -> None:
    session = open_lms(profile, fmt)
    learner_ = Learner(session.launch(), course, session.package.config.get("strings"))
    prompt = first_reflection(learner_)
    write(learner_, prompt, limit)
    if limit < len(LONG):  # the limit reached is said once, politely
        learner_.wait_announced(re.compile(f"^{limit} av {limit} tecken$"))
    learner_.next()
    session.leave()
    field = "student_response" if fmt == "scorm12" else "learner_response"
    responses = [v for k, v in session.sets() if re.match(rf"^cmi\.interactions\.\d+\.{field}$", k)]
    texts = [r for r in responses if r.startswith(LONG[:40])]
    if sent:
        assert texts == [LONG[:limit]], [len(t) for t in texts]
        committed = session.committed() or {}
        assert LONG[:limit] in {str(v) for v in committed.values()}, "not in a commit"
    else:
        assert texts == [], "the profile keeps free text, yet it was sent"
    session.assert_clean(f"{profile} {fmt}: a long reflection")


@pytest.mark.parametrize("fmt", ["xapi", "cmi5"])
def test_the_lrs_gets_every_character(open_window: Any, course: Course, fmt: str) -> None:
    window: CourseWindow = open_window("vgr", fmt)
    registration = str(uuid.uuid4())
    actor = learner(f"ft-{registration[:8]}", "Testsson, Tove")
    if fmt == "xapi":
        package = window.package
        url = tincan_launch_url(
            window.base_url + package.launch, window.lrs, actor, registration, package.course_id
        )
    else:
        url = Cmi5Lms(window.lrs, window.package, window.base_url).launch(actor, registration).url
    learner_ = window.open(url)
    prompt = first_reflection(learner_)
    ident = write(learner_, prompt, 4000)
    learner_.next()
    window.wait_synced(registration)
    window.leave()
    statements = window.wait_for_statement(registration, "terminated|suspended")
    iri = window.package.config["reflections"][ident]["iri"]
    responses = [
        s["result"]["response"]
        for s in statements
        if s["object"]["id"] == iri and "response" in s.get("result", {})
    ]
    assert responses == [LONG], [len(r) for r in responses]
    window.assert_clean(f"vgr {fmt}: a long reflection")


@pytest.mark.parametrize(("fmt", "limit"), [("scorm12", 255), ("scorm2004", 4000)])
def test_a_survey_comment_is_not_cut(
    open_lms: OpenLms, course: Course, fmt: str, limit: int
) -> None:
    session = open_lms("vgr", fmt)
    learner_ = Learner(session.launch(), course, session.package.config.get("strings"))
    while learner_.survey_region() is None:
        learner_.next()
    region = learner_.survey_region()
    assert region is not None and course.survey is not None
    box = region.get_by_role("textbox")
    box.fill(LONG)
    assert box.input_value() == LONG[:limit]
    counter = learner_.sco.locator(f"#{box.get_attribute('id')}-count")
    assert counter.inner_text() == f"{min(limit, len(LONG))} av {limit} tecken"
    note = learner_.sco.locator(f"#{box.get_attribute('id')}-note")
    assert note.inner_text() == "Skriv inga patientuppgifter eller namn."
    learner_.answer_survey(LONG)
    session.leave()
    field = "student_response" if fmt == "scorm12" else "learner_response"
    responses = [v for k, v in session.sets() if re.match(rf"^cmi\.interactions\.\d+\.{field}$", k)]
    assert [r for r in responses if r.startswith(LONG[:40])] == [LONG[:limit]]
    session.assert_clean(f"vgr {fmt}: a long survey comment")
