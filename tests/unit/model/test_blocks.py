from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from aicourse_build.model.blocks import Block, QuizBlock, VideoBlock, with_tracking_ids
from aicourse_build.render.strings import strings_for

BLOCK: TypeAdapter[Block] = TypeAdapter(Block)


def test_block_union_dispatches_on_type() -> None:
    quiz = BLOCK.validate_python(
        {
            "type": "quiz",
            "id": "q",
            "questions": [{"id": "a", "type": "truefalse", "prompt": "P", "answer": True}],
        }
    )
    assert isinstance(quiz, QuizBlock)


def test_video_needs_exactly_one_source_and_a_duration() -> None:
    base = {"type": "video", "id": "v", "duration": "1:05"}
    video = BLOCK.validate_python({**base, "url": "https://example.org/v.mp4"})
    assert isinstance(video, VideoBlock) and video.seconds == 65
    with pytest.raises(ValidationError, match="exactly one of"):
        BLOCK.validate_python({**base, "url": "https://e.org/v", "src": "media/v.webm"})
    with pytest.raises(ValidationError):
        BLOCK.validate_python({**base, "src": "v.webm", "duration": "65"})


def test_quiz_needs_one_source_of_questions() -> None:
    with pytest.raises(ValidationError, match="needs 'questions' or a 'bank'"):
        BLOCK.validate_python({"type": "quiz", "id": "q"})
    with pytest.raises(ValidationError, match="not both"):
        BLOCK.validate_python({"type": "quiz", "id": "q", "bank": "b", "questions": []})


def test_choice_ids_refuse_hyphens() -> None:
    with pytest.raises(ValidationError):
        BLOCK.validate_python(
            {
                "type": "quiz",
                "id": "q",
                "questions": [
                    {
                        "id": "a",
                        "type": "single",
                        "prompt": "P",
                        "answer": "x-1",
                        "choices": [{"id": "x-1", "text": "X"}, {"id": "y", "text": "Y"}],
                    }
                ],
            }
        )


# -- a new block type is known everywhere it must be --------------------------------------------
# A block type touches several places that would otherwise fail silently when forgotten (a block
# shown by no template, counted as no time, named by nothing in the review); these tests fail
# instead. The steps are listed in docs/architecture.md ("Adding a block type").
_SAMPLES = {
    "text": {"body": "Text."},
    "image": {"src": "media/a.svg", "alt": "A"},
    "video": {"id": "v", "src": "media/v.mp4", "duration": "1:00"},
    "callout": {"text": "Obs."},
    "quote": {"text": "Citat.", "name": "Namn"},
    "quiz": {
        "id": "q",
        "questions": [{"id": "f", "type": "truefalse", "prompt": "P?", "answer": True}],
    },
    "reflection": {"id": "r", "prompt": "Tänk?"},
    "survey": {"id": "s", "items": [{"id": "i", "text": "Bra?"}]},
    "group": {"id": "g", "prompt": "Yrke?", "options": [{"id": "a", "label": "A"}]},
    "contacts": {"show": ["kurs"]},
    "offline": {"id": "o", "title": "Möte", "text": "Träffas."},
}


def _block_types() -> list[str]:
    import typing

    from aicourse_build.model.blocks import Block

    union = typing.get_args(Block)[0]
    return [typing.get_args(m.model_fields["type"].annotation)[0] for m in typing.get_args(union)]


def test_every_block_type_has_a_fence_a_template_a_review_name_and_time() -> None:
    from pydantic import TypeAdapter

    from aicourse_build.duration import Reader, block_seconds
    from aicourse_build.model.blocks import Block
    from aicourse_build.review.labels import summary
    from aicourse_build.source.markdown_source import BLOCK_TYPES

    templates = Path(__file__).resolve().parents[3] / "themes" / "default" / "templates" / "blocks"
    kinds = _block_types()
    assert set(_SAMPLES) == set(kinds)
    assert set(BLOCK_TYPES) == set(kinds) - {"text"}  # text is what lies between fences
    for kind in kinds:
        block = TypeAdapter(Block).validate_python({"type": kind, **_SAMPLES[kind]})
        assert (templates / f"{kind}.html.j2").is_file(), kind
        assert not summary(block).startswith(kind), kind  # named in Swedish for the review
        reader = Reader(strings_for("sv"), contacts={})
        assert block_seconds(_Resolved(block), reader) > 0, kind  # type: ignore[arg-type]


class _Resolved:
    def __init__(self, block: object) -> None:
        self.block = block


def test_a_question_version_is_part_of_its_tracking_id() -> None:
    quiz = QuizBlock.model_validate(
        {
            "type": "quiz",
            "id": "prov",
            "questions": [
                {"id": "a", "type": "truefalse", "prompt": "A?", "answer": True},
                {"id": "b", "type": "truefalse", "prompt": "B?", "answer": True, "version": 1},
                {"id": "c", "type": "truefalse", "prompt": "C?", "answer": False, "version": 3},
            ],
        }
    )
    assert [q.tracking_id for q in quiz.questions or []] == ["a", "b", "c-v3"]
    tracked = with_tracking_ids(quiz)
    assert [q.id for q in tracked.questions or []] == ["a", "b", "c-v3"]
    # once is enough: the tracked quiz keeps its ids
    assert with_tracking_ids(tracked) is tracked
    unversioned = quiz.model_copy(update={"questions": (quiz.questions or [])[:2]})
    assert with_tracking_ids(unversioned) is unversioned
    with pytest.raises(ValidationError):
        QuizBlock.model_validate(
            {
                "type": "quiz",
                "id": "prov",
                "questions": [
                    {"id": "a", "type": "truefalse", "prompt": "A?", "answer": True, "version": 0}
                ],
            }
        )
