"""The old side of `review --since REF`: the course as it was at an earlier version.

REF is read the way `aicourse diff` reads a side (diff/sources.py). A manuscript folder or a git
revision is checked in memory like the current course, so the review compares its own rendering
of both; a package zip (or a folder of them) has its pages' texts as the package shows them,
compared with the new packages'; a build report holds footprints only (ids and fingerprints),
so the review can say that a page changed but not how.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html

from aicourse_build.diagnostics import Report
from aicourse_build.diff.footprint import Footprint
from aicourse_build.diff.read import NotAPackageError, files_of_zip, footprint_of_files
from aicourse_build.diff.sources import (
    SourceError,
    checkout,
    footprints_of_report,
    footprints_of_zip,
    read_side,
    relabel,
)
from aicourse_build.model.tree import Course
from aicourse_build.pipeline import CourseCheck, check_course_dir
from aicourse_build.review.textdiff import words
from aicourse_build.themes import theme_dirs

# exit codes as the other commands use them (cli/app.py): a wrong REF is a usage error, an old
# manuscript with errors is a problem of the manuscript
USAGE = 2
PROBLEMS = 1


# why the text of a changed page cannot be shown, said to the steering group
_REPORT = "en byggrapport innehåller bara fingeravtryck av sidorna, inte deras text"

# a package as the review pairs it: (profile, language, format)
PackageKey = tuple[str, str, str]
PageTexts = dict[str, list[str]]  # page id -> its words as the package shows them


class SinceError(Exception):
    """REF cannot be used: one line for the user, and the exit code to leave with."""

    def __init__(self, message: str, exit_code: int = USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class Before:
    """The earlier version: its packages' footprints and, for a manuscript, the course itself."""

    ref: str  # as the user gave it
    source: str  # how the review names it, in Swedish: "git-versionen v1.0.0"
    footprints: list[Footprint]
    course: Course | None = None
    # without the earlier manuscript: why the review cannot show how a page's text changed
    no_text: str = ""
    whole: bool = True  # every profile of the earlier version is here (a zip is one package)
    # packages: each one's page texts, compared with the new packages' (not with the review's)
    packages: dict[PackageKey, PageTexts] | None = None

    @property
    def version(self) -> str:
        """The course version the earlier packages carry (the first, should they differ)."""
        return self.footprints[0].version if self.footprints else "?"


def footprints_of_check(checked: CourseCheck) -> list[Footprint]:
    """The footprints of the packages a check rendered in memory, as `build` would write them."""
    return [footprint_of_files(rendered.package.files) for rendered in checked.packages]


def key_of(footprint: Footprint) -> PackageKey:
    return (footprint.profile, footprint.language, footprint.format)


def page_texts(files: Mapping[str, bytes]) -> PageTexts:
    """The words of each page of a package, as its launch page shows them (index.html)."""
    tree = lxml.html.document_fromstring(files["index.html"])
    texts: PageTexts = {}
    sections: Any = tree.xpath("//*[@data-ac-page][not(self::a)]")
    for found in sections:
        section = copy.deepcopy(found)
        # the "new" badge marks the last page; it is no text of the page (as diff/read.py)
        for badge in section.xpath(".//*[@data-ac='badge']"):
            badge.getparent().remove(badge)
        html = lxml.html.tostring(section, encoding="unicode")
        texts.setdefault(str(section.get("data-ac-page")), words(html))
    return texts


def texts_of_check(checked: CourseCheck) -> dict[PackageKey, PageTexts]:
    """The page texts of every package a check rendered, by package."""
    return {
        key_of(footprint_of_files(r.package.files)): page_texts(r.package.files)
        for r in checked.packages
    }


def _zips(ref: str, path: Path, footprints: list[Footprint]) -> Before:
    """Packages: their footprints, and the page texts of the zips those footprints are of."""
    before = Before(
        ref, f"paketen i {ref}" if path.is_dir() else f"paketet {path.name}", footprints
    )
    before.packages = {}
    for zipped in sorted(path.glob("*.zip")) if path.is_dir() else [path]:
        try:
            files = files_of_zip(zipped)
            footprint = footprint_of_files(files)
        except (NotAPackageError, ValueError, KeyError):
            continue  # not one of the last build's packages (read_side read those)
        if footprint in footprints:  # not an older version's zip beside the last build's
            before.packages[key_of(footprint)] = page_texts(files)
    before.whole = path.is_dir()
    return before


def read_before(ref: str, course_root: Path, course_id: str, work: Path) -> Before:
    """REF as the review's earlier version of the course `course_id` (at `course_root` now).

    `work` is an empty folder for a revision's files. Raises SinceError."""
    path = Path(ref)
    try:
        if path.is_file() and path.suffix == ".zip":
            before = _zips(ref, path, footprints_of_zip(path))
        elif path.is_file() and path.suffix == ".json":
            source = f"byggrapporten {ref}"
            before = Before(ref, source, footprints_of_report(path), None, _REPORT)
        elif path.is_file() and path.name == "course.yaml":
            before = _manuscript(ref, path.parent, f"manuset i {path.parent}", course_root)
        elif (path / "course.yaml").is_file():
            before = _manuscript(ref, path, f"manuset i {ref}", course_root)
        elif path.is_dir() and not any(path.glob("*.zip")):
            # a folder of courses, such as an earlier copy of content/: the course of that name
            name = course_root.resolve().name
            if not (path / name / "course.yaml").is_file():
                raise SinceError(f"{ref}: no course folder '{name}' in it (name the course folder)")
            before = _manuscript(ref, path / name, f"manuset i {path / name}", course_root)
        elif path.is_dir():
            # a folder of packages such as dist/: those of its last build
            before = _zips(ref, path, read_side(ref, None, None, work).footprints)
        elif path.exists():
            raise SinceError(f"{ref}: not a package zip, build report, course folder or revision")
        else:
            [folder] = checkout(ref, [course_root], work)
            source = f"git-versionen {ref}"
            before = _manuscript(ref, folder, source, course_root, tree=work / "tree")
    except SourceError as exc:
        raise SinceError(str(exc)) from exc
    before.footprints = [f for f in before.footprints if f.course == course_id]
    if not before.footprints:
        raise SinceError(f"{ref}: has no package of the course '{course_id}'")
    return before


@contextmanager
def _themes_of(course_root: Path) -> Iterator[None]:
    """The current course's themes first (AICOURSE_THEMES is searched before all others).

    The steering group approves content: an earlier manuscript is rendered with today's themes,
    so a changed theme is no change of its pages, and an old theme that today's aicourse no longer
    renders (a template asking for a string since renamed) does not stop the comparison."""
    saved = os.environ.get("AICOURSE_THEMES")
    os.environ["AICOURSE_THEMES"] = os.pathsep.join(str(p) for p in theme_dirs(course_root))
    try:
        yield
    finally:
        if saved is None:
            del os.environ["AICOURSE_THEMES"]
        else:
            os.environ["AICOURSE_THEMES"] = saved


def _manuscript(
    ref: str, root: Path, source: str, course_root: Path, tree: Path | None = None
) -> Before:
    """An earlier manuscript, checked (and rendered) in memory; nothing is written."""
    report = Report()
    with _themes_of(course_root):
        checked = check_course_dir(root, report)
    if tree is not None:
        report = relabel(report, tree, ref)  # name files `<rev>:<path>`, not the temporary copy
    _refuse_errors(ref, report)
    return Before(ref, source, footprints_of_check(checked), checked.course)


def _refuse_errors(ref: str, report: Report) -> None:
    errors = [d for d in report.sorted() if d.is_error]
    if not errors:
        return
    first = errors[0]
    where = f"{first.span.path}:{first.span.line}:{first.span.col}"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    raise SinceError(
        f"{ref}: the manuscript there has errors, so it cannot be compared: "
        f"{where}: {first.message}{more}",
        PROBLEMS,
    )
