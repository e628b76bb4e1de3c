"""Disclosure control: small counts and means from few learners hidden, whole small groups hidden,
and never exactly one hidden cell where a total would give it away."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from aicourse_build.results.disclose import disclose
from aicourse_build.results.model import (
    NOT_STATED,
    OVERALL,
    Figure,
    GroupOutcome,
    QuestionOutcome,
    Reach,
    Results,
    SurveyOutcome,
)

DIMENSION = "yrkesgrupp"


def _count(value: int) -> Figure:
    return Figure(float(value), value, "count")


def _mean(value: float | None, n: int) -> Figure:
    return Figure(value if n else None, n, "mean")


def _row(group: str, changes: tuple[int, int, int], pre: float, post: float) -> GroupOutcome:
    n = sum(changes)
    dimension = OVERALL if group == OVERALL else DIMENSION
    means = (_mean(pre, n), _mean(post, n), _mean((post - pre) / (100 - pre), n), _mean(0.8, n))
    return GroupOutcome(dimension, group, group, _count(n), *means, *map(_count, changes))


def _survey(steps: list[list[int]], ids: list[str]) -> SurveyOutcome:
    outcome = SurveyOutcome("kursenkat", "enkat-relevans", "Relevant?", tuple("12345"))
    totals = [sum(column) for column in zip(*steps, strict=True)]
    for key, counts in [(OVERALL, totals), *zip(ids, steps, strict=True)]:
        n = sum(counts)
        outcome.steps[key] = [_count(c) for c in counts]
        outcome.mean[key] = _mean(sum(s * c for s, c in enumerate(counts, 1)) / max(n, 1), n)
    return outcome


def _question(sides: list[tuple[list[int], int]]) -> QuestionOutcome:
    """A single-choice question: wrong choices picked and right answers, before and after."""
    answered = [sum(wrong) + right for wrong, right in sides]
    shares = [_mean(right / max(n, 1), n) for (_w, right), n in zip(sides, answered, strict=True)]
    choices = "acdefg"[: len(sides[0][0])]
    wrong = {c: (_count(sides[0][0][i]), _count(sides[1][0][i])) for i, c in enumerate(choices)}
    question = QuestionOutcome(
        "kunskapstest-efter", "model", "?", *map(_count, answered), *shares,
        _mean(None, answered[0]), _mean(None, answered[1]), wrong,
    )  # fmt: skip
    question.flags = ["already known", "not learned"]
    return question


def _results(
    groups: list[tuple[int, int, int]],
    steps: list[list[int]],
    sides: list[tuple[list[int], int]],
) -> Results:
    """Results whose tables add up as measured ones do; the last group is "not stated"."""
    ids = [f"g{i}" for i in range(len(groups) - 1)] + [NOT_STATED]
    rows = [
        _row(g, c, 30 + 5 * i, 60 + 4 * i) for i, (g, c) in enumerate(zip(ids, groups, strict=True))
    ]
    total = tuple(sum(c[i] for c in groups) for i in range(3))
    n = max(sum(total), 1)
    pre = sum((r.pre_mean.value or 0) * r.learners.n for r in rows) / n
    post = sum((r.post_mean.value or 0) * r.learners.n for r in rows) / n
    answers = [steps[i % len(steps)] for i in range(len(ids))]  # a survey row per group
    return Results(
        "introduktionsutbildning", "Kurs", "1.0.0", ["test"], _count(sum(total) + 3),
        [_row(OVERALL, total, pre, post), *rows],
        [_question(sides)],
        [_survey(answers, ids)],
        {"reflektion-risker": _count(4), "reflektion-min-vardag": _count(0)},
        [Reach("valkommen", "Välkommen", _count(40)), Reach("avslutning", "Slut", _count(2))],
        _mean(42.0, 9),
        [("post-test without a pre-test", 1)],
        {DIMENSION: {i: i for i in ids}},
    )  # fmt: skip


def _figures(value: Any) -> Iterator[Figure]:
    if isinstance(value, Figure):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _figures(getattr(value, f.name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _figures(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _figures(item)


def _one_hidden(results: Results) -> list[str]:
    """Rows and columns of every table with exactly one hidden cell: a subtraction away."""
    found = []

    def check(name: str, hidden: list[bool]) -> None:
        if sum(hidden) == 1:
            found.append(name)

    overall = next(g for g in results.groups if g.dimension == OVERALL)
    rows = [g for g in results.groups if g.dimension == DIMENSION] + [overall]
    columns = ("improved", "unchanged", "worse", "learners")
    for r in rows:
        check(f"row {r.group}", [getattr(r, c).suppressed for c in columns])
    for c in columns:
        check(f"column {c}", [getattr(r, c).suppressed for r in rows])
    check("weighted means", [r.pre_mean.suppressed for r in rows])
    for s in results.surveys:
        keys = [*(k for k in s.steps if k != OVERALL), OVERALL]
        for k in keys:
            check(f"survey row {k}", [f.suppressed for f in s.steps[k]] + [s.mean[k].suppressed])
        for step in range(len(s.scale)):
            check(f"survey step {step + 1}", [s.steps[k][step].suppressed for k in keys])
        check("survey learners", [s.mean[k].suppressed for k in keys])
    for q in results.questions:
        for side, (answered, share) in enumerate(
            ((q.answered_pre, q.difficulty_pre), (q.answered_post, q.difficulty_post))
        ):
            wrong = [pair[side].suppressed for pair in q.wrong_choices.values()]
            check(f"wrong choices {side}", [*wrong, answered.suppressed or share.suppressed])
    return found


def _too_small(results: Results) -> list[Figure]:
    return [
        f
        for f in _figures(results)
        if not f.suppressed
        and (
            (f.kind == "count" and 0 < (f.value or 0) < results.min_group)
            or (f.kind != "count" and 0 < f.n < results.min_mean)
        )
    ]


def test_small_groups_go_entirely_and_take_a_neighbour_with_them() -> None:
    measured = _results(
        [(20, 5, 5), (2, 1, 0), (8, 0, 0), (9, 6, 0)], [[3, 5, 9, 0, 0]], [([7, 2], 30)] * 2
    )
    before = copy.deepcopy(measured)
    shown = disclose(measured, 5, 10)
    assert measured == before  # the input is left as it was
    assert (shown.min_group, shown.min_mean) == (5, 10)
    rows = {g.group: g for g in shown.groups}
    small = rows["g1"]  # three learners: every figure of the group goes
    assert all(f.suppressed and f.reason == "fewer than 5" for f in _figures(small))
    assert all(f.value is None and f.n == 0 for f in _figures(small))
    # the next smallest group goes too, or its learners would give the small group's away
    assert rows["g2"].learners.reason == "complementary" and rows["g2"].worse.suppressed
    assert not rows[NOT_STATED].learners.suppressed and not rows["g0"].learners.suppressed
    assert rows[NOT_STATED].worse.value == 0  # zero is shown
    # 15 learners: means shown; none of them needs hiding
    assert rows[NOT_STATED].pre_mean.value == 45.0 and not rows[NOT_STATED].pre_mean.suppressed
    assert shown.time_minutes.reason == "fewer than 10" and shown.time_minutes.value is None
    assert shown.reflections["reflektion-risker"].reason == "fewer than 5"
    assert shown.reflections["reflektion-min-vardag"].value == 0
    assert [r.learners.suppressed for r in shown.reach] == [False, True]
    assert shown.exclusions == measured.exclusions
    assert _one_hidden(shown) == [] and _too_small(shown) == []


def test_a_mean_of_few_learners_is_hidden_and_so_is_another() -> None:
    shown = disclose(
        _results([(10, 5, 5), (6, 1, 0), (5, 6, 0)], [[0, 0, 5, 5, 5]], [([5, 5], 30)] * 2), 5, 10
    )
    rows = {g.group: g for g in shown.groups}
    assert rows["g1"].pre_mean.reason == "fewer than 10" and not rows["g1"].learners.suppressed
    assert rows["g1"].unchanged.reason == "fewer than 5" and rows["g1"].worse.value == 0
    assert rows["g1"].improved.reason == "complementary"  # 7 learners - 0 would give it away
    # the overall mean and the other groups' would give g1's mean: the smallest other goes
    assert rows[NOT_STATED].pre_mean.reason == "complementary"
    assert rows[NOT_STATED].gain.suppressed and rows[NOT_STATED].post_mean.suppressed
    assert not rows["g0"].pre_mean.suppressed
    assert _one_hidden(shown) == [] and _too_small(shown) == []


def test_survey_steps_and_wrong_choices_are_protected_by_row_and_column() -> None:
    steps = [[0, 2, 9, 7, 5], [0, 0, 6, 6, 6], [1, 0, 8, 8, 0]]
    shown = disclose(_results([(10, 5, 5)] * 3, steps, [([3, 6, 9], 40), ([0, 7, 5], 60)]), 5, 10)
    survey = shown.surveys[0]
    assert survey.steps["g0"][1].reason == "fewer than 5"
    assert survey.steps["g0"][0].value == 0
    assert _one_hidden(shown) == [] and _too_small(shown) == []
    [question] = shown.questions
    before, after = zip(*question.wrong_choices.values(), strict=True)
    assert before[0].reason == "fewer than 5" and before[1].reason == "complementary"
    assert [f.value for f in after] == [0, 7, 5]
    assert question.flags == ["already known", "not learned"]  # both shares shown
    hidden = disclose(_results([(10, 5, 5)] * 3, steps, [([3], 5), ([0], 60)]), 5, 10)
    assert hidden.questions[0].difficulty_pre.suppressed
    assert hidden.questions[0].flags == []  # read from a hidden share: gone with it


changes = st.tuples(*[st.integers(0, 14)] * 3)
survey_rows = st.lists(st.integers(0, 12), min_size=5, max_size=5)
sides = st.tuples(st.lists(st.integers(0, 12), min_size=1, max_size=4), st.integers(0, 30))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(changes, min_size=1, max_size=6),
    st.lists(survey_rows, min_size=1, max_size=6),
    sides,
    sides,
    st.integers(3, 6),
    st.integers(5, 12),
)
def test_no_hidden_cell_is_a_subtraction_away_and_nothing_small_is_shown(
    groups: list[tuple[int, int, int]],
    steps: list[list[int]],
    pre: tuple[list[int], int],
    post: tuple[list[int], int],
    min_group: int,
    min_mean: int,
) -> None:
    post = (post[0][: len(pre[0])] + [0] * (len(pre[0]) - len(post[0])), post[1])
    measured = _results(groups, steps, [pre, post])
    before = copy.deepcopy(measured)
    shown = disclose(measured, min_group, min_mean)
    assert measured == before
    assert _one_hidden(shown) == []
    assert _too_small(shown) == []
    for old, new in zip(_figures(measured), _figures(shown), strict=True):
        if new.suppressed:
            assert new.reason and new.value is None and new.n == 0
        else:
            assert (new.value, new.n) == (old.value, old.n)
