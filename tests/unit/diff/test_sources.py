"""Each kind of side diff reads: zips, folders of zips, build reports, courses, git revisions."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from aicourse_build.build import build_courses
from aicourse_build.diff.sources import (
    SourceError,
    footprints_of_report,
    read_side,
    temporary,
)


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def built(small_course: Path, tmp_path: Path) -> Path:
    out = tmp_path / "dist"
    build_courses([small_course], out)
    return out


def test_zip_folder_report_and_course_read_alike(
    small_course: Path, built: Path, tmp_path: Path
) -> None:
    zip_path = built / "minikurs-1.0.0-intern-scorm12.zip"
    one = read_side(str(zip_path), None, None, tmp_path)
    folder = read_side(str(built), None, None, tmp_path)
    report = read_side(str(built / "build-report.json"), None, None, tmp_path)
    course = read_side(str(small_course), None, None, tmp_path)
    by_yaml = read_side(str(small_course / "course.yaml"), None, None, tmp_path)
    assert len(folder.footprints) == 4
    assert sorted(f.key for f in folder.footprints) == sorted(f.key for f in report.footprints)
    assert {f.key: f for f in folder.footprints} == {f.key: f for f in course.footprints}
    assert by_yaml.footprints == course.footprints
    assert one.footprints[0] in report.footprints


def test_a_manuscript_with_errors_gives_its_diagnostics(small_course: Path, tmp_path: Path) -> None:
    (small_course / "course.yaml").write_text("id: [\n", encoding="utf-8")
    side = read_side(str(small_course), None, None, tmp_path)
    assert side.report.has_errors and side.footprints == []


def test_reports_it_cannot_use(tmp_path: Path, built: Path) -> None:
    old = tmp_path / "old.json"
    data = json.loads((built / "build-report.json").read_text())
    for package in data["packages"]:
        del package["footprint"]
    old.write_text(json.dumps(data))
    with pytest.raises(SourceError, match="an older aicourse wrote this report"):
        footprints_of_report(old)
    old.write_text("{}")
    with pytest.raises(SourceError, match="not a build report"):
        footprints_of_report(old)
    old.write_text("{")
    with pytest.raises(SourceError, match="not a readable build report"):
        footprints_of_report(old)
    text = tmp_path / "notes.txt"
    text.write_text("x")
    with pytest.raises(SourceError, match="not a package zip, build report or course folder"):
        read_side(str(text), None, None, tmp_path)


def test_a_git_revision_is_read_from_git_without_running_it(
    small_course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(small_course, repo / "content" / "minikurs")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "v1")
    _git(repo, "tag", "v1")
    page = repo / "content" / "minikurs" / "pages" / "start.md"
    page.write_text(page.read_text().replace("grunderna", "det viktigaste"), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "v2")
    monkeypatch.chdir(repo)
    course = [Path("content/minikurs")]
    with temporary() as work:
        old = read_side("v1", course, ["intern"], Path(work))
        assert old.label == "v1" and [f.profile for f in old.footprints] == ["intern"]
        new = read_side("HEAD", course, ["intern"], Path(work) / "other")
    [a], [b] = old.footprints, new.footprints
    assert a.pages[0].content != b.pages[0].content and a.pages[1] == b.pages[1]
    with pytest.raises(SourceError, match="no-such-tag: no such file or git revision"):
        read_side("no-such-tag", course, None, tmp_path / "x")


def test_a_broken_revision_names_its_files_by_revision(
    small_course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(small_course, repo / "kurs")
    (repo / "kurs" / "pages" / "start.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "broken")
    monkeypatch.chdir(repo)
    with temporary() as work:
        side = read_side("HEAD", [Path("kurs")], None, Path(work))
    paths = {d.span.path for d in side.report.items if d.is_error}
    assert "HEAD:kurs/pages/start.md" in paths


def test_no_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SourceError, match="git is not installed"):
        read_side("v1.0.0", None, None, tmp_path)
    assert os.environ["PATH"].endswith("nothing")


def test_a_folder_with_older_zips(built: Path, tmp_path: Path) -> None:
    """dist/ keeps the zips of earlier versions: its report says which are of the last build."""
    older = built / "minikurs-0.9.0-intern-scorm12.zip"
    shutil.copy(built / "minikurs-1.0.0-intern-scorm12.zip", older)
    assert len(read_side(str(built), None, None, tmp_path).footprints) == 4
    (built / "build-report.json").unlink()
    with pytest.raises(SourceError, match="are both the minikurs intern/sv scorm12 package"):
        read_side(str(built), None, None, tmp_path)
