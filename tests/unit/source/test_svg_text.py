"""The smallest text of an SVG and its size in pixels at a given width.

Each expected size was also checked against Chromium (the SVG drawn at that width, the computed
font size times the scale of its screen transform): they agree to 0.01 px.
"""

from __future__ import annotations

import pytest
from lxml import etree

from aicourse_build.source.svg_text import SvgText, measure_svg_text

NS = 'xmlns="http://www.w3.org/2000/svg"'


def _measure(body: str, attributes: str = 'viewBox="0 0 400 200"') -> SvgText:
    found = measure_svg_text(etree.fromstring(f"<svg {NS} {attributes}>{body}</svg>"))
    assert found is not None
    return found


def test_a_viewbox_scales_the_text_to_the_width_it_is_shown_at() -> None:
    found = _measure(
        '<text y="20" font-size="20">A</text><text y="60" font-size="30">B</text>',
        'viewBox="0 0 800 400"',
    )
    assert found == SvgText(smallest=20, scale=1 / 800, natural_width=None)
    assert found.px_at(358) == pytest.approx(8.95)
    assert found.px_at(828, fill=True) == pytest.approx(20.7)


def test_sizes_inherit_from_ancestors_relative_units_from_the_parent() -> None:
    body = (
        '<g font-size="2em"><text y="40">A<tspan font-size="50%">b</tspan></text></g>'
        '<g style="font-size:150%"><text y="90">C</text></g>'
    )
    found = _measure(body, 'viewBox="0 0 400 200" font-size="10"')
    assert found.smallest == pytest.approx(10)  # 10 -> 2em = 20 -> 50 % = 10; 150 % of 10 = 15


def test_nothing_set_is_16_px_and_keywords_and_units_are_read() -> None:
    assert _measure("<text>A</text>").smallest == 16
    assert _measure('<text font-size="small">k</text>').smallest == 13
    assert _measure('<text font-size="0.5in">i</text>').smallest == 48
    assert _measure('<text style="font-size: 9pt">p</text>').smallest == pytest.approx(12)
    # a plain number is px in an attribute and in style="", as Chromium reads them
    assert _measure('<text style="font-size: 10">n</text>').smallest == 10
    assert _measure('<text style="font: bold 14px/1.2 sans-serif">f</text>').smallest == 14


def test_style_rules_with_simple_selectors_and_their_order_of_strength() -> None:
    style = (
        "<style>/* labels */ text { font-size: 20px } .small { font-size: 9pt }"
        " #title { font-size: 30px } text.tiny { font-size: 6px !important }"
        " @media (max-width: 10px) { text { font-size: 1px } } g text { font-size: 2px }"
        " .plain { font-size: 8 }</style>"
    )
    assert _measure(style + '<text id="title" class="small">T</text>').smallest == 30
    assert _measure(style + '<text class="small">S</text>').smallest == pytest.approx(12)
    # a rule beats the attribute; style="" beats a rule; !important beats style=""
    assert _measure(style + '<text font-size="4">R</text>').smallest == 20
    assert _measure(style + '<text class="small" style="font-size:40px">R</text>').smallest == 40
    found = _measure(style + '<text class="small tiny" style="font-size: 40px">X</text>')
    assert found.smallest == 6
    # @media, descendant selectors and a CSS size without a unit are not followed
    assert _measure(style + '<g><text class="plain">G</text></g>').smallest == 20


def test_transforms_on_ancestors_and_the_text_itself_scale_it() -> None:
    assert _measure('<g transform="translate(10 10) scale(0.5)"><text>h</text></g>').smallest == 8
    squeezed = '<g transform="matrix(2 0 0 2 0 0)"><text transform="scale(1 0.25)">s</text></g>'
    assert _measure(squeezed).smallest == pytest.approx(8)  # letters half as tall
    assert _measure('<text transform="rotate(30)">r</text>').smallest == pytest.approx(16)
    assert _measure('<g transform="skewX(45)"><text>k</text></g>').smallest < 16


def test_text_that_is_not_drawn_does_not_count() -> None:
    body = (
        '<defs><text font-size="1">in defs</text></defs>'
        '<text display="none" font-size="2">gone</text>'
        '<text style="display: none" font-size="2">gone</text>'
        '<text font-size="3"> </text>'
        '<text font-size="30"><tspan font-size="20">only the tspan has letters</tspan> </text>'
    )
    assert _measure(body).smallest == 20
    assert measure_svg_text(etree.fromstring(f'<svg {NS}><rect width="5"/></svg>')) is None
    # size 0, squashed flat or an endless number: nothing drawn, nothing to divide by
    hidden = '<text font-size="0">a</text><text transform="scale(0)">b</text><text>c</text>'
    assert _measure(hidden + '<text font-size="1e999">d</text>').smallest == 16
    assert _measure("<text>A</text>", 'viewBox="0 0 1e999 10" width="1e999"').scale is None


def test_without_a_viewbox_the_width_and_height_scale_it_like_chromium() -> None:
    found = _measure('<text font-size="18">A</text>', 'width="600" height="300"')
    assert found == SvgText(smallest=18, scale=1 / 600, natural_width=600)
    assert found.px_at(358) == pytest.approx(10.74)
    assert found.px_at(828) == pytest.approx(18)  # inline it is never wider than itself
    assert found.px_at(828, fill=True) == pytest.approx(24.84)


def test_without_a_viewbox_or_a_size_nothing_scales_it() -> None:
    found = _measure('<text font-size="14">A</text>', "")
    assert found == SvgText(smallest=14, scale=None, natural_width=300)
    assert found.px_at(358) == found.px_at(828, fill=True) == 14


def test_a_viewbox_of_another_shape_than_the_image_scales_by_the_tighter_side() -> None:
    found = _measure(
        '<text font-size="40">A</text>', 'width="400" height="100" viewBox="0 0 400 400"'
    )
    assert found.scale == pytest.approx(1 / 1600)  # the height fits 400 units into 100 px
    assert found.px_at(358) == pytest.approx(8.95)


def test_a_small_natural_width_keeps_the_image_small_inline() -> None:
    found = _measure('<text font-size="20">A</text>', 'width="200" viewBox="0 0 800 400"')
    assert found.px_at(358) == pytest.approx(5)
    assert found.px_at(828, fill=True) == pytest.approx(20.7)
    tall = _measure('<text font-size="20">A</text>', 'height="100" viewBox="0 0 400 200"')
    assert tall.natural_width == 200
    assert _measure("<text>A</text>", 'width="50%" viewBox="0 0 400 200"').natural_width is None
