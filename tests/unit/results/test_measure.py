"""Measure: every figure from small, hand-made facts with known answers, and a synthetic cohort
with known group effects read from both kinds of source."""

from __future__ import annotations

import dataclasses
import importlib.util
import random
import statistics
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from aicourse_build.diagnostics import Report
from aicourse_build.pipeline import check_course_dir
from aicourse_build.render.slots import slots, version_response
from aicourse_build.results.catalogue import Catalogue, CatalogueQuestion
from aicourse_build.results.facts import Fact, Kind
from aicourse_build.results.ingest.moodle import Layout, moodle_facts
from aicourse_build.results.ingest.statements import read_statements_file
from aicourse_build.results.measure import measure
from aicourse_build.results.model import NOT_STATED, OVERALL, GroupOutcome, Results
from aicourse_build.results.pseudonym import Pseudonyms
from aicourse_build.results.store import Store

REPO = Path(__file__).resolve().parents[3]
PRE, POST = "kunskapstest-fore", "kunskapstest-efter"
T0 = datetime(2026, 12, 1, 8)


def _wrong(q: CatalogueQuestion) -> str:
    if q.type == "truefalse":
        return "true" if q.answer == "false" else "false"
    return next(c for c in q.choices if c != q.answer) if q.type == "single" else "wrong"


def _test(
    catalogue: Catalogue, learner: str, test: str, right: int, attempt: int | None = 1
) -> list[Fact]:
    """Answers to all eight questions of a test, the first `right` of them right."""
    return [
        Fact(learner, Kind.ANSWER, q.id, test, attempt, q.answer if i < right else _wrong(q))
        for i, q in enumerate(catalogue.tests[test].questions)
    ]


def _group(learner: str, option: str, stamp: datetime | None = None) -> Fact:
    return Fact(learner, Kind.GROUP, "yrkesgrupp", value=option, stamp=stamp)


def _marked(facts: list[Fact], catalogue: Catalogue) -> list[Fact]:
    """Answers marked right or wrong, as every reader marks them."""
    return [
        dataclasses.replace(f, correct=f.value == catalogue.question(f.parent, f.element).answer)  # type: ignore[union-attr]
        if f.kind is Kind.ANSWER
        else f
        for f in facts
    ]


def _measure(catalogue: Catalogue, facts: list[Fact], store: Store | None = None) -> Results:
    store = store or Store()
    store.add(_marked(facts, catalogue))
    return measure(store, catalogue, ["hand-made"])


def _row(results: Results, group: str) -> GroupOutcome:
    dimension = OVERALL if group == OVERALL else "yrkesgrupp"
    return next(g for g in results.groups if (g.dimension, g.group) == (dimension, group))


def _expected(pairs: list[tuple[float, float]]) -> tuple[Any, ...]:
    pre, post = statistics.mean(p for p, _ in pairs), statistics.mean(q for _, q in pairs)
    diffs = [q - p for p, q in pairs]
    sd = statistics.stdev(diffs) if len(diffs) > 1 else 0.0
    effect = statistics.mean(diffs) / sd if sd else None
    gain = None if pre == 100 else (post - pre) / (100 - pre)
    changes = (sum(d > 0 for d in diffs), sum(d == 0 for d in diffs), sum(d < 0 for d in diffs))
    return (len(pairs), pre, post, gain, effect, *changes)


def _values(row: GroupOutcome) -> tuple[Any, ...]:
    figures = (row.learners, row.pre_mean, row.post_mean, row.gain, row.effect)
    return tuple(f.value for f in (*figures, row.improved, row.unchanged, row.worse))


def test_groups_pair_first_attempts(catalogue: Catalogue) -> None:
    facts = [
        _group("a", "lakare", T0), *_test(catalogue, "a", PRE, 4), *_test(catalogue, "a", POST, 6),
        *_test(catalogue, "a", POST, 8, attempt=2),  # a retake is not measured
        _group("b", "sjukskoterskor", T0), _group("b", "lakare", T0 + timedelta(hours=1)),
        *_test(catalogue, "b", PRE, 2), *_test(catalogue, "b", POST, 2),
        *_test(catalogue, "c", PRE, 6), *_test(catalogue, "c", POST, 4),
        _group("d", "no-such-option"), *_test(catalogue, "d", PRE, 3),
        _group("e", "lakare"), *_test(catalogue, "e", POST, 5),
        _group("f", "psykologer"), *_test(catalogue, "f", PRE, 8, attempt=3),
        *_test(catalogue, "f", PRE, 4, attempt=2), *_test(catalogue, "f", POST, 4),
        *[x for who in "gh" for x in (_group(who, "chefer"), *_test(catalogue, who, PRE, 8, None))],
        *_test(catalogue, "g", POST, 7), *_test(catalogue, "h", POST, 7),
    ]  # fmt: skip
    store = Store()
    store.exclude("a later LMS attempt (the first one is used)", 2)
    results = _measure(catalogue, facts, store)
    pairs = {"a": (50, 75), "b": (25, 25), "c": (75, 50), "f": (50, 50), "g": (100, 87.5)}
    pairs["h"] = pairs["g"]
    lakare = _values(_row(results, "lakare"))
    assert lakare == pytest.approx((2, 37.5, 50, 0.2, 2**-0.5, 1, 1, 0))
    assert lakare == pytest.approx(_expected([pairs["a"], pairs["b"]]))
    assert _values(_row(results, OVERALL)) == pytest.approx(_expected(list(pairs.values())))
    assert _values(_row(results, NOT_STATED)) == (1, 75, 50, -1, None, 0, 0, 1)  # c; d unpaired
    chefer = _row(results, "chefer")
    assert (chefer.gain.value, chefer.gain.reason) == (None, "pre-test mean is 100")
    assert (chefer.effect.value, chefer.effect.reason) == (None, "no variation")
    assert _row(results, "psykologer").effect.reason == "fewer than 2"
    assert _values(_row(results, "barnmorskor")) == (0, None, None, None, None, 0, 0, 0)
    assert results.learners.value == 8 and results.learners.n == 8
    assert results.exclusions == [
        ("a later LMS attempt (the first one is used)", 2),
        ("post-test without a pre-test", 1),
        ("pre-test without a post-test, not paired", 1),
    ]
    assert [g.group for g in results.groups][:2] == [OVERALL, "lakare"]
    assert _row(results, OVERALL).label == "Alla" and _row(results, NOT_STATED).label
    kinds = {(f.kind, type(f.value)) for g in results.groups for f in (g.learners, g.pre_mean)}
    assert kinds <= {("count", float), ("mean", float), ("mean", type(None))}


def _answer(learner: str, test: str, q: CatalogueQuestion, value: str) -> Fact:
    return Fact(learner, Kind.ANSWER, q.id, test, 1, value)


def test_questions_difficulty_wrong_choices_and_flags(catalogue: Catalogue) -> None:
    q = {x.id: x for x in catalogue.tests[PRE].questions}
    given = {  # question -> (pre, post) responses of ten learners
        "model": ("bbbbaaaccd", "bbbbbbbbaa"),
        "patient-data": (["a,b,c,d"] * 2 + ["a,c"] + ["a,b,d"] * 7, ["a,b,d"] * 10),
        "language-model": (["false"] * 10, ["false"] * 10),
        "ai-act": (["a"] * 4 + ["b"] * 6, ["a"] * 5 + ["b"] * 5),  # rose by 0.1
        "responsibility": (["c"] * 3 + ["a"] * 7, ["c"] * 3 + ["b"] * 7),
    }
    facts = [
        _answer(f"l{i}", test, q[question], value)
        for question, sides in given.items()
        for test, values in zip((PRE, POST), sides, strict=True)
        for i, value in enumerate(values)
    ]
    found = {x.question: x for x in _measure(catalogue, facts).questions}
    model = found["model"]
    assert (model.test, model.answered_pre.value, model.answered_post.value) == (POST, 10, 10)
    assert (model.difficulty_pre.value, model.difficulty_post.value) == pytest.approx((0.4, 0.8))
    assert {c: (a.value, b.value) for c, (a, b) in model.wrong_choices.items()} == {
        "a": (3, 2),
        "c": (2, 0),
        "d": (1, 0),
    }
    patient = found["patient-data"].wrong_choices
    assert {c: (a.value, b.value) for c, (a, b) in patient.items()} == {"c": (3, 0)}
    assert found["language-model"].wrong_choices == {}  # not a choice question
    assert found["language-model"].flags == ["already known"]
    assert found["ai-act"].flags == [] and found["responsibility"].flags == ["not learned"]
    assert model.discrimination_pre.value is None
    assert model.discrimination_pre.reason == "fewer than 100"
    assert found["concepts"].answered_pre.value == 0 and found["concepts"].difficulty_pre.n == 0
    assert [x.question for x in found.values()] == [x.id for x in catalogue.tests[POST].questions]


def test_discrimination_is_the_point_biserial_with_the_rest_of_the_test(
    catalogue: Catalogue,
) -> None:
    rng = random.Random(3)
    questions = catalogue.tests[PRE].questions
    rows = []
    for _ in range(120):
        ability = rng.random()
        rows.append([q.id == "language-model" or rng.random() < ability for q in questions])
    facts = [
        _answer(f"l{i}", PRE, q, q.answer if right else _wrong(q))
        for i, row in enumerate(rows)
        for q, right in zip(questions, row, strict=True)
    ]
    found = {x.question: x for x in _measure(catalogue, facts).questions}
    for index in (0, 5):  # "model", "responsibility"
        item = [float(row[index]) for row in rows]
        rest = [100 * (sum(row) - row[index]) / (len(row) - 1) for row in rows]
        figure = found[questions[index].id].discrimination_pre
        assert figure.value == pytest.approx(statistics.correlation(item, rest))
        assert (figure.n, figure.kind) == (120, "mean")
    constant = found["language-model"].discrimination_pre
    assert (constant.value, constant.reason) == (None, "no variation")


def test_a_group_said_twice_at_the_same_time_is_the_one_added_last(catalogue: Catalogue) -> None:
    facts = [
        _group("a", "lakare"),
        _group("a", "chefer"),
        _group("b", "chefer", T0),
        _group("b", "lakare"),  # no time: earlier than any time
        *[Fact(who, Kind.SURVEY, "enkat-begriplighet", "kursenkat", number=3) for who in "ab"],
    ]
    survey = next(s for s in _measure(catalogue, facts).surveys if s.item == "enkat-begriplighet")
    assert survey.steps["chefer"][2].value == 2 and survey.steps["lakare"][2].value == 0


# -- a synthetic cohort, from both kinds of source -------------------------------------------


def _cohort_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_cohort", REPO / "bench" / "cohort.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _flat(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flat(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _flat(item, f"{path}[{index}]")
    else:
        yield path, value


def test_a_cohort_with_known_effects_is_recovered_from_both_sources(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    cohort = _cohort_module()
    effects = {
        "lakare": cohort.Effect(0.4, 0.55, 0.85),
        "sjukskoterskor": cohort.Effect(0.35, 0.40, 0.70),
        "underskoterskor": cohort.Effect(0.15, 0.30, 0.50),
        NOT_STATED: cohort.Effect(0.10, 0.45, 0.60),
    }
    course = cohort.load_course()
    resolved = check_course_dir(cohort.COURSE, Report(), ["vgr"]).resolved[0]
    layout = Layout("vgr", tuple(slots(resolved)), version_response(resolved, slots(resolved)))
    measured = {}
    for form in ("ndjson", "moodle"):
        path = tmp_path / f"cohort.{form}"
        truth = cohort.cohort(path, 400, form, seed=11, effects=effects, course=course)
        store = Store()
        if form == "ndjson":
            read_statements_file(store, catalogue, Pseudonyms(), path)
        else:
            read = list(moodle_facts(path, catalogue, [layout], Pseudonyms()))
            store.add(f for f in read if isinstance(f, Fact))
        measured[form] = measure(store, catalogue, [form])
    for group, effect in effects.items():
        row = _row(measured["ndjson"], group)
        n = truth.paired[group]
        assert row.learners.value == n > 20
        # a score is the mean of 8 answers; a learner's probability varies by up to 0.1
        error = 100 * ((0.25 / 8 + 0.1**2 / 3) / n) ** 0.5
        assert abs(row.pre_mean.value - 100 * effect.pre) < 4 * error, group
        assert abs(row.post_mean.value - 100 * effect.post) < 4 * error, group
    assert measured["ndjson"].learners.value == 400
    assert measured["ndjson"].time_minutes.n > 300 and measured["moodle"].time_minutes.n == 0
    one, other = (dict(_flat(measured[f])) for f in ("ndjson", "moodle"))
    for key in [k for k in one if k.startswith((".time_minutes", ".sources"))]:
        del one[key], other[key]
    assert one.keys() == other.keys()
    assert one == {k: pytest.approx(v) if isinstance(v, float) else v for k, v in other.items()}


def test_a_question_answered_twice_in_an_attempt_counts_its_latest_answer(
    catalogue: Catalogue,
) -> None:
    q = next(x for x in catalogue.tests[PRE].questions if x.id == "model")
    wrong = _wrong(q)
    stamped = [  # learner -> answers of "model" in the first pre-test attempt: (value, time)
        ("late-right", [(wrong, T0), (q.answer, T0 + timedelta(minutes=1))]),
        ("late-wrong", [(q.answer, T0), (wrong, T0 + timedelta(minutes=1))]),
        ("timeless-first", [(wrong, None), (q.answer, T0)]),  # no time: the earliest
        ("same-time", [(max(q.answer, wrong), T0), (min(q.answer, wrong), T0)]),
    ]
    facts = [
        dataclasses.replace(_answer(who, PRE, q, value), stamp=at)
        for who, answers in stamped
        for value, at in answers
    ]
    model = next(x for x in _measure(catalogue, facts).questions if x.question == "model")
    right_of_four = 2 + (min(q.answer, wrong) == q.answer)  # the smallest value wins a tie
    assert model.answered_pre.value == 4
    assert model.difficulty_pre.value == pytest.approx(right_of_four / 4)
