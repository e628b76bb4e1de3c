"""The one place that orders the results stages: ingest -> store -> measure -> disclose -> publish.

The manuscript must check clean first: question texts, right answers, group labels and the slot
layout of the packages come from it. Every source is read before anything is written; a source
that cannot be used stops the run with its reason, and nothing is published.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from aicourse_build.diagnostics import Report
from aicourse_build.formats import FORMATS
from aicourse_build.pipeline import CourseCheck, check_course_dir
from aicourse_build.render.slots import slots, version_response
from aicourse_build.results.catalogue import Catalogue, catalogue_of
from aicourse_build.results.facts import Fact
from aicourse_build.results.ingest.moodle import SPREADSHEETS, TEXTS, Layout, moodle_facts
from aicourse_build.results.ingest.statements import read_statements_file
from aicourse_build.results.pseudonym import Pseudonyms
from aicourse_build.results.store import Store

STATEMENT_FILES = (".json", ".ndjson", ".jsonl")
MIN_MEAN = 10  # a mean, share or gain is shown only for at least this many learners


class SourceError(Exception):
    """A source that cannot be used: the message names it and says why."""


@dataclass
class Options:
    min_group: int = 5
    profiles: list[str] | None = None
    store: Path | None = None  # where pulled LRS facts are kept between runs
    netrc: Path | None = None
    pdf: bool = True
    progress: Callable[[str, int], None] | None = None  # (source, statements so far)


@dataclass
class RunResult:
    report: Report  # the manuscript's problems, when it does not check clean
    written: list[Path] = field(default_factory=list)
    learners: int = 0
    facts: int = 0


def layouts(check: CourseCheck, profiles: list[str] | None) -> list[Layout]:
    """The slot layout of each SCORM profile's packages in the course's language."""
    assert check.course is not None
    found = []
    for resolved in check.resolved:
        model = resolved.profile.model
        if profiles and resolved.profile.name not in profiles:
            continue
        if resolved.lang != check.course.meta.language:
            continue
        if not any(FORMATS[f].family == "scorm" for f in model.formats):
            continue
        layout = slots(resolved)
        found.append(
            Layout(resolved.profile.name, tuple(layout), version_response(resolved, layout))
        )
    return found


def _read(
    source: str,
    store: Store,
    catalogue: Catalogue,
    check: CourseCheck,
    pseudonyms: Pseudonyms,
    options: Options,
) -> str:
    """One source into the store; what it was, for the report (never a path or a host)."""
    from aicourse_build.results.ingest.moodle import DownloadError

    if source.startswith(("http://", "https://")):
        from aicourse_build.results.ingest.lrs import pull_source

        pull_source(source, store, catalogue, pseudonyms, check.root, options)
        return "LRS"
    path = Path(source)
    if not path.is_file():
        raise SourceError(f"{source}: no such file")
    suffix = path.suffix.lower()
    if suffix in STATEMENT_FILES:
        read_statements_file(store, catalogue, pseudonyms, path)
        return "xAPI statements"
    if suffix in SPREADSHEETS + TEXTS:
        try:
            items = list(
                moodle_facts(path, catalogue, layouts(check, options.profiles), pseudonyms)
            )
        except DownloadError as exc:
            raise SourceError(f"{source}: {exc}") from exc
        store.add(item for item in items if isinstance(item, Fact))
        for item in items:
            if isinstance(item, str):
                store.exclude(item.split(",")[0], 1, item)
        return "LMS report download"
    raise SourceError(
        f"{source}: not a kind of source results can read (a Moodle/Totara report download: "
        ".ods .xlsx .xls .txt .csv; xAPI statements: .json .ndjson; an LRS: https://...)"
    )


def run_results(course: Path, sources: list[str], out: Path, options: Options) -> RunResult:
    """Read every source, measure, disclose and publish into `out`."""
    from aicourse_build.results.disclose import disclose
    from aicourse_build.results.measure import measure
    from aicourse_build.results.publish import publish

    report = Report()
    check = check_course_dir(course, report, options.profiles)
    result = RunResult(report)
    if report.has_errors or check.course is None:
        return result
    catalogue = catalogue_of(check, options.profiles)
    pseudonyms = Pseudonyms()
    store = Store(options.store)
    try:
        kinds = [_read(s, store, catalogue, check, pseudonyms, options) for s in sources]
        described = [f"{kinds.count(k)} × {k}" for k in dict.fromkeys(kinds)]
        measured = measure(store, catalogue, described, options.min_group, MIN_MEAN)
        published = disclose(measured, options.min_group, MIN_MEAN)
        result.written = publish(published, out, pdf=options.pdf, catalogue=catalogue)
        result.learners = int(measured.learners.value or 0)
        result.facts = store.count()
    finally:
        store.close()
    return result
