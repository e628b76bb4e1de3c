"""Measure, continued: what learners did besides the tests, from the `facts` of the store:
survey answers per group, reflections written, how far learners got, and their time."""

from __future__ import annotations

from collections import defaultdict

from aicourse_build.results.by_group import LATEST, by_group, count, group_keys, mean
from aicourse_build.results.catalogue import Catalogue
from aicourse_build.results.model import OVERALL, Figure, Reach, SurveyOutcome
from aicourse_build.results.store import Store


def surveys(
    store: Store, catalogue: Catalogue, labels: dict[str, dict[str, str]]
) -> list[SurveyOutcome]:
    store.con.execute(f"""
        CREATE OR REPLACE TEMP TABLE m_survey AS
        SELECT learner, parent AS survey, element AS item, number AS step FROM facts
        WHERE kind = 'survey' AND number IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY learner, parent, element {LATEST}, number) = 1""")
    tallies: dict[tuple[str, str, str], dict[float, int]] = defaultdict(dict)
    keys = {(OVERALL, OVERALL): OVERALL, **group_keys(labels)}
    query = by_group("count(*)", "m_survey", "x.survey, x.item, x.step")
    for dimension, group, survey, item, step, n in store.con.execute(query).fetchall():
        tallies[(survey, item, keys[(dimension, group)])][float(step)] = int(n)
    store.con.execute("DROP TABLE m_survey")
    out = []
    for survey in catalogue.surveys.values():
        for item, text in survey.items.items():
            outcome = SurveyOutcome(survey.id, item, text, survey.scale)
            for key in keys.values():
                tally = tallies.get((survey.id, item, key), {})
                steps = [tally.get(float(s), 0) for s in range(1, len(survey.scale) + 1)]
                n = sum(steps)
                average = sum(s * c for s, c in enumerate(steps, start=1)) / n if n else None
                outcome.steps[key] = [count(c) for c in steps]
                outcome.mean[key] = mean(average, n)
            out.append(outcome)
    return out


def reflections(store: Store, catalogue: Catalogue) -> dict[str, Figure]:
    found = dict(
        store.con.execute(
            "SELECT element, count(DISTINCT learner) FROM facts WHERE kind = 'reflection' "
            "GROUP BY element"
        ).fetchall()
    )
    return {r: count(found.get(r, 0)) for r in catalogue.reflections}


def reach(store: Store, catalogue: Catalogue) -> list[Reach]:
    """Per page, the learners whose furthest page is this one or a later one."""
    stops = dict(
        store.con.execute("""
            SELECT furthest, count(*) FROM (
              SELECT f.learner, max(p.pos) AS furthest FROM facts AS f
              JOIN m_pages AS p ON p.page = f.element WHERE f.kind = 'page' GROUP BY f.learner)
            GROUP BY furthest""").fetchall()
    )
    out, reached = [], sum(stops.values())
    for position, (page, title) in enumerate(catalogue.pages):
        out.append(Reach(page, title, count(reached)))
        reached -= stops.get(position, 0)
    return out


def time_spent(store: Store) -> Figure:
    [(median, n)] = store.con.execute("""
        SELECT median(seconds)::DOUBLE / 60, count(*) FROM (
          SELECT sum(number) AS seconds FROM facts
          WHERE kind = 'time' AND number IS NOT NULL GROUP BY learner)""").fetchall()
    return mean(median, int(n), "" if n else "no source gave time")
