"""`aicourse check`: validate courses and every profile, print every problem and a summary."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from aicourse_build.cli.app import (
    EXIT_OK,
    EXIT_PROBLEMS,
    course_paths,
    echo_diagnostic,
    quiet,
    verbose,
)
from aicourse_build.diagnostics import FORMATTERS, Diagnostic, Report

if TYPE_CHECKING:
    from aicourse_build.confirm import Mark
    from aicourse_build.duration import Estimate
    from aicourse_build.model.tree import Course
    from aicourse_build.pipeline import CourseCheck
    from aicourse_build.resolve import ResolvedCourse


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--profile", "-p", "profiles", multiple=True, help="Check only this profile.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*sorted(FORMATTERS), "junit"]),
    default="text",
    show_default=True,
    help="How to print diagnostics (junit: one XML report for CI).",
)
@click.option(
    "--previous",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="The previous build (its build-report.json or a package zip): report answers changed "
    "under the same question id, and content changed without a new version.",
)
def check(
    paths: tuple[Path, ...],
    profiles: tuple[str, ...],
    strict: bool,
    fmt: str,
    previous: Path | None,
) -> None:
    """Validate courses and every profile; print every problem at once.

    PATHS are course folders, their course.yaml, or folders of courses (default: content/).

    \b
    Examples:
      aicourse check
      aicourse check content/introduktionsutbildning --profile public --strict
      aicourse check --format github
      aicourse check --previous dist/build-report.json
    """
    from aicourse_build.pipeline import check_course_dir

    courses = course_paths(paths)
    report = Report()
    checks = [check_course_dir(root, report, list(profiles) or None) for root in courses]
    _unknown_profiles(profiles, checks)
    if previous is not None:
        report.extend(_against(previous, checks))
    formatter = FORMATTERS.get(fmt, FORMATTERS["text"])
    if fmt == "junit":
        from aicourse_build.junit import junit_xml

        click.echo(junit_xml(report.sorted(), strict), nl=False)
    else:
        for diagnostic in report.sorted():
            echo_diagnostic(diagnostic) if fmt == "text" else click.echo(formatter(diagnostic))
    if fmt == "text" and not quiet():
        for line in summary_lines(checks, report, verbose()):
            click.echo(line, err=True)
    failed = report.has_errors or (strict and report.has_warnings)
    sys.exit(EXIT_PROBLEMS if failed else EXIT_OK)


def _against(previous: Path, checks: list[CourseCheck]) -> list[Diagnostic]:
    """The update rules (diff/rules.py) against the previous build."""
    from aicourse_build.diff.rules import read_previous, update_rules
    from aicourse_build.diff.sources import SourceError

    try:
        footprints = read_previous(previous)
    except SourceError as exc:
        raise click.BadParameter(str(exc), param_hint="--previous") from exc
    return update_rules(checks, footprints)


def _unknown_profiles(profiles: tuple[str, ...], checks: list[CourseCheck]) -> None:
    known = {name for c in checks if c.course is not None for name in c.course.profiles}
    unknown = [p for p in profiles if p not in known]
    if unknown and known:
        raise click.UsageError(
            f"unknown profile {', '.join(unknown)}; the courses have: {', '.join(sorted(known))}"
        )


def summary_lines(checks: list[CourseCheck], report: Report, left_out: bool) -> Iterator[str]:
    """The summary after the diagnostics: each course's lines, then the totals.

    A new kind of line about a course goes in a generator of its own, yielded from here.
    """
    for c in checks:
        if c.course is None:
            continue
        yield from _estimate_lines(c.course, c.estimates)
        yield from _state_lines(c)
        yield from _free_text_lines(c.resolved)
        yield from mark_lines(c.marks)
        if left_out:
            yield from _left_out_lines(c.resolved)
    yield _totals_line(report)


def mark_lines(marks: list[Mark]) -> Iterator[str]:
    """The facts marked to confirm (AIC130): a count, then each one."""
    from aicourse_build.confirm import lines

    return lines(marks)


def _estimate_lines(course: Course, estimates: dict[tuple[str, str], Estimate]) -> Iterator[str]:
    """The estimated time of each profile and language against the course's target."""
    for (profile, lang), est in estimates.items():
        modules = ", ".join(f"{m} {t:.1f}" for m, t in est.modules.items())
        yield (
            f"{course.meta.id} [{profile}/{lang}]: {est.total:.1f} min "
            f"(target {course.meta.duration}) - {modules}"
        )


def _state_lines(c: CourseCheck) -> Iterator[str]:
    """How much of each format's resume-state limit the course can use at most."""
    from aicourse_build.formats import FORMATS

    assert c.course is not None
    formats = {r.profile.name: r.profile.model.formats for r in c.resolved}
    for (profile, lang), size in c.state_sizes.items():
        parts = [
            f"{fmt} keeps {FORMATS[fmt].state_limit}: {_share(size, FORMATS[fmt].state_limit)}"
            for fmt in formats.get(profile, [])
        ]
        yield f"  resume state [{profile}/{lang}]: at most {size} characters ({', '.join(parts)})"


def _free_text_lines(resolved: list[ResolvedCourse]) -> Iterator[str]:
    """Where each variant's free text goes (kept in the browser, or sent) and how much of it."""
    from aicourse_build.free_text import free_text_line

    for variant in resolved:
        line = free_text_line(variant)
        if line is not None:
            yield line


def _share(size: int, limit: int) -> str:
    percent = size * 100 / limit
    return "under 1 %" if 0 < percent < 1 else f"{percent:.0f} %"


def _left_out_lines(resolved: list[ResolvedCourse]) -> Iterator[str]:
    """What each profile leaves out of the course, and why."""
    for variant in resolved:
        for item in variant.left_out:
            yield f"  {variant.profile.name} leaves out {item.kind} {item.name} ({item.reason})"


def _totals_line(report: Report) -> str:
    diagnostics = report.sorted()
    errors = sum(1 for d in diagnostics if d.is_error)
    warnings = sum(1 for d in diagnostics if d.is_warning)
    notes = len(diagnostics) - errors - warnings
    # notes are advice: named only when there are any, so the usual line stays as it was
    return f"{errors} error(s), {warnings} warning(s)" + (f", {notes} note(s)" if notes else "")
