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
from aicourse_build.package.keys import assign_keys
from aicourse_build.render.config import build_config, storage_key, tracked_ids
from aicourse_build.render.markdown import render_block, render_inline
from aicourse_build.render.strings import strings_for, ui_languages
from aicourse_build.render.themes import Theme
from aicourse_build.resolve import ResolvedCourse

# Names of languages the UI has no strings in (a caption track may still be in one); the UI's
# own languages are named by their strings' `languageName`.
LANGUAGE_NAMES = {"fi": "Suomi", "no": "Norsk", "da": "Dansk"}
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
    return [GroupOption(id=a.id, label=a.label) for a in resolved.meta.audiences]


def profile_strings(resolved: ResolvedCourse, lang: str) -> dict[str, str]:
    """The UI strings in `lang` with the profile's overrides for that language."""
    return strings_for(lang, resolved.profile.model.strings.get(lang))


def language_name(resolved: ResolvedCourse, code: str) -> str:
    """A language's name in that language (captions, the language switch)."""
    if code in ui_languages():
        return profile_strings(resolved, code)["languageName"]
    return LANGUAGE_NAMES.get(code, code)


def _config_json(config: dict[str, Any]) -> Markup:
    text = json.dumps(config, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # inside <script> only "</" could end the element early
    return Markup(text.replace("</", "<\\/"))


@dataclass(frozen=True)
class LanguageLink:
    lang: str
    href: str  # the language's page in the package
    name: str  # in that language


@dataclass(frozen=True)
class Multilingual:
    """What the pages of a package with a language switch share."""

    links: tuple[LanguageLink, ...]  # every language, the profile's first (the launch page) first
    storage: str  # one browser storage key, so answers and free text follow the learner
    keys: dict[str, str]  # one set of resume-state keys, so the state reads in every language


def render_site(
    resolved: ResolvedCourse, theme: Theme, target: str, shared: Multilingual | None = None
) -> Site:
    strings = profile_strings(resolved, resolved.lang)
    if shared is None:
        config = build_config(resolved, target, strings)
    else:
        config = build_config(resolved, target, strings, shared.keys, shared.storage)
    others = [link for link in shared.links if link.lang != resolved.lang] if shared else []
    new_tab = strings.get("newTab", "")
    env = theme.environment()
    html = env.get_template("index.html.j2").render(
        lang=resolved.lang,
        languages=others,
        course=resolved.meta,
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
        language_name=lambda code: language_name(resolved, code),
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


def launch_file(position: int, lang: str) -> str:
    """The page of a language in a multi-language package: the first is the launch file."""
    return "index.html" if position == 0 else f"index.{lang}.html"


def render_languages(resolved: list[ResolvedCourse], theme: Theme, target: str) -> Site:
    """One package with every language of a profile (`language_switch`): a page per language
    (the first is the launch file), each linking to the others; runtime, theme and media shared."""
    first = resolved[0]
    links = tuple(
        LanguageLink(r.lang, launch_file(i, r.lang), language_name(r, r.lang))
        for i, r in enumerate(resolved)
    )
    ids = {element for r in resolved for element in tracked_ids(r)}
    shared = Multilingual(links, storage_key(first, [r.lang for r in resolved]), assign_keys(ids))
    site = Site()
    for each, link in zip(resolved, links, strict=True):
        page = render_site(each, theme, target, shared)
        for path, data in page.files.items():
            site.add(link.href if path == "index.html" else path, data)
        site.runtime_bytes = page.runtime_bytes
    return site
