"""From a translated XLIFF document back into the manuscript.

Each text goes into the existing translation in place (only that string's characters change),
or, when a text has no translation yet, into a new `name.<lang>.<ext>` made from the original.
A file is written only when every unit checks out against the current original; the result is
read back and compared before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from aicourse_build.diagnostics import Diagnostic, Span, display_path, error, warning
from aicourse_build.i18n.documents import Document, Slot, as_translation, with_hash, with_texts
from aicourse_build.i18n.kinds import Family, file_ids, to_translate
from aicourse_build.i18n.placeholders import difference
from aicourse_build.i18n.rawtext import RawText, write_atomic
from aicourse_build.i18n.xliff import File, XliffDocument
from aicourse_build.model.tree import Course
from aicourse_build.translations import content_hash


@dataclass(frozen=True)
class Write:
    path: Path
    data: bytes
    created: bool
    texts: int  # texts that changed
    hash_set: str | None  # the hash now recorded, when it was set


@dataclass
class ImportPlan:
    writes: list[Write] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    untranslated: int = 0  # units without a translation yet
    unchanged: int = 0  # files that already say what the XLIFF says


def _course_language(tag: str, languages: list[str]) -> str | None:
    """The course language an XLIFF language tag names (`en`, `en-GB`, `EN`)."""
    primary = tag.lower().split("-")[0]
    return primary if primary in languages else None


def _languages(course: Course, document: XliffDocument) -> tuple[str, str] | Diagnostic:
    where = document.span or Span("")
    languages = course.meta.languages
    if not document.trg_lang:
        return error(
            "AIC092",
            "the XLIFF has no target language (trgLang)",
            where,
            'set trgLang on <xliff> to the language translated into, e.g. trgLang="en"',
        )
    source = _course_language(document.src_lang, languages)
    target = _course_language(document.trg_lang, languages)
    for tag, found in ((document.src_lang, source), (document.trg_lang, target)):
        if found is None:
            return error(
                "AIC092",
                f"'{tag}' is not one of the course's languages ({', '.join(languages)})",
                where,
                "add it to 'languages' in course.yaml, or correct srcLang/trgLang",
            )
    assert source is not None and target is not None
    if source == target:
        return error("AIC092", f"source and target language are both '{target}'", where)
    return source, target


def _other_course(course: Course, document: XliffDocument) -> Diagnostic | None:
    for file in document.files:
        exported_from = file.meta.get("course")
        if exported_from and exported_from != course.meta.id:
            return error(
                "AIC093",
                f"this XLIFF was exported from the course '{exported_from}', "
                f"not from '{course.meta.id}'",
                file.span or Span(""),
                "import it into that course (--course)",
            )
    return None


def plan_import(course: Course, document: XliffDocument) -> ImportPlan:
    """What importing `document` would write, and every problem found on the way."""
    plan = ImportPlan()
    languages = _languages(course, document)
    if isinstance(languages, Diagnostic):
        plan.diagnostics.append(languages)
        return plan
    source, lang = languages
    other = _other_course(course, document)
    if other is not None:
        plan.diagnostics.append(other)
        return plan
    expected = file_ids(to_translate(course, lang, source), lang)
    for file in document.files:
        family = expected.get(file.id)
        if family is None:
            plan.diagnostics.append(
                error(
                    "AIC093",
                    f"'{file.id}' is not a text of this course to translate from '{source}' "
                    f"into '{lang}'",
                    file.span or Span(""),
                    "was the file renamed, or translated another way, since the export? "
                    "export again",
                )
            )
            continue
        _FileImport(family, file, lang, plan).run()
    return plan


def _trimmed(markdown: str) -> str:
    """Markdown without blank lines around it: where a run of text ends is the page's layout."""
    lines = markdown.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


def _as_written(target: str, current: Slot) -> str:
    """The target with the line ends around it that the current text has: translation tools
    drop or add them, and they are layout (blank lines between blocks, YAML chomping)."""
    value = current.value
    before = len(value) - len(value.lstrip("\n")) if current.region.markdown else 0
    after = len(value) - len(value.rstrip("\n"))
    body = _trimmed(target) if current.region.markdown else target.rstrip("\n")
    return "\n" * before + body + "\n" * after


def _reads_as(slot: Slot, value: str) -> bool:
    if slot.region.markdown:
        return _trimmed(slot.value) == _trimmed(value)
    return slot.value == value


@dataclass(frozen=True)
class _Texts:
    values: dict[str, str]  # unit id -> the text to write
    confirmed: bool  # every text is translated and its state is past initial
    missing: int  # texts with no translation
    refused: bool  # a translation was refused: nothing is written for the file


class _FileImport:
    """One <file> of the XLIFF into one translation file."""

    def __init__(self, family: Family, file: File, lang: str, plan: ImportPlan) -> None:
        self.family, self.file, self.lang, self.plan = family, file, lang, plan
        self.path = family.path_in(lang)
        self.shown = display_path(self.path)
        self.original_shown = display_path(family.original.path)
        self.units = {unit.id: unit for unit in file.units}
        self.where = file.span or Span("")

    def fail(self, code: str, message: str, span: Span | None, hint: str | None = None) -> None:
        self.plan.diagnostics.append(error(code, message, span or self.where, hint))

    def warn(self, code: str, message: str, span: Span | None, hint: str | None = None) -> None:
        self.plan.diagnostics.append(warning(code, message, span or self.where, hint))

    def run(self) -> None:
        original_raw = RawText.read(self.family.original.path)
        original, problems = self.family.kind.read(original_raw.text, self.original_shown)
        if original is None:
            self.plan.diagnostics.extend(problems)
            return
        if not self.units_match(original):
            return
        existing = self.family.translation(self.lang)
        if existing is None and self.path.exists():
            self.fail(
                "AIC095",
                f"cannot create {self.shown}: a file of that name exists but is not a "
                f"translation of {self.original_shown}",
                None,
                "rename or remove that file, then import again",
            )
            return
        raw = (
            RawText.read(self.path)
            if existing is not None
            else self.family.kind.start(original_raw)
        )
        base, problems = self.family.kind.read(raw.text, self.shown)
        if base is None:
            self.plan.diagnostics.extend(problems)
            return
        if base.layout != original.layout:
            self.fail(
                "AIC095",
                f"{self.shown} does not have the blocks of its original {self.original_shown} "
                "(types, ids, ::: conditions), so its texts cannot be matched",
                None,
                "give it the original's blocks, or remove it and import again to create it afresh",
            )
            return
        self.write(original, base, raw, created=existing is None)

    def units_match(self, original: Document) -> bool:
        """Every unit is a text of the current original, with the source it was exported with."""
        ok = True
        for unit in self.file.units:
            slot = original.slots.get(unit.id)
            if slot is None:
                ok = False
                self.fail(
                    "AIC093",
                    f"unit '{unit.id}' is not a text of {self.original_shown}",
                    unit.span,
                    "the original changed since the export, or the id was edited: export again; "
                    f"nothing was written to {self.shown}",
                )
            elif (unit.source_hash or content_hash(unit.source)) != content_hash(slot.value):
                ok = False
                self.fail(
                    "AIC094",
                    f"the source of unit '{unit.id}' has changed in {self.original_shown} since "
                    "the export",
                    unit.span,
                    f"export again and translate the new text; nothing was written to {self.shown}",
                )
        return ok

    def texts(self, original: Document, base: Document) -> _Texts:
        """The texts to write, whether every text is translated and confirmed, how many have no
        translation, and whether a translation was refused."""
        values: dict[str, str] = {}
        confirmed, missing, refused = True, 0, False
        for unit_id in original.slots:
            unit = self.units.get(unit_id)
            current = base.slots.get(unit_id)
            if unit is None or unit.target is None or not unit.target.strip():
                confirmed, missing = False, missing + 1
                continue
            if current is None:
                confirmed = False
                self.warn(
                    "AIC097",
                    f"{self.shown} has no '{unit_id}' to put this translation in (its original "
                    "has)",
                    unit.span,
                    "add it to the translation by hand, then import again",
                )
                continue
            text = _as_written(unit.target, current)
            confirmed = confirmed and unit.state != "initial"
            if text != current.value:
                kept = self.keeps_variables(unit_id, original.slots[unit_id].value, text)
                refused = refused or not kept
                values[unit_id] = text
        return _Texts(values, confirmed, missing, refused)

    def keeps_variables(self, unit_id: str, source: str, text: str) -> bool:
        """Does the new text have each {{ variable }} of the original, as often? (A text the
        import leaves as it is is the manuscript's own business: `check` judges it.)"""
        changed = difference(source, text)
        if changed is None:
            return True
        unit = self.units[unit_id]
        self.fail(
            "AIC098",
            f"the translation of '{unit_id}' {changed}",
            unit.target_span or unit.span,
            "keep each {{ variable }} of the source in the translation, as often as the source "
            f"has it (move it where the sentence needs it); nothing was written to {self.shown}",
        )
        return False

    def write(self, original: Document, base: Document, raw: RawText, created: bool) -> None:
        texts = self.texts(original, base)
        values, confirmed, missing = texts.values, texts.confirmed, texts.missing
        self.plan.untranslated += missing
        if created and missing:
            if missing < len(original.slots):
                self.warn(
                    "AIC096",
                    f"{self.shown} was not created: {missing} of {len(original.slots)} texts "
                    "are not translated yet",
                    None,
                    "a new translation is created once every text of its original is translated",
                )
            return
        edited = self.edited(base, values)  # checked even when refused: every problem is told
        if edited is None or texts.refused:
            return
        lines, hash_set = self.marked(original, edited, confirmed, created)
        if lines is None:
            return
        data = raw.encode(lines)
        if not created and data == raw.encode(raw.lines):
            self.plan.unchanged += 1
            return
        self.plan.writes.append(Write(self.path, data, created, len(values), hash_set))

    def edited(self, base: Document, values: dict[str, str]) -> Document | None:
        """`base` with `values` written in, read back and checked: the texts are as asked and
        nothing else changed."""
        result = self.apply(base, values)
        if isinstance(result, Document):
            return result
        # find the texts that break the file on their own, to name them
        culprits = [i for i in values if not isinstance(self.apply(base, {i: values[i]}), Document)]
        for unit_id in culprits or list(values)[:1]:
            self.fail(
                "AIC095",
                f"the translation of '{unit_id}' cannot be written into {self.shown} without "
                "changing its structure",
                self.units[unit_id].span,
                "a translated Markdown text keeps the source's ``` fences and ::: lines; nothing "
                f"was written to {self.shown}",
            )
        return None

    def apply(self, base: Document, values: dict[str, str]) -> Document | list[str]:
        lines, failed = with_texts(base, values)
        if failed:
            return failed
        doc, _ = self.family.kind.read("\n".join(lines), self.shown)
        ok = (
            doc is not None
            and doc.layout == base.layout
            and doc.skeleton == base.skeleton
            and all(i in doc.slots and _reads_as(doc.slots[i], v) for i, v in values.items())
        )
        return doc if ok and doc is not None else list(values)

    def marked(
        self, original: Document, doc: Document, confirmed: bool, created: bool
    ) -> tuple[list[str] | None, str | None]:
        """The lines to write, with `lang`/`translates` for a new file, or the current hash when
        the translator confirmed every text of a translation that differs only in its texts."""
        new_hash = self.family.original_hash
        original_name = self.family.original.path.name
        if created:
            lines = as_translation(doc, self.lang, original_name, new_hash)
            if lines is None:
                self.fail("AIC095", f"cannot mark {self.shown} as a translation", None)
            return lines, new_hash
        if not confirmed or doc.recorded_hash == new_hash:
            return list(doc.lines), None
        if doc.skeleton != original.skeleton:
            self.warn(
                "AIC097",
                f"the texts were imported, but {self.shown} stays stale: it differs from "
                f"{self.original_shown} in more than its texts",
                None,
                f"compare the two, bring the translation up to date, then set 'hash: {new_hash}'",
            )
            return list(doc.lines), None
        lines = with_hash(doc, new_hash)
        if lines is None:
            self.fail("AIC095", f"cannot set the hash in {self.shown}", None)
        return lines, new_hash


def write_all(plan: ImportPlan) -> None:
    for write in plan.writes:
        write_atomic(write.path, write.data)
