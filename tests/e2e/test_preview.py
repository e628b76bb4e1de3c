"""`aicourse preview` in Chromium: edit a file and see the page change, see the inspector list
the runtime's SCORM calls and xAPI statements, see errors over the last good build."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
BASE = REPO / "tests" / "diagnostics" / "base"
WAIT = 15_000  # ms; a rebuild of this course takes well under a second


@contextlib.contextmanager
def running_preview(course: Path) -> Iterator[str]:
    """`aicourse preview COURSE` as a process of its own; yields the URL it prints."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "aicourse_build", "preview", str(course), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    found = re.search(r"at (http://127\.0\.0\.1:\d+/) \(ready in ([\d.]+) s\)", first)
    try:
        assert found, first + proc.stderr.read() if proc.poll() is not None else first
        yield found.group(1)
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=10)
        assert "Traceback" not in err


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The preview of a copy of the small course."""
    course = tmp_path / "course"
    shutil.copytree(BASE, course)
    with running_preview(course) as url:
        yield url, course


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_saving_a_page_reloads_it_where_the_author_was(
    preview: tuple[str, Path], page: Page
) -> None:
    url, course = preview
    page.goto(url + "#intern/sv/scorm12")
    frame = page.frame_locator("#course")
    expect(frame.get_by_role("heading", name="Start", level=1)).to_be_visible(timeout=WAIT)
    log = page.locator("#log")
    expect(log).to_contain_text('LMSInitialize("") → "true"')
    expect(log).to_contain_text('LMSSetValue("cmi.core.lesson_location", "start")')

    frame.get_by_role("button", name="Nästa").first.click()
    expect(frame.get_by_role("heading", name="Prov", level=1)).to_be_visible()
    expect(log).to_contain_text('LMSSetValue("cmi.core.lesson_location", "prov")')
    expect(page.locator("#data")).to_contain_text("cmi.suspend_data")

    _edit(course / "pages" / "prov.md", "title: Prov", "title: Slutprov")
    # the rebuilt course opens where the learner was: on the edited page, the only one shown
    shown = frame.locator("section.page:not([hidden]) h1")
    expect(shown).to_have_text(["Slutprov"], timeout=WAIT)
    expect(log).to_contain_text("rebuilt")
    expect(log).to_contain_text('LMSFinish("") → "true"')
    expect(page.locator("#data")).to_contain_text("resume")


def test_errors_are_shown_over_the_last_good_build(preview: tuple[str, Path], page: Page) -> None:
    url, course = preview
    page.goto(url + "#intern/sv/scorm12")
    frame = page.frame_locator("#course")
    expect(frame.get_by_role("heading", name="Start", level=1)).to_be_visible(timeout=WAIT)

    start = course / "pages" / "start.md"
    _edit(start, "id: tanke", "id: Tanke")
    problems = page.locator("#problems")
    expect(problems).to_be_visible(timeout=WAIT)
    expect(problems).to_contain_text(
        re.compile(r"pages/start\.md:19:5: error\[AIC012\]: 'Tanke' is not a valid id")
    )
    expect(page.locator("#status")).to_have_text("Errors: showing the last good build")
    expect(frame.get_by_role("heading", name="Start", level=1)).to_be_visible()

    _edit(start, "id: Tanke", "id: tanke")
    expect(problems).to_be_hidden(timeout=WAIT)
    expect(page.get_by_role("button", name="Problems (0)")).to_be_visible()


def test_the_inspector_shows_xapi_statements(preview: tuple[str, Path], page: Page) -> None:
    url, _course = preview
    page.goto(url)
    page.get_by_label("Variant").select_option("publik/sv/xapi")
    frame = page.frame_locator("#course")
    expect(frame.get_by_role("heading", name="Start", level=1)).to_be_visible(timeout=WAIT)
    log = page.locator("#log")
    expect(log).to_contain_text("initialized Minikurs", timeout=WAIT)
    expect(log).to_contain_text("experienced Start")
    frame.get_by_role("button", name="Nästa").first.click()
    expect(log).to_contain_text("experienced Prov", timeout=WAIT)
    expect(log).to_contain_text("PUT aicourse-state")
    assert page.url.endswith("#publik/sv/xapi")


def test_restart_as_a_new_learner_forgets_progress(preview: tuple[str, Path], page: Page) -> None:
    url, _course = preview
    page.goto(url + "#intern/sv/scorm12")
    frame = page.frame_locator("#course")
    expect(frame.get_by_role("heading", name="Start", level=1)).to_be_visible(timeout=WAIT)
    frame.get_by_role("button", name="Nästa").first.click()
    expect(frame.get_by_role("heading", name="Prov", level=1)).to_be_visible()
    page.get_by_role("button", name="Restart as a new learner").click()
    expect(frame.get_by_role("heading", name="Start", level=1)).to_be_visible(timeout=WAIT)
    expect(page.locator("#log")).to_contain_text("a new learner for intern/sv/scorm12")


def test_the_preview_page_itself_is_accessible(preview: tuple[str, Path], page: Page) -> None:
    """axe-core on the bar, problems panel and inspector (the course has its own tests)."""
    from lms import AXE

    url, course = preview
    page.goto(url + "#intern/sv/scorm12")
    expect(page.locator("#log")).to_contain_text("LMSInitialize", timeout=WAIT)
    _edit(course / "pages" / "start.md", "id: tanke", "id: Tanke")
    expect(page.locator("#problems")).to_be_visible(timeout=WAIT)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run({exclude: [['#course']]}, {resultTypes: ['violations']}))
             .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
             .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
    )
    assert violations == []
    # keyboard: the variant switcher and every button are reachable with Tab
    page.locator("body").focus()
    reached = set()
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.id"))
    assert {"variant", "relaunch", "restart", "show-problems", "show-inspector"} <= reached


def test_cmi5_launches_like_an_lms_would(preview: tuple[str, Path], page: Page) -> None:
    url, _course = preview
    page.goto(url + "#publik/sv/cmi5")
    frame = page.frame_locator("#course")
    expect(frame.get_by_role("heading", name="Start", level=1)).to_be_visible(timeout=WAIT)
    log = page.locator("#log")
    expect(log).to_contain_text("launched", timeout=WAIT)
    expect(log).to_contain_text("initialized", timeout=WAIT)
    page.get_by_role("button", name="Relaunch").click()
    # a relaunch is a new session in the same registration: the fetch URL is a new one
    expect(log.locator("li", has_text="initialized")).to_have_count(2, timeout=WAIT)
    expect(log.locator("li", has_text="experienced Start")).to_have_count(2, timeout=WAIT)


def test_after_a_language_switch_a_rebuild_keeps_the_language(tmp_path: Path, page: Page) -> None:
    """The default course with a language switch: switch to English, save, stay in English."""
    course = tmp_path / "intro"
    shutil.copytree(REPO / "content" / "introduktionsutbildning", course)
    profile = course / "profiles" / "public.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "language_switch: true\n", "utf-8")
    with running_preview(course) as url:
        page.goto(url + "#public/sv+en/scorm2004")
        frame = page.frame_locator("#course")
        # a list: exactly one page shown (before the runtime starts, every page is)
        heading = frame.locator("section.page:not([hidden]) h1")
        expect(heading).to_have_text(["Välkommen till kursen"], timeout=WAIT)
        frame.get_by_role("link", name="English").click()
        expect(heading).to_have_text(["Welcome to the course"], timeout=WAIT)
        _edit(
            course / "pages" / "01-valkommen.en.md",
            "title: Welcome to the course",
            "title: Welcome to this course",
        )
        expect(heading).to_have_text(["Welcome to this course"], timeout=WAIT)
        # one SCORM session across the switch: no second Initialize before the rebuild
        log = page.locator("#log").inner_text()
        before_rebuild = log.split("rebuilt")[0]
        assert before_rebuild.count('Initialize("")') == 1
