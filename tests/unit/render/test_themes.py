from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest

from aicourse_build.model.theme import Theme
from aicourse_build.render.themes import check_templates, environment, reserved_ids

REPO = Path(__file__).resolve().parents[3]
ThemeOf = Callable[[str, Path], Theme]


def test_vgr_extends_default(theme_of: ThemeOf) -> None:
    theme = theme_of("vgr", REPO / "content" / "introduktionsutbildning")
    assert [layer.name for layer in theme.layers] == ["vgr", "default"]
    css = theme.stylesheet()
    assert css.index(b"--ac-font") < css.index(b"#005191")  # parent first, then the override
    assert "theme/logo.svg" in theme.static_files()
    assert theme.logo is not None and theme.logo.alt == "Västra Götalandsregionen"
    assert check_templates(theme) == []


def test_the_shipped_templates_reserve_the_ids_they_write(theme_of: ThemeOf) -> None:
    reserved = reserved_ids(theme_of("default", REPO))
    assert set(reserved) == {"main", "aicourse-config"}
    assert reserved["main"].startswith("templates/index.html.j2:")
    assert reserved["main"].endswith("of the theme 'default'")


def test_templates_run_in_the_sandbox(theme_of: ThemeOf) -> None:
    env = environment(theme_of("default", REPO))
    template = env.from_string("{{ cycler.__init__.__globals__.os.system('true') }}")
    with pytest.raises(jinja2.exceptions.SecurityError):
        template.render()


def test_a_template_cannot_load_a_file_of_the_machine(theme_of: ThemeOf) -> None:
    env = environment(theme_of("default", REPO))
    with pytest.raises(jinja2.TemplateNotFound):
        env.from_string('{% include "../../../../etc/passwd" %}').render()


def test_templates_in_a_circle_are_found_before_rendering(
    theme_of: ThemeOf, tmp_path: Path
) -> None:
    from aicourse_build.render.themes import template_cycles

    folder = tmp_path / "themes" / "egen" / "templates" / "blocks"
    folder.mkdir(parents=True)
    (folder.parent.parent / "theme.yaml").write_text("name: egen\ntitle: Egen\nextends: default\n")
    (folder / "image.html.j2").write_text('<p>\n{% include "index.html.j2" %}\n')
    [problem] = template_cycles(theme_of("egen", tmp_path))
    assert problem.code == "AIC110" and problem.span.line == 2
    assert "blocks/image.html.j2 → index.html.j2 → blocks/image.html.j2" in problem.message
    assert template_cycles(theme_of("default", REPO)) == []
