"""The statement rules (statement_rules.py) on hand-made statements, without a browser: a
conforming cmi5 registration passes; each kind of mistake is named."""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from statement_rules import (
    ADL_VERBS,
    CAT_CMI5,
    CAT_MOVEON,
    EXT_MASTERY,
    EXT_SESSION,
    Cmi5Session,
    cmi5_problems,
    iri_problems,
    object_problems,
    sent_after_end,
    statement_problems,
    tincan_session_problems,
)

ACTOR = {"objectType": "Agent", "account": {"homePage": "https://lms.test", "name": "u1"}}
REG = str(uuid.uuid4())
AU = "https://example.org/xapi/course/au"
ACTIVITY = "https://lms.test/cmi5/aus/1"
COURSE_IRI = "https://example.org/xapi/course"
T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def ts(seconds: float) -> str:
    return (
        (T0 + timedelta(seconds=seconds)).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    )


def session(sid: str = "s1", mode: str = "Normal", mastery: float | None = 0.75) -> Cmi5Session:
    template = {
        "contextActivities": {"grouping": [{"id": AU}]},
        "extensions": {EXT_SESSION: sid},
    }
    return Cmi5Session(sid, REG, ACTIVITY, AU, mode, mastery, template)


def st(
    verb: str,
    at: float,
    sid: str = "s1",
    obj: str = ACTIVITY,
    result: dict[str, Any] | None = None,
    cats: tuple[str, ...] | None = None,
    ext: dict[str, Any] | None = None,
) -> dict[str, Any]:
    cmi5_verbs = ("initialized", "completed", "passed", "failed", "terminated")
    if cats is None:
        cats = (CAT_CMI5,) if verb in cmi5_verbs and obj == ACTIVITY else ()
        if result and ("success" in result or "completion" in result) and cats:
            cats = (*cats, CAT_MOVEON)
    context: dict[str, Any] = {
        "registration": REG,
        "contextActivities": {"grouping": [{"id": AU}]},
        "extensions": {EXT_SESSION: sid, **(ext or {})},
    }
    if cats:
        context["contextActivities"]["category"] = [{"id": c} for c in cats]
    out: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "actor": ACTOR,
        "verb": {"id": ADL_VERBS + verb, "display": {"en-US": verb}},
        "object": {"id": obj, "objectType": "Activity"},
        "context": context,
        "timestamp": ts(at),
    }
    if result is not None:
        out["result"] = result
    return out


def launched(at: float, sid: str = "s1") -> dict[str, Any]:
    return st("launched", at, sid, cats=(CAT_CMI5,))


def good_registration() -> list[dict[str, Any]]:
    return [
        launched(0),
        st("initialized", 1),
        st("experienced", 2, obj=f"{COURSE_IRI}/pages/p1"),
        st("completed", 3, result={"completion": True, "duration": "PT2S"}),
        st(
            "passed",
            4,
            result={"success": True, "duration": "PT3S", "score": {"scaled": 0.8}},
            ext={EXT_MASTERY: 0.75},
        ),
        st("terminated", 5, result={"duration": "PT4S"}),
    ]


def test_a_conforming_registration_passes() -> None:
    sts = good_registration()
    assert cmi5_problems(sts, [session()]) == []
    assert statement_problems(sts, ACTOR, REG, utc=True) == []


def one(problems: list[str], needle: str) -> None:
    assert len(problems) == 1 and needle in problems[0], problems


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda s: s.pop(1), "first statement is not initialized"),
        (lambda s: s.pop(), "last statement is not terminated"),
        (
            lambda s: s.append(st("experienced", 6, obj=f"{COURSE_IRI}/pages/p2")),
            "last statement is not terminated",
        ),
        (
            lambda s: s.insert(
                5,
                st(
                    "failed",
                    4.5,
                    result={"success": False, "duration": "PT1S", "score": {"scaled": 0.1}},
                    ext={EXT_MASTERY: 0.75},
                ),
            ),
            "both passed and failed",
        ),
        (lambda s: s[3]["result"].update(score={"scaled": 1}), "completed has a score"),
        (lambda s: s[3]["result"].pop("duration"), "completed has no result.duration"),
        (lambda s: s[4]["result"].update(score={"scaled": 0.5}), "passed with scaled 0.5"),
        (lambda s: s[4]["context"]["extensions"].pop(EXT_MASTERY), "masteryscore extension"),
        (lambda s: s[5]["result"].pop("duration"), "terminated has no result.duration"),
        (lambda s: s[1].update(result={"success": True}), "initialized has result.success"),
        (
            lambda s: s[2]["context"]["contextActivities"].update(category=[{"id": CAT_CMI5}]),
            "cmi5 category on a statement that is not cmi5 defined",
        ),
        (
            lambda s: s[3]["context"]["contextActivities"].update(category=[{"id": CAT_CMI5}]),
            "not the moveon category",
        ),
        (
            lambda s: s[2]["context"]["extensions"].update({EXT_SESSION: "other"}),
            "session id 'other'",
        ),
        (
            lambda s: s[2]["context"]["contextActivities"].update(grouping=[]),
            "lost the template's",
        ),
        (lambda s: s[3]["object"].update(id=COURSE_IRI), "not about the launch activityId"),
        (lambda s: s.append(st("abandoned", 9)), "only the LMS may"),
        (lambda s: s.pop(0), "0 launched statements"),
    ],
)
def test_each_cmi5_mistake_is_named(change: Any, needle: str) -> None:
    sts = good_registration()
    change(sts)
    problems = cmi5_problems(sts, [session()])
    assert any(needle in p for p in problems), problems


def test_registration_rules_across_sessions() -> None:
    first = good_registration()
    second = [
        launched(10, "s2"),
        st("initialized", 11, "s2"),
        st("completed", 12, "s2", result={"completion": True, "duration": "PT1S"}),
        st(
            "failed",
            13,
            "s2",
            result={"success": False, "duration": "PT1S", "score": {"scaled": 0.2}},
            ext={EXT_MASTERY: 0.75},
        ),
        st("terminated", 14, "s2", result={"duration": "PT3S"}),
    ]
    problems = cmi5_problems(first + second, [session(), session("s2")])
    assert any("completed 2 times in one registration" in p for p in problems), problems
    assert any("failed after passed" in p for p in problems), problems


@pytest.mark.parametrize("mode", ["Browse", "Review"])
def test_browse_and_review_allow_only_initialized_and_terminated(mode: str) -> None:
    sts = good_registration()
    problems = cmi5_problems(sts, [session(mode=mode)])
    assert sum(f"({mode})" in p for p in problems) == 2, problems  # completed, passed
    quiet = [launched(0), st("initialized", 1), st("terminated", 2, result={"duration": "PT1S"})]
    assert cmi5_problems(quiet, [session(mode=mode)]) == []


def test_terminated_duration_must_fit_the_session() -> None:
    sts = good_registration()
    sts[5]["result"]["duration"] = "PT60S"
    one(cmi5_problems(sts, [session()]), "terminated says 60.0 s")


def test_statement_shape_problems() -> None:
    bad = st("experienced", 1, obj="not an iri")
    bad["id"] = "123"
    bad["timestamp"] = "2026-03-01 12:00"
    bad["actor"] = {"mbox": "mailto:someone@example.org"}
    bad["context"]["registration"] = str(uuid.uuid4())
    bad["result"] = {"duration": "12 s", "score": {"raw": 120, "min": 0, "max": 100}}
    problems = statement_problems([bad, copy.deepcopy(bad)], ACTOR, REG)
    for needle in (
        "id is not",
        "timestamp",
        "actor",
        "context.registration",
        "object id",
        "result.duration",
        "score.raw",
        "stored 2 times",
    ):
        assert any(needle in p for p in problems), (needle, problems)
    local = st("initialized", 1)
    local["timestamp"] = "2026-03-01T13:00:00.000+01:00"
    one(statement_problems([local], ACTOR, REG, utc=True), "is not UTC")


def test_tincan_sequence() -> None:
    def tc(verb: str, at: float, obj: str = COURSE_IRI, **kw: Any) -> dict[str, Any]:
        out = st(verb, at, obj=obj, cats=(), **kw)
        out["context"]["contextActivities"] = {"grouping": [{"id": COURSE_IRI}]}
        return out

    good = [
        tc("initialized", 1),
        tc("experienced", 2, obj=f"{COURSE_IRI}/pages/p1"),
        tc("passed", 3, result={"success": True, "score": {"scaled": 1}}),
        tc("terminated", 4),
        tc("resumed", 5),
        tc("suspended", 6),
    ]
    assert tincan_session_problems(good, COURSE_IRI, COURSE_IRI) == []
    late = [*good, tc("experienced", 7, obj=f"{COURSE_IRI}/pages/p2")]
    problems = tincan_session_problems(late, COURSE_IRI, COURSE_IRI)
    assert any("outside a session" in p for p in problems), problems
    orphan = tc("answered", 2.5, obj=f"{COURSE_IRI}/quizzes/q/a")
    orphan["context"]["contextActivities"] = {}
    problems = tincan_session_problems([*good, orphan], COURSE_IRI, COURSE_IRI)
    one(problems, "no course in contextActivities")
    twice = [*good[:3], tc("passed", 3.5, result={"success": True}), *good[3:]]
    one(tincan_session_problems(twice, COURSE_IRI, COURSE_IRI), "passed 2 times")


def test_nothing_may_follow_an_accepted_terminated() -> None:
    init, term = st("initialized", 1), st("terminated", 3, result={"duration": "PT2S"})
    late = st("experienced", 2, obj=f"{COURSE_IRI}/pages/p1")
    assert sent_after_end([(200, [init]), (503, [term]), (200, [late, term])]) == []
    one(sent_after_end([(200, [init, term]), (200, [late])]), "sent after terminated")


CONFIG = {
    "course": {"id": "course"},
    "xapi": {"courseIri": COURSE_IRI},
    "pages": [{"id": "p1", "iri": f"{COURSE_IRI}/pages/p1"}],
    "quizzes": {
        "q": {
            "iri": f"{COURSE_IRI}/quizzes/q",
            "questions": [{"id": "a", "iri": f"{COURSE_IRI}/quizzes/q/a"}],
        }
    },
    "surveys": {},
    "reflections": {"r": {"iri": f"{COURSE_IRI}/reflections/r"}},
    "groups": {"g": {"iri": f"{COURSE_IRI}/groups/g"}},
}


def test_iris_follow_the_base_iri_and_course_id() -> None:
    assert iri_problems(CONFIG, "https://example.org/xapi/", "course") == []
    moved = copy.deepcopy(CONFIG)
    moved["pages"][0]["iri"] = f"{COURSE_IRI}/pages/1"
    one(iri_problems(moved, "https://example.org/xapi/", "course"), "pages/1")


def test_objects_are_config_iris_of_the_right_kind() -> None:
    ok = [
        st("experienced", 1, obj=f"{COURSE_IRI}/pages/p1"),
        st("answered", 2, obj=f"{COURSE_IRI}/quizzes/q/a"),
        st("answered", 3, obj=f"{COURSE_IRI}/groups/g"),
    ]
    assert object_problems(ok, CONFIG, ACTIVITY) == []
    wrong = [
        st("experienced", 1, obj=f"{COURSE_IRI}/quizzes/q/a"),
        st("answered", 2, obj=f"{COURSE_IRI}/questions/a"),
    ]
    problems = object_problems(wrong, CONFIG, ACTIVITY)
    assert len(problems) == 2 and "not a page" in problems[0], problems
