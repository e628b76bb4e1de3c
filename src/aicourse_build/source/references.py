"""Which files a course names, and where: media fields of blocks, Markdown images in any text.

Pure functions over validated models; `source/assets.py` reads what they find. The renderer asks
the same functions which files a package needs, so check and build can never disagree about it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import unquote

from aicourse_build.model.blocks import ImageBlock, VideoBlock
from aicourse_build.source.markdown_source import markdown_parser
from aicourse_build.source.yaml_positions import Loc

Role = Literal["image", "video", "poster", "captions", "transcript", "markdown-image"]

# "http:", "mailto:", "data:"... and protocol-relative "//host/..."
_SCHEME = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
# Inline images markdown-it itself accepts (it refuses every other data: URI): self-contained.
_INLINE_IMAGE = re.compile(r"^data:image/(?:png|jpeg|gif|webp);", re.IGNORECASE)


@dataclass(frozen=True)
class FileRef:
    """A file named in the manuscript: `loc` is the key path of the field that names it (or of
    the text holding a Markdown image), `ref` the name as written."""

    role: Role
    ref: str
    loc: Loc


def block_files(block: Any) -> list[FileRef]:
    """The files a block's own fields name (not the images inside its texts)."""
    if isinstance(block, ImageBlock):
        return [FileRef("image", block.src, ("src",))]
    if not isinstance(block, VideoBlock):
        return []
    found = []
    if block.src is not None:
        found.append(FileRef("video", block.src, ("src",)))
    for i, source in enumerate(block.sources or []):
        found.append(FileRef("video", source, ("sources", i)))
    if block.poster is not None:
        found.append(FileRef("poster", block.poster, ("poster",)))
    for i, captions in enumerate(block.captions):
        found.append(FileRef("captions", captions.src, ("captions", i, "src")))
    if block.transcript_src is not None:
        found.append(FileRef("transcript", block.transcript_src, ("transcript_src",)))
    return found


def strings_of(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string in plain data, with its key path."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings_of(value, (*loc, key))
    elif isinstance(data, list | tuple):
        for i, value in enumerate(data):
            yield from strings_of(value, (*loc, i))


def markdown_images(text: str) -> list[tuple[str, int]]:
    """Images of a Markdown text as (src as markdown-it sees it, 0-based line in the text).

    Any text may be rendered as Markdown by a theme, so every text is looked at; only one
    holding "![" can have an image, which keeps this cheap.
    """
    if "![" not in text:
        return []
    found = []
    for token in markdown_parser().parse(text):
        if token.type != "inline" or not token.children:
            continue
        line = token.map[0] if token.map else 0
        for child in token.children:
            if child.type == "image":
                found.append((str(child.attrs.get("src", "")), line))
    return found


def images_in(data: Any, loc: Loc = ()) -> list[FileRef]:
    """Markdown images in every string of `data` (a block or a question bank as plain data)."""
    return [
        FileRef("markdown-image", src, where)
        for where, text in strings_of(data, loc)
        for src, _line in markdown_images(text)
    ]


def is_external(ref: str) -> bool:
    """A reference the browser would fetch from outside the package."""
    return bool(_SCHEME.match(ref.strip())) and not _INLINE_IMAGE.match(ref.strip())


def is_inline(ref: str) -> bool:
    return bool(_INLINE_IMAGE.match(ref.strip()))


def package_path(ref: str) -> str:
    """Where a relative reference lands in the package (and in the course folder).

    Markdown images arrive percent-encoded by markdown-it; block fields as written.
    """
    return posixpath.normpath(unquote(ref).replace("\\", "/"))


def escapes(ref: str) -> bool:
    """An absolute path, a drive, or a path climbing above the course folder."""
    if ref.startswith(("/", "\\")) or ":" in ref.split("/")[0]:
        return True
    normal = package_path(ref)
    return normal == ".." or normal.startswith("../")
