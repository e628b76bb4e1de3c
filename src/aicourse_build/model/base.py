"""Shared pieces of the manuscript models."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import InitErrorDetails, PydanticCustomError

ID_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
CHOICE_ID_PATTERN = r"^[a-z0-9_]{1,32}$"
LANG_PATTERN = r"^[a-z]{2}$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
ChoiceId = Annotated[str, StringConstraints(pattern=CHOICE_ID_PATTERN)]
Lang = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class StrictModel(BaseModel):
    """Every manuscript model: unknown keys are errors and values never change after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


class Conditional(StrictModel):
    """Anything that can be left out by a profile."""

    only: list[Name] = Field(default_factory=list, description="Keep only in these profiles/tags")
    except_: list[Name] = Field(
        default_factory=list, alias="except", description="Leave out in these profiles/tags"
    )
    tags: list[Name] = Field(default_factory=list, description="Labels profiles filter on")


class Translates(StrictModel):
    """Which original a translation was made from, and which version of it."""

    from_: str = Field(alias="from", description="File name of the original, beside this file")
    hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}$")] = Field(
        description="Short hash of the original's content when the translation was last checked"
    )


def field_problem(
    code: str, message: str, loc: tuple[str, ...], value: Any, **ctx: str
) -> InitErrorDetails:
    """A model's own check as a pydantic error at `loc`, under a diagnostic code; model/errors.py
    reports it there with its `hint` (a model_validator's ValueError has no location)."""
    return InitErrorDetails(
        type=PydanticCustomError(code, message, ctx or None), loc=loc, input=value
    )
