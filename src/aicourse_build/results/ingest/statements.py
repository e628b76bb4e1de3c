"""xAPI statements (from a file or an LRS) into facts, in SQL.

DuckDB parses the statements into a typed shape (`STATEMENT`), the same for a file it reads
itself and for pages an LRS returns, and one query maps them onto the manuscript's elements by
activity id. The actor is used only to make a key when a statement has no registration
(results/pseudonym.py); no column of the actor, and no free text, is ever selected into a fact.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aicourse_build.results.catalogue import Catalogue
from aicourse_build.results.facts import Kind
from aicourse_build.results.pseudonym import Pseudonyms
from aicourse_build.results.store import Store

VERBS = "http://adlnet.gov/expapi/verbs/"
# What of a statement the mapping reads; everything else (names, actors' accounts apart from the
# key, free text) is never parsed into a column that reaches a fact.
STATEMENT = {
    "id": "VARCHAR",
    "actor": "STRUCT(mbox VARCHAR, mbox_sha1sum VARCHAR, openid VARCHAR, "
    "account STRUCT(homePage VARCHAR, name VARCHAR))",
    "verb": "STRUCT(id VARCHAR)",
    "object": "STRUCT(id VARCHAR)",
    "result": "STRUCT(response VARCHAR, success BOOLEAN, duration VARCHAR, "
    "score STRUCT(raw DOUBLE))",
    "context": "STRUCT(registration VARCHAR, extensions JSON, "
    "contextActivities STRUCT(grouping STRUCT(id VARCHAR)[], parent STRUCT(id VARCHAR)[]))",
    # (context.extensions: see _shape, the extensions the catalogue reads as fields of a struct)
    "timestamp": "VARCHAR",
}
_IFI = (
    "coalesce(s.actor.mbox, s.actor.mbox_sha1sum, s.actor.openid, "
    "s.actor.account.homePage || '/' || s.actor.account.name)"
)


def _ids_table(store: Store, catalogue: Catalogue) -> None:
    """The catalogue's ids as a table to join on, with each question's type and right answer;
    made once per store and catalogue (an LRS pull maps many pages)."""
    exists = store.con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'ids' AND temporary"
    ).fetchone()
    if store.ids_of is catalogue and exists and exists[0]:
        return  # (a rolled-back pull may have taken the table with it: then it is made again)
    store.ids_of = catalogue
    rows = []
    for key, element in catalogue.ids.items():
        question = catalogue.question(element.parent, element.element) if element.parent else None
        rows.append(
            (
                key,
                element.kind.value,
                element.element,
                element.parent,
                question.type if question else None,
                question.answer if question else None,
            )
        )
    store.con.execute(
        "CREATE OR REPLACE TEMP TABLE ids (id VARCHAR, kind VARCHAR, element VARCHAR, "
        "parent VARCHAR, qtype VARCHAR, answer VARCHAR)"
    )
    if rows:
        columns = [list(c) for c in zip(*rows, strict=True)]
        store.con.execute(
            "INSERT INTO ids SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
            "unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
            "unnest(?::VARCHAR[])",
            columns,
        )


def _seconds(expression: str) -> str:
    """An ISO 8601 duration (PT1H2M3.5S) in seconds."""
    parts = []
    for unit, factor in (("H", 3600), ("M", 60), ("S", 1)):
        number = f"try_cast(regexp_extract({expression}, '([0-9.]+){unit}', 1) AS DOUBLE)"
        parts.append(f"coalesce({number}, 0) * {factor}")
    return " + ".join(parts)


def _extensions(catalogue: Catalogue) -> list[str]:
    """The context extensions a fact takes a value from: the attempt's and the version's."""
    seen: dict[str, str] = {}
    for iri in [*catalogue.attempt_iris, *catalogue.version_iris]:
        seen.setdefault(iri.lower(), iri)  # DuckDB's struct fields ignore case
    return sorted(seen.values())


def _shape(catalogue: Catalogue) -> dict[str, str]:
    """STATEMENT, with the extensions the catalogue reads parsed as fields of a struct: read once
    with the statement, instead of the JSON text parsed again per extension and statement (a
    quarter of the time of a national cohort's mapping). A value that is not a string becomes
    its JSON text, as json_extract_string gives it."""
    fields = ", ".join(f"{_identifier(iri)} VARCHAR" for iri in _extensions(catalogue))
    if not fields:
        return STATEMENT
    context = STATEMENT["context"].replace("extensions JSON", f"extensions STRUCT({fields})")
    return {**STATEMENT, "context": context}


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _extension(iri: str) -> str:
    return f"s.context.extensions.{_identifier(iri)}"


def _attempt(catalogue: Catalogue) -> str:
    keys = [_extension(iri) for iri in catalogue.attempt_iris]
    return f"try_cast(coalesce({', '.join(keys)}) AS INTEGER)" if keys else "NULL::INTEGER"


# The verbs of a session: a cmi5 AU says them of the LMS's activity id for the AU (its launch
# parameter, unknown to the manuscript), with the course among its context activities.
SESSION_VERBS = ("completed", "passed", "failed", "terminated", "suspended")


def _courses(catalogue: Catalogue) -> str:
    courses = [key for key, e in catalogue.ids.items() if e.kind is Kind.COMPLETION]
    return "[" + ", ".join("'" + c.replace("'", "''") + "'" for c in courses) + "]::VARCHAR[]"


_CONTEXT = (
    "list_transform(coalesce(s.context.contextActivities.grouping, []) || "
    "coalesce(s.context.contextActivities.parent, []), lambda a: a.id)"
)


def _course_object(catalogue: Catalogue) -> str:
    """The statement's object id, or for a session statement about another activity (a cmi5
    AU's launch id) the course's IRI when the context names it. Only session statements, a few
    per session, reach the list functions (CASE evaluates its branch for matching rows only)."""
    courses = _courses(catalogue)
    verbs = ", ".join(f"'{VERBS}{v}'" for v in SESSION_VERBS)
    return (
        f"CASE WHEN s.verb.id IN ({verbs}) AND NOT list_contains({courses}, s.object.id) "
        f"THEN coalesce(list_filter({_CONTEXT}, lambda x: list_contains({courses}, x))[1], "
        "s.object.id) ELSE s.object.id END"
    )


def _in_course(catalogue: Catalogue) -> str:
    """Whether a launched or initialized statement names the course in its context: this
    course's, though no figure rests on it."""
    verbs = ", ".join(f"'{VERBS}{v}'" for v in ("launched", "initialized"))
    return (
        f"CASE WHEN s.verb.id IN ({verbs}) "
        f"THEN list_has_any({_CONTEXT}, {_courses(catalogue)}) ELSE false END"
    )


def _delimiters(response: str) -> str:
    return f"replace(replace({response}, '[,]', ','), '[.]', '.')"


def canonical_sql(question_type: str, response: str) -> str:
    """results/responses.canonical in SQL: sets and pairs sorted, order kept for ordering."""
    plain = _delimiters(response)
    sorted_ids = f"array_to_string(list_sort(string_split({plain}, ',')), ',')"
    return (
        f"CASE {question_type} WHEN 'multiple' THEN {sorted_ids} WHEN 'matching' THEN "
        f"{sorted_ids} WHEN 'truefalse' THEN lower({plain}) ELSE {plain} END"
    )


def _version(catalogue: Catalogue) -> str:
    keys = [_extension(iri) for iri in catalogue.version_iris]
    return f"coalesce({', '.join(keys)})" if keys else "NULL::VARCHAR"


def _projection(catalogue: Catalogue, pseudonyms: Pseudonyms, relation: str) -> str:
    """One pass over the statements, keeping only what the mapping needs: the actor becomes the
    learner key here (no column of it goes further), free text is dropped unless the activity
    is one whose response is a choice, a step or an option (never a reflection)."""
    learner = (
        "CASE WHEN s.context.registration IS NOT NULL "
        "THEN 'r:' || lower(trim(s.context.registration)) "
        f"ELSE {pseudonyms.sql(_IFI)} END"
    )
    return f"""
    SELECT s.id AS key, {learner} AS learner,
      replace(s.verb.id, '{VERBS}', '') AS verb, {_course_object(catalogue)} AS object,
      {_in_course(catalogue)} AS in_course,
      CASE WHEN s.object.id IN (SELECT id FROM ids WHERE kind IN ('answer', 'survey', 'group'))
           THEN s.result.response END AS response,
      s.result.duration AS duration, {_attempt(catalogue)} AS attempt,
      {_version(catalogue)} AS version,
      try_cast(s.timestamp AS TIMESTAMPTZ)::TIMESTAMP AS stamp
    FROM {relation} AS s
    """


def _mapping(source: str) -> str:
    """SELECT the facts of the projected statements (`staged`), by activity id. The canonical
    response is computed once per answer (it is both the value and what is compared)."""
    canonical = canonical_sql("qtype", "response")
    response = _delimiters("response")
    return f"""
    WITH matched AS (
      SELECT s.*, i.kind, i.element, i.parent, i.qtype, i.answer
      FROM staged AS s JOIN ids AS i ON i.id = s.object
      WHERE (s.verb = 'answered' AND i.kind IN ('answer', 'survey', 'group', 'reflection'))
         OR (s.verb = 'experienced' AND i.kind = 'page')
         OR (s.verb IN {SESSION_VERBS} AND i.kind = 'completion')
    ), answers AS (
      SELECT *, CASE WHEN kind = 'answer' THEN {canonical} END AS canon FROM matched
    )
    SELECT learner,
      CASE WHEN kind = 'completion' AND verb IN ('terminated', 'suspended') THEN 'time'
           ELSE kind END AS kind,
      element, parent,
      CASE WHEN kind = 'answer' THEN attempt END AS attempt,
      CASE WHEN kind = 'answer' THEN canon
           WHEN kind = 'group' THEN {response}
           WHEN kind = 'completion' AND verb NOT IN ('terminated', 'suspended') THEN verb
           END AS value,
      CASE WHEN kind = 'survey' THEN try_cast({response} AS DOUBLE)
           WHEN verb IN ('terminated', 'suspended') THEN {_seconds("duration")} END AS number,
      CASE WHEN kind = 'answer' THEN canon = answer END AS correct,
      stamp,
      '{source}' AS source, version, key
    FROM answers
    """


def _ingest(
    store: Store,
    catalogue: Catalogue,
    pseudonyms: Pseudonyms,
    source: str,
    relation: str,
    keep: bool,
) -> int:
    """Statements of `relation` (rows of STATEMENT, as `s`) into facts; returns how many were
    read. They are projected once into a temporary table, then counted and mapped from it:
    reading the JSON once is most of the time."""
    _ids_table(store, catalogue)
    store.con.execute(
        "CREATE OR REPLACE TEMP TABLE staged AS " + _projection(catalogue, pseudonyms, relation)
    )
    total = store.con.execute("SELECT count(*) FROM staged").fetchone()
    for ours, reason in (
        (False, "statement about an activity not in this course (or another version)"),
        (True, "statement of the course that no figure uses (launched, initialized)"),
    ):
        unknown = store.con.execute(
            "SELECT count(*), min(object) FROM staged "
            "WHERE object NOT IN (SELECT id FROM ids) AND in_course = ?",
            [ours],
        ).fetchone()
        if unknown and unknown[0]:
            store.exclude(reason, int(unknown[0]), str(unknown[1]))
    # a source repeats a statement rarely (an export that overlaps); one count tells. Hashes are
    # counted (twice as fast as strings): a clash of two ids only takes the slower, exact path.
    repeats = store.con.execute(
        "SELECT count(*) > count(DISTINCT hash(key)) FROM staged"
    ).fetchone()
    store.insert(_mapping(source), [], keep, distinct_keys=not (repeats and repeats[0]))
    store.con.execute("DROP TABLE staged")
    return int(total[0]) if total else 0


def _columns(catalogue: Catalogue) -> str:
    def quoted(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    return "{" + ", ".join(f"{quoted(k)}: {quoted(v)}" for k, v in _shape(catalogue).items()) + "}"


def read_statements_file(
    store: Store, catalogue: Catalogue, pseudonyms: Pseudonyms, path: Path
) -> int:
    """A file of statements as an LRS exports them (a JSON array, or one statement a line)."""
    head = path.open("rb").read(64).lstrip()
    layout = "array" if head.startswith(b"[") else "newline_delimited"
    quoted = str(path).replace("'", "''")
    relation = f"read_json('{quoted}', format='{layout}', columns={_columns(catalogue)})"
    return _ingest(store, catalogue, pseudonyms, "xapi", relation, keep=False)


def ingest_statements(
    store: Store,
    catalogue: Catalogue,
    pseudonyms: Pseudonyms,
    statements: list[dict[str, Any]],
    keep: bool = True,
) -> int:
    """Statements an LRS returned (a page of them): parsed into the same shape in the engine."""
    texts = [json.dumps(s) for s in statements]
    store.con.execute("CREATE OR REPLACE TEMP TABLE raw (j VARCHAR)")
    store.con.execute("INSERT INTO raw SELECT unnest(?::VARCHAR[])", [texts])
    schema = json.dumps(_shape(catalogue)).replace("'", "''")
    relation = f"(SELECT unnest(from_json(j, '{schema}')) FROM raw)"
    return _ingest(store, catalogue, pseudonyms, "lrs", relation, keep=keep)
