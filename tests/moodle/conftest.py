"""Fixtures of the real-LMS tests: Moodle 4.5.6 from moodle.sh, Chromium, the built packages.

Moodle comes from the shared folder's lms/moodle (its tarball and moodle.sh). Without the tarball,
or when `moodle.sh setup` fails (no apt, no network for Debian's packages), the tests are skipped
with the reason on a developer's machine and fail under CI=true, where the tarball is provided and
a skip would hide that the real-LMS tests never ran.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

# pytest runs with --import-mode=importlib: this folder's helpers, and the e2e learner (the same
# role/name locators walk the course here) and package builder.
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "e2e"))

import pytest
from learner import Course
from lms import ANNOUNCEMENTS_JS, CHROMIUM, CHROMIUM_ARGS
from moodle_packages import BuiltPackages
from moodle_player import MoodleBrowser
from moodle_site import MOODLE_SH, MoodleError, MoodleSite, tarball
from playwright.sync_api import Playwright


def unavailable(reason: str) -> NoReturn:
    """Skip here, fail in CI: there the LMS is part of the test run, not an optional extra."""
    if os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
        pytest.fail(f"Moodle is not available under CI=true: {reason}", pytrace=False)
    pytest.skip(f"Moodle is not available: {reason}")


@pytest.fixture(scope="session")
def moodle_site() -> MoodleSite:
    """The installed and running Moodle (`moodle.sh setup`: ~2-3 min the first time, ~1 s
    after). Not reset here: `moodle` below gives each test module a fresh site."""
    source = tarball(MOODLE_SH)
    if not MOODLE_SH.is_file():
        unavailable(f"no moodle.sh at {MOODLE_SH} (set MOODLE_SH)")
    if not source.is_file():
        unavailable(f"the Moodle source {source} is missing")
    site = MoodleSite(MOODLE_SH)
    try:
        site.setup()
    except (MoodleError, OSError, subprocess.TimeoutExpired) as exc:
        unavailable(f"`moodle.sh setup` failed: {exc}")
    return site


@pytest.fixture(scope="module")
def moodle(moodle_site: MoodleSite) -> MoodleSite:
    """A fresh site for each test module (`moodle.sh reset`, ~3 s): no activities, no tracks,
    one student; cmids start at 2 again."""
    try:
        moodle_site.reset()
    except MoodleError as exc:
        unavailable(f"`moodle.sh reset` failed: {exc}")
    return moodle_site


@pytest.fixture(scope="session")
def moodle_browser(
    moodle_site: MoodleSite, playwright_driver: Playwright
) -> Iterator[MoodleBrowser]:
    if not CHROMIUM.exists():
        pytest.fail(f"Debian's Chromium is missing ({CHROMIUM}); run `make test-setup`")
    chromium = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    # the live-region recorder lets the e2e learner wait for announced quiz results
    yield MoodleBrowser(chromium, moodle_site.wwwroot, (ANNOUNCEMENTS_JS,))
    chromium.close()


@pytest.fixture(scope="session")
def course() -> Course:
    return Course.load()


@pytest.fixture(scope="session")
def scorm_packages(tmp_path_factory: pytest.TempPathFactory) -> BuiltPackages:
    return BuiltPackages(tmp_path_factory.mktemp("moodle-packages"))
