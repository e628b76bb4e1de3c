"""A figure too small to read on a phone opens full-screen, zoomable, by keyboard alone.

A small course (the diagnostics corpus' base course) shows two SVG figures: one whose labels are
7 px on a 390 px phone, which gets a "Visa större" button, and one with large text, which does
not. At 390 px and at 1280 px, in the Totara-like host: Tab to the button, Enter opens a modal
dialog named by the caption with focus on "Förstora"; Enter and the + and - keys zoom; Tab stays
in the dialog; Escape closes it and focus is back on the button. axe-core finds nothing with the
dialog open; every control has a name and is at least 24 px. The widths figures.py computes
with are measured here too, and the viewer works with no LMS at all (it is presentation only).
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from bilingual_course import build
from course_packages import REPO, Package, unpack
from lms import AXE, LmsSession, StaticServer, open_session
from playwright.sync_api import Browser, Frame, FrameLocator, Page, expect

from aicourse_build.figures import (
    FULL_SCREEN_WIDTH,
    LANDSCAPE_WIDTH,
    PHONE_FIGURE_WIDTH,
    PHONE_WIDTH,
)
from aicourse_build.render.strings import strings_for

pytestmark = pytest.mark.e2e

S = strings_for("sv")
CAPTION = "Från data till modell i fyra steg."
ALT = "Ett flödesschema: data, träning, modell och svar, med små etiketter under varje steg."
SMALL_TEXT = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 400">'
    '<rect width="800" height="400" fill="#f3f5f8"/>'
    '<text x="20" y="60" font-size="28">Från data till svar</text>'
    '<text x="20" y="120" font-size="16">Etikett med detaljer</text></svg>\n'
)
LARGE_TEXT = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200">'
    '<text x="20" y="100" font-size="40">Stor text</text></svg>\n'
)
FIGURES = f"""
```image
src: media/bild.svg
alt: "{ALT}"
caption: "{CAPTION}"
```

```image
src: media/stor.svg
alt: Texten Stor text.
```
"""
# every axe-core rule, any impact
AXE_ALL = """
async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => v.id + ' (' + v.impact + '): ' +
    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; '));
}
"""
# where focus is: in the dialog, or nowhere in the page (the browser's own controls)
IN_DIALOG = """
() => {
  const el = document.activeElement;
  return !el || el === document.body || !!el.closest('dialog');
}
"""
SIZE = "el => { const r = el.getBoundingClientRect(); return [r.width, r.height]; }"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory, package_cache: Any) -> Package:
    """The small course with the two figures, as a SCORM 1.2 package, unpacked."""
    work = tmp_path_factory.mktemp("figure-zoom")
    course = work / "figurkurs"
    shutil.copytree(REPO / "tests" / "diagnostics" / "base", course)
    (course / "media" / "bild.svg").write_text(SMALL_TEXT, encoding="utf-8")
    (course / "media" / "stor.svg").write_text(LARGE_TEXT, encoding="utf-8")
    page = course / "pages" / "start.md"
    text = page.read_text(encoding="utf-8")
    start = text.index("```image")
    end = text.index("```", text.index("\n", start) + 1) + 3
    page.write_text(text[:start] + FIGURES.strip() + text[end:], encoding="utf-8")
    [zip_path] = build(course, work / "dist", "intern", "scorm12")
    with zipfile.ZipFile(zip_path) as archive:
        assert "media/stor.svg" in archive.namelist()
    return unpack(zip_path, package_cache.root / "pkg" / "figur-scorm12", "figur", "scorm12")


@pytest.fixture
def lms(browser: Browser, server: StaticServer, package: Package) -> Iterator[LmsSession]:
    with open_session(browser, package, server.origin) as session:
        yield session


def _open_button(root: FrameLocator | Page) -> Any:
    return root.get_by_role("button", name=S["figureOpen"], exact=True)


def _press_tab_to(frame: Frame, page: Page, target: Any, what: str) -> None:
    for _ in range(60):
        if target.evaluate("el => el === el.ownerDocument.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {what}")


@pytest.mark.parametrize("width", [PHONE_WIDTH, 1280])
def test_open_zoom_and_close_by_keyboard(lms: LmsSession, width: int) -> None:
    lms.page.set_viewport_size({"width": width, "height": 844 if width == PHONE_WIDTH else 800})
    sco = lms.launch()
    opener = _open_button(sco)
    expect(opener).to_be_visible()  # shown once the runtime has started
    expect(opener).to_have_count(1)  # the figure with large text has none
    frame, page = lms.sco_frame, lms.page
    assert opener.get_attribute("aria-describedby") is not None
    assert min(opener.evaluate(SIZE)) >= 24

    _press_tab_to(frame, page, opener, "the 'show larger' button")
    page.keyboard.press("Enter")
    dialog = sco.get_by_role("dialog", name=CAPTION)
    expect(dialog).to_be_visible()
    zoom_in = dialog.get_by_role("button", name=S["figureZoomIn"], exact=True)
    zoom_out = dialog.get_by_role("button", name=S["figureZoomOut"], exact=True)
    close = dialog.get_by_role("button", name=S["figureClose"], exact=True)
    expect(zoom_in).to_be_focused()
    expect(dialog.get_by_role("group", name=S["figureFrame"])).to_be_visible()
    expect(dialog.get_by_text(S["figureDescription"] + " " + ALT)).to_be_visible()
    expect(dialog.locator(".ac-figure-caption")).to_have_text(CAPTION)
    for control in (zoom_in, zoom_out, close):
        assert min(control.evaluate(SIZE)) >= 24
    if not frame.evaluate("() => typeof window.axe !== 'undefined'"):
        frame.add_script_tag(path=str(AXE))
    assert frame.evaluate(AXE_ALL) == [], f"axe-core with the dialog open at {width} px"

    image = dialog.locator("img")
    fitted = image.evaluate(SIZE)[0]
    assert fitted == pytest.approx(width - 16, abs=1)  # the whole width less the padding
    expect(dialog.get_by_text("100 %")).to_be_visible()
    expect(zoom_out).to_have_attribute("aria-disabled", "true")
    page.keyboard.press("Enter")  # on Förstora
    expect(dialog.get_by_text("150 %")).to_be_visible()
    assert image.evaluate(SIZE)[0] == pytest.approx(fitted * 1.5, abs=1)
    page.keyboard.press("+")
    expect(dialog.get_by_text("200 %")).to_be_visible()
    page.keyboard.press("-")
    expect(dialog.get_by_text("150 %")).to_be_visible()
    page.keyboard.press("Shift+Tab")
    expect(zoom_out).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog.get_by_text("100 %")).to_be_visible()

    # Tab goes round the dialog's controls and never reaches the page behind it
    for _ in range(8):
        page.keyboard.press("Tab")
        assert frame.evaluate(IN_DIALOG), frame.evaluate(
            "() => document.activeElement.outerHTML.slice(0, 100)"
        )
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()

    # and once more with the close button
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    _press_tab_to(frame, page, close, "Stäng")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()
    lms.leave()
    lms.assert_clean(f"figure viewer at {width} px")


def test_the_widths_figures_py_computes_with_and_no_lms_needed(
    browser: Browser, server: StaticServer, package: Package
) -> None:
    """Opened directly, with no LMS: the runtime keeps progress in the browser, and the viewer
    works all the same. At 390 px the figure is PHONE_FIGURE_WIDTH wide on the page; sideways
    (844 px) the viewer draws it FULL_SCREEN_WIDTH wide."""
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 844})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{server.origin}/pkg/{package.key}/{package.launch}")
        opener = _open_button(page)
        expect(opener).to_be_visible()
        figure_image = page.locator("figure.image img").first
        assert figure_image.evaluate(SIZE)[0] == PHONE_FIGURE_WIDTH
        page.set_viewport_size({"width": LANDSCAPE_WIDTH, "height": PHONE_WIDTH})
        opener.click()
        dialog = page.get_by_role("dialog", name=CAPTION)
        expect(dialog).to_be_visible()
        assert dialog.locator("img").evaluate(SIZE)[0] == FULL_SCREEN_WIDTH
        # pinch zoom is the browser's: the page may be scaled, and nothing in the viewer stops it
        viewport = page.locator("meta[name=viewport]").get_attribute("content") or ""
        assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport
        frame_style = dialog.locator(".ac-figure-frame").evaluate(
            "el => getComputedStyle(el).touchAction"
        )
        assert frame_style == "auto"
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        assert errors == []
    finally:
        context.close()
