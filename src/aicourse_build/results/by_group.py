"""What the measures share: figures from SQL's values, the query of a figure for everyone and per
group of every self-report, and which of a learner's facts counts when there are several."""

from __future__ import annotations

from collections import Counter

from aicourse_build.results.model import NOT_STATED, Figure

LATEST = "ORDER BY stamp DESC NULLS LAST"  # facts without a time count as the earliest


def group_keys(labels: dict[str, dict[str, str]]) -> dict[tuple[str, str], str]:
    """(self-report, group) -> the group's key in `SurveyOutcome.steps` and `.mean`: its id, or
    "<self-report>/<id>" where the id recurs in another self-report ("-" does in a course with
    two). Everyone is OVERALL."""
    seen = Counter(g for names in labels.values() for g in names)
    return {(d, g): g if seen[g] == 1 else f"{d}/{g}" for d, names in labels.items() for g in names}


def count(value: int | None) -> Figure:
    """A count of learners; none counted (SQL's NULL over no rows) is 0."""
    return Figure(float(value or 0), int(value or 0), "count")


def mean(value: float | None, n: int, reason: str = "") -> Figure:
    """A mean, share, gain, effect or coefficient; `reason` says why there is none."""
    if value is None:
        return Figure(None, n, "mean", reason=reason)
    return Figure(float(value), n, "mean")


def by_group(columns: str, source: str, keys: str = "") -> str:
    """`columns` aggregated over everyone and per group of every self-report."""
    extra = f", {keys}" if keys else ""
    return f"""
        SELECT '' AS dimension, '' AS grp{extra}, {columns} FROM {source} AS x
        {"GROUP BY ALL" if keys else ""}
        UNION ALL
        SELECT d.dimension, coalesce(g.grp, '{NOT_STATED}'){extra}, {columns}
        FROM {source} AS x CROSS JOIN (SELECT DISTINCT dimension FROM m_options) AS d
        LEFT JOIN m_groups AS g ON g.learner = x.learner AND g.dimension = d.dimension
        GROUP BY ALL"""
