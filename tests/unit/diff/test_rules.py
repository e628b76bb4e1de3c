"""check --previous and build: a changed answer needs a new id or version, changed content a new
course version; each said at the place to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from aicourse_build.build import build_courses
from aicourse_build.diagnostics import Report
from aicourse_build.diff.rules import read_previous, update_rules
from aicourse_build.diff.sources import SourceError
from aicourse_build.pipeline import check_course_dir


def _rules(root: Path, previous: Path, strict: bool = True) -> list[str]:
    check = check_course_dir(root, Report())
    found = update_rules([check], read_previous(previous), strict)
    return [
        f"{Path(d.span.path).relative_to(root.parent)}:{d.span.line}:{d.span.col} "
        f"{d.severity.value} {d.code}"
        for d in found
    ]


@pytest.fixture
def previous(courses, tmp_path: Path) -> Path:
    out = tmp_path / "v1"
    build_courses([courses.base], out)
    return out / "build-report.json"


def test_the_same_manuscript_passes(courses, previous: Path) -> None:
    assert _rules(courses.base, previous) == []


def test_a_changed_answer_is_an_error_at_the_question_of_the_original(
    courses, previous: Path
) -> None:
    def edit(root):
        courses.change_answer(root)
        courses.replace(root / "course.yaml", "version: 1.0.0", "version: 1.1.0")

    assert _rules(courses.copy(edit), previous) == [
        "edited/questions/fragor.en.yaml:12:9 error AIC120"
    ]


def test_a_new_version_of_the_question_fixes_it(courses, previous: Path) -> None:
    def edit(root):
        courses.change_answer(root)
        courses.replace(root / "course.yaml", "version: 1.0.0", "version: 1.1.0")
        for name in ("fragor.sv.yaml", "fragor.en.yaml"):
            courses.replace(
                root / "questions" / name, "  - id: data\n", "  - id: data\n    version: 2\n"
            )

    assert _rules(courses.copy(edit), previous) == []


def test_changed_content_with_the_old_version_is_a_warning(courses, previous: Path) -> None:
    def edit(root):
        courses.replace(root / "pages" / "start.md", "grunderna", "det viktigaste")

    assert _rules(courses.copy(edit), previous) == ["edited/course.yaml:4:10 warning AIC121"]


def test_build_only_warns(courses, previous: Path) -> None:
    found = _rules(courses.copy(courses.change_answer), previous, strict=False)
    assert found == [
        "edited/questions/fragor.en.yaml:12:9 warning AIC120",
        "edited/course.yaml:4:10 warning AIC121",
    ]


def test_an_inline_question(courses, tmp_path: Path) -> None:
    quiz = (
        "```quiz\nid: koll\nquestions:\n  - id: fraga\n    type: truefalse\n"
        "    prompt: Sant?\n    answer: {}\n```\n"
    )
    page = "---\nid: start\ntitle: Start\n---\n\nText.\n\n" + quiz
    v1 = courses.copy(lambda r: (r / "pages" / "start.md").write_text(page.format("true")), "v1")
    build_courses([v1], tmp_path / "out")
    v2 = courses.copy(lambda r: (r / "pages" / "start.md").write_text(page.format("false")), "v2")
    assert _rules(v2, tmp_path / "out" / "build-report.json") == [
        "v2/pages/start.md:11:9 error AIC120",
        "v2/course.yaml:4:10 warning AIC121",
    ]


def test_a_zip_as_the_previous_build(courses, previous: Path) -> None:
    zip_path = previous.parent / "minikurs-1.0.0-intern-scorm12.zip"
    assert len(read_previous(zip_path)) == 1
    with pytest.raises(SourceError):
        read_previous(previous.parent / "missing.json")
