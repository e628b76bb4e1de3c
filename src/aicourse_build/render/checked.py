"""Rendering a package as part of `check`: a theme's failure or an unsafe page becomes a
diagnostic at the template line (or the manuscript id) that caused it, never a traceback."""

from __future__ import annotations

import dataclasses

from aicourse_build.diagnostics import Diagnostic, Span, error
from aicourse_build.model.checks import element_ids
from aicourse_build.model.theme import Theme
from aicourse_build.model.tree import Course
from aicourse_build.packages import Job, Rendered, render_package
from aicourse_build.render.policy import Finding, scan_package
from aicourse_build.render.site import ConfigSlotError, PageCache
from aicourse_build.render.themes import ENTRY, template_problem

# (profile, languages) -> what the scan of its pages found: the pages of a profile's packages
# differ between formats only in the boot configuration, which the scan does not read
ScanCache = dict[tuple[str, str], list[Finding]]


def render_checked(
    job: Job, theme: Theme, course: Course, where: Span, pages: PageCache, scans: ScanCache
) -> tuple[Rendered | None, list[Diagnostic]]:
    """The package of `job`, or the problems that keep it from being written. `where` is the
    profile's `theme:`, for problems that nothing more precise explains."""
    try:
        rendered = render_package(job, theme, pages)
    except ConfigSlotError as exc:
        entry = theme.templates().get(ENTRY)
        return None, [_for_profile(_config_slot(exc, entry.display if entry else where.path), job)]
    except Exception as exc:  # a theme template may fail in any way; our own bugs re-raise
        problem = template_problem(exc, theme)
        if problem is None:
            raise
        return None, [_for_profile(problem, job)]
    key = (job.first.profile.name, job.lang)
    if key not in scans:
        scans[key] = scan_package(rendered.package.files)
    findings = scans[key]
    if findings:
        return None, [_for_profile(_locate(f, theme, course, where), job) for f in findings]
    return rendered, []


def _config_slot(exc: ConfigSlotError, path: str) -> Diagnostic:
    return error(
        "AIC112",
        f"the page must contain {{{{ config_json }}}} exactly once, as it is (found {exc.args[0]})",
        Span(path),
        'write <script type="application/json" id="aicourse-config">{{ config_json }}'
        "</script> once in index.html.j2",
    )


def _for_profile(diagnostic: Diagnostic, job: Job) -> Diagnostic:
    return dataclasses.replace(diagnostic, profile=job.first.profile.name)


def _locate(finding: Finding, theme: Theme, course: Course, where: Span) -> Diagnostic:
    message = f"{finding.page}: {finding.message}"
    if finding.code == "AIC028":
        span = _manuscript_id(finding.needle, course)
        if span is not None:
            return error(finding.code, message, span, "give the elements different ids")
    for file in theme.templates().values():
        found = file.find(finding.needle)
        if found is not None:
            return error(finding.code, message, found, _HINTS.get(finding.code))
    return error(finding.code, message, where, _HINTS.get(finding.code))


_HINTS = {
    "AIC112": "a theme may lay out the course, not add behaviour: remove it from the template",
    "AIC034": "put the file in the theme's static/ folder and refer to it as theme/<name>",
}


def _manuscript_id(html_id: str, course: Course) -> Span | None:
    """Where the manuscript writes the id that an HTML id comes from: the id itself, or the
    longest one it starts with (`intro-title` comes from the page `intro`)."""
    best: tuple[int, Span] | None = None
    for element_id, span in element_ids(course):
        matches = html_id == element_id or html_id.startswith(element_id + "-")
        if matches and (best is None or len(element_id) > best[0]):
            best = (len(element_id), span)
    return best[1] if best else None
