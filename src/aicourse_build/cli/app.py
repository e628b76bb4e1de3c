"""The `aicourse` group, its global options, and what every command shares: exit codes,
finding the courses, printing diagnostics, and the handler that turns an internal error into a
message instead of a traceback."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

import click

from aicourse_build import __version__
from aicourse_build.diagnostics import FORMATTERS, Diagnostic, DiagnosticError, Report

REPORT_URL = "https://github.com/ai-sweden/aicourse-build/issues"

# Exit codes, the same for every command, so CI can tell the author's problems from ours.
EXIT_OK = 0
EXIT_PROBLEMS = 1  # the manuscript has errors (or warnings, with --strict)
EXIT_USAGE = 2  # the command line is wrong
EXIT_INTERNAL = 3  # a bug in aicourse
EXIT_ABORTED = 130  # Ctrl+C, as a shell reports SIGINT


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
    # Read from the root context so a subcommand sees the options given before its name.
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root().obj if ctx else None
    return root if isinstance(root, dict) else {}


def quiet() -> bool:
    """Whether --quiet was given: print problems only."""
    return bool(_options().get("quiet"))


def verbose() -> bool:
    """Whether --verbose was given."""
    return bool(_options().get("verbose"))


def course_paths(paths: tuple[Path, ...]) -> list[Path]:
    """The course folders PATHS name (default: those in content/); a usage error if none."""
    from aicourse_build.source.project import find_courses

    courses, problems = find_courses(list(paths) or [Path("content")])
    if problems:
        raise click.UsageError("; ".join(problems))
    return courses


_COLOURS = {"error": "red", "warning": "yellow", "note": "cyan"}


def echo_diagnostic(diagnostic: Diagnostic) -> None:
    """A text diagnostic, its severity coloured on a terminal (click drops colour when piped)."""
    line = FORMATTERS["text"](diagnostic)
    word = f"{diagnostic.severity.value}[{diagnostic.code}]"
    styled = click.style(word, fg=_COLOURS[diagnostic.severity.value], bold=True)
    color = False if os.environ.get("NO_COLOR") else None
    click.echo(line.replace(word, styled, 1), color=color)


def echo_diagnostics(diagnostics: list[Diagnostic]) -> None:
    """Diagnostics as `check` prints them: merged across profiles, sorted, coloured."""
    report = Report()
    report.extend(diagnostics)
    for diagnostic in report.sorted():
        echo_diagnostic(diagnostic)


def run(group: click.Group) -> None:
    """Run `group` on sys.argv and exit with the code for what happened.

    Click's standalone mode would print a traceback for an unexpected exception; authors are
    told instead that it is a bug in aicourse, and --debug shows the traceback for the report.
    """
    # Read from argv because the error may come before click has parsed the options.
    debug = "--debug" in sys.argv
    try:
        group.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except DiagnosticError as exc:
        for diagnostic in exc.diagnostics:
            click.echo(FORMATTERS["text"](diagnostic))
        sys.exit(EXIT_PROBLEMS)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE if isinstance(exc, click.UsageError) else EXIT_PROBLEMS)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(EXIT_ABORTED)
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
        sys.exit(EXIT_INTERNAL)
