"""Rendering a resolved course into the files of a package (in memory)."""

from __future__ import annotations

import json
import mimetypes
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]
from markupsafe import Markup

from aicourse_build.figures import figure_fit
from aicourse_build.model.blocks import GroupBlock, GroupOption, VideoBlock
from aicourse_build.model.theme import Theme
from aicourse_build.package.keys import assign_keys
from aicourse_build.render.config import build_config, storage_key, tracked_ids
from aicourse_build.render.markdown import render_block, render_inline
from aicourse_build.render.strings import strings_for, ui_languages
from aicourse_build.render.themes import ENTRY, environment, info
from aicourse_build.render.video import video_sources
from aicourse_build.resolve import ExternalSurvey, ResolvedBlock, ResolvedCourse
from aicourse_build.source.assets import Asset
from aicourse_build.source.references import (
    FileRef,
    block_files,
    images_in,
    is_external,
    is_inline,
    markdown_images,
    package_path,
)

# Names of languages the UI has no strings in (a caption track may still be in one); the UI's
# own languages are named by their strings' `languageName`.
LANGUAGE_NAMES = {"fi": "Suomi", "no": "Norsk", "da": "Dansk"}


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


def _minified_js(source: str) -> str:
    """The runtime's JavaScript as learners' browsers load it: no comments, little whitespace.

    rjsmin only removes what cannot change the meaning (it knows strings, regular expressions and
    where a line break ends a statement), and gives the same output for the same input, so a
    package is the same whatever machine builds it.
    """
    return str(rjsmin.jsmin(source))


def _minified_css(source: str) -> str:
    return str(rcssmin.cssmin(source))


@cache
def runtime_bundle(target: str) -> tuple[bytes, bytes]:
    """runtime.js (core then the target's adapter) and runtime.css, from bundle.json, minified:
    the comments explain the source, learners need not load them."""
    bundle = _bundle()
    adapter = bundle["adapters"][target]
    adapter_files = [adapter] if isinstance(adapter, str) else list(adapter)
    parts = [_read_package_text("runtime", name) for name in [*bundle["core"], *adapter_files]]
    js = "\n".join(_minified_js(part) for part in parts).encode("utf-8")
    css = _minified_css(_read_package_text("runtime", bundle["css"])).encode("utf-8")
    return js, css


def needed_files(resolved: ResolvedCourse) -> list[tuple[str, FileRef, ResolvedBlock]]:
    """Course files the resolved course uses (package path, reference, block): media of blocks
    and images of any text, as `source/references.py` finds them for `check`."""
    found: list[tuple[str, FileRef, ResolvedBlock]] = []
    for page in resolved.pages:
        for rb in page.blocks:
            block = rb.block
            if isinstance(block, ExternalSurvey):
                continue
            refs = [*block_files(block), *images_in(block.model_dump(by_alias=True))]
            for ref in refs:
                if not (is_external(ref.ref) or is_inline(ref.ref)):
                    found.append((package_path(ref.ref), ref, rb))
    return found


def _package_assets(resolved: ResolvedCourse) -> list[Asset]:
    """The course's files this package carries: a transcript is written into the page, so its
    file stays behind, but the images it shows come along."""
    assets = resolved.course.assets
    wanted: set[str] = set()
    for path, ref, _rb in needed_files(resolved):
        text = assets[path].text
        if ref.role != "transcript":
            wanted.add(path)
        elif text is not None:
            wanted.update(
                package_path(src)
                for src, _line in markdown_images(text)
                if not (is_external(src) or is_inline(src))
            )
    return [assets[path] for path in sorted(wanted)]


def _transcript(resolved: ResolvedCourse, block: VideoBlock) -> str:
    if block.transcript is not None:
        return block.transcript
    assert block.transcript_src is not None
    text = resolved.course.assets[package_path(block.transcript_src)].text
    assert text is not None  # transcripts are text, decoded when read
    return text


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


# Where the boot config goes in a rendered page. The template sees only this token, never the
# config: a page cannot differ between formats, so one rendering serves every format.
CONFIG_SLOT = "@@aicourse-config@@"
# (profile, language, in a language-switch package) -> the page with CONFIG_SLOT
PageCache = dict[tuple[str, str, bool], str]


class ConfigSlotError(Exception):
    """The theme did not write `config_json` exactly once, as it is."""


def _page(resolved: ResolvedCourse, theme: Theme, shared: Multilingual | None) -> str:
    strings = profile_strings(resolved, resolved.lang)
    others = [link for link in shared.links if link.lang != resolved.lang] if shared else []
    new_tab = strings.get("newTab", "")
    return (
        environment(theme)
        .get_template(ENTRY)
        .render(
            lang=resolved.lang,
            languages=others,
            course=resolved.meta,
            theme=info(theme),
            modules=resolved.modules,
            pages=resolved.pages,
            contacts=resolved.contacts,
            privacy=resolved.profile.model.privacy,
            free_text_note=resolved.profile.model.free_text_note,
            s=strings,
            config_json=Markup(CONFIG_SLOT),
            md=lambda text: render_block(text, new_tab),
            mdi=lambda text: render_inline(text, new_tab),
            media_type=lambda path: mimetypes.guess_type(path)[0] or "application/octet-stream",
            language_name=lambda code: language_name(resolved, code),
            transcript=lambda block: _transcript(resolved, block),
            group_options=lambda block: _group_options(resolved, block),
            figure_fit=lambda block: figure_fit(resolved.course, block),
            video_sources=video_sources,
        )
    )


def _with_config(page: str, config: dict[str, Any]) -> str:
    if page.count(CONFIG_SLOT) != 1:
        raise ConfigSlotError(page.count(CONFIG_SLOT))
    return page.replace(CONFIG_SLOT, _config_json(config))


def render_site(
    resolved: ResolvedCourse,
    theme: Theme,
    target: str,
    shared: Multilingual | None = None,
    pages: PageCache | None = None,
) -> Site:
    """A package's files; `pages` keeps rendered pages for the other formats of the profile."""
    strings = profile_strings(resolved, resolved.lang)
    if shared is None:
        config = build_config(resolved, target, strings)
    else:
        config = build_config(resolved, target, strings, shared.keys, shared.storage)
    key = (resolved.profile.name, resolved.lang, shared is not None)
    page = pages.get(key) if pages is not None else None
    if page is None:
        page = _page(resolved, theme, shared)
        if pages is not None:
            pages[key] = page
    site = Site()
    site.add("index.html", _with_config(page, config).encode("utf-8"))
    js, css = runtime_bundle(target)
    site.add("runtime.js", js)
    site.add("runtime.css", css)
    site.runtime_bytes = len(js) + len(css)
    for path, data in theme.static_files().items():
        site.add(path, data)
    site.add("theme/theme.css", theme.stylesheet())
    for asset in _package_assets(resolved):
        site.add(asset.path, asset.data)
    return site


def launch_file(position: int, lang: str) -> str:
    """The page of a language in a multi-language package: the first is the launch file."""
    return "index.html" if position == 0 else f"index.{lang}.html"


def render_languages(
    resolved: list[ResolvedCourse], theme: Theme, target: str, pages: PageCache | None = None
) -> Site:
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
        page = render_site(each, theme, target, shared, pages)
        for path, data in page.files.items():
            site.add(link.href if path == "index.html" else path, data)
        site.runtime_bytes = page.runtime_bytes
    return site
