"""The rules that make a safe update the default, checked against the previous build.

- AIC120: a question's correct answer (or its choices, or its type) changed under the same id.
  The LMS's reports and the LRS would put old and new answers in one column or activity, where
  they cannot be compared; a new id or a `version` makes it another question.
- AIC121: the content changed but the course `version` did not, so reports and statements
  cannot tell learners of the old content from those of the new.

`check --previous PATH` reports AIC120 as an error; `build` compares with the build-report.json
already in its out folder before overwriting it and only warns, as the author may mean it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from aicourse_build.diagnostics import Diagnostic, Span, error, warning
from aicourse_build.diff.compare import content_changed
from aicourse_build.diff.footprint import Footprint, QuestionFootprint, question_change
from aicourse_build.diff.read import footprint_of_files
from aicourse_build.diff.sources import footprints_of_report, footprints_of_zip
from aicourse_build.model.blocks import QuizBlock
from aicourse_build.model.tree import Bank, Course
from aicourse_build.pipeline import CourseCheck


def read_previous(path: Path) -> list[Footprint]:
    """The footprints of a previous build: a build-report.json or a package zip (SourceError)."""
    if path.suffix == ".zip":
        return footprints_of_zip(path)
    return footprints_of_report(path)


def update_rules(
    checks: list[CourseCheck], previous: list[Footprint], strict_answers: bool = True
) -> list[Diagnostic]:
    """AIC120 and AIC121 for every checked course against the packages of its previous build;
    AIC120 is a warning when `strict_answers` is false (build)."""
    before = {f.key: f for f in previous}
    out: list[Diagnostic] = []
    for check in checks:
        if check.course is None or not check.packages:
            continue
        pairs = [
            (before[f.key], f)
            for f in (footprint_of_files(r.package.files) for r in check.packages)
            if f.key in before
        ]
        out += _answers(check.course, pairs, strict_answers)
        out += _version(check.course, pairs)
    return out


def _changed(old: QuestionFootprint, new: QuestionFootprint) -> str | None:
    """What of a question changed that makes answers incomparable (wording alone does not)."""
    words = {"type": "type", "answer": "correct answer", "choices": "choices"}
    return words.get(question_change(old, new) or "")


def _answers(
    course: Course, pairs: list[tuple[Footprint, Footprint]], strict: bool
) -> list[Diagnostic]:
    changed: dict[tuple[str, str], str] = {}
    for old, new in pairs:
        was = {(q.quiz, q.id): q for q in old.questions}
        for q in new.questions:
            before = was.get((q.quiz, q.id))
            what = _changed(before, q) if before else None
            if what:
                changed.setdefault((q.quiz, q.id), what)
    out = []
    for (quiz, tracked), what in sorted(changed.items()):
        for span, question_id, version in _where(course, quiz, tracked):
            make = error if strict else warning
            out.append(
                make(
                    "AIC120",
                    f"question '{question_id}' of quiz '{quiz}': the {what} changed since the "
                    "previous build, under the same id",
                    span,
                    f"give it a new id, or 'version: {(version or 1) + 1}', so that reports and "
                    "the LRS do not mix answers to the old and the new question",
                )
            )
    return out


def _where(course: Course, quiz: str, tracked: str) -> Iterator[tuple[Span, str, int | None]]:
    """Where the question `tracked` (its tracking id) of `quiz` is written: in the page, or in
    the original of its question bank (its translations follow it)."""
    for variants in course.pages.values():
        page = variants.get(course.meta.language) or next(iter(variants.values()))
        for pb in page.blocks:
            block = pb.block
            if not isinstance(block, QuizBlock) or block.id != quiz:
                continue
            if block.bank is None:
                questions, index = block.questions or [], pb.raw.index
            else:
                bank = _original(course, block.bank)
                if bank is None:
                    continue
                questions, index = bank.model.questions, bank.source.index
            for i, q in enumerate(questions):
                if q.tracking_id == tracked:
                    yield index.value_span(("questions", i, "id")), q.id, q.version
                    return


def _original(course: Course, name: str) -> Bank | None:
    variants = course.banks.get(name) or {}
    originals = [b for b in variants.values() if b.translates is None]
    return originals[0] if originals else course.bank(name)


def _version(course: Course, pairs: list[tuple[Footprint, Footprint]]) -> list[Diagnostic]:
    same = [(old, new) for old, new in pairs if old.version == new.version]
    if not any(content_changed(old, new) for old, new in same):
        return []
    version = course.meta.version
    major, minor, patch = (int(part) for part in version.split("."))
    return [
        warning(
            "AIC121",
            f"the content changed since the previous build, but 'version' is still {version}",
            course.source.index.value_span(("version",)),
            f"raise it ({major}.{minor}.{patch + 1} for corrections, {major}.{minor + 1}.0 for new "
            "content), so that reports and statements tell learners of the two apart",
        )
    ]
