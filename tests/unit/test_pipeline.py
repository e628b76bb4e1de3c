from pathlib import Path

from aicourse_build.diagnostics import Report
from aicourse_build.pipeline import check_course_dir


def test_check_resolves_every_profile_and_language(small_course: Path) -> None:
    report = Report()
    result = check_course_dir(small_course, report)
    assert report.items == []
    assert sorted(result.estimates) == [("intern", "sv"), ("publik", "sv")]


def test_profile_filter(small_course: Path) -> None:
    result = check_course_dir(small_course, Report(), ["publik"])
    assert [r.profile.name for r in result.resolved] == ["publik"]


def test_all_problems_of_all_files_at_once(small_course: Path) -> None:
    (small_course / "pages" / "start.md").write_text("---\nid: start\ntitle: [\n---\n")
    (small_course / "profiles" / "publik.yaml").write_text("title: P\n")
    report = Report()
    check_course_dir(small_course, report)
    codes = sorted(d.code for d in report.sorted())
    assert "AIC001" in codes and codes.count("AIC010") == 2
