"""Fixtures of the browser tests: packages built once, one server and one Chromium per session."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

# pytest runs with --import-mode=importlib: make this folder's helper modules importable, and
# tests/lrs's (the LRS and the LMS side of xAPI/cmi5 launches).
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "lrs"))

import pytest
from course_packages import Package, run_build, unpack
from course_window import CourseWindow, course_window
from learner import Course
from lms import (
    AXE,
    CHROMIUM,
    CHROMIUM_ARGS,
    SCORM_AGAIN_DIST,
    LmsSession,
    OpenLms,
    StaticServer,
    open_session,
)
from lms_side import XapiPackages
from lrs_server import RALPH, TestLrs, shared_lrs
from playwright.sync_api import Browser, Playwright

SETUP_HINT = "run `make test` (or `make test-setup`) first: it installs it"


def _require(path: Path, what: str) -> None:
    if not path.exists():
        pytest.fail(f"{what} is missing ({path}); {SETUP_HINT}", pytrace=False)


class PackageCache:
    """Build each (profile, format) once per test session, on first use; remember failures."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.built: dict[tuple[str, str], Package | str] = {}

    def get(self, profile: str, fmt: str) -> Package:
        key = (profile, fmt)
        if key not in self.built:
            try:
                zip_path = run_build(self.root / "zips" / f"{profile}-{fmt}", profile, fmt)
                self.built[key] = unpack(zip_path, self.root / "pkg" / f"{profile}-{fmt}", *key)
            except AssertionError as exc:
                self.built[key] = str(exc)
        found = self.built[key]
        if isinstance(found, str):
            pytest.fail(f"could not build {profile}-{fmt}: {found}", pytrace=False)
        return found


@pytest.fixture(scope="session")
def package_cache(tmp_path_factory: pytest.TempPathFactory) -> PackageCache:
    root = tmp_path_factory.mktemp("e2e")
    (root / "pkg").mkdir()
    return PackageCache(root)


@pytest.fixture(scope="session")
def server(package_cache: PackageCache) -> Iterator[StaticServer]:
    _require(SCORM_AGAIN_DIST / "scorm12.js", "scorm-again (npm)")
    with StaticServer(package_cache.root / "pkg") as srv:
        yield srv


@pytest.fixture(scope="session")
def course() -> Course:
    """The default course as authored (titles, questions, answers) that learners walk through."""
    return Course.load()


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    _require(CHROMIUM, "Debian's Chromium")
    _require(AXE, "axe-core (npm)")
    chromium = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    yield chromium
    chromium.close()


@pytest.fixture
def open_lms(
    browser: Browser, server: StaticServer, package_cache: PackageCache
) -> Iterator[OpenLms]:
    """open_lms(profile, format) -> a fresh browser context with the host page for that package.

    Call it again for a relaunch (a new context: nothing is shared but what the test passes).
    """
    stack = contextlib.ExitStack()

    def opener(profile: str, fmt: str) -> LmsSession:
        package = package_cache.get(profile, fmt)
        return stack.enter_context(open_session(browser, package, server.origin))

    with stack:
        yield opener


# --- xAPI and cmi5: Ralph behind the test LRS, the LMS side in tests/lrs --------------------------


@pytest.fixture(scope="session")
def lrs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestLrs]:
    """Ralph (ralph-malph) behind the test LRS on 127.0.0.1, shared with tests/lrs."""
    _require(RALPH, "ralph-malph (the LRS)")
    with shared_lrs(tmp_path_factory.mktemp("lrs")) as server:
        yield server


@pytest.fixture(scope="session")
def xapi_packages(package_cache: PackageCache) -> XapiPackages:
    """xapi/cmi5 packages, built once per profile and served by `server` under /pkg/."""
    return XapiPackages(package_cache.root)


OpenWindow = Callable[[str, str], CourseWindow]


@pytest.fixture
def open_window(
    browser: Browser,
    server: StaticServer,
    lrs: TestLrs,
    xapi_packages: XapiPackages,
    course: Course,
) -> Iterator[OpenWindow]:
    """open_window(profile, format) -> a fresh browser context for an xAPI/cmi5 launch (call it
    again for another device: nothing is shared but what the LMS and the LRS keep)."""
    stack = contextlib.ExitStack()

    def opener(profile: str, fmt: str) -> CourseWindow:
        try:
            package = xapi_packages.get(profile, fmt)
        except AssertionError as exc:
            pytest.fail(str(exc), pytrace=False)
        return stack.enter_context(course_window(browser, server.origin, lrs, package, course))

    lrs.reset()
    with stack:
        yield opener
    lrs.reset()
