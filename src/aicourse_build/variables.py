"""`{{ variables }}`: what a profile lets a text name, and filling them in where they are written.

`{{ contacts.x }}` (a contact's name and address), `{{ contacts.x.email }}` and its other fields,
`{{ course.title }}`, `{{ course.version }}`, `{{ course.id }}` and the profile's `variables:`.
`\\{{` is a literal "{{", for a prompt template shown in a code example.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from aicourse_build.diagnostics import Diagnostic, Span, error
from aicourse_build.model.course import Contact, CourseFile
from aicourse_build.source.files import SourceFile
from aicourse_build.suggest import did_you_mean

# `{{ name }}`; `\{{` is a literal "{{" (a prompt template in an example), never a variable
VARIABLE = re.compile(r"(?<!\\)\{\{\s*([^{}]*?)\s*\}\}")
_ESCAPED_OR_VARIABLE = re.compile(r"\\\{\{|" + VARIABLE.pattern)


def contact_text(contact: Contact) -> str:
    reach = contact.email or contact.url or contact.phone
    return f"{contact.name}, {reach}" if reach else contact.name


def _flatten(values: dict[str, Any], prefix: str = "") -> list[str]:
    names = []
    for key, value in values.items():
        if isinstance(value, dict):
            names += _flatten(value, f"{prefix}{key}.")
        else:
            names.append(prefix + key)
    return names


@dataclass
class Variables:
    """What `{{ ... }}` may name for one profile in one language; problems go to `out`."""

    profile: str
    meta: CourseFile  # course.yaml in the language being built
    contacts: dict[str, Contact]  # the contacts the profile keeps
    values: dict[str, Any]  # the profile's variables
    out: list[Diagnostic]
    contacts_left_out: dict[str, str] = field(default_factory=dict)  # key -> reason

    def context(self) -> dict[str, Any]:
        course = {"id": self.meta.id, "title": self.meta.title, "version": self.meta.version}
        return {"contacts": self.contacts, "course": course, **self.values}

    def lookup(self, name: str) -> str | None:
        value: Any = self.context()
        for part in name.split("."):
            if isinstance(value, Contact):
                value = getattr(value, part, None) if part in Contact.model_fields else None
            elif isinstance(value, dict):
                value = value.get(part)
            else:
                return None
            if value is None:
                return None
        if isinstance(value, Contact):
            return contact_text(value)
        if isinstance(value, dict):
            return None
        return str(value).lower() if isinstance(value, bool) else str(value)

    def report(self, diagnostic: Diagnostic) -> None:
        self.out.append(dataclasses.replace(diagnostic, profile=self.profile))

    def contact_left_out(self, key: str, span: Span) -> bool:
        """Report a use of a contact this profile leaves out; False when it is not one."""
        reason = self.contacts_left_out.get(key)
        if reason is None:
            return False
        self.report(
            error(
                "AIC047",
                f"the contact '{key}' is left out of this profile ({reason})",
                span,
                "leave this text out of the profile too (only:/except: or '::: only'), "
                "or keep the contact in it",
            )
        )
        return True

    def unknown(self, name: str, span: Span) -> None:
        parts = name.split(".")
        if parts[0] == "contacts" and len(parts) > 1 and self.contact_left_out(parts[1], span):
            return
        known = ["contacts." + k for k in self.contacts]
        known += ["course.id", "course.title", "course.version", *_flatten(self.values)]
        self.report(
            error(
                "AIC041",
                f"unknown variable '{name}'",
                span,
                did_you_mean(name, known) or f"known: {', '.join(sorted(known))}",
            )
        )

    def filler(self, file: SourceFile, start: Span) -> Filler:
        return Filler(self, file, start)


class Filler:
    """Fills variables in the values of one source file, locating each literal in turn."""

    def __init__(self, variables: Variables, file: SourceFile, start: Span) -> None:
        self.variables = variables
        self.file = file
        self.start = start
        self.cursor = start
        # (the literal, its value, where the literal is) for each variable filled in
        self.substitutions: list[tuple[str, str, Span]] = []

    def locate(self, literal: str) -> Span:
        span = self.file.find(literal, self.cursor) or self.file.find(literal, self.start)
        if span is None:
            return self.start
        self.cursor = Span(span.path, span.line, span.col + len(literal))
        return span

    def text(self, text: str) -> str:
        if "{{" not in text:
            return text

        def replace(match: re.Match[str]) -> str:
            if match[1] is None:
                return "{{"  # an escaped \{{
            span = self.locate(match[0])
            value = self.variables.lookup(match[1])
            if value is None:
                self.variables.unknown(match[1], span)
                return match[0]
            self.substitutions.append((match[0], value, span))
            return value

        return _ESCAPED_OR_VARIABLE.sub(replace, text)

    def fill(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.fill(v) for v in value]
        if isinstance(value, dict):
            return {k: self.fill(v) for k, v in value.items()}
        return value
