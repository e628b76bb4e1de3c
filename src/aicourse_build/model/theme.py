"""Themes as data: theme.yaml, and a theme with everything it uses read into memory."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import Field

from aicourse_build.model.base import Id, StrictModel, Text
from aicourse_build.source.files import SourceFile
from aicourse_build.source.yaml_positions import PositionIndex

# A file in a theme's static/ folder: a relative name whose parts never start with a dot, so no
# "..", "." or hidden file
STATIC_NAME = r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$"


class Logo(StrictModel):
    src: str = Field(pattern=STATIC_NAME, description="A file in the theme's static/ folder")
    alt: Text


class ThemeFile(StrictModel):
    """themes/<name>/theme.yaml"""

    name: Id = Field(description="The folder's name")
    title: Text
    extends: Id | None = Field(default=None, description="The theme this one builds on")
    logo: Logo | None = None
    stylesheets: list[str] = Field(
        default_factory=list,
        description="Files in static/, in order; they become one theme/theme.css",
    )


@dataclass(frozen=True, eq=False)
class ThemeLayer:
    """One theme of a chain, read whole: theme.yaml, its templates and its static files."""

    name: str
    folder: str  # display path of the theme's folder
    file: SourceFile  # theme.yaml
    index: PositionIndex
    model: ThemeFile
    templates: dict[str, SourceFile] = field(default_factory=dict)  # "blocks/quiz.html.j2"
    static: dict[str, bytes] = field(default_factory=dict)  # "logo.svg"


@dataclass(frozen=True, eq=False)
class Theme:
    """A theme and what it extends, nearest first; identity is the theme's (eq=False), so
    rendering can cache its template environment per loaded theme."""

    name: str
    layers: tuple[ThemeLayer, ...]

    @property
    def title(self) -> str:
        return self.layers[0].model.title

    @property
    def logo(self) -> Logo | None:
        return next((layer.model.logo for layer in self.layers if layer.model.logo), None)

    def templates(self) -> dict[str, SourceFile]:
        """Every template by name; a theme's own replaces what it extends."""
        found: dict[str, SourceFile] = {}
        for layer in reversed(self.layers):
            found.update(layer.templates)
        return found

    def static_files(self) -> dict[str, bytes]:
        """Static files by package path; stylesheets go into theme/theme.css instead."""
        found: dict[str, bytes] = {}
        for layer in reversed(self.layers):
            for name, data in sorted(layer.static.items()):
                if name not in layer.model.stylesheets:
                    found[f"theme/{name}"] = data
        return found

    def stylesheet(self) -> bytes:
        """The chain's stylesheets, parents first, as one theme/theme.css."""
        return b"\n".join(
            layer.static[name]
            for layer in reversed(self.layers)
            for name in layer.model.stylesheets
            if name in layer.static
        )
