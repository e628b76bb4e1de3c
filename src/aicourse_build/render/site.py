"""Rendering a resolved course into the files of a package (in memory)."""

from __future__ import annotations

import json
import mimetypes
import posixpath
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from markupsafe import Markup

from aicourse_build.model.blocks import GroupBlock, GroupOption, ImageBlock, VideoBlock
from aicourse_build.render.config import build_config
from aicourse_build.render.markdown import render_block, render_inline
from aicourse_build.render.themes import Theme
from aicourse_build.resolve import ResolvedCourse

LANGUAGE_NAMES = {"sv": "Svenska", "en": "English", "fi": "Suomi", "no": "Norsk", "da": "Dansk"}
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")


@dataclass
class Site:
    """Package files by path (forward slashes) and the launch file."""

    files: dict[str, bytes] = field(default_factory=dict)
    launch: str = "index.html"
    runtime_bytes: int = 0

    def add(self, path: str, data: bytes) -> None:
        self.files[path] = data


def _read_package_text(*parts: str) -> str:
    return resources.files("aicourse_build").joinpath(*parts).read_text(encoding="utf-8")


@cache
def _strings_file(*parts: str) -> dict[str, dict[str, str]]:
    try:
        data: dict[str, dict[str, str]] = json.loads(_read_package_text(*parts))
    except FileNotFoundError:
        return {}
    return data


def strings_for(lang: str) -> dict[str, str]:
    """UI strings: the renderer's and the runtime's, Swedish as the fallback."""
    merged: dict[str, str] = {}
    for source in (
        _strings_file("runtime", "strings.json"),
        _strings_file("render", "strings.json"),
    ):
        merged.update(source.get("sv", {}))
        merged.update(source.get(lang, {}))
    return merged


@cache
def _bundle() -> dict[str, Any]:
    bundle: dict[str, Any] = json.loads(_read_package_text("runtime", "bundle.json"))
    return bundle


def runtime_adapters() -> set[str]:
    """The targets the runtime has an adapter for."""
    return set(_bundle()["adapters"])


_COMMENT_LINES = re.compile(r"^[ \t]*(?://[^\n]*|/\*.*?\*/[ \t]*)\n", re.MULTILINE | re.DOTALL)


def _without_comment_lines(source: str) -> str:
    """Drop comments that fill whole lines: they explain the source, learners need not load them.

    Only comments that start a line are removed, so nothing inside a string or a regular
    expression can be mistaken for one.
    """
    return _COMMENT_LINES.sub("", source)


@cache
def runtime_bundle(target: str) -> tuple[bytes, bytes]:
    """runtime.js (core then the target's adapter) and runtime.css, from bundle.json."""
    bundle = _bundle()
    adapter = bundle["adapters"][target]
    adapter_files = [adapter] if isinstance(adapter, str) else list(adapter)
    parts = [_read_package_text("runtime", name) for name in [*bundle["core"], *adapter_files]]
    js = "\n".join(_without_comment_lines(part) for part in parts).encode("utf-8")
    css = _read_package_text("runtime", bundle["css"]).encode("utf-8")
    return js, css


def _media_paths(resolved: ResolvedCourse) -> list[str]:
    """Course files the package must carry: media of blocks and Markdown images."""
    found: set[str] = set()
    for page in resolved.pages:
        for rb in page.blocks:
            block = rb.block
            if isinstance(block, ImageBlock):
                found.add(block.src)
            elif isinstance(block, VideoBlock):
                found.update(p for p in (block.src, block.poster) if p)
                found.update(c.src for c in block.captions)
            body = getattr(block, "body", None)
            if isinstance(body, str):
                found.update(m for m in _MARKDOWN_IMAGE.findall(body) if "://" not in m)
    root = resolved.course.root.resolve()
    kept = []
    for ref in sorted(found):
        normal = posixpath.normpath(ref)
        path = (root / normal).resolve()
        if path.is_file() and path.is_relative_to(root):
            kept.append(normal)
    return kept


def _transcript(resolved: ResolvedCourse, block: VideoBlock) -> str:
    if block.transcript is not None:
        return block.transcript
    assert block.transcript_src is not None
    return (resolved.course.root / block.transcript_src).read_text(encoding="utf-8")


def _group_options(resolved: ResolvedCourse, block: GroupBlock) -> list[GroupOption]:
    if block.options is not None:
        return block.options
    return [GroupOption(id=a.id, label=a.label) for a in resolved.course.meta.audiences]


def _config_json(config: dict[str, Any]) -> Markup:
    text = json.dumps(config, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # inside <script> only "</" could end the element early
    return Markup(text.replace("</", "<\\/"))


def render_site(resolved: ResolvedCourse, theme: Theme, target: str) -> Site:
    strings = strings_for(resolved.lang)
    config = build_config(resolved, target, strings)
    new_tab = strings.get("newTab", "")
    env = theme.environment()
    html = env.get_template("index.html.j2").render(
        lang=resolved.lang,
        course=resolved.course.meta,
        theme=theme,
        modules=resolved.modules,
        pages=resolved.pages,
        contacts=resolved.contacts,
        privacy=resolved.profile.model.privacy,
        s=strings,
        config_json=_config_json(config),
        md=lambda text: render_block(text, new_tab),
        mdi=lambda text: render_inline(text, new_tab),
        media_type=lambda path: mimetypes.guess_type(path)[0] or "application/octet-stream",
        language_name=lambda code: LANGUAGE_NAMES.get(code, code),
        transcript=lambda block: _transcript(resolved, block),
        group_options=lambda block: _group_options(resolved, block),
    )
    site = Site()
    site.add("index.html", html.encode("utf-8"))
    js, css = runtime_bundle(target)
    site.add("runtime.js", js)
    site.add("runtime.css", css)
    site.runtime_bytes = len(js) + len(css)
    for path, data in theme.static_files().items():
        site.add(path, data)
    site.add("theme/theme.css", theme.stylesheet())
    for ref in _media_paths(resolved):
        site.add(ref, (resolved.course.root / ref).read_bytes())
    return site
