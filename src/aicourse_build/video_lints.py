"""Checks of a video's files against each other and against the manuscript (AIC150-AIC155).

They use what `source/video_probe.py` read from the files' headers when `check` loaded them, and
say nothing where the headers did not tell: a lint never guesses. A video given by `url` plays
on another site and is not looked at.

Why WebM alone is only a note: every current desktop browser and Android play it, and a course
may know its learners; but older iPhones and iPads play no WebM at all and newer ones not every
WebM file, so a learner there sees a video that never starts. An MP4 with H.264 plays on all of
them; the renderer offers it first (render/video.py says why).
"""

from __future__ import annotations

from collections.abc import Callable

from aicourse_build.diagnostics import Diagnostic, Span, note, warning
from aicourse_build.model.blocks import VideoBlock
from aicourse_build.model.tree import Course, PageBlock
from aicourse_build.source.assets import Asset
from aicourse_build.source.media_types import media_type
from aicourse_build.source.references import package_path
from aicourse_build.source.video_probe import VideoFacts
from aicourse_build.source.yaml_positions import Loc

# Two encodings of one video are as long to within a frame or an audio packet (hundredths of a
# second); a second apart is already another cut.
SAME_VIDEO_SECONDS = 1.0
# `duration:` is written as m:ss and may be rounded; more than this off is another video, or a
# duration copied from an earlier version.
DURATION_SLACK_SECONDS = 5.0
DURATION_SLACK_SHARE = 0.10


def lint_videos(course: Course) -> list[Diagnostic]:
    """Every video block of every page, in every language."""
    out: list[Diagnostic] = []
    for variants in course.pages.values():
        for page in variants.values():
            for pb in page.blocks:
                if isinstance(pb.block, VideoBlock) and pb.block.url is None:
                    out += lint_video(pb, course.assets)
    return out


def lint_video(pb: PageBlock, assets: dict[str, Asset]) -> list[Diagnostic]:
    """The findings about one video block's files (`assets`: the course's files, as read)."""
    block, index = pb.block, pb.raw.index
    assert isinstance(block, VideoBlock)
    key = "src" if block.src is not None else "sources"
    # (as written, where it is written, what its headers say) of each file check could read
    files: list[tuple[str, Span, VideoFacts]] = []
    for i, ref in enumerate(block.files):
        asset = assets.get(package_path(ref))
        span = index.value_span((key,) if key == "src" else (key, i))
        if asset is not None and asset.video is not None:
            files.append((ref, span, asset.video))
    out = _repeated(block, index.value_span)
    out += _unequal_lengths(files)
    out += _stated_duration(block, files, index.value_span(("duration",)))
    out += _sound(block, files, index.value_span(("silent",)))
    out += _for_iphones(block, files, index.value_span((key,)))
    return out


def _repeated(block: VideoBlock, span_of: Callable[[Loc], Span]) -> list[Diagnostic]:
    """AIC151: a file listed twice, or two files of one format: a browser that plays the
    format takes the first and never the other, so the second is only weight in the package."""
    out = []
    seen_files: set[str] = set()
    seen_formats: dict[str, str] = {}
    for i, ref in enumerate(block.sources or []):
        span = span_of(("sources", i))
        normal = package_path(ref)
        mtype = media_type(normal)
        if normal in seen_files:
            out.append(warning("AIC151", f"'{ref}' is listed twice in 'sources'", span))
        elif mtype is not None and mtype.format_name in seen_formats:
            first = seen_formats[mtype.format_name]
            out.append(
                warning(
                    "AIC151",
                    f"'{ref}' is a second {mtype.format_name} source beside '{first}': a browser "
                    f"plays the first {mtype.format_name} it can and never the other",
                    span,
                    "give each format once: one MP4 (H.264) and, if you like, one WebM",
                )
            )
        seen_files.add(normal)
        if mtype is not None:
            seen_formats.setdefault(mtype.format_name, ref)
    return out


def _unequal_lengths(files: list[tuple[str, Span, VideoFacts]]) -> list[Diagnostic]:
    """AIC150: sources of one video that are not equally long are not the same video."""
    timed = [(ref, span, facts.duration) for ref, span, facts in files if facts.duration]
    if len(timed) < 2:
        return []
    first_ref, _span, first = timed[0]
    return [
        warning(
            "AIC150",
            f"'{ref}' is {_clock(seconds)} long but '{first_ref}' {_clock(first)}: the sources "
            "of a video must be the same video, as learners get one or the other",
            span,
            "convert both from the same final cut",
        )
        for ref, span, seconds in timed[1:]
        if abs(seconds - first) > SAME_VIDEO_SECONDS
    ]


def _stated_duration(
    block: VideoBlock, files: list[tuple[str, Span, VideoFacts]], where: Span
) -> list[Diagnostic]:
    """AIC155: `duration:` is shown to learners and counts in the time estimate."""
    timed = [(ref, facts.duration) for ref, _span, facts in files if facts.duration]
    if not timed:
        return []
    ref, seconds = timed[0]
    slack = max(DURATION_SLACK_SECONDS, DURATION_SLACK_SHARE * seconds)
    if abs(seconds - block.seconds) <= slack:
        return []
    return [
        warning(
            "AIC155",
            f"duration is {block.duration} but '{ref}' is {_clock(seconds)} long",
            where,
            f'write duration: "{_rounded(seconds)}"',
        )
    ]


def _sound(
    block: VideoBlock, files: list[tuple[str, Span, VideoFacts]], silent_at: Span
) -> list[Diagnostic]:
    """AIC153: a file with no sound track; AIC154: `silent: true` on a file that has one."""
    out = []
    for ref, span, facts in files:
        if facts.has_audio is False and not block.silent:
            out.append(
                warning(
                    "AIC153",
                    f"'{ref}' has no sound track: learners will hear nothing",
                    span,
                    "export the video again with its sound; if it has no sound on purpose, "
                    "set 'silent: true' on the video",
                )
            )
        elif facts.has_audio and block.silent:
            out.append(
                warning(
                    "AIC154",
                    f"'{ref}' has a sound track, but the video says 'silent: true'",
                    silent_at,
                    "remove 'silent: true', so that check can tell you if a later file has "
                    "lost its sound",
                )
            )
    return out


def _for_iphones(
    block: VideoBlock, files: list[tuple[str, Span, VideoFacts]], where: Span
) -> list[Diagnostic]:
    """AIC152 (a note): no source an iPhone or iPad of any age is sure to play."""
    formats = {ref: kind.format_name for ref in block.files if (kind := media_type(ref))}
    mp4s = [ref for ref, name in formats.items() if name == "MP4"]
    # a file of no video format is an error of its own (AIC035), not a matter for this note
    if len(formats) == len(block.files) and set(formats.values()) == {"WebM"}:
        return [
            note(
                "AIC152",
                f"video '{block.id}' is only WebM: older iPhones and iPads cannot play it",
                where,
                "add the same video as MP4 with H.264 to 'sources' (docs/manuscript.md, Video)",
            )
        ]
    codecs = {ref: facts.is_h264 for ref, _span, facts in files}
    if mp4s and all(codecs.get(ref) is False for ref in mp4s):
        return [
            note(
                "AIC152",
                f"video '{block.id}' has no MP4 with H.264 picture: older iPhones and iPads "
                "cannot play it",
                where,
                "convert it to MP4 with H.264 (docs/manuscript.md, Video)",
            )
        ]
    return []


def _clock(seconds: float) -> str:
    """m:ss.s: precise enough to show how far apart two lengths are."""
    minutes, rest = divmod(round(seconds, 1), 60)
    return f"{int(minutes)}:{rest:04.1f}"


def _rounded(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"
