"""Positions, diagnostics and the ways of printing them.

Every problem a user can cause becomes a `Diagnostic` with a stable code and a span; nothing a user
does should surface as a traceback.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    # advice: printed and counted, but never a failure, not even under --strict
    NOTE = "note"


@dataclass(frozen=True, order=True)
class Span:
    """A 1-based position in a source file; `end_*` are optional."""

    path: str
    line: int = 1
    col: int = 1
    end_line: int | None = None
    end_col: int | None = None


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    span: Span
    hint: str | None = None
    profile: str | None = None

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        return (
            self.span.path,
            self.span.line,
            self.span.col,
            self.code,
            self.profile or "",
            self.message,
        )

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity is Severity.WARNING


def error(code: str, message: str, span: Span, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, span, hint)


def warning(code: str, message: str, span: Span, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, span, hint)


def note(code: str, message: str, span: Span, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.NOTE, message, span, hint)


@dataclass
class Report:
    """Collects diagnostics from every stage; de-duplicates and sorts on output."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    def sorted(self) -> list[Diagnostic]:
        merged = _merge_profiles(self.items)
        return sorted(merged, key=Diagnostic.sort_key)

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.items)

    @property
    def has_warnings(self) -> bool:
        """Whether anything fails --strict: notes never do."""
        return any(d.is_warning for d in self.items)


def _merge_profiles(items: list[Diagnostic]) -> list[Diagnostic]:
    """One line per problem: the same finding in several profiles names them all."""
    grouped: dict[tuple[str, Severity, str, Span, str | None], list[str]] = {}
    for d in items:
        key = (d.code, d.severity, d.message, d.span, d.hint)
        names = grouped.setdefault(key, [])
        if d.profile and d.profile not in names:
            names.append(d.profile)
    merged = []
    for (code, severity, message, span, hint), names in grouped.items():
        profile = ",".join(sorted(names)) or None
        merged.append(Diagnostic(code, severity, message, span, hint, profile))
    return merged


class DiagnosticError(Exception):
    """Raised by a stage that cannot go on; carries what it found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} problem(s)")
        self.diagnostics = diagnostics


def display_path(path: Path, base: Path | None = None) -> str:
    """A path as users typed it: relative to the working directory when it is below it."""
    # abspath, not resolve: a symbolic link is shown where it is, not where it points
    absolute = Path(os.path.normpath(path.absolute()))
    try:
        return absolute.relative_to((base or Path.cwd()).absolute()).as_posix()
    except ValueError:
        return absolute.as_posix()


def _label(d: Diagnostic) -> str:
    suffix = f" (profile {d.profile})" if d.profile else ""
    return f"{d.message}{suffix}"


def format_text(d: Diagnostic) -> str:
    s = d.span
    line = f"{s.path}:{s.line}:{s.col}: {d.severity.value}[{d.code}]: {_label(d)}"
    if d.hint:
        line += f"\n  hint: {d.hint}"
    return line


def diagnostic_dict(d: Diagnostic) -> dict[str, Any]:
    """A diagnostic as plain data (JSON output, the preview page)."""
    s = d.span
    return {
        "path": s.path,
        "line": s.line,
        "col": s.col,
        "end_line": s.end_line,
        "end_col": s.end_col,
        "severity": d.severity.value,
        "code": d.code,
        "message": d.message,
        "hint": d.hint,
        "profile": d.profile,
    }


def format_json(d: Diagnostic) -> str:
    return json.dumps(diagnostic_dict(d), ensure_ascii=False)


def _escape_github(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(d: Diagnostic) -> str:
    s = d.span
    message = _label(d) + (f"\nhint: {d.hint}" if d.hint else "")
    props = f"file={_escape_github(s.path, prop=True)},line={s.line},col={s.col}"
    if s.end_line:
        props += f",endLine={s.end_line}"
    if s.end_col and s.end_line == s.line:
        props += f",endColumn={s.end_col}"
    props += f",title={_escape_github(d.code, prop=True)}"
    command = _GITHUB_COMMANDS[d.severity]
    return f"::{command} {props}::{_escape_github(message)}"


# GitHub's workflow commands: a note is a 'notice'
_GITHUB_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
