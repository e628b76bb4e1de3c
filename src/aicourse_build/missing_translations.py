"""Warnings about texts a package shows in another language than its own (AIC051): a page,
question bank, course.yaml or profile with no version in the language being built."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from aicourse_build.diagnostics import Diagnostic, Span, warning
from aicourse_build.model.blocks import QuizBlock
from aicourse_build.model.profile import Profile, profile_texts
from aicourse_build.model.tree import Course, PageBlock, ProfileSource
from aicourse_build.source.project import profile_file as file_of_profile


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


@dataclass
class MissingTranslations:
    course: Course
    profile: ProfileSource
    lang: str
    out: list[Diagnostic]
    # False after errors: a missing translation is then usually a consequence, not news
    followups: bool = True

    def bank(self, quiz: QuizBlock, pb: PageBlock) -> None:
        assert quiz.bank is not None
        variants = self.course.banks.get(quiz.bank, {})
        own_file = f"{quiz.bank}.{self.lang}.yaml"
        if variants and self.lang not in variants and own_file not in self.course.broken_files:
            span = pb.raw.index.value_span(("bank",))
            self.missing(f"question bank '{quiz.bank}'", span)

    def course_file(self) -> None:
        """course.yaml's texts (title, module titles...) in the language being built."""
        lang = self.lang
        own_file = f"course.{lang}.yaml"
        if (
            lang != self.course.meta.language
            and lang not in self.course.translations
            and own_file not in self.course.broken_files
        ):
            self.missing(
                "course.yaml",
                self.course.source.index.key_span(("title",)),
                f"add {own_file}, a translated copy of course.yaml, or drop the language",
            )

    def profile_file(self) -> None:
        """The profile's own texts (contacts, variables) in the language being built."""
        lang, name = self.lang, self.profile.name
        own_file = f"{name}.{lang}.yaml"
        if (
            lang == self.course.meta.language
            or lang in self.course.profile_translations.get(name, {})
            or file_of_profile(own_file) in self.course.broken_files
        ):
            return
        first = next(iter(_own_texts(self.course, self.profile.model)), None)
        if first is not None:
            self.missing(
                f"profile '{name}'",
                self.profile.source.index.key_span(first),
                f"add {own_file} with its contacts and variables in that language, or drop "
                "the language",
            )

    def missing(
        self, subject: str, span: Span, hint: str = "add a translation or drop the language"
    ) -> None:
        if not self.followups:
            return
        self.out.append(
            dataclasses.replace(
                warning(
                    "AIC051",
                    f"{subject} has no '{self.lang}' version; the original is used",
                    span,
                    hint,
                ),
                profile=self.profile.name,
            )
        )
