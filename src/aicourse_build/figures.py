"""Figures on a phone: which SVG figures open full-screen, and which stay unreadable even there.

Each SVG image is measured once, from the bytes `check` read (source/svg_text.py). From that one
measurement both `check` and the templates decide:

- smallest text under 12 px in the page column of a 390 px wide phone: the figure gets a "show
  larger" button that opens it full-screen and zoomable (core/figure.js), and `check` says so
  (AIC141, a note: never a failure, not even under `--strict`);
- still under 12 px at the full width of a phone held sideways (844 px, less the viewer's
  padding): `check` warns (AIC140): without zooming in, the learner cannot read it there either.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from lxml import etree

from aicourse_build.diagnostics import Diagnostic, Span, note, warning
from aicourse_build.model.blocks import ImageBlock
from aicourse_build.model.tree import Course, PageBlock
from aicourse_build.source.assets import Asset
from aicourse_build.source.references import package_path
from aicourse_build.source.svg import safe_parser
from aicourse_build.source.svg_text import SvgText, measure_svg_text

UNREADABLE = "AIC140"
OPENS_FULL_SCREEN = "AIC141"
READABLE_PX = 12.0  # below this, text on a phone held at reading distance is hard to read
PHONE_WIDTH = 390  # CSS px of a common phone held upright (iPhone 12 to 15)
LANDSCAPE_WIDTH = 844  # the same phone held sideways
# How wide a figure is drawn on that phone: the page column of the default theme, 390 px less
# main's padding (1rem each side, themes/default/static/base.css). Measured in Chromium at a
# 390 px viewport: an <img> of an SVG with a viewBox in <figure class="image"> is 358 px wide.
PHONE_FIGURE_WIDTH = 358.0
# How wide the full-screen viewer draws it on the phone held sideways: 844 px less the viewer's
# padding (0.5rem each side, runtime.css .ac-figure-viewer). Measured in Chromium at an 844 px
# viewport with the viewer open at 100 %: the image is 828 px wide.
FULL_SCREEN_WIDTH = 828.0


@dataclass(frozen=True)
class FigureFit:
    """How large a figure's smallest text is drawn on a phone, inline and full-screen."""

    path: str  # the SVG, as the package carries it
    text: SvgText

    @property
    def inline_px(self) -> float:
        return self.text.px_at(PHONE_FIGURE_WIDTH)

    @property
    def full_screen_px(self) -> float:
        return self.text.px_at(FULL_SCREEN_WIDTH, fill=True)

    @property
    def opens_full_screen(self) -> bool:
        """Whether learners get the "show larger" button."""
        return self.inline_px < READABLE_PX

    @property
    def unreadable(self) -> bool:
        """Whether the text is too small even full-screen on a phone held sideways."""
        return self.full_screen_px < READABLE_PX


def measure_figures(assets: Mapping[str, Asset]) -> dict[str, SvgText]:
    """The text of every SVG image that draws any, by package path. The bytes were read and
    checked by source/assets.py; an SVG with errors never became an Asset."""
    found: dict[str, SvgText] = {}
    for path, asset in sorted(assets.items()):
        if asset.role != "image" or asset.mime != "image/svg+xml":
            continue
        text = measure_svg_text(etree.fromstring(asset.data, safe_parser()))
        if text is not None:
            found[path] = text
    return found


def figure_fit(course: Course, block: ImageBlock) -> FigureFit | None:
    """The fit of an image block's SVG; None for other images, decorative ones and SVGs
    without text."""
    if block.decorative:
        return None
    path = package_path(block.src)
    text = course.figures.get(path)
    return FigureFit(path, text) if text is not None else None


def _figures(course: Course) -> Iterator[tuple[PageBlock, FigureFit]]:
    """Every image block with an SVG that draws text, in every language, in file order."""
    for _page_id, variants in sorted(course.pages.items()):
        for _lang, page in sorted(variants.items()):
            for pb in page.blocks:
                if isinstance(pb.block, ImageBlock):
                    fit = figure_fit(course, pb.block)
                    if fit is not None:
                        yield pb, fit


def _where(pb: PageBlock) -> Span:
    return pb.raw.index.value_span(("src",))


def lint_figures(course: Course) -> list[Diagnostic]:
    """AIC140: a figure whose text is under 12 px even full-screen on a phone held sideways;
    AIC141 (a note): one whose text is under 12 px on the page, so that it opens full-screen."""
    out = []
    for pb, fit in _figures(course):
        if fit.unreadable:
            message = (
                f"smallest text in {fit.path} would be {fit.inline_px:.1f} px on a {PHONE_WIDTH}"
                f" px phone, {fit.full_screen_px:.1f} px full-screen even with the phone held"
                f" sideways ({LANDSCAPE_WIDTH} px): under {READABLE_PX:.0f} px"
            )
            out.append(warning(UNREADABLE, message, _where(pb), _hint(fit)))
        elif fit.opens_full_screen:
            message = (
                f"smallest text in {fit.path} is {fit.inline_px:.1f} px on a {PHONE_WIDTH} px"
                f" phone: learners get a 'show larger' button, full-screen it is"
                f" {fit.full_screen_px:.1f} px with the phone held sideways"
            )
            hint = f"text of at least {_units(fit, fit.inline_px)} in the SVG's own units"
            hint += f" (now {fit.text.smallest:g}) reads without it"
            out.append(note(OPENS_FULL_SCREEN, message, _where(pb), hint))
    return out


def _units(fit: FigureFit, px: float) -> int:
    """The smallest font size, in the SVG's own units, that would be 12 px where it is `px`."""
    return math.ceil(fit.text.smallest * READABLE_PX / px - 1e-9)


def _hint(fit: FigureFit) -> str:
    """What size, in the SVG's own units, the smallest text needs."""
    if fit.text.scale is None:
        return "give the SVG a viewBox, so that it scales, and larger text"
    return (
        f"make the smallest text at least {_units(fit, fit.full_screen_px)}"
        f" (now {fit.text.smallest:g}) in the SVG's own units to read it full-screen,"
        f" {_units(fit, fit.inline_px)} to read it on the page; or draw fewer, larger labels"
        " and put the details in the text"
    )
