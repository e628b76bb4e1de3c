"""Figures on a phone: the "show larger" note (AIC141) and the unreadable warning (AIC140)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from aicourse_build.diagnostics import Report, Severity
from aicourse_build.figures import FigureFit
from aicourse_build.model.theme import Theme
from aicourse_build.pipeline import CourseCheck, check_course_dir
from aicourse_build.render.site import render_site
from aicourse_build.resolve import ResolvedCourse
from aicourse_build.source.svg_text import SvgText

ThemeOf = Callable[[str, Path], Theme]
ResolveCourse = Callable[..., ResolvedCourse]

# pages/start.md of the small course shows media/bild.svg; `src:` is on line 14, column 6
WHERE_FILE = "pages/start.md"


def _svg(width: int, font_size: float) -> str:
    height = width // 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">'
        f'<rect width="{width}" height="{height}" fill="#eee"/>'
        f'<text x="10" y="40" font-size="{font_size}">Etikett</text></svg>\n'
    )


def _check(course: Path, svg: str) -> tuple[CourseCheck, Report]:
    (course / "media" / "bild.svg").write_text(svg, encoding="utf-8")
    report = Report()
    return check_course_dir(course, report), report


def _figure_codes(report: Report) -> list[str]:
    return [d.code for d in report.sorted() if d.code in ("AIC140", "AIC141")]


def test_small_text_opens_full_screen_and_check_notes_it(small_course: Path) -> None:
    _checked, report = _check(small_course, _svg(800, 20))  # 8.95 px at 390, 20.7 full-screen
    [found] = [d for d in report.sorted() if d.code in ("AIC140", "AIC141")]
    assert (found.code, found.severity) == ("AIC141", Severity.NOTE)
    assert found.span.path.endswith(WHERE_FILE) and (found.span.line, found.span.col) == (14, 6)
    assert found.message == (
        "smallest text in media/bild.svg is 9.0 px on a 390 px phone: learners get a "
        "'show larger' button, full-screen it is 20.7 px with the phone held sideways"
    )
    assert found.hint == "text of at least 27 in the SVG's own units (now 20) reads without it"
    assert not report.has_warnings  # a note: --strict does not fail on it


def test_text_too_small_even_full_screen_is_a_warning_with_the_sizes_it_needs(
    small_course: Path,
) -> None:
    checked, report = _check(small_course, _svg(1600, 12))  # 2.7 px at 390, 6.2 full-screen
    [found] = [d for d in report.sorted() if d.code == "AIC140"]
    assert found.severity is Severity.WARNING
    assert found.span.path.endswith(WHERE_FILE) and (found.span.line, found.span.col) == (14, 6)
    assert found.message == (
        "smallest text in media/bild.svg would be 2.7 px on a 390 px phone, 6.2 px full-screen "
        "even with the phone held sideways (844 px): under 12 px"
    )
    assert found.hint == (
        "make the smallest text at least 24 (now 12) in the SVG's own units to read it "
        "full-screen, 54 to read it on the page; or draw fewer, larger labels and put the "
        "details in the text"
    )
    assert _figure_codes(report) == ["AIC140"]  # one finding: the warning says it all
    assert checked.packages  # a warning: the packages are still made


def test_readable_text_and_decorative_images_are_left_alone(small_course: Path) -> None:
    _checked, report = _check(small_course, _svg(800, 40))  # 17.9 px at 390
    assert _figure_codes(report) == []
    page = small_course / "pages" / "start.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("alt: En pil från data till modell.", "decorative: true"))
    _checked, report = _check(small_course, _svg(1600, 12))
    assert _figure_codes(report) == []


def test_an_unscaled_svg_is_told_to_get_a_viewbox() -> None:
    from aicourse_build.figures import _hint

    fit = FigureFit("media/x.svg", SvgText(smallest=9, scale=None, natural_width=300))
    assert fit.inline_px == fit.full_screen_px == 9 and fit.unreadable
    assert _hint(fit) == "give the SVG a viewBox, so that it scales, and larger text"


@pytest.mark.parametrize(
    ("smallest", "opens", "unreadable"),
    [(24.0, False, False), (23.9, True, False), (10.3, True, True)],
)
def test_the_thresholds_are_12_px_at_358_and_at_828(
    smallest: float, opens: bool, unreadable: bool
) -> None:
    # viewBox 716 wide: the page column (358 px) halves it, full-screen (828 px) is 1.156 times
    fit = FigureFit("x.svg", SvgText(smallest=smallest, scale=1 / 716, natural_width=None))
    assert (fit.opens_full_screen, fit.unreadable) == (opens, unreadable)


def test_the_page_offers_the_viewer_only_for_figures_that_need_it(
    small_course: Path, theme_of: ThemeOf, resolve_course: ResolveCourse
) -> None:
    """The template gets the decision as data (figure_fit), never the SVG's path to read."""
    page = small_course / "pages" / "start.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("alt: En pil", "caption: Två steg.\nalt: En pil"))
    (small_course / "media" / "bild.svg").write_text(_svg(800, 20), encoding="utf-8")
    html = _html(small_course, theme_of, resolve_course)
    assert (
        '<button type="button" class="figure-open" data-ac="figure-open" '
        'aria-describedby="start-2-caption" hidden>Visa större</button>'
    ) in html
    assert '<figcaption id="start-2-caption">Två steg.</figcaption>' in html
    (small_course / "media" / "bild.svg").write_text(_svg(800, 40), encoding="utf-8")
    html = _html(small_course, theme_of, resolve_course)
    assert "figure-open" not in html and "<figcaption>Två steg.</figcaption>" in html


def _html(course: Path, theme_of: ThemeOf, resolve_course: ResolveCourse) -> str:
    resolved = resolve_course(course, "intern")
    site = render_site(resolved, theme_of("vgr", course), "scorm12")
    return site.files["index.html"].decode()
