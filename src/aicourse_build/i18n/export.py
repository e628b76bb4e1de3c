"""From a course to an XLIFF document for one target language."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from aicourse_build.diagnostics import Diagnostic, display_path
from aicourse_build.i18n.documents import Document
from aicourse_build.i18n.kinds import Family, families, file_ids, to_translate
from aicourse_build.i18n.rawtext import RawText
from aicourse_build.i18n.xliff import File, Unit, XliffDocument
from aicourse_build.model.tree import Course
from aicourse_build.translations import content_hash

FILE_NOTE = (
    "Keep the Markdown markup (#, **, -, [text](link)) as it is in the source; translate the "
    "words around it. Each placeholder stands for a {{ variable }} the course fills in (a name, "
    "a contact): keep every one, as often as the source has it, where the sentence needs it."
)
STALE_NOTE = (
    "The original has changed since this translation was made: check the translation against "
    "the source, then mark it translated."
)


@dataclass
class Export:
    document: XliffDocument
    units: int = 0
    translated: int = 0  # units whose translation is current
    to_review: int = 0  # units whose translation is stale
    left_out: dict[str, int] = field(default_factory=dict)  # source language -> texts


def source_language(course: Course, lang: str, requested: str | None) -> str:
    """The language translated from: `requested`, else the language of the originals to
    translate (the course's primary language when they are in several)."""
    if requested:
        return requested
    langs = Counter(f.original.lang for f in families(course) if f.wanted_in(lang))
    if not langs or course.meta.language in langs:
        return course.meta.language
    return langs.most_common(1)[0][0]


def read_document(family: Family, path: Path) -> tuple[Document | None, list[Diagnostic]]:
    return family.kind.read(RawText.read(path).text, display_path(path))


def _file(course: Course, family: Family, file_id: str, lang: str, out: Export) -> list[Diagnostic]:
    original, problems = read_document(family, family.original.path)
    variant = family.translation(lang)
    translation = None
    if variant is not None and original is not None:
        translation, more = read_document(family, variant.path)
        problems += more
    if original is None or (variant is not None and translation is None):
        return problems
    stale = (
        variant is not None
        and variant.translates is not None
        and (variant.translates.hash != family.original_hash)
    )
    file = File(
        file_id,
        family.relative(family.original.path),
        meta={
            "course": course.meta.id,
            "kind": family.kind.name,
            "translation": family.relative(family.path_in(lang)),
            "original-hash": family.original_hash,
        },
        notes=[FILE_NOTE],
    )
    for unit_id, slot in original.slots.items():
        found = translation.slots.get(unit_id) if translation is not None else None
        unit = Unit(unit_id, slot.value, source_hash=content_hash(slot.value))
        if found is not None:
            unit.target = found.value
            unit.state = "initial" if stale else "translated"
            unit.notes = [STALE_NOTE] if stale else []
            out.to_review += stale
            out.translated += not stale
        file.units.append(unit)
    out.units += len(file.units)
    if file.units:
        out.document.files.append(file)
    return problems


def export_course(
    course: Course, lang: str, requested_source: str | None = None
) -> tuple[Export, list[Diagnostic]]:
    """Every text of the course not yet originally in `lang`, as XLIFF units: with its current
    translation as target (state `translated`), or its stale one (state `initial`, a note)."""
    source = source_language(course, lang, requested_source)
    out = Export(XliffDocument(source, lang))
    for family in families(course):
        other = family.original.lang
        if other not in (source, lang) and family.wanted_in(lang):
            out.left_out[other] = out.left_out.get(other, 0) + 1
    problems: list[Diagnostic] = []
    for file_id, family in file_ids(to_translate(course, lang, source), lang).items():
        problems += _file(course, family, file_id, lang, out)
    return out, problems
