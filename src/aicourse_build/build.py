"""`aicourse build`: check everything, then render and package each profile and format."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aicourse_build.confirm import Mark
from aicourse_build.diagnostics import Diagnostic, Report, display_path
from aicourse_build.diff.read import footprint_of_files
from aicourse_build.duration import estimate
from aicourse_build.formats import FORMATS
from aicourse_build.package.archive import write_zip
from aicourse_build.package.targets import Package
from aicourse_build.packages import Rendered
from aicourse_build.pipeline import CourseCheck, check_course_dir


@dataclass
class Built:
    path: Path
    profile: str
    lang: str
    format: str
    files: int
    size: int
    runtime_bytes: int
    runtime_gzip: int
    minutes: float
    left_out: list[dict[str, str]]
    state_size: int  # the longest resume state the runtime can write (characters)
    state_limit: int  # what the format keeps
    file_sizes: dict[str, int] = field(default_factory=dict)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    # what `aicourse diff` compares (diff/footprint.py), so two reports compare like two zips
    footprint: dict[str, Any] = field(default_factory=dict)

    def report(self) -> dict[str, Any]:
        return {
            "file": self.path.name,
            "profile": self.profile,
            "language": self.lang,
            "format": self.format,
            "files": self.files,
            "bytes": self.size,
            "runtime_bytes": self.runtime_bytes,
            "runtime_gzip_bytes": self.runtime_gzip,
            "estimated_minutes": round(self.minutes, 1),
            "left_out": self.left_out,
            "resume_state": {"worst_case": self.state_size, "limit": self.state_limit},
            "contents": [{"path": p, "bytes": n} for p, n in sorted(self.file_sizes.items())],
            "warnings": self.warnings,
            "footprint": self.footprint,
        }


@dataclass
class BuildResult:
    report: Report
    built: list[Built] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)  # facts to confirm (confirm.py)


def _runtime_gzip(package: Package) -> int:
    runtime = b"".join(
        package.files[name]
        for name in sorted(package.files)
        if name in ("runtime.js", "runtime.css", "theme/theme.css")
    )
    return len(gzip.compress(runtime, compresslevel=9, mtime=0))


def build_one(rendered: Rendered, out: Path, state_size: int) -> Built:
    """One checked package, written as a zip."""
    job, package, site = rendered.job, rendered.package, rendered.site
    path = write_zip(package, out / job.name)
    return Built(
        path=path,
        profile=job.first.profile.name,
        lang=job.lang,
        format=job.format,
        files=len(package.files),
        size=path.stat().st_size,
        runtime_bytes=site.runtime_bytes,
        runtime_gzip=_runtime_gzip(package),
        minutes=estimate(job.first).total,
        left_out=[{"kind": x.kind, "name": x.name, "reason": x.reason} for x in job.first.left_out],
        state_size=state_size,
        state_limit=FORMATS[job.format].state_limit,
        file_sizes={name: len(data) for name, data in package.files.items()},
        footprint=footprint_of_files(package.files).to_json(),
    )


def build_courses(
    courses: list[Path],
    out: Path,
    profiles: list[str] | None = None,
    formats: list[str] | None = None,
    progress: Callable[[str], None] = lambda line: None,
    strict: bool = False,
    release: bool = False,
) -> BuildResult:
    """Check every course; when nothing is wrong, write every package and the report.
    `release`: nor while a fact is marked to confirm (`result.marks`)."""
    report = Report()
    checks = [check_course_dir(root, report, profiles, formats) for root in courses]
    result = BuildResult(report, marks=[m for c in checks for m in c.marks])
    if report.has_errors or (strict and report.has_warnings) or (release and result.marks):
        return result
    report.extend(_against_last_build(checks, out))
    for check in checks:
        result.skipped += check.skipped
        for rendered in check.packages:
            first = rendered.job.first
            built = build_one(rendered, out, check.state_sizes[(first.profile.name, first.lang)])
            built.warnings = _warnings_for(report, check.root, rendered.job.first.profile.name)
            result.built.append(built)
            progress(f"{built.path.name}  {built.size / 1024:.0f} KB")
    _write_report(result, report, out)
    return result


def _against_last_build(checks: list[CourseCheck], out: Path) -> list[Diagnostic]:
    """The update rules against the report about to be overwritten; warnings only, and nothing
    when there is none or it is from an aicourse that wrote no footprints."""
    from aicourse_build.diff.rules import read_previous, update_rules
    from aicourse_build.diff.sources import SourceError

    last = out / "build-report.json"
    if not last.is_file():
        return []
    try:
        previous = read_previous(last)
    except SourceError:
        return []
    return update_rules(checks, previous, strict_answers=False)


def _warnings_for(report: Report, root: Path, profile: str) -> list[dict[str, Any]]:
    """The warnings that concern one package: its course's, for all profiles or for its own."""
    course_root = display_path(root)
    return [
        {
            "path": d.span.path,
            "line": d.span.line,
            "col": d.span.col,
            "code": d.code,
            "message": d.message,
        }
        for d in report.sorted()
        if d.span.path == course_root
        or (
            d.span.path.startswith(course_root + "/")
            and (d.profile is None or profile in d.profile.split(","))
        )
    ]


def _write_report(result: BuildResult, report: Report, out: Path) -> None:
    data = {"packages": [b.report() for b in result.built], "skipped": result.skipped}
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    out.mkdir(parents=True, exist_ok=True)
    temp = out / ".build-report.json.part"
    temp.write_text(text, encoding="utf-8")
    temp.replace(out / "build-report.json")
