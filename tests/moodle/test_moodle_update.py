"""A new version published while a learner is halfway: Moodle 4.5.6 replaces the package in place
(`moodle.sh replace-scorm`, the "Edit settings" path) and the learner carries on.

v1 has the pages start, övning (a practice quiz), b, c, prov. The learner answers the practice
quiz, reads on to c and leaves. v2 inserts a page before c (the resume point) and one after it,
removes b and changes the right answer of a practice question, with a question `version` as
`check` asks. After the replacement the learner relaunches in the same browser and must find:
the same attempt, the resume page c, the unchanged answer kept and the changed question open, a
notice linking the new page before c (and only that one), and completion within reach.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from course_packages import run_build
from moodle_player import MoodleBrowser, PlayerWindow
from moodle_site import MoodleSite, elements

pytestmark = [pytest.mark.moodle, pytest.mark.e2e, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
BASE = REPO / "tests" / "diagnostics" / "base"
LOCATION = {"scorm12": "cmi.core.lesson_location", "scorm2004": "cmi.location"}
SUSPEND = "cmi.suspend_data"
DONE = {
    "scorm12": {"cmi.core.lesson_status": "passed"},
    "scorm2004": {"cmi.completion_status": "completed", "cmi.success_status": "passed"},
}

PRACTICE = """---
id: ovning
title: Övning
---

Prova dina kunskaper.

```quiz
id: ovningsprov
questions:
  - id: farg
    type: single
    prompt: Vilken färg har himlen en klar dag?
    choices:
      - {{id: x, text: Blå}}
      - {{id: y, text: Grön}}
    answer: {answer}{version}
  - id: sant
    type: truefalse
    prompt: En modell lär sig av exempel.
    answer: true
```
"""


def page(page_id: str, title: str) -> str:
    return f"---\nid: {page_id}\ntitle: {title}\n---\n\nText på sidan {title.lower()}.\n"


def manuscript(folder: Path, version: str) -> Path:
    """The base course in Swedish only, with the pages of v1 or v2."""
    shutil.copytree(BASE, folder)
    meta = folder / "course.yaml"
    text = meta.read_text(encoding="utf-8").replace("languages: [sv, en]\n", "languages: [sv]\n")
    v2 = version != "1.0.0"
    order = "start, ovning, ny-fore, c, ny-efter, prov" if v2 else "start, ovning, b, c, prov"
    text = text.replace("version: 1.0.0", f"version: {version}")
    meta.write_text(text.replace("pages: [start, prov]", f"pages: [{order}]"), "utf-8")
    pages = folder / "pages"
    for path in [*pages.glob("*.en.md"), *(folder / "questions").glob("*.en.yaml")]:
        path.unlink()
    bank = folder / "questions" / "fragor.sv.yaml"
    bank.write_text(
        "\n".join(
            line
            for line in bank.read_text(encoding="utf-8").splitlines()
            if not line.startswith(("translates:", "  from:", "  hash:"))
        )
        + "\n",
        encoding="utf-8",
    )
    # the right answer of `farg` changes in v2: a new version of the question, as check asks
    answer, version_line = ("y", "\n    version: 2") if v2 else ("x", "")
    (pages / "ovning.md").write_text(PRACTICE.format(answer=answer, version=version_line), "utf-8")
    for page_id, title in (
        [("ny-fore", "Ny före"), ("c", "Sidan C"), ("ny-efter", "Ny efter")]
        if v2
        else [("b", "Sidan B"), ("c", "Sidan C")]
    ):
        (pages / f"{page_id}.md").write_text(page(page_id, title), "utf-8")
    return folder


def build(work: Path, version: str, standard: str) -> Path:
    course = work / f"course-{version}-{standard}"
    manuscript(course, version)
    return run_build(work / f"dist-{version}-{standard}", "intern", standard, course=course)


def shown(window: PlayerWindow) -> str:
    """The id of the page the runtime shows."""
    return str(window.sco.locator("section.page:visible").first.get_attribute("data-ac-page"))


def next_page(window: PlayerWindow, expected: str) -> None:
    window.sco.locator('[data-ac="next"]').click()
    window.sco.locator(f'section.page[data-ac-page="{expected}"]').wait_for(state="visible")


def open_from_toc(window: PlayerWindow, title: str, page_id: str) -> None:
    """A page from the table of contents, unfolding it first in Moodle's narrow frame."""
    toc = window.sco.get_by_role("navigation", name="Kursens innehåll")
    link = toc.get_by_role("link", name=title)
    if not link.is_visible():
        toc.get_by_text("Kursens innehåll", exact=True).click()
    link.click()
    window.sco.locator(f'section.page[data-ac-page="{page_id}"]').wait_for(state="visible")


def take_quiz(window: PlayerWindow, quiz: str, answers: dict[str, str]) -> None:
    box = window.sco.locator(f'[data-ac-quiz="{quiz}"]')
    for question, value in answers.items():
        box.locator(f'[data-ac-question="{question}"] input[value="{value}"]').check()
    box.locator('[data-ac="submit"]').click()
    box.locator('[data-ac="result"]').wait_for(state="visible")


def stored(moodle: MoodleSite, cmid: int, user: str, element: str, value: str) -> dict[str, Any]:
    tracks = moodle.wait_tracks(cmid, user, lambda t: elements(t).get(element) == value)
    assert elements(tracks).get(element) == value, elements(tracks)
    return tracks


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_a_learner_halfway_keeps_progress_across_a_replaced_package(
    moodle: MoodleSite,
    moodle_browser: MoodleBrowser,
    tmp_path: Path,
    standard: str,
) -> None:
    v1, v2 = build(tmp_path, "1.0.0", standard), build(tmp_path, "1.1.0", standard)
    activity = moodle.add_scorm(v1, name=f"update-{standard}")
    student = moodle.students()[0]
    with moodle_browser.learner(student) as browser:
        with browser.session(activity) as window:
            assert shown(window) == "start"
            next_page(window, "ovning")
            take_quiz(window, "ovningsprov", {"farg": "x", "sant": "true"})
            next_page(window, "b")
            next_page(window, "c")
        before = stored(moodle, activity.cmid, student.username, LOCATION[standard], "c")
        saved_v1 = elements(before)[SUSPEND]

        replaced = moodle.replace_scorm(activity.cmid, v2)
        assert replaced["package_changed"] is True
        assert replaced["scoes_removed"] == [] and replaced["scoes_added"] == []
        assert len(replaced["scoes_kept"]) == 1, replaced
        assert replaced["after"]["tracks"] == replaced["before"]["tracks"]

        with browser.session(activity) as window:
            # the same attempt: Moodle hands v1's state to v2, which resumes on c and rewrites
            # the state for its own pages
            assert shown(window) == "c"
            assert window.api.value(SUSPEND) not in ("", saved_v1)
            notice = window.sco.locator("section.ac-updated")
            assert notice.is_visible()
            links = notice.get_by_role("link")
            assert links.all_inner_texts() == ["Ny före"]  # not the page after c, not b
            toc = window.sco.get_by_role("navigation", name="Kursens innehåll")
            assert "Sidan B" not in toc.text_content()
            links.first.click()
            window.sco.locator('section.page[data-ac-page="ny-fore"]').wait_for(state="visible")
            assert not notice.is_visible()  # its one page has been shown
            # the unchanged question keeps its answer; the changed one is open
            open_from_toc(window, "Övning", "ovning")
            quiz = window.sco.locator('[data-ac-quiz="ovningsprov"]')
            assert quiz.locator('[data-ac-question="sant"] input[value="true"]').is_checked()
            changed = quiz.locator('[data-ac-question^="farg"]')
            assert changed.count() == 1 and changed.locator("input").count() == 2
            assert changed.locator("input:checked").count() == 0
            # completion within reach: the pages v2 requires, then the final test
            open_from_toc(window, "Ny efter", "ny-efter")
            next_page(window, "prov")
            take_quiz(window, "slutprov", {"modell": "b", "data": "true"})
            assert window.sco.locator('[data-ac="badge"]').is_visible()
            assert not window.runtime_warnings(), window.runtime_warnings()
    status, value = next(iter(DONE[standard].items()))
    after = stored(moodle, activity.cmid, student.username, status, value)
    assert elements(after).items() >= DONE[standard].items()
    assert [a["attempt"] for a in after["attempts"]] == [1]
    assert after["completion"]["state"] in ("complete", "complete_pass"), after["completion"]
