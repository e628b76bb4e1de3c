"""Validating what was read: each file against its model, then assembling the course."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from aicourse_build.diagnostics import Diagnostic, Span, error
from aicourse_build.model.base import ID_PATTERN
from aicourse_build.model.blocks import Block
from aicourse_build.model.course import Contact, CourseFile, PageMeta, QuestionBank
from aicourse_build.model.errors import diagnostics_from_validation
from aicourse_build.model.profile import Profile, ProfileTranslation
from aicourse_build.model.tree import (
    Bank,
    Course,
    CourseTranslation,
    Located,
    Page,
    PageBlock,
    ProfileSource,
    ProfileTranslationSource,
)
from aicourse_build.source.markdown_source import RawPage
from aicourse_build.source.project import LANG_SUFFIX, SourceTree, profile_file, split_lang
from aicourse_build.source.yaml_positions import PositionIndex

M = TypeVar("M", bound=BaseModel)
_BLOCK_ADAPTER: TypeAdapter[Block] = TypeAdapter(Block)


def _validate(model: type[M], data: Any, index: PositionIndex, out: list[Diagnostic]) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        out.extend(diagnostics_from_validation(exc, data, index, model))
        return None


def _validate_block(
    data: dict[str, Any], index: PositionIndex, out: list[Diagnostic]
) -> Block | None:
    try:
        return _BLOCK_ADAPTER.validate_python(data)
    except ValidationError as exc:
        out.extend(diagnostics_from_validation(exc, data, index, Block))
        return None


def _lang_of(file_name: str, declared: str | None, primary: str) -> str:
    stem = file_name.rsplit(".", 1)[0]
    match = LANG_SUFFIX.match(stem)
    return declared or (match["lang"] if match else primary)


_ID_LINE = re.compile(r"^id:\s*['\"]?([\w-]+)")


def _written_id(raw: RawPage) -> str | None:
    """The id a page was meant to have, read from its text when its front matter is broken."""
    if raw.front is not None and isinstance(raw.front.data, dict):
        value = raw.front.data.get("id")
        return value if isinstance(value, str) else None
    for line in raw.file.lines[1:40]:
        if line.rstrip() == "---":
            break
        match = _ID_LINE.match(line)
        if match:
            return match[1]
    return None


def _page(raw: RawPage, primary: str, out: list[Diagnostic], broken: set[str]) -> Page | None:
    meta = None
    if raw.front is not None:
        meta = _validate(PageMeta, raw.front.data, raw.front.index, out)
    blocks: list[PageBlock] = []
    for rb in raw.blocks:
        block = _validate_block(rb.data, rb.index, out)
        if block is not None:
            blocks.append(PageBlock(block, rb, raw.file))
        elif isinstance(rb.data.get("id"), str):
            broken.add(rb.data["id"])
    if raw.front is None or meta is None:
        written = _written_id(raw)
        if written:
            broken.add(written)
        return None
    lang = _lang_of(raw.file.path.name, meta.lang, primary)
    return Page(meta, lang, tuple(blocks), Located(raw.file, raw.front.index))


def _add_page(course: Course, page: Page, out: list[Diagnostic]) -> None:
    variants = course.pages.setdefault(page.meta.id, {})
    other = variants.get(page.lang)
    if other is not None:
        out.append(
            error(
                "AIC020",
                f"duplicate page id '{page.meta.id}'",
                page.source.index.value_span(("id",)),
                f"also used by {other.source.file.display}",
            )
        )
        return
    variants[page.lang] = page


def _banks(tree: SourceTree, course: Course, out: list[Diagnostic]) -> None:
    primary = course.meta.language
    for file_name, yaml_file in tree.banks.items():
        model = _validate(QuestionBank, yaml_file.doc.data, yaml_file.doc.index, out)
        if model is None:
            course.broken_files.add(file_name)
            continue
        stem = file_name.rsplit(".", 1)[0]
        match = LANG_SUFFIX.match(stem)
        name = match["stem"] if match else stem
        lang = _lang_of(file_name, model.lang, primary)
        bank = Bank(name, file_name, lang, model, Located(yaml_file.file, yaml_file.doc.index))
        variants = course.banks.setdefault(name, {})
        if lang in variants:
            out.append(
                error(
                    "AIC020",
                    f"two question banks '{name}' in language '{lang}'",
                    yaml_file.doc.index.root,
                    f"also {variants[lang].file_name}",
                )
            )
            continue
        variants[lang] = bank


def _course_translations(tree: SourceTree, course: Course, out: list[Diagnostic]) -> None:
    primary = course.meta.language
    for file_name, yaml_file in sorted(tree.course_translations.items()):
        model = _validate(CourseFile, yaml_file.doc.data, yaml_file.doc.index, out)
        if model is None:
            course.broken_files.add(file_name)
            continue
        lang = _lang_of(file_name, model.lang, primary)
        other = "course.yaml" if lang == primary else course.translations.get(lang)
        if other is not None:
            name = other if isinstance(other, str) else other.file_name
            out.append(
                error(
                    "AIC020",
                    f"two versions of course.yaml in language '{lang}'",
                    yaml_file.doc.index.value_span(("lang",)),
                    f"also {name}",
                )
            )
            continue
        located = Located(yaml_file.file, yaml_file.doc.index)
        course.translations[lang] = CourseTranslation(file_name, lang, model, located)


def _profiles(tree: SourceTree, course: Course, out: list[Diagnostic]) -> None:
    for name, yaml_file in sorted(tree.profiles.items()):
        if not re.match(ID_PATTERN, name):
            course.broken_files.add(profile_file(yaml_file.file.path.name))
            out.append(
                error(
                    "AIC012",
                    f"'{name}' is not a valid profile name",
                    Span(yaml_file.file.display, 1, 1),
                    "rename the file: lower-case letters, digits and hyphens, e.g. vgr.yaml",
                )
            )
            continue
        data = _without_credentials(yaml_file.doc.data, yaml_file.doc.index, (), out)
        model = _validate(Profile, data, yaml_file.doc.index, out)
        if model is not None:
            located = Located(yaml_file.file, yaml_file.doc.index)
            course.profiles[name] = ProfileSource(name, model, located)
        else:
            course.broken_files.add(profile_file(yaml_file.file.path.name))


def _profile_translations(tree: SourceTree, course: Course, out: list[Diagnostic]) -> None:
    """profiles/<name>.<lang>.yaml: the texts of a profile in another language."""
    for file_name, yaml_file in sorted(tree.profile_translations.items()):
        name, lang = split_lang(file_name)
        assert lang is not None
        index = yaml_file.doc.index
        data = _texts_only(yaml_file.doc.data, index, f"{name}.yaml", out)
        model = _validate(ProfileTranslation, data, index, out)
        if model is None:
            course.broken_files.add(profile_file(file_name))
            continue
        if model.lang is not None and model.lang != lang:
            out.append(
                error(
                    "AIC012",
                    f"'lang: {model.lang}' does not match the file name {file_name}",
                    index.value_span(("lang",)),
                    f"a profile translation is named <profile>.<lang>.yaml: set 'lang: {lang}' "
                    "or rename the file",
                )
            )
            course.broken_files.add(profile_file(file_name))
            continue
        located = Located(yaml_file.file, index)
        translation = ProfileTranslationSource(name, file_name, lang, model, located)
        course.profile_translations.setdefault(name, {})[lang] = translation


def _texts_only(data: Any, index: PositionIndex, original: str, out: list[Diagnostic]) -> Any:
    """Report (AIC054) and drop the profile settings a translation of its texts sets."""
    kept = {}
    for key, value in data.items():
        if key in _PROFILE_SETTINGS:
            out.append(_setting_in_translation(key, original, index))
        elif key == "contacts" and isinstance(value, dict):
            kept[key] = {k: _contact_texts(k, v, index, original, out) for k, v in value.items()}
        else:
            kept[key] = value
    return kept


def _setting_in_translation(key: str, original: str, index: PositionIndex) -> Diagnostic:
    if key == "strings":
        return error(
            "AIC054",
            f"'strings' is not translated here: {original} sets UI strings per language",
            index.key_span((key,)),
            f"put them under 'strings: {{<lang>: ...}}' in {original}",
        )
    return error(
        "AIC054",
        f"'{key}' is a setting, not a text: it comes from {original} in every language",
        index.key_span((key,)),
        "a profile translation holds only texts ('title', 'variables' and the contacts' "
        "'role' and 'name'); remove it",
    )


# Keys of a profile that a translation of its texts may not have (they are settings).
_PROFILE_SETTINGS = set(Profile.model_fields) - set(ProfileTranslation.model_fields)
_CONTACT_SETTINGS = set(Contact.model_fields) - {"role", "name"}


def _contact_texts(
    key: str, value: Any, index: PositionIndex, original: str, out: list[Diagnostic]
) -> Any:
    if not isinstance(value, dict):
        return value
    kept = {}
    for field, text in value.items():
        if field in _CONTACT_SETTINGS:
            out.append(
                error(
                    "AIC054",
                    f"a contact's '{field}' is a setting, not a text: it comes from {original} "
                    "in every language",
                    index.key_span(("contacts", key, field)),
                    "a translation gives only a contact's 'role' and 'name'; remove it",
                )
            )
        else:
            kept[field] = text
    return kept


# Keys that would put an LRS or LMS secret into a profile, and so into every package built from
# it (packages are files anyone who takes the course can open).
CREDENTIAL_KEYS = {
    "endpoint",
    "auth",
    "authorization",
    "username",
    "user",
    "password",
    "passwd",
    "secret",
    "token",
    "key",
    "api_key",
    "apikey",
    "client_id",
    "client_secret",
    "credentials",
    "lrs",
}


def _without_credentials(
    data: Any, index: PositionIndex, loc: tuple[str | int, ...], out: list[Diagnostic]
) -> Any:
    """Report (AIC018) and drop credential-like keys anywhere in a profile."""
    if isinstance(data, list):
        return [_without_credentials(v, index, (*loc, i), out) for i, v in enumerate(data)]
    if not isinstance(data, dict):
        return data
    kept = {}
    for key, value in data.items():
        if key.lower().replace("-", "_") in CREDENTIAL_KEYS and "variables" not in loc:
            out.append(
                error(
                    "AIC018",
                    f"'{key}' looks like an LRS or LMS credential; it must never be in a profile",
                    index.key_span((*loc, key)),
                    "packages are readable by every learner: the LMS passes the endpoint and "
                    "credentials at launch",
                )
            )
            continue
        kept[key] = _without_credentials(value, index, (*loc, key), out)
    return kept


def validate_tree(tree: SourceTree) -> tuple[Course | None, list[Diagnostic]]:
    """Every file validated; a `Course` when course.yaml itself is valid."""
    out: list[Diagnostic] = []
    if tree.course is None:
        if not any(d.span.path.endswith("course.yaml") for d in tree.diagnostics):
            out.append(
                error(
                    "AIC009",
                    "course.yaml is missing",
                    Span(tree.display(tree.root / "course.yaml")),
                )
            )
        # still validate pages so authors see every problem at once
        for raw in tree.pages:
            _page(raw, "sv", out, set())
        return None, out
    meta = _validate(CourseFile, tree.course.doc.data, tree.course.doc.index, out)
    broken: set[str] = set()
    primary = meta.language if meta else "sv"
    pages = [p for p in (_page(raw, primary, out, broken) for raw in tree.pages) if p is not None]
    if meta is None:
        return None, out
    course = Course(meta, Located(tree.course.file, tree.course.doc.index))
    course.broken_ids = broken
    course.broken_files = set(tree.broken_files)
    course.incomplete = tree.unreadable_pages > 0
    for page in pages:
        _add_page(course, page, out)
    _banks(tree, course, out)
    _course_translations(tree, course, out)
    _profiles(tree, course, out)
    _profile_translations(tree, course, out)
    return course, out
