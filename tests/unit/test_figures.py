"""Figures on a phone: the "show larger" note (AIC141) and the unreadable warning (AIC140)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aicourse_build.diagnostics import Report, Severity
from aicourse_build.figures import FigureFit, figure_lines
from aicourse_build.pipeline import CourseCheck, check_course_dir
from aicourse_build.source.svg_text import SvgText

# pages/start.md of the small course shows media/bild.svg; `src:` is on line 14
WHERE = "pages/start.md:14:6"


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
    checked, report = _check(small_course, _svg(800, 20))  # 8.95 px at 390, 20.7 full-screen
    assert _figure_codes(report) == []
    assert checked.course is not None
    assert [line.replace(str(small_course) + "/", "") for line in figure_lines(checked.course)] == [
        "1 figure(s) with text under 12 px on a 390 px phone open full-screen with a "
        "'show larger' button [AIC141]:",
        f"  {WHERE}: note[AIC141]: smallest text in media/bild.svg is 9.0 px on the page, "
        "20.7 px full-screen on a phone held sideways",
    ]


def test_text_too_small_even_full_screen_is_a_warning_with_the_sizes_it_needs(
    small_course: Path,
) -> None:
    checked, report = _check(small_course, _svg(1600, 12))  # 2.7 px at 390, 6.2 full-screen
    [found] = [d for d in report.sorted() if d.code == "AIC140"]
    assert found.severity is Severity.WARNING
    assert found.span.path.endswith("pages/start.md") and (found.span.line, found.span.col) == (
        14,
        6,
    )
    assert found.message == (
        "smallest text in media/bild.svg would be 2.7 px on a 390 px phone, 6.2 px full-screen "
        "even with the phone held sideways (844 px): under 12 px"
    )
    assert found.hint == (
        "make the smallest text at least 24 (now 12) in the SVG's own units to read it "
        "full-screen, 54 to read it on the page; or draw fewer, larger labels and put the "
        "details in the text"
    )
    assert checked.course is not None
    assert len(list(figure_lines(checked.course))) == 2  # it still opens full-screen
    assert checked.packages  # a warning: the packages are still made


def test_readable_text_and_decorative_images_are_left_alone(small_course: Path) -> None:
    checked, report = _check(small_course, _svg(800, 40))  # 17.9 px at 390
    assert _figure_codes(report) == [] and checked.course is not None
    assert list(figure_lines(checked.course)) == []
    page = small_course / "pages" / "start.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("alt: En pil från data till modell.", "decorative: true"))
    checked, report = _check(small_course, _svg(1600, 12))
    assert _figure_codes(report) == [] and checked.course is not None
    assert list(figure_lines(checked.course)) == []


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
