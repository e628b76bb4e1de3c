"""What `diff` compares: each side is package zips, a build report, manuscript folders or a git
revision of them, read into footprints.

A manuscript goes through the whole check in memory (load -> validate -> resolve -> render ->
package) and nothing is written; a revision's files are taken out of git with `git archive`
into a temporary folder and checked the same way: nothing of the repository is run.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from aicourse_build.diagnostics import Report
from aicourse_build.diff.footprint import FOOTPRINT_VERSION, Footprint
from aicourse_build.diff.read import NotAPackageError, footprint_of_files, footprint_of_zip

GIT_TIMEOUT = 60  # seconds; a local archive of a course takes well under one


class SourceError(Exception):
    """A side that cannot be read: one line for the user (exit code 2, as a usage error)."""


@dataclass
class Side:
    label: str  # as the user named it
    footprints: list[Footprint] = field(default_factory=list)
    report: Report = field(default_factory=Report)  # diagnostics of a manuscript


def footprints_of_report(path: Path) -> list[Footprint]:
    """The footprints build-report.json keeps per package."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(f"{path}: not a readable build report ({exc})") from exc
    packages = data.get("packages") if isinstance(data, dict) else None
    if not isinstance(packages, list):
        raise SourceError(f"{path}: not a build report (no 'packages')")
    return [_footprint(path, p) for p in packages]


def _footprint(path: Path, package: Any) -> Footprint:
    found = package.get("footprint") if isinstance(package, dict) else None
    if not isinstance(found, dict):
        raise SourceError(
            f"{path}: a package has no footprint (an older aicourse wrote this report; "
            "build again, or compare the zips)"
        )
    if found.get("footprint") != FOOTPRINT_VERSION:
        raise SourceError(f"{path}: footprint version {found.get('footprint')} is not known here")
    try:
        return Footprint.model_validate(found)
    except ValidationError as exc:
        raise SourceError(
            f"{path}: a footprint does not read ({exc.error_count()} problem(s))"
        ) from exc


def footprints_of_zip(path: Path) -> list[Footprint]:
    try:
        return [footprint_of_zip(path)]
    except (NotAPackageError, ValueError) as exc:
        raise SourceError(f"{path}: not a package aicourse built ({exc})") from exc


def footprints_of_courses(courses: list[Path], profiles: list[str] | None) -> Side:
    """Every package of the courses, checked and rendered in memory."""
    from aicourse_build.pipeline import check_course_dir

    side = Side(", ".join(str(c) for c in courses))
    for root in courses:
        check = check_course_dir(root, side.report, profiles)
        side.footprints += [footprint_of_files(r.package.files) for r in check.packages]
    return side


def read_side(
    name: str, courses: list[Path] | None, profiles: list[str] | None, work: Path
) -> Side:
    """OLD or NEW as given: a zip, a build report, a folder of zips, course folders, or a git
    revision (of `courses`, default content/). `work` is an empty folder for a revision's files."""
    path = Path(name)
    if path.is_file() and path.suffix == ".zip":
        return Side(name, footprints_of_zip(path))
    if path.is_file() and path.suffix == ".json":
        return Side(name, footprints_of_report(path))
    if path.is_file() and path.name == "course.yaml":
        return footprints_of_courses([path.parent], profiles)
    if path.is_dir():
        return _folder(path, profiles)
    if path.exists():
        raise SourceError(f"{name}: not a package zip, build report or course folder")
    return _revision(name, courses or [Path("content")], profiles, work)


def _folder(path: Path, profiles: list[str] | None) -> Side:
    from aicourse_build.source.project import find_courses

    zips = sorted(path.glob("*.zip"))
    if zips and not (path / "course.yaml").is_file():
        return Side(str(path), _packages_in(path, zips))
    courses, problems = find_courses([path])
    if problems:
        raise SourceError("; ".join(problems))
    return footprints_of_courses(courses, profiles)


def _packages_in(folder: Path, zips: list[Path]) -> list[Footprint]:
    """The packages of a folder such as dist/: those of its last build when its report lists
    them (older versions' zips may lie beside them), else every zip, each package once."""
    report = folder / "build-report.json"
    if report.is_file():
        try:
            return footprints_of_report(report)
        except SourceError:
            pass  # an older report: the zips themselves
    found: dict[tuple[str, str, str, str], Path] = {}
    footprints = []
    for path in zips:
        [footprint] = footprints_of_zip(path)
        other = found.setdefault(footprint.key, path)
        if other != path:
            raise SourceError(
                f"{folder}: {other.name} and {path.name} are both the {footprint.label} package; "
                "name the zip to compare"
            )
        footprints.append(footprint)
    return footprints


def _git(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    git = shutil.which("git")
    if git is None:
        raise SourceError("git is not installed: cannot read a revision (give folders or zips)")
    try:
        return subprocess.run(
            [git, *args], cwd=cwd, capture_output=True, timeout=GIT_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SourceError(f"git failed: {exc}") from exc


def _revision(rev: str, courses: list[Path], profiles: list[str] | None, work: Path) -> Side:
    side = footprints_of_courses(checkout(rev, courses, work), profiles)
    side.label = rev
    side.report = relabel(side.report, work / "tree", rev)
    return side


def checkout(rev: str, courses: list[Path], work: Path) -> list[Path]:
    """The course folders as they are at a git revision, copied out of git under `work` (with
    the themes, when the revision has them); nothing of the repository is run. `review --since`
    reads the old manuscript itself from them, for its texts."""
    top = _git(["rev-parse", "--show-toplevel"])
    if top.returncode != 0:
        raise SourceError(f"{rev}: no such file, and this is not a git repository")
    root = Path(top.stdout.decode().strip())
    if (
        rev.startswith("-")
        or _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"]).returncode
    ):
        raise SourceError(f"{rev}: no such file or git revision")
    wanted = [_relative(c, root) for c in courses]
    # a course's themes come along: theme_dirs() finds them beside or above the course
    if _git(["cat-file", "-e", f"{rev}:themes"], cwd=root).returncode == 0:
        wanted.append("themes")
    archive = _git(["archive", "--format=tar", rev, "--", *wanted], cwd=root)
    if archive.returncode != 0:
        message = archive.stderr.decode(errors="replace").strip().splitlines()
        raise SourceError(f"{rev}: {message[-1] if message else 'git archive failed'}")
    work.mkdir(parents=True, exist_ok=True)
    tar = work / "revision.tar"
    tar.write_bytes(archive.stdout)
    with tarfile.open(tar) as handle:
        handle.extractall(work / "tree", filter="data")  # no links out, no devices
    return [work / "tree" / c for c in wanted if c != "themes"]


def _relative(course: Path, root: Path) -> str:
    try:
        return course.resolve().relative_to(root.resolve()).as_posix()
    except ValueError as exc:
        raise SourceError(f"{course}: not inside the git repository {root}") from exc


def relabel(report: Report, tree: Path, rev: str) -> Report:
    """Diagnostics of a revision name `<rev>:<path in the repository>`, not the temporary copy."""
    from aicourse_build.diagnostics import display_path

    prefix = display_path(tree) + "/"
    out = Report()
    for d in report.items:
        path = d.span.path
        if path.startswith(prefix):
            span = dataclasses.replace(d.span, path=f"{rev}:{path[len(prefix) :]}")
            d = dataclasses.replace(d, span=span)
        out.add(d)
    return out


def temporary() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="aicourse-diff-")
