"""Themes are read whole and checked like the manuscript, every problem at its file and line."""

from pathlib import Path

import pytest

from aicourse_build.diagnostics import Diagnostic, Span
from aicourse_build.model.theme import Theme
from aicourse_build.source.theme_source import load_theme

WHERE = Span("profiles/egen.yaml", 2, 8)


def _theme(root: Path, files: dict[str, str | bytes]) -> Path:
    folder = root / "themes" / "egen"
    base = {"theme.yaml": "name: egen\ntitle: Egen\nextends: default\n"}
    for name, content in {**base, **files}.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def _load(root: Path, name: str = "egen") -> tuple[Theme | None, list[Diagnostic]]:
    return load_theme(name, root, WHERE)


def _where(d: Diagnostic) -> tuple[str, str, int, int]:
    return d.code, d.span.path.rsplit("themes/", 1)[-1], d.span.line, d.span.col


def test_a_course_theme_extends_a_shipped_one(tmp_path: Path) -> None:
    _theme(tmp_path, {"static/egen.css": "body { color: #123; }\n"})
    (tmp_path / "themes" / "egen" / "theme.yaml").write_text(
        "name: egen\ntitle: Egen\nextends: default\nstylesheets: [egen.css]\n"
    )
    theme, problems = _load(tmp_path)
    assert problems == []
    assert theme is not None and [layer.name for layer in theme.layers] == ["egen", "default"]
    assert theme.stylesheet().endswith(b"body { color: #123; }\n")
    assert "index.html.j2" in theme.templates()


def test_an_unknown_theme_is_reported_where_the_profile_names_it(tmp_path: Path) -> None:
    theme, [problem] = _load(tmp_path, "vgrr")
    assert theme is None
    assert (problem.code, problem.span, problem.hint) == ("AIC015", WHERE, "did you mean 'vgr'?")


def test_theme_yaml_problems_have_positions(tmp_path: Path) -> None:
    _theme(tmp_path, {"theme.yaml": "name: egen\ntitle: Egen\nextends: default\nfarg: röd\n"})
    theme, problems = _load(tmp_path)
    assert theme is None
    assert [_where(d) for d in problems] == [("AIC011", "egen/theme.yaml", 4, 1)]


def test_a_missing_parent_is_reported_at_extends(tmp_path: Path) -> None:
    _theme(tmp_path, {"theme.yaml": "name: egen\ntitle: Egen\nextends: saknas\n"})
    _theme_problem = _load(tmp_path)[1]
    assert [_where(d) for d in _theme_problem] == [("AIC015", "egen/theme.yaml", 3, 10)]


def test_a_theme_extending_itself(tmp_path: Path) -> None:
    _theme(tmp_path, {"theme.yaml": "name: egen\ntitle: Egen\nextends: egen\n"})
    theme, [problem] = _load(tmp_path)
    assert theme is None and problem.message == "theme 'egen' extends itself"


def test_listed_files_must_be_in_static(tmp_path: Path) -> None:
    _theme(
        tmp_path,
        {
            "theme.yaml": "name: egen\ntitle: Egen\nextends: default\nlogo:\n  src: logga.svg\n"
            "  alt: Egen\nstylesheets: [egen.css]\n"
        },
    )
    theme, problems = _load(tmp_path)
    assert theme is None
    assert sorted(_where(d) for d in problems) == [
        ("AIC030", "egen/theme.yaml", 5, 8),
        ("AIC030", "egen/theme.yaml", 7, 15),
    ]


def test_the_folder_and_the_name_agree(tmp_path: Path) -> None:
    _theme(tmp_path, {"theme.yaml": "name: annan\ntitle: Egen\nextends: default\n"})
    [problem] = _load(tmp_path)[1]
    assert _where(problem) == ("AIC012", "egen/theme.yaml", 1, 7)


def test_static_files_are_checked_like_course_media(tmp_path: Path) -> None:
    _theme(
        tmp_path,
        {
            "theme.yaml": "name: egen\ntitle: Egen\nextends: default\nstylesheets: [egen.css]\n",
            "static/ikon.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\n',
            "static/egen.css": "@import url(https://fonts.example.org/x.css);\n"
            "body { background: url(saknas.png); }\n",
        },
    )
    theme, problems = _load(tmp_path)
    assert theme is None
    found = sorted(_where(d) for d in problems)
    assert [(code, path) for code, path, _l, _c in found] == [
        ("AIC030", "egen/static/egen.css"),
        ("AIC033", "egen/static/ikon.svg"),
        ("AIC034", "egen/static/egen.css"),
    ]


def test_a_template_in_latin1_is_reported_in_its_file(tmp_path: Path) -> None:
    _theme(tmp_path, {"templates/blocks/text.html.j2": b"<p>V\xe4lkommen</p>\n"})
    theme, [problem] = _load(tmp_path)
    assert theme is None and _where(problem) == (
        "AIC003",
        "egen/templates/blocks/text.html.j2",
        1,
        5,
    )


def test_a_link_out_of_the_theme_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "hemlig.html.j2"
    outside.write_text("{{ s }}", encoding="utf-8")
    folder = _theme(tmp_path, {})
    (folder / "templates").mkdir()
    (folder / "templates" / "index.html.j2").symlink_to(outside)
    theme, [problem] = _load(tmp_path)
    assert theme is None and problem.code == "AIC031"


@pytest.mark.parametrize("name", ["default", "vgr", "public"])
def test_the_shipped_themes_are_clean(name: str, tmp_path: Path) -> None:
    theme, problems = _load(tmp_path, name)
    assert theme is not None and problems == []
