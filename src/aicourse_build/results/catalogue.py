"""What the data is about, from the manuscript: tests and their questions, surveys, self-reports,
reflections and pages, with the texts of the course's language and every id a source may use.

Question texts, choices, right answers and group labels in a report come from here by id, never
from the data; an id the catalogue does not know is not this course (or not this version).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aicourse_build.model.blocks import (
    GroupBlock,
    Matching,
    MultipleChoice,
    Ordering,
    Question,
    QuizBlock,
    ReflectionBlock,
    SingleChoice,
    SurveyBlock,
    TrueFalse,
)
from aicourse_build.pipeline import CourseCheck
from aicourse_build.render.config import build_config
from aicourse_build.resolve import ResolvedCourse
from aicourse_build.results.facts import Kind


@dataclass(frozen=True)
class CatalogueQuestion:
    id: str
    type: str
    prompt: str
    choices: dict[str, str]  # id -> text (matching: its choices; prompts below)
    prompts: dict[str, str]  # matching only
    answer: str  # the right answer in canonical form (results/responses.py)


@dataclass(frozen=True)
class Test:
    id: str
    title: str
    measures: str | None  # "pre", "post" or None
    questions: tuple[CatalogueQuestion, ...]


@dataclass(frozen=True)
class Survey:
    id: str
    title: str
    items: dict[str, str]
    scale: tuple[str, ...]


@dataclass(frozen=True)
class Dimension:
    """A self-report: profession or administration."""

    id: str
    kind: str
    prompt: str
    options: dict[str, str]


@dataclass(frozen=True)
class Element:
    kind: Kind
    element: str
    parent: str = ""


@dataclass
class Catalogue:
    course: str
    version: str
    title: str
    lang: str
    pages: list[tuple[str, str]] = field(default_factory=list)  # (id, title) in course order
    tests: dict[str, Test] = field(default_factory=dict)
    surveys: dict[str, Survey] = field(default_factory=dict)
    dimensions: dict[str, Dimension] = field(default_factory=dict)
    reflections: dict[str, str] = field(default_factory=dict)
    # every id a source names an element by: xAPI activity IRIs of every profile, SCORM
    # interaction ids ("<quiz>__<question>") and objective ids
    ids: dict[str, Element] = field(default_factory=dict)
    # the context extensions (of every profile) that carry a statement's attempt and version
    attempt_iris: list[str] = field(default_factory=list)
    version_iris: list[str] = field(default_factory=list)

    @property
    def pre(self) -> Test | None:
        return next((t for t in self.tests.values() if t.measures == "pre"), None)

    @property
    def post(self) -> Test | None:
        return next((t for t in self.tests.values() if t.measures == "post"), None)

    def question(self, test: str, question: str) -> CatalogueQuestion | None:
        found = self.tests.get(test)
        return next((q for q in found.questions if q.id == question), None) if found else None


def canonical_answer(question: Question) -> str:
    if isinstance(question, SingleChoice):
        return question.answer
    if isinstance(question, MultipleChoice):
        return ",".join(sorted(question.answer))
    if isinstance(question, TrueFalse):
        return "true" if question.answer else "false"
    if isinstance(question, Ordering):
        return ",".join(question.answer)
    assert isinstance(question, Matching)
    return ",".join(f"{p}.{c}" for p, c in sorted(question.answer.items()))


def _question(question: Question) -> CatalogueQuestion:
    choices = {c.id: c.text for c in getattr(question, "choices", [])}
    prompts = {p.id: p.text for p in question.prompts} if isinstance(question, Matching) else {}
    return CatalogueQuestion(
        question.id, question.type, question.prompt, choices, prompts, canonical_answer(question)
    )


def _blocks(resolved: ResolvedCourse, catalogue: Catalogue) -> None:
    known = {page_id for page_id, _title in catalogue.pages}
    for page in resolved.pages:
        if page.id not in known:  # another profile may have it too, or may leave it out
            catalogue.pages.append((page.id, page.title))
        for rb in page.blocks:
            block = rb.block
            if isinstance(block, QuizBlock):
                questions = tuple(_question(q) for q in block.questions or [])
                title = block.title or block.id
                catalogue.tests[block.id] = Test(block.id, title, block.measures, questions)
            elif isinstance(block, SurveyBlock):
                items = {i.id: i.text for i in block.items}
                scale = tuple(block.scale or ())
                catalogue.surveys[block.id] = Survey(block.id, block.title or "", items, scale)
            elif isinstance(block, GroupBlock):
                options = {o.id: o.label for o in block.options or []} or {
                    a.id: a.label for a in resolved.meta.audiences
                }
                catalogue.dimensions[block.id] = Dimension(
                    block.id, block.kind, block.prompt, options
                )
            elif isinstance(block, ReflectionBlock):
                catalogue.reflections[block.id] = block.prompt


def _scorm_ids(catalogue: Catalogue) -> None:
    """The ids the SCORM runtime writes (runtime/core/quiz.js, survey.js, group.js)."""
    ids = catalogue.ids
    for test in catalogue.tests.values():
        ids[test.id] = Element(Kind.SCORE, test.id)
        for q in test.questions:
            ids[f"{test.id}__{q.id}"] = Element(Kind.ANSWER, q.id, test.id)
    for survey in catalogue.surveys.values():
        for item in survey.items:
            ids[f"{survey.id}__{item}"] = Element(Kind.SURVEY, item, survey.id)
    for dimension in catalogue.dimensions:
        ids[dimension] = Element(Kind.GROUP, dimension)
    for reflection in catalogue.reflections:
        ids[reflection] = Element(Kind.REFLECTION, reflection)


def _iris(resolved: ResolvedCourse, catalogue: Catalogue) -> None:
    """The activity IRIs of one profile (its base IRI), when it has xAPI settings."""
    if resolved.profile.model.xapi is None:
        return
    config = build_config(resolved, "xapi", {})
    ids = catalogue.ids
    for page in config["pages"]:
        ids[page["iri"]] = Element(Kind.PAGE, page["id"])
    for quiz_id, quiz in config["quizzes"].items():
        ids[quiz["iri"]] = Element(Kind.SCORE, quiz_id)
        for q in quiz["questions"]:
            ids[q["iri"]] = Element(Kind.ANSWER, q["id"], quiz_id)
    for survey_id, survey in config["surveys"].items():
        for item in survey["items"]:
            ids[item["iri"]] = Element(Kind.SURVEY, item["id"], survey_id)
    for kind, key in ((Kind.GROUP, "groups"), (Kind.REFLECTION, "reflections")):
        for element, entry in config[key].items():
            ids[entry["iri"]] = Element(kind, element)
    ids[config["xapi"]["courseIri"]] = Element(Kind.COMPLETION, catalogue.course)
    extensions = config["xapi"]["extensions"]
    for iris, key in ((catalogue.attempt_iris, "attempt"), (catalogue.version_iris, "version")):
        if extensions[key] not in iris:
            iris.append(extensions[key])


def catalogue_of(check: CourseCheck, profiles: list[str] | None = None) -> Catalogue:
    """The catalogue of a checked course: the elements of every profile (or of `profiles`) in the
    course's language, and the ids each of them uses."""
    assert check.course is not None
    meta = check.course.meta
    chosen = [r for r in check.resolved if not profiles or r.profile.name in profiles]
    primary = [r for r in chosen if r.lang == meta.language] or chosen
    catalogue = Catalogue(meta.id, meta.version, meta.title, meta.language)
    for resolved in primary:  # a page or test one profile leaves out, another may keep
        _blocks(resolved, catalogue)
    order = [page_id for module in meta.modules for page_id in module.pages]
    catalogue.pages.sort(key=lambda page: order.index(page[0]))
    _scorm_ids(catalogue)
    for resolved in chosen:
        _iris(resolved, catalogue)
    return catalogue
