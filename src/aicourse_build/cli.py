"""The `aicourse` command line."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

import click

from aicourse_build import __version__
from aicourse_build.diagnostics import FORMATTERS, Diagnostic, DiagnosticError, Report
from aicourse_build.i18n.cli import i18n
from aicourse_build.model.profile import FORMATS

if TYPE_CHECKING:
    from aicourse_build.pipeline import CourseCheck

REPORT_URL = "https://github.com/ai-sweden/aicourse-build/issues"


def _paths(paths: tuple[Path, ...]) -> list[Path]:
    from aicourse_build.source.project import find_courses

    courses, problems = find_courses(list(paths) or [Path("content")])
    if problems:
        raise click.UsageError("; ".join(problems))
    return courses


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aicourse")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.option("--quiet", "-q", is_flag=True, help="Print problems only: no summary, no progress.")
@click.option("--verbose", "-v", is_flag=True, help="Also print what each profile leaves out.")
@click.pass_context
def cli(ctx: click.Context, debug: bool, quiet: bool, verbose: bool) -> None:
    """Compile course manuscripts (YAML + Markdown) into SCORM, xAPI and cmi5 packages.

    Colour is used on a terminal and never when the output is piped (or NO_COLOR is set).

    \b
    Examples:
      aicourse check --strict
      aicourse build --out dist
      aicourse -q check --format github
    """
    ctx.obj = {"debug": debug, "quiet": quiet, "verbose": verbose}


def _options() -> dict[str, bool]:
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root().obj if ctx else None
    return root if isinstance(root, dict) else {}


_COLOURS = {"error": "red", "warning": "yellow"}


def _echo_text(diagnostic: Diagnostic) -> None:
    """A text diagnostic, its severity coloured on a terminal (click drops colour when piped)."""
    line = FORMATTERS["text"](diagnostic)
    word = f"{diagnostic.severity.value}[{diagnostic.code}]"
    styled = click.style(word, fg=_COLOURS[diagnostic.severity.value], bold=True)
    color = False if os.environ.get("NO_COLOR") else None
    click.echo(line.replace(word, styled, 1), color=color)


@cli.command()
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
def check(paths: tuple[Path, ...], profiles: tuple[str, ...], strict: bool, fmt: str) -> None:
    """Validate courses and every profile; print every problem at once.

    PATHS are course folders, their course.yaml, or folders of courses (default: content/).

    \b
    Examples:
      aicourse check
      aicourse check content/introduktionsutbildning --profile public --strict
      aicourse check --format github
    """
    from aicourse_build.pipeline import check_course_dir

    courses = _paths(paths)
    report = Report()
    checks = [check_course_dir(root, report, list(profiles) or None) for root in courses]
    _unknown_profiles(profiles, checks)
    formatter = FORMATTERS.get(fmt, FORMATTERS["text"])
    if fmt == "junit":
        from aicourse_build.junit import junit_xml

        click.echo(junit_xml(report.sorted(), strict), nl=False)
    else:
        for diagnostic in report.sorted():
            _echo_text(diagnostic) if fmt == "text" else click.echo(formatter(diagnostic))
    if fmt == "text" and not _options().get("quiet"):
        _summary(checks, report)
    failed = report.has_errors or (strict and report.has_warnings)
    sys.exit(1 if failed else 0)


def _unknown_profiles(profiles: tuple[str, ...], checks: list[CourseCheck]) -> None:
    known = {name for c in checks if c.course is not None for name in c.course.profiles}
    unknown = [p for p in profiles if p not in known]
    if unknown and known:
        raise click.UsageError(
            f"unknown profile {', '.join(unknown)}; the courses have: {', '.join(sorted(known))}"
        )


def _summary(checks: list[CourseCheck], report: Report) -> None:
    for c in checks:
        if c.course is None:
            continue
        target = c.course.meta.duration
        for (profile, lang), est in c.estimates.items():
            modules = ", ".join(f"{m} {t:.1f}" for m, t in est.modules.items())
            click.echo(
                f"{c.course.meta.id} [{profile}/{lang}]: {est.total:.1f} min "
                f"(target {target}) - {modules}",
                err=True,
            )
        if _options().get("verbose"):
            for resolved in c.resolved:
                for item in resolved.left_out:
                    click.echo(
                        f"  {resolved.profile.name} leaves out {item.kind} {item.name} "
                        f"({item.reason})",
                        err=True,
                    )
    errors = sum(1 for d in report.sorted() if d.is_error)
    warnings = len(report.sorted()) - errors
    click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--profile", "-p", "profiles", multiple=True, help="Build only this profile.")
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
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
def build(
    paths: tuple[Path, ...],
    profiles: tuple[str, ...],
    formats: tuple[str, ...],
    out: Path,
    strict: bool,
) -> None:
    """Check the courses, then write one zip per profile and format.

    Nothing is written when the check finds errors (or, with --strict, warnings); each zip is
    written to a temporary file and renamed, so a failed build never leaves a partial package.

    \b
    Examples:
      aicourse build
      aicourse build content/introduktionsutbildning --profile vgr --out dist
      aicourse build --format scorm2004 --profile public
    """
    from aicourse_build.build import build_courses

    courses = _paths(paths)
    interactive = sys.stdout.isatty() and not os.environ.get("CI")

    def progress(line: str) -> None:
        if not _options().get("quiet"):
            click.echo(f"  \u2713 {line}" if interactive else f"wrote {line}")

    result = build_courses(
        courses, out, list(profiles) or None, list(formats) or None, progress, strict
    )
    for diagnostic in result.report.sorted():
        click.echo(FORMATTERS["text"](diagnostic))
    if not result.built and (result.report.has_errors or (strict and result.report.has_warnings)):
        click.echo("nothing was built: fix the problems above first", err=True)
        sys.exit(1)
    for notice in result.skipped:
        click.echo(f"skipped {notice}", err=True)
    click.echo(f"{len(result.built)} package(s) in {out}", err=True)


@cli.command()
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write the JSON Schema files to.",
)
def schema(out: Path) -> None:
    """Write JSON Schemas for course.yaml, page front matter, question banks and profiles.

    \b
    Example:
      aicourse schema --out schemas
    """
    from aicourse_build.schema import write_schemas

    for path in write_schemas(out):
        click.echo(f"wrote {path}")


@cli.command()
@click.argument("course_id")
@click.option(
    "--dir",
    "folder",
    type=click.Path(path_type=Path),
    default=Path("content"),
    show_default=True,
    help="Folder to create the course in.",
)
def new(course_id: str, folder: Path) -> None:
    """Create a new course with one example of every block type and two profiles.

    The course passes `aicourse check --strict` as it is; replace the examples with your text.

    \b
    Example:
      aicourse new introduktion-plus
    """
    import re

    from aicourse_build.model.base import ID_PATTERN
    from aicourse_build.scaffold import new_course

    if not re.match(ID_PATTERN, course_id):
        raise click.UsageError(
            f"'{course_id}' is not a valid course id: lower-case letters, digits and single "
            "hyphens, starting with a letter"
        )
    target = folder / course_id
    try:
        written = new_course(target, course_id)
    except FileExistsError as exc:
        raise click.UsageError(str(exc)) from exc
    if not _options().get("quiet"):
        click.echo(f"created {target} ({len(written)} files); next: aicourse check {target}")


@cli.command()
@click.argument("course", required=False, type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("dist/review"),
    show_default=True,
    help="Folder for the review documents.",
)
@click.option("--no-pdf", is_flag=True, help="Write the HTML documents only.")
def review(course: Path | None, out: Path, no_pdf: bool) -> None:
    """Write a review document for the steering group, and a discussion guide.

    The review shows every page in order with profile markers, every question with its correct
    answers and feedback, time per module against the target, what each profile sends, and
    what one profile's learners see that the other's do not. HTML, and PDF printed by Chromium.

    \b
    Example:
      aicourse review content/introduktionsutbildning --out dist/review
    """
    from aicourse_build.review import write_review
    from aicourse_build.review.pdf import PdfError

    courses = _paths((course,) if course else ())
    for root in courses:
        try:
            written = write_review(root, out, pdf=not no_pdf)
        except PdfError as exc:
            raise click.ClickException(
                f"{exc} (the HTML documents were written; --no-pdf skips the PDFs)"
            ) from exc
        if not _options().get("quiet"):
            for path in written:
                click.echo(f"wrote {path}")


@cli.command()
@click.argument("course", required=False, type=click.Path(path_type=Path))
@click.option("--profile", "-p", "profiles", multiple=True, help="Offer only this profile.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=None,
    help="Port on 127.0.0.1 [default: 8765, or the next free one].",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
def preview(
    course: Path | None, profiles: tuple[str, ...], port: int | None, open_browser: bool
) -> None:
    """Serve a course on 127.0.0.1 and rebuild it whenever a file is saved.

    The page has a profile/language/format switcher, reloads after each rebuild (the learner
    stays on the page they were on), shows the manuscript's errors as path:line:col over the
    last good build, and has an inspector listing the SCORM calls and data or the xAPI
    statements the course makes while you click through it. Stop with Ctrl+C.

    \b
    Examples:
      aicourse preview
      aicourse preview content/introduktionsutbildning --profile public --open
    """
    from aicourse_build.preview import serve, start

    courses = _paths((course,) if course else ())
    if len(courses) != 1:
        names = ", ".join(str(c) for c in courses)
        raise click.UsageError(f"preview shows one course at a time; name one of: {names}")
    verbose = _options().get("verbose")
    log = (lambda line: click.echo(line, err=True)) if verbose else None
    try:
        server, seconds = start(
            courses[0],
            list(profiles) or None,
            8765 if port is None else port,
            port is not None,
            log,
        )
    except OSError as exc:
        raise click.ClickException(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from exc
    state = server.app.builds.state()
    if profiles and state["variants"] == [] and state["ok"]:
        server.server_close()
        raise click.UsageError(f"no profile {', '.join(profiles)} in {courses[0]}")
    problems = "" if state["ok"] else " - the manuscript has errors, the page lists them"
    click.echo(
        f"preview of {courses[0]} at {server.app.base_url}/ (ready in {seconds:.2f} s){problems}"
    )
    click.echo("rebuilds when a file is saved; Ctrl+C stops", err=True)
    serve(server, lambda line: click.echo(line, err=True), open_browser)


cli.add_command(i18n)


def main() -> None:
    debug = "--debug" in sys.argv
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except DiagnosticError as exc:
        for diagnostic in exc.diagnostics:
            click.echo(FORMATTERS["text"](diagnostic))
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if isinstance(exc, click.UsageError) else 1)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:
        click.echo(f"aicourse: internal error: {type(exc).__name__}: {exc}", err=True)
        if debug:
            traceback.print_exc()
        else:
            click.echo(
                "This is a bug in aicourse, not in your manuscript. Run again with --debug and "
                f"report the output at {REPORT_URL}.",
                err=True,
            )
        sys.exit(3)
