"""The one place that orders the stages.

load (manuscript) -> validate -> load assets and themes -> check -> resolve -> lint -> render

Everything a course and its themes use is read and checked before anything is written; when no
error is found, every package is rendered in memory here too, so that `build` writes only what
`check` rendered and `preview` serves the same files. Later stages get data, never a path.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from aicourse_build.confirm import Mark, collect_marks
from aicourse_build.diagnostics import Report
from aicourse_build.duration import Estimate, estimate
from aicourse_build.figures import lint_figures, measure_figures
from aicourse_build.lints import lint_course, lint_resolved, worst_case_state
from aicourse_build.model.checks import check_course, reserved_id_problems
from aicourse_build.model.measures import check_measures
from aicourse_build.model.theme import Theme
from aicourse_build.model.tree import Course
from aicourse_build.model.validate import validate_tree
from aicourse_build.packages import Rendered, buildable, jobs, name_clashes
from aicourse_build.render.checked import ScanCache, render_checked
from aicourse_build.render.policy import CONFIG_ID
from aicourse_build.render.site import PageCache
from aicourse_build.render.themes import check_templates, reserved_ids
from aicourse_build.resolve import ResolvedCourse, resolve_profile
from aicourse_build.source.assets import load_assets
from aicourse_build.source.project import load_course
from aicourse_build.source.theme_source import load_theme
from aicourse_build.translations import check_translations


@dataclass
class CourseCheck:
    root: Path
    course: Course | None
    resolved: list[ResolvedCourse] = field(default_factory=list)
    estimates: dict[tuple[str, str], Estimate] = field(default_factory=dict)
    # (profile, language) -> the longest resume state the runtime can write, in characters
    state_sizes: dict[tuple[str, str], int] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)  # by name
    # every package, rendered in memory; empty when the course has errors
    packages: list[Rendered] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # packages of formats not built yet
    marks: list[Mark] = field(default_factory=list)  # facts to confirm (confirm.py)


def _use_formats(course: Course, formats: list[str], profiles: list[str] | None) -> None:
    """`build --format`: the profiles built use these formats instead of their own, and are
    checked for them (an xAPI format needs the profile's base IRI, the state must fit...)."""
    for name, profile in course.profiles.items():
        if profiles and name not in profiles:
            continue
        model = profile.model.model_copy(update={"formats": list(formats)})
        course.profiles[name] = dataclasses.replace(profile, model=model)


def _load_themes(course: Course, root: Path, report: Report) -> dict[str, Theme]:
    """Each theme a profile names, read once with what it extends, its templates parsed."""
    themes: dict[str, Theme] = {}
    failed: set[str] = set()
    for _name, profile in sorted(course.profiles.items()):
        wanted = profile.model.theme
        if wanted in themes or wanted in failed:
            continue
        theme, problems = load_theme(wanted, root, profile.source.index.value_span(("theme",)))
        report.extend(problems)
        if theme is None:
            failed.add(wanted)
            continue
        problems = check_templates(theme)
        report.extend(problems)
        if problems:
            failed.add(wanted)
            continue
        themes[wanted] = theme
    return themes


def _reserved(themes: dict[str, Theme]) -> dict[str, str]:
    """HTML ids a page or block may not take: the runtime's, and those themes write."""
    taken = {CONFIG_ID: "the runtime (its configuration)"}
    for _name, theme in sorted(themes.items()):
        for element_id, where in reserved_ids(theme).items():
            taken.setdefault(element_id, f"the theme itself ({where})")
    return taken


def check_course_dir(
    root: Path,
    report: Report,
    profiles: list[str] | None = None,
    formats: list[str] | None = None,
) -> CourseCheck:
    """Everything `check` does for one course folder; diagnostics go to `report`.

    `formats` replaces the profiles' own formats (build --format).
    """
    tree = load_course(root)
    report.extend(tree.diagnostics)
    course, problems = validate_tree(tree)
    report.extend(problems)
    result = CourseCheck(root, course)
    if course is None:
        return result
    if formats:
        _use_formats(course, formats, profiles)
    result.marks, problems = collect_marks(course)
    report.extend(problems)
    course.assets, problems = load_assets(course, root)
    report.extend(problems)
    course.figures = measure_figures(course.assets)
    result.themes = _load_themes(course, root, report)
    report.extend(check_course(course))
    report.extend(check_measures(course))
    report.extend(reserved_id_problems(course, _reserved(result.themes)))
    report.extend(check_translations(course))
    report.extend(lint_course(course))
    report.extend(lint_figures(course))
    clean = not report.has_errors
    for name, profile in sorted(course.profiles.items()):
        if profiles and name not in profiles:
            continue
        for lang in profile.model.languages:
            if lang not in course.meta.languages:
                continue  # reported by the profile checks
            resolved, found = resolve_profile(course, profile, lang, followups=clean)
            report.extend(found)
            result.resolved.append(resolved)
            result.estimates[(name, lang)] = estimate(resolved)
            result.state_sizes[(name, lang)] = worst_case_state(resolved)
    report.extend(name_clashes(jobs(result.resolved, formats)))
    # the estimate of a course with errors counts only what loaded: say nothing about it then
    with_duration = not report.has_errors
    for resolved in result.resolved:
        key = (resolved.profile.name, resolved.lang)
        minutes = result.estimates[key].total if with_duration else None
        report.extend(lint_resolved(resolved, minutes, result.state_sizes[key]))
    if not report.has_errors:
        _render(result, course, formats, report)
    return result


def _render(result: CourseCheck, course: Course, formats: list[str] | None, report: Report) -> None:
    pages: PageCache = {}  # each page rendered once, for all formats
    scans: ScanCache = {}  # and scanned once
    for job in jobs(result.resolved, formats):
        if not buildable(job):
            result.skipped.append(f"{job.name}: {job.format} is not built yet")
            continue
        theme = result.themes[job.first.profile.model.theme]
        where = job.first.profile.source.index.value_span(("theme",))
        rendered, problems = render_checked(job, theme, course, where, pages, scans)
        report.extend(problems)
        if rendered is not None:
            result.packages.append(rendered)
    if report.has_errors:
        result.packages.clear()  # nothing half-checked is handed on
