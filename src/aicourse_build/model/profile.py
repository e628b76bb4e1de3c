"""Profiles: one file per published variant of a course."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from aicourse_build.formats import FORMAT_NAMES
from aicourse_build.model.base import (
    Id,
    Lang,
    Name,
    StrictModel,
    Text,
    Translates,
    field_problem,
)
from aicourse_build.model.course import Contact
from aicourse_build.render.strings import known_keys, placeholders, unknown_placeholders
from aicourse_build.suggest import did_you_mean

if TYPE_CHECKING:
    Format = str
else:  # the names of formats.py's table, as pydantic checks them and the schema lists them
    Format = Literal[FORMAT_NAMES]
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


# Diagnostic codes of the UI string overrides (docs/diagnostics.md); errors.py reports a pydantic
# error whose type is an AIC code under that code.
UNKNOWN_STRING = "AIC080"
STRINGS_LANGUAGE = "AIC081"
SWITCH_NEEDS_LANGUAGES = "AIC082"
INVALID_VALUE = "AIC012"


def _known_string(key: str) -> str:
    if key not in known_keys():
        hint = did_you_mean(key, known_keys()) or (
            "the keys are those of src/aicourse_build/runtime/strings.json and "
            "src/aicourse_build/render/strings.json"
        )
        raise PydanticCustomError(
            UNKNOWN_STRING, "unknown UI string '{key}'", {"key": key, "hint": hint}
        )
    return key


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("a UI string must not be blank")
    return text


StringKey = Annotated[str, AfterValidator(_known_string)]
StringText = Annotated[Text, AfterValidator(_not_blank)]


class Profile(StrictModel):
    """profiles/<name>.yaml; the file name is the profile's name."""

    title: Text
    theme: Id = Field(description="A theme's name (a folder of themes/), not a path")
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
    strings: dict[Lang, dict[StringKey, StringText]] = Field(
        default_factory=dict,
        description="UI strings per language that replace the defaults, e.g. "
        "{sv: {next: 'Framåt'}} (keys: docs/manuscript.md)",
    )
    free_text_note: Text | None = Field(
        default=None,
        description="A note shown with every free-text field (reflections, survey comments), "
        "e.g. 'Skriv inga patientuppgifter eller namn.'; translated in profiles/<name>.<lang>.yaml",
    )
    lms: Literal["moodle", "totara", "other"] = Field(
        default="other",
        description="The platform the packages go to; for moodle and totara, check says what "
        "their report downloads keep of each format",
    )
    language_switch: bool = Field(
        default=False,
        description="One package per format holding every language of 'languages', with a "
        "switch between them, instead of one package per language",
    )

    @model_validator(mode="after")
    def _strings_and_switch(self) -> Profile:
        """Cross-field rules, each reported at its own key (ValidationError keeps the locs)."""
        found: list[InitErrorDetails] = []
        for lang, texts in self.strings.items():
            if lang not in self.languages:
                found.append(
                    field_problem(
                        STRINGS_LANGUAGE,
                        "UI strings for '{lang}', a language this profile does not build",
                        ("strings", lang),
                        texts,
                        lang=lang,
                        hint=f"languages: {', '.join(self.languages)}",
                    )
                )
            for key, text in texts.items():
                unknown = unknown_placeholders(key, text)
                if unknown:
                    found.append(_placeholder_problem(lang, key, text, unknown))
        found += blank_variables(self.variables, ("variables",))
        if self.language_switch and len(self.languages) < 2:
            found.append(
                field_problem(
                    SWITCH_NEEDS_LANGUAGES,
                    "a language switch needs at least two languages",
                    ("language_switch",),
                    True,
                    hint="list them in 'languages', or leave out 'language_switch'",
                )
            )
        if found:
            raise ValidationError.from_exception_data(type(self).__name__, found)
        return self


EMPTY_VARIABLE = "AIC045"


def blank_variables(values: dict[str, Any], loc: tuple[str, ...]) -> list[InitErrorDetails]:
    """Variables whose text is empty: where a page uses one, learners would read nothing."""
    found = []
    for key, value in values.items():
        if isinstance(value, str) and not value.strip():
            name = ".".join((*loc[1:], key))
            found.append(
                field_problem(
                    EMPTY_VARIABLE,
                    "the variable '{name}' is empty",
                    (*loc, key),
                    value,
                    name=name,
                    hint="give it a value, or remove it and the places that use it",
                )
            )
        elif isinstance(value, dict):
            found += blank_variables(value, (*loc, key))
    return found


def _placeholder_problem(lang: str, key: str, text: str, unknown: list[str]) -> InitErrorDetails:
    known = sorted(placeholders(key))
    names = ", ".join(f"{{{name}}}" for name in unknown)
    close = did_you_mean(unknown[0], known)
    listed = ", ".join(f"{{{name}}}" for name in known)
    message = f"{names} in '{key}' would be shown as written: the runtime fills in " + (
        f"only {listed}" if known else "nothing in this text"
    )
    # "did you mean 'minutes'?" -> "did you mean {minutes}?"
    hint = {"hint": re.sub(r"'(\w+)'", r"{\1}", close)} if close else {}
    return field_problem(INVALID_VALUE, message, ("strings", lang, key), text, **hint)


# -- translations of a profile's texts (profiles/<name>.<lang>.yaml) -------------------------------
# A variable's text, or a group of them (`variables: {team: {name: ...}}` is `{{ team.name }}`).
VariableText = str | dict[str, Any]

# Where a profile has texts for people: key paths, "*" for every key of a mapping and "**" for
# every key at any depth below it. Everything else in a profile is a setting.
PROFILE_TEXTS: tuple[tuple[str, ...], ...] = (
    ("title",),
    ("variables", "**"),
    ("contacts", "*", "role"),
    ("contacts", "*", "name"),
    ("free_text_note",),
)


class ContactTexts(StrictModel):
    """A contact's words in another language; its addresses come from the profile."""

    role: Text | None = None
    name: Text | None = None


class ProfileTranslation(StrictModel):
    """profiles/<name>.<lang>.yaml: texts of profile <name> in another language.

    Only texts: what it leaves out is shown as the profile writes it, and every setting (theme,
    formats, privacy, e-mail addresses...) comes from the profile for every language.
    """

    lang: Lang | None = Field(default=None, description="The language, as in the file name")
    translates: Translates | None = Field(
        default=None, description="from: <name>.yaml, and the hash of its texts when translated"
    )
    title: Text | None = None
    variables: dict[str, VariableText] = Field(
        default_factory=dict, description="Translated values of the profile's text variables"
    )
    contacts: dict[Id, ContactTexts] = Field(
        default_factory=dict, description="Translated role and name of the profile's contacts"
    )
    free_text_note: Text | None = Field(
        default=None, description="The profile's note on free-text fields, translated"
    )

    @model_validator(mode="after")
    def _no_blank_variables(self) -> ProfileTranslation:
        found = blank_variables(self.variables, ("variables",))
        if found:
            raise ValidationError.from_exception_data(type(self).__name__, found)
        return self


def profile_texts(profile: Profile) -> dict[tuple[str, ...], str]:
    """Every text of a profile by key path, in the order written."""
    found: dict[tuple[str, ...], str] = {("title",): profile.title}
    found.update(_variable_texts(profile.variables, ("variables",)))
    for key, contact in profile.contacts.items():
        found[("contacts", key, "role")] = contact.role
        found[("contacts", key, "name")] = contact.name
    if profile.free_text_note is not None:
        found[("free_text_note",)] = profile.free_text_note
    return found


def _variable_texts(values: dict[str, Any], loc: tuple[str, ...]) -> dict[tuple[str, ...], str]:
    found: dict[tuple[str, ...], str] = {}
    for key, value in values.items():
        if isinstance(value, str):
            found[(*loc, key)] = value
        elif isinstance(value, dict):
            found.update(_variable_texts(value, (*loc, key)))
    return found


def with_translated_texts(profile: Profile, texts: ProfileTranslation) -> Profile:
    """The profile with the texts of its translation; whatever `texts` leaves out, as written."""
    contacts = {}
    for key, contact in profile.contacts.items():
        words = texts.contacts.get(key)
        update = {} if words is None else words.model_dump(exclude_none=True)
        contacts[key] = contact.model_copy(update=update)
    return profile.model_copy(
        update={
            "title": texts.title or profile.title,
            "variables": _overlay(profile.variables, texts.variables),
            "contacts": contacts,
            "free_text_note": texts.free_text_note or profile.free_text_note,
        }
    )


def _overlay(values: dict[str, Any], texts: dict[str, Any]) -> dict[str, Any]:
    """`values` with each text replaced by its translation, group by group. A translation that
    does not fit (a text for a group) is reported by `check` and ignored here."""
    result = dict(values)
    for key, text in texts.items():
        original = values.get(key)
        if isinstance(original, str) and isinstance(text, str):
            result[key] = text
        elif isinstance(original, dict) and isinstance(text, dict):
            result[key] = _overlay(original, text)
    return result
