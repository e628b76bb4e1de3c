"""What a video file says about itself: its length, its tracks and the codec of its picture.

`check` reads only what a container writes in its headers, never a frame: an MP4's boxes
(ISO/IEC 14496-12: moov, mvhd, trak, mdia, hdlr, stsd) and a WebM's EBML elements (Segment,
Info, Tracks, TrackEntry). That is enough to tell whether the sources of one video are equally
long, whether a file has a sound track at all, and whether an MP4's picture is H.264. Whether the
picture ever moves (a still image saved as video) cannot be told without decoding frames, which
we do not do at build time; docs/manuscript.md says so.

Nothing here trusts the file: every size is checked against what is left of the data, the walk
is iterative with a fixed depth and a bounded number of steps, and a file that does not follow
the format gives `None` for what could not be read. A lint says nothing about what is unknown.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

# More boxes or elements than any video's headers hold; a file needing more is not walked on.
_MAX_STEPS = 100_000


@dataclass(frozen=True)
class VideoFacts:
    """What the headers say; `None` where they say nothing we could read."""

    duration: float | None  # seconds
    tracks: tuple[str, ...] | None  # "video", "audio" or "other", in file order
    video_codec: str | None  # the first picture track's codec: "avc1", "hvc1", "V_VP9"...

    @property
    def has_audio(self) -> bool | None:
        """Whether a sound track is there; `None` when the track list was not read."""
        return None if self.tracks is None else "audio" in self.tracks

    @property
    def is_h264(self) -> bool | None:
        """An MP4 whose picture is H.264 (which every iPhone and iPad plays)."""
        if self.video_codec is None:
            return None
        return self.video_codec in ("avc1", "avc3")


UNKNOWN = VideoFacts(None, None, None)


def probe_video(data: bytes, format_name: str) -> VideoFacts:
    """The facts of a file already known to be MP4 or WebM (media_types.detect_format)."""
    if format_name == "MP4":
        return _Mp4(data).facts()
    if format_name == "WebM":
        return _WebM(data).facts()
    return UNKNOWN


# -- MP4 ----------------------------------------------------------------------------------------
_MP4_HANDLERS = {b"vide": "video", b"soun": "audio"}


class _Mp4:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.steps = 0
        self.damaged = False  # a walk stopped before the end of its parent

    def boxes(self, start: int, end: int) -> list[tuple[bytes, int, int]]:
        """(type, content start, content end) of each box between `start` and `end`."""
        found = []
        position = start
        while position < end:
            self.steps += 1
            if position + 8 > end or self.steps > _MAX_STEPS:
                self.damaged = True
                break
            self.steps += 1
            size, kind = struct.unpack_from(">I4s", self.data, position)
            header = 8
            if size == 1:  # a 64-bit size follows the type
                if position + 16 > end:
                    self.damaged = True
                    break
                size = struct.unpack_from(">Q", self.data, position + 8)[0]
                header = 16
            elif size == 0:  # the box runs to the end of its parent
                size = end - position
            if size < header or position + size > end:
                self.damaged = True  # damaged or cut short: what came before stays valid
                break
            found.append((kind, position + header, position + size))
            position += size
        return found

    def child(self, start: int, end: int, kind: bytes) -> tuple[int, int] | None:
        return next(((s, e) for k, s, e in self.boxes(start, end) if k == kind), None)

    def facts(self) -> VideoFacts:
        moov = self.child(0, len(self.data), b"moov")
        if moov is None:
            return UNKNOWN
        duration = None
        tracks: list[str] = []
        codec = None
        complete = True
        self.damaged = False  # only the walk of moov and what it holds counts from here
        for kind, start, end in self.boxes(*moov):
            if kind == b"mvhd":
                duration = self._duration(start, end)
            elif kind == b"trak":
                track = self._track(start, end)
                if track is None:
                    complete = False
                    continue
                tracks.append(track[0])
                if track[0] == "video" and codec is None:
                    codec = track[1]
        complete = complete and not self.damaged
        return VideoFacts(duration, tuple(tracks) if complete else None, codec)

    def _duration(self, start: int, end: int) -> float | None:
        """mvhd: version 0 has 32-bit times, version 1 64-bit; then the timescale, the length."""
        if start + 4 > end:
            return None
        version = self.data[start]
        layout, offset = (">IQ", start + 20) if version == 1 else (">II", start + 12)
        if offset + struct.calcsize(layout) > end:
            return None
        timescale, length = struct.unpack_from(layout, self.data, offset)
        unknown = length in (0, 0xFFFFFFFF, 0xFFFFFFFFFFFFFFFF)
        return None if timescale == 0 or unknown else length / timescale

    def _track(self, start: int, end: int) -> tuple[str, str | None] | None:
        """(kind, codec) of a trak box, from mdia/hdlr and mdia/minf/stbl/stsd."""
        mdia = self.child(start, end, b"mdia")
        hdlr = self.child(*mdia, b"hdlr") if mdia else None
        if mdia is None or hdlr is None or hdlr[0] + 12 > hdlr[1]:
            return None
        # hdlr: version and flags (4 bytes), pre_defined (4), then the handler type
        handler = self.data[hdlr[0] + 8 : hdlr[0] + 12]
        kind = _MP4_HANDLERS.get(handler, "other")
        codec = None
        minf = self.child(*mdia, b"minf")
        stbl = self.child(*minf, b"stbl") if minf else None
        stsd = self.child(*stbl, b"stsd") if stbl else None
        # stsd: version and flags, an entry count, then entries: size (4 bytes) and format (4)
        if stsd is not None and stsd[0] + 16 <= stsd[1]:
            codec = self.data[stsd[0] + 12 : stsd[0] + 16].decode("latin-1")
        return kind, codec


# -- WebM (Matroska's EBML) -----------------------------------------------------------------------
_SEGMENT = 0x18538067
_INFO = 0x1549A966
_TIMESTAMP_SCALE = 0x2AD7B1
_DURATION = 0x4489
_TRACKS = 0x1654AE6B
_TRACK_ENTRY = 0xAE
_TRACK_TYPE = 0x83
_CODEC_ID = 0x86
_CLUSTER = 0x1F43B675
_EBML_TRACK_TYPES = {1: "video", 2: "audio"}
_DEFAULT_TIMESTAMP_SCALE = 1_000_000  # nanoseconds per tick: ticks are milliseconds


class _WebM:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.steps = 0
        self.damaged = False  # a walk stopped before the end of its parent

    def _vint(self, position: int, keep_marker: bool) -> tuple[int, int] | None:
        """A variable-length integer: (value, its length in bytes). An element id keeps the
        length marker bit, a size does not; a size of all ones means 'unknown' (-1)."""
        if position >= len(self.data):
            return None
        first = self.data[position]
        length = 9 - first.bit_length() if first else 9
        if length > 8 or position + length > len(self.data):
            return None
        value = int.from_bytes(self.data[position : position + length], "big")
        if keep_marker:
            return value, length
        value &= (1 << (7 * length)) - 1
        return (-1 if value == (1 << (7 * length)) - 1 else value), length

    def elements(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """(id, content start, content end) of each element between `start` and `end`; an
        element of unknown size (a live recording's Segment or Cluster) runs to `end`."""
        found = []
        position = start
        while position < end:
            self.steps += 1
            header = self._header(position)
            if header is None or self.steps > _MAX_STEPS:
                self.damaged = True
                break
            ident, content, size = header
            stop = end if size < 0 else content + size
            if stop > end:
                self.damaged = True
                break
            found.append((ident, content, stop))
            position = stop
        return found

    def _header(self, position: int) -> tuple[int, int, int] | None:
        """An element's id, where its content starts, and its size (-1: unknown)."""
        ident = self._vint(position, keep_marker=True)
        if ident is None:
            return None
        size = self._vint(position + ident[1], keep_marker=False)
        if size is None:
            return None
        return ident[0], position + ident[1] + size[1], size[0]

    def facts(self) -> VideoFacts:
        segment = next(
            ((s, e) for i, s, e in self.elements(0, len(self.data)) if i == _SEGMENT), None
        )
        if segment is None:
            return UNKNOWN
        duration = None
        tracks: tuple[str, ...] | None = None
        codec = None
        for ident, start, end in self.elements(*segment):
            if ident == _INFO:
                duration = self._duration(start, end)
            elif ident == _TRACKS:
                self.damaged = False
                found, codec = self._tracks(start, end)
                tracks = None if self.damaged else found
            elif ident == _CLUSTER:
                break  # the headers come before the first cluster of pictures and sound
        return VideoFacts(duration, tracks, codec)

    def _uint(self, start: int, end: int) -> int:
        return int.from_bytes(self.data[start:end], "big")

    def _duration(self, start: int, end: int) -> float | None:
        scale = _DEFAULT_TIMESTAMP_SCALE
        ticks = None
        for ident, s, e in self.elements(start, end):
            if ident == _TIMESTAMP_SCALE and 1 <= e - s <= 8:
                scale = self._uint(s, e) or scale
            elif ident == _DURATION and e - s in (4, 8):
                ticks = struct.unpack(">f" if e - s == 4 else ">d", self.data[s:e])[0]
        # a recording in a browser (MediaRecorder) writes no duration
        if ticks is None or not ticks > 0:
            return None
        return float(ticks) * scale / 1e9

    def _tracks(self, start: int, end: int) -> tuple[tuple[str, ...], str | None]:
        kinds = []
        codec = None
        for ident, s, e in self.elements(start, end):
            if ident != _TRACK_ENTRY:
                continue
            kind, track_codec = "other", None
            for inner, s2, e2 in self.elements(s, e):
                if inner == _TRACK_TYPE and 1 <= e2 - s2 <= 8:
                    kind = _EBML_TRACK_TYPES.get(self._uint(s2, e2), "other")
                elif inner == _CODEC_ID:
                    track_codec = self.data[s2:e2].rstrip(b"\0").decode("ascii", "replace")
            kinds.append(kind)
            if kind == "video" and codec is None:
                codec = track_codec
        return tuple(kinds), codec
