from pathlib import Path

from aicourse_build.diagnostics import Report
from aicourse_build.pipeline import check_course_dir


def test_a_bank_without_the_language_is_reported_for_every_profile(small_course: Path) -> None:
    # fragor.en.yaml is the original; without fragor.sv.yaml the Swedish packages would ask
    # the questions in English: check says so
    (small_course / "questions" / "fragor.sv.yaml").unlink()
    report = Report()
    check_course_dir(small_course, report)
    assert [(d.code, d.message, d.profile) for d in report.sorted()] == [
        (
            "AIC051",
            "question bank 'fragor' has no 'sv' version; the original is used",
            "intern,publik",
        )
    ]
