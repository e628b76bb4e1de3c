"""Finding themes: `themes/<name>/theme.yaml` in the course folder or any folder above it."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path


def shipped_themes_dir() -> Path | None:
    """The folder of the themes that come with aicourse, or None when there is none.

    A built wheel carries the repository's themes/ inside the package (pyproject.toml
    force-includes it as aicourse_build/themes); an editable install imports the package from
    src/, which has no themes/, so the checkout's top-level themes/ is used instead.
    """
    packaged = resources.files("aicourse_build") / "themes"
    # Only a real folder can be handed out as a Path: a package imported from a zip file gives a
    # Traversable that Jinja's file loader and the preview's file watcher cannot use.
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged.resolve()
    checkout = Path(__file__).resolve().parents[2]
    # pyproject.toml marks a source checkout, so a stray themes/ folder next to site-packages is
    # never mistaken for the shipped themes
    if (checkout / "pyproject.toml").is_file() and (checkout / "themes").is_dir():
        return checkout / "themes"
    return None


def theme_dirs(course_root: Path) -> list[Path]:
    """Folders that may hold themes, nearest first; AICOURSE_THEMES adds more."""
    found = []
    extra = os.environ.get("AICOURSE_THEMES")
    if extra:
        found += [Path(p) for p in extra.split(os.pathsep) if p]
    for folder in (course_root.resolve(), *course_root.resolve().parents):
        candidate = folder / "themes"
        if candidate.is_dir():
            found.append(candidate)
    # last, the themes that come with aicourse, so a course's own themes can replace them
    shipped = shipped_themes_dir()
    if shipped is not None and shipped not in found:
        found.append(shipped)
    return found


def find_theme(name: str, course_root: Path) -> Path | None:
    for folder in theme_dirs(course_root):
        if (folder / name / "theme.yaml").is_file():
            return folder / name
    return None


def theme_names(course_root: Path) -> list[str]:
    names = {
        p.name
        for folder in theme_dirs(course_root)
        for p in folder.iterdir()
        if (p / "theme.yaml").is_file()
    }
    return sorted(names)
