import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

from aicourse_build.diagnostics import Diagnostic, Severity, Span
from aicourse_build.junit import junit_xml


def _d(severity: Severity, code: str, path: str = "k/course.yaml") -> Diagnostic:
    return Diagnostic(code, severity, "message", Span(path, 3, 4), hint="a hint")


def test_errors_fail_and_warnings_fail_only_when_strict() -> None:
    found = [_d(Severity.ERROR, "AIC012"), _d(Severity.WARNING, "AIC060", "k/pages/a.md")]
    root = ET.fromstring(junit_xml(found, strict=False))
    assert root.get("failures") == "1" and root.get("tests") == "2"
    [failure] = root.iter("failure")
    assert failure.get("type") == "AIC012" and "k/course.yaml:3:4" in (failure.text or "")
    assert "AIC060" in "".join(e.text or "" for e in root.iter("system-out"))
    assert ET.fromstring(junit_xml(found, strict=True)).get("failures") == "2"


def test_a_clean_check_still_reports_one_passing_case() -> None:
    root = ET.fromstring(junit_xml([], strict=True))
    assert root.get("tests") == "1" and root.get("failures") == "0"


def test_cli_writes_parseable_junit(small_course: Path) -> None:
    page = small_course / "pages" / "start.md"
    page.write_text(page.read_text().replace("id: tanke", "id: Tanke"))
    result = subprocess.run(
        [sys.executable, "-m", "aicourse_build", "check", str(small_course), "--format", "junit"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    root = ET.fromstring(result.stdout)
    assert [f.get("type") for f in root.iter("failure")] == ["AIC012"]


def test_a_note_is_never_a_failure() -> None:
    found = [_d(Severity.NOTE, "AIC152", "k/pages/a.md")]
    root = ET.fromstring(junit_xml(found, strict=True))
    assert root.get("failures") == "0"
    assert "note[AIC152]" in "".join(e.text or "" for e in root.iter("system-out"))
