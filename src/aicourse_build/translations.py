"""Translations: hashing originals and finding stale or unknown ones."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from aicourse_build.diagnostics import Diagnostic, Span, error, warning
from aicourse_build.model.base import Translates
from aicourse_build.model.course import TRANSLATED_TEXTS, CourseFile
from aicourse_build.model.profile import Profile, profile_texts
from aicourse_build.model.tree import (
    Bank,
    Course,
    CourseTranslation,
    Page,
    ProfileSource,
    ProfileTranslationSource,
)
from aicourse_build.source.project import profile_file
from aicourse_build.source.yaml_positions import Loc, PositionIndex
from aicourse_build.suggest import did_you_mean

# confirm: marks of facts to confirm; each language file marks its own words (confirm.py)
_TRANSLATION_KEYS = ("lang", "translates", "confirm")


def content_hash(content: Any) -> str:
    """Eight hex digits of SHA-256 over a canonical form: formatting and comments do not count."""
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:8]


def _normal_text(text: str) -> str:
    text = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text)


def page_hash(page: Page) -> str:
    front = page.meta.model_dump(mode="json", by_alias=True, exclude=set(_TRANSLATION_KEYS))
    blocks = [
        dict(pb.raw.data.items())
        if pb.raw.type != "text"
        else {"type": "text", "body": _normal_text(str(pb.raw.data["body"]))}
        for pb in page.blocks
    ]
    return content_hash({"front": front, "blocks": blocks})


def bank_hash(bank: Bank) -> str:
    data = bank.model.model_dump(mode="json", by_alias=True, exclude=set(_TRANSLATION_KEYS))
    for question in data["questions"]:
        # no version is how every bank was hashed before questions had one
        if question.get("version") is None:
            question.pop("version", None)
    return content_hash(data)


def _course_data(meta: CourseFile) -> dict[str, Any]:
    return meta.model_dump(mode="json", by_alias=True, exclude=set(_TRANSLATION_KEYS))


def course_hash(meta: CourseFile) -> str:
    """The hash of course.yaml's texts only: a new version number or pass mark is not something
    to translate (a translation that differs in a setting is reported on its own, AIC054)."""
    leaves = _leaves(_course_data(meta)).items()
    return content_hash([[".".join(map(str, loc)), v] for loc, v in leaves if _is_text(loc)])


def profile_hash(profile: Profile) -> str:
    """The hash of a profile's texts only: a change of its settings (privacy, formats...) is
    nothing to translate, so it does not make its translations stale."""
    return content_hash(sorted([list(loc), text] for loc, text in profile_texts(profile).items()))


def _format(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    return f"'{value}'"


def _structure_differences(bank: Bank, original: Bank) -> list[Diagnostic]:
    """A translation keeps the original's question ids, types, choice ids and answers."""
    index = bank.source.index
    hint = (
        "a translation must keep the original's question ids, types, choice ids and answers; "
        f"compare it with {original.file_name}"
    )
    mine, theirs = bank.model.questions, original.model.questions
    if [q.id for q in mine] != [q.id for q in theirs]:
        ids = ", ".join(q.id for q in theirs)
        return [
            error(
                "AIC053",
                f"the questions differ from the original's ({ids})",
                index.key_span(("questions",)),
                hint,
            )
        ]
    out = []
    for i, (q, o) in enumerate(zip(mine, theirs, strict=True)):
        checks: list[tuple[str, Any, Any]] = [
            ("type", q.type, o.type),
            (
                "choices",
                [c.id for c in getattr(q, "choices", [])],
                [c.id for c in getattr(o, "choices", [])],
            ),
            ("answer", q.answer, o.answer),
            ("version", q.version, o.version),
        ]
        for key, here, there in checks:
            if here != there:
                what = "choice ids" if key == "choices" else f"the {key}"
                message = (
                    f"question '{q.id}' has {what} {_format(here)} in this translation "
                    f"but {_format(there)} in the original"
                )
                out.append(error("AIC053", message, index.value_span(("questions", i, key)), hint))
                break
    return out


def check_translations(course: Course) -> list[Diagnostic]:
    out: list[Diagnostic] = check_course_translations(course) + check_profile_translations(course)
    for variants in course.banks.values():
        by_file = {b.file_name: b for b in variants.values()}
        for bank in variants.values():
            translates = bank.model.translates
            if translates is None:
                continue
            original = by_file.get(translates.from_)
            if original is None:
                if translates.from_ not in course.broken_files:
                    others = [f for f in by_file if f != bank.file_name]
                    span = bank.source.index.value_span(("translates", "from"))
                    out.append(_unknown_original(translates.from_, others, span))
                continue
            span = bank.source.index.value_span(("translates", "hash"))
            _stale(out, translates.hash, bank_hash(original), original.file_name, span)
            out += _structure_differences(bank, original)
    for page_variants in course.pages.values():
        pages_by_file = {p.source.file.path.name: p for p in page_variants.values()}
        for page in page_variants.values():
            if page.meta.translates is None:
                continue
            original_page = pages_by_file.get(page.meta.translates.from_)
            if original_page is None:
                if (page.source.file.path.parent / page.meta.translates.from_).is_file():
                    continue  # the original exists but failed to load; its errors say why
                out.append(
                    _unknown_original(
                        page.meta.translates.from_,
                        [f for f in pages_by_file if f != page.source.file.path.name],
                        page.source.index.value_span(("translates", "from")),
                    )
                )
                continue
            _stale(
                out,
                page.meta.translates.hash,
                page_hash(original_page),
                page.meta.translates.from_,
                page.source.index.value_span(("translates", "hash")),
            )
    return out


def _translates_record(
    file_name: str,
    translates: Translates | None,
    index: PositionIndex,
    original: str,
    current: str,
    ready: str,
) -> list[Diagnostic]:
    """A translation's `translates`: present, naming its original, and not stale."""
    out: list[Diagnostic] = []
    if translates is None:
        out.append(
            error(
                "AIC010",
                f"missing 'translates': {file_name} must say what it translates",
                index.root,
                f"add 'translates: {{from: {original}, hash: {current}}}' once the {ready}",
            )
        )
    elif translates.from_ != original:
        span = index.value_span(("translates", "from"))
        out.append(_unknown_original(translates.from_, [original], span))
    else:
        _stale(out, translates.hash, current, original, index.value_span(("translates", "hash")))
    return out


def _unknown_original(name: str, files: list[str], span: Any) -> Diagnostic:
    return error(
        "AIC052",
        f"the original '{name}' is not a version of this text",
        span,
        did_you_mean(name, files) or f"other versions: {', '.join(sorted(files)) or 'none'}",
    )


def _stale(out: list[Diagnostic], recorded: str, current: str, original: str, span: Any) -> None:
    if recorded != current:
        out.append(
            warning(
                "AIC050",
                f"translation is stale: {original} has changed since it was "
                f"translated (hash {recorded}, now {current})",
                span,
                f"review the changes, update the translation, then set 'hash: {current}'",
            )
        )


# -- course.<lang>.yaml ---------------------------------------------------------------------------
ORIGINAL_COURSE = "course.yaml"


def check_course_translations(course: Course) -> list[Diagnostic]:
    """Each course.<lang>.yaml: what it translates, whether it is stale, and that it changes
    texts only (the same ids, the same settings as course.yaml)."""
    out: list[Diagnostic] = []
    if course.meta.translates is not None:
        out.append(
            error(
                "AIC052",
                f"course.yaml is the original; it translates nothing "
                f"(it names '{course.meta.translates.from_}')",
                course.source.index.key_span(("translates",)),
                "remove 'translates'; translations of course.yaml are course.<lang>.yaml files",
            )
        )
    current = course_hash(course.meta)
    for translation in sorted(course.translations.values(), key=lambda t: t.file_name):
        out += _translates_record(
            translation.file_name,
            translation.meta.translates,
            translation.source.index,
            ORIGINAL_COURSE,
            current,
            "translation matches course.yaml",
        )
        out += _course_structure_differences(translation, course.meta) or _setting_differences(
            translation, course.meta
        )
    return out


def _course_structure_differences(
    translation: CourseTranslation, original: CourseFile
) -> list[Diagnostic]:
    """A translation keeps the ids of modules, their pages, audiences and contacts."""
    index, mine = translation.source.index, translation.meta
    hint = (
        "a translation of course.yaml keeps its module, page, audience and contact ids; "
        "compare it with course.yaml"
    )
    out = []

    def differ(what: str, ids: list[str], loc: Loc) -> None:
        message = f"the {what} differ from the original's ({', '.join(ids)})"
        out.append(error("AIC053", message, index.key_span(loc), hint))

    if [m.id for m in mine.modules] != [m.id for m in original.modules]:
        differ("modules", [m.id for m in original.modules], ("modules",))
    else:
        for i, (module, theirs) in enumerate(zip(mine.modules, original.modules, strict=True)):
            if module.pages != theirs.pages:
                message = (
                    f"module '{module.id}' lists the pages {_format(module.pages)} in this "
                    f"translation but {_format(theirs.pages)} in the original"
                )
                out.append(
                    error("AIC053", message, index.value_span(("modules", i, "pages")), hint)
                )
    if [a.id for a in mine.audiences] != [a.id for a in original.audiences]:
        differ("audiences", [a.id for a in original.audiences], ("audiences",))
    if sorted(mine.contacts) != sorted(original.contacts):
        differ("contacts", list(original.contacts), ("contacts",))
    return out


def _is_text(loc: Loc) -> bool:
    return any(
        len(loc) == len(pattern)
        and all(p in ("*", part) for p, part in zip(pattern, loc, strict=True))
        for pattern in TRANSLATED_TEXTS
    )


def _leaves(value: Any, loc: Loc = ()) -> dict[Loc, Any]:
    """Every value of a course file by key path; a list of scalars (keywords, only) is one value."""
    if isinstance(value, dict):
        items: list[tuple[str | int, Any]] = list(value.items())
    elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
        items = list(enumerate(value))
    else:
        return {loc: value}
    found: dict[Loc, Any] = {}
    for key, item in items:
        found.update(_leaves(item, (*loc, key)))
    return found


def _settings(meta: CourseFile) -> dict[Loc, Any]:
    return {loc: v for loc, v in _leaves(_course_data(meta)).items() if not _is_text(loc)}


def _setting_name(loc: Loc, meta: CourseFile) -> str:
    if loc[0] == "modules" and len(loc) > 2 and isinstance(loc[1], int):
        return f"'{'.'.join(map(str, loc[2:]))}' of module '{meta.modules[loc[1]].id}'"
    return "'" + ".".join(map(str, loc)) + "'"


def _setting_differences(translation: CourseTranslation, original: CourseFile) -> list[Diagnostic]:
    """Settings are not texts: they come from course.yaml, and a translation must not change
    them (a translated package would otherwise track, pass or time differently)."""
    mine, theirs = _settings(translation.meta), _settings(original)
    out = []
    for loc, there in theirs.items():
        here = mine.get(loc)
        if here == there:
            continue
        name = _setting_name(loc, original)
        shown = _format(here) if here is not None else "not set"
        message = f"{name} is {shown} in this translation but {_format(there)} in course.yaml"
        hint = "a translation changes texts only; settings come from course.yaml: " + (
            f"set it to {_format(there)}" if there is not None else "remove it"
        )
        out.append(error("AIC054", message, translation.source.index.value_span(loc), hint))
    return out


# -- profiles/<name>.<lang>.yaml ------------------------------------------------------------------
def check_profile_translations(course: Course) -> list[Diagnostic]:
    """Each translation of a profile's texts: its profile, language, hash, and that it names
    only the variables and contacts its profile has."""
    out: list[Diagnostic] = []
    for name, translations in sorted(course.profile_translations.items()):
        profile = course.profiles.get(name)
        for _lang, translation in sorted(translations.items()):
            if profile is not None:
                out += _check_profile_translation(course, profile, translation)
            elif profile_file(f"{name}.yaml") not in course.broken_files:
                out.append(_no_such_profile(course, translation))
    return out


def _no_such_profile(course: Course, translation: ProfileTranslationSource) -> Diagnostic:
    return error(
        "AIC052",
        f"{translation.file_name} translates the profile '{translation.profile}', which does "
        "not exist",
        translation.source.index.root,
        did_you_mean(translation.profile, course.profiles)
        or "a profile translation is named <profile>.<lang>.yaml, beside <profile>.yaml",
    )


def _check_profile_translation(
    course: Course, profile: ProfileSource, translation: ProfileTranslationSource
) -> list[Diagnostic]:
    index, lang = translation.source.index, translation.lang
    original = f"{profile.name}.yaml"
    where = index.value_span(("lang",)) if index.has(("lang",)) else index.root
    if lang == course.meta.language:
        hint = f"edit {original} itself, or name this file after the language it translates into"
        message = f"{original} is written in '{lang}', the course's language: nothing to translate"
        return [error("AIC012", message, where, hint)]
    if lang not in profile.model.languages:
        message = (
            f"a translation into '{lang}', a language the profile '{profile.name}' does not build"
        )
        hint = f"languages: {', '.join(profile.model.languages)}"
        return [error("AIC081", message, where, hint)]
    current = profile_hash(profile.model)
    out = _translates_record(
        translation.file_name,
        translation.translates,
        index,
        original,
        current,
        "texts are translated",
    )
    return out + _profile_text_differences(profile, translation)


def _profile_text_differences(
    profile: ProfileSource, translation: ProfileTranslationSource
) -> list[Diagnostic]:
    """A variable or contact the profile does not have, or a text where it has a group of
    variables (or the other way round): the translation would never be shown."""
    index, model = translation.source.index, translation.model
    hint_end = f"compare it with {profile.name}.yaml"
    out: list[Diagnostic] = []
    for key in model.contacts:
        if key not in profile.model.contacts:
            hint = did_you_mean(key, profile.model.contacts) or hint_end
            message = f"the profile '{profile.name}' has no contact '{key}'"
            out.append(error("AIC053", message, index.key_span(("contacts", key)), hint))
    out += _variable_differences(profile, profile.model.variables, model.variables, index)
    return out


def _variable_differences(
    profile: ProfileSource,
    originals: dict[str, Any],
    texts: dict[str, Any],
    index: PositionIndex,
    loc: Loc = ("variables",),
) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for key, text in texts.items():
        here, name = (*loc, key), ".".join(map(str, (*loc[1:], key)))
        original = originals.get(key)
        if original is None:
            hint = did_you_mean(key, originals) or f"compare it with {profile.name}.yaml"
            message = f"the profile '{profile.name}' has no variable '{name}'"
            out.append(error("AIC053", message, index.key_span(here), hint))
        elif isinstance(original, dict) and isinstance(text, dict):
            out += _variable_differences(profile, original, text, index, here)
        elif not (isinstance(original, str) and isinstance(text, str)):
            out.append(_misfit(profile, name, original, text, index.value_span(here)))
    return out


def _misfit(profile: ProfileSource, name: str, original: Any, text: Any, span: Span) -> Diagnostic:
    """A translated variable of another form than the profile's (a text for a group...)."""

    def form(value: Any) -> str:
        if isinstance(value, dict):
            return "a group of variables"
        return "a list" if isinstance(value, list) else "a text"

    return error(
        "AIC053",
        f"the variable '{name}' is {form(original)} in {profile.name}.yaml, not {form(text)}",
        span,
        "a translation gives each text of the profile in its place",
    )
