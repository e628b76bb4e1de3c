"""The report's sections as the template needs them: rows grouped, and each chart drawn with a
summary in words of the same figures its table shows."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from aicourse_build.results.model import OVERALL
from aicourse_build.results.publish import charts
from aicourse_build.results.publish.data import Group, Published, Question, SurveyItem, Value
from aicourse_build.results.publish.text import FORMATS


def said(value: Value | None, fmt: str) -> str:
    """A figure in a chart's words: its value, or why there is none."""
    if value is not None and value.suppressed:
        return "dolt"
    if value is None or value.value is None:
        return "saknas"
    return FORMATS[fmt](value.value)


def shown(value: Value | None) -> float | None:
    return None if value is None or value.value is None else value.value


@dataclass
class Knowledge:
    """The pre/post table and chart of one dimension (everyone first)."""

    id: str
    title: str
    rows: list[Group]
    chart: Markup


def knowledge(doc: Published) -> list[Knowledge]:
    everyone = [g for g in doc.groups if g.group == OVERALL]
    tables = [
        (d.id, d.title, [g for g in doc.groups if g.dimension == d.id]) for d in doc.dimensions
    ]
    if not tables:  # no self-report in the course: everyone is the only group
        tables = [("alla", "Alla deltagare", [])]
    found = []
    for dim, title, groups in tables:
        rows = everyone + [g for g in groups if g.group != OVERALL]
        # a group nobody in the data belongs to stays in the table (0), but is not drawn
        drawn = [g for g in rows if g.group == OVERALL or g.learners.value != 0]
        absent = [g.label for g in rows if g not in drawn]
        summary = "Medelresultat i procent rätt, före och efter kursen. " + " ".join(
            f"{g.label}: före {said(g.pre_mean, 'percent')}, efter {said(g.post_mean, 'percent')}."
            for g in drawn
        )
        if absent:
            summary += f" Inga deltagare: {', '.join(absent)}."
        points = [
            charts.Paired(
                g.label,
                shown(g.pre_mean),
                shown(g.post_mean),
                said(g.pre_mean, "percent").replace("dolt", "–"),
                said(g.post_mean, "percent").replace("dolt", "–"),
            )
            for g in drawn
        ]
        name = f"Kunskap före och efter kursen per {title.lower()}"
        chart = charts.paired(f"kunskap-{dim}", name, summary, points)
        found.append(Knowledge(dim, title, rows, chart))
    return found


def question_label(index: int, question: Question) -> str:
    return f"{index}. {question.prompt}"


def _percent(share: Value) -> float | None:
    found = shown(share)
    return None if found is None else 100 * found


def questions_chart(doc: Published) -> Markup | None:
    if not doc.questions:
        return None
    rows = [
        charts.Paired(
            question_label(i, q),
            _percent(q.difficulty_pre),
            _percent(q.difficulty_post),
            said(q.difficulty_pre, "share").replace("dolt", "–"),
            said(q.difficulty_post, "share").replace("dolt", "–"),
        )
        for i, q in enumerate(doc.questions, 1)
    ]
    summary = "Andel som svarade rätt på varje fråga, före och efter kursen. " + " ".join(
        f"Fråga {i}: före {said(q.difficulty_pre, 'share')}, "
        f"efter {said(q.difficulty_post, 'share')}."
        for i, q in enumerate(doc.questions, 1)
    )
    return charts.paired("fragor", "Andel rätt per fråga före och efter kursen", summary, rows)


def survey_chart(index: int, item: SurveyItem) -> Markup:
    rows, parts, silent = [], [], []
    for g in item.groups:
        complete = all(s.value is not None for s in g.steps)
        counts = [s.value or 0.0 for s in g.steps] if complete else None
        if counts is not None and sum(counts) == 0 and g.group != OVERALL:
            silent.append(g.label)  # nobody of the group answered: in the table, not drawn
            continue
        note = "inga svar" if complete else "dolt – för få svar att visa fördelningen"
        rows.append(charts.Stacked(g.label, counts, note))
        if counts and sum(counts) > 0:
            steps = ", ".join(
                f"{step} {round(100 * n / sum(counts))} %"
                for step, n in zip(item.scale, counts, strict=True)
            )
            parts.append(f"{g.label}: {steps}.")
        else:
            parts.append(f"{g.label}: {note}.")
    if silent:
        parts.append(f"Inga svar: {', '.join(silent)}.")
    summary = "Fördelning av svaren per grupp. " + " ".join(parts)
    title = f"Svar på påståendet ”{item.text}”"
    return charts.stacked(f"enkat-{index}", title, summary, item.scale, rows)


def reach_share(doc: Published, value: Value) -> Value | None:
    """A page's learners as a share of every learner seen, only when both are shown."""
    total = shown(doc.learners)
    if value.value is None or not total:
        return None
    return Value(value=value.value / total, n=value.n, kind="mean", suppressed=False, reason=None)


def reach_chart(doc: Published) -> Markup | None:
    if not doc.reach:
        return None
    rows = [
        charts.Bar(
            r.title,
            shown(r.learners),
            said(r.learners, "count").replace("dolt", "– (dolt)"),
        )
        for r in doc.reach
    ]
    visible = [v for v in (shown(r.learners) for r in doc.reach) if v is not None]
    top = shown(doc.learners) or max(visible, default=0.0)
    summary = "Antal deltagare som nådde varje sida, i kursens ordning. " + " ".join(
        f"{r.title}: {said(r.learners, 'count')}." for r in doc.reach
    )
    return charts.bars("rackvidd", "Hur många som nådde varje sida", summary, rows, top)
