from pathlib import Path

import pytest

from aicourse_build.themes import find_theme, theme_names


def test_themes_are_found_in_folders_above_the_course(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AICOURSE_THEMES")
    (tmp_path / "themes" / "egen").mkdir(parents=True)
    (tmp_path / "themes" / "egen" / "theme.yaml").write_text("name: egen\n")
    course = tmp_path / "content" / "kurs"
    course.mkdir(parents=True)
    assert find_theme("egen", course) == (tmp_path / "themes" / "egen").resolve()
    assert find_theme("annan", course) is None
    assert "egen" in theme_names(course)


def test_repository_themes_ship_vgr_and_public() -> None:
    repo = Path(__file__).resolve().parents[2]
    assert {"vgr", "public"} <= set(theme_names(repo / "content" / "introduktionsutbildning"))
