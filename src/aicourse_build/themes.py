"""Finding themes: `themes/<name>/theme.yaml` in the course folder or any folder above it."""

from __future__ import annotations

import os
from pathlib import Path


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
    # last, the themes that come with aicourse (the checkout it is installed from)
    shipped = Path(__file__).resolve().parents[2] / "themes"
    if shipped.is_dir() and shipped not in found:
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
