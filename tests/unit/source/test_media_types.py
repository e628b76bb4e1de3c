from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicourse_build.diagnostics import Diagnostic
from aicourse_build.source.media_types import (
    MB,
    MEDIA_TYPES,
    MediaType,
    Role,
    check_media,
    detect_format,
    extensions_for,
    format_size,
    limits_table,
    media_type,
)

ROOT = Path(__file__).resolve().parents[3]
MEDIA = sorted(p for p in (ROOT / "content").rglob("media/*") if p.is_file())
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
GIF = b"GIF89a\x01\x00\x01\x00"
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 "
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00"
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm"
MKV = b"\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\x82\x88matroska"
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00"
SVG = b"<svg xmlns='http://www.w3.org/2000/svg'/>"


def found(diagnostics: list[Diagnostic]) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.span.line, d.span.col, d.message) for d in diagnostics]


def kind(extension: str) -> MediaType:
    mtype = media_type(f"media/x.{extension}")
    assert mtype is not None
    return mtype


def test_kinds_are_known_by_extension_in_any_case() -> None:
    png = media_type("media/Bild.PNG")
    assert png is not None
    assert (png.extension, png.mime, png.role, png.is_text, png.max_bytes) == (
        "png",
        "image/png",
        Role.IMAGE,
        False,
        5 * MB,
    )
    assert media_type("a.b/film.WebM") == kind("webm")
    assert media_type("media\\text.sv.vtt") == kind("vtt")
    for unknown in ("media/film.mov", "media/bild", "media/.png", "media/bild.png/", "bmp"):
        assert media_type(unknown) is None


def test_every_extension_is_one_kind_and_the_roles_list_theirs() -> None:
    assert len({m.extension for m in MEDIA_TYPES}) == len(MEDIA_TYPES)
    assert extensions_for("image") == ["svg", "png", "jpg", "jpeg", "gif", "webp"]
    assert extensions_for(Role.VIDEO) == ["mp4", "m4v", "webm"]
    assert extensions_for("captions") == ["vtt"]
    assert extensions_for("transcript") == ["md", "txt"]
    assert extensions_for("poster") == []


def test_limits_table_lists_every_kind() -> None:
    table = limits_table().splitlines()
    assert table[:3] == [
        "| Extension | Format | Used as | Largest file |",
        "|---|---|---|---|",
        "| `.svg` | SVG | image | 1 MB |",
    ]
    assert "| `.mp4` | MP4 | video | 200 MB |" in table
    assert "| `.vtt` | WebVTT | captions | 1 MB |" in table
    assert table[-1] == "| `.txt` | text | transcript | 256 KB |"
    assert len(table) == 2 + len(MEDIA_TYPES)


def test_sizes_are_rounded_up_so_they_never_look_like_the_limit() -> None:
    assert format_size(5 * MB + 1) == "5.1 MB"
    assert format_size(200 * MB) == "200.0 MB"
    assert format_size(256 * 1024 + 1) == "257 KB"
    assert format_size(1) == "1 KB"


IMAGE_HINT = "export it at the size the page shows it, or as JPEG or WebP"
SVG_HINT = "simplify the drawing, or show embedded photos as their own JPEG images"
VIDEO_HINT = "compress it (720p is enough for a course), or host it and use 'url:'"
CAPTIONS_HINT = "is this the right file? captions for an hour of speech are about 100 KB"
TRANSCRIPT_HINT = "is this the right file? an hour-long talk written out is about 60 KB"


@pytest.mark.parametrize(
    ("extension", "message", "hint"),
    [
        ("png", "file is 5.1 MB; PNG images may be at most 5 MB", IMAGE_HINT),
        ("svg", "file is 1.1 MB; SVG images may be at most 1 MB", SVG_HINT),
        ("webm", "file is 200.1 MB; WebM videos may be at most 200 MB", VIDEO_HINT),
        ("vtt", "file is 1.1 MB; WebVTT caption files may be at most 1 MB", CAPTIONS_HINT),
        ("md", "file is 257 KB; Markdown transcripts may be at most 256 KB", TRANSCRIPT_HINT),
    ],
)
def test_each_kind_has_its_size_limit(extension: str, message: str, hint: str) -> None:
    mtype = kind(extension)
    at_limit = b"a" * mtype.max_bytes
    assert [d.code for d in check_media(mtype, at_limit, "x")[1]] != ["AIC006"]
    text, diagnostics = check_media(mtype, at_limit + b"a", "media/x")
    assert text is None
    assert found(diagnostics) == [("AIC006", 1, 1, message)]
    assert diagnostics[0].hint == hint


@pytest.mark.parametrize(
    ("extension", "data"),
    [
        *[("png", PNG), ("jpg", JPEG), ("jpeg", JPEG), ("gif", GIF), ("webp", WEBP)],
        *[("mp4", MP4), ("m4v", MP4), ("webm", WEBM), ("webm", WEBM[:4]), ("svg", SVG)],
    ],
)
def test_content_that_matches_its_name(extension: str, data: bytes) -> None:
    assert check_media(kind(extension), data, "media/x") == (None, [])


@pytest.mark.parametrize(
    ("extension", "data", "found_format", "hint"),
    [
        ("png", JPEG, "JPEG", "rename it to end in .jpg"),
        ("jpg", PNG, "PNG", "rename it to end in .png"),
        ("gif", SVG, "SVG", "rename it to end in .svg"),
        ("mp4", WEBM, "WebM", "rename it to end in .webm"),
        ("svg", PNG, "PNG", "rename it to end in .png"),
        ("vtt", GIF, "GIF", "rename it to end in .gif"),
        ("txt", MP4, "MP4", "rename it to end in .mp4"),
        (
            "webm",
            MKV,
            "Matroska (MKV)",
            "browsers may not show Matroska (MKV); convert it to one of .mp4, .m4v, .webm",
        ),
        (
            "jpg",
            HEIC,
            "HEIC",
            "browsers may not show HEIC; convert it to one of .svg, .png, .jpg, .jpeg, .gif, .webp",
        ),
    ],
)
def test_content_in_another_format_than_its_name_says(
    extension: str, data: bytes, found_format: str, hint: str
) -> None:
    mtype = kind(extension)
    text, diagnostics = check_media(mtype, data, "media/x")
    message = f"file is in {found_format} format, not {mtype.format_name} as its name says"
    assert text is None
    assert found(diagnostics) == [("AIC035", 1, 1, message)]
    assert diagnostics[0].hint == hint


def test_content_in_no_format_known() -> None:
    data = b"RIFF\x24\x00\x00\x00WAVEfmt "
    text, diagnostics = check_media(kind("webp"), data, "media/x")
    assert text is None
    assert found(diagnostics) == [
        ("AIC035", 1, 1, "file is not WebP: it does not start the way WebP files do")
    ]
    assert diagnostics[0].hint == "is the file damaged? open it and save it again as WebP"


def test_an_empty_media_file() -> None:
    for extension in ("png", "svg", "vtt", "md"):
        empty = ("AIC004", 1, 1, "file is empty")
        assert found(check_media(kind(extension), b"", "x")[1]) == [empty]


def test_svg_content_is_checked() -> None:
    data = b"<svg xmlns='http://www.w3.org/2000/svg'>\n  <script/></svg>"
    assert found(check_media(kind("svg"), data, "media/x.svg")[1]) == [
        ("AIC033", 2, 3, "SVG has a <script> element; scripts are not allowed in course images")
    ]


def test_captions_are_decoded_then_checked_as_webvtt() -> None:
    data = "\ufeffWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nHej då\r\n".encode()
    assert check_media(kind("vtt"), data, "c.vtt") == (
        "WEBVTT\n\n00:01.000 --> 00:02.000\nHej då\n",
        [],
    )
    text, diagnostics = check_media(kind("vtt"), b"WEBVTT\n\n00:01.000 --> 00:00.500\nA\n", "c")
    assert text == "WEBVTT\n\n00:01.000 --> 00:00.500\nA\n"
    assert found(diagnostics) == [
        ("AIC032", 3, 15, "the caption ends (00:00.500) before it starts (00:01.000)")
    ]


def test_captions_and_transcripts_that_are_not_utf8_text() -> None:
    latin1 = "WEBVTT\n\n00:01.000 --> 00:02.000\nHej då\n".encode("latin-1")
    assert found(check_media(kind("vtt"), latin1, "c.vtt")[1]) == [
        ("AIC003", 4, 6, "file is not valid UTF-8 (byte 0xE5)")
    ]
    binary = "file looks binary (it contains NUL bytes)"
    assert found(check_media(kind("vtt"), b"WEBVTT\x00\n", "c.vtt")[1]) == [
        ("AIC005", 1, 1, f"{binary}; caption files must be UTF-8 text")
    ]
    assert found(check_media(kind("txt"), b"a\x00b", "t.txt")[1]) == [
        ("AIC005", 1, 1, f"{binary}; transcripts must be UTF-8 text")
    ]
    utf16 = "Hej".encode("utf-16")
    assert found(check_media(kind("md"), utf16, "t.md")[1]) == [
        ("AIC003", 1, 1, "file is UTF-16 text, not UTF-8")
    ]
    assert found(check_media(kind("md"), b" \n\t\n", "t.md")[1]) == [
        ("AIC004", 1, 1, "file is empty")
    ]


def test_a_transcript_is_returned_as_text() -> None:
    data = "**Transkribering:** hej\r\nvärlden\r\n".encode()
    assert check_media(kind("md"), data, "t.md") == ("**Transkribering:** hej\nvärlden\n", [])


def test_formats_are_detected_by_their_first_bytes() -> None:
    assert [detect_format(d) for d in (PNG, JPEG, GIF, WEBP, MP4, WEBM, MKV, HEIC)] == [
        "PNG",
        "JPEG",
        "GIF",
        "WebP",
        "MP4",
        "WebM",
        "Matroska (MKV)",
        "HEIC",
    ]
    assert detect_format(b"\xef\xbb\xbf\n <?xml version='1.0'?><svg/>") == "SVG"
    assert detect_format(b"<html><body/></html>") is None
    assert detect_format(b"") is None


def test_the_shipped_media_exist() -> None:
    assert {p.suffix for p in MEDIA} >= {".svg", ".vtt", ".webm", ".md"}


@pytest.mark.parametrize("path", MEDIA, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_shipped_media_are_clean(path: Path) -> None:
    mtype = media_type(path.name)
    assert mtype is not None
    assert check_media(mtype, path.read_bytes(), str(path))[1] == []


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(MEDIA_TYPES),
    st.one_of(
        st.binary(max_size=200),
        st.lists(
            st.sampled_from([PNG, JPEG, GIF, WEBP, MP4, WEBM, MKV, SVG, b"WEBVTT\n\n", b"\x00"])
            | st.sampled_from([b"\xff", b"\r\n", b"-->", b"00:01.000", b"<script/>", b"\xef\xbb"]),
            max_size=12,
        ).map(b"".join),
    ),
)
def test_never_raises(mtype: MediaType, data: bytes) -> None:
    text, diagnostics = check_media(mtype, data, "media/x")
    assert text is None or mtype.is_text
    assert all(d.span.line >= 1 and d.span.col >= 1 for d in diagnostics)
