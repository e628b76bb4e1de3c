"""Resolving a profile: what is included, variables filled in, the survey mode applied."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pydantic import ValidationError

from aicourse_build.diagnostics import Diagnostic, Span, error, warning
from aicourse_build.model.base import Conditional
from aicourse_build.model.blocks import Block, ContactsBlock, QuizBlock, SurveyBlock
from aicourse_build.model.course import Contact, CourseFile
from aicourse_build.model.errors import diagnostics_from_validation
from aicourse_build.model.profile import Profile, profile_texts
from aicourse_build.model.tree import Course, Page, PageBlock, ProfileSource
from aicourse_build.render.strings import strings_for
from aicourse_build.source.files import SourceFile
from aicourse_build.source.markdown_source import Condition
from aicourse_build.source.project import profile_file
from aicourse_build.suggest import did_you_mean

# `{{ name }}`; `\{{` is a literal "{{" (a prompt template in an example), never a variable
VARIABLE = re.compile(r"(?<!\\)\{\{\s*([^{}]*?)\s*\}\}")
_ESCAPED_OR_VARIABLE = re.compile(r"\\\{\{|" + VARIABLE.pattern)


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


def _own_texts(course: Course, profile: Profile) -> list[tuple[str, ...]]:
    """Where the profile has texts learners read that nothing translates but a translation of
    the profile: its text variables, and contact words not copied from course.yaml (those
    follow course.yaml's translation). The title names the platform, for authors only."""
    found = []
    for loc, text in profile_texts(profile).items():
        if loc[0] == "title":
            continue
        if loc[0] == "contacts":
            in_course = course.meta.contacts.get(loc[1])
            if in_course is not None and getattr(in_course, loc[2]) == text:
                continue
        found.append(loc)
    return found


def _contact_text(contact: Contact) -> str:
    reach = contact.email or contact.url or contact.phone
    return f"{contact.name}, {reach}" if reach else contact.name


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
        # contacts this profile leaves out (only:/except:), with the reason
        self.contacts_left_out: dict[str, str] = {}
        self.result.contacts = self.kept_contacts(_contacts(course, self.meta, profile))
        # what {{ ... }} may name
        self.context: dict[str, Any] = {
            "contacts": self.result.contacts,
            "course": {
                "id": self.meta.id,
                "title": self.meta.title,
                "version": self.meta.version,
            },
            **profile.model.variables,
        }

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
                self.contacts_left_out[key] = reason
                self.result.left_out.append(LeftOut("contact", key, reason))
        return kept

    def contact_left_out(self, key: str, span: Span) -> bool:
        """Report a use of a contact this profile leaves out; False when it is not one."""
        reason = self.contacts_left_out.get(key)
        if reason is None:
            return False
        self.out.append(
            dataclasses.replace(
                error(
                    "AIC047",
                    f"the contact '{key}' is left out of this profile ({reason})",
                    span,
                    "leave this text out of the profile too (only:/except: or '::: only'), "
                    "or keep the contact in it",
                ),
                profile=self.profile.name,
            )
        )
        return True

    # -- variables ---------------------------------------------------------------------------
    def lookup(self, name: str) -> str | None:
        value: Any = self.context
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

    def filler(self, file: SourceFile, start: Span) -> _Filler:
        return _Filler(self, file, start)

    def unknown_variable(self, name: str, span: Span) -> None:
        known = ["contacts." + k for k in self.result.contacts]
        known += ["course.id", "course.title", "course.version", *_flatten(self.model.variables)]
        self.out.append(
            dataclasses.replace(
                error(
                    "AIC041",
                    f"unknown variable '{name}'",
                    span,
                    did_you_mean(name, known) or f"known: {', '.join(sorted(known))}",
                ),
                profile=self.profile.name,
            )
        )

    # -- blocks ------------------------------------------------------------------------------
    def block(self, pb: PageBlock) -> ResolvedBlock:
        block = pb.block
        filler = self.filler(pb.file, pb.raw.span)
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
        found = tuple(filler.substitutions)
        if isinstance(block, SurveyBlock) and self.model.survey.mode == "external":
            assert self.model.survey.url is not None
            link = ExternalSurvey(block.id, block.title, self.model.survey.url)
            return ResolvedBlock(link, pb, found)
        if isinstance(block, ContactsBlock):
            self.contacts_shown(block, pb)
        return ResolvedBlock(block, pb, found)

    def broken_by_variables(
        self, exc: ValidationError, filled: dict[str, Any], pb: PageBlock, filler: _Filler
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
        self, quiz: QuizBlock, data: dict[str, Any], filler: _Filler
    ) -> dict[str, Any]:
        """The quiz with its bank's questions in this language, variables filled in."""
        assert quiz.bank is not None
        bank = self.course.bank(quiz.bank, self.result.lang)
        if bank is None:
            return data
        bank_filler = self.filler(bank.source.file, bank.source.index.value_span(("questions",)))
        questions = [q.model_dump(by_alias=True) for q in bank.model.questions]
        filled = bank_filler.fill(questions)
        filler.substitutions += bank_filler.substitutions
        return {**data, "bank": None, "questions": filled}

    def contacts_shown(self, block: ContactsBlock, pb: PageBlock) -> None:
        for i, key in enumerate(block.show):
            span = pb.raw.index.value_span(("show", i))
            if key not in self.result.contacts and not self.contact_left_out(key, span):
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
            self.missing_translation(f"page '{page_id}'", span)
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
                self.bank_language(pb.block, pb)
            blocks.append(self.block(pb))
        title_filler = self.filler(page.source.file, page.source.index.value_span(("title",)))
        title = title_filler.text(page.meta.title)
        return ResolvedPage(page_id, title, page, tuple(blocks))

    def bank_language(self, quiz: QuizBlock, pb: PageBlock) -> None:
        assert quiz.bank is not None
        variants = self.course.banks.get(quiz.bank, {})
        own_file = f"{quiz.bank}.{self.result.lang}.yaml"
        if (
            variants
            and self.result.lang not in variants
            and own_file not in self.course.broken_files
        ):
            span = pb.raw.index.value_span(("bank",))
            self.missing_translation(f"question bank '{quiz.bank}'", span)

    def course_language(self) -> None:
        """course.yaml's texts (title, module titles...) in the language being built."""
        lang = self.result.lang
        own_file = f"course.{lang}.yaml"
        if (
            lang != self.course.meta.language
            and lang not in self.course.translations
            and own_file not in self.course.broken_files
        ):
            self.missing_translation(
                "course.yaml",
                self.course.source.index.key_span(("title",)),
                f"add {own_file}, a translated copy of course.yaml, or drop the language",
            )

    def profile_language(self) -> None:
        """The profile's own texts (contacts, variables) in the language being built."""
        lang, name = self.result.lang, self.profile.name
        own_file = f"{name}.{lang}.yaml"
        if (
            lang == self.course.meta.language
            or lang in self.course.profile_translations.get(name, {})
            or profile_file(own_file) in self.course.broken_files
        ):
            return
        first = next(iter(_own_texts(self.course, self.profile.model)), None)
        if first is not None:
            self.missing_translation(
                f"profile '{name}'",
                self.profile.source.index.key_span(first),
                f"add {own_file} with its contacts and variables in that language, or drop "
                "the language",
            )

    def missing_translation(
        self, subject: str, span: Span, hint: str = "add a translation or drop the language"
    ) -> None:
        if not self.followups:
            return
        self.out.append(
            dataclasses.replace(
                warning(
                    "AIC051",
                    f"{subject} has no '{self.result.lang}' version; the original is used",
                    span,
                    hint,
                ),
                profile=self.profile.name,
            )
        )

    def run(self) -> ResolvedCourse:
        self.course_language()
        self.profile_language()
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


class _Filler:
    """Fills variables in the values of one source file, locating each literal in turn."""

    def __init__(self, resolver: _Resolver, file: SourceFile, start: Span) -> None:
        self.resolver = resolver
        self.file = file
        self.start = start
        self.cursor = start
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
            value = self.resolver.lookup(match[1])
            if value is None:
                parts = match[1].split(".")
                left_out = parts[0] == "contacts" and len(parts) > 1
                if not (left_out and self.resolver.contact_left_out(parts[1], span)):
                    self.resolver.unknown_variable(match[1], span)
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


def _flatten(values: dict[str, Any], prefix: str = "") -> list[str]:
    names = []
    for key, value in values.items():
        if isinstance(value, dict):
            names += _flatten(value, f"{prefix}{key}.")
        else:
            names.append(prefix + key)
    return names


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
