"""Statements into facts: mapped by activity id, identities gone, canonical responses."""

import json
from pathlib import Path
from typing import Any

from aicourse_build.results.catalogue import Catalogue
from aicourse_build.results.ingest.statements import ingest_statements, read_statements_file
from aicourse_build.results.pseudonym import Pseudonyms
from aicourse_build.results.store import Store

BASE = "https://www.vgregion.se/xapi/aicourse/introduktionsutbildning"
EXT = "https://www.vgregion.se/xapi/aicourse/extensions/"
VERB = "http://adlnet.gov/expapi/verbs/"


def _statement(n: int, verb: str, obj: str, **result: Any) -> dict[str, Any]:
    context: dict[str, Any] = {"extensions": {f"{EXT}attempt": 1, f"{EXT}version": "1.0.0"}}
    if n % 2 == 0:
        context["registration"] = f"00000000-0000-4000-8000-00000000000{n}"
    return {
        "id": f"10000000-0000-4000-8000-{n:012d}",
        "actor": {"name": "Anna Andersson", "mbox": f"mailto:anna{n % 3}@example.org"},
        "verb": {"id": VERB + verb},
        "object": {"id": obj},
        "result": result,
        "context": context,
        "timestamp": "2026-12-01T10:00:00Z",
    }


STATEMENTS = [
    _statement(
        0, "answered", f"{BASE}/quizzes/kunskapstest-fore/patient-data", response="d[,]a[,]b"
    ),
    _statement(1, "answered", f"{BASE}/quizzes/kunskapstest-fore/language-model", response="true"),
    _statement(2, "answered", f"{BASE}/groups/yrkesgrupp", response="lakare"),
    _statement(3, "answered", f"{BASE}/reflections/reflektion-risker", response="Min hemliga text"),
    _statement(4, "experienced", f"{BASE}/pages/vad-ar-ai"),
    _statement(5, "terminated", BASE, duration="PT1M30S"),
    _statement(6, "answered", "https://other.example.org/quiz/q1", response="a"),
]


def _rows(store: Store) -> list[tuple[Any, ...]]:
    return store.con.execute(
        "SELECT learner, kind, element, parent, attempt, value, number, correct, version "
        "FROM facts ORDER BY key"
    ).fetchall()


def test_statements_become_facts_without_identities(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "statements.ndjson"
    path.write_text("\n".join(json.dumps(s) for s in STATEMENTS), encoding="utf-8")
    store = Store()
    assert read_statements_file(store, catalogue, Pseudonyms(), path) == 7
    rows = _rows(store)
    assert [r[1:] for r in rows] == [
        ("answer", "patient-data", "kunskapstest-fore", 1, "a,b,d", None, True, "1.0.0"),
        ("answer", "language-model", "kunskapstest-fore", 1, "true", None, False, "1.0.0"),
        ("group", "yrkesgrupp", "", None, "lakare", None, None, "1.0.0"),
        ("reflection", "reflektion-risker", "", None, None, None, None, "1.0.0"),
        ("page", "vad-ar-ai", "", None, None, None, None, "1.0.0"),
        ("time", "introduktionsutbildning", "", None, None, 90.0, None, "1.0.0"),
    ]
    assert rows[0][0] == "r:00000000-0000-4000-8000-000000000000"
    assert rows[1][0].startswith("h:")
    dump = json.dumps(
        [list(map(str, r)) for r in store.con.execute("SELECT * FROM facts").fetchall()]
    )
    for secret in ("Anna", "anna", "example.org", "hemliga"):
        assert secret not in dump
    [excluded] = store.exclusions.values()
    assert excluded.count == 1 and "other.example.org" in excluded.example


def test_a_page_from_an_lrs_maps_the_same_and_duplicates_are_dropped(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    store = Store(tmp_path / "kept.duckdb")
    keys = Pseudonyms()
    ingest_statements(store, catalogue, keys, STATEMENTS[:3])
    ingest_statements(store, catalogue, keys, STATEMENTS[:4])  # three again, one new
    assert store.count("kept.facts") == 4
    as_array = tmp_path / "all.json"
    as_array.write_text(json.dumps(STATEMENTS[:4]), encoding="utf-8")
    assert read_statements_file(store, catalogue, keys, as_array) == 4
    assert store.count("run_facts") == 0  # the same statements, by id


def test_session_statements_of_cmi5_and_tin_can_give_completion_and_time(
    catalogue: Catalogue,
) -> None:
    """A cmi5 AU says its session verbs of the LMS's launch id, with the course in its context;
    a Tin Can session that ends before the course is done is `suspended`, with its duration."""
    au = "https://lms.example.org/cmi5/au/123"  # the activityId of the launch
    course = {"grouping": [{"id": BASE, "objectType": "Activity"}]}

    def cmi5(n: int, verb: str, **result: Any) -> dict[str, Any]:
        found = _statement(n, verb, au, **result)
        found["context"]["contextActivities"] = course
        return found

    statements = [
        cmi5(0, "launched"),  # from the LMS
        cmi5(2, "initialized"),
        cmi5(4, "passed", success=True, duration="PT4M"),
        cmi5(6, "terminated", duration="PT5M"),
        _statement(8, "suspended", BASE, duration="PT7M"),
        _statement(8, "terminated", BASE, duration="PT2M"),
        _statement(1, "terminated", "https://other.example.org/course", duration="PT9M"),
    ]
    statements[-2]["id"] = statements[-2]["id"].replace("0008", "0009")
    store = Store()
    ingest_statements(store, catalogue, Pseudonyms(), statements, keep=False)
    assert [r[1:3] + r[5:7] for r in _rows(store)] == [
        ("completion", "introduktionsutbildning", "passed", None),
        ("time", "introduktionsutbildning", None, 300.0),
        ("time", "introduktionsutbildning", None, 420.0),
        ("time", "introduktionsutbildning", None, 120.0),
    ]
    reasons = {e.reason: e.count for e in store.exclusions.values()}
    assert reasons == {
        "statement of the course that no figure uses (launched, initialized)": 2,
        "statement about an activity not in this course (or another version)": 1,
    }


def test_a_statement_twice_in_one_source_is_one_fact(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "overlapping-export.ndjson"
    twice = [*STATEMENTS[:3], STATEMENTS[1], STATEMENTS[2]]
    path.write_text("\n".join(json.dumps(s) for s in twice), encoding="utf-8")
    store = Store()
    assert read_statements_file(store, catalogue, Pseudonyms(), path) == 5
    assert store.count() == 3
    once = tmp_path / "export.ndjson"
    once.write_text("\n".join(json.dumps(s) for s in STATEMENTS[3:5]), encoding="utf-8")
    assert read_statements_file(store, catalogue, Pseudonyms(), once) == 2
    assert store.count() == 5


def test_extensions_of_any_json_shape_read_as_text_from_a_file_and_an_lrs(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    quiz = f"{BASE}/quizzes/kunskapstest-fore/language-model"
    shapes: list[Any] = [
        {f"{EXT}attempt": "2", f"{EXT}version": "1.1.0"},  # the attempt as a string
        {f"{EXT}attempt": {"n": 1}, "https://other.example.org/x": [1]},  # not a number
        {f"{EXT}ATTEMPT": 3},  # another IRI (case counts in IRIs): no attempt
        {},
        None,
    ]
    statements = []
    for n, extensions in enumerate(shapes):
        statement = _statement(2 * n, "answered", quiz, response="true")
        statement["context"]["extensions"] = extensions
        statements.append(statement)
    path = tmp_path / "statements.ndjson"
    path.write_text("\n".join(json.dumps(s) for s in statements), encoding="utf-8")
    from_file, from_lrs = Store(), Store()
    read_statements_file(from_file, catalogue, Pseudonyms(), path)
    ingest_statements(from_lrs, catalogue, Pseudonyms(), statements, keep=False)
    expected = [(2, "1.1.0"), (None, None), (None, None), (None, None), (None, None)]
    for store in (from_file, from_lrs):
        found = store.con.execute("SELECT attempt, version FROM facts ORDER BY key").fetchall()
        assert found == expected
