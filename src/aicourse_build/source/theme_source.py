"""Reading a theme and what it extends: theme.yaml with positions, its templates, its static files.

Themes may come from a course repository shared between regions, so they are input like any
manuscript: read once here, each problem a diagnostic at its file and line. Templates are parsed
(in Jinja's sandbox) by `render/themes.py`; nothing here runs them.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from aicourse_build.diagnostics import Diagnostic, Span, display_path, error
from aicourse_build.model.errors import diagnostics_from_validation
from aicourse_build.model.theme import Theme, ThemeFile, ThemeLayer
from aicourse_build.source.css import check_css
from aicourse_build.source.files import SourceFile, decode_text, read_source
from aicourse_build.source.media_types import check_media, media_type
from aicourse_build.source.yaml_positions import PositionIndex, load_yaml_mapping
from aicourse_build.suggest import did_you_mean
from aicourse_build.themes import find_theme, theme_names

# Fonts and the like have no check of their own; they still may not be huge.
MAX_STATIC_BYTES = 5 * 1024 * 1024


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink())


class _Reader:
    def __init__(self, course_root: Path) -> None:
        self.course_root = course_root
        self.out: list[Diagnostic] = []
        self.refused: set[str] = set()  # static files with problems of their own (reported)

    def inside(self, path: Path, folder: Path) -> bool:
        if path.resolve().is_relative_to(folder.resolve()):
            return True
        self.out.append(
            error(
                "AIC031",
                "file is a link to somewhere outside its theme's folder",
                Span(display_path(path)),
                "copy the file into the theme instead of linking to it",
            )
        )
        return False

    def theme_yaml(self, folder: Path) -> tuple[SourceFile, ThemeFile, PositionIndex] | None:
        source, problems = read_source(folder / "theme.yaml", display_path(folder / "theme.yaml"))
        self.out.extend(problems)
        if source is None:
            return None
        doc, problems = load_yaml_mapping(source.text, source.display)
        self.out.extend(problems)
        if doc is None:
            return None
        try:
            model = ThemeFile.model_validate(doc.data)
        except ValidationError as exc:
            self.out.extend(diagnostics_from_validation(exc, doc.data, doc.index, ThemeFile))
            return None
        if model.name != folder.name:
            self.out.append(
                error(
                    "AIC012",
                    f"theme.yaml names the theme '{model.name}', but its folder is '{folder.name}'",
                    doc.index.value_span(("name",)),
                    f"write 'name: {folder.name}' or rename the folder",
                )
            )
        return source, model, doc.index

    def templates(self, folder: Path) -> dict[str, SourceFile]:
        found = {}
        base = folder / "templates"
        for path in _files(base):
            if not self.inside(path, folder):
                continue
            source, problems = read_source(path, display_path(path))
            self.out.extend(problems)
            if source is not None:
                found[path.relative_to(base).as_posix()] = source
        return found

    def static(self, folder: Path) -> dict[str, bytes]:
        found = {}
        self.refused = set()  # of this theme's folder, for listed_files right after
        base = folder / "static"
        for path in _files(base):
            if not self.inside(path, folder):
                continue
            name = path.relative_to(base).as_posix()
            data = self.static_file(path, name)
            if data is None:
                self.refused.add(name)
            else:
                found[name] = data
        for name, data in found.items():
            if name.endswith(".css"):
                self.stylesheet_urls(base / name, name, data, found)
        return found

    def static_file(self, path: Path, name: str) -> bytes | None:
        display = display_path(path)
        mtype = media_type(name)
        limit = mtype.max_bytes if mtype else MAX_STATIC_BYTES
        if not path.is_file():  # a link to nothing, or to a folder
            self.out.append(error("AIC009", "cannot read file: it is not a file", Span(display)))
            return None
        try:
            size = path.stat().st_size
            data = b"" if size > limit else path.read_bytes()
        except OSError as exc:
            self.out.append(error("AIC009", f"cannot read file: {exc.strerror}", Span(display)))
            return None
        if size > limit:
            self.out.append(
                error(
                    "AIC006",
                    f"theme file '{name}' is larger than {limit // 1024} KB",
                    Span(display),
                    "a theme's files are shipped in every package: keep them small",
                )
            )
            return None
        if mtype is not None:
            _text, problems = check_media(mtype, data, display)
            self.out.extend(problems)
            if any(p.is_error for p in problems):
                return None
        return data

    def stylesheet_urls(self, path: Path, name: str, data: bytes, static: dict[str, bytes]) -> None:
        display = display_path(path)
        text, problems = decode_text(data, display)
        self.out.extend(problems)
        if text is None:
            return
        file = SourceFile.from_text(path, display, text)
        urls, problems = check_css(text, display)
        self.out.extend(problems)
        # theme.css is served as theme/theme.css: its urls resolve among the static files
        for url in urls:
            target = url.split("#", 1)[0].split("?", 1)[0]
            if target and target not in static:
                self.out.append(
                    error(
                        "AIC030",
                        f"the stylesheet refers to '{url}', which is not in the theme's static/",
                        file.locate(url),
                        did_you_mean(target, static),
                    )
                )

    def listed_files(self, layer: ThemeLayer) -> None:
        """Stylesheets and the logo theme.yaml names must be among its static files."""
        model, index = layer.model, layer.index
        present = set(layer.static) | self.refused  # a refused file is reported already
        for i, name in enumerate(model.stylesheets):
            if name not in present:
                self.out.append(_not_in_static(name, index.value_span(("stylesheets", i)), layer))
        if model.logo and model.logo.src not in present:
            self.out.append(
                _not_in_static(model.logo.src, index.value_span(("logo", "src")), layer)
            )


def _not_in_static(name: str, span: Span, layer: ThemeLayer) -> Diagnostic:
    return error(
        "AIC030",
        f"'{name}' is not in the theme's static/ folder",
        span,
        did_you_mean(name, layer.static) or f"add {layer.folder}/static/{name}",
    )


def load_theme(name: str, course_root: Path, where: Span) -> tuple[Theme | None, list[Diagnostic]]:
    """The theme `name` (named at `where`) and its `extends` chain, read whole."""
    reader = _Reader(course_root)
    layers: list[ThemeLayer] = []
    current: str | None = name
    while current is not None:
        folder = find_theme(current, course_root)
        if folder is None:
            names = theme_names(course_root)
            hint = did_you_mean(current, names) or f"themes: {', '.join(names)}"
            reader.out.append(error("AIC015", f"no theme '{current}'", where, hint))
            return None, reader.out
        if any(layer.folder == display_path(folder) for layer in layers):
            reader.out.append(error("AIC015", f"theme '{current}' extends itself", where))
            return None, reader.out
        read = reader.theme_yaml(folder)
        if read is None:
            return None, reader.out
        file, model, index = read
        layer = ThemeLayer(
            current,
            display_path(folder),
            file,
            index,
            model,
            reader.templates(folder),
            reader.static(folder),
        )
        reader.listed_files(layer)
        layers.append(layer)
        current = model.extends
        if current is not None:
            where = index.value_span(("extends",))
    if any(d.is_error for d in reader.out):
        return None, reader.out
    return Theme(name, tuple(layers)), reader.out
