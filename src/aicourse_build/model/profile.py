"""Profiles: one file per published variant of a course."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from aicourse_build.model.base import Id, Lang, Name, StrictModel, Text
from aicourse_build.model.course import Contact

FORMATS = ("scorm12", "scorm2004", "xapi", "cmi5")
Format = Literal["scorm12", "scorm2004", "xapi", "cmi5"]
VariableValue = str | int | float | bool | dict[str, Any]


class SurveySettings(StrictModel):
    mode: Literal["builtin", "external"] = "builtin"
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] | None = None

    @model_validator(mode="after")
    def _url_when_external(self) -> SurveySettings:
        if self.mode == "external" and self.url is None:
            raise ValueError("an external survey needs 'url' (the form learners are sent to)")
        return self


class Privacy(StrictModel):
    free_text: Literal["send", "keep_local"] = Field(
        default="keep_local", description="May free-text answers leave the learner's browser?"
    )
    identity: Literal["launch", "anonymous"] = Field(
        default="anonymous", description="Learner identity sent with tracking data"
    )
    group: Literal["send", "keep_local"] = Field(
        default="send", description="May the group self-report leave the browser?"
    )


class Links(StrictModel):
    internal: list[Text] = Field(
        default_factory=list, description="Host patterns (fnmatch) of internal URLs"
    )
    allow_internal: bool = True


class XapiSettings(StrictModel):
    base_iri: Annotated[str, StringConstraints(pattern=r"^https?://[^\s?#]+/$")] = Field(
        description="Absolute IRI ending in '/'; activity ids derive from it"
    )


class Cmi5Settings(StrictModel):
    au_per_module: bool = Field(
        default=False,
        description="One assignable unit per module instead of one for the whole course",
    )


class Profile(StrictModel):
    """profiles/<name>.yaml; the file name is the profile's name."""

    title: Text
    theme: Name
    formats: list[Format] = Field(min_length=1)
    languages: list[Lang] = Field(default_factory=lambda: ["sv"], min_length=1)
    tags: list[Name] = Field(default_factory=list)
    include_tags: list[Name] = Field(default_factory=list)
    exclude_tags: list[Name] = Field(default_factory=list)
    variables: dict[str, VariableValue] = Field(default_factory=dict)
    contacts: dict[Id, Contact] = Field(default_factory=dict)
    survey: SurveySettings = Field(default_factory=SurveySettings)
    privacy: Privacy = Field(default_factory=Privacy)
    links: Links = Field(default_factory=Links)
    xapi: XapiSettings | None = None
    cmi5: Cmi5Settings = Field(default_factory=Cmi5Settings)
