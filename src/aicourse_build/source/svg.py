"""Checking SVG images: well-formed, really SVG, and nothing in them that runs code or fetches.

An SVG is a document: it can hold scripts, event handlers, embedded HTML, links to other files and
entity declarations that expand without end. A course image needs none of that, and a package that
carries it is a way into the LMS, so each is refused where it is written. lxml parses without
network, DTDs or entity expansion; a scan of the bytes (xml_scan) finds where each element and
attribute is.
"""

from __future__ import annotations

import bisect
import re

from lxml import etree

from aicourse_build.diagnostics import Diagnostic, Span, error
from aicourse_build.source.css import (
    EMBEDDABLE_HINT,
    SVG_OUTSIDE_HINT,
    UrlKind,
    check_svg_css,
    classify_url,
    data_type,
    script_address,
)
from aicourse_build.source.xml_scan import XmlAttribute, XmlMarkup, XmlTag, blank, scan, unescape

SVG_ROOT = "{http://www.w3.org/2000/svg}svg"
_SCRIPTS = "scripts are not allowed in course images"
_DOCUMENTS = "an image may not embed other documents"
# elements refused by lower-case local name, in any namespace: what is wrong, how to mend it
_REFUSED_ELEMENTS = {
    "script": (_SCRIPTS, "remove the script; an image in a course cannot run code"),
    "handler": (_SCRIPTS, "remove the handler; an image in a course cannot run code"),
    "foreignobject": (
        "embedded HTML is not allowed in course images",
        "remove it; write text with SVG <text> elements, or put the HTML on the page",
    ),
    **dict.fromkeys(
        ("iframe", "embed", "object", "frame", "applet"),
        (_DOCUMENTS, "remove it; show other content on the page, not inside an image"),
    ),
}
_ANIMATIONS = frozenset({"set", "animate", "animatecolor", "animatemotion", "animatetransform"})
# attributes read as CSS: style, and the presentation attributes that may hold a url()
# (fill="url(other.svg#g)" fetches other.svg)
_CSS_ATTRIBUTES = frozenset(
    {"style", "fill", "stroke", "filter", "mask", "clip-path", "cursor", "marker"}
    | {"marker-start", "marker-mid", "marker-end"}
)
_NO_CODE = "remove it; an image in a course cannot run code"


class _Checker:
    """Reports problems at their place in the file; `tags` pairs each element with its scan."""

    def __init__(self, data: bytes, display: str, markup: XmlMarkup) -> None:
        self.data, self.display, self.markup = data, display, markup
        self.problems: list[Diagnostic] = []
        self.line_starts = [0, *(match.end() for match in re.finditer(rb"\n", data))]
        # many problems on one long line (SVGs are often one line) must not decode it each time
        self.last_column: dict[int, tuple[int, int]] = {}  # line index: (offset, column)
        self.unescaped: dict[int, tuple[str, str, list[int]]] = {}  # start: raw, text, origins

    def span(self, offset: int) -> Span:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        base, col = self.last_column.get(line, (self.line_starts[line], 1))
        if base > offset:
            base, col = self.line_starts[line], 1
        if base == 0 and self.data.startswith(b"\xef\xbb\xbf"):
            base = min(3, offset)
        col += len(self.data[base:offset].decode("utf-8", "replace"))
        self.last_column[line] = (offset, col)
        return Span(self.display, line + 1, col)

    def text_span(self, start: int, end: int, parsed: str, at: int, in_attribute: bool) -> Span:
        """Where character `at` of `parsed`, read from the bytes start:end, is in the file."""
        if start not in self.unescaped:
            raw = self.data[start:end].decode("utf-8", "replace")
            self.unescaped[start] = (raw, *unescape(raw, in_attribute))
        raw, unescaped, origins = self.unescaped[start]
        first = self.span(start)
        if unescaped != parsed or at >= len(origins):
            return first  # written in a way the scan cannot follow: its start will do
        before = raw[: origins[at]]
        if "\n" not in before:
            return Span(self.display, first.line, first.col + len(before))
        line = first.line + before.count("\n")
        return Span(self.display, line, len(before) - before.rfind("\n"))

    def report(self, code: str, message: str, span: Span, hint: str) -> None:
        self.problems.append(error(code, message, span, hint))

    def css(self, css: str, start: int, end: int, fallback: Span, in_attribute: bool) -> None:
        for finding in check_svg_css(css):
            span = fallback
            if end >= start:
                span = self.text_span(start, end, css, finding.offset, in_attribute)
            self.report(finding.code, finding.message, span, finding.hint)

    def tree(self, root: etree._Element) -> None:
        elements = list(root.iter(etree.Element))
        paired = len(self.markup.tags) == len(elements)
        for index, element in enumerate(elements):
            tag = self.markup.tags[index] if paired else None
            where = self.span(tag.offset) if tag else Span(self.display, _line_of(element))
            if index == 0 and element.tag != SVG_ROOT:
                self.root(element, where)
            self.element(element, tag, where)

    def root(self, element: etree._Element, where: Span) -> None:
        name = etree.QName(element)
        if name.localname == "svg" and name.namespace is None:
            message = "the <svg> element has no SVG namespace, so browsers do not draw it"
            hint = 'add xmlns="http://www.w3.org/2000/svg" to the <svg> element'
        else:
            message = f"the file's root element is <{name.localname}>, not SVG's <svg>"
            hint = "is this an SVG image? export the drawing as SVG"
        self.report("AIC035", message, where, hint)

    def element(self, element: etree._Element, tag: XmlTag | None, where: Span) -> None:
        local = etree.QName(element).localname
        if local.lower() in _REFUSED_ELEMENTS:
            problem, hint = _REFUSED_ELEMENTS[local.lower()]
            article = "an" if local[:1].lower() in "aeiou" else "a"
            self.report("AIC033", f"SVG has {article} <{local}> element; {problem}", where, hint)
        elif local.lower() == "style":
            start, end = (tag.content_start, tag.content_end) if tag else (0, -1)
            text = "".join(part for part in element.itertext() if isinstance(part, str))
            self.css(text, start, end, where, in_attribute=False)
        for name, value in element.attrib.items():
            qname = etree.QName(name)
            found = _find_attribute(element, tag, qname)
            written = found.name if found else qname.localname
            at = self.span(found.offset) if found else where
            self.attribute(local, qname.localname.lower(), written, str(value), at)
            if qname.localname.lower() in _CSS_ATTRIBUTES:
                start, end = (found.value_start, found.value_end) if found else (0, -1)
                self.css(str(value), start, end, at, in_attribute=True)

    def attribute(self, element: str, local: str, written: str, value: str, at: Span) -> None:
        if local.startswith("on"):
            message = f"SVG has an event handler '{written}'; scripts are not allowed in images"
            self.report("AIC033", message, at, _NO_CODE)
        elif scheme := script_address(value):
            message = f"SVG attribute '{written}' holds a {scheme} address, which runs code"
            hint = "remove it; a link may open a web page (https://...), a picture be PNG data"
            self.report("AIC033", message, at, hint)
        elif element.lower() in _ANIMATIONS and local == "attributename":
            target = value.strip().rsplit(":", 1)[-1].lower()
            if target in ("href", "src") or target.startswith("on"):
                message = f"SVG animation <{element}> changes '{value.strip()}'"
                hint = "remove it; an image may animate shapes and colours, not links or scripts"
                self.report("AIC033", message, at, hint)
        elif local in ("href", "src") and element.lower() != "a":
            self.reference(written, value, at)

    def reference(self, written: str, value: str, at: Span) -> None:
        kind = classify_url(value)
        if kind in (UrlKind.FRAGMENT, UrlKind.EMBEDDED_IMAGE, UrlKind.EMPTY):
            return  # an empty address names this same document: nothing is fetched
        if kind is UrlKind.OTHER_DATA:
            message = f"SVG attribute '{written}' embeds data of type '{data_type(value)}'"
            hint = EMBEDDABLE_HINT
        else:
            message = f"SVG attribute '{written}' refers to '{value.strip()}', outside the image"
            hint = SVG_OUTSIDE_HINT
        self.report("AIC034", message, at, hint)


def _line_of(element: etree._Element) -> int:
    line = element.sourceline
    return line if isinstance(line, int) else 1


def _find_attribute(
    element: etree._Element, tag: XmlTag | None, qname: etree.QName
) -> XmlAttribute | None:
    """The attribute as written: the same local name, and a prefix bound to its namespace."""
    for attribute in tag.attributes if tag else []:
        prefix, colon, local = attribute.name.rpartition(":")
        if local != qname.localname or bool(colon) != (qname.namespace is not None):
            continue
        if not colon or prefix == "xml" or element.nsmap.get(prefix) == qname.namespace:
            return attribute
    return None


def safe_parser() -> etree.XMLParser:
    """lxml as SVG is read: no network, no DTD, no entity expansion, no huge trees."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def check_svg(data: bytes, display: str) -> list[Diagnostic]:
    """Every problem of an SVG image, at its line and column in the file."""
    if b"\x00" in data:
        hint = "is it a PNG or another kind of image saved with an .svg name?"
        return [
            error("AIC035", "file is not an SVG image: it contains NUL bytes", Span(display), hint)
        ]
    markup = scan(data)
    checker = _Checker(data, display, markup)
    if markup.internal_subset:
        checker.report(
            "AIC033",
            "SVG has a DOCTYPE with declarations of its own; entity declarations are not allowed",
            checker.span(markup.internal_subset[0]),
            "delete the [...] part of the DOCTYPE, or the whole DOCTYPE; export as plain SVG",
        )
    for offset in markup.stylesheet_instructions:
        checker.report(
            "AIC033",
            "SVG has an <?xml-stylesheet?> instruction; an image may not load stylesheets",
            checker.span(offset),
            "remove it; put the styles in a <style> element inside the SVG",
        )
    # the declarations are refused above; parsing without them keeps entity tricks out of lxml
    try:
        root = etree.fromstring(blank(data, markup.internal_subset), safe_parser())
    except etree.XMLSyntaxError as exc:
        # exc.error_log holds earlier documents' errors too; msg and position are this one's first
        line, col = exc.position
        message = re.sub(r", line \d+, column \d+$", "", str(exc.msg))
        if markup.internal_subset and "Entity" in message:
            # an entity of the refused declarations: AIC033 above already says what to do
            return sorted(checker.problems, key=lambda p: (p.span.line, p.span.col))
        checker.report(
            "AIC035",
            f"SVG is not well-formed XML: {message}",
            Span(display, max(line, 1), max(col, 1)),
            "open it in a browser or an XML editor to find the mistake, or export it again",
        )
    else:
        checker.tree(root)
    return sorted(checker.problems, key=lambda problem: (problem.span.line, problem.span.col))
