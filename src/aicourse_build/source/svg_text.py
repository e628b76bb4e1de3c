"""How large the text of an SVG image is drawn: the smallest font size, and how it scales.

A figure whose labels are 6 px on a phone cannot be read there. The size a learner sees depends on
the SVG (font sizes, the transforms around the text, the viewBox) and on how wide the page shows
the image; this module measures the first, `px_at` applies the second.

What is read, as a browser would: `font-size` in presentation attributes, in `style=""` and in
the SVG's own `<style>` rules with simple selectors (`text`, `.label`, `#title`, `text.label`, `*`,
lists of them), inherited from ancestors, 16 px when nothing sets it; `em`, `%` and the keywords;
and `scale`/`matrix` (any transform's size, in fact) on the text and its ancestors. Rules with
other selectors (descendants, attributes, pseudo-classes), `calc()` and `var()` are not followed:
the measurement then errs towards the sizes the file itself writes down.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

DEFAULT_FONT_SIZE = 16.0  # CSS 'medium': what a browser draws when nothing sets a size
# an <img> of an SVG that gives neither a width nor a viewBox is drawn 300 px wide, unscaled
DEFAULT_IMAGE_WIDTH = 300.0
_TEXT_ELEMENTS = frozenset({"text", "tspan", "textPath"})
# elements whose content is not drawn where it stands (or at all)
_NOT_DRAWN = frozenset(
    {"defs", "symbol", "clipPath", "mask", "pattern", "marker", "metadata", "title", "desc"}
    | {"style", "script", "linearGradient", "radialGradient", "filter"}
)
_UNITS = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4}
_KEYWORDS = {
    "xx-small": 9.0,
    "x-small": 10.0,
    "small": 13.0,
    "medium": 16.0,
    "large": 18.0,
    "x-large": 24.0,
    "xx-large": 32.0,
    "xxx-large": 48.0,
}
_LENGTH = re.compile(r"^([+]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)([a-zA-Z%]*)$")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_TRANSFORM = re.compile(r"([a-zA-Z]+)\s*\(([^)]*)\)")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_SIMPLE_SELECTOR = re.compile(r"^(\*|[A-Za-z][\w-]*)?((?:[.#][\w-]+)*)$")

Matrix = tuple[float, float, float, float]  # the linear part (a, b, c, d) of an SVG transform
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0)


@dataclass(frozen=True)
class SvgText:
    """The smallest text of an SVG and how its drawing scales with the width it is shown at."""

    smallest: float  # font size in the SVG's user units, transforms applied
    # user units drawn per pixel of the image's width (1 / viewBox width, or less when the
    # height limits); None when nothing scales the content (no viewBox and no width)
    scale: float | None
    natural_width: float | None  # px: the width the image has by itself; None: as wide as room

    def px_at(self, room: float, fill: bool = False) -> float:
        """The smallest text in pixels when the image is shown with `room` pixels of width: at
        most its natural width inline, the whole room when `fill` (a full-screen view)."""
        if self.scale is None:
            return self.smallest
        width = room if fill else min(room, self.natural_width or room)
        return self.smallest * width * self.scale


@dataclass(frozen=True)
class _Rule:
    priority: tuple[int, int, int, int]  # (ids, classes, elements, order in the file)
    tag: str | None
    ids: tuple[str, ...]
    classes: tuple[str, ...]
    value: str
    important: bool  # beats style="" too


def measure_svg_text(root: etree._Element) -> SvgText | None:
    """The smallest text the SVG draws, or None when it draws no text."""
    rules = _style_rules(root)
    sizes = list(_text_sizes(root, rules, DEFAULT_FONT_SIZE, _IDENTITY))
    if not sizes:
        return None
    scale, natural = _scaling(root)
    return SvgText(min(sizes), scale, natural)


def _text_sizes(
    element: etree._Element, rules: list[_Rule], inherited: float, matrix: Matrix
) -> Iterator[float]:
    local = etree.QName(element).localname
    if local in _NOT_DRAWN or _hidden(element):
        return
    size = _font_size(element, rules, inherited)
    matrix = _multiply(matrix, _transform(element.get("transform", "")))
    drawn = size * _smallest_stretch(matrix)
    if local in _TEXT_ELEMENTS and _own_text(element) and 0 < drawn < math.inf:
        yield drawn  # text of size 0, or squashed flat by a transform, is not drawn at all
    for child in element.iterchildren(etree.Element):
        yield from _text_sizes(child, rules, size, matrix)


def _own_text(element: etree._Element) -> bool:
    """Whether the element itself holds characters (not only its child elements)."""
    parts = [element.text or "", *(child.tail or "" for child in element)]
    return any(part.strip() for part in parts)


def _hidden(element: etree._Element) -> bool:
    declared = _declarations(element.get("style", "")).get("display", element.get("display"))
    return (declared or "").strip() == "none"


def _font_size(element: etree._Element, rules: list[_Rule], inherited: float) -> float:
    """The element's computed font size: style="" over <style> rules over the attribute.

    A plain number is px in the attribute and, as Chromium reads it, in style="" too; in a
    <style> rule it is invalid CSS, and ignored.
    """
    candidates: list[tuple[str, bool]] = []  # (value, whether a plain number counts), weakest first
    if (attribute := element.get("font-size")) is not None:
        candidates.append((attribute, True))
    matching = _matching(element, rules)
    candidates += [(rule.value, False) for rule in matching if not rule.important]
    if (styled := _declarations(element.get("style", "")).get("font-size")) is not None:
        candidates.append((styled, True))
    candidates += [(rule.value, False) for rule in matching if rule.important]
    for value, plain_number in reversed(candidates):  # the strongest that parses wins
        size = _parse_size(value, inherited, plain_number)
        if size is not None:
            return size
    return inherited


def _parse_size(value: str, inherited: float, plain_number: bool) -> float | None:
    text = value.strip().lower().removesuffix("!important").strip()
    if text in _KEYWORDS:
        return _KEYWORDS[text]
    if text in ("inherit", "unset"):
        return inherited
    if text == "initial":
        return DEFAULT_FONT_SIZE
    if text in ("larger", "smaller"):
        return inherited * 1.2 if text == "larger" else inherited / 1.2
    match = _LENGTH.match(text)
    if match is None:
        return None
    number, unit = float(match[1]), match[2]
    if unit == "" and (plain_number or number == 0):
        return number
    if unit in _UNITS:
        return number * _UNITS[unit]
    relative = {"em": inherited, "ex": inherited / 2, "%": inherited / 100, "rem": 16.0}
    return number * relative[unit] if unit in relative else None


def _declarations(css: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for declaration in _COMMENT.sub("", css).split(";"):
        name, colon, value = declaration.partition(":")
        if colon:
            found[name.strip().lower()] = value.strip()
    if "font" in found and "font-size" not in found:
        size = _shorthand_size(found["font"])
        if size is not None:
            found["font-size"] = size
    return found


def _shorthand_size(font: str) -> str | None:
    """The size in a `font` shorthand (`bold 10px/1.2 sans-serif`): the first keyword size or
    length with a unit (a plain number there is a weight)."""
    for token in font.replace("/", " / ").split():
        if token.lower() in _KEYWORDS:
            return token
        match = _LENGTH.match(token)
        if match is not None and match[2]:
            return token
    return None


def _style_rules(root: etree._Element) -> list[_Rule]:
    """The font sizes of the SVG's <style> rules whose selectors are simple, in file order."""
    rules: list[_Rule] = []
    for style in root.iter("{*}style"):
        css = _COMMENT.sub("", "".join(part for part in style.itertext() if isinstance(part, str)))
        for selectors, body in _top_level_rules(css):
            declarations = _declarations(body)
            value = declarations.get("font-size")
            if value is None:
                continue
            for selector in selectors.split(","):
                rule = _rule(selector.strip(), value, len(rules))
                if rule is not None:
                    rules.append(rule)
    return rules


def _top_level_rules(css: str) -> Iterator[tuple[str, str]]:
    """(selectors, declarations) of each plain rule; at-rules (@media...) are passed over."""
    depth, start, prelude = 0, 0, ""
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                prelude, start = css[start:index].strip(), index + 1
            depth += 1
        elif char == "}" and depth:
            depth -= 1
            if depth == 0:
                if not prelude.startswith("@"):
                    yield prelude, css[start:index]
                start = index + 1
        elif char == ";" and depth == 0:
            start = index + 1  # an at-rule without a block (@import is refused elsewhere)


def _rule(selector: str, value: str, order: int) -> _Rule | None:
    match = _SIMPLE_SELECTOR.match(selector)
    if not selector or match is None:
        return None
    tag = match[1] if match[1] not in (None, "*") else None
    parts = re.findall(r"([.#])([\w-]+)", match[2])
    ids = tuple(name for kind, name in parts if kind == "#")
    classes = tuple(name for kind, name in parts if kind == ".")
    priority = (len(ids), len(classes), 1 if tag else 0, order)
    important = value.strip().lower().endswith("!important")
    return _Rule(priority, tag, ids, classes, value, important)


def _matching(element: etree._Element, rules: list[_Rule]) -> list[_Rule]:
    """The rules that apply to the element, weakest first."""
    local = etree.QName(element).localname
    own_id = element.get("id")
    own_classes = set((element.get("class") or "").split())
    found = [
        rule
        for rule in rules
        if (rule.tag is None or rule.tag == local)
        and all(name == own_id for name in rule.ids)
        and own_classes.issuperset(rule.classes)
    ]
    return sorted(found, key=lambda rule: rule.priority)


def _transform(text: str) -> Matrix:
    matrix = _IDENTITY
    for name, arguments in _TRANSFORM.findall(text):
        values = [float(number) for number in _NUMBER.findall(arguments)]
        matrix = _multiply(matrix, _one_transform(name, values))
    return matrix


def _one_transform(name: str, values: list[float]) -> Matrix:
    if name == "matrix" and len(values) == 6:
        return (values[0], values[1], values[2], values[3])
    if name == "scale" and values:
        return (values[0], 0.0, 0.0, values[1] if len(values) > 1 else values[0])
    if name == "rotate" and values:
        angle = math.radians(values[0])
        return (math.cos(angle), math.sin(angle), -math.sin(angle), math.cos(angle))
    if name in ("skewX", "skewY") and values:
        slant = math.tan(math.radians(values[0]))
        return (1.0, 0.0, slant, 1.0) if name == "skewX" else (1.0, slant, 0.0, 1.0)
    return _IDENTITY  # translate moves, it does not scale; anything unknown is left alone


def _multiply(first: Matrix, then: Matrix) -> Matrix:
    a, b, c, d = first
    e, f, g, h = then
    return (a * e + c * f, b * e + d * f, a * g + c * h, b * g + d * h)


def _smallest_stretch(matrix: Matrix) -> float:
    """How much the transform shrinks text in its most squeezed direction (smaller singular
    value): scale(2, 0.5) leaves letters half as tall, whatever it does to their width."""
    a, b, c, d = matrix
    total = a * a + b * b + c * c + d * d
    determinant = abs(a * d - b * c)
    return math.sqrt(max(total / 2 - math.sqrt(max(total * total / 4 - determinant**2, 0)), 0))


def _scaling(root: etree._Element) -> tuple[float | None, float | None]:
    """(user units drawn per pixel of width, the image's own width in px), as Chromium draws an
    SVG in an <img>: the viewBox, else the width and height attributes, give the scale."""
    width, height = _length(root.get("width")), _length(root.get("height"))
    view = [float(n) for n in _NUMBER.findall(root.get("viewBox", ""))]
    if len(view) == 4 and 0 < view[2] < math.inf and 0 < view[3] < math.inf:
        box_width, box_height = view[2], view[3]
        if width is None and height is not None:
            width = height * box_width / box_height
        ratio = height / width if width and height else box_height / box_width
        per_px = min(1 / box_width, ratio / box_height)
        if "slice" in root.get("preserveAspectRatio", ""):
            per_px = max(1 / box_width, ratio / box_height)
        return per_px, width
    if width and height:
        return 1 / width, width  # Chromium draws it as if its viewBox were 0 0 width height
    return None, width or DEFAULT_IMAGE_WIDTH


def _length(value: str | None) -> float | None:
    """A width or height attribute in px; None for none, a percentage or an unknown unit."""
    match = _LENGTH.match((value or "").strip())
    if match is None:
        return None
    number, unit = float(match[1]), match[2].lower()
    if unit in ("", *_UNITS):
        length = number * _UNITS.get(unit, 1.0)
    else:
        length = number * 16 if unit == "em" else 0.0
    return length if 0 < length < math.inf else None
