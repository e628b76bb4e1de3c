import pytest
from pydantic import TypeAdapter, ValidationError

from aicourse_build.model.blocks import Block, QuizBlock, VideoBlock

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
