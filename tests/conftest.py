"""Shared fixtures: golden files with an update flag, and small projects built in tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Playwright

    from aicourse_build.model.theme import Theme
    from aicourse_build.resolve import ResolvedCourse

REPO = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite expected outputs instead of comparing (review the diff afterwards).",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """Write {relative path: text} under tmp_path and return the folder."""

    def make(files: dict[str, str]) -> Path:
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return tmp_path

    return make


@pytest.fixture(autouse=True)
def _repo_themes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Courses copied to tmp_path still find the repository's themes."""
    monkeypatch.setenv("AICOURSE_THEMES", str(REPO / "themes"))


BASE_COURSE = REPO / "tests" / "diagnostics" / "base"


@pytest.fixture
def small_course(tmp_path: Path) -> Path:
    """A copy of the small valid course the diagnostics corpus builds on."""
    import shutil

    target = tmp_path / "course"
    shutil.copytree(BASE_COURSE, target)
    return target


def _resolve(root: Path, profile: str, lang: str | None = None) -> ResolvedCourse:
    """As `check` resolves it: with the course's files (assets) read."""
    from aicourse_build.diagnostics import Report
    from aicourse_build.pipeline import check_course_dir

    check = check_course_dir(root, Report(), [profile])
    assert check.course is not None
    wanted = lang or check.course.profiles[profile].model.languages[0]
    return next(r for r in check.resolved if r.lang == wanted)


def theme_named(name: str, course_root: Path) -> Theme:
    """A theme as `check` loads it for a course in `course_root`; it must have no problems."""
    from aicourse_build.diagnostics import Span
    from aicourse_build.source.theme_source import load_theme

    theme, problems = load_theme(name, course_root, Span("profiles/test.yaml"))
    assert theme is not None, problems
    assert [p for p in problems if p.is_error] == []
    return theme


@pytest.fixture
def theme_of() -> Callable[[str, Path], Theme]:
    """theme_of(name, course_root): a theme as `check` loads it, without problems."""
    return theme_named


@pytest.fixture
def resolve_course() -> Callable[..., ResolvedCourse]:
    """resolve_course(root, profile, lang=None): a valid course as the profile publishes it."""
    return _resolve


@pytest.fixture
def resolved_intern(small_course: Path) -> ResolvedCourse:
    """The small course resolved for its internal profile."""
    return _resolve(small_course, "intern")


@pytest.fixture
def resolved_publik(small_course: Path) -> ResolvedCourse:
    """The small course resolved for its public profile (xAPI and cmi5 formats)."""
    return _resolve(small_course, "publik")


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    """One Playwright driver for the whole session: its sync API refuses a second one while the
    first runs, and the browser tests and the Moodle tests each keep a Chromium open."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver
