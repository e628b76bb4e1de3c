"""A learner in Moodle's SCORM player, driven by Playwright (sync API) in Debian's Chromium.

What the player does (mod/scorm/player.php, observed in Moodle 4.5.6):
- display "Current window" (the default): the activity page's Enter button posts to
  /mod/scorm/player.php, which shows the SCO in `iframe#scorm_object`; the API object
  (`window.API` for 1.2, `window.API_1484_11` for 2004) is on the player page, the iframe's
  parent, so the runtime finds it on its first hop up.
- display "New window" (add-scorm --popup): Enter opens player.php with window.open; the SCO is in
  the same iframe inside that window.
- Leaving: the "Exit activity" link (or closing the popup) unloads the SCO; the runtime calls
  LMSFinish/Terminate on pagehide and Moodle sends that last commit with sendBeacon.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from moodle_site import Activity, Student
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Frame, FrameLocator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

T = TypeVar("T")

SCO_IFRAME = "iframe#scorm_object"
# A SCO's files are served by pluginfile.php from the activity's content area.
SCO_URL = re.compile(r"/pluginfile\.php/\d+/mod_scorm/content/")

# Finds the API the way the runtime does (runtime/core/tracker.js, AC.findApi): up the parents,
# then the opener's chain. Experiments call the same object the runtime talks to.
FIND_API_JS = """
(name) => {
  const climb = (win) => {
    for (let hops = 0; win && hops <= 500; hops++) {
      try {
        if (win[name]) return win[name];
        if (win.parent === win) return null;
        win = win.parent;
      } catch (e) { return null; }
    }
    return null;
  };
  return climb(window) || (window.opener && climb(window.opener)) ||
    (window.top && window.top.opener && climb(window.top.opener)) || null;
}
"""


@dataclass
class ApiCall:
    method: str
    args: list[str]
    result: str
    error: str  # LMSGetLastError / GetLastError right after the call
    diagnostic: str = ""


class Api:
    """SCORM API calls from inside the SCO's frame, each followed by GetLastError."""

    def __init__(self, frame: Frame, version: str) -> None:
        self.frame = frame
        self.scorm12 = version == "SCORM_1.2"
        self.name = "API" if self.scorm12 else "API_1484_11"
        self.log: list[ApiCall] = []

    def _call(self, method: str, *args: str) -> ApiCall:
        names = {
            "get": ("LMSGetValue", "GetValue"),
            "set": ("LMSSetValue", "SetValue"),
            "commit": ("LMSCommit", "Commit"),
            "finish": ("LMSFinish", "Terminate"),
        }[method]
        real = names[0] if self.scorm12 else names[1]
        error_fn = "LMSGetLastError" if self.scorm12 else "GetLastError"
        diag_fn = "LMSGetDiagnostic" if self.scorm12 else "GetDiagnostic"
        out = self.frame.evaluate(
            """([find, name, real, errorFn, diagFn, args]) => {
                 const api = eval('(' + find + ')')(name);
                 if (!api) throw new Error('no ' + name + ' reachable from the SCO frame');
                 const result = String(api[real].apply(api, args));
                 const error = String(api[errorFn]());
                 let diagnostic = '';
                 try { diagnostic = String(api[diagFn]('') || ''); } catch (e) {}
                 return {result, error, diagnostic};
               }""",
            [FIND_API_JS, self.name, real, error_fn, diag_fn, list(args)],
        )
        call = ApiCall(real, list(args), out["result"], out["error"], out["diagnostic"])
        self.log.append(call)
        return call

    def get(self, element: str) -> ApiCall:
        return self._call("get", element)

    def set(self, element: str, value: str) -> ApiCall:
        return self._call("set", element, value)

    def commit(self) -> ApiCall:
        return self._call("commit", "")

    def value(self, element: str) -> str:
        return self.get(element).result


@dataclass
class PlayerWindow:
    """The player with the SCO loaded: `sco` for locators, `frame` for evaluate()."""

    page: Page  # the player page (the popup when the activity opens in a new window)
    opener: Page  # the page that pressed Enter (the same page for "Current window")
    sco: FrameLocator
    frame: Frame
    activity: Activity
    console: list[str] = field(default_factory=list)
    left: bool = False

    @property
    def api(self) -> Api:
        return Api(self.frame, self.activity.version)

    def run(self, callback: Callable[[Frame], T]) -> T:
        """Run `callback` with the course's frame (the SCO inside Moodle's player)."""
        return callback(self.frame)

    def runtime_warnings(self) -> list[str]:
        """What the course runtime logged as a problem (AC.warn writes '[aicourse] ...')."""
        return [line for line in self.console if "[aicourse]" in line]

    def exit(self) -> None:
        """Leave as a learner does, so that the SCO finishes and Moodle stores its last commit."""
        if self.left:
            return
        self.left = True
        if self.page is not self.opener:
            self.page.close(run_before_unload=True)
            self.opener.wait_for_timeout(1000)
            return
        self.page.get_by_role("link", name="Exit activity").click()
        self.page.wait_for_url(re.compile(r"/course/view\.php"), wait_until="load")


class MoodleLearner:
    """One student in a browser context of their own, logged in to Moodle."""

    def __init__(self, context: BrowserContext, wwwroot: str, student: Student) -> None:
        self.context = context
        self.wwwroot = wwwroot
        self.student = student
        self.page = context.new_page()
        self.console: list[str] = []
        # every frame's console, the SCO's included (the runtime's warnings are there)
        context.on("console", self._on_console)

    def _on_console(self, message: ConsoleMessage) -> None:
        self.console.append(f"{message.type}: {message.text}")

    def login(self) -> None:
        # Moodle now and then answers a good login on a busy machine with the form again
        # (login/index.php?loginredirect=1, seen once in a full run): a second try tells that
        # apart from a refused login, which stays refused.
        for attempt in (1, 2):
            if self._log_in_once(wait_ms=20000 if attempt == 1 else 30000):
                return
        alerts = self.page.locator(".alert, #loginerrormessage").all_inner_texts()
        said = " / ".join(" ".join(a.split()) for a in alerts) or "no message shown"
        raise AssertionError(
            f"Moodle refused the login of {self.student.username} twice (at {self.page.url}): "
            f"{said}"
        )

    def _log_in_once(self, wait_ms: int) -> bool:
        page = self.page
        page.goto(f"{self.wwwroot}/login/index.php")
        if page.locator("#username").count() == 0:
            return True  # the first try went through after all: no form, already logged in
        page.fill("#username", self.student.username)
        page.fill("#password", self.student.password)
        # the click does not wait for the navigation it starts: wait until the page leaves
        # /login/ (a refused login stays there, with its error shown)
        with page.expect_navigation():
            page.click("#loginbtn")
        page.wait_for_load_state("load")
        if "/login/" not in page.url:
            return True
        # a login goes on through login/index.php?testsession=..., which a busy machine may
        # not have left yet: refused is the login form staying
        try:
            page.wait_for_url(lambda url: "/login/" not in url, timeout=wait_ms)
        except PlaywrightTimeout:
            return False
        return True

    def open(self, activity: Activity, *, new_attempt: bool = False) -> PlayerWindow:
        """The activity page, Enter (ticking "Start a new attempt" if asked), the SCO loaded."""
        page = self.page
        page.goto(activity.url)
        if new_attempt:
            page.locator("#a").check()  # the checkbox is only there after a finished attempt
        self.console.clear()
        enter = page.get_by_role("button", name="Enter")
        if activity.popup:
            with self.context.expect_page() as new_window:
                enter.click()
            player = new_window.value
        else:
            enter.click()
            player = page
        player.wait_for_url(re.compile(r"/mod/scorm/player\.php"))
        player.locator(SCO_IFRAME).wait_for(state="attached")
        frame = self._sco_frame(player)
        return PlayerWindow(
            page=player,
            opener=page,
            sco=player.frame_locator(SCO_IFRAME),
            frame=frame,
            activity=activity,
            console=self.console,
        )

    @staticmethod
    def _sco_frame(player: Page, timeout_ms: int = 30000) -> Frame:
        """The SCO's frame once its document has loaded."""
        handle = player.locator(SCO_IFRAME).element_handle(timeout=timeout_ms)
        frame = handle.content_frame() if handle else None
        waited = 0
        while frame is None or not SCO_URL.search(frame.url):
            if waited > timeout_ms:
                raise AssertionError(
                    f"the player never loaded the SCO (frame url {frame and frame.url})"
                )
            player.wait_for_timeout(100)
            waited += 100
            frame = handle.content_frame() if handle else None
        frame.wait_for_load_state("load")
        return frame

    @contextmanager
    def session(self, activity: Activity, *, new_attempt: bool = False) -> Iterator[PlayerWindow]:
        """A launch that always ends by leaving the player (unless the body already did)."""
        window = self.open(activity, new_attempt=new_attempt)
        try:
            yield window
        finally:
            if not window.left:
                window.exit()


class MoodleBrowser:
    """Chromium plus the site's address: a fresh, logged-in context per learner."""

    def __init__(self, browser: Browser, wwwroot: str, init_scripts: tuple[str, ...] = ()) -> None:
        self.browser = browser
        self.wwwroot = wwwroot
        self.init_scripts = init_scripts

    @contextmanager
    def learner(self, student: Student) -> Iterator[MoodleLearner]:
        # One context per learner: Moodle's session cookie is per context, as per browser.
        context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        for script in self.init_scripts:
            context.add_init_script(script)
        try:
            learner = MoodleLearner(context, self.wwwroot, student)
            learner.login()
            yield learner
        finally:
            context.close()


def stored_interactions(elements: dict[str, str], scorm12: bool) -> dict[int, dict[str, str]]:
    """{index: {field: value}} of the stored interaction elements (1.2 `cmi.interactions_N.f`,
    2004 `cmi.interactions.N.f`)."""
    pattern = re.compile(
        r"^cmi\.interactions_(\d+)\.(.+)$" if scorm12 else r"^cmi\.interactions\.(\d+)\.(.+)$"
    )
    out: dict[int, dict[str, str]] = {}
    for name, value in elements.items():
        match = pattern.match(name)
        if match:
            out.setdefault(int(match.group(1)), {})[match.group(2)] = value
    return dict(sorted(out.items()))


def as_dict(calls: list[ApiCall]) -> list[dict[str, Any]]:
    return [c.__dict__ for c in calls]
