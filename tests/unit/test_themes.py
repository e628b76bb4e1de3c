import zipfile
from importlib import resources
from pathlib import Path

import pytest

from aicourse_build import themes
from aicourse_build.themes import find_theme, shipped_themes_dir, theme_dirs, theme_names


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


REPO = Path(__file__).resolve().parents[2]


def test_shipped_themes_come_from_the_checkout_in_an_editable_install() -> None:
    # the dev install imports the package from src/, which holds no themes/ of its own
    assert shipped_themes_dir() == REPO / "themes"


def test_shipped_themes_come_from_the_installed_package_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "aicourse_build"
    (package / "themes" / "vgr").mkdir(parents=True)
    monkeypatch.setattr(resources, "files", lambda name: package)
    assert shipped_themes_dir() == (package / "themes").resolve()


def test_a_zipped_package_falls_back_to_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "aicourse.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("aicourse_build/themes/vgr/theme.yaml", "name: vgr\n")
    # a folder inside a zip file is no Path that templates or the file watcher could use
    monkeypatch.setattr(resources, "files", lambda name: zipfile.Path(archive, "aicourse_build/"))
    assert shipped_themes_dir() == REPO / "themes"


def test_no_shipped_themes_outside_a_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an installed package without themes/, whose grandparent folder has a themes/ but is no
    # checkout (no pyproject.toml): nothing is shipped
    package = tmp_path / "lib" / "python3.11" / "site-packages" / "aicourse_build"
    package.mkdir(parents=True)
    (tmp_path / "lib" / "python3.11" / "themes").mkdir()
    monkeypatch.setattr(resources, "files", lambda name: package)
    monkeypatch.setattr(themes, "__file__", str(package / "themes.py"))
    assert shipped_themes_dir() is None
    monkeypatch.delenv("AICOURSE_THEMES")
    course = tmp_path / "kurs"
    course.mkdir()
    assert theme_dirs(course) == []
    assert find_theme("vgr", course) is None


def test_a_course_theme_replaces_a_shipped_one_of_the_same_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AICOURSE_THEMES")
    (tmp_path / "themes" / "vgr").mkdir(parents=True)
    (tmp_path / "themes" / "vgr" / "theme.yaml").write_text("name: vgr\n")
    course = tmp_path / "kurs"
    course.mkdir()
    dirs = theme_dirs(course)
    assert dirs[-1] == shipped_themes_dir()
    assert find_theme("vgr", course) == (tmp_path / "themes" / "vgr").resolve()
    # the shipped themes are still there for what the course does not have
    assert find_theme("public", course) == REPO / "themes" / "public"
