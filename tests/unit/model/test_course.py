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


def test_a_translation_brings_its_texts_and_nothing_else() -> None:
    original = CourseFile.model_validate(
        {
            **MINIMAL,
            "contacts": {"kurs": {"role": "Kontakt", "name": "Teamet", "email": "k@example.org"}},
            "audiences": [{"id": "lakare", "label": "Läkare"}, {"id": "annan", "label": "Annan"}],
            "keywords": ["AI"],
            "modules": [
                {"id": "m", "title": "M", "pages": ["p"]},
                {"id": "n", "title": "N", "pages": ["q"], "only": ["vgr"]},
            ],
        }
    )
    translation = CourseFile.model_validate(
        {
            **MINIMAL,
            "title": "Course",
            "description": "About",
            "version": "9.9.9",
            "duration": 99,
            "owner": {"organisation": "The organisation"},
            "contacts": {"kurs": {"role": "Contact", "name": "The team", "email": "x@example.org"}},
            # matched by id, so another order or a missing entry changes nothing else
            "audiences": [{"id": "annan", "label": "Other"}],
            "keywords": ["AI", "artificial intelligence"],
            "modules": [{"id": "n", "title": "Module N", "pages": ["x"]}],
        }
    )
    merged = original.with_texts_of(translation)
    assert (merged.title, merged.description, merged.owner.organisation) == (
        "Course",
        "About",
        "The organisation",
    )
    assert merged.keywords == ["AI", "artificial intelligence"]
    assert [(a.id, a.label) for a in merged.audiences] == [("lakare", "Läkare"), ("annan", "Other")]
    assert [(m.id, m.title, m.pages, m.only) for m in merged.modules] == [
        ("m", "M", ["p"], []),
        ("n", "Module N", ["q"], ["vgr"]),
    ]
    contact = merged.contacts["kurs"]
    assert (contact.role, contact.name, contact.email) == ("Contact", "The team", "k@example.org")
    assert (merged.version, merged.duration) == ("1.0.0", 10)
