"""The one place that orders the stages: load -> validate -> check -> resolve -> lint."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from aicourse_build.diagnostics import Report
from aicourse_build.duration import Estimate, estimate
from aicourse_build.lints import lint_course, lint_resolved
from aicourse_build.model.checks import check_course
from aicourse_build.model.tree import Course
from aicourse_build.model.validate import validate_tree
from aicourse_build.resolve import ResolvedCourse, resolve_profile
from aicourse_build.source.project import load_course
from aicourse_build.translations import check_translations


@dataclass
class CourseCheck:
    root: Path
    course: Course | None
    resolved: list[ResolvedCourse] = field(default_factory=list)
    estimates: dict[tuple[str, str], Estimate] = field(default_factory=dict)


def check_course_dir(root: Path, report: Report, profiles: list[str] | None = None) -> CourseCheck:
    """Everything `check` does for one course folder; diagnostics go to `report`."""
    tree = load_course(root)
    report.extend(tree.diagnostics)
    course, problems = validate_tree(tree)
    report.extend(problems)
    result = CourseCheck(root, course)
    if course is None:
        return result
    report.extend(check_course(course))
    report.extend(check_translations(course))
    report.extend(lint_course(course))
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
    # the estimate of a course with errors counts only what loaded: say nothing about it then
    with_duration = not report.has_errors
    for resolved in result.resolved:
        key = (resolved.profile.name, resolved.lang)
        minutes = result.estimates[key].total if with_duration else None
        report.extend(lint_resolved(resolved, minutes))
    return result
