"""The headers of MP4 and WebM files: length, tracks, the picture's codec; never a guess."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicourse_build.source.video_probe import UNKNOWN, VideoFacts, probe_video

VIDEOS = Path(__file__).resolve().parents[2] / "fixtures" / "video"


def _facts(name: str) -> VideoFacts:
    data = (VIDEOS / name).read_bytes()
    return probe_video(data, "MP4" if name.endswith(".mp4") else "WebM")


@pytest.mark.parametrize(
    ("name", "duration", "tracks", "codec"),
    [
        ("sound.webm", 2.008, ("video", "audio"), "V_VP9"),
        ("silent.webm", 2.0, ("video",), "V_VP9"),
        ("live.webm", None, ("video", "audio"), "V_VP9"),
        ("sound.mp4", 2.0, ("video", "audio"), "avc1"),
        ("silent.mp4", 2.0, ("video",), "avc1"),
        ("short.mp4", 0.4, ("video",), "avc1"),
        ("fragmented.mp4", None, ("video", "audio"), "avc1"),
    ],
)
def test_what_an_encoders_files_say(
    name: str, duration: float | None, tracks: tuple[str, ...], codec: str
) -> None:
    facts = _facts(name)
    assert facts.duration == (None if duration is None else pytest.approx(duration))
    assert facts.tracks == tracks
    assert facts.video_codec == codec
    assert facts.has_audio is ("audio" in tracks)
    assert facts.is_h264 is name.endswith(".mp4")


@pytest.mark.parametrize("name", ["sound.webm", "sound.mp4", "live.webm", "fragmented.mp4"])
def test_a_file_cut_short_never_seems_to_lack_its_sound(name: str) -> None:
    """Every prefix either still shows the sound track or says the tracks are unknown."""
    data = (VIDEOS / name).read_bytes()
    kind = "MP4" if name.endswith(".mp4") else "WebM"
    for size in range(len(data)):
        facts = probe_video(data[:size], kind)
        assert facts.has_audio in (True, None), size


def test_a_file_that_only_starts_like_one_tells_nothing() -> None:
    # the stand-ins of the diagnostics corpus: an ftyp box and nothing after it
    assert probe_video(
        bytes.fromhex("00000018667479706973736f6d0000020069736f6d69736f32"), "MP4"
    ) == (UNKNOWN)
    assert probe_video(b"\x1a\x45\xdf\xa3\x80", "WebM") == UNKNOWN
    assert probe_video(b"GIF89a", "GIF") == UNKNOWN


def _box(kind: bytes, *children: bytes) -> bytes:
    body = b"".join(children)
    return struct.pack(">I4s", 8 + len(body), kind) + body


def _large_box(kind: bytes, body: bytes) -> bytes:
    """A box with a 64-bit size after its type."""
    return struct.pack(">I4sQ", 1, kind, 16 + len(body)) + body


def _track(handler: bytes, codec: bytes) -> bytes:
    hdlr = _box(b"hdlr", bytes(8) + handler + bytes(12) + b"\0")
    stsd = _box(b"stsd", bytes(4) + struct.pack(">I", 1) + _box(codec, bytes(8)))
    return _box(b"trak", _box(b"mdia", hdlr, _box(b"minf", _box(b"stbl", stsd))))


def test_mp4_boxes_written_by_hand() -> None:
    # mvhd version 1: 64-bit times, a timescale of 600 and 45 s; the moov after a large mdat
    mvhd = _box(b"mvhd", b"\x01" + bytes(3) + bytes(16) + struct.pack(">IQ", 600, 27000))
    moov = _box(b"moov", mvhd, _track(b"vide", b"hvc1"), _track(b"subt", b"tx3g"))
    data = _box(b"ftyp", b"isom") + _large_box(b"mdat", bytes(100)) + moov
    facts = probe_video(data, "MP4")
    assert facts == VideoFacts(45.0, ("video", "other"), "hvc1")
    assert facts.has_audio is False and facts.is_h264 is False


def test_an_mp4_track_without_its_handler_leaves_the_tracks_unknown() -> None:
    broken = _box(b"trak", _box(b"mdia"))
    moov = _box(b"moov", _track(b"vide", b"avc1"), broken)
    facts = probe_video(moov, "MP4")
    assert facts.tracks is None and facts.has_audio is None


def test_a_box_running_to_the_end_of_the_file() -> None:
    moov = _box(b"moov", _track(b"soun", b"mp4a"))
    data = struct.pack(">I4s", 0, b"moov") + moov[8:]  # size 0: to the end
    assert probe_video(data, "MP4").tracks == ("audio",)


def _element(ident: int, body: bytes) -> bytes:
    """An EBML element with an 8-byte size."""
    head = ident.to_bytes((ident.bit_length() + 7) // 8, "big")
    return head + (0x01 << 56 | len(body)).to_bytes(8, "big") + body


def test_webm_elements_written_by_hand() -> None:
    tracks = _element(
        0x1654AE6B,
        _element(0xAE, _element(0x83, b"\x02") + _element(0x86, b"A_OPUS"))
        + _element(0xAE, _element(0x83, b"\x01") + _element(0x86, b"V_AV1")),
    )
    segment = _element(0x18538067, tracks)
    facts = probe_video(_element(0x1A45DFA3, b"") + segment, "WebM")
    assert facts == VideoFacts(None, ("audio", "video"), "V_AV1")


def test_webm_duration_in_its_own_timestamp_scale() -> None:
    scale = _element(0x2AD7B1, (10_000_000).to_bytes(3, "big"))  # a tick is 10 ms
    duration = _element(0x4489, struct.pack(">d", 4500.0))
    segment = _element(0x18538067, _element(0x1549A966, scale + duration))
    assert probe_video(segment, "WebM").duration == pytest.approx(45.0)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["MP4", "WebM"]))
def test_any_bytes_give_facts_and_never_an_exception(data: bytes, kind: str) -> None:
    facts = probe_video(data, kind)
    assert isinstance(facts, VideoFacts)
    if facts.duration is not None:
        assert facts.duration > 0
