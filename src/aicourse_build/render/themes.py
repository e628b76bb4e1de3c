"""Theme templates in Jinja's sandbox: parsed when checked, rendered from memory.

A theme can come from any course repository, and CI builds pull requests: a template must not
reach Python's internals (`cycler.__init__.__globals__...`) or the file system. The sandbox
refuses unsafe attribute access while rendering; the loader serves only the theme's own templates,
already read by `source/theme_source.py`.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from aicourse_build.diagnostics import Diagnostic, Span, error
from aicourse_build.model.theme import Logo, Theme
from aicourse_build.source.files import SourceFile

ENTRY = "index.html.j2"  # the page of a package; blocks/<type>.html.j2 are included from it
_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)  # blanked, keeping lines and columns
_LITERAL_ID = re.compile(r"""\bid\s*=\s*["']([^"'{}<>\s]+)["']""")


@dataclass(frozen=True)
class ThemeInfo:
    """What templates may know of their theme."""

    name: str
    title: str
    logo: Logo | None


class _MemoryLoader(jinja2.BaseLoader):
    """The theme's templates, nearest theme first; each keeps its file's path for messages."""

    def __init__(self, templates: dict[str, SourceFile]) -> None:
        self.templates = templates

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        file = self.templates.get(template)
        if file is None:
            raise jinja2.TemplateNotFound(template)
        return file.text, file.display, lambda: True

    def list_templates(self) -> list[str]:
        return sorted(self.templates)


def _new_environment(templates: dict[str, SourceFile]) -> jinja2.Environment:
    return ImmutableSandboxedEnvironment(
        loader=_MemoryLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


TemplateKey = tuple[tuple[str, str, str], ...]  # (name, display path, text) of each template


@lru_cache(maxsize=16)
def _environment_for(key: TemplateKey) -> jinja2.Environment:
    return _new_environment(
        {name: SourceFile.from_text(Path(display), display, text) for name, display, text in key}
    )


def environment(theme: Theme) -> jinja2.Environment:
    """One environment per set of templates: each is compiled once, for every package and for
    every rebuild of the preview that leaves the theme as it was."""
    key = tuple((name, f.display, f.text) for name, f in sorted(theme.templates().items()))
    return _environment_for(key)


def info(theme: Theme) -> ThemeInfo:
    return ThemeInfo(theme.name, theme.title, theme.logo)


def check_templates(theme: Theme) -> list[Diagnostic]:
    """Every template of the theme compiled (AIC110), and the entry page present."""
    out: list[Diagnostic] = []
    env = environment(theme)
    templates = theme.templates()
    for name, file in sorted(templates.items()):
        try:
            env.get_template(name)  # compiled once here, and kept for rendering
        except jinja2.TemplateSyntaxError as exc:
            line = exc.lineno or 1
            out.append(
                error(
                    "AIC110",
                    f"template syntax: {exc.message}",
                    Span(file.display, line, _first_col(file, line)),
                )
            )
    if not out:
        out += template_cycles(theme)
    if ENTRY not in templates:
        layer = theme.layers[0]
        out.append(
            error(
                "AIC110",
                f"theme '{theme.name}' has no templates/{ENTRY}",
                layer.index.root,
                "extend a theme that has one ('extends: default') or add it",
            )
        )
    return out


_REFERS = re.compile(r"\{%-?\s*(?:extends|include|import|from)\b")


def _targets(expr: nodes.Expr, names: list[str]) -> list[str]:
    """The templates a reference may name: exactly, by a constant prefix ("blocks/" ~ type), or
    any of them when nothing is known."""
    if isinstance(expr, nodes.Const) and isinstance(expr.value, str):
        return [expr.value] if expr.value in names else []
    if isinstance(expr, nodes.List | nodes.Tuple):
        return [n for item in expr.items for n in _targets(item, names)]
    parts = expr.nodes if isinstance(expr, nodes.Concat) else []
    if isinstance(expr, nodes.Add):
        parts = [expr.left, expr.right]
    if parts and isinstance(parts[0], nodes.Const) and isinstance(parts[0].value, str):
        return [n for n in names if n.startswith(parts[0].value)]
    return list(names)


def _references(theme: Theme) -> dict[str, list[tuple[str, int]]]:
    """template -> [(a template it extends, includes or imports, at line)]."""
    env = _new_environment({})
    templates = theme.templates()
    names = sorted(templates)
    graph: dict[str, list[tuple[str, int]]] = {name: [] for name in names}
    kinds = (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)
    for name in names:
        file = templates[name]
        if not _REFERS.search(file.text):
            continue  # no reference: no need to parse it a second time
        tree = env.parse(file.text, name, file.display)
        for node in tree.find_all(kinds):
            template: nodes.Expr = node.template  # type: ignore[attr-defined]  # all four have it
            graph[name] += [(target, node.lineno) for target in _targets(template, names)]
    return graph


def template_cycles(theme: Theme) -> list[Diagnostic]:
    """Templates that extend or include each other in a circle would render without end."""
    graph = _references(theme)
    templates = theme.templates()
    done: set[str] = set()

    def visit(name: str, path: list[tuple[str, int]]) -> list[tuple[str, int]] | None:
        names = [n for n, _line in path]
        if name in names:
            return path[names.index(name) :]
        if name in done:
            return None
        for target, line in graph[name]:
            found = visit(target, [*path, (name, line)])
            if found:
                return found
        done.add(name)
        return None

    for start in sorted(graph):
        cycle = visit(start, [])
        if cycle:
            first, line = cycle[0]
            circle = " → ".join([*(n for n, _l in cycle), first])
            file = templates[first]
            return [
                error(
                    "AIC110",
                    f"templates extend or include each other in a circle: {circle}",
                    Span(file.display, line, _first_col(file, line)),
                    "a template may not, through others, include or extend itself",
                )
            ]
    return []


def reserved_ids(theme: Theme) -> dict[str, str]:
    """HTML ids the theme's templates write literally (`id="main"`), each with where: no page or
    block may use them, or the page would have one id twice."""
    found: dict[str, str] = {}
    owners = {
        name: layer.name for layer in reversed(theme.layers) for name in layer.templates
    }  # the nearest theme that has the template wins, as in rendering
    for name, file in sorted(theme.templates().items()):
        text = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), file.text)
        for match in _LITERAL_ID.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            where = f"templates/{name}:{line} of the theme '{owners[name]}'"
            found.setdefault(match[1], where)
    return found


def _first_col(file: SourceFile, line: int) -> int:
    text = file.lines[line - 1] if 0 < line <= len(file.lines) else ""
    return len(text) - len(text.lstrip()) + 1


def template_problem(exc: BaseException, theme: Theme) -> Diagnostic | None:
    """The diagnostic for an exception raised while a theme template ran, at the template line
    where it happened; None when no template of the theme is in its traceback (a bug of ours)."""
    files = {file.display: file for file in theme.templates().values()}
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename in files]
    if not frames:
        return None
    frame = frames[-1]
    file = files[frame.filename]
    line = frame.lineno or 1
    span = Span(file.display, line, _first_col(file, line))
    if isinstance(exc, SecurityError):
        return error(
            "AIC111",
            f"the template tried something themes may not do: {exc}",
            span,
            "templates may only show the course's data; they cannot reach Python's internals",
        )
    message = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else str(exc)
    return error("AIC111", f"the template failed: {message}", span)
