"""Measure: what learners did, per group and for everyone, from the `facts` of the store.

The work is SQL in DuckDB over `facts` (millions of rows); Python only assembles the few rows
each query returns into the typed results (results/model.py). Nothing is hidden here: disclosure
control is results/disclose.py, the one place that decides what is shown.

What the figures are (docs/results.md):
- a learner's group in a self-report is their latest answer (by time, then as the facts were
  added); no answer, an empty one or an option the course does not have is "not stated";
- a learner's score on a test is the percent of right answers among the questions they answered
  in their first attempt (the lowest attempt; a source that does not say is attempt 1), so a
  retaken test measures nothing twice; pre- and post-test pair per learner;
- a group's gain is the normalized gain of its means, (post - pre) / (100 - pre); its effect size
  is paired: the mean of the differences over their sample standard deviation;
- question figures count every first attempt at that test, paired or not.
"""

from __future__ import annotations

from typing import Any

from aicourse_build.results.by_group import LATEST, by_group, count, mean
from aicourse_build.results.catalogue import Catalogue
from aicourse_build.results.engagement import reach, reflections, surveys, time_spent
from aicourse_build.results.model import (
    NOT_STATED,
    OVERALL,
    Figure,
    GroupOutcome,
    QuestionOutcome,
    Results,
)
from aicourse_build.results.store import Store

# "already known": at least this share answered right before the course, so the question can
# show little of what the course taught (a ceiling).
ALREADY_KNOWN = 0.9
# "not learned": the share right rose by less than this (ten percentage points) ...
NOT_LEARNED_RISE = 0.1
# ... and is still below this after the course: most learners still get it wrong.
NOT_LEARNED_BELOW = 0.6
# A point-biserial coefficient from fewer learners is mostly noise: its standard error is about
# 1/sqrt(n), so at 100 learners a coefficient is known to about +-0.2.
DISCRIMINATION_MIN = 100
CHOICE_TYPES = ("single", "multiple")  # question types whose wrong choices are counted
_EPSILON = 1e-9  # floating-point zero, for a standard deviation or a distance from 100 percent
_WORDS = {"sv": ("Alla", "Ej angivet"), "en": ("Everyone", "Not stated")}


def measure(
    store: Store, catalogue: Catalogue, sources: list[str], min_group: int = 5, min_mean: int = 10
) -> Results:
    """Every figure of a course's results, unprotected: pass the result through `disclose`."""
    con = store.con
    pre = catalogue.pre.id if catalogue.pre else ""
    post = catalogue.post.id if catalogue.post else ""
    everyone, not_stated = _WORDS.get(catalogue.lang, _WORDS["en"])
    # a self-report nobody answered (the administration of vgr in public's data) is left out:
    # it would only say that everyone did not state it, at the cost of a second pass per table
    query = "SELECT DISTINCT element FROM facts WHERE kind = 'group'"
    answered = {d for (d,) in con.execute(query).fetchall()}
    labels = {
        d: {**dim.options, NOT_STATED: not_stated}
        for d, dim in catalogue.dimensions.items()
        if d in answered
    }
    _table(store, "m_options", "dimension VARCHAR, option VARCHAR",
           [(d, o) for d in labels for o in catalogue.dimensions[d].options])  # fmt: skip
    _prepare(store, catalogue, pre, post)
    [(seen,)] = con.execute("SELECT count(DISTINCT learner) FROM facts").fetchall()
    results = Results(
        catalogue.course, catalogue.title, catalogue.version, list(sources), count(seen),
        groups=_groups(store, labels, everyone),
        questions=_questions(store, catalogue, pre, post),
        surveys=surveys(store, catalogue, labels),
        reflections=reflections(store, catalogue),
        reach=reach(store, catalogue),
        time_minutes=time_spent(store),
        exclusions=_exclusions(store, pre, post),
        labels=labels, min_group=min_group, min_mean=min_mean,
    )  # fmt: skip
    for table in ("m_options", "m_pages", "m_groups", "m_answers", "m_scores", "m_pairs"):
        con.execute(f"DROP TABLE IF EXISTS {table}")  # the large ones hold memory otherwise
    return results


def _table(store: Store, name: str, columns: str, rows: list[tuple[Any, ...]]) -> None:
    store.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({columns})")
    if rows:
        marks = ", ".join("?" for _ in rows[0])
        store.con.executemany(f"INSERT INTO {name} VALUES ({marks})", rows)


def _prepare(store: Store, catalogue: Catalogue, pre: str, post: str) -> None:
    """Per learner: group in each self-report, first-attempt answers, scores, pairs."""
    pages = [(page, i) for i, (page, _title) in enumerate(catalogue.pages)]
    _table(store, "m_pages", "page VARCHAR, pos INTEGER", pages)
    con = store.con
    # row_number() OVER () numbers the facts as the scan returns them: the order they were added
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE m_groups AS
        WITH said AS (SELECT learner, element AS dimension, value, stamp,
                             row_number() OVER () AS seq FROM facts WHERE kind = 'group'),
        latest AS (SELECT * FROM said QUALIFY row_number() OVER
                   (PARTITION BY learner, dimension {LATEST}, seq DESC) = 1)
        SELECT l.learner, l.dimension, coalesce(o.option, '{NOT_STATED}') AS grp
        FROM latest AS l LEFT JOIN m_options AS o
          ON o.dimension = l.dimension AND o.option = l.value""")
    # Per learner, test and question: the answer of the first attempt, the latest when it was
    # given more than once (ties: the smallest value). A GROUP BY with min_by is faster at a
    # national scale than windows over every answer.
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE m_answers AS
        WITH per AS (
          SELECT learner, parent AS test, element AS question, coalesce(attempt, 1) AS attempt,
                 min_by({'value': value, 'correct': coalesce(correct, false)},
                        {'at': coalesce(-epoch_us(stamp), 9223372036854775807), 'value': value})
                   AS pick
          FROM facts WHERE kind = 'answer' AND parent IN (?, ?) GROUP BY ALL),
        first AS (SELECT learner, test, min(attempt) AS attempt FROM per GROUP BY ALL)
        SELECT learner, test, question, pick.value AS value, pick.correct AS correct
        FROM per JOIN first USING (learner, test, attempt)""",
        [pre, post],
    )
    con.execute("""
        CREATE OR REPLACE TEMP TABLE m_scores AS
        SELECT learner, test, count(*) AS answered, count_if(correct) AS right,
               100.0 * count_if(correct) / count(*) AS score
        FROM m_answers GROUP BY learner, test""")
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE m_pairs AS
        SELECT a.learner, a.score AS pre, b.score AS post, b.score - a.score AS diff
        FROM m_scores AS a JOIN m_scores AS b ON b.learner = a.learner
        WHERE a.test = ? AND b.test = ?""",
        [pre, post],
    )


def _groups(store: Store, labels: dict[str, dict[str, str]], everyone: str) -> list[GroupOutcome]:
    stats = (
        "count(*), avg(pre), avg(post), avg(diff), stddev_samp(diff), "
        "count_if(diff > 0), count_if(diff = 0), count_if(diff < 0)"
    )
    found = {(r[0], r[1]): r[2:] for r in store.con.execute(by_group(stats, "m_pairs")).fetchall()}
    rows = [(OVERALL, OVERALL, everyone)]
    rows += [(d, g, label) for d, names in labels.items() for g, label in names.items()]
    return [_outcome(d, g, label, found.get((d, g))) for d, g, label in rows]


def _outcome(dimension: str, group: str, label: str, row: tuple[Any, ...] | None) -> GroupOutcome:
    n, pre, post, shift, spread, up, same, down = row or (0, None, None, None, None, 0, 0, 0)
    gain = None if pre is None or pre > 100 - _EPSILON else (post - pre) / (100 - pre)
    steady = n >= 2 and spread is not None and spread <= _EPSILON
    effect = shift / spread if n >= 2 and not steady else None
    gain_why, effect_why = "pre-test mean is 100", "no variation" if steady else "fewer than 2"
    return GroupOutcome(
        dimension, group, label, count(n), mean(pre, n), mean(post, n),
        mean(gain, n, gain_why if n else ""), mean(effect, n, effect_why if n else ""),
        count(up), count(same), count(down),
    )  # fmt: skip


def _questions(store: Store, catalogue: Catalogue, pre: str, post: str) -> list[QuestionOutcome]:
    if catalogue.post is None:
        return []
    con = store.con
    items = {
        (r[0], r[1]): r[2:]
        for r in con.execute("""
            SELECT a.test, a.question, count(*), avg(a.correct::INTEGER),
                   count(*) FILTER (WHERE s.answered > 1),
                   corr(a.correct::INTEGER::DOUBLE,
                        100.0 * (s.right - a.correct::INTEGER) / (s.answered - 1))
                     FILTER (WHERE s.answered > 1)
            FROM m_answers AS a JOIN m_scores AS s USING (learner, test) GROUP BY ALL""").fetchall()
    }
    choice = [q.id for q in catalogue.post.questions if q.type in CHOICE_TYPES]
    picked = {
        (r[0], r[1], r[2]): int(r[3])
        for r in con.execute(
            """
            SELECT test, question, choice, count(*) FROM (
              SELECT test, question, unnest(string_split(value, ',')) AS choice FROM m_answers
              WHERE question IN (SELECT unnest(?::VARCHAR[])) AND value <> '')
            GROUP BY ALL""",
            [choice],
        ).fetchall()
    }
    out = []
    for q in catalogue.post.questions:
        (n_pre, *before), (n_post, *after) = (
            items.get((test, q.id), (0, None, 0, None)) for test in (pre, post)
        )
        right = set(q.answer.split(","))
        wrong = {
            c: (count(picked.get((pre, q.id, c), 0)), count(picked.get((post, q.id, c), 0)))
            for c in q.choices
            if q.type in CHOICE_TYPES and c not in right
        }
        pre_n, post_n = count(n_pre), count(n_post)
        shares = (mean(before[0], n_pre), mean(after[0], n_post))
        spread = (_discrimination(before[1], before[2]), _discrimination(after[1], after[2]))
        outcome = QuestionOutcome(post, q.id, q.prompt, pre_n, post_n, *shares, *spread, wrong)
        outcome.flags = flags(outcome.difficulty_pre.value, outcome.difficulty_post.value)
        out.append(outcome)
    return out


def _discrimination(n: int, value: float | None) -> Figure:
    if n < DISCRIMINATION_MIN:
        return mean(None, n, f"fewer than {DISCRIMINATION_MIN}")
    if value is None or value != value:  # NaN: everyone right, or every rest score alike
        return mean(None, n, "no variation")
    return mean(value, n)


def flags(before: float | None, after: float | None) -> list[str]:
    """What a steering group should look at in a question, from its shares right."""
    found = []
    if before is not None and before >= ALREADY_KNOWN - _EPSILON:
        found.append("already known")
    if before is None or after is None:
        return found
    # shares are ratios of counts: 0.5 - 0.4 is 0.0999..., and must count as a rise of 0.1
    if after - before < NOT_LEARNED_RISE - _EPSILON and after < NOT_LEARNED_BELOW - _EPSILON:
        found.append("not learned")
    return found


def _exclusions(store: Store, pre: str, post: str) -> list[tuple[str, int]]:
    out = [(e.reason, e.count) for e in store.exclusions.values()]
    if not pre or not post:
        return out
    [(post_only, pre_only)] = store.con.execute(
        """
        SELECT count_if(took_post AND NOT took_pre), count_if(took_pre AND NOT took_post)
        FROM (SELECT bool_or(test = ?) AS took_pre, bool_or(test = ?) AS took_post
              FROM m_scores GROUP BY learner)""",
        [pre, post],
    ).fetchall()
    for reason, n in (
        ("post-test without a pre-test", post_only),
        ("pre-test without a post-test, not paired", pre_only),
    ):
        if n:
            out.append((reason, int(n)))
    return out
