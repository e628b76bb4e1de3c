"""The commands for writing a course: `new` starts one, `preview` serves it while it is edited,
`review` prints it for the steering group, and `schema` writes the JSON Schemas editors use."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from aicourse_build.cli.app import course_paths, quiet, verbose


@click.command()
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


@click.command()
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
    if not quiet():
        click.echo(f"created {target} ({len(written)} files); next: aicourse check {target}")


@click.command()
@click.argument("course", required=False, type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("dist/review"),
    show_default=True,
    help="Folder for the review documents.",
)
@click.option("--no-pdf", is_flag=True, help="Write the HTML documents only.")
@click.option(
    "--since",
    metavar="REF",
    help="Show what changed since an earlier version: a git revision (tag), a build-report.json, "
    "a package zip or a course folder.",
)
def review(course: Path | None, out: Path, no_pdf: bool, since: str | None) -> None:
    """Write a review document for the steering group, and a discussion guide.

    The review shows every page in order with profile markers, every question with its correct
    answers and feedback, time per module against the target, what each profile sends, and
    what one profile's learners see that the other's do not. HTML, and PDF printed by Chromium.

    With --since it starts with what changed since that version (pages and questions added,
    removed or changed, right answers changed), marks each of them in the body and shows how a
    changed page's text changed (a build report only tells that a page changed).

    \b
    Examples:
      aicourse review content/introduktionsutbildning --out dist/review
      aicourse review content/introduktionsutbildning --since v1.0.0
    """
    from aicourse_build.review import write_review
    from aicourse_build.review.pdf import PdfError
    from aicourse_build.review.since import SinceError

    courses = course_paths((course,) if course else ())
    for root in courses:
        try:
            written = write_review(root, out, pdf=not no_pdf, since=since)
        except SinceError as exc:
            click.echo(f"aicourse review: --since {exc}", err=True)
            sys.exit(exc.exit_code)
        except PdfError as exc:
            raise click.ClickException(
                f"{exc} (the HTML documents were written; --no-pdf skips the PDFs)"
            ) from exc
        if not quiet():
            for path in written:
                click.echo(f"wrote {path}")


@click.command()
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

    courses = course_paths((course,) if course else ())
    if len(courses) != 1:
        names = ", ".join(str(c) for c in courses)
        raise click.UsageError(f"preview shows one course at a time; name one of: {names}")
    log = (lambda line: click.echo(line, err=True)) if verbose() else None
    try:
        # An explicit --port must be that port; the default may move to the next free one.
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
