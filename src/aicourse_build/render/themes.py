"""Themes are data: theme.yaml, templates and static files, inherited with `extends`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml
from pydantic import Field, ValidationError

from aicourse_build.diagnostics import DiagnosticError, Span, error
from aicourse_build.model.base import StrictModel
from aicourse_build.themes import find_theme


class Logo(StrictModel):
    src: str
    alt: str


class ThemeFile(StrictModel):
    """themes/<name>/theme.yaml"""

    name: str
    title: str
    extends: str | None = None
    logo: Logo | None = None
    stylesheets: list[str] = Field(default_factory=list, description="Files in static/, in order")


@dataclass(frozen=True)
class Theme:
    name: str
    chain: tuple[Path, ...]  # this theme first, then what it extends
    files: tuple[ThemeFile, ...]

    @property
    def logo(self) -> Logo | None:
        return next((f.logo for f in self.files if f.logo), None)

    def environment(self) -> jinja2.Environment:
        loader = jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(str(folder / "templates")) for folder in self.chain]
        )
        return jinja2.Environment(
            loader=loader,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )

    def static_files(self) -> dict[str, bytes]:
        """Static files by package path; a theme's own file replaces its parent's."""
        found: dict[str, bytes] = {}
        for folder, theme_file in zip(reversed(self.chain), reversed(self.files), strict=True):
            static = folder / "static"
            if not static.is_dir():
                continue
            for path in sorted(static.rglob("*")):
                name = path.relative_to(static).as_posix()
                # stylesheets go into theme/theme.css, not one by one
                if path.is_file() and name not in theme_file.stylesheets:
                    found[f"theme/{name}"] = path.read_bytes()
        return found

    def stylesheet(self) -> bytes:
        """The chain's stylesheets concatenated, parents first, as one theme/theme.css."""
        parts = []
        for folder, theme_file in zip(reversed(self.chain), reversed(self.files), strict=True):
            for name in theme_file.stylesheets:
                parts.append((folder / "static" / name).read_bytes())
        return b"\n".join(parts)


def load_theme(name: str, course_root: Path) -> Theme:
    chain: list[Path] = []
    files: list[ThemeFile] = []
    current: str | None = name
    while current is not None:
        folder = find_theme(current, course_root)
        if folder is None or folder in chain:
            problem = "extends itself" if folder in chain else "is not found"
            raise DiagnosticError(
                [error("AIC015", f"theme '{current}' {problem}", Span(str(course_root)))]
            )
        theme_yaml = folder / "theme.yaml"
        try:
            theme_file = ThemeFile.model_validate(yaml.safe_load(theme_yaml.read_text("utf-8")))
        except (yaml.YAMLError, ValidationError) as exc:
            first = str(exc).splitlines()[0]
            raise DiagnosticError(
                [
                    error(
                        "AIC015",
                        f"theme '{current}' has an invalid theme.yaml: {first}",
                        Span(str(theme_yaml)),
                    )
                ]
            ) from exc
        chain.append(folder)
        files.append(theme_file)
        current = theme_file.extends
    return Theme(name, tuple(chain), tuple(files))
