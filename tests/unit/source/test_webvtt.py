from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicourse_build.diagnostics import Diagnostic
from aicourse_build.source.webvtt import check_webvtt

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = sorted([*(ROOT / "content").rglob("*.vtt"), *(ROOT / "themes").rglob("*.vtt")])


VTT_TOKENS = ["WEBVTT", "webvtt", "\n", "\n\n", " ", "\t", "-->", "00:00.000", "01:02:03.004"]
VTT_TOKENS += ["x", ":", "."]


def found(diagnostics: list[Diagnostic]) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.span.line, d.span.col, d.message) for d in diagnostics]


def problems(text: str) -> list[tuple[int, int, str]]:
    diagnostics = check_webvtt(text, "captions.vtt")
    assert {d.code for d in diagnostics} <= {"AIC032"}
    return [(line, col, message) for _code, line, col, message in found(diagnostics)]


def test_the_shipped_captions_exist() -> None:
    assert SHIPPED


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_shipped_captions_are_clean(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    assert check_webvtt(text, str(path)) == []


def test_a_complete_file_with_every_kind_of_block() -> None:
    text = (
        "WEBVTT - Chefens ord\n"
        "Kind: captions\n"
        "\n"
        "NOTE written by the course team\n"
        "\n"
        "STYLE\n"
        "::cue { color: yellow }\n"
        "\n"
        "REGION\n"
        "id:bottom width:40%\n"
        "\n"
        "intro\n"
        "00:00.500 --> 00:04.000 align:start line:90% position:10%\n"
        "Vi som arbetar i vården\n"
        "vet att behoven växer.\n"
        "\n"
        "01:00:00.000\t-->\t01:00:04.000 region:bottom vertical:rl size:50%\n"
        "Sista raden.\n"
        "\n"
        "NOTE\n"
        "a note after the cues\n"
    )
    assert problems(text) == []


def test_the_header_may_be_followed_by_a_tab_and_text() -> None:
    assert problems("WEBVTT\tsv\n\n00:01.000 --> 00:02.000\nHej\n") == []


def test_subrip_is_recognised_and_reported_once() -> None:
    text = "1\n00:00:01,000 --> 00:00:04,000\nHej\n\n2\n00:00:05,000 --> 00:00:06,000\nDå\n"
    diagnostics = check_webvtt(text, "captions.vtt")
    assert found(diagnostics) == [
        ("AIC032", 1, 1, "captions are in SubRip (SRT) format, not WebVTT")
    ]
    assert diagnostics[0].hint == (
        "convert them: 'ffmpeg -i captions.srt captions.vtt', or by hand put the line 'WEBVTT' "
        "and a blank line first and write times with a full stop (00:00:01.000)"
    )


def test_a_file_without_the_header_is_not_read_further() -> None:
    assert problems("Kind: captions\n\n00:01.000 --> 00:02.000\nHej\n") == [
        (1, 1, "captions do not start with the line 'WEBVTT'")
    ]
    assert problems("\nWEBVTT\n\n00:01.000 --> 00:02.000\nHej\n") == [
        (1, 1, "captions do not start with the line 'WEBVTT'")
    ]


def test_a_misspelt_header_is_reported_and_the_rest_still_checked() -> None:
    assert problems("webvtt\n\n00:01,000 --> 00:02.000\nHej\n") == [
        (1, 1, "the first line must be 'WEBVTT' in capitals"),
        (3, 1, "time '00:01,000' has a comma; WebVTT writes '00:01.000'"),
    ]
    assert problems("WEBVTT-sv\n\n00:01.000 --> 00:02.000\nHej\n") == [
        (1, 7, "'WEBVTT' must be followed by a space or the end of the line")
    ]


def test_the_first_cue_needs_a_blank_line_after_the_header() -> None:
    assert problems("WEBVTT\nKind: captions\n00:01.000 --> 00:02.000\nHej\n") == [
        (3, 1, "a blank line is needed before the first caption")
    ]


THREE_DIGITS = "needs exactly three digits after the full stop"
TWO_DIGITS = "needs two digits for minutes and seconds (and for hours)"
NOT_A_TIME = "is not a time; write mm:ss.ttt or hh:mm:ss.ttt"


@pytest.mark.parametrize(
    ("timing", "col", "message"),
    [
        ("00:01,500 --> 00:02.000", 1, "time '00:01,500' has a comma; WebVTT writes '00:01.500'"),
        ("00:01.5 --> 00:02.000", 1, f"time '00:01.5' {THREE_DIGITS}"),
        ("00:01 --> 00:02.000", 1, f"time '00:01' {THREE_DIGITS}"),
        ("00:01.000 --> 0:02.000", 15, f"time '0:02.000' {TWO_DIGITS}"),
        ("1:00:01.000 --> 01:00:02.000", 1, f"time '1:00:01.000' {TWO_DIGITS}"),
        ("00:60.000 --> 01:02.000", 1, "time '00:60.000' has 60 seconds; seconds must be below 60"),
        (
            "01:60:00.000 --> 02:00:00.000",
            1,
            "time '01:60:00.000' has 60 minutes; minutes must be below 60",
        ),
        ("  soon --> 00:02.000", 3, f"'soon' {NOT_A_TIME}"),
        ("00:01.000 ---> 00:02.000", 1, f"'00:01.000 -' {NOT_A_TIME}"),
    ],
)
def test_bad_times_are_reported_at_the_time(timing: str, col: int, message: str) -> None:
    assert problems(f"WEBVTT\n\n{timing}\nHej\n") == [(3, col, message)]


def test_a_caption_must_end_after_it_starts() -> None:
    text = "WEBVTT\n\n00:05.000 --> 00:04.000\nA\n\n00:06.000 --> 00:06.000\nB\n"
    assert problems(text) == [
        (3, 15, "the caption ends (00:04.000) before it starts (00:05.000)"),
        (6, 15, "the caption ends (00:06.000) when it starts (00:06.000)"),
    ]


def test_captions_must_be_in_order_of_their_start() -> None:
    text = "WEBVTT\n\n00:05.000 --> 00:07.000\nA\n\n 00:04.999 --> 00:08.000\nB\n"
    diagnostics = check_webvtt(text, "captions.vtt")
    assert found(diagnostics) == [
        ("AIC032", 6, 2, "the caption starts (00:04.999) before the caption above it")
    ]
    assert diagnostics[0].hint == "order the captions by their start times"


def test_two_captions_need_a_blank_line_between_them() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nA\n00:02.000 --> 00:03.000\nB\n"
    assert problems(text) == [(5, 1, "a blank line is needed before this caption")]


def test_text_without_a_timing_line() -> None:
    text = "WEBVTT\n\nintro\nHej\n\n00:01.000 --> 00:02.000\nA\n\nLost line\n"
    assert problems(text) == [
        (3, 1, "caption text without a timing line"),
        (9, 1, "caption text without a timing line"),
    ]


def test_a_line_of_spaces_between_captions() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nA\n \t\n00:02.000 --> 00:03.000\nB\n"
    assert problems(text) == [(5, 1, "a line with only spaces or tabs")]


def test_style_and_region_blocks_after_a_caption_are_ignored_by_browsers() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nA\n\nSTYLE\n::cue {}\n\nREGION\nid:r\n"
    assert problems(text) == [
        (6, 1, "a STYLE block after the first caption is ignored by browsers"),
        (9, 1, "a REGION block after the first caption is ignored by browsers"),
    ]


def test_captions_without_cues_show_nothing() -> None:
    message = "captions have no cues, so learners would see no text"
    assert problems("WEBVTT\n") == [(1, 1, message)]
    assert problems("WEBVTT\nKind: captions\n\nNOTE only a note\n") == [(1, 1, message)]
    assert problems("webvtt\n") == [
        (1, 1, "the first line must be 'WEBVTT' in capitals"),
        (1, 1, message),
    ]


def test_unknown_cue_settings() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000 align:start colour:red line:\nA\n"
    assert problems(text) == [
        (3, 37, "'colour:red' is not a cue setting"),
        (3, 48, "'line:' is not a cue setting"),
    ]


def test_a_timing_line_without_start_or_end() -> None:
    assert problems("WEBVTT\n\n--> 00:02.000\nA\n\n00:03.000 -->\nB\n") == [
        (3, 1, "the timing line has no start time before '-->'"),
        (6, 11, "the timing line has no end time after '-->'"),
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=200),
        st.lists(
            st.sampled_from(
                [*VTT_TOKENS, "00:00:01,000", "1", "NOTE", "STYLE", "REGION", "align:start"]
            ),
            max_size=40,
        ).map("".join),
    )
)
def test_never_raises(text: str) -> None:
    for diagnostic in check_webvtt(text, "captions.vtt"):
        assert diagnostic.code == "AIC032"
        assert diagnostic.span.line >= 1 and diagnostic.span.col >= 1
