"""The runtime UI in the package's language, in Chromium with scorm-again as the LMS.

A small course in Swedish and English (bilingual_course.py) is built with a profile that makes one
package per language and overrides a few UI strings. In each package the learner meets only that
language: `<html lang>`, the names of the navigation and its buttons, the progress bar, the quiz's
button and what the live region announces, the badge; and the profile's overrides replace the
defaults. Expected texts come from the repository's strings files, not from the package.
"""

from __future__ import annotations

import math
import re
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from bilingual_course import build, write_course
from course_packages import Package, unpack
from lms import StaticServer, open_session
from playwright.sync_api import Browser, FrameLocator, expect

from aicourse_build.render.strings import strings_for

pytestmark = pytest.mark.e2e

LANGUAGES = ("sv", "en")
TITLES = {
    "sv": ("Välkommen", "Kunskapstest", "Slut", "Testet"),
    "en": ("Welcome", "Knowledge test", "The end", "The test"),
}
CHOICE_B = {"sv": "Beteende inlärt från data", "en": "Behaviour learnt from data"}


@pytest.fixture(scope="module")
def packages(package_cache: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Package]:
    """{lang: the tva profile's SCORM 1.2 package in that language}, served under /pkg/."""
    work = tmp_path_factory.mktemp("ui-language")
    course = write_course(work)
    zips = build(course, work / "dist", "tva", "scorm12")
    found = {}
    for zip_path in zips:
        lang = "en" if "-tva-en-" in zip_path.name else "sv"
        key = f"tva-{lang}"
        found[lang] = unpack(
            zip_path, package_cache.root / "pkg" / f"{key}-scorm12", key, "scorm12"
        )
    assert sorted(found) == sorted(LANGUAGES), [z.name for z in zips]
    return found


def expected_strings(course: Path, lang: str) -> dict[str, str]:
    profile = yaml.safe_load((course / "profiles" / "tva.yaml").read_text(encoding="utf-8"))
    return strings_for(lang, profile["strings"].get(lang))


def announced(sco: FrameLocator, pattern: re.Pattern[str], timeout: float = 5) -> str:
    """The first live-region text matching `pattern` (tests/e2e/lms.py records them)."""
    deadline = time.monotonic() + timeout
    said: list[str] = []
    while time.monotonic() < deadline:
        said = list(sco.locator(":root").evaluate("() => window.__announcements || []"))
        for text in said:
            if pattern.search(text):
                return text
        time.sleep(0.05)
    raise AssertionError(f"nothing matching {pattern.pattern!r} was announced; heard {said}")


def filled(template: str) -> re.Pattern[str]:
    """A string with its {placeholders} as numbers."""
    parts = re.split(r"\{\w+\}", template)
    return re.compile(r"[\d.,]+".join(re.escape(p) for p in parts))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_runtime_ui_is_in_the_packages_language(
    browser: Browser,
    server: StaticServer,
    packages: dict[str, Package],
    lang: str,
) -> None:
    package = packages[lang]
    course_root = package.zip_path.parent.parent / "sprakkurs"
    s = expected_strings(course_root, lang)
    other = strings_for("en" if lang == "sv" else "sv")
    start, test_page, end, quiz_title = TITLES[lang]
    with open_session(browser, package, server.origin) as lms:
        sco = lms.launch()
        pager = sco.get_by_role("navigation", name=s["pagerLabel"], exact=True)
        expect(pager).to_be_visible()
        expect(sco.locator("html")).to_have_attribute("lang", lang)
        expect(sco.get_by_role("heading", level=1)).to_have_text(start)
        expect(sco.get_by_role("navigation", name=s["tocLabel"], exact=True)).to_be_attached()
        expect(sco.get_by_role("link", name=s["skipToContent"], exact=True)).to_be_attached()
        logo = s["logoAlt"].replace("{name}", "Västra Götalandsregionen")
        expect(sco.get_by_role("img", name=logo, exact=True)).to_be_visible()
        next_button = pager.get_by_role("button", name=s["next"], exact=True)
        expect(next_button).to_be_enabled()
        expect(pager.get_by_role("button", name=s["previous"], exact=True)).to_be_disabled()
        expect(pager.get_by_role("button", name=other["next"], exact=True)).to_have_count(0)

        bar = sco.get_by_role("progressbar", name=s["progressLabel"], exact=True)
        seconds = sum(p["seconds"] for p in package.config["pages"][1:])
        progress = s["progressText"].format(percent=33, minutes=math.ceil(seconds / 60))
        expect(bar).to_have_attribute("aria-valuetext", progress)

        next_button.click()
        expect(sco.get_by_role("heading", level=1)).to_have_text(test_page)
        quiz = sco.get_by_role("region", name=quiz_title, exact=True)
        submit = quiz.get_by_role("button", name=s["quizSubmit"], exact=True)
        submit.click()
        announced(sco, re.compile(re.escape(s["quizUnanswered"])))
        quiz.get_by_role("radio", name=CHOICE_B[lang], exact=True).check()
        quiz.get_by_role("radio", name=s["true"], exact=True).check()
        submit.click()
        result = announced(sco, filled(s["quizResult"]))
        assert s["quizPassed"] in result, result
        assert other["quizPassed"] not in result
        # each question's verdict: an icon hidden from screen readers, then the word
        verdict = re.compile(rf"^\W*{re.escape(s['correct'])}$")
        expect(quiz.get_by_text(verdict)).to_have_count(2)

        next_button.click()
        expect(sco.get_by_role("heading", level=1)).to_have_text(end)
        expect(bar).to_have_attribute("aria-valuetext", s["progressDone"].format(percent=100))
        expect(sco.get_by_text(s["badgeTitle"], exact=True)).to_be_visible()
        announced(sco, re.compile(re.escape(s["courseCompleted"])))
        lms.leave()
        lms.assert_clean(f"{lang} package")


def test_the_profile_overrides_differ_from_the_defaults(packages: dict[str, Package]) -> None:
    """So the test above shows the overrides, not defaults that happen to be equal."""
    course_root = packages["sv"].zip_path.parent.parent / "sprakkurs"
    for lang in LANGUAGES:
        overridden = expected_strings(course_root, lang)
        defaults = strings_for(lang)
        changed = {k for k in overridden if overridden[k] != defaults[k]}
        assert changed == {"sv": {"quizSubmit"}, "en": {"next", "progressDone"}}[lang]
        assert packages[lang].config["strings"] == overridden
