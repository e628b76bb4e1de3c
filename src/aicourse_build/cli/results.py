"""`aicourse results`: knowledge before and after, per professional group, without identities."""

from __future__ import annotations

from pathlib import Path

import click

from aicourse_build.cli.app import EXIT_PROBLEMS, echo_diagnostics, quiet


@click.command()
@click.argument("course", type=click.Path(path_type=Path))
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--out", type=click.Path(path_type=Path), required=True, help="Folder for the report."
)
@click.option("--profile", "-p", "profiles", multiple=True, help="Only this profile's packages.")
@click.option(
    "--min-group",
    type=click.IntRange(min=3),
    default=5,
    show_default=True,
    help="Smallest number of learners a count is shown for (never below 3).",
)
@click.option(
    "--store",
    type=click.Path(path_type=Path),
    default=None,
    help="File that keeps what was pulled from an LRS, so the next run pulls only what is new "
    "[default: DIR/results.duckdb when an LRS is a source].",
)
@click.option(
    "--netrc",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="netrc-style file with the LRS credentials (never inside a course folder).",
)
@click.option("--no-pdf", is_flag=True, help="Write no PDF (no Chromium needed).")
def results(
    course: Path,
    sources: tuple[str, ...],
    out: Path,
    profiles: tuple[str, ...],
    min_group: int,
    store: Path | None,
    netrc: Path | None,
    no_pdf: bool,
) -> None:
    """Results of a course per professional group, from what learners did.

    SOURCES are any mix of Moodle/Totara SCORM report downloads (.ods, .xlsx, .xls, or
    tab-separated .txt/.csv, as downloaded), files of xAPI statements (.json, .ndjson) and LRS
    endpoints (https://.../xapi/; credentials from AICOURSE_LRS_USERNAME and
    AICOURSE_LRS_PASSWORD, or a netrc file). Names, e-mail addresses and user ids are dropped
    as the data is read; small groups are not shown.

    \b
    Example:
      aicourse results content/introduktionsutbildning downloads/*.ods --out dist/results
    """
    try:
        from aicourse_build.results.run import Options, SourceError, run_results
    except ImportError as exc:  # the optional dependencies (duckdb, python-calamine)
        raise click.ClickException(
            f"aicourse results needs {exc.name}: pip install 'aicourse-build[results]'"
        ) from exc
    uses_lrs = any(s.startswith(("http://", "https://")) for s in sources)
    options = Options(
        min_group=min_group,
        profiles=list(profiles) or None,
        store=store or (out / "results.duckdb" if uses_lrs else None),
        netrc=netrc,
        pdf=not no_pdf,
        progress=None if quiet() else _progress,
    )
    try:
        done = run_results(course, list(sources), out, options)
    except SourceError as exc:
        raise click.ClickException(f"{exc}; nothing was written") from exc
    if done.report.has_errors:
        echo_diagnostics(done.report.items)
        click.echo("the course has errors: fix them first (aicourse check)", err=True)
        raise SystemExit(EXIT_PROBLEMS)
    if not quiet():
        for path in done.written:
            click.echo(f"wrote {path}")
        click.echo(f"{done.learners} learner(s), {done.facts} fact(s)", err=True)


def _progress(source: str, statements: int) -> None:
    click.echo(f"\r{source}: {statements} statements", nl=False, err=True)
