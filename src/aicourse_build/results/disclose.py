"""Disclosure control: the one place that decides which measured figures may be published.

The steering group asks about groups, never about a person, and a small group is nearly a
person: "the one midwife who took the course answered wrong" names her to her colleagues. So:

- A count (learners, improved/unchanged/worse, learners per survey step, wrong choices picked,
  reflections answered, learners per page) is shown only when it is 0 or at least `min_group`
  (5 by default; the command never allows fewer than 3). Zero says that nobody did something,
  which tells nothing about anyone; 1 to 4 can point at someone who is known to be in the group.
- A mean, share, gain, effect size or discrimination needs `min_mean` learners (10): it is a
  sum divided by n, so from few learners it tells much about each of them (a mean of 100 from
  five learners says that all five answered everything right).
- A group whose paired learners are 1 to `min_group - 1` is hidden entirely, every figure of it.
- Complementary suppression. Tables have totals: the groups of a self-report add up to everyone,
  improved + unchanged + worse add up to the learners, a survey item's steps add up per group and
  per step, the wrong choices of a question add up to those who answered wrong, and the means of
  the groups, weighted by their learners, give the overall mean. One hidden cell in a row or
  column with a known total would be a subtraction away; so, until no row or column has exactly
  one hidden cell, the smallest other shown cell of that row or column is hidden too (a non-zero
  one first: hiding a zero protects little, as a reader can tell 0 from 1 to 4 by the reasons).
  Hiding a group's learners hides its whole row; hiding a mean hides the group's other means.
- What is hidden loses its value and its n here, so no later step can show it by mistake; it
  keeps `suppressed` and a `reason` ("fewer than 5", "fewer than 10", "complementary"). A flag
  of a question goes with the figures it was read from.

Not protected here: the counts of excluded input (they describe the data, not a group) and the
differences between the learners reaching consecutive pages (how many stopped somewhere says
nothing about who they are or what they answered). docs/results.md says the same for readers.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass

from aicourse_build.results.by_group import group_keys
from aicourse_build.results.model import OVERALL, Figure, GroupOutcome, Results

COMPLEMENTARY = "complementary"


@dataclass(frozen=True)
class Cell:
    """A cell of a table with a known total: hidden when any `watch` figure is; hiding it hides
    `hide`. `size` (learners) picks the smallest cell to hide next."""

    size: float
    watch: tuple[Figure, ...]
    hide: tuple[Figure, ...]

    @property
    def hidden(self) -> bool:
        return any(f.suppressed for f in self.watch)


def disclose(results: Results, min_group: int, min_mean: int) -> Results:
    """A copy of `results` with what may not be shown hidden; `results` is left as it was."""
    out = copy.deepcopy(results)
    out.min_group, out.min_mean = min_group, min_mean
    small, few = f"fewer than {min_group}", f"fewer than {min_mean}"
    for row in out.groups:
        if 0 < (row.learners.value or 0) < min_group:
            for figure in row_figures(row):
                _hide(figure, small)
    for figure in figures(out):
        if figure.suppressed:
            continue
        if figure.kind == "count" and 0 < (figure.value or 0) < min_group:
            _hide(figure, small)
        elif figure.kind != "count" and 0 < figure.n < min_mean:
            _hide(figure, few)
    complement(relations(out))
    for q in out.questions:
        pre, post = q.difficulty_pre.suppressed, q.difficulty_post.suppressed
        q.flags = [f for f in q.flags if not (pre or (post and f != "already known"))]
    for figure in figures(out):
        if figure.suppressed:
            figure.value, figure.n = None, 0
    return out


def _hide(figure: Figure, reason: str) -> None:
    figure.suppressed, figure.reason = True, reason


def row_figures(row: GroupOutcome) -> list[Figure]:
    return [
        row.learners,
        row.pre_mean,
        row.post_mean,
        row.gain,
        row.effect,
        row.improved,
        row.unchanged,
        row.worse,
    ]


def figures(results: Results) -> Iterator[Figure]:
    """Every figure of the results."""
    yield results.learners
    for row in results.groups:
        yield from row_figures(row)
    for q in results.questions:
        yield from (q.answered_pre, q.answered_post, q.difficulty_pre, q.difficulty_post)
        yield from (q.discrimination_pre, q.discrimination_post)
        for pair in q.wrong_choices.values():
            yield from pair
    for s in results.surveys:
        for steps in s.steps.values():
            yield from steps
        yield from s.mean.values()
    yield from results.reflections.values()
    yield from (r.learners for r in results.reach)
    yield results.time_minutes


def _one(figure: Figure) -> Cell:
    return Cell(figure.value or 0, (figure,), (figure,))


def _table(rows: list[list[Cell]], totals: list[Cell]) -> list[list[Cell]]:
    """The relations of a table whose last column is the row total and whose `totals` row is
    the column total: every row, and every column with its total."""
    relations = [*rows, totals]
    relations += [[row[c] for row in rows] + [totals[c]] for c in range(len(totals))]
    return relations


def _group_cells(row: GroupOutcome) -> list[Cell]:
    learners = Cell(row.learners.value or 0, (row.learners,), tuple(row_figures(row)))
    return [*map(_one, (row.improved, row.unchanged, row.worse)), learners]


def relations(results: Results) -> list[list[Cell]]:
    """Every set of cells with a known sum (or weighted mean), from which one hidden cell could
    be computed."""
    found: list[list[Cell]] = []
    overall = next((g for g in results.groups if g.dimension == OVERALL), None)
    keys = group_keys(results.labels)
    dimensions = dict.fromkeys(g.dimension for g in results.groups if g.dimension != OVERALL)
    for dimension in dimensions:
        rows = [g for g in results.groups if g.dimension == dimension]
        if overall is None:
            continue
        found += _table([_group_cells(g) for g in rows], _group_cells(overall))
        # the overall mean is the groups' means weighted by their learners
        found.append([_means(g) for g in [*rows, overall]])
    for s in results.surveys:
        for dimension in results.labels:
            groups = [k for (d, _g), k in keys.items() if d == dimension and k in s.steps]
            if OVERALL in s.steps and groups:
                cells = [_survey_cells(s.steps[k], s.mean.get(k)) for k in groups]
                found += _table(cells, _survey_cells(s.steps[OVERALL], s.mean.get(OVERALL)))
    for q in (q for q in results.questions if q.wrong_choices):
        for side in (0, 1):
            answered = (q.answered_pre, q.answered_post)[side]
            difficulty = (q.difficulty_pre, q.difficulty_post)[side]
            wrong = (answered.value or 0) * (1 - (difficulty.value or 0))
            margin = Cell(wrong, (difficulty, answered), (difficulty,))
            found.append([_one(pair[side]) for pair in q.wrong_choices.values()] + [margin])
    return found


def _means(row: GroupOutcome) -> Cell:
    return Cell(
        row.pre_mean.n, (row.pre_mean,), (row.pre_mean, row.post_mean, row.gain, row.effect)
    )


def _survey_cells(steps: list[Figure], mean: Figure | None) -> list[Cell]:
    """A survey row: its steps, then its total (the learners of its mean)."""
    # without a mean the total is not published, but it may still be known: nothing to hide
    total = Cell(mean.n, (mean,), (mean,)) if mean is not None else Cell(0, (), ())
    return [*map(_one, steps), total]


def complement(relations: list[list[Cell]]) -> None:
    """Hide cells until no relation has exactly one hidden cell."""
    changed = True
    while changed:
        changed = False
        for relation in relations:
            hidden = [c for c in relation if c.hidden]
            shown = [c for c in relation if not c.hidden and c.hide]
            if len(hidden) != 1 or not shown:
                continue
            pick = min(shown, key=lambda c: (c.size == 0, c.size))
            for figure in pick.hide:
                _hide(figure, COMPLEMENTARY)
            changed = True
