"""write_review: the files it writes, and nothing when the course has errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from aicourse_build.diagnostics import DiagnosticError
from aicourse_build.review import write_review

REPO = Path(__file__).resolve().parents[3]
COURSE = REPO / "content" / "introduktionsutbildning"


def test_writes_the_review_and_the_discussion_guide(tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = write_review(COURSE, out, pdf=False)
    assert [p.name for p in written] == [
        "introduktionsutbildning-review.html",
        "introduktionsutbildning-discussion-guide.html",
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)
    review = written[0].read_text(encoding="utf-8")
    assert review.startswith("<!DOCTYPE html>")
    assert "<title>Granskningsunderlag: Introduktionsutbildning i AI</title>" in review
    assert "Diskussionsunderlag" in written[1].read_text(encoding="utf-8")


def test_the_same_course_gives_the_same_html(tmp_path: Path) -> None:
    first = write_review(COURSE, tmp_path / "a", pdf=False)
    second = write_review(COURSE, tmp_path / "b", pdf=False)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_a_course_with_errors_raises_and_writes_nothing(small_course: Path, tmp_path: Path) -> None:
    course_yaml = small_course / "course.yaml"
    course_yaml.write_text(
        course_yaml.read_text(encoding="utf-8").replace("version: 1.0.0", "version: ett"),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    with pytest.raises(DiagnosticError) as caught:
        write_review(small_course, out)
    assert any(d.is_error for d in caught.value.diagnostics)
    assert any("course.yaml" in d.span.path for d in caught.value.diagnostics)
    assert not out.exists()


def test_a_small_course_with_every_block_type(small_course: Path, tmp_path: Path) -> None:
    written = write_review(small_course, tmp_path, pdf=False)
    html = written[0].read_text(encoding="utf-8")
    assert 'class="question"' in html
    assert "Rätt svar" in html
