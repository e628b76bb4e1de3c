import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from aicourse_build.cli import cli
from aicourse_build.cli.check import summary_lines
from aicourse_build.diagnostics import Report
from aicourse_build.pipeline import check_course_dir

Run = Callable[..., subprocess.CompletedProcess[str]]


def test_clean_course_exits_zero(small_course: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(small_course), "--strict"])
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output


def test_errors_exit_one_and_warnings_only_fail_when_strict(
    small_course: Path, aicourse: Run
) -> None:
    page = small_course / "pages" / "start.md"
    page.write_text(page.read_text().replace("alt: En pil från data till modell.\n", ""))
    assert aicourse("check", str(small_course)).returncode == 0
    assert aicourse("check", str(small_course), "--strict").returncode == 1
    page.write_text(page.read_text().replace("id: tanke", "id: Tanke"))
    assert aicourse("check", str(small_course)).returncode == 1


def test_usage_errors_exit_two(small_course: Path, tmp_path: Path, aicourse: Run) -> None:
    assert aicourse("check", str(tmp_path / "nowhere")).returncode == 2
    unknown = aicourse("check", str(small_course), "--profile", "vgrr")
    assert unknown.returncode == 2 and "unknown profile vgrr" in unknown.stderr
    assert aicourse("check", "--format", "xml").returncode == 2


def test_json_and_github_formats(small_course: Path, aicourse: Run) -> None:
    page = small_course / "pages" / "start.md"
    page.write_text(page.read_text().replace("id: tanke", "id: Tanke"))
    lines = aicourse("check", str(small_course), "--format", "json").stdout.splitlines()
    record = next(r for r in map(json.loads, lines) if r["code"] == "AIC012")
    assert record["code"] == "AIC012" and record["line"] == 19 and record["severity"] == "error"
    github = aicourse("check", str(small_course), "--format", "github").stdout
    assert "::error file=" in github
    assert ",line=19,col=5,endLine=19,endColumn=10,title=AIC012::" in github


def test_summary_has_each_course_then_the_totals(small_course: Path, tmp_path: Path) -> None:
    """A course that does not validate has no lines of its own, but counts in the totals."""
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "course.yaml").write_text("id: Trasig\n", encoding="utf-8")
    report = Report()
    checks = [check_course_dir(root, report) for root in (small_course, broken)]
    lines = list(summary_lines(checks, report, left_out=False))
    assert lines[:-1] == [
        "minikurs [intern/sv]: 2.4 min (target 3) - modul-ett 2.4",
        "minikurs [publik/sv]: 2.4 min (target 3) - modul-ett 2.4",
        "  resume state [intern/sv]: at most 39 characters (scorm12 keeps 4096: under 1 %)",
        "  resume state [publik/sv]: at most 39 characters (scorm2004 keeps 64000: under 1 %, "
        "cmi5 keeps 64000: under 1 %, xapi keeps 64000: under 1 %)",
        "  free text [intern/sv]: 1 field(s), kept in the browser and sent: scorm12 in "
        "cmi.interactions.n.student_response, at most 255 characters",
        "  free text [publik/sv]: 1 field(s), kept in the learner's browser only, at most 4000 "
        "characters each",
    ]
    errors = sum(1 for d in report.sorted() if d.is_error)
    assert errors > 0 and lines[-1] == f"{errors} error(s), 0 warning(s)"


def test_check_counts_the_facts_to_confirm_and_strict_does_not_fail_on_them(
    small_course: Path, aicourse: Run
) -> None:
    page = small_course / "pages" / "start.md"
    mark = "confirm:\n  - text: Välkommen till minikursen.\n    who: Kursteamet\n"
    page.write_text(page.read_text().replace("title: Start\n", "title: Start\n" + mark, 1))
    result = aicourse("check", str(small_course), "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    at = lines.index("1 fact(s) to confirm before release [AIC130]:")
    assert lines[at + 1] == (
        f"  {small_course.as_posix()}/pages/start.md:9:1: note[AIC130]: to confirm by "
        "Kursteamet: text 'Välkommen till minikursen.'"
    )
    assert lines[-1] == "0 error(s), 0 warning(s)"
