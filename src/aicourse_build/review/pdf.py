"""Printing HTML to PDF with headless Chromium (Playwright), with every network request refused."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("AICOURSE_CHROMIUM", "/usr/bin/chromium"))
# As root, Debian's Chromium needs --no-sandbox; the background-networking flags stop it from
# calling Google's services. Playwright adds a fresh --user-data-dir itself.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FOOTER = (
    '<div style="font-size:8px;width:100%;padding:0 15mm;color:#555;display:flex;'
    'justify-content:space-between"><span class="title"></span>'
    '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
)
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_TITLE = re.compile(rb"/Title\s*(?:<([0-9A-Fa-f]*)>|\(((?:[^()\\]|\\.)*)\))")
_ESCAPE = re.compile(rb"\\([nrtbf()\\]|[0-7]{1,3})")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


class PdfError(RuntimeError):
    """Chromium is missing or could not print."""


def page_count(pdf: bytes) -> int:
    """Pages in a PDF as Chromium writes it (page objects are not compressed into streams)."""
    return len(_PAGE_OBJECT.findall(pdf))


def _pdf_string(hex_text: bytes | None, literal: bytes | None) -> str:
    if hex_text is not None:
        raw = bytes.fromhex(hex_text.decode("ascii"))
    else:
        assert literal is not None
        raw = _ESCAPE.sub(
            lambda m: (
                _ESCAPES.get(m[1]) or (bytes([int(m[1], 8) & 0xFF]) if m[1].isdigit() else m[1])
            ),
            literal,
        )
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", errors="replace")
    return raw.decode("latin-1")


def pdf_titles(pdf: bytes) -> list[str]:
    """The document title and the outline (bookmark) titles, i.e. the headings Chromium printed.

    Chromium writes these objects uncompressed; this is enough to check a printed PDF without a
    PDF library.
    """
    return [_pdf_string(m[1], m[2]) for m in _TITLE.finditer(pdf)]


def print_pdfs(jobs: Sequence[tuple[str, Path]]) -> list[Path]:
    """Print each (html, path) to a PDF at path, with one browser; returns the paths written.

    Printing runs in a thread of its own: Playwright's sync API refuses a thread that already
    runs an event loop (a caller that drives a browser itself, such as a test session).
    """
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["paths"] = _print_pdfs(jobs)
        except BaseException as exc:  # handed to the caller's thread below
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="aicourse-pdf")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    paths: list[Path] = outcome["paths"]
    return paths


def _print_pdfs(jobs: Sequence[tuple[str, Path]]) -> list[Path]:
    if not CHROMIUM.is_file():
        raise PdfError(
            f"Chromium is needed for the PDF and was not found at {CHROMIUM} "
            "(set AICOURSE_CHROMIUM, or skip the PDF)"
        )
    try:
        from playwright.sync_api import Route, sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is a dev dependency
        raise PdfError(
            "the PDF needs Playwright for Python: pip install 'aicourse-build[pdf]'"
        ) from exc

    def refuse(route: Route) -> None:
        # the documents are self-contained: anything but inline data is a mistake, never fetched
        if route.request.url.startswith(("data:", "about:")):
            route.continue_()
        else:
            route.abort()

    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", refuse)
            for html, path in jobs:
                page.set_content(html, wait_until="load")
                page.emulate_media(media="print")
                tmp = path.with_name(path.name + ".tmp")
                page.pdf(
                    path=str(tmp),
                    format="A4",
                    print_background=True,
                    prefer_css_page_size=True,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=FOOTER,
                    outline=True,
                    tagged=True,
                )
                tmp.replace(path)
                written.append(path)
        finally:
            browser.close()
    return written
