"""The kinds of file a course may reference, and checking that a file is what its name says.

A learner's browser is the only judge of a media file, and it fails silently: a JPEG named .png, a
90 MB screenshot or a transcript that is really a log file only shows up when a learner is stuck.
Each kind is known by its extension, has a size limit, and is checked by its content.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from aicourse_build.diagnostics import Diagnostic, Span, error
from aicourse_build.source.files import decode_text
from aicourse_build.source.svg import check_svg
from aicourse_build.source.webvtt import check_webvtt

KB = 1024
MB = 1024 * KB

# A photo exported at the size a page shows it (about 2000 pixels wide) is well under 1 MB; 5 MB
# leaves room for a detailed screenshot, while every larger image slows the page for everyone.
IMAGE_LIMIT = 5 * MB
# Diagrams are tens of KB; an SVG of megabytes holds traced or embedded photos, and it is parsed
# as a whole, by us and by the learner's browser.
SVG_LIMIT = 1 * MB
# Ten minutes of 720p video is about 100 MB; many LMSs refuse uploads of a few hundred MB, and
# the whole package is uploaded at once.
VIDEO_LIMIT = 200 * MB
# Captions for an hour of speech are about 100 KB of text; 1 MB is ten hours.
CAPTIONS_LIMIT = 1 * MB
# An hour-long talk written out is about 60 KB; a transcript is read on one page, so anything
# much larger is the wrong file.
TRANSCRIPT_LIMIT = 256 * KB


class Role(StrEnum):
    IMAGE = "image"
    VIDEO = "video"
    CAPTIONS = "captions"
    TRANSCRIPT = "transcript"


@dataclass(frozen=True)
class MediaType:
    extension: str  # lower case, without the dot
    mime: str
    role: Role
    is_text: bool
    max_bytes: int
    format_name: str  # how messages name the format: "PNG"


MEDIA_TYPES: tuple[MediaType, ...] = (
    MediaType("svg", "image/svg+xml", Role.IMAGE, True, SVG_LIMIT, "SVG"),
    MediaType("png", "image/png", Role.IMAGE, False, IMAGE_LIMIT, "PNG"),
    MediaType("jpg", "image/jpeg", Role.IMAGE, False, IMAGE_LIMIT, "JPEG"),
    MediaType("jpeg", "image/jpeg", Role.IMAGE, False, IMAGE_LIMIT, "JPEG"),
    MediaType("gif", "image/gif", Role.IMAGE, False, IMAGE_LIMIT, "GIF"),
    MediaType("webp", "image/webp", Role.IMAGE, False, IMAGE_LIMIT, "WebP"),
    MediaType("mp4", "video/mp4", Role.VIDEO, False, VIDEO_LIMIT, "MP4"),
    MediaType("m4v", "video/mp4", Role.VIDEO, False, VIDEO_LIMIT, "MP4"),
    MediaType("webm", "video/webm", Role.VIDEO, False, VIDEO_LIMIT, "WebM"),
    MediaType("vtt", "text/vtt", Role.CAPTIONS, True, CAPTIONS_LIMIT, "WebVTT"),
    MediaType("md", "text/markdown", Role.TRANSCRIPT, True, TRANSCRIPT_LIMIT, "Markdown"),
    MediaType("txt", "text/plain", Role.TRANSCRIPT, True, TRANSCRIPT_LIMIT, "text"),
)
_BY_EXTENSION = {mtype.extension: mtype for mtype in MEDIA_TYPES}
# the usual extension of each format we take, for "rename it to ..." hints
_RENAME_TO = {
    "PNG": "png",
    "JPEG": "jpg",
    "GIF": "gif",
    "WebP": "webp",
    "MP4": "mp4",
    "WebM": "webm",
    "SVG": "svg",
}
_PLURAL = {
    Role.IMAGE: "images",
    Role.VIDEO: "videos",
    Role.CAPTIONS: "caption files",
    Role.TRANSCRIPT: "transcripts",
}
_SVG_SIZE_HINT = "simplify the drawing, or show embedded photos as their own JPEG images"
_SIZE_HINTS = {
    Role.IMAGE: "export it at the size the page shows it, or as JPEG or WebP",
    Role.VIDEO: "compress it (720p is enough for a course), or host it and use 'url:'",
    Role.CAPTIONS: "is this the right file? captions for an hour of speech are about 100 KB",
    Role.TRANSCRIPT: "is this the right file? an hour-long talk written out is about 60 KB",
}


def media_type(ref: str) -> MediaType | None:
    """The kind of file a reference names, by its extension in any case."""
    name = ref.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, extension = name.rpartition(".")
    return _BY_EXTENSION.get(extension.lower()) if stem and dot else None


def extensions_for(role: str) -> list[str]:
    """The extensions (without the dot) of the kinds a role takes, for hints."""
    return [mtype.extension for mtype in MEDIA_TYPES if mtype.role == role]


def detect_format(data: bytes) -> str | None:
    """The format the content is in, by its first bytes ("PNG", "JPEG", ...), if one we know."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WebP"
    if data[4:8] == b"ftyp":
        # the same box starts HEIF photos from phones and AVIF images, which are not videos
        brand = data[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
            return "HEIC"
        return "AVIF" if brand in (b"avif", b"avis") else "MP4"
    if data.startswith(b"\x1a\x45\xdf\xa3"):
        # WebM is Matroska with the document type "webm"; browsers play only that one
        return "Matroska (MKV)" if b"matroska" in data[:64] else "WebM"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") and b"<svg" in head:
        return "SVG"
    return None


def format_size(size: int) -> str:
    """Rounded up, so a file just over a limit never reads as equal to it."""
    if size >= MB:
        return f"{math.ceil(size * 10 / MB) / 10:.1f} MB"
    return f"{math.ceil(size / KB)} KB"


def _limit_text(limit: int) -> str:
    return f"{limit // MB} MB" if limit % MB == 0 else f"{limit // KB} KB"


def size_hint(mtype: MediaType) -> str:
    """What to do about a file of this kind that is too large."""
    return _SVG_SIZE_HINT if mtype.format_name == "SVG" else _SIZE_HINTS[mtype.role]


def check_media(mtype: MediaType, data: bytes, display: str) -> tuple[str | None, list[Diagnostic]]:
    """Check a referenced file's size and content; the text of captions and transcripts.

    The text is returned (BOM removed, '\\n' line ends) whenever it could be decoded.
    """
    where = Span(display, 1, 1)
    if len(data) > mtype.max_bytes:
        kinds = f"{mtype.format_name} {_PLURAL[mtype.role]}"
        limit = _limit_text(mtype.max_bytes)
        message = f"file is {format_size(len(data))}; {kinds} may be at most {limit}"
        return None, [error("AIC006", message, where, size_hint(mtype))]
    if not data:
        return None, [error("AIC004", "file is empty", where)]
    found = detect_format(data)
    binary_found = found is not None and found != "SVG"
    if (mtype.is_text and binary_found) or (not mtype.is_text and found != mtype.format_name):
        return None, [_wrong_content(mtype, found, where)]
    if mtype.format_name == "SVG":
        return None, check_svg(data, display)
    if not mtype.is_text:
        return None, []
    text, problems = decode_text(data, display, _PLURAL[mtype.role])
    if text is not None and mtype.role is Role.CAPTIONS:
        problems = check_webvtt(text, display)
    return text, problems


def _wrong_content(mtype: MediaType, found: str | None, where: Span) -> Diagnostic:
    expected = mtype.format_name
    if found is None:
        message = f"file is not {expected}: it does not start the way {expected} files do"
        hint = f"is the file damaged? open it and save it again as {expected}"
    else:
        message = f"file is in {found} format, not {expected} as its name says"
        if found in _RENAME_TO:
            hint = f"rename it to end in .{_RENAME_TO[found]}"
        else:
            known = ", ".join(f".{extension}" for extension in extensions_for(mtype.role))
            hint = f"browsers may not show {found}; convert it to one of {known}"
    return error("AIC035", message, where, hint)


def limits_table() -> str:
    """The kinds and their size limits as a Markdown table (docs/manuscript.md lists it)."""
    rows = ["| Extension | Format | Used as | Largest file |", "|---|---|---|---|"]
    for mtype in MEDIA_TYPES:
        rows.append(
            f"| `.{mtype.extension}` | {mtype.format_name} | {mtype.role.value} "
            f"| {_limit_text(mtype.max_bytes)} |"
        )
    return "\n".join(rows)
