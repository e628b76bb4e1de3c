"""The `aicourse` command line: the group and its global options are in `app`, each command in
the module for its concern, and this package puts them together.

The command modules define their commands on their own and only this module adds them to the
group, so each of them can be imported alone and none imports another but `app`.
"""

from __future__ import annotations

from aicourse_build.cli import author, build, check, diff, i18n, results
from aicourse_build.cli.app import cli, run

for _command in (
    check.check,
    build.build,
    diff.diff,
    author.new,
    author.review,
    author.preview,
    author.schema,
    i18n.i18n,
    results.results,
):
    cli.add_command(_command)


def main() -> None:
    """The console script `aicourse`."""
    run(cli)


__all__ = ["cli", "main"]
