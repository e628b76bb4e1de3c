from pathlib import Path

import pytest

from aicourse_build.diagnostics import DiagnosticError
from aicourse_build.render.themes import load_theme

REPO = Path(__file__).resolve().parents[3]


def test_vgr_extends_default() -> None:
    theme = load_theme("vgr", REPO / "content" / "introduktionsutbildning")
    assert [p.name for p in theme.chain] == ["vgr", "default"]
    css = theme.stylesheet()
    assert css.index(b"--ac-font") < css.index(b"#005191")  # parent first, then the override
    assert "theme/logo.svg" in theme.static_files()
    assert theme.logo is not None and theme.logo.alt == "Västra Götalandsregionen"


def test_broken_theme_is_a_diagnostic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "themes" / "trasig").mkdir(parents=True)
    (tmp_path / "themes" / "trasig" / "theme.yaml").write_text("name: trasig\nfarg: rod\n")
    monkeypatch.delenv("AICOURSE_THEMES")
    with pytest.raises(DiagnosticError) as caught:
        load_theme("trasig", tmp_path)
    assert caught.value.diagnostics[0].code == "AIC015"
