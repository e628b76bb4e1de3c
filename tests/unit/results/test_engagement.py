"""Surveys, reflections, reach and time, measured from small hand-made facts."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from aicourse_build.results.catalogue import Catalogue
from aicourse_build.results.facts import Fact, Kind
from aicourse_build.results.measure import measure
from aicourse_build.results.model import NOT_STATED, OVERALL, Results
from aicourse_build.results.store import Store

T0 = datetime(2026, 12, 1, 8)


def _group(learner: str, option: str) -> Fact:
    return Fact(learner, Kind.GROUP, "yrkesgrupp", value=option)


def _measure(catalogue: Catalogue, facts: list[Fact]) -> Results:
    store = Store()
    store.add(facts)
    return measure(store, catalogue, ["hand-made"])


def test_surveys_reflections_reach_and_time(catalogue: Catalogue) -> None:
    item = "enkat-relevans"

    def said(learner: str, step: float, stamp: datetime | None = None) -> Fact:
        return Fact(learner, Kind.SURVEY, item, "kursenkat", number=step, stamp=stamp)

    facts = [
        _group("s1", "lakare"), said("s1", 5, T0), said("s1", 4, T0 + timedelta(minutes=1)),
        _group("s2", "lakare"), said("s2", 4), said("s3", 2),
        _group("s4", "chefer"), said("s4", 7),  # not a step of the scale
        _group("s5", "lakare"), _group("s5", "chefer"), said("s5", 1),  # the later one
        Fact("s1", Kind.REFLECTION, "reflektion-risker"),
        Fact("s1", Kind.REFLECTION, "reflektion-risker"),
        Fact("s2", Kind.REFLECTION, "reflektion-risker"),
        Fact("s1", Kind.PAGE, "valkommen"), Fact("s1", Kind.PAGE, "vad-ar-ai"),
        Fact("s2", Kind.PAGE, "avslutning", value="furthest"), Fact("s3", Kind.PAGE, "valkommen"),
        Fact("s3", Kind.PAGE, "not-a-page"),
        Fact("s1", Kind.TIME, "introduktionsutbildning", number=600),
        Fact("s1", Kind.TIME, "introduktionsutbildning", number=1200),
        Fact("s2", Kind.TIME, "introduktionsutbildning", number=3600),
        Fact("s3", Kind.TIME, "introduktionsutbildning", number=300),
    ]  # fmt: skip
    results = _measure(catalogue, facts)
    survey = next(s for s in results.surveys if s.item == item)
    assert survey.scale == catalogue.surveys["kursenkat"].scale
    steps = {group: [f.value for f in figures] for group, figures in survey.steps.items()}
    assert next(iter(steps)) == OVERALL
    assert steps[OVERALL] == [1, 1, 0, 2, 0]
    assert (steps["lakare"], steps["chefer"], steps[NOT_STATED]) == (
        [0, 0, 0, 2, 0],
        [1, 0, 0, 0, 0],
        [0, 1, 0, 0, 0],
    )
    # the administration, a self-report nobody answered here, is left out; answered, its "-"
    # recurs beside the profession's and both are keyed by their self-report
    assert not [key for key in steps if key.startswith("forvaltning")]
    answered = Fact("s1", Kind.GROUP, "forvaltning", value="narhalsan")
    more = next(s for s in _measure(catalogue, [*facts, answered]).surveys if s.item == item)
    assert [f.value for f in more.steps[f"forvaltning/{NOT_STATED}"]] == [1, 1, 0, 1, 0]
    assert [f.value for f in more.steps["narhalsan"]] == [0, 0, 0, 1, 0]
    assert [f.value for f in more.steps[f"yrkesgrupp/{NOT_STATED}"]] == [0, 1, 0, 0, 0]
    assert survey.mean[OVERALL].value == pytest.approx(11 / 4) and survey.mean[OVERALL].n == 4
    assert (survey.mean["barnmorskor"].value, survey.mean["barnmorskor"].n) == (None, 0)
    assert {r: f.value for r, f in results.reflections.items()} == {
        "reflektion-risker": 2,
        "reflektion-min-vardag": 0,
        "reflektion-tillsammans": 0,
    }
    reach = [r.learners.value for r in results.reach]
    assert [r.page for r in results.reach] == [p for p, _t in catalogue.pages]
    assert reach == [3, 2, 2] + [1] * (len(catalogue.pages) - 3)
    assert results.time_minutes.value == pytest.approx(30.0)
    assert (results.time_minutes.n, results.time_minutes.kind) == (3, "mean")
    nothing = _measure(catalogue, [Fact("x", Kind.PAGE, "valkommen")])
    assert (nothing.time_minutes.value, nothing.time_minutes.n) == (None, 0)
    assert nothing.exclusions == []
