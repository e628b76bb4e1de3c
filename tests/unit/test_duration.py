from pathlib import Path

import pytest

from aicourse_build.duration import (
    SECONDS_PER_QUESTION,
    SECONDS_PER_REFLECTION,
    WORDS_PER_MINUTE,
    count_words,
    estimate,
)
from aicourse_build.model.validate import validate_tree
from aicourse_build.resolve import resolve_profile
from aicourse_build.source.project import load_course


def test_count_words_ignores_markup_and_urls() -> None:
    text = "## Rubrik\n\nEn [länk till kursen](https://example.org/a-b) och **fet** text-rad.\n"
    assert count_words(text) == 8


def test_estimate_adds_reading_questions_and_reflection(small_course: Path) -> None:
    page = small_course / "pages" / "start.md"
    page.write_text(
        "---\nid: start\ntitle: Start\n---\n\n"
        + "ord " * 180
        + "\n\n```reflection\nid: r\nprompt: P\n```\n"
    )
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    resolved, _ = resolve_profile(course, course.profiles["intern"])
    seconds = 60 + 2 * 60 / WORDS_PER_MINUTE + SECONDS_PER_REFLECTION + 2 * SECONDS_PER_QUESTION
    # the two page titles ("Start", "Prov") are read too
    assert estimate(resolved).total == pytest.approx(seconds / 60)


def test_author_estimate_overrides(small_course: Path) -> None:
    page = small_course / "pages" / "start.md"
    page.write_text(page.read_text().replace("title: Start", "title: Start\nduration: 7"))
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    resolved, _ = resolve_profile(course, course.profiles["intern"])
    assert estimate(resolved).total == pytest.approx(
        7 + (2 * SECONDS_PER_QUESTION + 60 / WORDS_PER_MINUTE) / 60
    )
