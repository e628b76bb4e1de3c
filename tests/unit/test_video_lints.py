"""AIC150-AIC155: a video's files against each other and against what the manuscript says."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aicourse_build.diagnostics import Diagnostic, Report, Severity
from aicourse_build.pipeline import check_course_dir
from aicourse_build.video_lints import lint_videos

VIDEOS = Path(__file__).resolve().parents[1] / "fixtures" / "video"
STUB_MP4 = bytes.fromhex("00000018667479706973736f6d0000020069736f6d69736f32")


def _findings(root: Path, video: str, duration: str = "0:02", **files: str) -> list[Diagnostic]:
    """The video lints of a page holding `video` (the block's YAML from its line 10 on), with
    `files` copied into media/ (name in the course: fixture name, or 'stub' for an MP4 whose
    headers say nothing)."""
    for name, fixture in files.items():
        target = root / "media" / name
        if fixture == "stub":
            target.write_bytes(STUB_MP4)
        else:
            shutil.copy(VIDEOS / fixture, target)
    page = root / "pages" / "start.md"
    page.write_text(
        "---\nid: start\ntitle: Start\n---\n\nEn film.\n\n```video\nid: film\n"
        f"{video}transcript: En ton.\nduration: '{duration}'\n```\n",
        encoding="utf-8",
    )
    result = check_course_dir(root, Report())
    assert result.course is not None
    return lint_videos(result.course)


def _codes(found: list[Diagnostic]) -> list[tuple[str, str, int]]:
    return [(d.code, d.severity.value, d.span.line) for d in found]


def test_an_mp4_and_a_webm_of_one_video_with_sound_are_fine(small_course: Path) -> None:
    video = "sources: [media/film.webm, media/film.mp4]\n"
    assert (
        _findings(small_course, video, **{"film.webm": "sound.webm", "film.mp4": "sound.mp4"}) == []
    )


def test_sources_of_different_lengths(small_course: Path) -> None:
    video = "sources:\n  - media/film.mp4\n  - media/kort.mp4\n"
    found = _findings(small_course, video, **{"film.mp4": "silent.mp4", "kort.mp4": "short.mp4"})
    lengths = [d for d in found if d.code == "AIC150"]
    assert _codes(lengths) == [("AIC150", "warning", 12)]
    assert lengths[0].message.startswith(
        "'media/kort.mp4' is 0:00.4 long but 'media/film.mp4' 0:02.0"
    )
    # two MP4s: the second is never played where the first plays
    assert ("AIC151", "warning", 12) in _codes(found)


def test_a_file_listed_twice(small_course: Path) -> None:
    video = "sources: [media/film.mp4, media/film.webm, media/film.mp4]\n"
    found = _findings(small_course, video, **{"film.mp4": "sound.mp4", "film.webm": "sound.webm"})
    assert [d.message for d in found] == ["'media/film.mp4' is listed twice in 'sources'"]


def test_webm_alone_is_a_note_for_iphones(small_course: Path) -> None:
    found = _findings(small_course, "src: media/film.webm\n", **{"film.webm": "sound.webm"})
    assert _codes(found) == [("AIC152", "note", 10)]
    assert "older iPhones and iPads" in found[0].message


def test_an_mp4_whose_picture_is_not_h264_is_no_help(small_course: Path) -> None:
    # the MP4 says HEVC ('hvc1' in place of 'avc1', in its brands and its sample entry)
    data = (VIDEOS / "sound.mp4").read_bytes()
    assert b"avc1" in data
    (small_course / "media" / "film.mp4").write_bytes(data.replace(b"avc1", b"hvc1"))
    found = _findings(small_course, "src: media/film.mp4\n")
    assert _codes(found) == [("AIC152", "note", 10)]
    assert "no MP4 with H.264 picture" in found[0].message


def test_a_file_of_no_video_format_gets_no_note(small_course: Path) -> None:
    # check reports the file itself (AIC035); the note would only repeat it wrongly
    (small_course / "media" / "film.mov").write_bytes(STUB_MP4)
    assert _findings(small_course, "src: media/film.mov\n") == []


def test_no_sound_track_is_a_warning_unless_the_video_is_silent(small_course: Path) -> None:
    video = "sources: [media/film.webm, media/film.mp4]\n"
    files = {"film.webm": "silent.webm", "film.mp4": "silent.mp4"}
    found = _findings(small_course, video, **files)
    assert _codes(found) == [("AIC153", "warning", 10), ("AIC153", "warning", 10)]
    assert found[0].message == "'media/film.webm' has no sound track: learners will hear nothing"
    assert _findings(small_course, video + "silent: true\n", **files) == []


def test_silent_on_a_video_with_sound(small_course: Path) -> None:
    found = _findings(
        small_course, "src: media/film.mp4\nsilent: true\n", **{"film.mp4": "sound.mp4"}
    )
    assert _codes(found) == [("AIC154", "warning", 11)]


def test_a_duration_far_from_the_files_length(small_course: Path) -> None:
    files = {"film.mp4": "sound.mp4"}
    assert _findings(small_course, "src: media/film.mp4\n", "0:02", **files) == []
    assert _findings(small_course, "src: media/film.mp4\n", "0:07", **files) == []  # 5 s slack
    found = _findings(small_course, "src: media/film.mp4\n", "1:30", **files)
    assert _codes(found) == [("AIC155", "warning", 12)]
    assert found[0].message == "duration is 1:30 but 'media/film.mp4' is 0:02.0 long"
    assert found[0].hint == 'write duration: "0:02"'


@pytest.mark.parametrize("src", ["src: media/film.mp4\n", "sources: [media/film.mp4]\n"])
def test_headers_that_tell_nothing_give_no_finding(small_course: Path, src: str) -> None:
    assert _findings(small_course, src, **{"film.mp4": "stub"}) == []


def test_the_findings_are_part_of_check(small_course: Path) -> None:
    _findings(small_course, "src: media/film.webm\n", **{"film.webm": "silent.webm"})
    report = Report()
    check_course_dir(small_course, report)
    found = {(d.code, d.severity) for d in report.items if d.code.startswith("AIC15")}
    assert found == {("AIC152", Severity.NOTE), ("AIC153", Severity.WARNING)}
    assert report.has_warnings  # a sound track missing fails --strict, the note alone would not
