from pathlib import Path

import pytest
from pydantic import ValidationError

from aicourse_build.diagnostics import Span
from aicourse_build.model.theme import Theme, ThemeFile, ThemeLayer
from aicourse_build.source.files import SourceFile
from aicourse_build.source.yaml_positions import PositionIndex


def _layer(
    name: str, model: ThemeFile, templates: dict[str, str], static: dict[str, bytes]
) -> ThemeLayer:
    files = {n: SourceFile.from_text(Path(n), n, t) for n, t in templates.items()}
    theme_yaml = SourceFile.from_text(Path("theme.yaml"), "theme.yaml", "name: x\n")
    return ThemeLayer(
        name, f"themes/{name}", theme_yaml, PositionIndex(Span("theme.yaml")), model, files, static
    )


def test_a_theme_overrides_what_it_extends() -> None:
    base = _layer(
        "default",
        ThemeFile(name="default", title="Bas", stylesheets=["base.css"]),
        {"index.html.j2": "bas", "blocks/text.html.j2": "text"},
        {"base.css": b"a{}", "ikon.svg": b"<svg/>"},
    )
    own = _layer(
        "egen",
        ThemeFile.model_validate(
            {
                "name": "egen",
                "title": "Egen",
                "extends": "default",
                "logo": {"src": "logo.svg", "alt": "E"},
                "stylesheets": ["egen.css"],
            }
        ),
        {"index.html.j2": "egen"},
        {"egen.css": b"b{}", "logo.svg": b"<svg/>", "ikon.svg": b"<svg id='egen'/>"},
    )
    theme = Theme("egen", (own, base))
    assert theme.title == "Egen" and theme.logo is not None and theme.logo.src == "logo.svg"
    assert {n: f.text for n, f in theme.templates().items()} == {
        "index.html.j2": "egen",
        "blocks/text.html.j2": "text",
    }
    assert theme.stylesheet() == b"a{}\nb{}"
    assert theme.static_files() == {
        "theme/ikon.svg": b"<svg id='egen'/>",
        "theme/logo.svg": b"<svg/>",
    }


@pytest.mark.parametrize("bad", ["../x", "x/../../y", ".hidden", "/abs"])
def test_a_logo_is_a_file_of_static_not_a_path_out_of_it(bad: str) -> None:
    with pytest.raises(ValidationError):
        ThemeFile.model_validate({"name": "x", "title": "X", "logo": {"src": bad, "alt": "X"}})


def test_a_theme_name_is_a_name() -> None:
    with pytest.raises(ValidationError):
        ThemeFile.model_validate({"name": "x", "title": "X", "extends": "../../ute"})
