"""The <source> elements of a video: every file, MP4 before WebM (render/video.py says why)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from aicourse_build.model.blocks import VideoBlock
from aicourse_build.model.theme import Theme
from aicourse_build.render.site import render_site
from aicourse_build.render.video import VideoSource, video_sources
from aicourse_build.resolve import ResolvedCourse

REPO = Path(__file__).resolve().parents[3]
VIDEOS = REPO / "tests" / "fixtures" / "video"


def _video(**fields: object) -> VideoBlock:
    return VideoBlock.model_validate({"type": "video", "id": "film", "duration": "0:02", **fields})


def test_mp4_is_offered_first_whatever_the_manuscript_order() -> None:
    block = _video(sources=["media/a.webm", "media/b.M4V", "media/c.mp4"])
    assert video_sources(block) == [
        VideoSource("media/b.M4V", "video/mp4"),
        VideoSource("media/c.mp4", "video/mp4"),
        VideoSource("media/a.webm", "video/webm"),
    ]


def test_one_file_in_src_is_one_source() -> None:
    assert video_sources(_video(src="media/a.webm")) == [VideoSource("media/a.webm", "video/webm")]
    assert video_sources(_video(url="https://example.org/film")) == []


def test_the_page_offers_both_files_and_the_package_carries_both(
    small_course: Path,
    theme_of: Callable[[str, Path], Theme],
    resolve_course: Callable[..., ResolvedCourse],
) -> None:
    for name in ("sound.webm", "sound.mp4"):
        shutil.copy(VIDEOS / name, small_course / "media" / f"film{Path(name).suffix}")
    page = small_course / "pages" / "start.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\n```video\nid: film\nsources: [media/film.webm, media/film.mp4]\n"
        + "transcript: En ton.\nduration: 0:02\n```\n",
        encoding="utf-8",
    )
    site = render_site(resolve_course(small_course, "intern"), theme_of("default", REPO), "scorm12")
    assert {"media/film.webm", "media/film.mp4"} <= set(site.files)
    html = site.files["index.html"].decode()
    video = re.search(r"<video .*?</video>", html, re.DOTALL)
    assert video is not None
    assert re.findall(r'<source src="([^"]+)" type="([^"]+)">', video[0]) == [
        ("media/film.mp4", "video/mp4"),
        ("media/film.webm", "video/webm"),
    ]
