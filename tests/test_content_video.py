"""The default course's manager video: a placeholder in WebM and MP4 (H.264), both marked to
confirm, without sound and saying so (`silent: true`), so that `check --strict` passes while
`build --release` still refuses until a real recording replaces both."""

from __future__ import annotations

from pathlib import Path

from aicourse_build.diagnostics import Report
from aicourse_build.model.blocks import VideoBlock
from aicourse_build.pipeline import check_course_dir
from aicourse_build.render.video import video_sources

COURSE = Path(__file__).resolve().parent.parent / "content" / "introduktionsutbildning"
FILES = ["media/chefens-ord.mp4", "media/chefens-ord.webm"]


def test_the_manager_video_is_offered_as_mp4_then_webm_in_every_language() -> None:
    report = Report()
    result = check_course_dir(COURSE, report)
    assert result.course is not None
    assert not [d for d in report.items if d.code.startswith("AIC15")]
    videos = [
        (page.lang, pb.block)
        for variants in result.course.pages.values()
        for page in variants.values()
        for pb in page.blocks
        if isinstance(pb.block, VideoBlock) and pb.block.id == "chefens-ord"
    ]
    assert sorted(lang for lang, _video in videos) == ["en", "sv"]
    for _lang, video in videos:
        assert [(s.src, s.type) for s in video_sources(video)] == [
            (FILES[0], "video/mp4"),
            (FILES[1], "video/webm"),
        ]
        assert video.silent
    mp4, webm = (result.course.assets[path].video for path in FILES)
    assert mp4 is not None and webm is not None
    assert mp4.is_h264 and webm.video_codec == "V_VP9"
    assert mp4.duration == webm.duration == 60.0  # duration: "1:00"
    assert mp4.has_audio is False and webm.has_audio is False  # a placeholder, hence silent
    marked = {mark.what for mark in result.marks}
    assert set(FILES) <= marked
