"""The course file, page front matter and question banks."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from aicourse_build.model.base import Conditional, Id, Lang, StrictModel, Text, Translates
from aicourse_build.model.blocks import Question

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"
URL_PATTERN = r"^https?://\S+$"


class Contact(Conditional):
    """A person or function to turn to; `only`/`except`/`tags` keep it to some profiles."""

    role: Text
    name: Text
    email: Annotated[str, StringConstraints(pattern=EMAIL_PATTERN)] | None = None
    url: Annotated[str, StringConstraints(pattern=URL_PATTERN)] | None = None
    phone: str | None = None


class Confirm(StrictModel):
    """A fact to confirm before release: a text, a key, or a file, and who must confirm it
    (docs/manuscript.md, "Facts to confirm")."""

    who: Text = Field(description="Who must confirm it, e.g. Styrgruppen")
    text: Text | None = Field(default=None, description="Words as they stand in the file")
    key: Text | None = Field(default=None, description="A dotted key path in a YAML file")
    file: Text | None = Field(default=None, description="A file of the course; default: this one")
    note: Text | None = Field(default=None, description="What is to be confirmed, for reviewers")

    @model_validator(mode="after")
    def _names_something(self) -> Confirm:
        if self.text and self.key:
            raise ValueError("a mark names a 'text' or a 'key', not both")
        if not (self.text or self.key or self.file):
            raise ValueError("a mark needs 'text', 'key' or 'file': what is to be confirmed")
        return self


class Owner(StrictModel):
    organisation: Text
    administration: str | None = None


class Audience(StrictModel):
    id: Id
    label: Text


class Completion(StrictModel):
    pages: Literal["all"] | list[Id] = Field(
        default="all", description="'all' or the ids of the pages that must be viewed"
    )
    assessment: Id | None = Field(default=None, description="Id of the quiz that must be passed")
    passing_score: int = Field(default=80, ge=0, le=100, description="Percent")
    on_fail: Literal["failed", "incomplete"] = Field(
        default="failed", description="What a failed assessment reports to the LMS"
    )


class Module(Conditional):
    id: Id
    title: Text
    pages: list[Id] = Field(min_length=1)
    duration: float | None = Field(default=None, gt=0, description="Author estimate, minutes")


class CourseFile(StrictModel):
    """course.yaml"""

    id: Id
    title: Text
    description: Text
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")] = Field(
        description="Semantic version, e.g. 1.0.0"
    )
    language: Lang = "sv"
    languages: list[Lang] = Field(default_factory=lambda: ["sv"], min_length=1)
    duration: int = Field(gt=0, le=6000, description="Target length in minutes")
    owner: Owner
    contacts: dict[Id, Contact] = Field(default_factory=dict)
    audiences: list[Audience] = Field(default_factory=list)
    keywords: list[Text] = Field(default_factory=list)
    completion: Completion = Field(default_factory=Completion)
    modules: list[Module] = Field(min_length=1)
    lang: Lang | None = Field(
        default=None, description="Only in a translation, course.<lang>.yaml: its language"
    )
    translates: Translates | None = Field(
        default=None, description="Only in a translation, course.<lang>.yaml: from: course.yaml"
    )
    confirm: list[Confirm] = Field(
        default_factory=list, description="Facts to confirm before `build --release`"
    )

    @model_validator(mode="after")
    def _primary_language_listed(self) -> CourseFile:
        if self.language not in self.languages:
            raise ValueError(f"'languages' must include the primary language '{self.language}'")
        return self

    def with_texts_of(self, translation: CourseFile) -> CourseFile:
        """This course with the texts of its translation (TRANSLATED_TEXTS); everything else,
        settings and ids, stays as in this file. Texts are matched by id, not by position."""
        titles = {m.id: m.title for m in translation.modules}
        labels = {a.id: a.label for a in translation.audiences}

        def contact(key: str, original: Contact) -> Contact:
            other = translation.contacts.get(key)
            if other is None:
                return original
            return original.model_copy(update={"role": other.role, "name": other.name})

        return self.model_copy(
            update={
                "title": translation.title,
                "description": translation.description,
                "owner": translation.owner,
                "keywords": translation.keywords,
                "modules": [
                    m.model_copy(update={"title": titles.get(m.id, m.title)}) for m in self.modules
                ],
                "audiences": [
                    a.model_copy(update={"label": labels.get(a.id, a.label)})
                    for a in self.audiences
                ],
                "contacts": {key: contact(key, c) for key, c in self.contacts.items()},
            }
        )


# Where the texts of course.yaml are, as key paths ("*": any list index or mapping key). A
# translation, course.<lang>.yaml, may change these and nothing else.
TRANSLATED_TEXTS: tuple[tuple[str, ...], ...] = (
    ("title",),
    ("description",),
    ("owner", "*"),
    ("keywords",),
    ("modules", "*", "title"),
    ("audiences", "*", "label"),
    ("contacts", "*", "role"),
    ("contacts", "*", "name"),
)


class PageMeta(Conditional):
    """A page's front matter."""

    id: Id
    title: Text
    duration: float | None = Field(default=None, gt=0, description="Author estimate, minutes")
    lang: Lang | None = None
    translates: Translates | None = None
    confirm: list[Confirm] = Field(
        default_factory=list, description="Facts to confirm before `build --release`"
    )


class QuestionBank(StrictModel):
    """questions/<name>[.<lang>].yaml"""

    lang: Lang | None = None
    translates: Translates | None = None
    questions: list[Question]
