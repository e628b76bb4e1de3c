"""Export and import as plain functions over a course (the courses are in tests/unit/conftest.py,
as the tests of `aicourse i18n` in tests/unit/cli use them too)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from aicourse_build.i18n.export import export_course
from aicourse_build.i18n.importer import ImportPlan, plan_import
from aicourse_build.i18n.kinds import load
from aicourse_build.i18n.xliff import XliffDocument, read_xliff, write_xliff
from aicourse_build.model.tree import Course

Export = Callable[..., XliffDocument]
Import = Callable[[Path, XliffDocument], ImportPlan]


def loaded(root: Path) -> Course:
    course, errors = load(root)
    assert errors == [] and course is not None
    return course


@pytest.fixture
def exported() -> Export:
    """Export a course, write the XLIFF and read it back (so units know their lines)."""

    def export(root: Path, lang: str, source: str | None = None) -> XliffDocument:
        result, problems = export_course(loaded(root), lang, source)
        assert problems == []
        document, problems = read_xliff(write_xliff(result.document), "t.xlf")
        assert problems == [] and document is not None
        return document

    return export


@pytest.fixture
def imported() -> Import:
    def run(root: Path, document: XliffDocument) -> ImportPlan:
        return plan_import(loaded(root), document)

    return run
