"""Resolving a profile: what is included, variables filled in, the survey mode applied."""

from __future__ import annotations

import contextlib
import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from aicourse_build.diagnostics import Diagnostic, Span, error, warning
from aicourse_build.model.base import Conditional
from aicourse_build.model.blocks import Block, ContactsBlock, QuizBlock, SurveyBlock
from aicourse_build.model.course import Contact
from aicourse_build.model.tree import Course, Page, PageBlock, ProfileSource
from aicourse_build.source.markdown_source import Condition
from aicourse_build.suggest import did_you_mean

VARIABLE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")


@dataclass(frozen=True)
class ExternalSurvey:
    """A built-in survey replaced by a link to the profile's external form."""

    id: str
    title: str | None
    url: str
    type: str = "survey-link"


@dataclass(frozen=True)
class ResolvedBlock:
    block: Block | ExternalSurvey
    source: PageBlock


@dataclass(frozen=True)
class ResolvedPage:
    id: str
    title: str
    page: Page
    blocks: tuple[ResolvedBlock, ...]


@dataclass(frozen=True)
class ResolvedModule:
    id: str
    title: str
    pages: tuple[ResolvedPage, ...]
    duration: float | None


@dataclass(frozen=True)
class LeftOut:
    kind: str
    name: str
    reason: str


@dataclass
class ResolvedCourse:
    course: Course
    profile: ProfileSource
    lang: str
    modules: list[ResolvedModule] = field(default_factory=list)
    contacts: dict[str, Contact] = field(default_factory=dict)
    left_out: list[LeftOut] = field(default_factory=list)

    @property
    def pages(self) -> list[ResolvedPage]:
        return [p for m in self.modules for p in m.pages]


def _contact_text(contact: Contact) -> str:
    reach = contact.email or contact.url or contact.phone
    return f"{contact.name}, {reach}" if reach else contact.name


class _Resolver:
    def __init__(self, course: Course, profile: ProfileSource, lang: str) -> None:
        self.course = course
        self.profile = profile
        self.model = profile.model
        self.names = {profile.name, *profile.model.tags}
        self.out: list[Diagnostic] = []
        self.result = ResolvedCourse(course, profile, lang)
        self.result.contacts = {**course.meta.contacts, **profile.model.contacts}

    # -- inclusion ---------------------------------------------------------------------------
    def reason_to_leave_out(
        self, element: Conditional, containers: tuple[Condition, ...] = ()
    ) -> str | None:
        if element.only and not self.names.intersection(element.only):
            return f"only: {', '.join(element.only)}"
        if self.names.intersection(element.except_):
            return f"except: {', '.join(element.except_)}"
        for cond in containers:
            hit = bool(self.names.intersection(cond.names))
            if (cond.kind == "only") != hit:
                return f"::: {cond.kind} {' '.join(cond.names)}"
        excluded = set(element.tags).intersection(self.model.exclude_tags)
        if excluded:
            return f"tag excluded: {', '.join(sorted(excluded))}"
        include = self.model.include_tags
        if include and element.tags and not set(element.tags).intersection(include):
            return "no included tag"
        return None

    # -- variables ---------------------------------------------------------------------------
    def lookup(self, name: str) -> str | None:
        context: dict[str, Any] = {
            "contacts": self.result.contacts,
            "course": {
                "id": self.course.meta.id,
                "title": self.course.meta.title,
                "version": self.course.meta.version,
            },
            **self.model.variables,
        }
        value: Any = context
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
            return _contact_text(value)
        if isinstance(value, dict):
            return None
        return str(value).lower() if isinstance(value, bool) else str(value)

    def substitute(self, text: str, where: PageBlock | Page, start: Span) -> str:
        def replace(match: re.Match[str]) -> str:
            value = self.lookup(match[1])
            if value is None:
                self.unknown_variable(match, where, start)
                return match[0]
            return value

        return VARIABLE.sub(replace, text) if "{{" in text else text

    def unknown_variable(self, match: re.Match[str], where: PageBlock | Page, start: Span) -> None:
        file = where.file if isinstance(where, PageBlock) else where.source.file
        span = file.locate(match[0], start)
        known = ["contacts." + k for k in self.result.contacts] + ["course.title", "course.version"]
        known += _flatten(self.model.variables)
        self.out.append(
            dataclasses.replace(
                error(
                    "AIC041",
                    f"unknown variable '{match[1]}'",
                    span,
                    did_you_mean(match[1], known) or f"known: {', '.join(sorted(known))}",
                ),
                profile=self.profile.name,
            )
        )

    def fill(self, value: Any, where: PageBlock, start: Span) -> Any:
        if isinstance(value, str):
            return self.substitute(value, where, start)
        if isinstance(value, list):
            return [self.fill(v, where, start) for v in value]
        if isinstance(value, dict):
            return {k: self.fill(v, where, start) for k, v in value.items()}
        return value

    # -- blocks ------------------------------------------------------------------------------
    def block(self, pb: PageBlock) -> ResolvedBlock:
        block = pb.block
        data = block.model_dump(by_alias=True, exclude_defaults=False)
        filled = self.fill(data, pb, pb.raw.span)
        if filled != data:
            # a variable's value may break the block's form; the unfilled block then stays
            with contextlib.suppress(ValidationError):
                block = type(block).model_validate(filled)
        if isinstance(block, SurveyBlock) and self.model.survey.mode == "external":
            assert self.model.survey.url is not None
            return ResolvedBlock(ExternalSurvey(block.id, block.title, self.model.survey.url), pb)
        if isinstance(block, ContactsBlock):
            self.contacts_shown(block, pb)
        return ResolvedBlock(block, pb)

    def contacts_shown(self, block: ContactsBlock, pb: PageBlock) -> None:
        for i, key in enumerate(block.show):
            if key not in self.result.contacts:
                self.out.append(
                    dataclasses.replace(
                        error(
                            "AIC043",
                            f"no contact '{key}' in course.yaml or this profile",
                            pb.raw.index.value_span(("show", i)),
                            did_you_mean(key, self.result.contacts),
                        ),
                        profile=self.profile.name,
                    )
                )

    def page(self, page_id: str) -> ResolvedPage | None:
        page = self.course.page(page_id, self.result.lang)
        if page is None:
            return None
        reason = self.reason_to_leave_out(page.meta)
        if reason:
            self.result.left_out.append(LeftOut("page", page_id, reason))
            return None
        if self.result.lang not in self.course.pages[page_id]:
            self.missing_translation("page", page_id, page.source.index.value_span(("id",)))
        blocks = []
        for pb in page.blocks:
            why = self.reason_to_leave_out(pb.block, pb.raw.conditions)
            if why:
                name = (
                    getattr(pb.block, "id", None) or f"{pb.block.type} at line {pb.raw.span.line}"
                )
                self.result.left_out.append(LeftOut(pb.block.type, f"{page_id}/{name}", why))
                continue
            resolved = self.block(pb)
            if isinstance(resolved.block, QuizBlock) and resolved.block.bank:
                self.bank_language(resolved.block, pb)
            blocks.append(resolved)
        title = self.substitute(page.meta.title, page, page.source.index.value_span(("title",)))
        return ResolvedPage(page_id, title, page, tuple(blocks))

    def bank_language(self, quiz: QuizBlock, pb: PageBlock) -> None:
        assert quiz.bank is not None
        variants = self.course.banks.get(quiz.bank, {})
        if variants and self.result.lang not in variants:
            self.missing_translation("question bank", quiz.bank, pb.raw.index.value_span(("bank",)))

    def missing_translation(self, what: str, name: str, span: Span) -> None:
        self.out.append(
            dataclasses.replace(
                warning(
                    "AIC051",
                    f"{what} '{name}' has no '{self.result.lang}' version; the original is used",
                    span,
                    "add a translation or drop the language",
                ),
                profile=self.profile.name,
            )
        )

    def run(self) -> ResolvedCourse:
        for module in self.course.meta.modules:
            reason = self.reason_to_leave_out(module)
            if reason:
                self.result.left_out.append(LeftOut("module", module.id, reason))
                continue
            pages = tuple(p for p in (self.page(pid) for pid in module.pages) if p is not None)
            if pages:
                self.result.modules.append(
                    ResolvedModule(module.id, module.title, pages, module.duration)
                )
        self.check_result()
        return self.result

    def check_result(self) -> None:
        where = self.profile.source.index.root
        if not self.result.pages:
            self.out.append(
                dataclasses.replace(
                    error(
                        "AIC042",
                        "this profile leaves no pages in the course",
                        where,
                        "check its tags and the only:/except: conditions",
                    ),
                    profile=self.profile.name,
                )
            )
        assessment = self.course.meta.completion.assessment
        exists = any(
            isinstance(pb.block, QuizBlock) and pb.block.id == assessment
            for variants in self.course.pages.values()
            for page in variants.values()
            for pb in page.blocks
        )
        if (
            assessment
            and exists
            and not any(
                isinstance(rb.block, QuizBlock) and rb.block.id == assessment
                for p in self.result.pages
                for rb in p.blocks
            )
        ):
            self.out.append(
                dataclasses.replace(
                    error(
                        "AIC044",
                        f"the assessment '{assessment}' is left out by this profile",
                        self.course.source.index.value_span(("completion", "assessment")),
                        "learners could never pass; include the quiz or change the policy",
                    ),
                    profile=self.profile.name,
                )
            )


def _flatten(values: dict[str, Any], prefix: str = "") -> list[str]:
    names = []
    for key, value in values.items():
        if isinstance(value, dict):
            names += _flatten(value, f"{prefix}{key}.")
        else:
            names.append(prefix + key)
    return names


def resolve_profile(
    course: Course, profile: ProfileSource, lang: str | None = None
) -> tuple[ResolvedCourse, list[Diagnostic]]:
    resolver = _Resolver(course, profile, lang or profile.model.languages[0])
    result = resolver.run()
    return result, resolver.out
