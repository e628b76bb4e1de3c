"""The `<source>` elements of a video: which file a learner's browser is offered first.

A browser walks a video's `<source>` elements in order and takes the first whose `type` it says
it can play (the HTML media resource selection); only a file that then fails to load sends it on
to the next. So the order decides, not the browser's preference:

- MP4 with H.264 plays in every browser in use: Safari on every iPhone and iPad, Chrome, Edge
  and Firefox on desktops and Android.
- WebM is refused by older iPhones and iPads, and newer ones accept the type yet play only some
  WebM files (VP9 with Opus, and on older devices without a hardware decoder, slowly and at a
  cost in battery); one that loads and then plays badly is never left for the next source.

WebM first would be safe only if every iOS version skipped it; they do not, so MP4 comes first
and WebM serves the browsers built without H.264 (some Linux builds of Chromium and Firefox).
Among files of one format the manuscript's order stands.
"""

from __future__ import annotations

from dataclasses import dataclass

from aicourse_build.model.blocks import VideoBlock
from aicourse_build.source.media_types import media_type

# lower plays first; formats not named here come last
_ORDER = {"MP4": 0, "WebM": 1}


@dataclass(frozen=True)
class VideoSource:
    src: str  # as the manuscript wrote it: the package keeps the course's paths
    type: str  # the MIME type browsers decide by


def video_sources(block: VideoBlock) -> list[VideoSource]:
    """The block's files in the order browsers are offered them."""
    sources = []
    for src in block.files:
        mtype = media_type(src)  # check lets only MP4 and WebM through
        rank = _ORDER.get(mtype.format_name, len(_ORDER)) if mtype else len(_ORDER)
        mime = mtype.mime if mtype else "application/octet-stream"
        sources.append((rank, VideoSource(src, mime)))
    # sorted() is stable: files of one format keep the manuscript's order
    return [source for _rank, source in sorted(sources, key=lambda pair: pair[0])]
