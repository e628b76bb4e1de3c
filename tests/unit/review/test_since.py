"""The earlier version `review --since` reads: each kind of REF, and the ones it refuses."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from since_helpers import copy, edit_start, git, replace, set_version

from aicourse_build.build import build_courses
from aicourse_build.diff.sources import temporary
from aicourse_build.review.since import PROBLEMS, USAGE, SinceError, read_before


@pytest.fixture
def built(small_course: Path, tmp_path: Path) -> Path:
    out = tmp_path / "dist"
    build_courses([small_course], out)
    return out


def test_a_build_report_and_a_zip_give_footprints_only(
    small_course: Path, built: Path, tmp_path: Path
) -> None:
    report = read_before(str(built / "build-report.json"), small_course, "minikurs", tmp_path)
    assert report.course is None  # no texts: the review cannot show how a page changed
    assert report.version == "1.0.0"
    assert report.source == f"byggrapporten {built / 'build-report.json'}"
    assert {f.profile for f in report.footprints} == {"intern", "publik"}
    [package] = sorted(built.glob("*intern*.zip"))
    zipped = read_before(str(package), small_course, "minikurs", tmp_path)
    assert zipped.course is None and zipped.source == f"paketet {package.name}"
    assert [f.profile for f in zipped.footprints] == ["intern"]
    # a package has its pages' texts (as it shows them), a report has none
    assert report.packages is None
    assert zipped.packages is not None and list(zipped.packages) == [("intern", "sv", "scorm12")]
    assert "grunderna" in zipped.packages[("intern", "sv", "scorm12")]["start"]
    assert not zipped.whole
    folder = read_before(str(built), small_course, "minikurs", tmp_path)
    assert folder.course is None and len(folder.footprints) == len(report.footprints)
    assert folder.whole and folder.packages is not None
    assert len(folder.packages) == len(folder.footprints)


def test_a_manuscript_folder_gives_its_texts(small_course: Path, tmp_path: Path) -> None:
    old = copy(small_course, tmp_path / "v1")
    before = read_before(str(old), small_course, "minikurs", tmp_path / "work")
    assert before.course is not None and before.course.meta.version == "1.0.0"
    assert before.source == f"manuset i {old}"
    by_file = read_before(str(old / "course.yaml"), small_course, "minikurs", tmp_path)
    assert by_file.course is not None


def test_a_folder_of_courses_gives_the_course_of_that_name(
    small_course: Path, tmp_path: Path
) -> None:
    copy(small_course, tmp_path / "content" / small_course.name)
    before = read_before(str(tmp_path / "content"), small_course, "minikurs", tmp_path / "w")
    assert before.course is not None
    (tmp_path / "empty").mkdir()
    with pytest.raises(SinceError, match="no course folder 'course' in it") as caught:
        read_before(str(tmp_path / "empty"), small_course, "minikurs", tmp_path / "x")
    assert caught.value.exit_code == USAGE


def test_a_git_revision_is_read_out_of_git(
    small_course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    course = copy(small_course, repo / "kurs")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "v1")
    git(repo, "tag", "v1.0.0")
    edit_start(course)
    set_version(course, "1.1.0")
    git(repo, "commit", "-q", "-am", "v2")
    monkeypatch.chdir(repo)
    themes = os.environ.get("AICOURSE_THEMES")
    with temporary() as work:
        before = read_before("v1.0.0", Path("kurs"), "minikurs", Path(work))
    assert before.source == "git-versionen v1.0.0"
    assert before.version == "1.0.0"
    assert before.course is not None
    start = before.course.page("start", "sv")
    assert start is not None and "grunderna" in start.blocks[0].block.body  # type: ignore[union-attr]
    assert os.environ.get("AICOURSE_THEMES") == themes  # put back after the old check
    with pytest.raises(SinceError, match="no-such-tag: no such file or git revision") as caught:
        read_before("no-such-tag", Path("kurs"), "minikurs", tmp_path / "x")
    assert caught.value.exit_code == USAGE


def test_an_old_manuscript_with_errors_is_one_line(
    small_course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    course = copy(small_course, repo / "kurs")
    replace(course / "course.yaml", "version: 1.0.0", "version: ett")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "broken")
    monkeypatch.chdir(repo)
    with temporary() as work, pytest.raises(SinceError) as caught:
        read_before("HEAD", Path("kurs"), "minikurs", Path(work))
    message = str(caught.value)
    assert caught.value.exit_code == PROBLEMS
    assert "\n" not in message
    # named by revision and path in the repository, not by the temporary copy
    assert message.startswith("HEAD: the manuscript there has errors, so it cannot be compared: ")
    assert "HEAD:kurs/course.yaml:" in message


def test_refs_that_cannot_be_used(small_course: Path, built: Path, tmp_path: Path) -> None:
    def refused(ref: Path | str, match: str) -> None:
        with pytest.raises(SinceError, match=match) as caught:
            read_before(str(ref), small_course, "minikurs", tmp_path / "w")
        assert caught.value.exit_code == USAGE and "\n" not in str(caught.value)

    text = tmp_path / "notes.txt"
    text.write_text("x", encoding="utf-8")
    refused(text, "not a package zip, build report, course folder or revision")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    refused(broken, "not a readable build report")
    other = tmp_path / "other.json"
    data = json.loads((built / "build-report.json").read_text(encoding="utf-8"))
    for package in data["packages"]:
        package["footprint"]["course"] = "en-annan-kurs"
    other.write_text(json.dumps(data), encoding="utf-8")
    refused(other, "has no package of the course 'minikurs'")
    bad_zip = tmp_path / "x.zip"
    bad_zip.write_bytes(b"not a zip")
    refused(bad_zip, "not a package aicourse built")
