"""`aicourse diff` as CI runs it: the verdicts, the exit codes, text and JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

Run = Callable[..., subprocess.CompletedProcess[str]]


def _copy(small_course: Path, name: str, old: str = "", new: str = "", file: str = "") -> Path:
    copy = small_course.parent / name
    shutil.copytree(small_course, copy)
    if file:
        path = copy / file
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return copy


def test_two_builds_of_one_manuscript_replace_safely(
    small_course: Path, tmp_path: Path, aicourse: Run
) -> None:
    for out in ("first", "second"):
        assert aicourse("build", str(small_course), "--out", str(tmp_path / out)).returncode == 0
    done = aicourse("diff", str(tmp_path / "first"), str(tmp_path / "second"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 4 and all(
        line.endswith("(1.0.0 -> 1.0.0): replace safely") for line in lines
    )
    assert done.stderr == "4 package(s): 4 replace safely, 0 keep progress but, 0 lose progress\n"
    reports = aicourse(
        "diff", str(tmp_path / "first" / "build-report.json"), str(tmp_path / "second"), "--json"
    )
    data = json.loads(reports.stdout)
    assert data["verdict"] == "replace-safely" and data["exit_code"] == 0
    assert [p["verdict"] for p in data["packages"]] == ["replace-safely"] * 4


def test_keep_progress_but(small_course: Path, aicourse: Run) -> None:
    new = _copy(small_course, "v2", "answer: true", "answer: false", "questions/fragor.sv.yaml")
    english = new / "questions" / "fragor.en.yaml"
    english.write_text(english.read_text().replace("answer: true", "answer: false"))
    done = aicourse("diff", str(small_course), str(new), "--profile", "intern")
    assert done.returncode == 4, done.stderr
    assert done.stdout.splitlines()[0] == (
        "minikurs intern/sv scorm12 (1.0.0 -> 1.0.0): learners keep progress, but questions "
        "changed under the same id; the version did not change"
    )
    assert "  questions:\n    ! question 'slutprov/data': the correct answer changed" in done.stdout
    data = json.loads(aicourse("diff", str(small_course), str(new), "--json").stdout)
    [first, *_] = data["packages"]
    assert data["exit_code"] == 4 and first["verdict"] == "keep-progress-but"
    assert {c["group"] for c in first["changes"]} == {"questions", "version"}
    assert set(first) == {
        "course",
        "profile",
        "language",
        "format",
        "old_version",
        "new_version",
        "verdict",
        "summary",
        "changes",
    }


def test_lose_progress(small_course: Path, aicourse: Run) -> None:
    new = _copy(small_course, "v2")
    profile = new / "profiles" / "publik.yaml"
    profile.write_text(profile.read_text() + "cmi5:\n  au_per_module: true\n", encoding="utf-8")
    done = aicourse("diff", str(small_course), str(new))
    assert done.returncode == 5, done.stderr
    assert "minikurs publik/sv cmi5 (1.0.0 -> 1.0.0): learners lose progress: an AU is gone" in (
        done.stdout
    )


def test_errors_in_a_manuscript(small_course: Path, aicourse: Run) -> None:
    new = _copy(small_course, "v2", "answer: b", "answer: x", "questions/fragor.en.yaml")
    done = aicourse("diff", str(small_course), str(new))
    assert done.returncode == 1
    assert "v2/questions/fragor.en.yaml:" in done.stdout and "error[AIC023]" in done.stdout
    assert done.stderr.endswith("cannot compare: fix the errors above first\n")


def test_usage_errors_are_one_line(small_course: Path, tmp_path: Path, aicourse: Run) -> None:
    done = aicourse("diff", "no-such-revision", str(small_course), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("aicourse diff: ")
    report = tmp_path / "build-report.json"
    report.write_text("{}")
    done = aicourse("diff", str(report), str(small_course))
    assert done.returncode == 2 and "not a build report" in done.stderr
