"""The test side of the LMS stand-in: a static server, the host page and the recorded calls."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlparse

from course_packages import REPO, Package
from playwright.sync_api import Browser, BrowserContext, Frame, FrameLocator, Page, Route
from playwright.sync_api import Request as PwRequest
from scorm_rules import Violation, check_calls

HOST_DIR = Path(__file__).resolve().parent / "host"
SCORM_AGAIN_DIST = REPO / "node_modules" / "scorm-again" / "dist"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
# As root, Debian's Chromium needs these; the background-networking flags stop it from calling
# Google's services, which this machine's closed network refuses. Playwright adds a fresh
# --user-data-dir itself.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Records every text that appears in a live region (what a screen reader would announce), in
# every frame, as window.__announcements.
ANNOUNCEMENTS_JS = """
(() => {
  window.__announcements = [];
  const LIVE = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]';
  const last = new WeakMap();
  const check = (node) => {
    const el = node && (node.nodeType === 1 ? node : node.parentElement);
    const live = el && el.closest && el.closest(LIVE);
    if (!live) return;
    const text = (live.textContent || '').replace(/\\s+/g, ' ').trim();
    if (text && last.get(live) !== text) {
      last.set(live, text);
      window.__announcements.push(text);
    }
  };
  new MutationObserver((list) => list.forEach((m) => check(m.target)))
    .observe(document, {subtree: true, childList: true, characterData: true});
})();
"""
LEARNER = {"id": "e2e-learner-1", "name": "Testsson, Tove"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """/host/ -> tests/e2e/host, /lms/ -> scorm-again's dist, /pkg/ -> the unpacked packages."""

    mounts: ClassVar[dict[str, Path]] = {}

    def translate_path(self, path: str) -> str:
        clean = unquote(urlparse(path).path)
        for prefix, folder in self.mounts.items():
            if clean.startswith(prefix):
                rest = clean[len(prefix) :]
                target = (folder / rest).resolve()
                if target == folder.resolve() or folder.resolve() in target.parents:
                    return str(target)
        return str(Path("/nonexistent") / clean.lstrip("/"))

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class StaticServer:
    def __init__(self, packages_root: Path) -> None:
        mounts = {"/host/": HOST_DIR, "/lms/": SCORM_AGAIN_DIST, "/pkg/": packages_root}
        handler = functools.partial(type("Handler", (_Handler,), {"mounts": mounts}))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> StaticServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# What Moodle/Totara hand back to a relaunched SCO (the rest is the LMS's own or write-only).
RESTORED = {
    "scorm12": (
        "cmi.core.lesson_location",
        "cmi.core.lesson_status",
        "cmi.core.score.",
        "cmi.suspend_data",
        "cmi.comments",
    ),
    "scorm2004": (
        "cmi.location",
        "cmi.completion_status",
        "cmi.success_status",
        "cmi.score.",
        "cmi.progress_measure",
        "cmi.suspend_data",
        "cmi.interactions.",
        "cmi.objectives.",
        "cmi.comments_from_learner.",
    ),
}


def saved_for_relaunch(committed: dict[str, Any] | None, standard: str) -> dict[str, Any]:
    """The CMI data an LMS gives a relaunched SCO, from what it stored at the last commit.

    cmi.entry is `resume` only when the SCO left with exit `suspend` (or `logout` in 2004).
    """
    assert committed is not None, "nothing was ever committed: the LMS has no data to resume"
    data = {
        k: v
        for k, v in committed.items()
        if isinstance(v, str) and v != "" and k.startswith(RESTORED[standard])
    }
    if standard == "scorm12":
        leaving = committed.get("cmi.core.exit", "")
        data["cmi.core.entry"] = "resume" if leaving == "suspend" else ""
    else:
        leaving = committed.get("cmi.exit", "")
        data["cmi.entry"] = "resume" if leaving in ("suspend", "logout") else ""
    return data


@dataclass
class Request:
    url: str
    frame_url: str
    resource: str


@dataclass
class LmsSession:
    """One browser page with the host page, a launched package and what it did."""

    page: Page
    context: BrowserContext
    package: Package
    origin: str
    requests: list[Request] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    # other origins the package may call (the LRS of an xAPI/cmi5 launch), each on 127.0.0.1
    allowed_origins: list[str] = field(default_factory=list)

    # -- the package --------------------------------------------------------------------

    @property
    def standard(self) -> str:
        return self.package.format

    @property
    def package_prefix(self) -> str:
        return f"{self.origin}/pkg/{self.package.key}/"

    def launch(self, saved: dict[str, Any] | None = None, fail_commits: int = 0) -> FrameLocator:
        self.page.goto(f"{self.origin}/host/index.html")
        self.page.evaluate(
            "cfg => hostLaunch(cfg)",
            {
                "standard": self.standard,
                "launch": f"/pkg/{self.package.key}/{self.package.launch}",
                "learner": LEARNER,
                "mastery": self.package.mastery,
                "saved": saved,
            },
        )
        if fail_commits:
            self.fail_commits(fail_commits)
        return self.sco

    @property
    def sco(self) -> FrameLocator:
        return self.page.frame_locator("iframe#sco")

    @property
    def sco_frame(self) -> Frame:
        frame = self.page.frame(name="sco")
        assert frame is not None, "the SCO iframe is not there"
        return frame

    def leave(self) -> None:
        """The learner leaves: the player removes the iframe, as navigating away does."""
        self.page.evaluate("hostLeave()")
        self.page.wait_for_timeout(200)

    def fail_commits(self, count: int, code: str | None = None) -> None:
        self.page.evaluate(
            "([n, code]) => { lms.failCommits = n; lms.failCode = code; }", [count, code]
        )

    # -- what the LMS saw ---------------------------------------------------------------

    def calls(self) -> list[dict[str, Any]]:
        return list(self.page.evaluate("lms.calls"))

    def committed(self) -> dict[str, Any] | None:
        """The CMI data as of the last successful commit: what a relaunch gets back."""
        return self.page.evaluate("lms.committed")  # type: ignore[no-any-return]

    def current(self) -> dict[str, Any] | None:
        return self.page.evaluate("hostCurrent()")  # type: ignore[no-any-return]

    def sets(self) -> list[tuple[str, str]]:
        method = "LMSSetValue" if self.standard == "scorm12" else "SetValue"
        return [
            (str(c["args"][0]), str(c["args"][1]))
            for c in self.calls()
            if c["method"] == method and len(c["args"]) >= 2
        ]

    def last_set(self, element: str) -> str | None:
        values = [v for k, v in self.sets() if k == element]
        return values[-1] if values else None

    def violations(self) -> list[Violation]:
        return check_calls(self.calls(), self.standard)

    def stray_requests(self) -> list[str]:
        """Requests that left 127.0.0.1, or that the SCO made outside its package folder."""
        stray = []
        for req in self.requests:
            parsed = urlparse(req.url)
            if parsed.scheme in ("data", "blob", "about"):
                continue
            if parsed.hostname != "127.0.0.1":
                stray.append(f"{req.resource} {req.url} (from {req.frame_url}): leaves 127.0.0.1")
                continue
            if any(req.url.startswith(f"{o}/") for o in self.allowed_origins):
                continue
            from_host = req.frame_url.startswith(f"{self.origin}/host/") or req.frame_url in (
                "",
                "about:blank",
            )
            if from_host and (
                req.url.startswith(f"{self.origin}/host/")
                or req.url.startswith(f"{self.origin}/lms/")
                or req.url.startswith(self.package_prefix)
            ):
                continue
            if not req.url.startswith(self.package_prefix):
                stray.append(
                    f"{req.resource} {req.url} (from {req.frame_url}): outside the package folder"
                )
        return stray

    def problems(self, context: str = "") -> list[str]:
        """Everything a session must not do: Totara rule breaks, stray requests, JS errors."""
        out = [f"Totara rule: {v}" for v in self.violations()]
        out += [f"network: {r}" for r in self.stray_requests()]
        out += [f"uncaught error in the page: {e}" for e in self.page_errors]
        out += [f"console error: {e}" for e in self.console_errors]
        return out

    def assert_clean(self, context: str = "") -> None:
        problems = self.problems()
        if problems:
            head = f"{len(problems)} problem(s) in {self.package.key}"
            head += f" ({context})" if context else ""
            raise AssertionError(head + ":\n" + "\n".join(f"  - {p}" for p in problems))


OpenLms = Callable[[str, str], LmsSession]


@contextmanager
def open_session(
    browser: Browser, package: Package, origin: str, intercept: bool = True
) -> Iterator[LmsSession]:
    """A fresh browser context and page for a package. Every request is recorded; with
    `intercept` (the default) requests off 127.0.0.1 are also aborted. Without it they are only
    recorded (and reported by stray_requests): interception loses the keepalive requests a page
    makes while it unloads (an xAPI package's last statements), so xAPI/cmi5 windows use that."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    session = LmsSession(page=page, context=context, package=package, origin=origin)

    def record(req: PwRequest) -> None:
        frame_url = ""
        try:
            frame_url = req.frame.url
        except Exception:  # a service worker or a detached frame
            frame_url = "?"
        session.requests.append(Request(req.url, frame_url, req.resource_type))

    def on_route(route: Route) -> None:
        record(route.request)
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.add_init_script(ANNOUNCEMENTS_JS)
    if intercept:
        context.route("**/*", on_route)
    else:
        context.on("request", record)
    page.on("pageerror", lambda exc: session.page_errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: session.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    try:
        yield session
    finally:
        context.close()
