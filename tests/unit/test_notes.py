"""Notes: advice that `check` prints and counts, and that never fails it, not even --strict."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from aicourse_build.cli import cli
from aicourse_build.diagnostics import Report, Span, format_github, format_text, note, warning

VIDEOS = Path(__file__).resolve().parents[1] / "fixtures" / "video"


def test_a_note_is_not_a_warning() -> None:
    report = Report()
    report.add(note("AIC152", "advice", Span("k/pages/a.md", 2, 1)))
    assert not report.has_errors and not report.has_warnings
    report.add(warning("AIC153", "a problem", Span("k/pages/a.md", 3, 1)))
    assert report.has_warnings


def test_a_note_as_text_and_as_a_github_notice() -> None:
    found = note("AIC152", "advice", Span("k/pages/a.md", 2, 5), "a hint")
    assert format_text(found) == "k/pages/a.md:2:5: note[AIC152]: advice\n  hint: a hint"
    assert format_github(found).startswith("::notice file=k/pages/a.md,line=2,col=5,title=AIC152::")


def test_check_strict_passes_with_a_note_and_counts_it(small_course: Path) -> None:
    media = small_course / "media"
    shutil.copy(VIDEOS / "sound.webm", media / "film.webm")
    (media / "film.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nEn ton.\n")
    page = small_course / "pages" / "start.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\n```video\nid: film\nsrc: media/film.webm\ncaptions:\n  - src: media/film.vtt\n"
        + "    lang: sv\ntranscript: En ton.\nduration: '0:02'\n```\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["check", "--strict", str(small_course)])
    assert "note[AIC152]" in result.stdout
    assert result.stderr.rstrip().splitlines()[-1] == "0 error(s), 0 warning(s), 1 note(s)"
    assert result.exit_code == 0
