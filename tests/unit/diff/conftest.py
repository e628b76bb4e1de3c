"""Footprints of the small course and of edited copies of it, rendered in memory as diff does."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from aicourse_build.diff.footprint import Footprint
from aicourse_build.diff.sources import footprints_of_courses


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@dataclass
class Courses:
    """The small course (`base`) and what tests do with copies of it."""

    base: Path
    work: Path

    def footprints(self, root: Path, profiles: list[str] | None = None) -> dict[str, Footprint]:
        """Every package of the course by `<profile>/<format>`; the course must have no errors."""
        side = footprints_of_courses([root], profiles)
        assert not side.report.has_errors, [d.message for d in side.report.items]
        return {f"{f.profile}/{f.format}": f for f in side.footprints}

    def copy(self, edit: Callable[[Path], None], name: str = "edited") -> Path:
        copy = self.work / name
        shutil.copytree(self.base, copy)
        edit(copy)
        return copy

    replace = staticmethod(replace)

    @staticmethod
    def add_page(root: Path, page_id: str, before: str | None = None) -> None:
        """A new page, before the page `before` in the module, or last."""
        (root / "pages" / f"{page_id}.md").write_text(
            f"---\nid: {page_id}\ntitle: Sidan {page_id}\n---\n\nNy text.\n", encoding="utf-8"
        )
        pages = ["start", "prov"]
        pages.insert(pages.index(before) if before else len(pages), page_id)
        replace(root / "course.yaml", "pages: [start, prov]", f"pages: [{', '.join(pages)}]")

    @staticmethod
    def change_answer(root: Path) -> None:
        """The true/false question 'data' of the final test says the opposite (both languages)."""
        for name in ("fragor.sv.yaml", "fragor.en.yaml"):
            replace(root / "questions" / name, "answer: true", "answer: false")


@pytest.fixture
def courses(small_course: Path, tmp_path: Path) -> Courses:
    return Courses(small_course, tmp_path)
