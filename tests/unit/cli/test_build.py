import subprocess
from collections.abc import Callable
from pathlib import Path

Run = Callable[..., subprocess.CompletedProcess[str]]


def test_build_names_each_package_it_writes(
    small_course: Path, tmp_path: Path, aicourse: Run
) -> None:
    out = tmp_path / "dist"
    result = aicourse(
        "build", str(small_course), "--profile", "publik", "-f", "xapi", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("wrote ") and "minikurs-1.0.0-publik-xapi.zip" in result.stdout
    assert result.stderr == f"1 package(s) in {out}\n"
    assert (out / "minikurs-1.0.0-publik-xapi.zip").is_file()


def test_quiet_build_prints_no_progress(small_course: Path, tmp_path: Path, aicourse: Run) -> None:
    result = aicourse("-q", "build", str(small_course), "-p", "publik", "--out", str(tmp_path))
    assert result.returncode == 0 and result.stdout == ""


def test_errors_build_nothing_and_exit_one(
    small_course: Path, tmp_path: Path, aicourse: Run
) -> None:
    page = small_course / "pages" / "start.md"
    page.write_text(page.read_text().replace("id: tanke", "id: Tanke"))
    result = aicourse("build", str(small_course), "--out", str(tmp_path / "dist"))
    assert result.returncode == 1
    assert "error[AIC012]" in result.stdout
    assert "nothing was built: fix the problems above first" in result.stderr
    assert not (tmp_path / "dist").exists()


def test_an_unknown_format_is_a_usage_error(small_course: Path, aicourse: Run) -> None:
    result = aicourse("build", str(small_course), "--format", "zip")
    assert result.returncode == 2 and "Invalid value for '--format'" in result.stderr


def test_a_theme_reaching_python_internals_fails_the_build_and_runs_nothing(
    small_course: Path, tmp_path: Path, aicourse: Run
) -> None:
    """A course repository is input: its theme may not run code on the machine that builds it."""
    marker = tmp_path / "ran"
    theme = small_course / "themes" / "egen"
    (theme / "templates" / "blocks").mkdir(parents=True)
    (theme / "theme.yaml").write_text("name: egen\ntitle: Egen\nextends: default\n")
    (theme / "templates" / "blocks" / "text.html.j2").write_text(
        "{{ md(block.body) }}\n"
        f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}\n"
    )
    profile = small_course / "profiles" / "intern.yaml"
    profile.write_text(profile.read_text().replace("theme: vgr", "theme: egen"))
    out = tmp_path / "dist"
    result = aicourse("build", str(small_course), "--out", str(out))
    assert result.returncode == 1, result.stderr
    assert "themes/egen/templates/blocks/text.html.j2:2:1: error[AIC111]" in result.stdout
    assert "(profile intern)" in result.stdout
    assert not marker.exists()
    assert not out.exists() or list(out.iterdir()) == []


MARK = "confirm:\n  - text: Välkommen till minikursen.\n    who: Kursteamet\n"


def _mark_start_page(course: Path) -> None:
    page = course / "pages" / "start.md"
    page.write_text(page.read_text().replace("title: Start\n", "title: Start\n" + MARK, 1))


def test_release_refuses_while_a_fact_is_marked_and_writes_nothing(
    small_course: Path, tmp_path: Path, aicourse: Run
) -> None:
    _mark_start_page(small_course)
    out = tmp_path / "dist"
    result = aicourse("build", str(small_course), "--release", "--out", str(out))
    assert result.returncode == 6, result.stderr
    assert result.stdout == ""
    assert "note[AIC130]: to confirm by Kursteamet: text 'Välkommen till minikursen.'" in (
        result.stderr
    )
    assert result.stderr.endswith(
        "not a release: 1 fact(s) are still marked to confirm; nothing was built\n"
    )
    assert not out.exists()


def test_a_plain_build_builds_and_lists_the_marks(
    small_course: Path, tmp_path: Path, aicourse: Run
) -> None:
    _mark_start_page(small_course)
    out = tmp_path / "dist"
    result = aicourse("build", str(small_course), "-p", "publik", "-f", "xapi", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "1 fact(s) to confirm before release [AIC130]:" in result.stderr
    assert (out / "minikurs-1.0.0-publik-xapi.zip").is_file()


def test_release_builds_a_course_without_marks(
    small_course: Path, tmp_path: Path, aicourse: Run
) -> None:
    out = tmp_path / "dist"
    result = aicourse(
        "build", str(small_course), "--release", "-p", "publik", "-f", "xapi", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert "to confirm" not in result.stderr
    assert (out / "minikurs-1.0.0-publik-xapi.zip").is_file()
