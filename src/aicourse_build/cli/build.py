"""`aicourse build`: check the courses, then write one package per profile and format."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from aicourse_build.cli.app import EXIT_PROBLEMS, course_paths, quiet
from aicourse_build.diagnostics import FORMATTERS
from aicourse_build.formats import FORMAT_NAMES

if TYPE_CHECKING:
    from aicourse_build.confirm import Mark

EXIT_UNCONFIRMED = 6  # build --release: facts are still marked to confirm


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--profile", "-p", "profiles", multiple=True, help="Build only this profile.")
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    type=click.Choice(FORMAT_NAMES),
    help="Build these formats instead of the profile's own list.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Folder for the packages and build-report.json.",
)
@click.option("--strict", is_flag=True, help="Refuse to build when there are warnings.")
@click.option(
    "--release",
    is_flag=True,
    help=f"Refuse to build while a fact is marked to confirm (exit {EXIT_UNCONFIRMED}).",
)
def build(
    paths: tuple[Path, ...],
    profiles: tuple[str, ...],
    formats: tuple[str, ...],
    out: Path,
    strict: bool,
    release: bool = False,
) -> None:
    """Check the courses, then write one zip per profile and format.

    Nothing is written when the check finds errors (or, with --strict, warnings); each zip is
    written to a temporary file and renamed, so a failed build never leaves a partial package.

    \b
    Examples:
      aicourse build
      aicourse build content/introduktionsutbildning --profile vgr --out dist
      aicourse build --format scorm2004 --profile public
      aicourse build --release --strict
    """
    from aicourse_build import confirm
    from aicourse_build.build import build_courses

    courses = course_paths(paths)
    # A tick per package on a terminal; CI logs read better as plain "wrote" lines.
    interactive = sys.stdout.isatty() and not os.environ.get("CI")

    def progress(line: str) -> None:
        if not quiet():
            click.echo(f"  \u2713 {line}" if interactive else f"wrote {line}")

    result = build_courses(
        courses, out, list(profiles) or None, list(formats) or None, progress, strict, release
    )
    for diagnostic in result.report.sorted():
        click.echo(FORMATTERS["text"](diagnostic))
    if not result.built and (result.report.has_errors or (strict and result.report.has_warnings)):
        click.echo("nothing was built: fix the problems above first", err=True)
        sys.exit(EXIT_PROBLEMS)
    if release and result.marks:
        _refuse_release(result.marks)
    for line in confirm.lines(result.marks):
        click.echo(line, err=True)
    for notice in result.skipped:
        click.echo(f"skipped {notice}", err=True)
    click.echo(f"{len(result.built)} package(s) in {out}", err=True)


def _refuse_release(marks: list[Mark]) -> None:
    from aicourse_build import confirm

    for line in confirm.lines(marks):
        click.echo(line, err=True)
    click.echo(
        f"not a release: {len(marks)} fact(s) are still marked to confirm; nothing was built",
        err=True,
    )
    sys.exit(EXIT_UNCONFIRMED)
