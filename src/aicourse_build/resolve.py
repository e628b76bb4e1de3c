"""Resolving a profile: what is included, variables filled in, the survey mode applied."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pydantic import ValidationError

from aicourse_build.diagnostics import Diagnostic, Span, error
from aicourse_build.missing_translations import MissingTranslations
from aicourse_build.model.base import Conditional
from aicourse_build.model.blocks import (
    Block,
    ContactsBlock,
    QuizBlock,
    SurveyBlock,
    with_tracking_ids,
)
from aicourse_build.model.course import Contact, CourseFile
from aicourse_build.model.errors import diagnostics_from_validation
from aicourse_build.model.tree import Course, Page, PageBlock, ProfileSource
from aicourse_build.render.strings import strings_for
from aicourse_build.source.markdown_source import Condition
from aicourse_build.suggest import did_you_mean
from aicourse_build.variables import Filler, Variables


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
    # (literal, value, where the literal is) for each variable filled in
    substitutions: tuple[tuple[str, str, Span], ...] = ()


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

    @cached_property
    def meta(self) -> CourseFile:
        """course.yaml in this course's language: what learners read and manifests carry."""
        return self.course.meta_in(self.lang)


def _contacts(course: Course, meta: CourseFile, profile: ProfileSource) -> dict[str, Contact]:
    """The course's contacts in its language, overridden by the profile's.

    A profile's role or name written word for word as in course.yaml is the course's text, so
    it follows the course's translation; what the profile words itself stays as written.
    """
    contacts = dict(meta.contacts)
    for key, contact in profile.model.contacts.items():
        original, translated = course.meta.contacts.get(key), meta.contacts.get(key)
        if original is not None and translated is not None:
            copied = [f for f in ("role", "name") if getattr(contact, f) == getattr(original, f)]
            contact = contact.model_copy(update={f: getattr(translated, f) for f in copied})
        contacts[key] = contact
    return contacts


class _Resolver:
    def __init__(self, course: Course, profile: ProfileSource, lang: str) -> None:
        self.course = course
        profile = course.profile_in(profile, lang)  # its texts in `lang`, where translated
        self.profile = profile
        self.model = profile.model
        self.names = {profile.name, *profile.model.tags}
        self.out: list[Diagnostic] = []
        self.followups = True
        self.result = ResolvedCourse(course, profile, lang)
        self.meta = self.result.meta
        # what {{ ... }} may name; contacts this profile leaves out are not among them
        self.languages = MissingTranslations(course, profile, lang, self.out)
        self.variables = Variables(profile.name, self.meta, {}, profile.model.variables, self.out)
        self.result.contacts = self.kept_contacts(_contacts(course, self.meta, profile))
        self.variables.contacts = self.result.contacts

    # -- inclusion ---------------------------------------------------------------------------
    def reason_to_leave_out(
        self, element: Conditional, containers: tuple[Condition, ...] = ()
    ) -> str | None:
        if element.only and not self.names.intersection(element.only):
            return f"only: {', '.join(element.only)}"
        if self.names.intersection(element.except_):
            return f"except: {', '.join(element.except_)}"
        tags = set(element.tags)
        for cond in containers:
            if cond.kind == "tags":
                tags.update(cond.names)
                continue
            hit = bool(self.names.intersection(cond.names))
            if (cond.kind == "only") != hit:
                return f"::: {cond.kind} {' '.join(cond.names)}"
        excluded = tags.intersection(self.model.exclude_tags)
        if excluded:
            return f"tag excluded: {', '.join(sorted(excluded))}"
        include = self.model.include_tags
        if include and tags and not tags.intersection(include):
            return "no included tag"
        return None

    def kept_contacts(self, contacts: dict[str, Contact]) -> dict[str, Contact]:
        kept = {}
        for key, contact in contacts.items():
            reason = self.reason_to_leave_out(contact)
            if reason is None:
                kept[key] = contact
            else:
                self.variables.contacts_left_out[key] = reason
                self.result.left_out.append(LeftOut("contact", key, reason))
        return kept

    # -- blocks ------------------------------------------------------------------------------
    def block(self, pb: PageBlock) -> ResolvedBlock:
        block = pb.block
        filler = self.variables.filler(pb.file, pb.raw.span)
        data = block.model_dump(by_alias=True)
        filled = filler.fill(data)
        if isinstance(block, QuizBlock) and block.bank is not None:
            filled = self.bank_questions(block, filled, filler)
        if filled != data:
            try:
                block = type(block).model_validate(filled)
            except ValidationError as exc:
                # a variable's value breaks the block (an address that is not one...)
                self.broken_by_variables(exc, filled, pb, filler)
        if isinstance(block, SurveyBlock) and block.scale is None:
            block = block.model_copy(update={"scale": self.default_scale(block)})
        if isinstance(block, QuizBlock):
            block = with_tracking_ids(block)
        found = tuple(filler.substitutions)
        if isinstance(block, SurveyBlock) and self.model.survey.mode == "external":
            assert self.model.survey.url is not None
            link = ExternalSurvey(block.id, block.title, self.model.survey.url)
            return ResolvedBlock(link, pb, found)
        if isinstance(block, ContactsBlock):
            self.contacts_shown(block, pb)
        return ResolvedBlock(block, pb, found)

    def broken_by_variables(
        self, exc: ValidationError, filled: dict[str, Any], pb: PageBlock, filler: Filler
    ) -> None:
        used = ", ".join(sorted({literal for literal, _value, _span in filler.substitutions}))
        for problem in diagnostics_from_validation(exc, filled, pb.raw.index, type(pb.block)):
            self.out.append(
                dataclasses.replace(
                    problem,
                    code="AIC046",
                    message=f"with its variables filled in ({used}): {problem.message}",
                    hint="check the values this profile gives those variables",
                    profile=self.profile.name,
                )
            )

    def default_scale(self, block: SurveyBlock) -> list[str]:
        """The labels of a survey without `scale:`, in the package's language (UI strings,
        with the profile's overrides)."""
        lang = self.result.lang
        strings = strings_for(lang, self.model.strings.get(lang))
        return [strings[f"likert{step}"] for step in range(1, block.steps + 1)]

    def bank_questions(
        self, quiz: QuizBlock, data: dict[str, Any], filler: Filler
    ) -> dict[str, Any]:
        """The quiz with its bank's questions in this language, variables filled in."""
        assert quiz.bank is not None
        bank = self.course.bank(quiz.bank, self.result.lang)
        if bank is None:
            return data
        bank_filler = self.variables.filler(
            bank.source.file, bank.source.index.value_span(("questions",))
        )
        questions = [q.model_dump(by_alias=True) for q in bank.model.questions]
        filled = bank_filler.fill(questions)
        filler.substitutions += bank_filler.substitutions
        return {**data, "bank": None, "questions": filled}

    def contacts_shown(self, block: ContactsBlock, pb: PageBlock) -> None:
        for i, key in enumerate(block.show):
            span = pb.raw.index.value_span(("show", i))
            if key not in self.result.contacts and not self.variables.contact_left_out(key, span):
                self.out.append(
                    dataclasses.replace(
                        error(
                            "AIC043",
                            f"no contact '{key}' in course.yaml or this profile",
                            span,
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
            span = page.source.index.value_span(("id",))
            self.languages.missing(f"page '{page_id}'", span)
        blocks = []
        for pb in page.blocks:
            why = self.reason_to_leave_out(pb.block, pb.raw.conditions)
            if why:
                name = (
                    getattr(pb.block, "id", None) or f"{pb.block.type} at line {pb.raw.span.line}"
                )
                self.result.left_out.append(LeftOut(pb.block.type, f"{page_id}/{name}", why))
                continue
            # the bank is named by the block as written: resolving puts its questions in place
            if isinstance(pb.block, QuizBlock) and pb.block.bank:
                self.languages.bank(pb.block, pb)
            blocks.append(self.block(pb))
        title_filler = self.variables.filler(
            page.source.file, page.source.index.value_span(("title",))
        )
        title = title_filler.text(page.meta.title)
        return ResolvedPage(page_id, title, page, tuple(blocks))

    def run(self) -> ResolvedCourse:
        self.languages.followups = self.followups
        self.languages.course_file()
        self.languages.profile_file()
        for module in self.meta.modules:
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
        """Problems of the resolved course as a whole; quiet after other errors (cascades)."""
        if not self.followups:
            return
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
            return
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


def resolve_profile(
    course: Course, profile: ProfileSource, lang: str | None = None, followups: bool = True
) -> tuple[ResolvedCourse, list[Diagnostic]]:
    """The course as `profile` publishes it in `lang`.

    With `followups` false, problems that are usually consequences of errors already reported
    (an empty course, a missing translation) are not reported again.
    """
    resolver = _Resolver(course, profile, lang or profile.model.languages[0])
    resolver.followups = followups
    result = resolver.run()
    return result, resolver.out
