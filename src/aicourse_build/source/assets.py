"""Reading every file a course refers to, once, before anything is written.

Images, SVG, posters, video, captions and transcripts are read here with the same care as the
manuscript: where each is named, that it is inside the course, of a kind the package can show,
within its size limit, and safe (source/media_types.py). Later stages get `Asset`s, never a path,
so they cannot meet a problem that `check` did not report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from aicourse_build.diagnostics import Diagnostic, Span, display_path, error
from aicourse_build.model.tree import Course
from aicourse_build.source.files import SourceFile
from aicourse_build.source.media_types import MediaType, check_media, media_type
from aicourse_build.source.references import (
    FileRef,
    Role,
    block_files,
    escapes,
    images_in,
    is_external,
    is_inline,
    markdown_images,
    package_path,
)
from aicourse_build.source.video_probe import VideoFacts, probe_video
from aicourse_build.source.yaml_positions import PositionIndex
from aicourse_build.suggest import did_you_mean

# What each kind of reference may name (media_types' roles).
ACCEPTS: dict[Role, str] = {
    "image": "image",
    "markdown-image": "image",
    "poster": "image",
    "video": "video",
    "captions": "captions",
    "transcript": "transcript",
}
NEEDED = {"image": "an image", "video": "a video", "captions": "captions", "transcript": "text"}


@dataclass(frozen=True)
class Asset:
    """A file of the course as the package carries it."""

    path: str  # in the package, forward slashes
    data: bytes = field(repr=False)
    mime: str
    role: str  # image, video, captions or transcript (source/media_types.py)
    text: str | None = field(default=None, repr=False)  # captions and transcripts, decoded
    video: VideoFacts | None = None  # a video's length and tracks, as its headers say


@dataclass
class AssetLoader:
    root: Path
    loaded: dict[str, Asset] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)  # reported once, then quiet
    named: set[str] = field(default_factory=set)  # every package path a reference names
    out: list[Diagnostic] = field(default_factory=list)

    def reference(self, role: Role, ref: str, span: Span) -> Asset | None:
        """The file `ref` names, read and checked once; otherwise a diagnostic at `span`."""
        if role == "markdown-image" and is_inline(ref):
            return None  # a data: image travels inside the text itself
        self.named.add(package_path(ref))  # found or not: check has spoken about it
        if is_external(ref):
            self.out.append(_external(ref, span))
            return None
        if escapes(ref):
            self.out.append(_escaping(ref, span))
            return None
        normal = package_path(ref)
        path = self.root / normal
        if not path.is_file():
            if path.exists():  # a folder, a pipe...
                self.out.append(error("AIC009", f"'{ref}' is not a file", span))
            else:
                self.out.append(self._missing(ref, normal, ACCEPTS[role], span))
            return None
        if not _inside(path, self.root):
            self.out.append(_linked_outside(ref, span))
            return None
        mtype = media_type(normal)
        wanted = ACCEPTS[role]
        if mtype is None or mtype.role != wanted:
            self.out.append(_wrong_kind(ref, mtype, wanted, span))
            return None
        if normal in self.loaded or normal in self.failed:
            return self.loaded.get(normal)
        return self._read(normal, path, mtype, span)

    def _read(self, normal: str, path: Path, mtype: MediaType, span: Span) -> Asset | None:
        display = display_path(path)
        try:
            size = path.stat().st_size
            data = b"" if size > mtype.max_bytes else path.read_bytes()
        except OSError as exc:
            self.failed.add(normal)
            self.out.append(error("AIC009", f"cannot read '{normal}': {exc.strerror}", span))
            return None
        if size > mtype.max_bytes:
            self.failed.add(normal)
            self.out.append(_too_large(normal, size, mtype, span))
            return None
        text, problems = check_media(mtype, data, display)
        self.out.extend(problems)
        if any(p.is_error for p in problems):
            self.failed.add(normal)
            return None
        video = probe_video(data, mtype.format_name) if mtype.role == "video" else None
        asset = Asset(normal, data, mtype.mime, mtype.role, text, video)
        self.loaded[normal] = asset
        if mtype.role == "transcript" and text is not None:
            self._transcript_images(SourceFile.from_text(path, display, text))
        return asset

    def _transcript_images(self, file: SourceFile) -> None:
        """A transcript is shown as Markdown, so its images are the package's too."""
        for src, line in markdown_images(file.text):
            start = Span(file.display, line + 1, 1)
            self.reference("markdown-image", src, file.locate(src, start))

    def _missing(self, ref: str, normal: str, wanted: str, span: Span) -> Diagnostic:
        path = self.root / normal
        parent = path.parent
        # only files that could stand here: a transcript is not a caption file
        siblings = [
            p.name
            for p in (parent.iterdir() if parent.is_dir() else [])
            if (kind := media_type(p.name)) is not None and kind.role == wanted
        ]
        near = did_you_mean(path.name, siblings)
        folder = normal.rsplit("/", 1)[0] if "/" in normal else ""
        hint = near.replace("'", f"'{folder}/", 1) if near and folder else near
        return error("AIC030", f"file '{ref}' does not exist", span, hint)


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def _external(ref: str, span: Span) -> Diagnostic:
    return error(
        "AIC034",
        f"'{ref}' is outside the package: learners' browsers would fetch it from elsewhere",
        span,
        "save the file in the course's media/ folder and refer to it there",
    )


def _escaping(ref: str, span: Span) -> Diagnostic:
    if ref.startswith(("/", "\\")) or ":" in ref.split("/")[0]:
        return error(
            "AIC031",
            f"'{ref}' is not a path inside the course folder",
            span,
            "use a relative path such as media/bild.svg",
        )
    return error(
        "AIC031",
        f"'{ref}' points outside the course folder",
        span,
        "copy the file into the course's media/ folder",
    )


def _linked_outside(ref: str, span: Span) -> Diagnostic:
    return error(
        "AIC031",
        f"'{ref}' is a link to a file outside the course folder",
        span,
        "copy the file into the course instead of linking to it",
    )


def _wrong_kind(ref: str, mtype: MediaType | None, wanted: str, span: Span) -> Diagnostic:
    from aicourse_build.source.media_types import extensions_for

    allowed = ", ".join(f".{e}" for e in extensions_for(wanted))
    if mtype is None:
        message = f"'{ref}' is not a kind of file a course can use here"
    else:
        message = (
            f"'{ref}' is {NEEDED.get(mtype.role, mtype.role)} file; {NEEDED[wanted]} is needed here"
        )
    return error("AIC035", message, span, f"use one of: {allowed}")


_KINDS = {"image": "an image", "video": "a video", "captions": "a caption file"}


def _too_large(normal: str, size: int, mtype: MediaType, span: Span) -> Diagnostic:
    from aicourse_build.source.media_types import size_hint

    kind = "a transcript" if mtype.role == "transcript" else _KINDS[mtype.role]
    if mtype.format_name == "SVG":
        kind = "an SVG image"
    return error(
        "AIC006",
        f"'{normal}' is {_size(size)}; {kind} may be at most {_size(mtype.max_bytes)}",
        span,
        size_hint(mtype),
    )


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{size / 1024:.0f} KB"


def _refs_of(
    loader: AssetLoader, refs: Iterable[FileRef], file: SourceFile, index: PositionIndex
) -> None:
    for ref in refs:
        start = index.value_span(ref.loc) if ref.loc else index.root
        span = start
        if ref.role == "markdown-image":
            span = file.find(ref.ref, start) or file.find(_unquoted(ref.ref), start) or start
        loader.reference(ref.role, ref.ref, span)


def _unquoted(ref: str) -> str:
    from urllib.parse import unquote

    return unquote(ref)


def load_assets(course: Course, root: Path) -> tuple[dict[str, Asset], list[Diagnostic]]:
    """Every file named by any page (in every language) or question bank, read and checked;
    `course.named_files` records every path named, found or not."""
    loader = AssetLoader(root)
    for variants in course.pages.values():
        for page in variants.values():
            for pb in page.blocks:
                data = pb.block.model_dump(by_alias=True)
                refs = [*block_files(pb.block), *images_in(data)]
                _refs_of(loader, refs, pb.file, pb.raw.index)
    for banks in course.banks.values():
        for bank in banks.values():
            data = bank.model.model_dump(by_alias=True)
            _refs_of(loader, images_in(data), bank.source.file, bank.source.index)
    course.named_files = loader.named
    return loader.loaded, loader.out
