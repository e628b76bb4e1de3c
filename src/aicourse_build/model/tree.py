"""The validated course: pydantic models for what authors wrote, paired with where they wrote it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from aicourse_build.model.blocks import Block
from aicourse_build.model.course import CourseFile, PageMeta, QuestionBank
from aicourse_build.model.profile import Profile
from aicourse_build.source.files import SourceFile
from aicourse_build.source.markdown_source import RawBlock
from aicourse_build.source.yaml_positions import PositionIndex


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


@dataclass(frozen=True)
class Bank:
    name: str
    file_name: str
    lang: str
    model: QuestionBank
    source: Located


@dataclass(frozen=True)
class ProfileSource:
    name: str
    model: Profile
    source: Located


@dataclass
class Course:
    root: Path
    meta: CourseFile
    source: Located
    pages: dict[str, dict[str, Page]] = field(default_factory=dict)  # id -> lang -> page
    banks: dict[str, dict[str, Bank]] = field(default_factory=dict)  # name -> lang -> bank
    profiles: dict[str, ProfileSource] = field(default_factory=dict)
    # What was written but failed to load: checks of references to these stay quiet, so one
    # mistake gives one error, not a cascade.
    broken_ids: set[str] = field(default_factory=set)
    broken_files: set[str] = field(default_factory=set)
    incomplete: bool = False  # some page file could not be read, so any page id may be in it

    def is_broken(self, element_id: str) -> bool:
        return self.incomplete or element_id in self.broken_ids

    def page(self, page_id: str, lang: str | None = None) -> Page | None:
        """The page in `lang`, else in the primary language, else its original."""
        variants = self.pages.get(page_id)
        if not variants:
            return None
        for wanted in (lang, self.meta.language):
            if wanted in variants:
                return variants[wanted]
        return next(
            (p for p in variants.values() if p.meta.translates is None),
            next(iter(variants.values())),
        )

    def bank(self, name: str, lang: str | None = None) -> Bank | None:
        variants = self.banks.get(name)
        if not variants:
            return None
        for wanted in (lang, self.meta.language):
            if wanted in variants:
                return variants[wanted]
        return next(
            (b for b in variants.values() if b.model.translates is None),
            next(iter(variants.values())),
        )
