"""The kinds of translatable files, and each text of a course with its language versions.

A kind knows how to find its texts in a course (pages, question banks) and how to read one of
its files as units. Another kind of file is one more entry in `KINDS`.

Most translations are full copies of their original with the texts translated; a profile's
translation holds its texts and nothing else (profiles/<name>.<lang>.yaml), so its kind says
what a new one starts from and compares only the texts of two versions.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from aicourse_build.diagnostics import Diagnostic
from aicourse_build.i18n.documents import Document, read_page_document, read_yaml_document
from aicourse_build.i18n.rawtext import RawText
from aicourse_build.i18n.texts import BANK_TEXTS, COURSE_TEXTS, PROFILE_TEXTS, texts_only
from aicourse_build.i18n.yaml_styles import plain_or_quoted
from aicourse_build.model.base import Translates
from aicourse_build.model.tree import Bank, Course, Page
from aicourse_build.model.validate import validate_tree
from aicourse_build.source.project import LANG_SUFFIX, load_course
from aicourse_build.source.yaml_positions import Loc
from aicourse_build.translations import bank_hash, course_hash, page_hash, profile_hash

Reader = Callable[[str, str], tuple[Document | None, list[Diagnostic]]]


@dataclass(frozen=True)
class Variant:
    """One language version of a text: the original (translates nothing) or a translation."""

    path: Path
    lang: str
    translates: Translates | None


@dataclass(frozen=True)
class Family:
    """A text and its language versions, e.g. pages/03-vad-ar-ai.md and its translations."""

    kind: Kind
    root: Path  # the course folder
    original: Variant
    original_hash: str  # what a current translation records in `translates.hash`
    variants: dict[str, Variant] = field(default_factory=dict)  # lang -> version
    languages: tuple[str, ...] | None = None  # the only languages it is read in (None: all)

    def translation(self, lang: str) -> Variant | None:
        found = self.variants.get(lang)
        return found if found is not None and found.translates is not None else None

    def wanted_in(self, lang: str) -> bool:
        """Is a translation into `lang` of use: does it have no original in `lang`, and (for a
        profile) is `lang` one it builds?"""
        return not self.has_original_in(lang) and (self.languages is None or lang in self.languages)

    def has_original_in(self, lang: str) -> bool:
        found = self.variants.get(lang)
        return found is not None and found.translates is None

    def path_in(self, lang: str) -> Path:
        """The translation's file: the existing one, or `name.<lang>.<ext>` beside the original."""
        found = self.translation(lang)
        if found is not None:
            return found.path
        name = self.original.path.name.removesuffix(self.kind.suffix)
        match = LANG_SUFFIX.match(name)
        base = match["stem"] if match else name
        return self.original.path.with_name(f"{base}.{lang}{self.kind.suffix}")

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


def _copy(original: RawText) -> RawText:
    return original


@dataclass(frozen=True)
class Kind:
    name: str
    suffix: str
    read: Reader
    families: Callable[[Course], list[Family]] = field(repr=False)
    # what a new translation is made from, before its texts are written in: the original
    start: Callable[[RawText], RawText] = field(default=_copy, repr=False)


def _pick_original(variants: dict[str, Variant], primary: str) -> Variant | None:
    originals = [v for v in variants.values() if v.translates is None]
    preferred = [v for v in originals if v.lang == primary]
    found = preferred or originals
    return found[0] if found else None


TextFile = TypeVar("TextFile", Page, Bank)


def _folder(course: Course) -> Path:
    """The course folder, where translations are written back: course.yaml's."""
    return course.source.file.path.parent


def _variant_families(
    kind: Kind,
    course: Course,
    texts: dict[str, dict[str, TextFile]],
    content_hash: Callable[[TextFile], str],
) -> list[Family]:
    """Families of a kind whose versions the course holds as {name: {lang: version}}
    (pages, question banks)."""
    found = []
    for versions in texts.values():
        variants = {
            lang: Variant(v.source.file.path, lang, v.translates) for lang, v in versions.items()
        }
        original = _pick_original(variants, course.meta.language)
        if original is not None:
            own_hash = content_hash(versions[original.lang])
            found.append(Family(kind, _folder(course), original, own_hash, variants))
    return found


def _page_families(course: Course) -> list[Family]:
    return _variant_families(PAGE, course, course.pages, page_hash)


def _bank_families(course: Course) -> list[Family]:
    return _variant_families(BANK, course, course.banks, bank_hash)


def _course_families(course: Course) -> list[Family]:
    original = Variant(course.source.file.path, course.meta.language, None)
    variants = {course.meta.language: original}
    for lang, translation in course.translations.items():
        variants[lang] = Variant(translation.source.file.path, lang, translation.translates)
    return [Family(COURSE, _folder(course), original, course_hash(course.meta), variants)]


def _profile_families(course: Course) -> list[Family]:
    found = []
    primary = course.meta.language  # a profile is written in the course's language
    for name, profile in course.profiles.items():
        original = Variant(profile.source.file.path, primary, None)
        variants = {primary: original}
        for lang, translation in course.profile_translations.get(name, {}).items():
            variants[lang] = Variant(translation.source.file.path, lang, translation.translates)
        languages = tuple(profile.model.languages)
        original_hash = profile_hash(profile.model)
        found.append(Family(PROFILE, _folder(course), original, original_hash, variants, languages))
    return found


def read_profile_document(text: str, display: str) -> tuple[Document | None, list[Diagnostic]]:
    """A profile or its translation, as its texts: two versions match when they have the same
    texts, whatever settings the profile has around them."""
    doc, problems = read_yaml_document(text, display, PROFILE_TEXTS)
    if doc is None:
        return None, problems
    return dataclasses.replace(doc, skeleton=texts_only(doc.skeleton) or {}), problems


_SCHEMA_LINE = re.compile(r"^(# yaml-language-server: \$schema=.*)profile\.schema\.json\s*$")


def _profile_start(original: RawText) -> RawText:
    """A new profile translation: the profile's texts alone, as it writes them, each to be
    replaced by its translation; the editor's schema line names the translation's schema."""
    doc, _ = read_profile_document(original.text, "")
    assert doc is not None  # the original was read before
    lines: list[str] = []
    schema = _SCHEMA_LINE.match(original.lines[0]) if original.lines else None
    if schema:
        lines.append(f"{schema[1]}profile-translation.schema.json")
    tree: dict[str, Any] = {}
    for slot in doc.slots.values():
        _put(tree, slot.loc, slot.value)
    lines += [*_yaml_lines(tree, 0), ""]  # "": the file ends with a line end
    ends = [original.newline] * len(lines)
    return RawText(tuple(lines), (*ends[:-1], ""), original.bom)


def _put(tree: dict[str, Any], loc: Loc, value: str) -> None:
    for key in loc[:-1]:
        tree = tree.setdefault(str(key), {})
    tree[str(loc[-1])] = value


def _yaml_lines(tree: dict[str, Any], indent: int) -> list[str]:
    lines = []
    pad = " " * indent
    for key, value in tree.items():
        if isinstance(value, dict):
            lines += [f"{pad}{plain_or_quoted(key)}:", *_yaml_lines(value, indent + 2)]
        else:
            lines.append(f"{pad}{plain_or_quoted(key)}: {plain_or_quoted(value)}")
    return lines


COURSE = Kind(
    "course",
    ".yaml",
    lambda text, display: read_yaml_document(text, display, COURSE_TEXTS),
    _course_families,
)
PAGE = Kind("page", ".md", read_page_document, _page_families)
BANK = Kind(
    "bank",
    ".yaml",
    lambda text, display: read_yaml_document(text, display, BANK_TEXTS),
    _bank_families,
)
PROFILE = Kind("profile", ".yaml", read_profile_document, _profile_families, _profile_start)
KINDS: tuple[Kind, ...] = (COURSE, PAGE, BANK, PROFILE)


def families(course: Course) -> list[Family]:
    """Every text of the course, in a stable order: by kind, then by the original's path."""
    found = [family for kind in KINDS for family in kind.families(course)]
    order = {kind.name: i for i, kind in enumerate(KINDS)}
    return sorted(found, key=lambda f: (order[f.kind.name], f.relative(f.original.path)))


def to_translate(course: Course, lang: str, source_lang: str) -> list[Family]:
    """The texts whose original is in `source_lang` and that have no original in `lang` (and,
    for a profile, that it shows in `lang`)."""
    return [f for f in families(course) if f.original.lang == source_lang and f.wanted_in(lang)]


_NOT_NMTOKEN = re.compile(r"[^\w.:-]")


def file_ids(chosen: list[Family], lang: str) -> dict[str, Family]:
    """An XLIFF file id for each text: its translation's path in the course, written as an
    XML name token (which has no `/`: `pages/01-start.en.md` becomes `pages:01-start.en.md`)."""
    ids: dict[str, Family] = {}
    for family in chosen:
        path = family.relative(family.path_in(lang))
        base = _NOT_NMTOKEN.sub("_", path.replace("/", ":"))
        file_id, n = base, 1
        while file_id in ids:
            n += 1
            file_id = f"{base}-{n}"
        ids[file_id] = family
    return ids


def load(root: Path) -> tuple[Course | None, list[Diagnostic]]:
    """The course, or the errors that keep its texts from being read reliably."""
    tree = load_course(root)
    course, problems = validate_tree(tree)
    errors = [d for d in [*tree.diagnostics, *problems] if d.is_error]
    return (None if errors else course), errors
