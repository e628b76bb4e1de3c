import pytest
from pydantic import ValidationError

from aicourse_build.model.course import Completion, CourseFile

MINIMAL = {
    "id": "kurs",
    "title": "K",
    "description": "D",
    "version": "1.0.0",
    "duration": 10,
    "owner": {"organisation": "O"},
    "modules": [{"id": "m", "title": "M", "pages": ["p"]}],
}


def test_defaults() -> None:
    course = CourseFile.model_validate(MINIMAL)
    assert course.language == "sv" and course.completion == Completion()
    assert course.completion.pages == "all" and course.completion.on_fail == "failed"


def test_primary_language_must_be_listed() -> None:
    with pytest.raises(ValidationError, match="must include the primary language"):
        CourseFile.model_validate({**MINIMAL, "language": "en", "languages": ["sv"]})


@pytest.mark.parametrize("score", [-1, 101])
def test_passing_score_range(score: int) -> None:
    with pytest.raises(ValidationError):
        Completion.model_validate({"passing_score": score})
