"""`aicourse new`: a small course with one example of every block type and two profiles.

The files are the complete example of docs/manuscript.md (a test keeps the two identical), with
the example's id `exempelkurs` replaced by the new course's id.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

EXAMPLE_ID = "exempelkurs"


def _walk(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            found += _walk(entry, f"{name}/")
        elif entry.name != "__pycache__":
            found.append((name, entry))
    return found


def scaffold_files(course_id: str) -> dict[str, bytes]:
    files = resources.files("aicourse_build").joinpath("scaffold", "files")
    return {
        name: entry.read_bytes().replace(EXAMPLE_ID.encode(), course_id.encode())
        for name, entry in _walk(files)
    }


def new_course(target: Path, course_id: str) -> list[Path]:
    """Write the scaffold into `target` (which must not exist or be empty)."""
    if target.exists() and any(target.iterdir()):
        raise FileExistsError(f"{target} exists and is not empty")
    written = []
    for name, data in scaffold_files(course_id).items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written
