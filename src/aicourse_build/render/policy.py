"""What a rendered package page may contain: the runtime's scripts, files of its own package.

The manuscript cannot carry HTML and its files are checked when read, but a theme's templates
write HTML freely. Every page of every package is scanned before anything is written: scripts
other than the runtime's, event-handler attributes, `javascript:` addresses, frames and objects,
and any reference the browser would fetch from outside the package (or from a file the package
lacks) are problems.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

import lxml.html
from lxml import etree

from aicourse_build.source.css import check_css

RUNTIME_SCRIPT = "runtime.js"
CONFIG_ID = "aicourse-config"
# attributes whose value the browser loads (srcset holds several)
_LOADED = ("src", "poster", "data", "background", "srcset", "formaction", "action")
_FORBIDDEN_ELEMENTS = ("iframe", "frame", "object", "embed", "base", "applet", "portal")
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
_SCRIPT_SCHEMES = ("javascript", "vbscript")
_INLINE_IMAGE = re.compile(r"^\s*data:image/(?:png|jpeg|gif|webp);", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """A problem in a rendered page: `needle` is text to look for in the templates."""

    page: str
    message: str
    needle: str
    code: str = "AIC112"


def _text(value: str | bytes) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _loaded_urls(element: etree._Element) -> Iterator[tuple[str, str]]:
    for name in _LOADED:
        value = element.get(name)
        if value is None:
            continue
        if name == "srcset":
            for part in value.split(","):
                if part.strip():
                    yield name, part.strip().split()[0]
        else:
            yield name, value
    tag = str(element.tag).lower()
    if tag == "link" and element.get("href") is not None:
        yield "href", str(element.get("href"))
    if tag in ("use", "image", "feimage") and element.get("href") is not None:
        yield "href", str(element.get("href"))


class _PageScan:
    def __init__(self, page: str, files: dict[str, bytes]) -> None:
        self.page = page
        self.files = files
        self.found: list[Finding] = []

    def add(self, message: str, needle: str, code: str = "AIC112") -> None:
        self.found.append(Finding(self.page, message, needle, code))

    def local(self, url: str, attribute: str, tag: str) -> None:
        """A URL the browser fetches: in this package, or an inline image."""
        if url.startswith("#") or _INLINE_IMAGE.match(url):
            return
        scheme = _SCHEME.match(url)
        if scheme or url.strip().startswith("//"):
            self.add(
                f'<{tag} {attribute}="{url}"> would be fetched from outside the package',
                url,
                "AIC034",
            )
            return
        path = unquote(url.split("#", 1)[0].split("?", 1)[0])
        if path and path not in self.files:
            self.add(f'<{tag} {attribute}="{url}"> names a file the package does not have', url)

    def element(self, element: etree._Element) -> None:
        tag = str(element.tag).lower()
        if tag in _FORBIDDEN_ELEMENTS:
            self.add(f"<{tag}> is not allowed in a course page", f"<{tag}")
        for raw_name, raw_value in element.attrib.items():
            name, value = _text(raw_name), _text(raw_value)
            if name.lower().startswith("on"):
                self.add(f"event-handler attribute '{name}' on <{tag}>", f"{name}=")
            scheme = _SCHEME.match(value)
            if scheme and scheme[1].lower() in _SCRIPT_SCHEMES:
                self.add(f"a '{scheme[1]}:' address in <{tag} {name}>", f"{scheme[1]}:")
        if tag == "script":
            self.script(element)
        for attribute, url in _loaded_urls(element):
            self.local(url, attribute, tag)
        href = element.get("href")
        if tag == "a" and href and not _SCHEME.match(href) and not href.startswith(("#", "//")):
            self.local(href, "href", tag)  # a page of this package (the language switch)
        style = element.get("style")
        if style:
            self.css(style, f"<{tag} style>")
        if tag == "style":
            self.css(element.text or "", "<style>")

    def script(self, element: etree._Element) -> None:
        src = element.get("src")
        if src == RUNTIME_SCRIPT and not (element.text or "").strip():
            return
        if element.get("type") == "application/json" and element.get("id") == CONFIG_ID:
            return
        self.add(
            "a <script> that is not the runtime's: a theme may not add scripts to a course",
            "<script",
        )

    def css(self, text: str, where: str) -> None:
        urls, problems = check_css(text, self.page)
        for problem in problems:
            self.add(f"{where}: {problem.message}", text.strip()[:40], problem.code)
        for url in urls:
            self.local(url, "style url", where.strip("<>").split()[0])

    def runtime_present(self, root: etree._Element) -> None:
        scripts = root.findall(".//script")
        runtime = [s for s in scripts if s.get("src") == RUNTIME_SCRIPT]
        config = [s for s in scripts if s.get("id") == CONFIG_ID]
        if len(runtime) != 1 or len(config) != 1:
            self.add(
                "the page must load runtime.js once and carry the runtime's configuration "
                f'once (<script type="application/json" id="{CONFIG_ID}">)',
                "<body",
            )

    def duplicate_ids(self, root: etree._Element) -> None:
        counts = Counter(str(e.get("id")) for e in root.iter() if e.get("id") is not None)
        for element_id, count in sorted(counts.items()):
            if count > 1:
                self.add(
                    f"the id '{element_id}' is used {count} times in the page",
                    element_id,
                    "AIC028",
                )


def scan_package(files: dict[str, bytes]) -> list[Finding]:
    """Every HTML page of a package, scanned."""
    found: list[Finding] = []
    for name in sorted(files):
        if not name.endswith(".html"):
            continue
        scan = _PageScan(name, files)
        root = lxml.html.document_fromstring(files[name])
        for element in root.iter():
            if isinstance(element.tag, str):
                scan.element(element)
        scan.runtime_present(root)
        scan.duplicate_ids(root)
        found += scan.found
    return found
