"""Earlier and later versions of the small course for the `review --since` tests: each function
makes one kind of change to a copy of the course, as an author would."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from aicourse_build.diagnostics import Report
from aicourse_build.pipeline import check_course_dir
from aicourse_build.review.document import Review
from aicourse_build.review.output import collect_since


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def copy(course: Path, to: Path) -> Path:
    shutil.copytree(course, to)
    return to


def set_version(root: Path, version: str) -> None:
    replace(root / "course.yaml", "version: 1.0.0", f"version: {version}")


def add_page(root: Path, page_id: str, title: str, pages: list[str]) -> None:
    """A new page; `pages` is the module's pages in their new order."""
    (root / "pages" / f"{page_id}.md").write_text(
        f"---\nid: {page_id}\ntitle: {title}\n---\n\nEn helt ny sida om {title.lower()}.\n",
        encoding="utf-8",
    )
    replace(root / "course.yaml", "pages: [start, prov]", f"pages: [{', '.join(pages)}]")


def edit_start(root: Path) -> None:
    """A few words of the first page change."""
    replace(root / "pages" / "start.md", "grunderna", "det viktigaste")


def change_answer(root: Path) -> None:
    """The question 'modell' gets another right answer (both languages)."""
    for name in ("fragor.sv.yaml", "fragor.en.yaml"):
        replace(root / "questions" / name, "answer: b", "answer: a")


def reword_question(root: Path) -> None:
    """The question 'data' is worded differently (its answer stays)."""
    replace(
        root / "questions" / "fragor.sv.yaml",
        "En modell kan aldrig bli bättre än sina data.",
        "En modell blir aldrig bättre än sina data.",
    )


def add_question(root: Path) -> None:
    for name, prompt in (
        ("fragor.sv.yaml", "AI kan ha fel."),
        ("fragor.en.yaml", "AI can be wrong."),
    ):
        path = root / "questions" / name
        text = path.read_text(encoding="utf-8").rstrip("\n")
        path.write_text(
            f"{text}\n  - id: fel\n    type: truefalse\n    prompt: {prompt}\n    answer: true\n",
            encoding="utf-8",
        )


def intern_only_text(root: Path) -> None:
    """Text on the first page that only the internal profile shows."""
    page = root / "pages" / "start.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n::: only intern\nBara för interna deltagare.\n:::\n",
        encoding="utf-8",
    )


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def review_since(root: Path, ref: str) -> Review:
    """The review of the course at `root` with what changed since `ref`."""
    report = Report()
    checked = check_course_dir(root, report)
    assert not report.has_errors, [d.message for d in report.items if d.is_error]
    return collect_since(checked, root, ref)
