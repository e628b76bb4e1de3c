"""A video block names its file in `src`, the same video in several files in `sources`, or an
address in `url`: exactly one of them."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from aicourse_build.model.blocks import VideoBlock


def _video(**fields: object) -> VideoBlock:
    return VideoBlock.model_validate({"type": "video", "id": "film", "duration": "1:00", **fields})


def test_files_are_src_or_each_of_sources_as_written() -> None:
    assert _video(src="media/a.webm").files == ["media/a.webm"]
    assert _video(sources=["media/a.webm", "media/a.mp4"]).files == ["media/a.webm", "media/a.mp4"]
    assert _video(url="https://example.org/film").files == []


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"src": "media/a.mp4", "sources": ["media/a.webm"]},
        {"sources": ["media/a.webm"], "url": "https://example.org/film"},
        {"src": "media/a.mp4", "url": "https://example.org/film"},
    ],
)
def test_exactly_one_of_src_sources_and_url(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError, match=r"exactly one of 'src'.*'sources'.*'url'"):
        _video(**fields)


def test_sources_is_a_list_of_at_least_one_file() -> None:
    with pytest.raises(ValidationError):
        _video(sources=[])
    with pytest.raises(ValidationError):
        _video(sources="media/a.mp4")


def test_silent_is_false_unless_said() -> None:
    assert _video(src="media/a.mp4").silent is False
    assert _video(src="media/a.mp4", silent=True).silent is True
