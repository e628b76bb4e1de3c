"""What CSS would fetch or run: theme stylesheets and the styles inside SVG images.

A package must work offline inside an LMS, so a stylesheet may only use files that travel with it,
and styles must never run code. css_scan finds every `url()`, `@import` and `expression()` as a
browser reads them; this module judges them: which addresses are scripts, which stay inside the
package or the image, and what each problem is called.
"""

from __future__ import annotations

import bisect
import posixpath
import re
from dataclasses import dataclass
from enum import Enum
from urllib.parse import unquote

from aicourse_build.diagnostics import Diagnostic, Span, error
from aicourse_build.source.css_scan import CssEvent, css_events

__all__ = [
    "EMBEDDABLE_HINT",
    "SVG_OUTSIDE_HINT",
    "CssEvent",
    "CssFinding",
    "UrlKind",
    "check_css",
    "check_svg_css",
    "classify_url",
    "compact",
    "css_events",
    "data_type",
    "script_address",
]

_WHITESPACE_AND_CONTROLS = re.compile(r"[\x00-\x20\x7f-\x9f]+")
_EMBEDDED_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp);base64,")
_SCHEME = re.compile(r"[a-z][a-z0-9+.\-]*:")
# documents that run their scripts when a browser opens them
_SCRIPT_DATA_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "image/svg+xml",
    "text/xml",
    "application/xml",
)


@dataclass(frozen=True)
class CssFinding:
    """A problem at an offset in the scanned text; the caller turns it into a position."""

    offset: int
    code: str
    message: str
    hint: str


class UrlKind(Enum):
    EMPTY = "empty"
    SCRIPT = "script"
    FRAGMENT = "fragment"
    EMBEDDED_IMAGE = "embedded image"
    OTHER_DATA = "other data"
    EXTERNAL = "external"
    RELATIVE = "relative"


def compact(value: str) -> str:
    """The address as a browser reads its scheme: spaces, tabs and control characters dropped."""
    return _WHITESPACE_AND_CONTROLS.sub("", value).lower()


def script_address(value: str) -> str | None:
    """`javascript:`, `vbscript:` or `data:text/html` (...) when opening the address runs code."""
    address = compact(value)
    for scheme in ("javascript:", "vbscript:"):
        if address.startswith(scheme):
            return scheme
    for data_type in _SCRIPT_DATA_TYPES:
        if address.startswith(f"data:{data_type}") and address[5 + len(data_type) :][:1] in ";,":
            return f"data:{data_type}"
    return None


def classify_url(value: str) -> UrlKind:
    """How an address that is fetched (not opened) is judged: a fetched document's scripts do
    not run, so only script schemes count as scripts here."""
    address = compact(value)
    if not address:
        return UrlKind.EMPTY
    if address.startswith(("javascript:", "vbscript:")):
        return UrlKind.SCRIPT
    if address.startswith("#"):
        return UrlKind.FRAGMENT
    if _EMBEDDED_IMAGE.match(address):
        return UrlKind.EMBEDDED_IMAGE
    if address.startswith("data:"):
        return UrlKind.OTHER_DATA
    if _SCHEME.match(address) or address.startswith("//"):
        return UrlKind.EXTERNAL
    return UrlKind.RELATIVE


def data_type(value: str) -> str:
    """The media type a data: address names, for messages ('image/svg+xml')."""
    return compact(value)[5:].split(",")[0].split(";")[0] or "text/plain"


# -- judging -------------------------------------------------------------------------------------
EMBEDDABLE_HINT = "only PNG, JPEG, GIF and WebP images (base64) can be embedded"
SVG_OUTSIDE_HINT = "an image must contain everything it shows; embed pictures as base64 PNG data"


@dataclass(frozen=True)
class _Context:
    where: str  # "stylesheet", "SVG style"
    inside: str  # what a reference must stay inside: "the package", "the image"
    relative_paths: bool  # whether a url() may name a file of the package
    import_message: str
    import_hint: str
    outside_hint: str


_THEME = _Context(
    "stylesheet",
    "the package",
    True,
    "@import is not allowed in a theme stylesheet",
    "list the other stylesheet in theme.yaml's 'stylesheets' instead",
    "copy the file into the theme's static/ folder and refer to it with a relative path",
)
_SVG = _Context(
    "SVG style",
    "the image",
    False,
    "SVG style uses @import; an image may not load other stylesheets",
    "copy the rules into the SVG's <style> element",
    SVG_OUTSIDE_HINT,
)


def _script(offset: int, what: str, context: _Context) -> CssFinding:
    message = f"{context.where} uses {what}; styles may not run scripts"
    return CssFinding(offset, "AIC033", message, "remove it; use plain CSS values")


def _outside(offset: int, message: str, hint: str) -> CssFinding:
    return CssFinding(offset, "AIC034", message, hint)


def _judge_url(event: CssEvent, context: _Context) -> str | CssFinding | None:
    """The package path a url() names (normalised), what is wrong with it, or None for a
    fragment or an embedded image."""
    value, where, offset = event.value, context.where, event.offset
    kind = classify_url(value)
    if kind in (UrlKind.FRAGMENT, UrlKind.EMBEDDED_IMAGE):
        return None
    if kind is UrlKind.SCRIPT:
        return _script(offset, f"a {compact(value).split(':')[0]}: address", context)
    if kind is UrlKind.EMPTY:
        return _outside(offset, f"{where} has an empty url()", "name a file")
    if kind is UrlKind.OTHER_DATA:
        message = f"{where} embeds data of type '{data_type(value)}'"
        return _outside(offset, message, EMBEDDABLE_HINT)
    if kind is UrlKind.EXTERNAL or not context.relative_paths:
        message = f"{where} refers to '{value}', outside {context.inside}"
        return _outside(offset, message, context.outside_hint)
    value = value.strip()
    # the file, as the browser will ask for it: no query or fragment, %-escapes decoded
    path = unquote(re.split(r"[?#]", value, maxsplit=1)[0])
    if path.startswith("/"):
        hint = f"write it relative to the stylesheet: '{path.lstrip('/')}'"
        return _outside(offset, f"url '{value}' starts with '/'", hint)
    normal = posixpath.normpath(path) if path else "."
    if normal == ".." or normal.startswith("../"):
        hint = "keep the files a stylesheet uses in the theme's static/ folder"
        return _outside(offset, f"url '{value}' points above the theme's static/ folder", hint)
    if normal == ".":
        return _outside(offset, f"url '{value}' names no file", "name a file")
    return normal


def _findings(text: str, context: _Context) -> tuple[list[str], list[CssFinding]]:
    paths: list[str] = []
    findings: list[CssFinding] = []
    for event in css_events(text):
        if event.kind == "import":
            import_finding = _outside(event.offset, context.import_message, context.import_hint)
            findings.append(import_finding)
        elif event.kind == "expression":
            findings.append(_script(event.offset, "expression()", context))
        elif event.kind == "escaped-url":
            message = f"{context.where} has a backslash in url(); escapes there are not supported"
            hint = "write the address without backslashes: '/' between folders, %20 for a space"
            findings.append(_outside(event.offset, message, hint))
        elif event.kind == "bad-url":
            message = f"{context.where} has a url() that cannot be read: 'url({event.value})'"
            findings.append(
                _outside(event.offset, message, 'put the address in quotes: url("...")')
            )
        else:
            judged = _judge_url(event, context)
            if isinstance(judged, CssFinding):
                findings.append(judged)
            elif judged is not None and judged not in paths:
                paths.append(judged)
    return paths, findings


def check_svg_css(text: str) -> list[CssFinding]:
    """Problems in the CSS of an SVG `<style>` element or `style=` attribute."""
    return _findings(text, _SVG)[1]


def check_css(text: str, display: str) -> tuple[list[str], list[Diagnostic]]:
    """A theme stylesheet, served as theme/theme.css: the package paths its url()s name (relative
    to the theme's static/ folder, normalised, each once) and its problems."""
    paths, findings = _findings(text, _THEME)
    line_starts = [0, *(match.end() for match in re.finditer("\n", text))]
    diagnostics = []
    for finding in findings:
        line = bisect.bisect_right(line_starts, finding.offset) - 1
        span = Span(display, line + 1, finding.offset - line_starts[line] + 1)
        diagnostics.append(error(finding.code, finding.message, span, finding.hint))
    return paths, diagnostics
