"""What is published, once: results.json's shape (pydantic, so `aicourse schema` writes its JSON
Schema) and the one function that turns measured `Results` into it.

Everything the report shows, HTML, PDF and CSV alike, is read from a `Published` and never from
`Results`: a figure hidden by disclosure control loses its value and its number of learners here,
so no later step can print, chart or compute from it by mistake.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from aicourse_build.results.model import NOT_STATED, OVERALL, Figure, Results

if TYPE_CHECKING:
    from aicourse_build.results.catalogue import Catalogue, CatalogueQuestion

EVERYONE = "Alla deltagare"
NOT_STATED_LABEL = "Ej angivet"
_DIMENSION_TITLES = {"profession": "Yrkesgrupp", "administration": "Förvaltning"}
_TRUTH = {"true": "Sant", "false": "Falskt"}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Value(_Model):
    """One published figure."""

    value: float | None = Field(description="The figure; null when hidden or not computable")
    n: int | None = Field(description="Learners behind the figure; null when hidden")
    kind: str = Field(description="count, or mean (means, shares, gains, effect sizes)")
    suppressed: bool = Field(description="Hidden by disclosure control")
    reason: str | None = Field(
        description="Why hidden ('fewer than N', 'complementary'), or why there is no value "
        "('fewer than 100', 'no variation'...); null for a value"
    )


class Course(_Model):
    id: str
    title: str
    version: str


class Disclosure(_Model):
    min_group: int = Field(description="Fewest learners behind a published count")
    min_mean: int = Field(description="Fewest learners behind a published mean, share or gain")


class Exclusion(_Model):
    reason: str
    count: int


class Dimension(_Model):
    id: str = Field(description="The self-report's id in the manuscript")
    title: str


class Group(_Model):
    dimension: str = Field(description="A dimension's id; empty for everyone")
    group: str = Field(description="An option id; empty for everyone, '-' for not stated")
    label: str
    learners: Value = Field(description="Learners with both the pre- and the post-test")
    pre_mean: Value = Field(description="Mean score before, percent")
    post_mean: Value = Field(description="Mean score after, percent")
    gain: Value = Field(description="Normalized gain: (post - pre) / (100 - pre)")
    effect: Value = Field(description="Paired effect size: mean difference / its SD")
    improved: Value
    unchanged: Value
    worse: Value


class WrongChoice(_Model):
    choice: str = Field(description="A choice id, or a whole wrong response in canonical form")
    text: str = Field(description="The choice's text in the manuscript (the id if unknown)")
    pre: Value = Field(description="Learners who picked it before")
    post: Value = Field(description="Learners who picked it after")


class Question(_Model):
    test: str
    question: str
    prompt: str
    answered_pre: Value
    answered_post: Value
    difficulty_pre: Value = Field(description="Share answering right before, 0..1")
    difficulty_post: Value = Field(description="Share answering right after, 0..1")
    discrimination_pre: Value = Field(description="Point-biserial with the rest of the test")
    discrimination_post: Value
    wrong_choices: list[WrongChoice] = Field(description="Most picked first")
    flags: list[str] = Field(description="'already known', 'not learned'")


class SurveyGroup(_Model):
    group: str
    label: str
    steps: list[Value] = Field(description="Learners per step of the scale, in its order")
    mean: Value | None = Field(description="Mean step (1 = the scale's first)")


class SurveyItem(_Model):
    survey: str
    item: str
    text: str
    scale: list[str]
    groups: list[SurveyGroup] = Field(description="Everyone first")


class Reflection(_Model):
    reflection: str
    prompt: str = Field(description="The question asked; the answers are never read")
    learners: Value = Field(description="Learners who answered it")


class PageReach(_Model):
    page: str
    title: str
    learners: Value = Field(description="Learners who reached the page")


class Published(_Model):
    """results.json: what `aicourse results` publishes, without identities."""

    format: Literal["aicourse-results"] = "aicourse-results"
    format_version: Literal[1] = 1
    course: Course
    disclosure: Disclosure
    sources: list[str] = Field(description="What was read, without paths")
    learners: Value = Field(description="Every learner seen")
    exclusions: list[Exclusion]
    dimensions: list[Dimension]
    groups: list[Group]
    questions: list[Question]
    surveys: list[SurveyItem]
    reflections: list[Reflection]
    reach: list[PageReach] = Field(description="In course order")
    time_minutes: Value = Field(description="Median time spent, minutes")


def value(figure: Figure) -> Value:
    """A figure as published: a hidden one keeps neither its value nor its count."""
    if figure.suppressed:
        return Value(value=None, n=None, kind=figure.kind, suppressed=True, reason=figure.reason)
    if figure.value is None:  # not computable: measure says why, when it knows
        why = figure.reason or None
        return Value(value=None, n=figure.n, kind=figure.kind, suppressed=False, reason=why)
    return Value(
        value=round(figure.value, 4), n=figure.n, kind=figure.kind, suppressed=False, reason=None
    )


def choice_text(question: CatalogueQuestion | None, choice: str) -> str:
    """A wrong choice in the manuscript's words: one choice, a set or an order of choices,
    matching pairs ("prompt → choice"), true/false."""
    if question is None:
        return choice
    if choice in question.choices:
        return question.choices[choice]
    if question.type == "truefalse":
        return _TRUTH.get(choice, choice)
    parts = [p for p in choice.split(",") if p]
    if question.type == "matching":
        pairs = [p.partition(".") for p in parts]
        prompts, choices = question.prompts, question.choices
        texts = [f"{prompts.get(p, p)} → {choices.get(c, c)}" for p, _, c in pairs]
    else:
        texts = [question.choices.get(p, p) for p in parts]
    return " | ".join(texts) if texts else choice


def group_label(results: Results, group: str) -> str:
    if group == OVERALL:
        return EVERYONE
    if group == NOT_STATED:
        return NOT_STATED_LABEL
    dimension, _, option = group.rpartition("/")
    if dimension in results.labels and option in results.labels[dimension]:
        # an id that recurs in two self-reports is keyed "<self-report>/<id>" (measure.py)
        return f"{results.labels[dimension][option]} ({dimension})"
    for labels in results.labels.values():
        if group in labels:
            return labels[group]
    found = next((g.label for g in results.groups if g.group == group and g.label), None)
    return found or group


def _dimensions(results: Results, catalogue: Catalogue | None) -> list[Dimension]:
    found = [g.dimension for g in results.groups if g.dimension]
    dimensions = []
    for dim in dict.fromkeys(found):
        known = catalogue.dimensions.get(dim) if catalogue else None
        title = _DIMENSION_TITLES.get(known.kind, dim) if known else dim.capitalize()
        dimensions.append(Dimension(id=dim, title=title))
    return dimensions


def _groups(results: Results) -> list[Group]:
    published = []
    for g in results.groups:
        # "everyone" is named alike in every table; the others as measured, else by the labels
        label = EVERYONE if g.group == OVERALL else g.label or group_label(results, g.group)
        published.append(
            Group(
                dimension=g.dimension,
                group=g.group,
                label=label,
                learners=value(g.learners),
                pre_mean=value(g.pre_mean),
                post_mean=value(g.post_mean),
                gain=value(g.gain),
                effect=value(g.effect),
                improved=value(g.improved),
                unchanged=value(g.unchanged),
                worse=value(g.worse),
            )
        )
    return published


def _picked(figure: Figure) -> float:
    # only shown figures decide the order: a hidden count must not show through its rank
    return -1.0 if figure.suppressed or figure.value is None else figure.value


def _questions(results: Results, catalogue: Catalogue | None) -> list[Question]:
    published = []
    for q in results.questions:
        known = catalogue.question(q.test, q.question) if catalogue else None
        ranked = sorted(
            q.wrong_choices.items(), key=lambda kv: (-_picked(kv[1][1]), -_picked(kv[1][0]), kv[0])
        )
        wrong = [
            WrongChoice(choice=c, text=choice_text(known, c), pre=value(pre), post=value(post))
            for c, (pre, post) in ranked
        ]
        published.append(
            Question(
                test=q.test,
                question=q.question,
                prompt=q.prompt or (known.prompt if known else q.question),
                answered_pre=value(q.answered_pre),
                answered_post=value(q.answered_post),
                difficulty_pre=value(q.difficulty_pre),
                difficulty_post=value(q.difficulty_post),
                discrimination_pre=value(q.discrimination_pre),
                discrimination_post=value(q.discrimination_post),
                wrong_choices=wrong,
                flags=list(q.flags),
            )
        )
    return published


def _surveys(results: Results) -> list[SurveyItem]:
    items = []
    for s in results.surveys:
        order = sorted(s.steps, key=lambda g: g != OVERALL)  # everyone first, then as measured
        groups = [
            SurveyGroup(
                group=g,
                label=group_label(results, g),
                steps=[value(f) for f in s.steps[g]],
                mean=value(s.mean[g]) if g in s.mean else None,
            )
            for g in order
        ]
        scale = list(s.scale)
        items.append(
            SurveyItem(survey=s.survey, item=s.item, text=s.text, scale=scale, groups=groups)
        )
    return items


def published(results: Results, catalogue: Catalogue | None = None) -> Published:
    """What may be published of `results`; texts the results lack (choices, reflection prompts,
    dimension names) come from the course's catalogue by id when one is given."""
    prompts = catalogue.reflections if catalogue else {}
    return Published(
        course=Course(id=results.course, title=results.title, version=results.version),
        disclosure=Disclosure(min_group=results.min_group, min_mean=results.min_mean),
        sources=list(results.sources),
        learners=value(results.learners),
        exclusions=[Exclusion(reason=r, count=c) for r, c in results.exclusions],
        dimensions=_dimensions(results, catalogue),
        groups=_groups(results),
        questions=_questions(results, catalogue),
        surveys=_surveys(results),
        reflections=[
            Reflection(reflection=r, prompt=prompts.get(r, r), learners=value(f))
            for r, f in results.reflections.items()
        ],
        reach=[
            PageReach(page=r.page, title=r.title, learners=value(r.learners)) for r in results.reach
        ],
        time_minutes=value(results.time_minutes),
    )


def to_json(document: Published) -> str:
    return document.model_dump_json(indent=2) + "\n"
