"""Block types: a discriminated union on `type` (the fence's info string)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, ValidationInfo, field_validator, model_validator

from aicourse_build.model.base import (
    ChoiceId,
    Conditional,
    Id,
    Lang,
    StrictModel,
    Text,
    field_problem,
)


class Choice(StrictModel):
    id: ChoiceId
    text: Text
    feedback: str | None = None


class Prompt(StrictModel):
    id: ChoiceId
    text: Text


class Feedback(StrictModel):
    correct: str | None = None
    incorrect: str | None = None


class _Question(StrictModel):
    id: Id
    prompt: Text
    feedback: Feedback | None = None
    version: int | None = Field(
        default=None,
        ge=1,
        description="Raise it (2, 3...) when the correct answer or the choices change: the "
        "question is then tracked as a new one, '<id>-v<version>', so the LMS's reports and "
        "the LRS never mix answers to the old and the new question",
    )

    @property
    def tracking_id(self) -> str:
        """The id the package tracks answers by: version 1 is the question as first written."""
        return self.id if self.version in (None, 1) else f"{self.id}-v{self.version}"


class SingleChoice(_Question):
    type: Literal["single"]
    choices: list[Choice] = Field(min_length=2)
    answer: ChoiceId


class MultipleChoice(_Question):
    type: Literal["multiple"]
    choices: list[Choice] = Field(min_length=2)
    answer: list[ChoiceId] = Field(min_length=1)


class TrueFalse(_Question):
    type: Literal["truefalse"]
    answer: bool


class Ordering(_Question):
    type: Literal["ordering"]
    choices: list[Choice] = Field(min_length=2)
    answer: list[ChoiceId] = Field(min_length=2, description="Choice ids in the right order")


class Matching(_Question):
    type: Literal["matching"]
    prompts: list[Prompt] = Field(min_length=2)
    choices: list[Choice] = Field(min_length=2)
    answer: dict[ChoiceId, ChoiceId] = Field(description="prompt id -> choice id")


Question = Annotated[
    SingleChoice | MultipleChoice | TrueFalse | Ordering | Matching, Field(discriminator="type")
]
QUESTION_TYPES = ("single", "multiple", "truefalse", "ordering", "matching")


class TextBlock(Conditional):
    type: Literal["text"]
    body: str


class ImageBlock(Conditional):
    type: Literal["image"]
    src: Text
    alt: str | None = None
    decorative: bool = False
    caption: str | None = None


class Captions(StrictModel):
    src: Text
    lang: Lang


class VideoBlock(Conditional):
    type: Literal["video"]
    id: Id
    title: str | None = None
    src: str | None = None
    sources: list[str] | None = Field(
        default=None,
        min_length=1,
        description="The same video as several files, e.g. [media/film.mp4, media/film.webm]: "
        "each browser plays the first it can (MP4 is offered first, for iPhones and iPads)",
    )
    # a variable may give the address (per profile); once filled in it must be an https address
    url: Annotated[str, Field(pattern=r"^(?:https://\S+|.*\{\{.*\}\}.*)$")] | None = None
    captions: list[Captions] = Field(default_factory=list)
    transcript: str | None = None
    transcript_src: str | None = None
    duration: Annotated[str, Field(pattern=r"^\d{1,3}:[0-5]\d$")] = Field(
        description="Length as m:ss"
    )
    poster: str | None = None
    silent: bool = Field(
        default=False,
        description="The video has no sound on purpose: check does not warn that its files have "
        "no sound track (and warns if one has)",
    )

    @model_validator(mode="after")
    def _one_source(self) -> VideoBlock:
        given = [key for key in ("src", "sources", "url") if getattr(self, key) is not None]
        if len(given) != 1:
            raise ValueError(
                "a video needs exactly one of 'src' (a file), 'sources' (the same video as "
                "several files) or 'url'"
            )
        if self.url is not None:
            # the video plays on its own site, with that site's captions and picture
            unused = [key for key in ("captions", "poster") if getattr(self, key)]
            if unused:
                raise ValidationError.from_exception_data(
                    type(self).__name__,
                    [
                        field_problem(
                            "AIC012",
                            f"a video given by 'url' plays on its own site: '{key}' is not used",
                            (key,),
                            getattr(self, key),
                            hint=f"leave out '{key}', or give the video file in 'src'",
                        )
                        for key in unused
                    ],
                )
        if self.transcript is not None and self.transcript_src is not None:
            raise ValueError("give the transcript inline ('transcript') or as a file, not both")
        return self

    @property
    def seconds(self) -> int:
        minutes, seconds = self.duration.split(":")
        return int(minutes) * 60 + int(seconds)

    @property
    def files(self) -> list[str]:
        """The video's own files as written: `src`, or each of `sources`."""
        if self.sources is not None:
            return list(self.sources)
        return [] if self.src is None else [self.src]


class CalloutBlock(Conditional):
    type: Literal["callout"]
    style: Literal["info", "tip", "warning", "important"] = "info"
    title: str | None = None
    text: Text


class QuoteBlock(Conditional):
    type: Literal["quote"]
    text: Text
    name: Text
    role: str | None = None


class QuizBlock(Conditional):
    type: Literal["quiz"]
    id: Id
    title: str | None = None
    intro: str | None = None
    bank: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")] | None = None
    questions: list[Question] | None = None
    draw: int | None = Field(default=None, ge=1)
    shuffle: bool = False
    attempts: int = Field(default=0, ge=0, description="0 means unlimited")
    feedback: Literal["after_submit", "none"] = Field(
        default="after_submit",
        description="none: after submitting, the learner is told the answers are saved, not "
        "which are right or the score (a pre-test that reveals nothing)",
    )
    measures: Literal["pre", "post"] | None = Field(
        default=None,
        description="pre or post: this quiz measures knowledge before or after the course; a "
        "pre and a post quiz draw from the same bank, and results pair them per learner",
    )

    @field_validator("questions")
    @classmethod
    def _not_with_bank(cls, value: list[Question] | None, info: ValidationInfo) -> Any:
        if value is not None and info.data.get("bank") is not None:
            raise ValueError("a quiz takes its questions from 'bank' or 'questions', not both")
        return value

    @model_validator(mode="after")
    def _one_source(self) -> QuizBlock:
        if self.bank is None and self.questions is None:
            raise ValueError("a quiz needs 'questions' or a 'bank' to draw them from")
        return self


def with_tracking_ids(quiz: QuizBlock) -> QuizBlock:
    """The quiz as packages track it: each question under its tracking id (resolve does this once,
    so every later stage, the runtime and `results` see one id per question version)."""
    questions = quiz.questions or []
    if all(q.tracking_id == q.id for q in questions):
        return quiz
    tracked = [q.model_copy(update={"id": q.tracking_id, "version": None}) for q in questions]
    return quiz.model_copy(update={"questions": tracked})


class ReflectionBlock(Conditional):
    type: Literal["reflection"]
    id: Id
    prompt: Text
    hint: str | None = None
    required: bool = False


class SurveyItem(StrictModel):
    id: Id
    text: Text


class SurveyComment(StrictModel):
    id: Id
    prompt: Text


# Without `scale:` a survey has this many steps, labelled by the UI strings likert1... of the
# package's language (render/strings.json), so an English package never shows Swedish labels.
DEFAULT_SCALE_STEPS = 5


class SurveyBlock(Conditional):
    type: Literal["survey"]
    id: Id
    title: str | None = None
    intro: str | None = None
    scale: list[Text] | None = Field(
        default=None,
        min_length=2,
        description="Labels of the steps; without it five steps labelled in the UI's language",
    )

    @property
    def steps(self) -> int:
        return len(self.scale) if self.scale is not None else DEFAULT_SCALE_STEPS

    items: list[SurveyItem] = Field(min_length=1)
    comment: SurveyComment | None = None


class GroupOption(StrictModel):
    id: Id
    label: Text


class GroupBlock(Conditional):
    type: Literal["group"]
    id: Id
    prompt: Text
    kind: Literal["profession", "administration"] = "profession"
    options: list[GroupOption] | None = None


class ContactsBlock(Conditional):
    type: Literal["contacts"]
    title: str | None = None
    text: str | None = None
    show: list[Id] = Field(min_length=1)


class OfflineBlock(Conditional):
    type: Literal["offline"]
    id: Id
    title: Text
    text: Text
    where: str | None = None
    when: str | None = None
    duration: int | None = Field(default=None, ge=1, description="Minutes; not tracked")


Block = Annotated[
    TextBlock
    | ImageBlock
    | VideoBlock
    | CalloutBlock
    | QuoteBlock
    | QuizBlock
    | ReflectionBlock
    | SurveyBlock
    | GroupBlock
    | ContactsBlock
    | OfflineBlock,
    Field(discriminator="type"),
]
