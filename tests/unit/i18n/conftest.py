"""Courses to translate, and export and import as plain functions over them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from aicourse_build.i18n.export import export_course
from aicourse_build.i18n.importer import ImportPlan, plan_import
from aicourse_build.i18n.kinds import load
from aicourse_build.i18n.xliff import XliffDocument, read_xliff, write_xliff
from aicourse_build.model.tree import Course

REPO = Path(__file__).resolve().parents[3]

Export = Callable[..., XliffDocument]
Import = Callable[[Path, XliffDocument], ImportPlan]


@pytest.fixture
def default_course(tmp_path: Path) -> Path:
    """A copy of the default course (without exported XLIFF files)."""
    target = tmp_path / "kurs"
    source = REPO / "content" / "introduktionsutbildning"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("translations"))
    return target


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


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "translations" not in p.parts
    }


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, bytes]]:
    """Every file of a course but its exported XLIFF, as bytes."""
    return _files
