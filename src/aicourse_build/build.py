"""`aicourse build`: check everything, then render and package each profile and format."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aicourse_build.diagnostics import Report, display_path
from aicourse_build.duration import estimate
from aicourse_build.package.archive import write_zip
from aicourse_build.package.targets import TARGETS, Package
from aicourse_build.pipeline import CourseCheck, check_course_dir
from aicourse_build.render.site import Site, render_languages, render_site, runtime_adapters
from aicourse_build.render.themes import Theme, load_theme
from aicourse_build.resolve import ResolvedCourse


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
    file_sizes: dict[str, int] = field(default_factory=dict)
    warnings: list[dict[str, Any]] = field(default_factory=list)

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
            "contents": [{"path": p, "bytes": n} for p, n in sorted(self.file_sizes.items())],
            "warnings": self.warnings,
        }


@dataclass
class BuildResult:
    report: Report
    built: list[Built] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def package_name(resolved: ResolvedCourse, fmt: str, every_language: bool = False) -> str:
    """`<course>-<version>-<profile>[-<lang>]-<format>.zip`; no language for the course's own
    language, nor for a package holding every language of its profile (a language switch)."""
    meta = resolved.course.meta
    own = every_language or resolved.lang == meta.language
    lang = "" if own else f"-{resolved.lang}"
    return f"{meta.id}-{meta.version}-{resolved.profile.name}{lang}-{fmt}.zip"


def _runtime_gzip(package: Package) -> int:
    runtime = b"".join(
        package.files[name]
        for name in sorted(package.files)
        if name in ("runtime.js", "runtime.css", "theme/theme.css")
    )
    return len(gzip.compress(runtime, compresslevel=9, mtime=0))


def render_package(languages: list[ResolvedCourse], theme: Theme, fmt: str) -> tuple[Package, Site]:
    """A package's files in memory: of one language, or of several with a switch (the first
    launches). `preview` serves these; `build` zips them."""
    resolved = languages[0]
    several = len(languages) > 1
    site = render_languages(languages, theme, fmt) if several else render_site(resolved, theme, fmt)
    return TARGETS()[fmt].build(resolved, site), site


def build_one(languages: list[ResolvedCourse], theme: Theme, fmt: str, out: Path) -> Built:
    """One package, written as a zip."""
    resolved = languages[0]
    package, site = render_package(languages, theme, fmt)
    path = write_zip(package, out / package_name(resolved, fmt, len(languages) > 1))
    return Built(
        path=path,
        profile=resolved.profile.name,
        lang="+".join(r.lang for r in languages),
        format=fmt,
        files=len(package.files),
        size=path.stat().st_size,
        runtime_bytes=site.runtime_bytes,
        runtime_gzip=_runtime_gzip(package),
        minutes=estimate(resolved).total,
        left_out=[{"kind": x.kind, "name": x.name, "reason": x.reason} for x in resolved.left_out],
        file_sizes={name: len(data) for name, data in package.files.items()},
    )


def language_groups(check: CourseCheck) -> list[list[ResolvedCourse]]:
    """The languages of each package: one language each, or every language of a profile with
    `language_switch` in one package."""
    by_profile: dict[str, list[ResolvedCourse]] = {}
    for resolved in check.resolved:
        by_profile.setdefault(resolved.profile.name, []).append(resolved)
    groups: list[list[ResolvedCourse]] = []
    for languages in by_profile.values():
        switch = languages[0].profile.model.language_switch
        groups += [languages] if switch else [[r] for r in languages]
    return groups


def _jobs(check: CourseCheck, formats: list[str] | None) -> list[tuple[list[ResolvedCourse], str]]:
    """(languages of one package, format) for every package to write."""
    return [
        (group, fmt)
        for group in language_groups(check)
        for fmt in formats or list(group[0].profile.model.formats)
    ]


def build_courses(
    courses: list[Path],
    out: Path,
    profiles: list[str] | None = None,
    formats: list[str] | None = None,
    progress: Callable[[str], None] = lambda line: None,
    strict: bool = False,
) -> BuildResult:
    """Check every course; when nothing is wrong, write every package and the report."""
    report = Report()
    checks = [check_course_dir(root, report, profiles) for root in courses]
    result = BuildResult(report)
    if report.has_errors or (strict and report.has_warnings):
        return result
    themes: dict[tuple[Path, str], Theme] = {}
    for check in checks:
        for languages, fmt in _jobs(check, formats):
            resolved = languages[0]
            if fmt not in runtime_adapters():
                result.skipped.append(f"{package_name(resolved, fmt)}: {fmt} is not built yet")
                continue
            key = (check.root, resolved.profile.model.theme)
            if key not in themes:
                themes[key] = load_theme(resolved.profile.model.theme, check.root)
            built = build_one(languages, themes[key], fmt, out)
            built.warnings = _warnings_for(report, check.root, resolved.profile.name)
            result.built.append(built)
            progress(f"{built.path.name}  {built.size / 1024:.0f} KB")
    _write_report(result, report, out)
    return result


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
        if d.span.path.startswith(course_root)
        and (d.profile is None or profile in d.profile.split(","))
    ]


def _write_report(result: BuildResult, report: Report, out: Path) -> None:
    data = {"packages": [b.report() for b in result.built], "skipped": result.skipped}
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    out.mkdir(parents=True, exist_ok=True)
    temp = out / ".build-report.json.part"
    temp.write_text(text, encoding="utf-8")
    temp.replace(out / "build-report.json")
