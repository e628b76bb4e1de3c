"""A new version published while a learner is halfway: the resume state of version 1 in version 2.

versioned_course.py writes the same small manuscript twice: version 1.1.0 inserts a page before
the one where the learner stops in 1.0.0, one after it, and removes one. The learner walks 1.0.0
halfway (group self-report, reflection, the test passed) and leaves; 1.1.0 is launched with what
the LMS or LRS kept. It must resume on the same page, keep the answers, tell the learner about
the page added before it (a notice with a link that works from the keyboard), not count the
course completed while that page is unseen, and complete once it is seen. SCORM 1.2 and 2004
against scorm-again (the state in cmi.suspend_data); xAPI and cmi5 against Ralph (the State API
document), in a second browser (another device: nothing but the LRS's document carries over).
"""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from course_packages import unpack
from course_window import course_window
from learner import Course
from lms import AXE, StaticServer, open_session, saved_for_relaunch
from lms_side import Cmi5Lms, XapiPackage, learner, tincan_launch_url
from lms_side import unpack as unpack_xapi
from lrs_server import TestLrs
from playwright.sync_api import Browser, FrameLocator, Page, expect
from versioned_course import (
    GROUP_LABEL,
    GROUP_PROMPT,
    QUIZ_TITLE,
    REFLECTION_PROMPT,
    RIGHT_CHOICE,
    TITLES,
    V2,
    build,
    write_course,
)

from aicourse_build.render.strings import strings_for

pytestmark = pytest.mark.e2e

SV = strings_for("sv")
REFLECTION = "Att granska källan först"
Root = Page | FrameLocator
# axe-core's serious and critical findings on the page as shown
AXE_RUN = """
async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join('; '))
"""


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[int, dict[str, Path]]:
    """{1 | 2: {format: zip}}: both versions built in every format."""
    work = tmp_path_factory.mktemp("new-version")
    return {v: build(write_course(work, v), work / f"dist{v}") for v in (1, 2)}


def folder(package_cache: Any, version: int, fmt: str) -> Path:
    return Path(package_cache.root) / "pkg" / f"v{version}-{fmt}"


# --- the learner, the same in every standard -----------------------------------------------------


def heading(root: Root, page: str) -> None:
    """The runtime has started (it shows the pager) and shows `page`, one page at a time."""
    pager = root.get_by_role("navigation", name=SV["pagerLabel"], exact=True)
    expect(pager).to_be_visible(timeout=15_000)
    expect(root.get_by_role("heading", level=1)).to_have_text(TITLES[page])


def next_page(root: Root, page: str) -> None:
    root.get_by_role("button", name=SV["next"], exact=True).click()
    heading(root, page)


def toc_link(root: Root, page: str) -> Any:
    toc = root.get_by_role("navigation", name=SV["tocLabel"], exact=True)
    return toc.get_by_role("link", name=re.compile("^" + re.escape(TITLES[page])))


def quiz(root: Root) -> Any:
    return root.get_by_role("region", name=QUIZ_TITLE, exact=True)


def walk_version_1(root: Root) -> None:
    """Start, the test, the middle page: there the learner leaves."""
    heading(root, "start")
    root.get_by_role("combobox", name=GROUP_PROMPT).select_option(label=GROUP_LABEL)
    root.get_by_role("textbox", name=REFLECTION_PROMPT).fill(REFLECTION)
    next_page(root, "prov")
    quiz(root).get_by_role("radio", name=RIGHT_CHOICE, exact=True).check()
    quiz(root).get_by_role("radio", name=SV["true"], exact=True).check()
    quiz(root).get_by_role("button", name=SV["quizSubmit"], exact=True).click()
    expect(quiz(root).get_by_text(SV["quizPassed"], exact=False)).to_be_visible()
    next_page(root, "mitten")


def announced(root: Root) -> list[str]:
    return list(root.locator(":root").evaluate("() => window.__announcements || []"))


def resume_version_2(root: Root, local_text: bool) -> None:
    """Resumed in 1.1.0 on the page left in 1.0.0; the notice; completion only once the page
    added before it is seen; the answers of 1.0.0."""
    heading(root, "mitten")
    notice = root.get_by_role("region", name=SV["courseUpdated"], exact=True)
    expect(notice).to_be_visible()
    expect(notice.get_by_role("link")).to_have_text([TITLES["nyfore"]])
    said = [t for t in announced(root) if t.startswith(SV["courseUpdated"])]
    assert said == [f"{SV['courseUpdated']} {TITLES['nyfore']}"], announced(root)
    toc = root.get_by_role("navigation", name=SV["tocLabel"], exact=True)
    expect(toc.get_by_role("link")).to_have_count(len(V2))
    expect(toc.get_by_text(TITLES["gammal"])).to_have_count(0)
    for page in ("nyfore", "nyefter"):
        expect(toc_link(root, page)).to_have_accessible_name(TITLES[page])  # not "(visited)"
    expect(toc_link(root, "prov")).to_have_accessible_name(f"{TITLES['prov']} ({SV['visited']})")

    # on to the end: the page added after the middle is next; the course is not completed,
    # since the page added before it is still unseen
    next_page(root, "nyefter")
    next_page(root, "slut")
    expect(root.get_by_text(SV["badgeTitle"], exact=True)).to_be_hidden()

    # the notice's link, from the keyboard
    link = notice.get_by_role("link", name=TITLES["nyfore"], exact=True)
    link.focus()
    link.press("Enter")
    heading(root, "nyfore")
    expect(root.get_by_role("heading", level=1)).to_be_focused()
    expect(notice).to_have_count(0)  # nothing left to tell

    # what 1.0.0 saved is still there
    toc_link(root, "prov").click()
    heading(root, "prov")
    expect(quiz(root).get_by_role("radio", name=RIGHT_CHOICE, exact=True)).to_be_checked()
    expect(quiz(root).get_by_role("radio", name=SV["true"], exact=True)).to_be_checked()
    expect(quiz(root).get_by_text(SV["quizPassed"], exact=False)).to_be_visible()
    toc_link(root, "start").click()
    heading(root, "start")
    expect(root.get_by_role("combobox", name=GROUP_PROMPT)).to_have_value("sjukskoterskor")
    box = root.get_by_role("textbox", name=REFLECTION_PROMPT)
    expect(box).to_have_value(REFLECTION if local_text else "")

    # every page of 1.1.0 seen: completed
    toc_link(root, "slut").click()
    heading(root, "slut")
    expect(root.get_by_text(SV["badgeTitle"], exact=True)).to_be_visible()


def assert_state_format_2(state: str) -> None:
    assert state.startswith("2") and state[4:10] == "1:1:0.", state


# --- SCORM 1.2 and 2004, scorm-again in the Totara-like host ------------------------------------


@pytest.mark.parametrize("fmt", ["scorm12", "scorm2004"])
def test_scorm_resume_in_a_new_version(
    browser: Browser,
    server: StaticServer,
    package_cache: Any,
    versions: dict[int, dict[str, Path]],
    fmt: str,
) -> None:
    v1, v2 = (unpack(versions[v][fmt], folder(package_cache, v, fmt), f"v{v}", fmt) for v in (1, 2))
    with open_session(browser, v1, server.origin) as lms:
        walk_version_1(lms.launch())
        lms.leave()
        lms.assert_clean(f"{fmt} 1.0.0")
        saved = saved_for_relaunch(lms.committed(), fmt)
        location = "cmi.core.lesson_location" if fmt == "scorm12" else "cmi.location"
        assert saved[location] == "mitten"
        assert saved["cmi.suspend_data"].startswith("2") and "1:0:0" in saved["cmi.suspend_data"]

        # the LMS replaced the package; the same browser (its localStorage keeps the free text)
        lms.package = v2
        lms.requests.clear()
        sco = lms.launch(saved=saved)
        heading(sco, "mitten")
        frame = lms.sco_frame
        frame.add_script_tag(path=str(AXE))
        found = frame.evaluate(AXE_RUN)
        assert found == [], f"axe-core on the page with the notice: {found}"
        resume_version_2(sco, local_text=True)
        lms.leave()
        lms.assert_clean(f"{fmt} 1.1.0 resumed")
        committed: dict[str, Any] = lms.committed() or {}
        assert_state_format_2(committed["cmi.suspend_data"])
        if fmt == "scorm12":
            assert committed["cmi.core.lesson_status"] in ("passed", "completed"), committed
        else:
            assert committed["cmi.completion_status"] == "completed", committed
            assert committed["cmi.success_status"] == "passed", committed


# --- xAPI and cmi5 against Ralph: the State API document ----------------------------------------


def state_document(lrs: TestLrs, activity: str, actor: dict[str, Any], registration: str) -> Any:
    doc = lrs.state_document(activity, actor, "aicourse-state", registration)
    return json.loads(doc) if isinstance(doc, (str, bytes)) else doc


def xapi_packages(package_cache: Any, versions: Any, fmt: str) -> list[XapiPackage]:
    return [
        unpack_xapi(versions[v][fmt], folder(package_cache, v, fmt), f"v{v}", fmt) for v in (1, 2)
    ]


def test_xapi_resume_in_a_new_version(
    browser: Browser, server: StaticServer, lrs: TestLrs, package_cache: Any, versions: Any
) -> None:
    v1, v2 = xapi_packages(package_cache, versions, "xapi")
    assert v1.course_id == v2.course_id, "the activity id, and so the bookmark, is the same"
    registration = str(uuid.uuid4())
    actor = learner(f"version-{registration[:8]}", "Testsson, Tove")
    for package, version in ((v1, 1), (v2, 2)):
        with course_window(browser, server.origin, lrs, package, Course.load()) as window:
            url = tincan_launch_url(
                window.base_url + package.launch, lrs, actor, registration, package.course_id
            )
            window.page.goto(url)
            if version == 1:
                walk_version_1(window.page)
            else:
                resume_version_2(window.page, local_text=False)
            window.wait_synced(registration)
            window.leave()
            window.wait_for_statement(registration, "terminated|suspended", count=version)
            window.assert_clean(f"xapi {package.profile}")
        doc = state_document(lrs, v1.course_id, actor, registration)
        assert doc["l"] == ("mitten" if version == 1 else "slut"), doc
        assert doc["s"].startswith("2"), doc
    assert_state_format_2(doc["s"])
    verbs = [s["verb"]["id"].rsplit("/", 1)[-1] for s in lrs.statements(registration=registration)]
    assert verbs.count("completed") == 1 and verbs.count("passed") == 1, verbs


def test_cmi5_resume_in_a_new_version(
    browser: Browser, server: StaticServer, lrs: TestLrs, package_cache: Any, versions: Any
) -> None:
    v1, v2 = xapi_packages(package_cache, versions, "cmi5")
    assert v1.aus[0].id == v2.aus[0].id, "the AU, and so the LMS's activity id, is the same"
    registration = str(uuid.uuid4())
    actor = learner(f"version-{registration[:8]}")
    for package, version in ((v1, 1), (v2, 2)):
        with course_window(browser, server.origin, lrs, package, Course.load()) as window:
            lms = Cmi5Lms(lrs, package, window.base_url)
            launch = lms.launch(actor, registration)
            window.page.goto(launch.url)
            if version == 1:
                walk_version_1(window.page)
            else:
                resume_version_2(window.page, local_text=False)
            window.wait_synced(registration)
            window.page.get_by_role("button", name=SV["exitCourse"], exact=True).click()
            assert launch.return_url
            window.page.wait_for_url(launch.return_url, timeout=15_000)
            window.wait_for_statement(registration, "terminated|suspended", count=version)
            window.assert_clean(f"cmi5 {package.profile}")
            activity = launch.session.activity_id
        doc = state_document(lrs, activity, actor, registration)
        assert doc["l"] == ("mitten" if version == 1 else "slut"), doc
    assert_state_format_2(doc["s"])
    verbs = [s["verb"]["id"].rsplit("/", 1)[-1] for s in lrs.statements(registration=registration)]
    assert verbs.count("completed") == 1 and verbs.count("passed") == 1, verbs
