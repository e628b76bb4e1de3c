"""Rendering inside `check`: a theme's failure is a diagnostic at its template line."""

from collections.abc import Callable
from pathlib import Path

from aicourse_build.diagnostics import Report
from aicourse_build.pipeline import check_course_dir


def _course_with_theme(small_course: Path, templates: dict[str, str]) -> Path:
    folder = small_course / "themes" / "egen"
    (folder / "templates" / "blocks").mkdir(parents=True)
    (folder / "theme.yaml").write_text("name: egen\ntitle: Egen\nextends: default\n")
    for name, text in templates.items():
        (folder / "templates" / name).write_text(text, encoding="utf-8")
    profile = small_course / "profiles" / "intern.yaml"
    profile.write_text(profile.read_text().replace("theme: vgr", "theme: egen"))
    return small_course


def _problems(root: Path) -> list[tuple[str, str, int]]:
    report = Report()
    check = check_course_dir(root, report)
    assert check.packages == []
    return [(d.code, d.span.path.rsplit("/", 1)[-1], d.span.line) for d in report.sorted()]


def test_reaching_python_internals_is_stopped_and_reported(
    small_course: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "ran"
    attack = f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}\n"
    root = _course_with_theme(
        small_course, {"blocks/text.html.j2": "<div>\n" + attack + "</div>\n"}
    )
    assert _problems(root) == [("AIC111", "text.html.j2", 2)]
    assert not marker.exists()


def test_an_undefined_name_is_reported_at_its_line(small_course: Path) -> None:
    root = _course_with_theme(
        small_course, {"blocks/text.html.j2": "{{ md(block.body) }}\n{{ nej }}\n"}
    )
    [problem] = _problems(root)
    assert problem == ("AIC111", "text.html.j2", 2)


def test_a_syntax_error_is_reported_before_rendering(small_course: Path) -> None:
    root = _course_with_theme(small_course, {"blocks/text.html.j2": "{% if %}\n"})
    assert _problems(root) == [("AIC110", "text.html.j2", 1)]


def test_a_script_of_the_theme_is_reported_where_the_template_writes_it(
    small_course: Path,
) -> None:
    block = "{{ md(block.body) }}\n<script>fetch('https://x.example.org')</script>\n"
    root = _course_with_theme(small_course, {"blocks/text.html.j2": block})
    assert set(_problems(root)) == {("AIC112", "text.html.j2", 2)}


def test_a_page_id_the_theme_uses_is_refused(small_course: Path) -> None:
    page = small_course / "pages" / "start.md"
    page.write_text(page.read_text().replace("id: start", "id: main"))
    course = small_course / "course.yaml"
    course.write_text(course.read_text().replace("[start, prov]", "[main, prov]"))
    problems = _problems(small_course)
    assert ("AIC028", "start.md", 2) in problems


def test_the_config_must_be_written_once(
    small_course: Path, theme_of: Callable[..., object]
) -> None:
    default = Path(__file__).resolve().parents[3] / "themes" / "default" / "templates"
    index = (default / "index.html.j2").read_text(encoding="utf-8")
    root = _course_with_theme(
        small_course,
        {"index.html.j2": index.replace("{{ config_json }}", "{{ config_json|upper }}")},
    )
    assert _problems(root)[0][0] == "AIC112"
