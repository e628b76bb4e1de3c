"""The language switch in Chromium: one package with Swedish and English, switched mid-course.

The `vaxla` profile of bilingual_course.py builds one package per format holding both languages.
The learner writes a reflection and chooses an answer in Swedish, switches to English (the same
page opens, the answer and the text are still there), passes the test, switches back to Swedish
on the last page and leaves. Against scorm-again (SCORM 1.2 and 2004, as Totara hosts it) the
whole course is one LMS session: one Initialize, one Finish, no call Totara's rules refuse. Against
the real LRS (xAPI and cmi5) it is one session too: one initialized, one terminated, the cmi5
fetch URL called once, every statement valid.
"""

from __future__ import annotations

import re
import uuid
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from bilingual_course import build, write_course
from course_packages import Package, unpack
from course_window import CourseWindow, course_window
from learner import Course
from lms import AXE, StaticServer, open_session
from lms_side import Cmi5Lms, XapiPackage, learner, tincan_launch_url
from lms_side import unpack as unpack_xapi
from lrs_server import TestLrs, ralph_validate
from playwright.sync_api import Browser, Frame, FrameLocator, Page, expect
from statement_rules import (
    cmi5_problems,
    describe,
    sent_after_end,
    statement_problems,
    tincan_session_problems,
    verb,
)

from aicourse_build.render.strings import strings_for

pytestmark = pytest.mark.e2e

PROFILE = "vaxla"
REFLECTION = "Att fråga innan jag använder ett svar"
SV, EN = strings_for("sv"), strings_for("en")
TEXT = {
    "sv": {"start": "Välkommen", "test": "Kunskapstest", "end": "Slut", "quiz": "Testet",
           "prompt": "Vad tar du med dig?", "b": "Beteende inlärt från data"},
    "en": {"start": "Welcome", "test": "Knowledge test", "end": "The end", "quiz": "The test",
           "prompt": "What do you take with you?", "b": "Behaviour learnt from data"},
}  # fmt: skip
Root = Page | FrameLocator


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """{format: zip} of the vaxla profile, one package per format."""
    work = tmp_path_factory.mktemp("language-switch")
    course = write_course(work)
    found = {}
    for fmt in ("scorm12", "scorm2004", "xapi", "cmi5"):
        [zip_path] = build(course, work / "dist" / fmt, PROFILE, fmt)
        found[fmt] = zip_path
    return found


def scorm_package(package_cache: Any, built: dict[str, Path], fmt: str) -> Package:
    folder = package_cache.root / "pkg" / f"{PROFILE}-{fmt}"
    return unpack(built[fmt], folder, PROFILE, fmt)


def xapi_package(package_cache: Any, built: dict[str, Path], fmt: str) -> XapiPackage:
    return unpack_xapi(built[fmt], package_cache.root / "pkg" / f"{PROFILE}-{fmt}", PROFILE, fmt)


def test_the_package_has_a_page_per_language_and_shares_the_rest(built: dict[str, Path]) -> None:
    with zipfile.ZipFile(built["scorm12"]) as handle:
        names = set(handle.namelist())
        english = handle.read("index.en.html").decode()
        swedish = handle.read("index.html").decode()
    assert {"index.html", "index.en.html", "runtime.js", "imsmanifest.xml"} <= names
    assert built["scorm12"].name == "sprakkurs-1.0.0-vaxla-scorm12.zip"
    assert '<html lang="en">' in english and '<html lang="sv">' in swedish
    link = '<a href="index.html" hreflang="sv" lang="sv" data-ac="language">Svenska</a>'
    assert link in english
    key = re.compile(r'"storageKey":"([^"]+)"')
    assert key.findall(english) == key.findall(swedish) == ["aicourse:sprakkurs:1.0.0:vaxla:sv+en"]


# --- the learner's walk, the same in every standard ----------------------------------------------


def language(root: Root, lang: str) -> None:
    """The page is in `lang` and the runtime has started (it shows the pager)."""
    s = strings_for(lang)
    expect(root.locator("html")).to_have_attribute("lang", lang, timeout=15_000)
    expect(root.get_by_role("navigation", name=s["pagerLabel"], exact=True)).to_be_visible()


def switch_to(root: Root, lang: str) -> None:
    """Follow the language switch's link to `lang`: named in that language, marked with it."""
    here = "en" if lang == "sv" else "sv"
    nav = root.get_by_role("navigation", name=strings_for(here)["languageSwitch"], exact=True)
    link = nav.get_by_role("link", name=strings_for(lang)["languageName"], exact=True)
    expect(link).to_have_attribute("lang", lang)
    expect(link).to_have_attribute("hreflang", lang)
    link.click()
    language(root, lang)


def heading(root: Root, lang: str, page: str) -> None:
    expect(root.get_by_role("heading", level=1)).to_have_text(TEXT[lang][page])


def walk_switching(root: Root) -> None:
    language(root, "sv")
    heading(root, "sv", "start")
    root.get_by_role("textbox", name=TEXT["sv"]["prompt"]).fill(REFLECTION)
    root.get_by_role("button", name=SV["next"], exact=True).click()
    heading(root, "sv", "test")
    quiz = root.get_by_role("region", name=TEXT["sv"]["quiz"], exact=True)
    quiz.get_by_role("radio", name=TEXT["sv"]["b"], exact=True).check()

    # mid-test: the same page in English, with the answer chosen so far
    switch_to(root, "en")
    heading(root, "en", "test")
    expect(root.get_by_role("heading", level=1)).to_be_focused()
    quiz = root.get_by_role("region", name=TEXT["en"]["quiz"], exact=True)
    expect(quiz.get_by_role("radio", name=TEXT["en"]["b"], exact=True)).to_be_checked()
    expect(quiz.get_by_role("radio", name=EN["true"], exact=True)).not_to_be_checked()
    root.get_by_role("button", name=EN["previous"], exact=True).click()
    heading(root, "en", "start")
    expect(root.get_by_role("textbox", name=TEXT["en"]["prompt"])).to_have_value(REFLECTION)
    root.get_by_role("button", name=EN["next"], exact=True).click()
    quiz.get_by_role("radio", name=EN["true"], exact=True).check()
    quiz.get_by_role("button", name=EN["quizSubmit"], exact=True).click()
    expect(quiz.get_by_text(EN["quizPassed"], exact=False)).to_be_visible()
    root.get_by_role("button", name=EN["next"], exact=True).click()
    heading(root, "en", "end")
    expect(root.get_by_text(EN["badgeTitle"], exact=True)).to_be_visible()

    # back to Swedish on the last page: done, and the test's result in Swedish
    switch_to(root, "sv")
    heading(root, "sv", "end")
    expect(root.get_by_text(SV["badgeTitle"], exact=True)).to_be_visible()
    bar = root.get_by_role("progressbar", name=SV["progressLabel"], exact=True)
    expect(bar).to_have_attribute("aria-valuetext", SV["progressDone"].format(percent=100))
    root.get_by_role("button", name=SV["previous"], exact=True).click()
    result = SV["quizResult"].format(correct=2, total=2, score=100) + " " + SV["quizPassed"]
    expect(quiz_region(root, "sv").get_by_text(result, exact=True)).to_be_visible()
    root.get_by_role("button", name=SV["next"], exact=True).click()
    heading(root, "sv", "end")


def quiz_region(root: Root, lang: str) -> Any:
    return root.get_by_role("region", name=TEXT[lang]["quiz"], exact=True)


AXE_RUN = """
async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join('; '))
"""


def serious_axe_violations(frame: Frame) -> list[str]:
    """axe-core (npm, injected as a script) on the page as shown: serious and critical ones."""
    frame.add_script_tag(path=str(AXE))
    return list(frame.evaluate(AXE_RUN))


# --- SCORM 1.2 and 2004 in the Totara-like host ------------------------------------------------


@pytest.mark.parametrize("fmt", ["scorm12", "scorm2004"])
def test_scorm_one_session_across_languages(
    browser: Browser,
    server: StaticServer,
    package_cache: Any,
    built: dict[str, Path],
    fmt: str,
) -> None:
    package = scorm_package(package_cache, built, fmt)
    with open_session(browser, package, server.origin) as lms:
        sco = lms.launch()
        language(sco, "sv")
        assert serious_axe_violations(lms.sco_frame) == [], "the page with the language switch"
        walk_switching(sco)
        assert lms.sco_frame.url.endswith("/index.html"), lms.sco_frame.url
        lms.leave()
        calls = lms.calls()
        init, finish = (
            ("LMSInitialize", "LMSFinish") if fmt == "scorm12" else ("Initialize", "Terminate")
        )
        assert [c["method"] for c in calls].count(init) == 1
        assert [c["method"] for c in calls].count(finish) == 1
        loads = lms.page.evaluate("lms.events.filter(e => e.event === 'load').length")
        assert loads == 3, "launch, then one page per switch"
        lms.assert_clean(f"{fmt}, switched twice")
        committed = lms.committed() or {}
        if fmt == "scorm12":
            assert committed["cmi.core.lesson_status"] == "passed"
            assert committed["cmi.core.score.raw"] == "100"
        else:
            assert committed["cmi.completion_status"] == "completed"
            assert committed["cmi.success_status"] == "passed"
        ids = [v for k, v in committed.items() if re.fullmatch(r"cmi\.interactions\.\d+\.id", k)]
        # the slots were declared once, by the first page (docs/runtime.md): each answer is in
        # its slot, recorded once, also after the pages of the other language
        slots = [ident for ident, _ in package.config["slots"]["ids"]]
        assert sorted(ids) == sorted(slots), "each answer recorded once, in its slot"
        assert [committed[f"cmi.interactions.{n}.id"] for n in range(len(slots))] == slots


# --- xAPI and cmi5 against the real LRS ---------------------------------------------------------


def lrs_window(browser: Browser, server: StaticServer, lrs: TestLrs, package: XapiPackage) -> Any:
    lrs.reset()
    return course_window(browser, server.origin, lrs, package, Course.load())


def checked(statements: list[dict[str, Any]], problems: list[str]) -> None:
    listing = "\n".join(f"    {describe(s)}" for s in statements)
    assert not problems, "\n".join(f"  - {p}" for p in problems) + f"\n  statements:\n{listing}"


def test_xapi_one_session_across_languages(
    browser: Browser, server: StaticServer, lrs: TestLrs, package_cache: Any, built: dict[str, Path]
) -> None:
    package = xapi_package(package_cache, built, "xapi")
    registration = str(uuid.uuid4())
    actor = learner(f"switch-{registration[:8]}", "Testsson, Tove")
    with lrs_window(browser, server, lrs, package) as window:
        assert isinstance(window, CourseWindow)
        url = tincan_launch_url(
            window.base_url + package.launch, lrs, actor, registration, package.course_id
        )
        window.page.goto(url)
        walk_switching(window.page)
        assert "/index.html?endpoint=" in window.page.url, "the launch parameters went along"
        window.wait_synced(registration)
        window.leave()
        statements = window.wait_for_statement(registration, "terminated")
        course_iri = package.config["xapi"]["courseIri"]
        problems = ralph_validate(statements)
        problems += statement_problems(statements, actor, registration)
        problems += tincan_session_problems(statements, package.course_id, course_iri)
        posted = [(r.status, r.statements) for r in lrs.requests("statements", "POST")]
        problems += sent_after_end(posted)
        checked(statements, problems)
        verbs = Counter(verb(s) for s in statements)
        assert (verbs["initialized"], verbs["resumed"], verbs["terminated"]) == (1, 0, 1), verbs
        assert (verbs["completed"], verbs["passed"], verbs["answered"]) == (1, 1, 2), verbs
        window.assert_clean("xapi, switched twice")


def test_cmi5_one_session_across_languages(
    browser: Browser, server: StaticServer, lrs: TestLrs, package_cache: Any, built: dict[str, Path]
) -> None:
    package = xapi_package(package_cache, built, "cmi5")
    registration = str(uuid.uuid4())
    actor = learner(f"switch-{registration[:8]}")
    with lrs_window(browser, server, lrs, package) as window:
        launch = Cmi5Lms(lrs, package, window.base_url).launch(actor, registration)
        window.page.goto(launch.url)
        walk_switching(window.page)
        window.page.get_by_role("button", name=SV["exitCourse"], exact=True).click()
        assert launch.return_url
        window.page.wait_for_url(launch.return_url, timeout=15_000)
        statements = window.wait_for_statement(registration, "terminated")
        problems = ralph_validate(statements)
        problems += statement_problems(statements, actor, registration, utc=True)
        problems += cmi5_problems(statements, [launch.session])
        problems += [f"the LRS saw: {v}" for v in lrs.violations]
        checked(statements, problems)
        assert lrs.fetch_keys[launch.fetch_key].fetched == 1, "the fetch URL is used once"
        verbs = Counter(verb(s) for s in statements)
        assert (verbs["initialized"], verbs["terminated"]) == (1, 1), verbs
        assert (verbs["completed"], verbs["passed"]) == (1, 1), verbs
        window.assert_clean("cmi5, switched twice")
