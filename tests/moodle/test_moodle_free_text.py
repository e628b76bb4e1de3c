"""No free-text answer is cut, in Moodle 4.5.6: a 1,000-character reflection with å, ä and ö.

vgr sends free text. As SCORM 1.2 the field takes 255 characters (CMIString255, what Moodle keeps
of student_response), its counter says so, and Moodle stores exactly those 255; as SCORM 2004
(long-fill-in) Moodle stores all 1,000 in learner_response. tests/e2e/test_free_text.py does the
same against scorm-again and Ralph.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from course_packages import run_build, unpack
from free_text_answers import LONG, first_reflection, write
from learner import Course, Learner
from moodle_player import MoodleBrowser, stored_interactions
from moodle_site import MoodleSite, elements

pytestmark = [pytest.mark.moodle, pytest.mark.e2e, pytest.mark.slow]


@pytest.mark.parametrize(("standard", "limit"), [("scorm12", 255), ("scorm2004", 4000)])
def test_moodle_stores_the_whole_answer_the_field_took(
    moodle: MoodleSite,
    moodle_browser: MoodleBrowser,
    course: Course,
    standard: str,
    limit: int,
    tmp_path: Path,
) -> None:
    zip_path = run_build(tmp_path / "zips", "vgr", standard)
    package = unpack(zip_path, tmp_path / "pkg", "vgr", standard)
    activity = moodle.add_scorm(zip_path, name=f"Fritext {standard}")
    student = moodle.students()[0]
    strings: dict[str, str] = package.config.get("strings", {})
    with moodle_browser.learner(student) as browser, browser.session(activity) as window:
        learner = Learner(window.sco, course, strings)
        prompt = first_reflection(learner)
        ident = write(learner, prompt, limit)
        learner.next()  # a page change commits
        warnings = window.runtime_warnings()
        assert not warnings, "\n".join(warnings)
    expected = LONG[:limit]
    field = "student_response" if standard == "scorm12" else "learner_response"

    def stored_text(tracks: dict[str, Any]) -> str | None:
        if not tracks.get("attempts"):
            return None
        records = stored_interactions(elements(tracks), standard == "scorm12").values()
        return next((r.get(field) for r in records if r.get("id") == ident), None)

    tracks = moodle.wait_tracks(activity.cmid, student.username, lambda t: bool(stored_text(t)))
    text = stored_text(tracks)
    assert text == expected, f"Moodle stored {len(text or '')} of {len(expected)} characters"
