"""The validated course: pydantic models for what authors wrote, paired with where they wrote it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from aicourse_build.model.base import Translates
from aicourse_build.model.blocks import Block
from aicourse_build.model.course import CourseFile, PageMeta, QuestionBank
from aicourse_build.model.profile import Profile, ProfileTranslation, with_translated_texts
from aicourse_build.source.files import SourceFile
from aicourse_build.source.markdown_source import RawBlock
from aicourse_build.source.yaml_positions import PositionIndex

if TYPE_CHECKING:
    from aicourse_build.source.assets import Asset
    from aicourse_build.source.svg_text import SvgText


@dataclass(frozen=True)
class Located:
    """Where a validated model came from."""

    file: SourceFile
    index: PositionIndex


@dataclass(frozen=True)
class PageBlock:
    block: Block
    raw: RawBlock
    file: SourceFile


@dataclass(frozen=True)
class Page:
    meta: PageMeta
    lang: str
    blocks: tuple[PageBlock, ...]
    source: Located

    @property
    def translates(self) -> Translates | None:
        return self.meta.translates


@dataclass(frozen=True)
class Bank:
    name: str
    file_name: str
    lang: str
    model: QuestionBank
    source: Located

    @property
    def translates(self) -> Translates | None:
        return self.model.translates


@dataclass(frozen=True)
class CourseTranslation:
    """course.<lang>.yaml: a translated copy of course.yaml."""

    file_name: str
    lang: str
    meta: CourseFile
    source: Located

    @property
    def translates(self) -> Translates | None:
        return self.meta.translates


@dataclass(frozen=True)
class ProfileSource:
    name: str
    model: Profile
    source: Located


@dataclass(frozen=True)
class ProfileTranslationSource:
    """profiles/<name>.<lang>.yaml: the texts of profile <name> in `lang`."""

    profile: str  # the name of the profile it translates
    file_name: str
    lang: str
    model: ProfileTranslation
    source: Located

    @property
    def translates(self) -> Translates | None:
        return self.model.translates


@dataclass
class Course:
    meta: CourseFile
    source: Located
    pages: dict[str, dict[str, Page]] = field(default_factory=dict)  # id -> lang -> page
    banks: dict[str, dict[str, Bank]] = field(default_factory=dict)  # name -> lang -> bank
    profiles: dict[str, ProfileSource] = field(default_factory=dict)
    # lang -> course.<lang>.yaml
    translations: dict[str, CourseTranslation] = field(default_factory=dict)
    # profile name -> lang -> profiles/<name>.<lang>.yaml
    profile_translations: dict[str, dict[str, ProfileTranslationSource]] = field(
        default_factory=dict
    )
    # What was written but failed to load: checks of references to these stay quiet, so one
    # mistake gives one error, not a cascade.
    broken_ids: set[str] = field(default_factory=set)
    broken_files: set[str] = field(default_factory=set)
    incomplete: bool = False  # some page file could not be read, so any page id may be in it
    # Files the manuscript names (media, captions, transcripts) by package path, read and
    # checked by source/assets.py; no later stage opens a file of the course.
    assets: dict[str, Asset] = field(default_factory=dict)
    named_files: set[str] = field(default_factory=set)  # every path the manuscript names
    # the text of each SVG image that draws any, by package path (figures.py), measured once
    figures: dict[str, SvgText] = field(default_factory=dict)

    def is_broken(self, element_id: str) -> bool:
        return self.incomplete or element_id in self.broken_ids

    def meta_in(self, lang: str | None) -> CourseFile:
        """course.yaml with its texts in `lang` when course.<lang>.yaml exists, else as written.

        Settings (id, version, languages, duration, completion, conditions...) always come from
        course.yaml, so a translation can change only what learners read.
        """
        translation = self.translations.get(lang) if lang else None
        if translation is None or lang == self.meta.language:
            return self.meta
        return self.meta.with_texts_of(translation.meta)

    def profile_in(self, profile: ProfileSource, lang: str | None) -> ProfileSource:
        """The profile with its texts (title, variables, contacts) in `lang` when
        profiles/<name>.<lang>.yaml exists; its settings are the same in every language."""
        translation = self.profile_translations.get(profile.name, {}).get(lang or "")
        if translation is None or lang == self.meta.language:
            return profile
        model = with_translated_texts(profile.model, translation.model)
        return dataclasses.replace(profile, model=model)

    def page(self, page_id: str, lang: str | None = None) -> Page | None:
        """The page in `lang`, else in the primary language, else its original."""
        return _pick(self.pages.get(page_id), lang, self.meta.language)

    def bank(self, name: str, lang: str | None = None) -> Bank | None:
        """The question bank in `lang`, with the same fallbacks as pages."""
        return _pick(self.banks.get(name), lang, self.meta.language)


V = TypeVar("V", Page, Bank)


def _pick(variants: dict[str, V] | None, lang: str | None, primary: str) -> V | None:
    if not variants:
        return None
    for wanted in (lang, primary):
        if wanted in variants:
            return variants[wanted]
    originals = [v for v in variants.values() if v.translates is None]
    return originals[0] if originals else next(iter(variants.values()))
