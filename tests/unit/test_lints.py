import dataclasses
from pathlib import Path

import pytest

from aicourse_build.diagnostics import Report
from aicourse_build.pipeline import check_course_dir


def _codes(root: Path, body: str) -> list[tuple[str, int]]:
    page = root / "pages" / "start.md"
    page.write_text(f"---\nid: start\ntitle: Start\n---\n\n{body}", encoding="utf-8")
    report = Report()
    check_course_dir(root, report)
    return [(d.code, d.span.line) for d in report.sorted() if d.code != "AIC070"]


def test_headings(small_course: Path) -> None:
    assert _codes(small_course, "## A\n\n#### B\n\n# C\n") == [("AIC062", 8), ("AIC062", 10)]


def test_link_text_and_script_links(small_course: Path) -> None:
    body = "Läs [klicka här](https://example.org). [X](javascript:alert(1))\n"
    assert _codes(small_course, body) == [("AIC064", 6), ("AIC065", 6)]


def test_raw_html_is_refused(small_course: Path) -> None:
    body = "Text <img src=x onerror=alert(1)> här.\n\n<script>alert(1)</script>\n"
    assert _codes(small_course, body) == [("AIC065", 6), ("AIC065", 8)]


def test_image_without_alt(small_course: Path) -> None:
    body = (
        "```image\nsrc: media/bild.svg\n```\n\n"
        "```image\nsrc: media/bild.svg\ndecorative: true\n```\n"
    )
    assert _codes(small_course, body) == [("AIC060", 6)]


def test_internal_address_only_in_the_profile_that_forbids_it(small_course: Path) -> None:
    report = Report()
    page = small_course / "pages" / "start.md"
    page.write_text(
        "---\nid: start\ntitle: Start\n---\n\nSe https://portal.intern.example/ai "
        "eller skriv till ai@team.intern.example.\n",
        encoding="utf-8",
    )
    check_course_dir(small_course, report)
    found = [(d.code, d.profile) for d in report.sorted() if d.code == "AIC066"]
    assert found == [("AIC066", "publik"), ("AIC066", "publik")]


def test_resume_state_budget_is_checked_statically(
    small_course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import aicourse_build.lints as lints

    report = Report()
    check_course_dir(small_course, report)
    assert not any(d.code == "AIC067" for d in report.items)
    small = dataclasses.replace(lints.FORMATS["scorm12"], state_limit=10)
    monkeypatch.setitem(lints.FORMATS, "scorm12", small)
    report = Report()
    check_course_dir(small_course, report)
    [found] = [d for d in report.items if d.code == "AIC067"]
    assert found.profile == "intern" and "keeps only 10" in found.message
