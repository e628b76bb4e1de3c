"""AIC071: a policy whose fail, after the last attempt, no target can report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from aicourse_build.completion_lints import lint_completion
from aicourse_build.resolve import ResolvedCourse

QUIZ = "```quiz\nid: slutprov\nbank: fragor\n```"


def variant(course: Path, on_fail: str, attempts: int | None) -> Path:
    meta = course / "course.yaml"
    meta.write_text(meta.read_text().replace("on_fail: failed", f"on_fail: {on_fail}"))
    if attempts is not None:
        page = course / "pages" / "prov.md"
        page.write_text(page.read_text().replace(QUIZ, QUIZ[:-3] + f"attempts: {attempts}\n```"))
    return course


@pytest.mark.parametrize(
    ("on_fail", "attempts", "expected"),
    [
        ("failed", 2, None),  # the fail is reported: the LMS shows it, and a new attempt follows
        ("incomplete", None, None),  # unlimited attempts: the learner can always pass later
        ("incomplete", 0, None),
        (
            "incomplete",
            1,
            "on_fail 'incomplete' with one attempt at 'slutprov': a learner who "
            "fails it stays incomplete for good",
        ),
        (
            "incomplete",
            3,
            "on_fail 'incomplete' with 3 attempts at 'slutprov': a learner who "
            "fails them all stays incomplete for good",
        ),
    ],
)
def test_a_fail_without_a_way_out_is_warned(
    small_course: Path,
    resolve_course: Callable[..., ResolvedCourse],
    on_fail: str,
    attempts: int | None,
    expected: str | None,
) -> None:
    resolved = resolve_course(variant(small_course, on_fail, attempts), "intern")
    found = lint_completion(resolved)
    if expected is None:
        assert found == []
        return
    (diagnostic,) = found
    assert diagnostic.code == "AIC071" and diagnostic.message.startswith(expected)
    assert diagnostic.span.path.endswith("course.yaml") and diagnostic.span.line == 24
