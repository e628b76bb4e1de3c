"""`aicourse diff OLD NEW`: what replacing packages does to learners in progress and to reports."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from aicourse_build.cli.app import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, echo_diagnostics, quiet

if TYPE_CHECKING:
    from aicourse_build.diff.compare import PackageDiff

# Beyond the shared codes (0 safe, 1 manuscript errors, 2 usage, 3 internal), so CI can tell
# "publish, but tell the learners" from "do not publish over learners in progress".
EXIT_CAUTION = 4  # learners keep progress, but something changes for them or the reports
EXIT_LOSS = 5  # learners lose progress
_EXIT = {"info": EXIT_OK, "caution": EXIT_CAUTION, "loss": EXIT_LOSS}
_MARK = {"info": "-", "caution": "!", "loss": "x"}
_GROUPS = ("identifiers", "pages", "questions", "interactions", "resume", "completion", "version")
_JSON_VERDICT = {"info": "replace-safely", "caution": "keep-progress-but", "loss": "lose-progress"}


@click.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "--course",
    "courses",
    multiple=True,
    type=click.Path(path_type=Path),
    help="With git revisions: the course folder to compare (default: content/).",
)
@click.option("--profile", "-p", "profiles", multiple=True, help="Compare only this profile.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (for CI).")
def diff(
    old: str, new: str, courses: tuple[Path, ...], profiles: tuple[str, ...], as_json: bool
) -> None:
    """Tell what replacing the OLD packages by the NEW ones does to learners in progress.

    OLD and NEW are package zips, folders of zips, build-report.json files, course folders or
    git revisions (of --course). Packages are paired by course, profile, language and format.

    \b
    Exit codes: 0 replace safely, 1 a manuscript has errors, 2 usage (an unreadable file, an
    unknown revision), 3 internal error, 4 learners keep progress but something changes,
    5 learners lose progress.

    \b
    Examples:
      aicourse diff dist-1.0.0 dist
      aicourse diff old/build-report.json dist/build-report.json --json
      aicourse diff v1.0.0 HEAD --course content/introduktionsutbildning
    """
    from aicourse_build.diff.compare import pair
    from aicourse_build.diff.sources import Side, SourceError, read_side, temporary

    wanted = list(profiles) or None
    sides: list[Side] = []
    with temporary() as work:
        try:
            for i, name in enumerate((old, new)):
                folder = Path(work) / str(i)
                folder.mkdir()
                sides.append(read_side(name, list(courses) or None, wanted, folder))
        except SourceError as exc:
            click.echo(f"aicourse diff: {exc}", err=True)
            sys.exit(EXIT_USAGE)
    problems = [d for side in sides for d in side.report.items]
    if any(side.report.has_errors for side in sides):
        echo_diagnostics(problems)
        click.echo("cannot compare: fix the errors above first", err=True)
        sys.exit(EXIT_PROBLEMS)
    before, after = (
        [f for f in side.footprints if not wanted or f.profile in wanted] for side in sides
    )
    diffs = pair(before, after)
    if not any(d.old and d.new for d in diffs):
        click.echo(
            "aicourse diff: no package of OLD has a counterpart in NEW "
            "(paired by course, profile, language and format)",
            err=True,
        )
        sys.exit(EXIT_USAGE)
    worst = max((d.severity for d in diffs if d.old and d.new), key=_EXIT.__getitem__)
    if as_json:
        click.echo(json.dumps(_json(old, new, diffs, worst), ensure_ascii=False, sort_keys=True))
    else:
        for d in diffs:
            for line in _text(d):
                click.echo(line)
        if not quiet():
            click.echo(_totals(diffs), err=True)
    sys.exit(_EXIT[worst])


def _versions(d: PackageDiff) -> str:
    a = d.old.version if d.old else "-"
    b = d.new.version if d.new else "-"
    return f"{a} -> {b}"


def _text(d: PackageDiff) -> list[str]:
    lines = [f"{d.either.label} ({_versions(d)}): {d.verdict}"]
    for group in _GROUPS:
        changes = [c for c in d.changes if c.group == group]
        if changes:
            lines.append(f"  {group}:")
            lines += [f"    {_MARK[c.severity]} {c.message}" for c in changes]
    return lines


def _totals(diffs: list[PackageDiff]) -> str:
    paired = [d for d in diffs if d.old and d.new]
    counts = {s: sum(1 for d in paired if d.severity == s) for s in _EXIT}
    text = (
        f"{len(paired)} package(s): {counts['info']} replace safely, {counts['caution']} keep "
        f"progress but, {counts['loss']} lose progress"
    )
    unpaired = len(diffs) - len(paired)
    return text + (f"; {unpaired} without a counterpart" if unpaired else "")


def _json(old: str, new: str, diffs: list[PackageDiff], worst: str) -> dict[str, Any]:
    packages = []
    for d in diffs:
        f = d.either
        verdict = _JSON_VERDICT[d.severity] if d.old and d.new else "new" if d.new else "removed"
        packages.append(
            {
                "course": f.course,
                "profile": f.profile,
                "language": f.language,
                "format": f.format,
                "old_version": d.old.version if d.old else None,
                "new_version": d.new.version if d.new else None,
                "verdict": verdict,
                "summary": d.verdict,
                "changes": [
                    {"severity": c.severity, "group": c.group, "message": c.message}
                    for c in d.changes
                ],
            }
        )
    return {
        "old": old,
        "new": new,
        "verdict": _JSON_VERDICT[worst],
        "exit_code": _EXIT[worst],
        "packages": packages,
    }
