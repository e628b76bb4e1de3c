import copy
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from aicourse_build.cli import cli
from aicourse_build.i18n.xliff import XLIFF_NS

Run = Callable[..., subprocess.CompletedProcess[str]]
Snapshot = Callable[[Path], dict[str, bytes]]
X = f"{{{XLIFF_NS}}}"


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_export_then_import_unedited_changes_no_byte(
    default_course: Path, snapshot: Snapshot, lang: str, aicourse: Run
) -> None:
    before = snapshot(default_course)
    exported = aicourse("i18n", "export", str(default_course), "--lang", lang, cwd=default_course)
    assert exported.returncode == 0, exported.stderr
    xliff = default_course / "translations" / f"introduktionsutbildning.{lang}.xlf"
    assert f"wrote translations/{xliff.name}: " in exported.stderr
    imported = aicourse("i18n", "import", str(xliff), cwd=default_course.parent)
    assert (imported.returncode, imported.stdout) == (0, "")
    assert "0 file(s) written" in imported.stderr and "Traceback" not in imported.stderr
    assert snapshot(default_course) == before


def _translate_all(xliff: Path) -> None:
    tree = etree.parse(str(xliff))
    for segment in tree.iter(f"{X}segment"):
        source = segment.find(f"{X}source")
        target = segment.find(f"{X}target")
        if target is None:
            target = etree.SubElement(segment, f"{X}target")
        assert source is not None
        # as a translation tool copies a source: its text and its placeholders
        target.text = source.text
        target[:] = [copy.deepcopy(child) for child in source]
        segment.set("state", "final")
    tree.write(str(xliff), xml_declaration=True, encoding="UTF-8")


def test_dry_run_says_what_it_would_write_and_writes_nothing(
    small_course: Path, snapshot: Snapshot
) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["i18n", "export", str(small_course), "-l", "en"]).exit_code == 0
    xliff = small_course / "translations" / "minikurs.en.xlf"
    _translate_all(xliff)
    before = snapshot(small_course)
    result = runner.invoke(cli, ["i18n", "import", str(xliff), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert (
        "would create" in result.output
        and str(small_course / "pages" / "start.en.md") in result.output
    )
    assert snapshot(small_course) == before
    result = runner.invoke(cli, ["i18n", "import", str(xliff)])
    assert "3 file(s) written" in result.output
    assert (small_course / "course.en.yaml").is_file()
    assert runner.invoke(cli, ["check", str(small_course), "--strict"]).exit_code == 0


def test_a_course_translated_with_placeholders_exports_and_imports_unedited_as_no_change(
    small_course: Path, snapshot: Snapshot
) -> None:
    runner = CliRunner()
    xliff = small_course / "translations" / "minikurs.en.xlf"
    assert runner.invoke(cli, ["i18n", "export", str(small_course), "-l", "en"]).exit_code == 0
    assert b'disp="{{ contacts.kurs }}"/> om du' in xliff.read_bytes()
    _translate_all(xliff)
    assert runner.invoke(cli, ["i18n", "import", str(xliff)]).exit_code == 0
    english = (small_course / "pages" / "start.en.md").read_text(encoding="utf-8")
    assert "Kontakta {{ contacts.kurs }} om du har frågor." in english
    before = snapshot(small_course)
    assert runner.invoke(cli, ["i18n", "export", str(small_course), "-l", "en"]).exit_code == 0
    assert xliff.read_bytes().count(b'<ph id="1" dataRef="d1" disp="{{ contacts.kurs }}"/>') == 2
    result = runner.invoke(cli, ["i18n", "import", str(xliff)])
    assert result.exit_code == 0 and "0 file(s) written, 3 unchanged" in result.output
    assert snapshot(small_course) == before


def test_export_to_standard_output(small_course: Path) -> None:
    result = CliRunner().invoke(
        cli, ["i18n", "export", str(small_course), "--lang", "sv", "-o", "-"]
    )
    assert result.exit_code == 0
    root = etree.fromstring(result.stdout_bytes)
    assert (root.get("srcLang"), root.get("trgLang"), len(root)) == ("en", "sv", 1)
    assert not (small_course / "translations").exists()


def test_export_with_from_names_the_pair(small_course: Path) -> None:
    course_yaml = small_course / "course.yaml"
    course_yaml.write_text(course_yaml.read_text().replace("[sv, en]", "[sv, en, de]"))
    result = CliRunner().invoke(cli, ["i18n", "export", str(small_course), "-l", "de"])
    assert "left out 1 text(s) whose original is in 'en': add --from en" in result.output
    result = CliRunner().invoke(
        cli, ["i18n", "export", str(small_course), "-l", "de", "--from", "en"]
    )
    assert result.exit_code == 0
    assert (small_course / "translations" / "minikurs.en-de.xlf").is_file()


def test_nothing_to_translate_writes_no_file(small_course: Path) -> None:
    for bank in (small_course / "questions").iterdir():
        bank.unlink()
    result = CliRunner().invoke(cli, ["i18n", "export", str(small_course), "--lang", "sv"])
    assert result.exit_code == 0
    assert "nothing to translate into 'sv'" in result.output
    assert not (small_course / "translations").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "{course}", "--lang", "de"], "'de' is not one of the course's languages"),
        (["export", "{course}", "--lang", "en", "--from", "en"], "name the same language"),
        (["export", "{course}/nowhere", "--lang", "en"], "no such course folder"),
        (["import", "{outside}"], "is not inside a course folder"),
    ],
)
def test_usage_mistakes_exit_two(
    small_course: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    outside = tmp_path / "loose.xlf"
    outside.write_text("<xliff/>")
    filled = [a.format(course=small_course, outside=outside) for a in args]
    result = CliRunner().invoke(cli, ["i18n", *filled])
    assert result.exit_code == 2 and message in result.output


def test_problems_are_printed_like_check_and_exit_one(small_course: Path, aicourse: Run) -> None:
    broken = small_course / "translations" / "broken.xlf"
    broken.parent.mkdir()
    broken.write_text("<xliff>\n<file>\n</xliff>\n")
    result = aicourse("i18n", "import", "course/translations/broken.xlf", cwd=small_course.parent)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.startswith(
        "course/translations/broken.xlf:3:9: error[AIC090]: not well-formed XML: "
    )
    (small_course / "pages" / "start.md").write_text("no front matter\n")
    result = aicourse("i18n", "export", "course", "--lang", "en", cwd=small_course.parent)
    assert result.returncode == 1 and "error[AIC007]" in result.stdout


def test_help_shows_the_group_and_examples() -> None:
    assert "i18n" in CliRunner().invoke(cli, ["--help"]).output
    for command in ("export", "import"):
        output = CliRunner().invoke(cli, ["i18n", command, "--help"]).output
        assert "Examples:" in output and f"aicourse i18n {command}" in output


def test_a_file_saved_elsewhere_finds_its_course_in_content(
    small_course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A translator's file saved outside the course: the id it records names the course."""
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    course = small_course.rename(project / "content" / "minikurs")
    runner = CliRunner()
    assert runner.invoke(cli, ["i18n", "export", str(course), "-l", "en"]).exit_code == 0
    loose = tmp_path / "from-the-translator.xlf"
    (course / "translations" / "minikurs.en.xlf").rename(loose)
    _translate_all(loose)
    monkeypatch.chdir(project)
    result = runner.invoke(cli, ["i18n", "import", str(loose)])
    assert result.exit_code == 0, result.output
    assert "file(s) written" in result.output
    assert (course / "pages" / "start.en.md").is_file()
