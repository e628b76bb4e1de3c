"""Every file a course names is read once, checked, and reported at the reference or in itself."""

from pathlib import Path

from aicourse_build.diagnostics import Diagnostic
from aicourse_build.model.validate import validate_tree
from aicourse_build.source.assets import Asset, load_assets
from aicourse_build.source.project import load_course

VIDEO = "```video\nid: {id}\nsrc: media/film.mp4\ntranscript_src: TRANSCRIPT\nduration: 0:30\n```\n"
MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"


def _assets(root: Path) -> tuple[dict[str, Asset], list[Diagnostic]]:
    course, problems = validate_tree(load_course(root))
    assert course is not None and problems == []
    return load_assets(course, root)


def _append(root: Path, text: str) -> None:
    page = root / "pages" / "start.md"
    page.write_text(page.read_text(encoding="utf-8") + text, encoding="utf-8")


def _line_of(root: Path, needle: str) -> int:
    lines = (root / "pages" / "start.md").read_text(encoding="utf-8").split("\n")
    return next(i + 1 for i, line in enumerate(lines) if needle in line)


def test_the_base_course_loads_its_image(small_course: Path) -> None:
    assets, problems = _assets(small_course)
    assert problems == []
    assert set(assets) == {"media/bild.svg"}
    assert assets["media/bild.svg"].mime == "image/svg+xml"
    assert assets["media/bild.svg"].data.startswith(b"<svg")


def test_file_references(small_course: Path, tmp_path: Path) -> None:
    page = small_course / "pages" / "start.md"
    text = page.read_text(encoding="utf-8")
    (tmp_path / "ute.svg").write_text("<svg/>", encoding="utf-8")
    (small_course / "media" / "lank.svg").symlink_to(tmp_path / "ute.svg")
    for ref, code in [
        ("media/bld.svg", "AIC030"),
        ("../ute.svg", "AIC031"),
        ("/etc/passwd", "AIC031"),
        ("media/lank.svg", "AIC031"),
        ("https://example.org/bild.svg", "AIC034"),
        ("pages/start.md", "AIC035"),
    ]:
        page.write_text(text.replace("media/bild.svg", ref), encoding="utf-8")
        _assets_found, found = _assets(small_course)
        assert [d.code for d in found] == [code], ref
        assert found[0].span.path.endswith("pages/start.md"), ref
    page.write_text(text.replace("media/bild.svg", "media/bld.svg"), encoding="utf-8")
    assert _assets(small_course)[1][0].hint == "did you mean 'media/bild.svg'?"


def test_images_in_any_text_are_assets_and_reported_where_written(small_course: Path) -> None:
    (small_course / "media" / "ikon.svg").write_bytes(
        (small_course / "media" / "bild.svg").read_bytes()
    )
    _append(
        small_course,
        "\n```callout\ntext: Se ![ikon](media/ikon.svg) och ![saknas](media/saknas.png).\n```\n",
    )
    assets, problems = _assets(small_course)
    assert "media/ikon.svg" in assets
    [missing] = problems
    assert missing.code == "AIC030" and "media/saknas.png" in missing.message
    line = _line_of(small_course, "saknas.png")
    text = (small_course / "pages" / "start.md").read_text(encoding="utf-8").split("\n")[line - 1]
    assert (missing.span.line, missing.span.col) == (line, text.index("media/saknas.png") + 1)


def test_an_image_from_elsewhere_would_be_fetched_by_every_learner(small_course: Path) -> None:
    _append(small_course, "\nEn bild: ![logga](https://example.org/logga.png)\n")
    [problem] = _assets(small_course)[1]
    assert problem.code == "AIC034"
    assert problem.span.line == _line_of(small_course, "example.org/logga.png")


def test_inline_images_need_no_file(small_course: Path) -> None:
    pixel = "data:image/png;base64,iVBORw0KGgo="
    _append(small_course, f"\n![punkt]({pixel})\n")
    assert _assets(small_course)[1] == []


def test_a_transcript_is_read_as_text_once_and_its_images_are_assets(small_course: Path) -> None:
    media = small_course / "media"
    (media / "film.mp4").write_bytes(MP4)
    (media / "film.md").write_text("Talaren visar ![graf](media/bild.svg).\n", encoding="utf-8")
    video = VIDEO.replace("TRANSCRIPT", "media/film.md")
    _append(small_course, "\n" + video.format(id="film") + "\n" + video.format(id="film-igen"))
    assets, problems = _assets(small_course)
    assert problems == []
    assert assets["media/film.md"].text == "Talaren visar ![graf](media/bild.svg).\n"
    assert assets["media/film.mp4"].role == "video"
    assert {"media/bild.svg", "media/film.md", "media/film.mp4"} <= set(assets)


def test_a_broken_transcript_is_reported_in_itself_once(small_course: Path) -> None:
    media = small_course / "media"
    (media / "film.mp4").write_bytes(MP4)
    (media / "film.txt").write_bytes(b"Hej och v\xe4lkommen\n")  # Latin-1
    video = VIDEO.replace("TRANSCRIPT", "media/film.txt")
    _append(small_course, "\n" + video.format(id="a") + "\n" + video.format(id="b"))
    assets, problems = _assets(small_course)
    [problem] = problems
    assert problem.code == "AIC003"
    assert problem.span.path.endswith("media/film.txt")
    assert (problem.span.line, problem.span.col) == (1, 10)
    assert "media/film.txt" not in assets


def test_a_huge_transcript_is_refused_without_reading_it(small_course: Path) -> None:
    media = small_course / "media"
    (media / "film.mp4").write_bytes(MP4)
    with (media / "film.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    _append(
        small_course,
        "\n" + VIDEO.replace("TRANSCRIPT", "media/film.txt").format(id="film"),
    )
    [problem] = _assets(small_course)[1]
    assert problem.code == "AIC006"
    assert "50.0 MB" in problem.message and "256 KB" in problem.message
    assert problem.span.line == _line_of(small_course, "transcript_src")


def test_captions_of_every_language_are_checked(small_course: Path) -> None:
    media = small_course / "media"
    (media / "film.mp4").write_bytes(MP4)
    (media / "film.sv.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nHej\n")
    (media / "film.en.vtt").write_text("1\n00:00:00,000 --> 00:00:02,000\nHello\n")
    _append(
        small_course,
        "\n```video\nid: film\nsrc: media/film.mp4\nduration: 0:30\ncaptions:\n"
        "  - {src: media/film.sv.vtt, lang: sv}\n  - {src: media/film.en.vtt, lang: en}\n```\n",
    )
    [problem] = _assets(small_course)[1]
    assert problem.code == "AIC032" and problem.span.path.endswith("media/film.en.vtt")


def test_a_file_of_the_wrong_kind_for_its_place(small_course: Path) -> None:
    media = small_course / "media"
    (media / "film.mp4").write_bytes(MP4)
    _append(small_course, "\n```video\nid: film\nsrc: media/bild.svg\nduration: 0:30\n```\n")
    [problem] = _assets(small_course)[1]
    assert problem.code == "AIC035"
    assert problem.message == "'media/bild.svg' is an image file; a video is needed here"
